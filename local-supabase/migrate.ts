/**
 * Brings a database to what `supabase start` / `supabase db reset` give: the platform bootstrap
 * (platform/*.sql), then supabase/migrations/*.sql recorded like the Supabase CLI records them,
 * then supabase/seed.sql. Every file runs in its own transaction; a failure names file and line.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { dbUrl, paths } from './config.ts';

type Client = pg.Client | pg.PoolClient;
type Log = (message: string) => void;

const platformDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'platform');

/** The Supabase CLI's rule for migration file names: `<version>_<name>.sql`. */
const migrationFileName = /^(\d+)_(.*)\.sql$/;

/** What app migrations and the seed see first on their search path, as `postgres` on Supabase. */
const migrationSearchPath = '"$user", public, extensions';

/** A statement of a SQL file and where it starts (0-based offset in code points). */
export interface SqlStatement {
	text: string;
	offset: number;
}

/**
 * 1-based line of a Postgres error `position` (1-based, counted in characters, i.e. code points)
 * within `sql`.
 */
export function lineOfPosition(sql: string, position: number): number {
	let line = 1;
	let seen = 0;
	for (const character of sql) {
		if (++seen >= position) break;
		if (character === '\n') line++;
	}
	return line;
}

/**
 * Splits a SQL script into its statements, as the CLI does to record them: semicolons inside
 * quotes, quoted identifiers, dollar quoting and comments do not end a statement. Statements are
 * trimmed and lose their `;`; empty ones (e.g. only comments) are dropped. Offsets count code
 * points so they combine with Postgres error positions.
 */
export function splitStatements(sql: string): SqlStatement[] {
	const chars = Array.from(sql);
	const statements: SqlStatement[] = [];
	let start = 0;
	let i = 0;
	const push = (end: number) => {
		const raw = chars.slice(start, end).join('');
		const leading = raw.length - raw.trimStart().length;
		const text = raw.trim();
		if (text !== '' && !isOnlyComments(text)) {
			statements.push({ text, offset: start + Array.from(raw.slice(0, leading)).length });
		}
	};
	while (i < chars.length) {
		const c = chars[i];
		const next = chars[i + 1];
		if (c === '-' && next === '-') {
			while (i < chars.length && chars[i] !== '\n') i++;
		} else if (c === '/' && next === '*') {
			i = skipBlockComment(chars, i);
		} else if (c === "'") {
			const escapes = i > 0 && /[eE]/.test(chars[i - 1]) && !/\w/.test(chars[i - 2] ?? '');
			i = skipQuoted(chars, i, "'", escapes);
		} else if (c === '"') {
			i = skipQuoted(chars, i, '"', false);
		} else if (c === '$') {
			i = skipDollarQuoted(chars, i);
		} else if (c === ';') {
			push(i);
			start = ++i;
		} else {
			i++;
		}
	}
	push(chars.length);
	return statements;
}

