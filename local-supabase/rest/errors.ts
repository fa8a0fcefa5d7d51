/**
 * PostgREST's error body `{code, message, details, hint}` and its HTTP status rules
 * (supabase-protocols.md §2 "Errors").
 */

export interface ErrorBody {
	code: string;
	message: string;
	details: unknown;
	hint: string | null;
}

export class RestError extends Error {
	readonly status: number;
	readonly body: ErrorBody;
	readonly headers: Record<string, string>;

	constructor(
		status: number,
		code: string,
		message: string,
		details: unknown = null,
		hint: string | null = null,
		headers: Record<string, string> = {}
	) {
		super(message);
		this.status = status;
		this.body = { code, message, details, hint };
		this.headers = headers;
	}
}

/** PGRST100: a query parameter, the select list or a header could not be parsed. */
export function parseError(what: string, details: string): RestError {
	return new RestError(400, 'PGRST100', `"failed to parse ${what}"`, details);
}

export function tableNotFound(schema: string, name: string): RestError {
	return new RestError(
		404,
		'PGRST205',
		`Could not find the table '${schema}.${name}' in the schema cache`
	);
}

export function columnNotFound(column: string, relation: string): RestError {
	return new RestError(
		400,
		'PGRST204',
		`Could not find the '${column}' column of '${relation}' in the schema cache`
	);
}

export function invalidBody(message: string): RestError {
	return new RestError(400, 'PGRST102', message);
}

/** What the `pg` driver puts on a failed query. */
export interface PgError {
	code: string;
	message: string;
	detail?: string;
	hint?: string;
}

export function isPgError(error: unknown): error is PgError {
	const code: unknown =
		error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
	return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

/** The HTTP status PostgREST answers a SQLSTATE with; `role` decides 401 versus 403. */
export function statusForSqlState(code: string, role: string): number {
	if (code === '42501') return role === 'anon' ? 401 : 403;
	// `raise sqlstate 'PT402'` chooses the status itself.
	if (/^PT\d{3}$/.test(code)) return Number(code.slice(2));
	const exact: Record<string, number> = {
		'23503': 409,
		'23505': 409,
		'25006': 405,
		'42883': 404,
		'42P01': 404,
		'57014': 500,
		P0001: 400,
		'53400': 500,
		'40001': 500
	};
	if (code in exact) return exact[code];
	const byClass: Record<string, number> = {
		'08': 503,
		'09': 500,
		'0L': 403,
		'0P': 403,
		'25': 500,
		'28': 403,
		'2D': 500,
		'38': 500,
		'39': 500,
		'3B': 500,
		'40': 500,
		'53': 503,
		'54': 500,
		'55': 500,
		'57': 500,
		'58': 500,
		F0: 500,
		HV: 500,
		P0: 500,
		XX: 500
	};
	return byClass[code.slice(0, 2)] ?? 400;
}

export function fromPgError(error: PgError, role: string): RestError {
	// A claims role the database does not know is an authentication failure, not a bad request.
	if (error.code === '22023' && /^role ".*" does not exist$/.test(error.message)) {
		return new RestError(401, error.code, error.message, error.detail ?? null, error.hint ?? null);
	}
	return new RestError(
		statusForSqlState(error.code, role),
		error.code,
		error.message,
		error.detail ?? null,
		error.hint ?? null
	);
}
