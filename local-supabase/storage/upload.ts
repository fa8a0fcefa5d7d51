/**
 * Storing an uploaded file as storage-api's uploader does: the bucket's limits, an RLS probe of
 * the row (INSERT, or INSERT … ON CONFLICT DO UPDATE for upsert) that is always rolled back, the
 * bytes staged, then the row written as the service role while the file is moved into place.
 * Any failure leaves neither a file nor a row behind.
 */
import { randomUUID } from 'node:crypto';
import type { Call, Database } from './context.ts';
import type { StagedFile } from './disk.ts';
import {
	insertObject,
	requireBucket,
	upsertObject,
	type ObjectMetadata,
	type ObjectRow,
	type ObjectWrite
} from './queries.ts';
import { discardRest, readUploadBody, type UploadBody } from './upload-body.ts';
import { isEmptyFolderPlaceholder, maxUploadSize, mustBeValidKey } from './validate.ts';

export interface UploadTarget {
	bucketId: string;
	objectName: string;
	owner?: string;
	upsert: boolean;
}

/** The rolled-back write that proves `probe`'s role may create (or overwrite) the object. */
export function probeWrite(
	probe: Database['probe'],
	object: Omit<ObjectWrite, 'version'>,
	upsert: boolean
): Promise<void> {
	const write = { ...object, version: '1' };
	return probe((client) => (upsert ? upsertObject(client, write) : insertObject(client, write)));
}

/**
 * Uploads the request's file to `target`. `probe` decides who must be allowed to write it: the
 * caller for ordinary uploads, the service role for signed upload URLs.
 */
export async function uploadFromRequest(
	call: Call,
	probe: Database['probe'],
	target: UploadTarget
): Promise<ObjectRow> {
	const { request, db, disk } = call;
	let body: UploadBody | undefined;
	let staged: StagedFile | undefined;
	try {
		const bucket = await db.asSuperUser((client) => requireBucket(client, target.bucketId));
		const maxSize = maxUploadSize(target.objectName, bucket.file_size_limit);
		body = await readUploadBody(request.req, {
			maxSize,
			allowedMimeTypes: isEmptyFolderPlaceholder(target.objectName)
				? []
				: (bucket.allowed_mime_types ?? [])
		});
		mustBeValidKey(target.objectName);
		await probeWrite(
			probe,
			{
				bucketId: target.bucketId,
				name: target.objectName,
				owner: target.owner,
				metadata: { mimetype: body.mimeType, contentLength: body.declaredLength },
				userMetadata: body.userMetadata
			},
			target.upsert
		);
		const file = await disk.stage(body.stream, maxSize);
		staged = file;
		const metadata: ObjectMetadata = {
			eTag: file.eTag,
			size: file.size,
			mimetype: body.mimeType,
			cacheControl: body.cacheControl,
			lastModified: new Date().toISOString(),
			contentLength: file.size,
			httpStatusCode: 200
		};
		const userMetadata = { ...body.userMetadata };
		return await db.asSuperUser(async (client) => {
			const object = await upsertObject(client, {
				bucketId: target.bucketId,
				name: target.objectName,
				owner: target.owner,
				metadata,
				userMetadata,
				version: randomUUID()
			});
			// Under the row's lock, so concurrent writers of this key replace the file in order.
			await disk.place(file, target.bucketId, target.objectName);
			return object;
		});
	} catch (error) {
		discardRest(request.req, body);
		if (staged) await disk.discard(staged);
		throw error;
	}
}
