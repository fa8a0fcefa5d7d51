/**
 * `/object` routes other than signing: reading (bytes, info, HEAD), listing, removing, moving,
 * copying and uploading. Reads of private buckets and every write decision run as the caller.
 */
import { randomUUID } from 'node:crypto';
import { sendJson } from '../http.ts';
import type { Call } from './context.ts';
import { errors } from './errors.ts';
import {
	headerOf,
	optionalBoolean,
	optionalInteger,
	optionalString,
	parseBase64JsonObject,
	readJsonBody,
	requiredString,
	stringArray,
	type JsonObject
} from './input.ts';
import {
	deleteObjects,
	findBucket,
	findObject,
	relocateObject,
	requireBucket,
	searchObjects,
	upsertObject,
	type ObjectRow
} from './queries.ts';
import { sendAsset, sendHead, sendInfo } from './render.ts';
import { probeWrite, uploadFromRequest } from './upload.ts';
import { mustBeValidKey } from './validate.ts';

/** The fields storage-api's object schema lets through. */
export function objectResponse(object: ObjectRow) {
	return {
		name: object.name,
		bucket_id: object.bucket_id,
		owner: object.owner,
		owner_id: object.owner_id,
		version: object.version,
		id: object.id,
		updated_at: object.updated_at,
		created_at: object.created_at,
		last_accessed_at: object.last_accessed_at,
		metadata: object.metadata,
		user_metadata: object.user_metadata
	};
}

type Rendering = 'asset' | 'head' | 'info';

/**
 * Finds the object to serve: a missing bucket, or a private one for a caller without a valid
 * JWT, is NoSuchBucket; public buckets (and public routes) are read without RLS, private ones
 * as the caller.
 */
async function readableObject(call: Call, publicRoute: boolean): Promise<ObjectRow> {
	const { db, bucket: bucketId, key } = call;
	const bucket = await db.asSuperUser((client) => findBucket(client, bucketId));
	if (!bucket || (!call.identity.authenticated && !bucket.public)) throw errors.noSuchBucket();
	mustBeValidKey(key);
	return bucket.public || publicRoute
		? db.asSuperUser((client) => findObject(client, bucketId, key))
		: db.asCaller((client) => findObject(client, bucketId, key));
}

async function render(call: Call, object: ObjectRow, rendering: Rendering): Promise<void> {
	const { request } = call;
	if (rendering === 'info') sendInfo(request.res, object);
	else if (rendering === 'head') sendHead(request.res, object);
	else await sendAsset(request, call.disk, object, { download: request.query.get('download') });
}

/** GET/HEAD `/object/{bucket}/…`, `/object/authenticated/…` and `/object/info/…`. */
export const serveObject =
	(rendering: Rendering) =>
	async (call: Call): Promise<void> =>
		render(call, await readableObject(call, false), rendering);

/** `/object/info/public/…` and HEAD `/object/public/…`: no RLS, but the bucket must be public. */
export const servePublicObjectInfo =
	(rendering: Rendering) =>
	async (call: Call): Promise<void> =>
		render(call, await readableObject(call, true), rendering);

/** GET `/object/public/{bucket}/…`: any caller, public buckets only. */
export async function servePublicObject(call: Call): Promise<void> {
	const { db, bucket, key } = call;
	await db.asSuperUser((client) => requireBucket(client, bucket, { publicOnly: true }));
	mustBeValidKey(key);
	const object = await db.asSuperUser((client) => findObject(client, bucket, key));
	await render(call, object, 'asset');
}

export async function listObjects(call: Call): Promise<void> {
	const body = await readJsonBody(call.request);
	let prefix = requiredString(body, 'prefix');
	// The prefix always names a folder.
	if (prefix.length > 0 && !prefix.endsWith('/')) prefix = `${prefix}/`;
	const sortBy = (body.sortBy ?? {}) as JsonObject;
	const sortColumn = optionalString(sortBy, 'column') ?? 'name';
	if (!['name', 'updated_at', 'created_at', 'last_accessed_at'].includes(sortColumn)) {
		throw errors.invalidRequest('body/sortBy/column must be equal to one of the allowed values');
	}
	const sortOrder = optionalString(sortBy, 'order') ?? 'asc';
	const rows = await call.db.asCaller((client) =>
		searchObjects(client, call.bucket, {
			prefix,
			limit: optionalInteger(body, 'limit', 0) || 100,
			offset: optionalInteger(body, 'offset', 0) ?? 0,
			search: optionalString(body, 'search') ?? '',
			sortColumn,
			sortOrder
		})
	);
	sendJson(call.request.res, 200, rows);
}

/** DELETE `/object/{bucket}` `{prefixes}`: whatever the caller may delete, with its bytes. */
export async function removeObjects(call: Call): Promise<void> {
	const prefixes = stringArray(await readJsonBody(call.request), 'prefixes', 1);
	const { disk, bucket } = call;
	const removed = await call.db.asCaller(async (client) => {
		const rows = await deleteObjects(client, bucket, prefixes);
		// Still under the deleted rows' locks, so a concurrent upload of a key waits for this.
		for (const row of rows) await disk.remove(bucket, row.name);
		return rows;
	});
	sendJson(call.request.res, 200, removed.map(objectResponse));
}

