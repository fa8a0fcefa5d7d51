import { z } from 'zod';

/** A lead status as the database keeps it (design.md §3); `key` marks the built-in ones. */
export const leadStatusSchema = z.object({
	id: z.guid(),
	key: z.string().nullable(),
	name: z.string(),
	color: z.string(),
	position: z.number(),
	kind: z.enum(['open', 'converted'])
});

export type LeadStatus = z.infer<typeof leadStatusSchema>;

export const leadStatusColumns = 'id, key, name, color, position, kind';
