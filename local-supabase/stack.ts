/** Starts, stops and inspects the detached local-supabase process, like `supabase start`. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiUrl, paths } from './config.ts';
import { removeDatabase } from './postgres.ts';

const serverEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server.ts');
const startTimeoutMs = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readPid(): number | undefined {
	if (!existsSync(paths.pidFile)) return undefined;
	const pid = Number(readFileSync(paths.pidFile, 'utf8').trim());
	return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function isHealthy(): Promise<boolean> {
	try {
		const response = await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(1000) });
		return response.ok;
	} catch {
		return false;
	}
}

/** The stack's process id when it runs and answers its health check. */
export async function runningPid(): Promise<number | undefined> {
	const pid = readPid();
	if (pid === undefined || !isAlive(pid)) return undefined;
	return (await isHealthy()) ? pid : undefined;
}

/** Starts the stack unless it runs already; resolves once it is healthy. */
export async function start(log: (line: string) => void): Promise<{ started: boolean }> {
	if (await runningPid()) return { started: false };
	const stalePid = readPid();
	if (stalePid !== undefined && isAlive(stalePid)) {
		// A previous start is still coming up (or hung): let it finish or fail first.
		await waitUntilHealthy(stalePid);
		return { started: false };
	}
	mkdirSync(paths.state, { recursive: true });
	rmSync(paths.errorFile, { force: true });
	const logFd = openSync(paths.log, 'a');
	const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
		cwd: paths.root,
		detached: true,
		stdio: ['ignore', logFd, logFd],
		env: process.env
	});
	if (child.pid === undefined) throw new Error('Could not spawn the local-supabase process.');
	writeFileSync(paths.pidFile, String(child.pid));
	child.unref();
	log(
		`Starting local-supabase (pid ${child.pid}, log ${path.relative(process.cwd(), paths.log)})…`
	);
	await waitUntilHealthy(child.pid);
	return { started: true };
}

async function waitUntilHealthy(pid: number): Promise<void> {
	const deadline = Date.now() + startTimeoutMs;
	while (Date.now() < deadline) {
		if (!isAlive(pid)) {
			rmSync(paths.pidFile, { force: true });
			const reason = existsSync(paths.errorFile)
				? readFileSync(paths.errorFile, 'utf8')
				: `the process exited; see ${paths.log}`;
			throw new Error(`local-supabase failed to start: ${reason}`);
		}
		if (await isHealthy()) return;
		await sleep(100);
	}
	await stopPid(pid);
	throw new Error(
		`local-supabase did not become healthy within ${startTimeoutMs / 1000} s; see ${paths.log}`
	);
}

async function stopPid(pid: number): Promise<void> {
	try {
		process.kill(pid, 'SIGTERM');
	} catch {
		return;
	}
	const deadline = Date.now() + 30_000;
	while (isAlive(pid) && Date.now() < deadline) await sleep(100);
	if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** Stops the stack; returns false when it was not running. */
export async function stop(): Promise<boolean> {
	const pid = readPid();
	const wasRunning = pid !== undefined && isAlive(pid);
	if (wasRunning) await stopPid(pid);
	rmSync(paths.pidFile, { force: true });
	return wasRunning;
}

/** Rebuilds the database (and storage) from the platform bootstrap, migrations and seed. */
export async function reset(log: (line: string) => void): Promise<void> {
	await stop();
	removeDatabase();
	rmSync(paths.storage, { recursive: true, force: true });
	await start(log);
}
