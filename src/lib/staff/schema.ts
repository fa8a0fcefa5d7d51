import { z } from 'zod';

/** A colleague as pickers and lists show them. */
export const staffMemberSchema = z.object({
	id: z.guid(),
	full_name: z.string(),
	email: z.string().nullable()
});

export type StaffMember = z.infer<typeof staffMemberSchema>;
