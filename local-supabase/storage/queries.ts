/**
 * The statements storage-api runs on storage.buckets and storage.objects. They run on whatever
 * transaction they are given: the caller's (RLS applies) or the service role's.
 */
import type { PoolClient } from '../db.ts';
import { errors } from './errors.ts';
import { isUuid } from './validate.ts';

export interface BucketRow {
	id: string;
	name: string;
	owner: string | null;
	owner_id: string | null;
	public: boolean;
	file_size_limit: number | null;
	allowed_mime_types: string[] | null;
	type: string;
	created_at: Date;
	updated_at: Date;
}

/** What storage-api records in `objects.metadata` for an upload. */
export type ObjectMetadata = {
	eTag: string;
	size: number;
	mimetype: string;
	cacheControl: string;
	lastModified: string;
	contentLength: number;
	httpStatusCode: number;
};

export interface ObjectRow {
	id: string;
	bucket_id: string;
	name: string;
	owner: string | null;
	owner_id: string | null;
	version: string | null;
	metadata: Partial<ObjectMetadata> | null;
	user_metadata: Record<string, unknown> | null;
	created_at: Date;
	updated_at: Date;
	last_accessed_at: Date;
}

export interface ObjectWrite {
	bucketId: string;
	name: string;
	/** The writer's JWT `sub`; `owner` (uuid) is only set when it is a uuid. */
	owner?: string;
	metadata: Record<string, unknown>;
	userMetadata?: Record<string, unknown>;
	version: string;
}

const bucketColumns =
	'id, name, owner, owner_id, public, file_size_limit, allowed_mime_types, type, created_at, updated_at';

function isUniqueViolation(error: unknown): boolean {
	return (error as { code?: string }).code === '23505';
}

export async function findBucket(
	client: PoolClient,
	id: string,
	filters: { publicOnly?: boolean } = {}
): Promise<BucketRow | undefined> {
	const { rows } = await client.query<BucketRow>(
		`select ${bucketColumns} from storage.buckets
		 where id = $1 ${filters.publicOnly ? 'and public' : ''} limit 1`,
		[id]
	);
	// bigint arrives as text from pg.
	return rows[0] && { ...rows[0], file_size_limit: toNumberOrNull(rows[0].file_size_limit) };
}

export async function requireBucket(
	client: PoolClient,
	id: string,
	filters: { publicOnly?: boolean } = {}
): Promise<BucketRow> {
	const bucket = await findBucket(client, id, filters);
	if (!bucket) throw errors.noSuchBucket();
	return bucket;
}

export interface BucketListOptions {
	limit?: number;
	offset?: number;
	sortColumn?: 'id' | 'name' | 'created_at' | 'updated_at';
	sortOrder?: 'asc' | 'desc';
	search?: string;
}

export async function listBuckets(
	client: PoolClient,
	options: BucketListOptions
): Promise<BucketRow[]> {
	const values: unknown[] = [];
	const where = options.search
		? `where name ilike $${values.push(`%${escapeLike(options.search)}%`)}`
		: '';
	const order = options.sortColumn
		? `order by ${options.sortColumn} ${options.sortOrder === 'desc' ? 'desc' : 'asc'}`
		: '';
	const limit = options.limit !== undefined ? `limit $${values.push(options.limit)}` : '';
	const offset = options.offset !== undefined ? `offset $${values.push(options.offset)}` : '';
	const { rows } = await client.query<BucketRow>(
		`select ${bucketColumns} from storage.buckets ${where} ${order} ${limit} ${offset}`,
		values
	);
	return rows.map((row) => ({ ...row, file_size_limit: toNumberOrNull(row.file_size_limit) }));
}

export async function insertBucket(
	client: PoolClient,
	bucket: {
		id: string;
		name: string;
		owner?: string;
		public: boolean;
		fileSizeLimit: number | null;
		allowedMimeTypes: string[] | null;
	}
): Promise<void> {
	try {
		await client.query(
			`insert into storage.buckets
				(id, name, owner, owner_id, public, file_size_limit, allowed_mime_types)
			 values ($1, $2, $3, $4, $5, $6, $7)`,
			[
				bucket.id,
				bucket.name,
				isUuid(bucket.owner) ? bucket.owner : null,
				bucket.owner ?? null,
				bucket.public,
				bucket.fileSizeLimit,
				bucket.allowedMimeTypes
			]
		);
	} catch (error) {
		throw isUniqueViolation(error) ? errors.bucketAlreadyExists() : error;
	}
}

/** Updates the given columns; a bucket the caller cannot update is NoSuchBucket. */
export async function updateBucket(
	client: PoolClient,
	id: string,
	fields: {
		public?: boolean;
		file_size_limit?: number | null;
		allowed_mime_types?: string[] | null;
	}
): Promise<void> {
	const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
	const assignments = entries.map(([column], index) => `${column} = $${index + 2}`);
	const { rowCount } = await client.query(
		`update storage.buckets set ${[...assignments, 'updated_at = now()'].join(', ')} where id = $1`,
		[id, ...entries.map(([, value]) => value)]
	);
	if (!rowCount) throw errors.noSuchBucket();
}

export async function deleteBucket(client: PoolClient, id: string): Promise<number> {
	const { rowCount } = await client.query('delete from storage.buckets where id = $1', [id]);
	return rowCount ?? 0;
}

