/**
 * The local-supabase CLI as a user meets it: start, idempotent start, status, stop, and the loud
 * failures (taken port, failing migration, corrupt data directory) that leave nothing running.
 * Runs a second stack on shifted ports with its own state and project directories.
 */
import { spawnSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	realpathSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const portOffset = 1000;
const apiPort = 54321 + portOffset;
const cli = path.resolve('local-supabase/cli.ts');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'leadwerk-lifecycle-'));
const projectDir = path.join(scratch, 'project');
const stateDir = path.join(scratch, 'state');

function runCli(command: string) {
	const result = spawnSync(process.execPath, ['--import', 'tsx', cli, command], {
		encoding: 'utf8',
		env: {
			...process.env,
			LOCAL_SUPABASE_PORT_OFFSET: String(portOffset),
			LOCAL_SUPABASE_STATE_DIR: stateDir,
			LOCAL_SUPABASE_PROJECT_DIR: projectDir
		}
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function portIsFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = net.createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

function statusMap(stdout: string): Map<string, string> {
	return new Map(
		stdout
			.trim()
			.split('\n')
			.map((line) => {
				const at = line.indexOf('=');
				return [line.slice(0, at), line.slice(at + 1)] as [string, string];
			})
	);
}

beforeAll(() => {
	// The project's own migrations and seed: the scratch stack starts like the real one.
	mkdirSync(path.join(projectDir, 'supabase'), { recursive: true });
	cpSync('supabase/migrations', path.join(projectDir, 'supabase', 'migrations'), {
		recursive: true
	});
	cpSync('supabase/seed.sql', path.join(projectDir, 'supabase', 'seed.sql'));
});

afterAll(() => {
	runCli('stop');
	// The cluster may live outside the scratch directory (see postgres.ts clusterDirectory).
	const clusterDir = path.join(stateDir, 'db');
	if (existsSync(clusterDir)) rmSync(realpathSync(clusterDir), { recursive: true, force: true });
	rmSync(scratch, { recursive: true, force: true });
});

describe('local-supabase lifecycle', { timeout: 120_000 }, () => {
	it('starts detached, prints the status lines, is idempotent, and stops', async () => {
		const first = runCli('start');
		expect(first.code, first.stderr).toBe(0);
		const status = statusMap(first.stdout);
		for (const key of [
			'API_URL',
			'DB_URL',
			'PUBLISHABLE_KEY',
			'SECRET_KEY',
			'ANON_KEY',
			'SERVICE_ROLE_KEY',
			'JWT_SECRET',
			'INBUCKET_URL'
		]) {
			expect(status.get(key), key).toBeTruthy();
		}
		expect(status.get('API_URL')).toBe(`http://127.0.0.1:${apiPort}`);
		expect((await fetch(`http://127.0.0.1:${apiPort}/health`)).status).toBe(200);

		const again = runCli('start');
		expect(again.code).toBe(0);
		expect(again.stderr).toContain('already running');
		expect(statusMap(again.stdout)).toEqual(status);

		const running = runCli('status');
		expect(running.code).toBe(0);
		expect(statusMap(running.stdout)).toEqual(status);

		expect(runCli('stop').code).toBe(0);
		expect(runCli('status').code).toBe(1);
		expect(await portIsFree(apiPort)).toBe(true);
		expect(await portIsFree(apiPort + 1)).toBe(true);
	});

	it('refuses a taken port with a clear message and leaves nothing running', async () => {
		const blocker = net.createServer();
		await new Promise<void>((resolve) => blocker.listen(apiPort, '127.0.0.1', resolve));
		try {
			const result = runCli('start');
			expect(result.code).toBe(1);
			expect(result.stderr).toContain(`Port ${apiPort}`);
			expect(result.stderr).toContain('already in use');
			expect(runCli('status').code).toBe(1);
			expect(await portIsFree(apiPort + 1)).toBe(true);
		} finally {
			await new Promise((resolve) => blocker.close(resolve));
		}
	});

	it('names file, line and Postgres message of a failing migration and stops Postgres', async () => {
		const migration = path.join(projectDir, 'supabase', 'migrations', '20990101000000_broken.sql');
		writeFileSync(
			migration,
			'create table public.fine (id int);\n\nselect * from missing_table;\n'
		);
		try {
			const result = runCli('start');
			expect(result.code).toBe(1);
			expect(result.stderr).toMatch(
				/20990101000000_broken\.sql:3: relation "missing_table" does not exist/
			);
			expect(await portIsFree(apiPort + 1)).toBe(true);
		} finally {
			rmSync(migration);
		}
		// Nothing of the failed migration stayed behind: the next start applies the fixed set.
		expect(runCli('start').code).toBe(0);
		expect(runCli('stop').code).toBe(0);
	});

	it('reports a corrupt data directory and recovers with reset', async () => {
		rmSync(path.join(realpathSync(path.join(stateDir, 'db')), 'PG_VERSION'));
		const broken = runCli('start');
		expect(broken.code).toBe(1);
		expect(broken.stderr).toContain('corrupt');
		expect(broken.stderr).toContain('local:reset');
		expect(await portIsFree(apiPort + 1)).toBe(true);

		const reset = runCli('reset');
		expect(reset.code, reset.stderr).toBe(0);
		expect(statusMap(reset.stdout).get('API_URL')).toBe(`http://127.0.0.1:${apiPort}`);
		expect(runCli('stop').code).toBe(0);
	});
});