/** A fragment with nothing but comments, e.g. the tail of a file after its last `;`. */
function isOnlyComments(text: string): boolean {
	return (
		text
			.replace(/--[^\n]*/g, '')
			.replace(/\/\*[\s\S]*?\*\//g, '')
			.trim() === ''
	);
}

function skipBlockComment(chars: string[], from: number): number {
	let depth = 0;
	let i = from;
	while (i < chars.length) {
		if (chars[i] === '/' && chars[i + 1] === '*') {
			depth++;
			i += 2;
		} else if (chars[i] === '*' && chars[i + 1] === '/') {
			depth--;
			i += 2;
			if (depth === 0) return i;
		} else {
			i++;
		}
	}
	return i;
}

function skipQuoted(
	chars: string[],
	from: number,
	quote: string,
	backslashEscapes: boolean
): number {
	let i = from + 1;
	while (i < chars.length) {
		if (backslashEscapes && chars[i] === '\\') {
			i += 2;
		} else if (chars[i] === quote) {
			if (chars[i + 1] !== quote) return i + 1;
			i += 2;
		} else {
			i++;
		}
	}
	return i;
}

function skipDollarQuoted(chars: string[], from: number): number {
	// A tag is $$ or $identifier$; `$1` (a parameter) and `a$b` (part of a name) are not quotes.
	if (from > 0 && /[\w$]/.test(chars[from - 1])) return from + 1;
	let end = from + 1;
	while (end < chars.length && /[A-Za-z0-9_\u0080-\uffff]/.test(chars[end])) end++;
	if (chars[end] !== '$' || /\d/.test(chars[from + 1])) return from + 1;
	const tag = chars.slice(from, end + 1).join('');
	const body = chars.slice(end + 1).join('');
	const close = body.indexOf(tag);
	if (close === -1) return chars.length;
	return end + 1 + Array.from(body.slice(0, close)).length + Array.from(tag).length;
}

/** The shape of an error from `pg` (a Postgres ErrorResponse). */
interface PostgresError extends Error {
	position?: string;
	detail?: string;
	hint?: string;
	where?: string;
}

/**
 * An Error that names the file and line of a failed SQL file, e.g.
 * `supabase/migrations/2026_x.sql:12: relation "foo" does not exist`. `statementOffset` is where
 * the failing statement starts when the error carries no position of its own.
 */
export function sqlFileError(
	file: string,
	sql: string,
	error: unknown,
	statementOffset?: number
): Error {
	const pgError = error as PostgresError;
	const position = Number(pgError.position);
	const line =
		Number.isInteger(position) && position > 0
			? lineOfPosition(sql, position)
			: statementOffset !== undefined
				? lineOfPosition(sql, statementOffset + 1)
				: undefined;
	const where = path.relative(paths.root, file);
	const extra = [pgError.detail, pgError.hint && `hint: ${pgError.hint}`, pgError.where]
		.filter((part): part is string => typeof part === 'string' && part !== '')
		.map((part) => `\n  ${part}`)
		.join('');
	return new Error(`${where}${line === undefined ? '' : `:${line}`}: ${pgError.message}${extra}`, {
		cause: error
	});
}

/**
 * Runs one SQL file in one transaction; `afterwards` runs in the same transaction (e.g. to record
 * a migration). On failure nothing of the file stays, and the thrown Error names file and line.
 */
async function runSqlFile(
	client: Client,
	file: string,
	sql: string,
	afterwards?: () => Promise<void>
): Promise<void> {
	await client.query('begin');
	try {
		await client.query(`set local search_path to ${migrationSearchPath}`);
		await client.query(sql);
		await afterwards?.();
		await client.query('commit');
	} catch (error) {
		await client.query('rollback').catch(() => {});
		throw sqlFileError(file, sql, error, await locateFailingStatement(client, sql, error));
	}
}

/**
 * Errors raised while executing (not parsing) carry no position; replaying the statements one by
 * one in a transaction that is rolled back finds the one that fails.
 */
async function locateFailingStatement(
	client: Client,
	sql: string,
	error: unknown
): Promise<number | undefined> {
	if ((error as PostgresError).position !== undefined) return undefined;
	try {
		await client.query('begin');
		await client.query(`set local search_path to ${migrationSearchPath}`);
		for (const statement of splitStatements(sql)) {
			try {
				await client.query(statement.text);
			} catch {
				return statement.offset;
			}
		}
		return undefined;
	} catch {
		// The connection itself failed: report the original error without a line.
		return undefined;
	} finally {
		await client.query('rollback').catch(() => {});
	}
}

async function sqlFilesIn(directory: string): Promise<string[]> {
	if (!existsSync(directory)) return [];
	const names = (await readdir(directory)).filter((name) => name.endsWith('.sql')).sort();
	return names.map((name) => path.join(directory, name));
}

/**
 * Gives the connected database what a Supabase project has before its first migration. Must run
 * as a superuser (`postgres` on the embedded cluster). All of platform/*.sql is idempotent, so
 * this may run on every start: a platform change then reaches existing data directories (new
 * columns of existing platform tables need a reset).
 */
export async function bootstrapPlatform(client: Client): Promise<void> {
	for (const file of await sqlFilesIn(platformDir)) {
		await runSqlFile(client, file, await readFile(file, 'utf8'));
	}
}

/** Creates the CLI's migration history table if needed (same shape as `supabase db push`). */
async function ensureMigrationHistory(client: Client): Promise<void> {
	await client.query(`
		create schema if not exists supabase_migrations;
		create table if not exists supabase_migrations.schema_migrations (version text primary key);
		alter table supabase_migrations.schema_migrations
			add column if not exists statements text[],
			add column if not exists name text;
	`);
}

/**
 * Applies every supabase/migrations/*.sql not yet recorded in
 * supabase_migrations.schema_migrations, in file name order, each in its own transaction
 * together with its history row. Returns the versions applied.
 */
export async function applyMigrations(
	client: Client,
	log: Log,
	directory: string = paths.migrations
): Promise<string[]> {
	await ensureMigrationHistory(client);
	const { rows } = await client.query<{ version: string }>(
		'select version from supabase_migrations.schema_migrations'
	);
	const recorded = new Set(rows.map((row) => row.version));
	const applied: string[] = [];
	for (const file of await sqlFilesIn(directory)) {
		const match = migrationFileName.exec(path.basename(file));
		if (!match) {
			log(`skipping ${path.relative(paths.root, file)}: name must be <version>_<name>.sql`);
			continue;
		}
		const [, version, name] = match;
		if (recorded.has(version)) continue;
		const sql = await readFile(file, 'utf8');
		await runSqlFile(client, file, sql, async () => {
			await client.query(
				'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
				[version, name, splitStatements(sql).map((statement) => statement.text)]
			);
		});
		log(`applied migration ${path.basename(file)}`);
		applied.push(version);
	}
	return applied;
}

/** Runs supabase/seed.sql (when present) in one transaction. Returns whether it ran. */
export async function applySeed(
	client: Client,
	log: Log,
	file: string = paths.seed
): Promise<boolean> {
	if (!existsSync(file)) return false;
	await runSqlFile(client, file, await readFile(file, 'utf8'));
	log(`seeded ${path.relative(paths.root, file)}`);
	return true;
}

async function withClient<T>(
	connectionString: string,
	fn: (client: pg.Client) => Promise<T>
): Promise<T> {
	const client = new pg.Client({ connectionString });
	// A connection terminated by a concurrent reset must surface as a query error, not a crash.
	client.on('error', () => {});
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

/**
 * Prepares the database `connectionString` points at (superuser). `fresh`: a new database gets
 * bootstrap, migrations and seed. Otherwise the (idempotent) bootstrap and any new migrations
 * run, and the seed does not, as with `supabase start` on an existing volume.
 */
export async function prepareDatabase(options: {
	fresh: boolean;
	log: Log;
	connectionString?: string;
}): Promise<void> {
	await withClient(options.connectionString ?? dbUrl, async (client) => {
		await bootstrapPlatform(client);
		await applyMigrations(client, options.log);
		if (options.fresh) await applySeed(client, options.log);
	});
}