export async function bucketHasObjects(client: PoolClient, id: string): Promise<boolean> {
	const { rows } = await client.query(
		'select 1 from storage.objects where bucket_id = $1 limit 1',
		[id]
	);
	return rows.length > 0;
}

export async function findObject(
	client: PoolClient,
	bucketId: string,
	name: string,
	options: { forUpdate?: boolean } = {}
): Promise<ObjectRow> {
	const { rows } = await client.query<ObjectRow>(
		`select * from storage.objects where name = $1 and bucket_id = $2 limit 1
		 ${options.forUpdate ? 'for update' : ''}`,
		[name, bucketId]
	);
	if (!rows[0]) throw errors.noSuchKey();
	return rows[0];
}

/** Which of `names` the transaction's role can see. */
export async function visibleObjectNames(
	client: PoolClient,
	bucketId: string,
	names: string[]
): Promise<Set<string>> {
	const { rows } = await client.query<{ name: string }>(
		'select name from storage.objects where bucket_id = $1 and name = any($2::text[])',
		[bucketId, names]
	);
	return new Set(rows.map((row) => row.name));
}

function objectValues(object: ObjectWrite): unknown[] {
	return [
		object.bucketId,
		object.name,
		isUuid(object.owner) ? object.owner : null,
		object.owner ?? null,
		object.metadata,
		object.userMetadata ?? null,
		object.version
	];
}

const objectInsert = `insert into storage.objects
	(bucket_id, name, owner, owner_id, metadata, user_metadata, version)
	values ($1, $2, $3, $4, $5, $6, $7)`;

/** A plain insert (no RETURNING, so no SELECT policy is needed), as storage-api's createObject. */
export async function insertObject(client: PoolClient, object: ObjectWrite): Promise<void> {
	try {
		await client.query(objectInsert, objectValues(object));
	} catch (error) {
		throw isUniqueViolation(error) ? errors.keyAlreadyExists() : error;
	}
}

/**
 * Insert or overwrite, returning the row. The owner is only replaced when the writer has one
 * (a service-role overwrite keeps the previous owner), as upstream.
 */
export async function upsertObject(client: PoolClient, object: ObjectWrite): Promise<ObjectRow> {
	const updates = [
		'metadata = excluded.metadata',
		'version = excluded.version',
		'updated_at = now()'
	];
	if (object.userMetadata !== undefined) updates.push('user_metadata = excluded.user_metadata');
	if (object.owner !== undefined)
		updates.push('owner = excluded.owner', 'owner_id = excluded.owner_id');
	const { rows } = await client.query<ObjectRow>(
		`${objectInsert} on conflict (name, bucket_id) do update set ${updates.join(', ')} returning *`,
		objectValues(object)
	);
	return rows[0];
}

/** Renames (and possibly re-buckets) an object; NoSuchKey when the role cannot update it. */
export async function relocateObject(
	client: PoolClient,
	from: { bucketId: string; name: string },
	to: { bucketId: string; name: string; owner?: string; version: string }
): Promise<ObjectRow> {
	const { rows } = await client.query<ObjectRow>(
		`update storage.objects
		 set name = $3, bucket_id = $4, owner = $5, owner_id = $6, version = $7, updated_at = now()
		 where bucket_id = $1 and name = $2
		 returning *`,
		[
			from.bucketId,
			from.name,
			to.name,
			to.bucketId,
			isUuid(to.owner) ? to.owner : null,
			to.owner ?? null,
			to.version
		]
	);
	if (!rows[0]) throw errors.noSuchKey();
	return rows[0];
}

export async function deleteObjects(
	client: PoolClient,
	bucketId: string,
	names: string[]
): Promise<ObjectRow[]> {
	if (names.length === 0) return [];
	const { rows } = await client.query<ObjectRow>(
		'delete from storage.objects where bucket_id = $1 and name = any($2::text[]) returning *',
		[bucketId, names]
	);
	return rows;
}

/** Deletes up to `limit` of the bucket's objects, returning their names. */
export async function deleteObjectBatch(
	client: PoolClient,
	bucketId: string,
	limit: number
): Promise<string[]> {
	const { rows } = await client.query<{ name: string }>(
		`delete from storage.objects
		 where id in (select id from storage.objects where bucket_id = $1 limit $2)
		 returning name`,
		[bucketId, limit]
	);
	return rows.map((row) => row.name);
}

export async function firstObjectName(
	client: PoolClient,
	bucketId: string
): Promise<string | undefined> {
	const { rows } = await client.query<{ name: string }>(
		'select name from storage.objects where bucket_id = $1 order by name limit 1',
		[bucketId]
	);
	return rows[0]?.name;
}

export interface SearchOptions {
	prefix: string;
	limit: number;
	offset: number;
	search: string;
	sortColumn: string;
	sortOrder: string;
}

/** One level of the bucket's tree through storage.search (the caller's RLS applies). */
export async function searchObjects(
	client: PoolClient,
	bucketId: string,
	options: SearchOptions
): Promise<unknown[]> {
	const levels = (options.prefix + options.search).split('/').length;
	const { rows } = await client.query(
		'select * from storage.search($1, $2, $3, $4, $5, $6, $7, $8)',
		[
			options.prefix,
			bucketId,
			options.limit,
			levels,
			options.offset,
			options.search,
			options.sortColumn,
			options.sortOrder
		]
	);
	return rows;
}

function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function toNumberOrNull(value: unknown): number | null {
	return value === null || value === undefined ? null : Number(value);
}
