/**
 * Edge functions at `/functions/v1/<name>`, like `supabase functions serve` (supabase-protocols.md
 * §6): `supabase/functions/<name>/index.ts` runs in Deno with the edge runtime's environment,
 * `verify_jwt` from config.toml is enforced here, and a file change reloads the function.
 */
import { existsSync, mkdirSync, readFileSync, watch } from 'node:fs';
import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { apiUrl, dbUrl, host, keys, paths, ports, siteUrl } from '../config.ts';
import type { ServiceDeps } from '../deps.ts';
import { sendJson, type Caller, type Service, type ServiceRequest } from '../http.ts';
import { parseDotenv } from './dotenv.ts';
import { createSettingsReader } from './function-settings.ts';
import { BootError, WorkerPool } from './workers.ts';

/** Function names the CLI accepts; `_shared` and the like are not functions. */
const functionNamePattern = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Connection-level headers a proxy must not forward. */
const hopByHop = new Set([
	'connection',
	'keep-alive',
	'proxy-connection',
	'transfer-encoding',
	'upgrade',
	'te',
	'trailer',
	'expect',
	'host'
]);

export async function createFunctionsService(deps: ServiceDeps): Promise<Service> {
	const { log } = deps;
	mkdirSync(paths.functions, { recursive: true });
	const settingsOf = createSettingsReader(
		path.join(path.dirname(paths.functions), 'config.toml'),
		log
	);
	const pool = new WorkerPool({
		functionsDir: paths.functions,
		denoDir: path.join(paths.state, 'deno'),
		writableDir: os.tmpdir(),
		functionEnv: () => functionEnv(log),
		log
	});
	// A change inside `<name>/` reloads that function; anything else (`_shared/`, `.env`) all.
	const watcher = watch(paths.functions, { recursive: true }, (_event, file) => {
		const top = file?.split(path.sep)[0];
		pool.retire(top && functionNamePattern.test(top) ? top : undefined);
	});
	watcher.on('error', (error) => log(`[functions] watching ${paths.functions} failed: ${error}`));
	const agent = new http.Agent({ keepAlive: true });

	return {
		async handle(request) {
			const name = request.path.split('/')[1] ?? '';
			const settings = functionNamePattern.test(name) ? settingsOf(name) : undefined;
			if (!settings?.enabled || !existsSync(path.join(paths.functions, name, 'index.ts'))) {
				request.res.writeHead(404, { 'content-type': 'text/plain' });
				request.res.end('Function not found');
				return;
			}
			if (settings.verifyJwt) {
				const denial = jwtDenial(request);
				if (denial) {
					sendJson(request.res, 401, { msg: denial });
					return;
				}
			}
			let lease;
			try {
				lease = await pool.acquire(name);
			} catch (error) {
				log(
					`[functions] ${name} failed to boot: ${error instanceof Error ? error.message : error}`
				);
				sendJson(request.res, 503, {
					code: 'BOOT_ERROR',
					message: 'Worker failed to boot (please check logs)'
				});
				return;
			}
			try {
				await proxy(request, lease.port, agent);
			} finally {
				lease.release();
			}
		},
		async close() {
			watcher.close();
			await pool.close();
			agent.destroy();
		}
	};
}

/** What the edge runtime's JWT check answers, or undefined when the request may pass. */
function jwtDenial({ caller, headers }: ServiceRequest): string | undefined {
	const authorization = headers.authorization;
	if (authorization && !authorization.startsWith('Bearer ')) {
		return "Error: Auth header is not 'Bearer {token}'";
	}
	if (caller.kind === 'none') return 'Error: Missing authorization header';
	if (caller.kind === 'invalid') return 'Invalid JWT';
	return undefined;
}

/** Like Kong, an API key without a user token reaches the function as the key's JWT. */
function forwardedAuthorization(caller: Caller, headers: IncomingHttpHeaders): string | undefined {
	return caller.kind === 'valid' ? `Bearer ${caller.token}` : headers.authorization;
}

/** The environment the Supabase edge runtime gives functions, plus `supabase/functions/.env`. */
function functionEnv(log: (message: string) => void): Record<string, string> {
	const envFile = path.join(paths.functions, '.env');
	const secrets: Record<string, string> = {};
	if (existsSync(envFile)) {
		let parsed: Record<string, string>;
		try {
			parsed = parseDotenv(readFileSync(envFile, 'utf8'));
		} catch (error) {
			throw new BootError(`${envFile}: ${error instanceof Error ? error.message : error}`);
		}
		for (const [name, value] of Object.entries(parsed)) {
			if (name.startsWith('SUPABASE_')) log(`[functions] ${envFile}: ${name} is reserved, skipped`);
			else secrets[name] = value;
		}
	}
	return {
		// Mail goes to the local inbox and links to the local app unless `.env` says otherwise.
		SMTP_HOST: host,
		SMTP_PORT: String(ports.smtp),
		APP_URL: siteUrl,
		...secrets,
		SUPABASE_URL: apiUrl,
		SUPABASE_ANON_KEY: keys.anon,
		SUPABASE_SERVICE_ROLE_KEY: keys.serviceRole,
		SUPABASE_DB_URL: dbUrl,
		SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: keys.publishable }),
		SUPABASE_SECRET_KEYS: JSON.stringify({ default: keys.secret })
	};
}

/** Streams the request to the worker and its response back, as `/<name>/…` like Kong sends it. */
function proxy(request: ServiceRequest, port: number, agent: http.Agent): Promise<void> {
	const { req, res } = request;
	const headers: OutgoingHttpHeaders = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (!hopByHop.has(name) && name !== 'authorization' && value !== undefined) {
			headers[name] = value;
		}
	}
	const authorization = forwardedAuthorization(request.caller, req.headers);
	if (authorization) headers.authorization = authorization;
	if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;
	headers['x-forwarded-proto'] = 'http';
	if (req.socket.remoteAddress) headers['x-forwarded-for'] = req.socket.remoteAddress;
	const search = new URL(req.url ?? '/', 'http://localhost').search;

	return new Promise((resolve) => {
		const upstream = http.request(
			{
				host: '127.0.0.1',
				port,
				method: request.method,
				path: `${request.path}${search}`,
				headers,
				agent
			},
			(response) => {
				const responseHeaders: OutgoingHttpHeaders = {};
				for (const [name, value] of Object.entries(response.headers)) {
					if (!hopByHop.has(name) && value !== undefined) responseHeaders[name] = value;
				}
				res.writeHead(response.statusCode ?? 502, responseHeaders);
				response.pipe(res);
				response.once('error', () => res.destroy());
			}
		);
		upstream.once('error', () => {
			// The worker died mid-request, as the edge runtime's InvalidWorkerResponse.
			if (res.destroyed) return;
			if (res.headersSent) res.destroy();
			else
				sendJson(res, 500, {
					code: 'WORKER_ERROR',
					message: 'Function exited due to an error (please check logs)'
				});
		});
		res.once('close', () => {
			if (!res.writableFinished) upstream.destroy();
			resolve();
		});
		req.pipe(upstream);
	});
}
