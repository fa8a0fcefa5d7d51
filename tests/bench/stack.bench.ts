/**
 * `npm run bench`: figures only, never pass/fail. Measures `local:start` cold (empty state
 * directory: initdb, bootstrap, migrations, seed) and warm (existing database), then the
 * latency of REST selects with one embed through supabase-js.
 */
import { createClient } from '@supabase/supabase-js';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { apiUrl, dbUrl, keys } from '../../local-supabase/config.ts';
import { realtimeTransport } from '../conformance/transport.ts';

const cli = path.resolve('local-supabase/cli.ts');
const requestCount = 500;

function runCli(command: string, stateDir?: string): number {
	const started = performance.now();
	execFileSync(process.execPath, ['--import', 'tsx', cli, command], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: stateDir ? { ...process.env, LOCAL_SUPABASE_STATE_DIR: stateDir } : process.env
	});
	return performance.now() - started;
}

function isRunning(): boolean {
	try {
		execFileSync(process.execPath, ['--import', 'tsx', cli, 'status'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function measureRestLatency(): Promise<number[]> {
	const suffix = Math.random().toString(16).slice(2, 8);
	const parent = `bench_company_${suffix}`;
	const child = `bench_contact_${suffix}`;
	const db = new pg.Client({ connectionString: dbUrl });
	await db.connect();
	try {
		await db.query(`
			create table public.${parent} (id bigint generated always as identity primary key, name text not null);
			create table public.${child} (id bigint generated always as identity primary key,
				name text not null, company_id bigint not null references public.${parent}(id));
			insert into public.${parent} (name) select 'Company ' || g from generate_series(1, 100) g;
			insert into public.${child} (name, company_id) select 'Contact ' || g, 1 + g % 100 from generate_series(1, 1000) g;`);
		const supabase = createClient(apiUrl, keys.secret, {
			auth: { persistSession: false },
			realtime: { transport: realtimeTransport }
		});
		const query = () =>
			supabase.from(child).select(`id, name, company:${parent}(id, name)`).limit(20);
		for (let attempt = 0; (await query()).error; attempt++) {
			if (attempt > 50) throw new Error('bench tables never became visible through REST');
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		const timings: number[] = [];
		for (let i = 0; i < requestCount; i++) {
			const started = performance.now();
			const { error } = await query();
			timings.push(performance.now() - started);
			if (error) throw new Error(error.message);
		}
		return timings.sort((a, b) => a - b);
	} finally {
		await db.query(`drop table if exists public.${child}, public.${parent}`);
		await db.end();
	}
}

const userStackWasRunning = isRunning();
if (userStackWasRunning) runCli('stop');
const stateDir = mkdtempSync(path.join(os.tmpdir(), 'leadwerk-bench-'));
try {
	const cold = runCli('start', stateDir);
	runCli('stop', stateDir);
	const warm = runCli('start', stateDir);
	const timings = await measureRestLatency();
	console.log(`local:start cold (fresh database) to healthy: ${ms(cold)}`);
	console.log(`local:start warm (existing database) to healthy: ${ms(warm)}`);
	console.log(
		`REST select with one embed (${requestCount} sequential requests, 20 rows each): ` +
			`median ${ms(percentile(timings, 50))}, p95 ${ms(percentile(timings, 95))}, max ${ms(timings.at(-1) ?? 0)}`
	);
} finally {
	runCli('stop', stateDir);
	// The cluster may live outside the state directory (see local-supabase/postgres.ts).
	const clusterDir = path.join(stateDir, 'db');
	if (existsSync(clusterDir)) rmSync(realpathSync(clusterDir), { recursive: true, force: true });
	rmSync(stateDir, { recursive: true, force: true });
	if (userStackWasRunning) runCli('start');
}
