/**
 * A throwaway database in the stack's cluster, built like a fresh Supabase project: the
 * platform bootstrap, then supabase/migrations. For checks that must see exactly what the
 * migrations create (schema lint) or need data of their own at scale (the bench). Roles are
 * cluster-wide and already exist; the bootstrap is idempotent about them.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { applyMigrations, bootstrapPlatform } from '../../local-supabase/migrate.ts';
import { env } from '../conformance/env.ts';

export interface ScratchDatabase {
	url: string;
	drop(): Promise<void>;
}

async function onCluster<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: env.dbUrl });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
	const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
	// template0 accepts no connections, so a busy template1 cannot make this fail.
	await onCluster((client) =>
		client.query(`create database ${name} template template0 encoding 'UTF8'`)
	);
	const url = new URL(env.dbUrl);
	url.pathname = `/${name}`;
	const drop = () =>
		onCluster(async (client) => {
			await client.query(`drop database if exists ${name} with (force)`);
		});
	const client = new pg.Client({ connectionString: url.toString() });
	try {
		await client.connect();
		await bootstrapPlatform(client);
		await applyMigrations(client, () => {});
	} catch (error) {
		await client.end().catch(() => {});
		await drop();
		throw error;
	}
	await client.end();
	return { url: url.toString(), drop };
}
