/**
 * `npm run local:start|status|stop|reset`, plus `run -- <command>` (runs a command against the
 * stack, starting and stopping it when it was not running) and `dev` (used by `npm run dev`).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { apiUrl, paths, statusLines } from './config.ts';
import { reset, runningPid, start, stop } from './stack.ts';

const info = (line: string) => console.error(line);
const printStatus = () => console.log(statusLines().join('\n'));

function runCommand(command: string[]): Promise<number> {
	return new Promise((resolve) => {
		const child = spawn(command[0], command.slice(1), { stdio: 'inherit', shell: false });
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
		child.on('error', (error) => {
			info(error.message);
			resolve(1);
		});
	});
}

/** The URL the app is configured for, from `.env` (created from `.env.example` when missing). */
function configuredSupabaseUrl(): string | undefined {
	const envFile = path.join(paths.root, '.env');
	if (!existsSync(envFile)) {
		copyFileSync(path.join(paths.root, '.env.example'), envFile);
		info('Created .env from .env.example (local-supabase settings).');
	}
	const match = readFileSync(envFile, 'utf8').match(/^PUBLIC_SUPABASE_URL=(.*)$/m);
	return process.env.PUBLIC_SUPABASE_URL ?? match?.[1].trim().replace(/^["']|["']$/g, '');
}

function isLocalStack(url: string | undefined): boolean {
	if (!url) return false;
	const { hostname, port } = new URL(url);
	return ['127.0.0.1', 'localhost'].includes(hostname) && port === new URL(apiUrl).port;
}

async function main(): Promise<number> {
	const [command, ...rest] = process.argv.slice(2);
	switch (command) {
		case 'start':
			if (!(await start(info)).started) info('local-supabase is already running.');
			printStatus();
			return 0;
		case 'status':
			if (!(await runningPid())) {
				info('local-supabase is not running. Start it with `npm run local:start`.');
				return 1;
			}
			printStatus();
			return 0;
		case 'stop':
			info((await stop()) ? 'Stopped local-supabase.' : 'local-supabase was not running.');
			return 0;
		case 'reset':
			await reset(info);
			info('Database rebuilt from supabase/migrations and supabase/seed.sql.');
			printStatus();
			return 0;
		case 'run': {
			const target = rest[0] === '--' ? rest.slice(1) : rest;
			if (target.length === 0) throw new Error('usage: cli.ts run -- <command> [args…]');
			const { started } = await start(info);
			try {
				return await runCommand(target);
			} finally {
				if (started) await stop();
			}
		}
		case 'dev':
			if (isLocalStack(configuredSupabaseUrl())) await start(info);
			return 0;
		default:
			info('usage: cli.ts start | status | stop | reset | run -- <command> | dev');
			return 2;
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		info(error instanceof Error ? error.message : String(error));
		process.exit(1);
	}
);
