/** Connection pools and the caller-scoped transaction every Supabase service runs in. */
import pg from 'pg';
import type { Claims } from './jwt.ts';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export function createPool(connectionString: string, max = 10): pg.Pool {
	const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 10_000 });
	// A terminated idle connection (e.g. during reset) must not crash the process.
	pool.on('error', () => {});
	return pool;
}

/** Runs `fn` in one transaction on a connection of `pool`: commit on success, rollback on error. */
export async function withTransaction<T>(
	pool: pg.Pool,
	fn: (client: pg.PoolClient) => Promise<T>
): Promise<T> {
	const client = await pool.connect();
	try {
		await client.query('begin');
		const result = await fn(client);
		await client.query('commit');
		return result;
	} catch (error) {
		await client.query('rollback').catch(() => {});
		throw error;
	} finally {
		client.release();
	}
}

export interface CallerContext {
	claims: Claims;
	readOnly?: boolean;
	/** Extra transaction-local settings, e.g. request.method, request.path, storage.operation. */
	settings?: Record<string, string>;
	headers?: Record<string, unknown>;
}

/**
 * Runs `fn` in one transaction as the caller's database role with `request.jwt.claims` set
 * (PostgREST PreQuery semantics), so row level security decides. Commits on success, rolls
 * back on any error (or when `fn` returns `{ rollback: true }` through `rollbackOnly`).
 */
export async function withCaller<T>(
	pool: pg.Pool,
	context: CallerContext,
	fn: (client: pg.PoolClient) => Promise<T>,
	options: { rollbackOnly?: boolean } = {}
): Promise<T> {
	const client = await pool.connect();
	try {
		await client.query(
			`begin isolation level read committed${context.readOnly ? ' read only' : ''}`
		);
		const role = typeof context.claims.role === 'string' ? context.claims.role : 'anon';
		const settings: Record<string, string> = {
			search_path: 'public, extensions',
			role,
			'request.jwt.claims': JSON.stringify({ ...context.claims, role }),
			'request.jwt.claim.role': role,
			'request.jwt.claim.sub': typeof context.claims.sub === 'string' ? context.claims.sub : '',
			'request.headers': JSON.stringify(context.headers ?? {}),
			...context.settings
		};
		const names = Object.keys(settings);
		await client.query(
			`select ${names.map((_, i) => `set_config($${i * 2 + 1}, $${i * 2 + 2}, true)`).join(', ')}`,
			names.flatMap((name) => [name, settings[name]])
		);
		const result = await fn(client);
		await client.query(options.rollbackOnly ? 'rollback' : 'commit');
		return result;
	} catch (error) {
		await client.query('rollback').catch(() => {});
		throw error;
	} finally {
		client.release();
	}
}
