import { z } from 'zod';

/** A file attached to a lead (design.md §3); the bytes live in bucket lead-attachments. */
export const leadAttachmentSchema = z.object({
	id: z.guid(),
	lead_id: z.guid(),
	object_path: z.string(),
	file_name: z.string(),
	mime_type: z.string().nullable(),
	size: z.number(),
	created_at: z.iso.datetime({ offset: true }),
	uploader: z.object({ id: z.guid(), full_name: z.string() }).nullable()
});

export type LeadAttachment = z.infer<typeof leadAttachmentSchema>;

export const leadAttachmentColumns =
	'id, lead_id, object_path, file_name, mime_type, size, created_at, uploader:staff(id, full_name)';

/** What is recorded about a file once its bytes are stored. */
export const newLeadAttachmentSchema = z.object({
	object_path: z.string().min(1),
	file_name: z.string().trim().min(1).max(255),
	mime_type: z.string().max(255).nullable(),
	size: z.number().int().min(0)
});

export type NewLeadAttachment = z.infer<typeof newLeadAttachmentSchema>;

export const attachmentBucket = 'lead-attachments';
