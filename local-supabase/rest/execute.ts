/**
 * Runs one statement in the caller's transaction (PreQuery settings, then the main query), with
 * the checks that must roll a mutation back: singular responses and `max-affected`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { withCaller, type Pool } from '../db.ts';
import type { Identity } from './caller.ts';
import { RestError } from './errors.ts';
import type { SchemaSnapshot } from './schema-cache.ts';
import type { Statement } from './sql.ts';

export interface RequestContext {
	identity: Identity;
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
}

export interface ExecuteOptions {
	readOnly: boolean;
	rollback: boolean;
	/** Fail with 406 unless exactly one row results. */
	singular: boolean;
	/** `Prefer: handling=strict, max-affected=N`. */
	maxAffected?: number;
	/** Read the `response.status` / `response.headers` settings a function may have set. */
	readResponseSettings: boolean;
}

export interface Outcome {
	total: number | undefined;
	page: number;
	body: string | null;
	status?: number;
	headers: Record<string, string>;
}

function headerJson(headers: IncomingHttpHeaders): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined)
			out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

function cookieJson(header: string | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const part of (header ?? '').split(';')) {
		const eq = part.indexOf('=');
		if (eq <= 0) continue;
		const raw = part.slice(eq + 1).trim();
		try {
			out[part.slice(0, eq).trim()] = decodeURIComponent(raw);
		} catch {
			out[part.slice(0, eq).trim()] = raw;
		}
	}
	return out;
}

/** `response.headers` is a JSON array of one-key objects, as PostgREST reads it. */
function parseResponseHeaders(text: string | null): Record<string, string> {
	if (!text) return {};
	const parsed: unknown = JSON.parse(text);
	if (!Array.isArray(parsed))
		throw new RestError(
			500,
			'PGRST111',
			'response.headers guc must be a JSON array composed of objects with a single key and a string value'
		);
	const out: Record<string, string> = {};
	for (const entry of parsed) {
		for (const [name, value] of Object.entries(entry as Record<string, unknown>))
			out[name.toLowerCase()] = String(value);
	}
	return out;
}

export function singularError(rows: number): RestError {
	return new RestError(
		406,
		'PGRST116',
		'Cannot coerce the result to a single JSON object',
		`The result contains ${rows} rows`
	);
}

export async function execute(
	pool: Pool,
	snapshot: SchemaSnapshot,
	context: RequestContext,
	statement: Statement,
	options: ExecuteOptions
): Promise<Outcome> {
	const { identity } = context;
	const settings: Record<string, string> = {
		...snapshot.roleSettings.get(identity.role),
		'request.method': context.method,
		'request.path': context.path,
		'request.cookies': JSON.stringify(cookieJson(context.headers.cookie))
	};
	return withCaller(
		pool,
		{
			claims: identity.claims,
			readOnly: options.readOnly,
			settings,
			headers: headerJson(context.headers)
		},
		async (client) => {
			const result = await client.query<{
				total: string | null;
				page: string;
				body: string | null;
			}>(statement.sql, statement.params);
			const row = result.rows[0];
			const page = Number(row.page);
			if (options.singular && page !== 1) throw singularError(page);
			if (options.maxAffected !== undefined && page > options.maxAffected) {
				throw new RestError(
					400,
					'PGRST124',
					'Query result exceeds max-affected preference constraint',
					`The query affects ${page} rows`
				);
			}
			const outcome: Outcome = {
				total: row.total === null ? undefined : Number(row.total),
				page,
				body: row.body,
				headers: {}
			};
			if (options.readResponseSettings) {
				const gucs = await client.query<{ status: string | null; headers: string | null }>(
					"select current_setting('response.status', true) as status, current_setting('response.headers', true) as headers"
				);
				const { status, headers } = gucs.rows[0];
				if (status) {
					const code = Number(status);
					if (!Number.isInteger(code) || code < 100 || code > 599) {
						throw new RestError(500, 'PGRST112', 'Status code must be a positive integer');
					}
					outcome.status = code;
				}
				outcome.headers = parseResponseHeaders(headers);
			}
			return outcome;
		},
		{ rollbackOnly: options.rollback }
	);
}
