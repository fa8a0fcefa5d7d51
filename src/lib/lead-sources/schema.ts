import { z } from 'zod';
import type { MessageKey } from '$lib/i18n/translate';

const message = (key: MessageKey) => ({ error: key });

export const leadSourceSchema = z.object({
	id: z.guid(),
	name: z.string()
});

export type LeadSource = z.infer<typeof leadSourceSchema>;

/** A new source typed next to the source select; mirrors lead_sources_name_length. */
export const newLeadSourceSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, message('validation.leadSource.nameRequired'))
		.max(100, message('validation.tooLong'))
});

export type NewLeadSource = z.infer<typeof newLeadSourceSchema>;