/** DELETE `/object/{bucket}/{path}`: a visible object the caller may not delete is AccessDenied. */
export async function removeObject(call: Call): Promise<void> {
	const { db, disk, bucket, key } = call;
	mustBeValidKey(key);
	await db.asSuperUser((client) => findObject(client, bucket, key));
	await db.asCaller(async (client) => {
		if ((await deleteObjects(client, bucket, [key])).length === 0) throw errors.accessDenied();
		await disk.remove(bucket, key);
	});
	sendJson(call.request.res, 200, { message: 'Successfully deleted' });
}

interface Transfer {
	bucketId: string;
	sourceKey: string;
	destinationBucket: string;
	destinationKey: string;
}

function transferOf(body: JsonObject): Transfer {
	const bucketId = requiredString(body, 'bucketId');
	const transfer = {
		bucketId,
		sourceKey: requiredString(body, 'sourceKey'),
		destinationKey: requiredString(body, 'destinationKey'),
		destinationBucket: optionalString(body, 'destinationBucket') || bucketId
	};
	mustBeValidKey(transfer.destinationKey);
	return transfer;
}

/**
 * POST `/object/move`: the caller must be able to select the source and update it into its new
 * name (a rolled-back probe); then the row and file move as the service role.
 */
export async function moveObject(call: Call): Promise<void> {
	const { db, disk, identity } = call;
	const move = transferOf(await readJsonBody(call.request));
	const source = { bucketId: move.bucketId, name: move.sourceKey };
	const destination = {
		bucketId: move.destinationBucket,
		name: move.destinationKey,
		owner: identity.owner,
		version: randomUUID()
	};
	await db.probe(async (client) => {
		await findObject(client, source.bucketId, source.name);
		await relocateObject(client, source, destination);
	});
	if (source.bucketId !== destination.bucketId || source.name !== destination.name) {
		await db.asSuperUser(async (client) => {
			await findObject(client, source.bucketId, source.name, { forUpdate: true });
			await relocateObject(client, source, destination);
			await disk.move(source.bucketId, source.name, destination.bucketId, destination.name);
		});
	}
	sendJson(call.request.res, 200, { message: 'Successfully moved' });
}

/**
 * POST `/object/copy`: the caller must be able to read the source and to create (or with
 * `x-upsert`, overwrite) the destination; the copy is then written as the service role.
 */
export async function copyObject(call: Call): Promise<void> {
	const { db, disk, identity, request } = call;
	const body = await readJsonBody(request);
	const copy = transferOf(body);
	const upsert = headerOf(request, 'x-upsert') === 'true';
	const source = await db.asCaller((client) => findObject(client, copy.bucketId, copy.sourceKey));
	const copyMetadata = optionalBoolean(body, 'copyMetadata') ?? true;
	const metadata: Record<string, unknown> = { ...source.metadata };
	if (!copyMetadata) {
		const overrides = (body.metadata ?? {}) as JsonObject;
		delete metadata.cacheControl;
		delete metadata.mimetype;
		if (typeof overrides.cacheControl === 'string') metadata.cacheControl = overrides.cacheControl;
		if (typeof overrides.mimetype === 'string') metadata.mimetype = overrides.mimetype;
	}
	const userMetadata = copyMetadata
		? (source.user_metadata ?? undefined)
		: parseBase64JsonObject(request.headers['x-metadata']);
	const destination = {
		bucketId: copy.destinationBucket,
		name: copy.destinationKey,
		owner: identity.owner,
		userMetadata
	};
	await probeWrite(db.probe, { ...destination, metadata }, upsert);
	const staged = await disk.stageCopy(copy.bucketId, copy.sourceKey, String(metadata.eTag ?? ''));
	try {
		const object = await db.asSuperUser(async (client) => {
			const row = await upsertObject(client, {
				...destination,
				metadata: { ...metadata, lastModified: new Date().toISOString() },
				version: randomUUID()
			});
			await disk.place(staged, destination.bucketId, destination.name);
			return row;
		});
		sendJson(request.res, 200, {
			Id: object.id,
			Key: `${destination.bucketId}/${destination.name}`,
			...objectResponse(object)
		});
	} catch (error) {
		await disk.discard(staged);
		throw error;
	}
}

/** POST `/object/{bucket}/{path}` (`x-upsert`), and PUT, which always overwrites. */
export const uploadObject =
	(mode: 'create' | 'update') =>
	async (call: Call): Promise<void> => {
		const object = await uploadFromRequest(call, call.db.probe, {
			bucketId: call.bucket,
			objectName: call.key,
			owner: call.identity.owner,
			upsert: mode === 'update' || headerOf(call.request, 'x-upsert') === 'true'
		});
		sendJson(call.request.res, 200, { Id: object.id, Key: `${call.bucket}/${call.key}` });
	};
