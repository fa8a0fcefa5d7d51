/**
 * Reading the file of an upload request as storage-api does (multipart from browsers, raw bodies
 * from servers), over a real HTTP connection so streaming and draining are exercised too.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageError } from '../../local-supabase/storage/errors.ts';
import {
	discardRest,
	readUploadBody,
	type UploadLimits
} from '../../local-supabase/storage/upload-body.ts';

let limits: UploadLimits = { maxSize: 1024, allowedMimeTypes: [] };
let server: http.Server;
let url: string;

beforeAll(async () => {
	server = http.createServer(async (req, res) => {
		let reply: unknown;
		try {
			const body = await readUploadBody(req, limits);
			const { stream, ...rest } = body;
			reply = { ...rest, content: await text(stream) };
		} catch (error) {
			discardRest(req);
			reply = { error: (error as StorageError).body.code };
		}
		res.end(JSON.stringify(reply));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

async function post(body: BodyInit, headers: Record<string, string> = {}) {
	const response = await fetch(url, { method: 'POST', body, headers });
	return (await response.json()) as Record<string, unknown>;
}

describe('multipart uploads', () => {
	it('take the file part named "" with the fields before it, as storage-js sends them', async () => {
		limits = { maxSize: 1024, allowedMimeTypes: [] };
		const form = new FormData();
		form.append('cacheControl', '60');
		form.append('metadata', JSON.stringify({ lead: 'acme' }));
		form.append('', new Blob(['hello'], { type: 'text/plain' }));
		expect(await post(form)).toMatchObject({
			content: 'hello',
			mimeType: 'text/plain',
			cacheControl: 'max-age=60',
			userMetadata: { lead: 'acme' }
		});
	});

	it('take a part named "file" too, with a contentType field overriding the part’s type', async () => {
		const form = new FormData();
		form.append('contentType', 'image/png');
		form.append('file', new Blob(['png']), 'picture.png');
		expect(await post(form)).toMatchObject({
			content: 'png',
			mimeType: 'image/png',
			cacheControl: 'no-cache'
		});
	});

	it('refuse a form without a file and types the bucket does not allow', async () => {
		const fieldsOnly = new FormData();
		fieldsOnly.append('cacheControl', '60');
		expect(await post(fieldsOnly)).toEqual({ error: 'InvalidRequest' });

		limits = { maxSize: 1024, allowedMimeTypes: ['image/*'] };
		const pdf = new FormData();
		pdf.append('', new Blob(['%PDF'], { type: 'application/pdf' }));
		expect(await post(pdf)).toEqual({ error: 'InvalidMimeType' });
	});
});

describe('raw uploads', () => {
	it('take type, cache control and base64 JSON metadata from the headers', async () => {
		limits = { maxSize: 1024, allowedMimeTypes: [] };
		expect(
			await post('a,b', {
				'content-type': 'text/csv',
				'cache-control': 'max-age=5',
				'x-metadata': Buffer.from('{"source":"import"}').toString('base64')
			})
		).toMatchObject({
			content: 'a,b',
			mimeType: 'text/csv',
			cacheControl: 'max-age=5',
			userMetadata: { source: 'import' },
			declaredLength: 3
		});
	});

	it('refuse a declared size over the limit before reading, and still answer', async () => {
		limits = { maxSize: 10, allowedMimeTypes: [] };
		expect(
			await post(Buffer.alloc(64 * 1024), { 'content-type': 'application/octet-stream' })
		).toEqual({ error: 'EntityTooLarge' });
	});
});
