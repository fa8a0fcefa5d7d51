/**
 * Storage reports failures as `{statusCode, error, message}` (supabase-protocols.md §4), not with
 * the SQLSTATE-like `code` the app's error messages are chosen by (src/lib/query/request-error).
 * This gives storage failures such a code, so they read like every other failed request.
 */
export class StorageRequestError extends Error {
	readonly code: string;

	constructor(code: string, message: string) {
		super(message);
		this.name = 'StorageRequestError';
		this.code = code;
	}
}

/** The app's code for a storage status: access denied, missing (or hidden), duplicate, too big. */
function codeForStatus(statusCode: string): string {
	switch (statusCode) {
		case '401':
		case '403':
			return '42501';
		case '404':
			return 'PGRST116';
		case '409':
			return '23505';
		case '413':
			return 'storage.too_large';
		default:
			return `storage.${statusCode}`;
	}
}

/**
 * A storage-js error (StorageApiError with `statusCode`, StorageUnknownError for a request that
 * never got an answer) as a StorageRequestError.
 */
export function fromStorageError(error: { name: string; message: string }): StorageRequestError {
	if (error.name === 'StorageUnknownError') return new StorageRequestError('', error.message);
	const statusCode = (error as { statusCode?: unknown }).statusCode;
	return new StorageRequestError(
		codeForStatus(typeof statusCode === 'string' ? statusCode : String(statusCode ?? '')),
		error.message
	);
}

/** The error of an upload answered with `status` and `body` (0: the request never got through). */
export function fromUploadResponse(status: number, body: string): StorageRequestError {
	if (status === 0) return new StorageRequestError('', 'The upload did not reach the server.');
	let statusCode = String(status);
	let message = body;
	try {
		const parsed: unknown = JSON.parse(body);
		if (typeof parsed === 'object' && parsed !== null) {
			const fields = parsed as { statusCode?: unknown; message?: unknown };
			if (typeof fields.statusCode === 'string') statusCode = fields.statusCode;
			if (typeof fields.message === 'string') message = fields.message;
		}
	} catch {
		// Not JSON (a proxy's error page): the HTTP status is all there is.
	}
	return new StorageRequestError(codeForStatus(statusCode), message);
}
