/** `/bucket` routes: written and read as the caller, so RLS on storage.buckets decides. */
import { sendJson } from '../http.ts';
import type { Call } from './context.ts';
import { errors } from './errors.ts';
import {
	optionalBoolean,
	optionalSizeLimit,
	optionalStringList,
	readJsonBody,
	requiredString,
	optionalString,
	type JsonObject
} from './input.ts';
import {
	bucketHasObjects,
	deleteBucket as deleteBucketRow,
	deleteObjectBatch,
	deleteObjects,
	firstObjectName,
	insertBucket,
	listBuckets as listBucketRows,
	requireBucket,
	updateBucket as updateBucketRow,
	type BucketListOptions,
	type BucketRow
} from './queries.ts';
import { mustBeValidBucketName, mustBeValidMimeTypes, parseFileSizeLimit } from './validate.ts';

const emptyBatchSize = 500;

function bucketResponse(bucket: BucketRow, withType: boolean) {
	return {
		id: bucket.id,
		name: bucket.name,
		owner: bucket.owner,
		public: bucket.public,
		...(withType ? { type: bucket.type } : {}),
		file_size_limit: bucket.file_size_limit,
		allowed_mime_types: bucket.allowed_mime_types,
		created_at: bucket.created_at,
		updated_at: bucket.updated_at
	};
}

/** `file_size_limit` and `allowed_mime_types` from a create or update body, validated. */
function limitsOf(body: JsonObject) {
	const sizeLimit = optionalSizeLimit(body, 'file_size_limit');
	const mimeTypes = optionalStringList(body, 'allowed_mime_types');
	const allowedMimeTypes = mimeTypes ? mimeTypes.filter((mimeType) => mimeType) : mimeTypes;
	if (allowedMimeTypes) mustBeValidMimeTypes(allowedMimeTypes);
	return {
		fileSizeLimit:
			sizeLimit === null || sizeLimit === undefined ? sizeLimit : parseFileSizeLimit(sizeLimit),
		allowedMimeTypes
	};
}

export async function listBuckets(call: Call): Promise<void> {
	const { query } = call.request;
	const integer = (name: string, minimum: number) => {
		const value = query.get(name);
		if (value === null) return undefined;
		if (!/^\d+$/.test(value) || Number(value) < minimum) {
			throw errors.invalidRequest(`querystring/${name} must be >= ${minimum}`);
		}
		return Number(value);
	};
	const sortColumn = query.get('sortColumn') ?? undefined;
	if (sortColumn && !['id', 'name', 'created_at', 'updated_at'].includes(sortColumn)) {
		throw errors.invalidRequest(
			'querystring/sortColumn must be equal to one of the allowed values'
		);
	}
	const sortOrder = query.get('sortOrder') ?? undefined;
	if (sortOrder && sortOrder !== 'asc' && sortOrder !== 'desc') {
		throw errors.invalidRequest('querystring/sortOrder must be equal to one of the allowed values');
	}
	const options: BucketListOptions = {
		limit: integer('limit', 1),
		offset: integer('offset', 0),
		sortColumn: sortColumn as BucketListOptions['sortColumn'],
		sortOrder: sortOrder as BucketListOptions['sortOrder'],
		search: query.get('search') ?? undefined
	};
	const buckets = await call.db.asCaller((client) => listBucketRows(client, options));
	sendJson(
		call.request.res,
		200,
		buckets.map((bucket) => bucketResponse(bucket, true))
	);
}

export async function getBucket(call: Call): Promise<void> {
	const bucket = await call.db.asCaller((client) => requireBucket(client, call.bucket));
	sendJson(call.request.res, 200, bucketResponse(bucket, false));
}

export async function createBucket(call: Call): Promise<void> {
	const body = await readJsonBody(call.request);
	const name = requiredString(body, 'name');
	const id = optionalString(body, 'id') || name;
	mustBeValidBucketName(name);
	mustBeValidBucketName(id);
	const isPublic = optionalBoolean(body, 'public') ?? false;
	const { fileSizeLimit, allowedMimeTypes } = limitsOf(body);
	await call.db.asCaller((client) =>
		insertBucket(client, {
			id,
			name,
			owner: call.identity.owner,
			public: isPublic,
			fileSizeLimit: fileSizeLimit ?? null,
			allowedMimeTypes: allowedMimeTypes ?? null
		})
	);
	sendJson(call.request.res, 200, { name });
}

export async function updateBucket(call: Call): Promise<void> {
	const body = await readJsonBody(call.request);
	mustBeValidBucketName(call.bucket);
	const isPublic = optionalBoolean(body, 'public');
	const { fileSizeLimit, allowedMimeTypes } = limitsOf(body);
	if (isPublic === undefined && fileSizeLimit === undefined && allowedMimeTypes === undefined) {
		throw errors.invalidRequest("body must have required property 'public'");
	}
	await call.db.asCaller((client) =>
		updateBucketRow(client, call.bucket, {
			public: isPublic,
			file_size_limit: fileSizeLimit,
			allowed_mime_types: allowedMimeTypes
		})
	);
	sendJson(call.request.res, 200, { message: 'Successfully updated' });
}

export async function deleteBucket(call: Call): Promise<void> {
	const { db, bucket } = call;
	const notEmpty = await db.asSuperUser(async (client) => {
		await requireBucket(client, bucket);
		return bucketHasObjects(client, bucket);
	});
	if (notEmpty) throw errors.bucketNotEmpty();
	const deleted = await db.asCaller((client) => deleteBucketRow(client, bucket));
	if (!deleted) throw errors.noSuchBucket();
	await call.disk.removeBucket(bucket);
	sendJson(call.request.res, 200, { message: 'Successfully deleted' });
}

/**
 * Empties a bucket (service role only, as current storage-api). Upstream queues the deletion;
 * here it completes before the response.
 */
export async function emptyBucket(call: Call): Promise<void> {
	const { db, bucket, disk } = call;
	await db.asCaller((client) => requireBucket(client, bucket));
	const first = await db.asCaller((client) => firstObjectName(client, bucket));
	if (first !== undefined) {
		await db.probe(async (client) => {
			if ((await deleteObjects(client, bucket, [first])).length === 0) throw errors.noSuchKey();
		});
		for (;;) {
			const removed = await db.asSuperUser(async (client) => {
				const names = await deleteObjectBatch(client, bucket, emptyBatchSize);
				for (const name of names) await disk.remove(bucket, name);
				return names.length;
			});
			if (removed === 0) break;
		}
	}
	sendJson(call.request.res, 200, { message: 'Successfully emptied' });
}
