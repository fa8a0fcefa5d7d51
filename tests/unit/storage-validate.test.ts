/** storage-api's rules for keys, bucket names, sizes and mime types, and its error mapping. */
import { describe, expect, it } from 'vitest';
import { StorageError, translateDatabaseError } from '../../local-supabase/storage/errors.ts';
import {
	globalFileSizeLimit,
	maxUploadSize,
	mustBeAllowedMimeType,
	mustBeValidBucketName,
	mustBeValidKey,
	mustBeValidMimeTypes,
	parseFileSizeLimit
} from '../../local-supabase/storage/validate.ts';

const codeOf = (action: () => unknown) => {
	try {
		action();
		return undefined;
	} catch (error) {
		return (error as StorageError).body.code;
	}
};

describe('object keys', () => {
	it('accepts S3-safe names with folders', () => {
		expect(codeOf(() => mustBeValidKey('lead-1/Offer (final) v2.pdf'))).toBeUndefined();
		expect(codeOf(() => mustBeValidKey('a/b/c/.emptyFolderPlaceholder'))).toBeUndefined();
	});

	it('refuses empty names, unsafe characters and segments that could leave the folder', () => {
		for (const key of ['', 'a\\b', 'tab\there', 'ümlaut', '../x', 'a/../b', 'a//b', './a', 'a/']) {
			expect(
				codeOf(() => mustBeValidKey(key)),
				key
			).toBe('InvalidKey');
		}
	});
});

describe('bucket names', () => {
	it('refuses slashes, surrounding spaces, dot names and names over 100 characters', () => {
		expect(codeOf(() => mustBeValidBucketName('lead-attachments'))).toBeUndefined();
		for (const name of ['', 'a/b', ' padded', '..', '.', 'x'.repeat(101)]) {
			expect(
				codeOf(() => mustBeValidBucketName(name)),
				name
			).toBe('InvalidBucketName');
		}
	});
});

describe('file size limits', () => {
	it('reads bytes and decimal units, up to the global limit', () => {
		expect(parseFileSizeLimit(1024)).toBe(1024);
		expect(parseFileSizeLimit('5MB')).toBe(5_000_000);
		expect(parseFileSizeLimit('1.5kb')).toBe(1500);
		expect(parseFileSizeLimit('20B')).toBe(20);
		expect(codeOf(() => parseFileSizeLimit('5 MiB'))).toBe('InvalidRequest');
		expect(codeOf(() => parseFileSizeLimit('1GB'))).toBe('EntityTooLarge');
	});

	it('caps uploads at the bucket limit, the global limit, and 0 for folder placeholders', () => {
		expect(maxUploadSize('a.txt', null)).toBe(globalFileSizeLimit);
		expect(maxUploadSize('a.txt', 10)).toBe(10);
		expect(maxUploadSize('a/.emptyFolderPlaceholder', null)).toBe(0);
	});
});

describe('mime types', () => {
	it('matches exact types and type/* wildcards', () => {
		const allowed = ['image/*', 'application/pdf'];
		expect(codeOf(() => mustBeAllowedMimeType('image/png', allowed))).toBeUndefined();
		expect(codeOf(() => mustBeAllowedMimeType('application/pdf', allowed))).toBeUndefined();
		expect(codeOf(() => mustBeAllowedMimeType('application/zip', allowed))).toBe('InvalidMimeType');
		expect(codeOf(() => mustBeAllowedMimeType('image', allowed))).toBe('InvalidMimeType');
	});

	it('compares parameters literally, as storage-api does', () => {
		expect(codeOf(() => mustBeAllowedMimeType('text/plain;charset=UTF-8', ['text/plain']))).toBe(
			'InvalidMimeType'
		);
		expect(
			codeOf(() => mustBeAllowedMimeType('text/plain;charset=UTF-8', ['text/*']))
		).toBeUndefined();
	});

	it('validates a bucket’s list of allowed types', () => {
		expect(
			codeOf(() => mustBeValidMimeTypes(['image/*', 'text/plain; charset=utf-8']))
		).toBeUndefined();
		expect(codeOf(() => mustBeValidMimeTypes(['images']))).toBe('InvalidMimeType');
	});
});

describe('database errors', () => {
	it('render as storage-api does: RLS → AccessDenied 403, unique → Duplicate 409, in HTTP 400', () => {
		const rls = translateDatabaseError({
			code: '42501',
			message: 'new row violates row-level security policy for table "objects"'
		}) as StorageError;
		expect(rls.status).toBe(400);
		expect(rls.body).toEqual({
			statusCode: '403',
			code: 'AccessDenied',
			error: 'Unauthorized',
			message: 'new row violates row-level security policy'
		});
		const duplicate = translateDatabaseError({
			code: '23505',
			message: 'duplicate'
		}) as StorageError;
		expect(duplicate.body).toMatchObject({ statusCode: '409', error: 'Duplicate' });
		const other = translateDatabaseError({ code: '42P01', message: 'missing' }) as StorageError;
		expect(other.status).toBe(500);
	});

	it('leaves errors that are not from Postgres alone', () => {
		const error = new Error('disk full');
		expect(translateDatabaseError(error)).toBe(error);
	});
});
