/**
 * The production build of the app for the browser benches: built if missing, served with
 * `node build` against the local stack, and ready once `/login` answers.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { apiUrl, keys } from '../../local-supabase/config.ts';

export const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForApp(origin: string): Promise<void> {
	let lastProblem = '';
	for (let attempt = 0; attempt < 300; attempt++) {
		try {
			const response = await fetch(`${origin}/login`);
			if (response.ok) return;
			lastProblem = `HTTP ${response.status}`;
		} catch (error) {
			lastProblem = String((error as { cause?: unknown }).cause ?? error);
		}
		await sleep(100);
	}
	throw new Error(`the app did not answer within 30 s: ${lastProblem}`);
}

/** Serves the build on `port` (as `origin`); resolves once it answers, with a way to stop it. */
export async function startAppServer(port: number, origin: string): Promise<{ stop(): void }> {
	if (!existsSync('build/index.js')) execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
	const server = spawn(process.execPath, ['build'], {
		env: {
			...process.env,
			PORT: String(port),
			ORIGIN: origin,
			PUBLIC_SUPABASE_URL: apiUrl,
			PUBLIC_SUPABASE_PUBLISHABLE_KEY: keys.publishable
		},
		stdio: 'ignore'
	});
	const stop = () => server.kill();
	try {
		await waitForApp(origin);
	} catch (error) {
		stop();
		throw error;
	}
	return { stop };
}
