/**
 * The file in an upload request, as storage-api reads it: a browser multipart form (fields
 * `cacheControl`, `metadata` / `userMetadata`, `contentType` before the first file part, whatever
 * that part's field name, usually `""`) or the raw body with `content-type`, `cache-control` and
 * a base64 JSON `x-metadata`. The bytes stay a stream; nothing is buffered.
 */
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { errors } from './errors.ts';
import { parseBase64JsonObject, parseJsonObject } from './input.ts';
import { mustBeAllowedMimeType } from './validate.ts';

export interface UploadBody {
	stream: Readable;
	mimeType: string;
	cacheControl: string;
	userMetadata?: Record<string, unknown>;
	/** The request's Content-Length, which storage-api shows RLS policies as contentLength. */
	declaredLength?: number;
}

export interface UploadLimits {
	/** Bytes; a larger file fails with EntityTooLarge when it is staged. */
	maxSize: number;
	/** Empty means any type. */
	allowedMimeTypes: string[];
}

const maxUserMetadataBytes = 1024 * 1024;
const streamChunkBytes = 1024 * 1024;

export async function readUploadBody(
	req: IncomingMessage,
	limits: UploadLimits
): Promise<UploadBody> {
	const contentType = req.headers['content-type'];
	const declaredLength = contentLengthOf(req);
	const body = contentType?.startsWith('multipart/form-data')
		? await readMultipart(req, limits)
		: readRaw(req);
	try {
		if (limits.allowedMimeTypes.length > 0) {
			mustBeAllowedMimeType(body.mimeType, limits.allowedMimeTypes);
		}
		// A raw body's declared size is known up front (a multipart file's only while staging).
		if (body.stream === req && declaredLength !== undefined && declaredLength > limits.maxSize) {
			throw errors.entityTooLarge();
		}
	} catch (error) {
		discardRest(req, { ...body, declaredLength });
		throw error;
	}
	// A client that goes away mid-upload closes the file stream early, which fails the staging
	// (destroying without an error: nobody may be listening for one yet).
	req.once('close', () => {
		if (!req.complete) body.stream.destroy();
	});
	return { ...body, declaredLength };
}

/**
 * Lets the rest of an unread request body drain, so the error response reaches the client on a
 * connection that stays usable (instead of resetting it mid-upload).
 */
export function discardRest(req: IncomingMessage, body?: UploadBody): void {
	if (body && body.stream !== req) {
		body.stream.unpipe();
		body.stream.resume();
	}
	if (!req.readableEnded && req.listenerCount('data') === 0) req.resume();
}

function readRaw(req: IncomingMessage): Omit<UploadBody, 'declaredLength'> {
	return {
		stream: req,
		mimeType: req.headers['content-type'] || 'application/octet-stream',
		cacheControl: req.headers['cache-control'] ?? 'no-cache',
		userMetadata: parseBase64JsonObject(req.headers['x-metadata'])
	};
}

function readMultipart(
	req: IncomingMessage,
	limits: UploadLimits
): Promise<Omit<UploadBody, 'declaredLength'>> {
	return new Promise((resolve, reject) => {
		let parser: busboy.Busboy;
		try {
			// One byte over the limit is enough for staging to notice the file is too large.
			parser = busboy({
				headers: req.headers,
				limits: { fields: 10, files: 1, fileSize: limits.maxSize + 1 },
				// Bigger buffers than the defaults: far fewer chunks for large files.
				highWaterMark: streamChunkBytes,
				fileHwm: streamChunkBytes
			});
		} catch (error) {
			reject(errors.noContentProvided((error as Error).message));
			return;
		}
		const fields: Record<string, string> = {};
		let file: Readable | undefined;
		parser.on('field', (name, value) => {
			fields[name] = value;
		});
		parser.on('file', (_name, stream, info) => {
			if (file) {
				stream.resume();
				return;
			}
			file = stream;
			const userMetadata = fields.metadata ?? fields.userMetadata;
			if (userMetadata !== undefined && Buffer.byteLength(userMetadata) > maxUserMetadataBytes) {
				stream.resume();
				reject(errors.entityTooLarge('user_metadata'));
				return;
			}
			resolve({
				stream,
				mimeType: fields.contentType || info.mimeType,
				cacheControl: fields.cacheControl ? `max-age=${fields.cacheControl}` : 'no-cache',
				userMetadata: userMetadata === undefined ? undefined : parseJsonObject(userMetadata)
			});
		});
		parser.on('close', () => reject(errors.noContentProvided()));
		parser.on('error', (error: Error) => {
			// After the file was handed out, its reader sees it end early.
			if (file) file.destroy();
			else reject(errors.noContentProvided(error.message));
		});
		req.pipe(parser);
	});
}

function contentLengthOf(req: IncomingMessage): number | undefined {
	const length = Number(req.headers['content-length']);
	return Number.isFinite(length) && length >= 0 && req.headers['content-length'] !== undefined
		? length
		: undefined;
}
