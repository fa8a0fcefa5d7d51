import type { Locale } from '$lib/i18n/locales';

/** The bucket's and lead_attachments_size_bounded's ceiling: 25 MiB. */
export const maxAttachmentBytes = 25 * 1024 * 1024;

/**
 * File types a lead's attachments may have, by extension (browsers report no or differing MIME
 * types for e-mails and office files): documents, images, text and archives, nothing executable.
 */
export const allowedAttachmentExtensions = [
	'pdf',
	'png',
	'jpg',
	'jpeg',
	'gif',
	'webp',
	'txt',
	'csv',
	'rtf',
	'doc',
	'docx',
	'xls',
	'xlsx',
	'ppt',
	'pptx',
	'odt',
	'ods',
	'odp',
	'eml',
	'msg',
	'zip'
] as const;

export type AttachmentRejection = 'tooLarge' | 'emptyFile' | 'typeNotAllowed';

/** Why a file cannot be attached, or undefined when it can. */
export function checkAttachmentFile(file: {
	name: string;
	size: number;
}): AttachmentRejection | undefined {
	const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
	if (!(allowedAttachmentExtensions as readonly string[]).includes(extension)) {
		return 'typeNotAllowed';
	}
	if (file.size === 0) return 'emptyFile';
	if (file.size > maxAttachmentBytes) return 'tooLarge';
	return undefined;
}

/**
 * The object name in bucket lead-attachments: `<lead_id>/<uuid>-<file name>`, the file name
 * reduced to characters every storage backend accepts in keys (the row keeps the real name).
 */
export function attachmentObjectPath(leadId: string, uniqueId: string, fileName: string): string {
	const safeName = fileName
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/ß/g, 'ss')
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^[-.]+/, '')
		.slice(-120);
	return `${leadId}/${uniqueId}-${safeName || 'file'}`;
}

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** "1,5 MB" / "1.5 MB", in steps of 1024 as file managers count. */
export function formatFileSize(bytes: number, locale: Locale): string {
	let unit = 0;
	let value = bytes;
	while (value >= 1024 && unit < byteUnits.length - 1) {
		value /= 1024;
		unit += 1;
	}
	return new Intl.NumberFormat(locale, {
		style: 'unit',
		unit: byteUnits[unit],
		unitDisplay: 'short',
		maximumFractionDigits: unit === 0 ? 0 : 1
	}).format(value);
}
