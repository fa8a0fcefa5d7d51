/**
 * Serving an object the way storage-api's renderers do: the bytes with their recorded headers
 * (ranges, conditional requests, `?download` as an attachment), HEAD's headers only, or the
 * JSON of `/object/info`.
 */
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { sendJson, type ServiceRequest } from '../http.ts';
import type { ByteRange, Disk } from './disk.ts';
import type { ObjectRow } from './queries.ts';

export interface AssetOptions {
	/** `?download` (`''` for the stored name) or `null` to display inline. */
	download: string | null;
	/** For signed URLs: an Expires header at the token's expiry instead of Cache-Control. */
	expires?: Date;
}

function metadataHeaders(object: ObjectRow): Record<string, string> {
	const metadata = object.metadata ?? {};
	const headers: Record<string, string> = {
		'accept-ranges': 'bytes',
		'content-type': metadata.mimetype ?? 'application/octet-stream',
		'x-robots-tag': 'none'
	};
	if (metadata.eTag) headers.etag = metadata.eTag;
	const lastModified = metadata.lastModified ? new Date(metadata.lastModified) : undefined;
	if (lastModified && !Number.isNaN(lastModified.getTime())) {
		headers['last-modified'] = lastModified.toUTCString();
	}
	return headers;
}

export async function sendAsset(
	request: ServiceRequest,
	disk: Disk,
	object: ObjectRow,
	options: AssetOptions
): Promise<void> {
	const { res } = request;
	const size = await disk.size(object.bucket_id, object.name);
	if (size === undefined) {
		// A row without bytes renders like storage-api's backend 404.
		sendJson(
			res,
			400,
			{
				error: 'Not found',
				message: 'The resource was not found',
				statusCode: '404',
				code: 'NoSuchKey'
			},
			{ 'cache-control': 'no-store' }
		);
		return;
	}
	const headers = metadataHeaders(object);
	if (options.expires) headers.expires = options.expires.toUTCString();
	else if (object.metadata?.cacheControl) headers['cache-control'] = object.metadata.cacheControl;
	if (options.download !== null)
		headers['content-disposition'] = contentDisposition(options.download);

	const ifNoneMatch = request.headers['if-none-match'];
	if (headers.etag && ifNoneMatch === headers.etag) {
		res.writeHead(304, headers);
		res.end();
		return;
	}
	const range = parseRange(request.headers.range, size);
	if (range) {
		headers['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
		headers['content-length'] = String(range.end - range.start + 1);
	} else {
		headers['content-length'] = String(size);
	}
	res.writeHead(range ? 206 : 200, headers);
	await pipeline(disk.read(object.bucket_id, object.name, range), res);
}

export function sendHead(res: ServerResponse, object: ObjectRow): void {
	const headers = metadataHeaders(object);
	const metadata = object.metadata ?? {};
	if (metadata.cacheControl) headers['cache-control'] = metadata.cacheControl;
	if (metadata.contentLength !== undefined)
		headers['content-length'] = String(metadata.contentLength);
	res.writeHead(200, headers);
	res.end();
}

export function sendInfo(res: ServerResponse, object: ObjectRow): void {
	const metadata = object.metadata ?? {};
	const headers: Record<string, string> = {};
	if (metadata.eTag) headers.etag = metadata.eTag;
	if (metadata.cacheControl) headers['cache-control'] = metadata.cacheControl;
	sendJson(
		res,
		200,
		{
			id: object.id,
			name: object.name,
			version: object.version,
			bucket_id: object.bucket_id,
			size: metadata.size ?? null,
			content_type: metadata.mimetype ?? null,
			cache_control: metadata.cacheControl ?? null,
			etag: metadata.eTag ?? null,
			metadata: object.user_metadata,
			last_modified: object.updated_at,
			created_at: object.created_at
		},
		headers
	);
}

function contentDisposition(download: string): string {
	if (download === '') return 'attachment;';
	const encoded = encodeURIComponent(download);
	return `attachment; filename=${encoded}; filename*=UTF-8''${encoded}`;
}

/** One `bytes=` range within the file; anything else is ignored and the whole file is sent. */
function parseRange(header: string | undefined, size: number): ByteRange | undefined {
	const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
	if (!match || (match[1] === '' && match[2] === '') || size === 0) return undefined;
	const [start, end] =
		match[1] === ''
			? [Math.max(0, size - Number(match[2])), size - 1]
			: [Number(match[1]), match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)];
	return start <= end && start < size ? { start, end } : undefined;
}
