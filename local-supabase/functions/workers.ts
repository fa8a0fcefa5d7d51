/**
 * One long-lived Deno process per edge function, started on its first request. Its
 * `Deno.serve(...)` listens where `DENO_SERVE_ADDRESS` says (Deno honours it over the code's own
 * port), and the service proxies to it. A changed file retires the worker: requests already
 * inside finish on the old code, the next request boots the new one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface WorkerPoolOptions {
	functionsDir: string;
	/** Deno's module and npm cache (DENO_DIR), kept across restarts of the stack. */
	denoDir: string;
	/** The only directory functions may write to, like the edge runtime's /tmp. */
	writableDir: string;
	/** The environment a function sees; read at each boot so `.env` edits apply. */
	functionEnv(): Record<string, string>;
	log(message: string): void;
	/** How long a boot may take; the first boot downloads the function's npm packages. */
	bootTimeoutMs?: number;
}

/** The function's code failed to load or never started listening. */
export class BootError extends Error {}

export interface Lease {
	port: number;
	/** Called when the request is done, so a retired worker can stop once it is idle. */
	release(): void;
}

interface Worker {
	name: string;
	port: number;
	child: ChildProcess;
	ready: Promise<void>;
	exited: Promise<void>;
	hasExited: boolean;
	inFlight: number;
	retired: boolean;
}

/** Variables Deno itself needs to reach the npm registry; functions may see them too. */
const passedThrough = [
	'HOME',
	'HTTP_PROXY',
	'HTTPS_PROXY',
	'NO_PROXY',
	'http_proxy',
	'https_proxy',
	'no_proxy',
	'NPM_CONFIG_REGISTRY',
	// Extra CA certificates (Deno reads Node's variable too), e.g. behind a TLS-inspecting proxy.
	'NODE_EXTRA_CA_CERTS',
	'DENO_CERT',
	'DENO_TLS_CA_STORE',
	'TZ'
];

const stopGraceMs = 3000;
const preload = fileURLToPath(new URL('./worker-preload.js', import.meta.url));

export function denoExecutable(): string {
	const packageDir = path.dirname(createRequire(import.meta.url).resolve('deno/package.json'));
	const executable = path.join(packageDir, process.platform === 'win32' ? 'deno.exe' : 'deno');
	if (!existsSync(executable)) {
		throw new Error(`The deno binary is missing at ${executable}; reinstall the npm package deno.`);
	}
	return executable;
}

export class WorkerPool {
	private readonly workers = new Map<string, Worker>();
	/** Boots under way, so concurrent first requests share one worker. */
	private readonly booting = new Map<string, Promise<Worker>>();
	private readonly retiring = new Set<Worker>();
	private readonly deno = denoExecutable();
	private closed = false;

	constructor(private readonly options: WorkerPoolOptions) {}

	/** A running worker for the function, booting one when needed. */
	async acquire(name: string): Promise<Lease> {
		const current = await this.workerFor(name);
		current.inFlight += 1;
		try {
			await current.ready;
		} catch (error) {
			current.inFlight -= 1;
			if (this.workers.get(name) === current) this.workers.delete(name);
			throw error;
		}
		let released = false;
		return {
			port: current.port,
			release: () => {
				if (released) return;
				released = true;
				current.inFlight -= 1;
				if (current.retired && current.inFlight === 0) this.stop(current);
			}
		};
	}

	private async workerFor(name: string): Promise<Worker> {
		const existing = this.workers.get(name);
		if (existing && !existing.hasExited) return existing;
		let pending = this.booting.get(name);
		if (!pending) {
			pending = this.boot(name).finally(() => this.booting.delete(name));
			this.booting.set(name, pending);
		}
		return pending;
	}

	/** Retires the function's worker, or every worker when no name is given. */
	retire(name?: string): void {
		const names = name === undefined ? [...this.workers.keys()] : [name];
		for (const each of names) {
			const worker = this.workers.get(each);
			if (!worker) continue;
			this.workers.delete(each);
			worker.retired = true;
			this.retiring.add(worker);
			if (worker.inFlight === 0) this.stop(worker);
		}
	}

	async close(): Promise<void> {
		this.closed = true;
		await Promise.allSettled(this.booting.values());
		const all = [...this.workers.values(), ...this.retiring];
		this.workers.clear();
		for (const worker of all) {
			worker.retired = true;
			this.stop(worker);
		}
		await Promise.all(all.map((worker) => worker.exited));
	}

	private async boot(name: string): Promise<Worker> {
		const { functionsDir, denoDir, writableDir, log } = this.options;
		const port = await freePort();
		const functionDir = path.join(functionsDir, name);
		const env: Record<string, string> = {};
		for (const variable of passedThrough) {
			const value = process.env[variable];
			if (value !== undefined) env[variable] = value;
		}
		Object.assign(env, this.options.functionEnv(), {
			DENO_DIR: denoDir,
			DENO_SERVE_ADDRESS: `tcp:127.0.0.1:${port}`,
			// The repository's package.json is not the function's: npm: imports come from DENO_DIR.
			DENO_NO_PACKAGE_JSON: '1',
			DENO_NO_UPDATE_CHECK: '1',
			NO_COLOR: '1'
		});
		const child = spawn(
			this.deno,
			[
				'run',
				'--allow-net',
				'--allow-env',
				'--allow-read',
				'--allow-sys',
				`--allow-write=${writableDir}`,
				'--no-prompt',
				'--no-lock',
				'--node-modules-dir=none',
				`--preload=${preload}`,
				'index.ts'
			],
			{ cwd: functionDir, env, stdio: ['ignore', 'pipe', 'pipe'] }
		);
		for (const stream of [child.stdout, child.stderr]) {
			if (stream)
				createInterface({ input: stream }).on('line', (line) => log(`[functions:${name}] ${line}`));
		}
		const worker: Worker = {
			name,
			port,
			child,
			ready: Promise.resolve(),
			exited: Promise.resolve(),
			hasExited: false,
			inFlight: 0,
			retired: false
		};
		worker.exited = new Promise((resolve) => {
			child.once('exit', (code, signal) => {
				worker.hasExited = true;
				this.retiring.delete(worker);
				if (this.workers.get(name) === worker) this.workers.delete(name);
				if (!worker.retired) log(`[functions] ${name} exited (${signal ?? `code ${code}`})`);
				resolve();
			});
			child.once('error', (error) => {
				log(`[functions] ${name} could not start: ${error.message}`);
				worker.hasExited = true;
				resolve();
			});
		});
		worker.ready = this.whenListening(worker);
		// Whoever acquires the worker sees a boot failure; nobody may be waiting for it.
		worker.ready.catch(() => {});
		this.workers.set(name, worker);
		if (this.closed) this.stop(worker);
		return worker;
	}

	private async whenListening(worker: Worker): Promise<void> {
		const deadline = Date.now() + (this.options.bootTimeoutMs ?? 60_000);
		while (!worker.hasExited) {
			if (await canConnect(worker.port)) {
				this.options.log(`[functions] ${worker.name} serving on 127.0.0.1:${worker.port}`);
				return;
			}
			if (Date.now() > deadline) {
				this.stop(worker);
				throw new BootError(`${worker.name} did not start listening in time`);
			}
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		throw new BootError(`${worker.name} exited while booting`);
	}

	private stop(worker: Worker): void {
		if (worker.hasExited) return;
		worker.child.kill('SIGTERM');
		const timer = setTimeout(() => worker.child.kill('SIGKILL'), stopGraceMs);
		void worker.exited.then(() => clearTimeout(timer));
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

function canConnect(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}
