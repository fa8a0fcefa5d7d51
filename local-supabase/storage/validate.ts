/** storage-api's checks of names, sizes and mime types, re-derived from its observable rules. */
import { errors } from './errors.ts';

/** config.toml `[storage] file_size_limit = "50MiB"`: the ceiling for every bucket. */
export const globalFileSizeLimit = 50 * 1024 * 1024;

/** How long a signed upload URL stays valid, as storage-api's default (2 hours). */
export const signedUploadExpirySeconds = 2 * 60 * 60;

const validKey = /^[A-Za-z0-9_/!.*'() &$=@;:+,?-]*$/;
const validBucketName = /^[A-Za-z0-9_!.*'() &$=@;:+,?-]*$/;
const validMimeType = /^([a-zA-Z0-9\-+.]+)\/([a-zA-Z0-9\-+.]+)(;\s*charset=[a-zA-Z0-9-]+)?$|\*$/;

/**
 * S3-safe characters as upstream, and additionally no empty, `.` or `..` path segments: the
 * bytes live in a directory tree here, so such a key could escape or alias another path.
 */
export function mustBeValidKey(key: string): void {
	const segments = key.split('/');
	if (
		key.length === 0 ||
		!validKey.test(key) ||
		segments.some((segment) => segment === '' || segment === '.' || segment === '..')
	) {
		throw errors.invalidKey(key);
	}
}

export function mustBeValidBucketName(name: string): void {
	if (
		name.length === 0 ||
		name.length > 100 ||
		name.trim() !== name ||
		!validBucketName.test(name) ||
		name === '.' ||
		name === '..'
	) {
		throw errors.invalidBucketName();
	}
}

/** A bucket's `file_size_limit` as given by the client: bytes, or text like "20MB". */
export function parseFileSizeLimit(value: number | string): number {
	let bytes: number;
	if (typeof value === 'number') {
		bytes = value;
	} else {
		const match = /^([0-9]+(?:\.[0-9]+)?)(gb|mb|kb|b)$/i.exec(value);
		if (!match) throw errors.invalidFileSizeLimit();
		const amount = Number(parseFloat(match[1]).toPrecision(3));
		const unit = { GB: 1e9, MB: 1e6, KB: 1e3, B: 1 }[match[2].toUpperCase() as 'GB'];
		bytes = amount * unit;
	}
	if (!Number.isFinite(bytes) || bytes < 0) throw errors.invalidFileSizeLimit();
	if (bytes > globalFileSizeLimit) throw errors.entityTooLarge();
	return bytes;
}

export function mustBeValidMimeTypes(mimeTypes: string[]): void {
	for (const mimeType of mimeTypes) {
		if (mimeType.length > 1000 || !validMimeType.test(mimeType)) {
			throw errors.invalidMimeType(mimeType);
		}
	}
}

/**
 * Whether an upload's type is allowed: `type/subtype` compared literally (so parameters such as
 * `;charset=UTF-8` must be listed too), or `type/*` for a whole type, exactly as upstream.
 */
export function mustBeAllowedMimeType(mimeType: string, allowed: string[]): void {
	const [type, subtype] = mimeType.split('/');
	if (subtype === undefined) throw errors.invalidMimeType(mimeType);
	const matches = allowed.some((entry) => {
		const [allowedType, allowedSubtype] = entry.split('/');
		return allowedType === type && (allowedSubtype === '*' || allowedSubtype === subtype);
	});
	if (!matches) throw errors.invalidMimeType(mimeType);
}

/** The largest upload a bucket accepts. Folder placeholders are always empty. */
export function maxUploadSize(objectName: string, bucketLimit: number | null): number {
	if (isEmptyFolderPlaceholder(objectName)) return 0;
	return bucketLimit === null ? globalFileSizeLimit : Math.min(bucketLimit, globalFileSizeLimit);
}

export function isEmptyFolderPlaceholder(objectName: string): boolean {
	return objectName.endsWith('.emptyFolderPlaceholder');
}

export function isUuid(value: string | undefined): value is string {
	return (
		value !== undefined &&
		/^[0-9a-f]{8}-[0-9a-f]{4}-[0-5][0-9a-f]{3}-[089ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(value)
	);
}
