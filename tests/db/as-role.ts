/**
 * Runs SQL against the real Postgres the way the Supabase services do: as the caller's database
 * role (anon or authenticated) with `request.jwt.claims` set transaction-locally, so row level
 * security decides (supabase-protocols.md §2). Every test works inside one transaction that is
 * rolled back at the end: its data never outlives it, and test files can run in parallel.
 */
import pg from 'pg';
import { env } from '../conformance/env.ts';

/** Who runs a statement: the anonymous API role, or a signed-in user (auth.uid() = id). */
export type Caller = { role: 'anon' } | { role: 'authenticated'; id: string };

export const anon: Caller = { role: 'anon' };

export function signedIn(id: string): Caller {
	return { role: 'authenticated', id };
}

/** What a statement run as a caller came to: its rows, or the Postgres error it raised. */
export type Outcome =
	| { ok: true; rows: Record<string, unknown>[]; rowCount: number }
	| { ok: false; code: string; message: string; detail?: string; hint?: string };

export interface Statement {
	text: string;
	values?: unknown[];
	/** Extra transaction-local settings, e.g. realtime.topic or storage.allow_delete_query. */
	settings?: Record<string, string>;
}

interface PostgresError extends Error {
	code?: string;
	detail?: string;
	hint?: string;
}

export class Transaction {
	private savepoints = 0;

	constructor(private readonly client: pg.PoolClient) {}

	/** Runs SQL as postgres, the owner of the app's objects (as migrations and the seed do). */
	async sql<Row extends pg.QueryResultRow = Record<string, unknown>>(
		text: string,
		values?: unknown[]
	): Promise<Row[]> {
		return (await this.client.query<Row>(text, values)).rows;
	}

	/**
	 * Runs `statement` as `caller` and reports what happened. Writes stay visible to the rest of
	 * the transaction unless `keep` is false (then the statement is undone, so several attempts
	 * on the same rows do not influence each other). Errors never abort the transaction.
	 */
	async attempt(
		caller: Caller,
		statement: Statement | string,
		{ keep = true }: { keep?: boolean } = {}
	): Promise<Outcome> {
		const { text, values, settings } =
			typeof statement === 'string'
				? { text: statement, values: undefined, settings: {} }
				: statement;
		const savepoint = `attempt_${++this.savepoints}`;
		await this.client.query(`savepoint ${savepoint}`);
		let outcome: Outcome;
		try {
			await this.becomeCaller(caller, settings ?? {});
			const result = await this.client.query(text, values);
			outcome = { ok: true, rows: result.rows, rowCount: result.rowCount ?? 0 };
		} catch (error) {
			const pgError = error as PostgresError;
			if (typeof pgError.code !== 'string') throw error;
			outcome = {
				ok: false,
				code: pgError.code,
				message: pgError.message,
				detail: pgError.detail,
				hint: pgError.hint
			};
		}
		if (outcome.ok && keep) {
			await this.client.query(`release savepoint ${savepoint}`);
			await this.becomeOwner();
		} else {
			// Also restores role and claims to what they were before the savepoint.
			await this.client.query(`rollback to savepoint ${savepoint}`);
		}
		return outcome;
	}

	/** Like `attempt`, but the statement must succeed; returns its rows. */
	async as<Row = Record<string, unknown>>(
		caller: Caller,
		statement: Statement | string
	): Promise<Row[]> {
		const outcome = await this.attempt(caller, statement);
		if (!outcome.ok) {
			throw new Error(`as ${describeCaller(caller)}: ${outcome.code} ${outcome.message}`);
		}
		return outcome.rows as Row[];
	}

	private async becomeCaller(caller: Caller, settings: Record<string, string>): Promise<void> {
		const claims =
			caller.role === 'anon' ? { role: 'anon' } : { sub: caller.id, role: 'authenticated' };
		const all: Record<string, string> = {
			role: caller.role,
			'request.jwt.claims': JSON.stringify(claims),
			...settings
		};
		const names = Object.keys(all);
		await this.client.query(
			`select ${names.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`,
			names.flatMap((name) => [name, all[name]])
		);
	}

	private async becomeOwner(): Promise<void> {
		await this.client.query(`reset role; select set_config('request.jwt.claims', '', true)`);
	}
}

export function describeCaller(caller: Caller): string {
	return caller.role === 'anon' ? 'anon' : `staff ${caller.id}`;
}

/** One pool per test file (on the stack's database unless told otherwise); close it in afterAll. */
export function createDatabase(connectionString: string = env.dbUrl) {
	const pool = new pg.Pool({ connectionString, max: 4 });
	pool.on('error', () => {});
	return {
		/** Runs `fn` in a transaction that is always rolled back. */
		async inRollback<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
			const client = await pool.connect();
			try {
				await client.query('begin');
				return await fn(new Transaction(client));
			} finally {
				await client.query('rollback').catch(() => {});
				client.release();
			}
		},
		close: () => pool.end()
	};
}
