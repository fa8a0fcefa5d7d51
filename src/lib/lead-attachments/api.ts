import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import {
	attachmentBucket,
	leadAttachmentColumns,
	leadAttachmentSchema,
	newLeadAttachmentSchema,
	type LeadAttachment,
	type NewLeadAttachment
} from './schema';
import { fromStorageError } from './storage-error';

/** How long a download link stays valid: long enough to start the download, no longer. */
const downloadLinkSeconds = 60;

/** The attachments of a lead, newest first. */
export async function fetchLeadAttachments(
	client: LeadwerkClient,
	leadId: string
): Promise<LeadAttachment[]> {
	const { data } = await client
		.from('lead_attachments')
		.select(leadAttachmentColumns)
		.eq('lead_id', leadId)
		.order('created_at', { ascending: false })
		.throwOnError();
	return z.array(leadAttachmentSchema).parse(data);
}

/**
 * A URL the browser may PUT the file's bytes to. Storage checks the caller's right to upload to
 * the lead's folder when signing, so a lead the caller may not see fails here.
 */
export async function createUploadUrl(client: LeadwerkClient, objectPath: string): Promise<string> {
	const { data, error } = await client.storage
		.from(attachmentBucket)
		.createSignedUploadUrl(objectPath);
	if (error) throw fromStorageError(error);
	return data.signedUrl;
}

/** Records stored bytes as an attachment of the lead (the activity log follows by trigger). */
export async function insertLeadAttachment(
	client: LeadwerkClient,
	leadId: string,
	attachment: NewLeadAttachment
): Promise<void> {
	await client
		.from('lead_attachments')
		.insert({ lead_id: leadId, ...newLeadAttachmentSchema.parse(attachment) })
		.throwOnError();
}

/** Removes stored bytes that no attachment row refers to (an upload whose recording failed). */
export async function removeStoredFile(client: LeadwerkClient, objectPath: string): Promise<void> {
	const { error } = await client.storage.from(attachmentBucket).remove([objectPath]);
	if (error) throw fromStorageError(error);
}

/** Deletes the file first, then its row, so no row ever points to missing bytes for long. */
export async function deleteLeadAttachment(
	client: LeadwerkClient,
	attachment: Pick<LeadAttachment, 'id' | 'object_path'>
): Promise<void> {
	await removeStoredFile(client, attachment.object_path);
	await client.from('lead_attachments').delete().eq('id', attachment.id).throwOnError();
}

/** A short-lived link that downloads the file under its original name. */
export async function createDownloadUrl(
	client: LeadwerkClient,
	attachment: Pick<LeadAttachment, 'object_path' | 'file_name'>
): Promise<string> {
	const { data, error } = await client.storage
		.from(attachmentBucket)
		.createSignedUrl(attachment.object_path, downloadLinkSeconds);
	if (error) throw fromStorageError(error);
	// storage-js's own `download` option encodes the name twice (URLSearchParams, then
	// encodeURI), so "März.pdf" would arrive as "M%C3%A4rz.pdf"; added here it is encoded once.
	const url = new URL(data.signedUrl);
	url.searchParams.set('download', attachment.file_name);
	return url.toString();
}
