/** What may be attached, where it is stored, how sizes read, and how storage failures are coded. */
import { describe, expect, it } from 'vitest';
import {
	attachmentObjectPath,
	checkAttachmentFile,
	formatFileSize,
	maxAttachmentBytes
} from '../../src/lib/lead-attachments/file-rules.ts';
import {
	fromStorageError,
	fromUploadResponse
} from '../../src/lib/lead-attachments/storage-error.ts';
import { errorMessageKey } from '../../src/lib/query/request-error.ts';

const leadId = '00000000-0000-4000-b000-000000000012';
const uniqueId = '7d1f7f1e-0c1a-4a43-9a51-7cf0b3f1f0aa';

describe('checkAttachmentFile', () => {
	it('accepts documents, images and archives up to the limit', () => {
		for (const name of ['Angebot.pdf', 'foto.JPG', 'liste.xlsx', 'mail.eml', 'paket.zip']) {
			expect(checkAttachmentFile({ name, size: 1200 }), name).toBeUndefined();
		}
		expect(checkAttachmentFile({ name: 'gross.pdf', size: maxAttachmentBytes })).toBeUndefined();
	});

	it('refuses files over 25 MiB', () => {
		expect(checkAttachmentFile({ name: 'gross.pdf', size: maxAttachmentBytes + 1 })).toBe(
			'tooLarge'
		);
	});

	it('refuses empty files', () => {
		expect(checkAttachmentFile({ name: 'leer.txt', size: 0 })).toBe('emptyFile');
	});

	it('refuses executables, scripts and files without an extension', () => {
		for (const name of ['setup.exe', 'run.sh', 'makro.js', 'README', 'bild.svg', 'pdf']) {
			expect(checkAttachmentFile({ name, size: 10 }), name).toBe('typeNotAllowed');
		}
	});

	it('names the type before the size, so a wrong type is never called too large', () => {
		expect(checkAttachmentFile({ name: 'riesig.exe', size: maxAttachmentBytes * 2 })).toBe(
			'typeNotAllowed'
		);
	});
});

describe('attachmentObjectPath', () => {
	it('puts the file in the lead folder with a unique prefix', () => {
		expect(attachmentObjectPath(leadId, uniqueId, 'Angebot-2026.pdf')).toBe(
			`${leadId}/${uniqueId}-Angebot-2026.pdf`
		);
	});

	it('keeps only characters every storage key accepts', () => {
		expect(attachmentObjectPath(leadId, uniqueId, 'Größe & Maße (final) #2.pdf')).toBe(
			`${leadId}/${uniqueId}-Grosse-Masse-final-2.pdf`
		);
	});

	it('never makes a dot segment or an empty name', () => {
		expect(attachmentObjectPath(leadId, uniqueId, '..')).toBe(`${leadId}/${uniqueId}-file`);
		expect(attachmentObjectPath(leadId, uniqueId, '日本語.pdf')).toBe(`${leadId}/${uniqueId}-pdf`);
	});

	it('keeps the end of a very long name, where the extension is', () => {
		const path = attachmentObjectPath(leadId, uniqueId, `${'a'.repeat(300)}.docx`);
		expect(path.endsWith('.docx')).toBe(true);
		expect(path.length).toBeLessThan(250);
	});
});

describe('formatFileSize', () => {
	it('reads in the locale, in steps of 1024', () => {
		expect(formatFileSize(512, 'de')).toBe('512 Byte');
		expect(formatFileSize(512, 'en')).toBe('512 byte');
		expect(formatFileSize(1536, 'de')).toBe('1,5 kB');
		expect(formatFileSize(1536, 'en')).toBe('1.5 kB');
		expect(formatFileSize(maxAttachmentBytes, 'de')).toBe('25 MB');
	});
});

describe('storage errors', () => {
	it('read like database errors: denied, missing, network', () => {
		expect(errorMessageKey(fromUploadResponse(400, '{"statusCode":"403","error":"x"}'))).toBe(
			'error.forbidden'
		);
		expect(
			errorMessageKey(
				fromStorageError({ name: 'StorageApiError', message: 'x', statusCode: '404' } as Error)
			)
		).toBe('error.notFoundOrHidden');
		expect(errorMessageKey(fromUploadResponse(0, ''))).toBe('error.network');
		expect(errorMessageKey(fromStorageError({ name: 'StorageUnknownError', message: 'x' }))).toBe(
			'error.network'
		);
	});

	it('mark a size refusal, and survive a body that is no JSON', () => {
		expect(fromUploadResponse(413, '<html>too large</html>').code).toBe('storage.too_large');
		expect(fromUploadResponse(400, '{"statusCode":"413","message":"too big"}')).toMatchObject({
			code: 'storage.too_large',
			message: 'too big'
		});
	});
});
