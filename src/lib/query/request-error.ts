import type { MessageKey } from '$lib/i18n/translate';

/** The parts of a Supabase (PostgREST) error the UI decides on; supabase-js's PostgrestError has them. */
interface CodedError {
	code: string;
	message: string;
}

function isCodedError(error: unknown): error is CodedError {
	return (
		typeof error === 'object' &&
		error !== null &&
		typeof (error as { code?: unknown }).code === 'string' &&
		typeof (error as { message?: unknown }).message === 'string'
	);
}

/** The SQLSTATE or PostgREST code of a failed request, if it has one. */
export function errorCode(error: unknown): string | undefined {
	return isCodedError(error) ? error.code : undefined;
}

/**
 * The translated message for a failed read or write. Codes are Postgres SQLSTATEs and PostgREST
 * codes; supabase-js reports a request that never reached the server with an empty code.
 */
export function errorMessageKey(error: unknown): MessageKey {
	switch (errorCode(error)) {
		case '':
			return 'error.network';
		case '42501':
			return 'error.forbidden';
		case '23505':
			return 'error.duplicate';
		case '23514':
		case '23502':
		case '22001':
		case '22P02':
			return 'error.invalidData';
		case '23503':
			return 'error.referenceMissing';
		case 'PT409':
			return 'error.conflict';
		case 'PGRST116':
			return 'error.notFoundOrHidden';
		default:
			return 'error.unexpected';
	}
}

/** Whether a failed request is worth repeating unchanged (the network, not the request, failed). */
export function isTransientError(error: unknown): boolean {
	return errorCode(error) === '';
}
