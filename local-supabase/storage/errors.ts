/**
 * storage-api's error bodies (supabase-protocols.md §4): `{statusCode, code, error, message}`
 * where `statusCode` is the semantic status as a string, while the HTTP status is 400 for
 * everything but server errors (and the few places upstream overrides it, e.g. role checks).
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http.ts';

export interface StorageErrorBody {
	statusCode: string;
	code: string;
	error: string;
	message: string;
}

export class StorageError extends Error {
	readonly body: StorageErrorBody;
	/** The HTTP status actually sent. */
	readonly status: number;

	constructor(
		semanticStatus: number,
		code: string,
		message: string,
		options: { error?: string; status?: number } = {}
	) {
		super(message);
		this.body = {
			statusCode: String(semanticStatus),
			code,
			error: options.error ?? code,
			message
		};
		this.status = options.status ?? (semanticStatus >= 500 ? 500 : 400);
	}
}

export const errors = {
	accessDenied: (message = 'Access denied', status?: number) =>
		new StorageError(403, 'AccessDenied', message, { error: 'Unauthorized', status }),
	noSuchBucket: () =>
		new StorageError(404, 'NoSuchBucket', 'Bucket not found', { error: 'Bucket not found' }),
	noSuchKey: () => new StorageError(404, 'NoSuchKey', 'Object not found', { error: 'not_found' }),
	resourceAlreadyExists: () =>
		new StorageError(409, 'ResourceAlreadyExists', 'The resource already exists', {
			error: 'Duplicate'
		}),
	keyAlreadyExists: () =>
		new StorageError(409, 'KeyAlreadyExists', 'The resource already exists', {
			error: 'Duplicate'
		}),
	bucketAlreadyExists: () =>
		new StorageError(409, 'BucketAlreadyExists', 'The resource already exists', {
			error: 'Duplicate'
		}),
	bucketNotEmpty: () =>
		new StorageError(409, 'ResourceNotEmpty', 'The bucket you tried to delete is not empty'),
	invalidBucketName: () =>
		new StorageError(400, 'InvalidBucketName', 'Bucket name invalid', { error: 'Invalid Input' }),
	invalidKey: (key: string) => new StorageError(400, 'InvalidKey', `Invalid key: ${key}`),
	invalidMimeType: (mimeType: string) =>
		new StorageError(415, 'InvalidMimeType', `mime type ${mimeType} is not supported`, {
			error: 'invalid_mime_type'
		}),
	entityTooLarge: (entity = 'object') =>
		new StorageError(413, 'EntityTooLarge', `The ${entity} exceeded the maximum allowed size`, {
			error: 'Payload too large'
		}),
	invalidFileSizeLimit: () =>
		new StorageError(
			400,
			'InvalidRequest',
			'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B'
		),
	noContentProvided: (message = 'No content provided') =>
		new StorageError(400, 'InvalidRequest', message),
	invalidJwt: (message: string) => new StorageError(400, 'InvalidJWT', message),
	invalidSignature: (message = 'Invalid signature') =>
		new StorageError(400, 'InvalidSignature', message),
	expiredSignature: () => new StorageError(400, 'ExpiredToken', 'The provided token has expired.'),
	invalidParameter: (name: string, message?: string) =>
		new StorageError(400, 'InvalidParameter', message ?? `Invalid Parameter ${name}`),
	/** What Fastify's schema validation answers in storage-api. */
	invalidRequest: (message: string) =>
		new StorageError(400, 'InvalidRequest', message, { error: 'Bad Request' }),
	notFoundRoute: (method: string, path: string) =>
		new StorageError(404, 'NotFound', `Route ${method}:${path} not found`, {
			error: 'Not Found',
			status: 404
		}),
	/** Local disk only: `a` and `a/b` cannot both be files (storage-api's S3 keys can). */
	pathConflict: (key: string) =>
		new StorageError(
			409,
			'InvalidKey',
			`The key ${key} collides with another object's file or folder on local disk`
		),
	internal: () =>
		new StorageError(500, 'InternalError', 'Internal Server Error', { error: 'Internal' }),
	databaseError: (sqlState: string) =>
		new StorageError(500, 'DatabaseError', `database error, code: ${sqlState}`)
};

interface PgErrorLike {
	code?: unknown;
	message?: unknown;
	detail?: unknown;
}

function isPgError(error: unknown): error is PgErrorLike & { code: string } {
	return (
		typeof error === 'object' &&
		error !== null &&
		typeof (error as PgErrorLike).code === 'string' &&
		/^[0-9A-Z]{5}$/.test((error as PgErrorLike).code as string)
	);
}

/** storage-api's mapping of Postgres errors (storage/database/errors.ts). */
function fromDatabaseError(error: PgErrorLike & { code: string }): StorageError {
	const message = typeof error.message === 'string' ? error.message : '';
	switch (error.code) {
		case '42501':
			return errors.accessDenied(
				message.includes('row-level security')
					? 'new row violates row-level security policy'
					: message
			);
		case '23505':
			return errors.resourceAlreadyExists();
		case '23503':
			return typeof error.detail === 'string' && error.detail.includes('is still referenced')
				? new StorageError(
						409,
						'ResourceReferenced',
						'The resource could not be updated or removed due to a foreign key constraint'
					)
				: new StorageError(404, 'InvalidRequest', 'The related resource does not exist');
		case '55P03':
			return new StorageError(423, 'ResourceLocked', 'The resource is locked');
		case '57014':
			return new StorageError(544, 'DatabaseTimeout', 'The connection to the database timed out', {
				status: 544
			});
		case '22P02':
			return errors.invalidParameter('value', message);
		default:
			return errors.databaseError(error.code);
	}
}

/** A Postgres error as storage-api renders it; anything else unchanged. */
export function translateDatabaseError(error: unknown): unknown {
	return isPgError(error) ? fromDatabaseError(error) : error;
}

export function sendError(res: ServerResponse, error: StorageError, connectionClose = false): void {
	sendJson(res, error.status, error.body, connectionClose ? { connection: 'close' } : {});
}
