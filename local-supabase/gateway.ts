/**
 * The one listener on 127.0.0.1:54321, playing the CLI's Kong: CORS, API-key checks, mapping of
 * keys to the anon / service_role JWT, JWT verification, and routing by prefix to the services.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { jwtForApiKey, resolveCaller } from './caller.ts';
import { sendJson, type Service, type ServiceRequest } from './http.ts';

export interface Route {
	prefix: string;
	service: Service;
	/** Paths (after the prefix) that Kong serves without an API key, e.g. e-mail links. */
	openPaths?: (path: string) => boolean;
	/** Services that authenticate on their own (storage, functions) need no API key either. */
	keyOptional?: boolean;
}

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

const corsHeaders = {
	'access-control-allow-origin': '*',
	'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
	'access-control-allow-headers':
		'authorization, apikey, content-type, content-profile, accept-profile, prefer, range, ' +
		'x-client-info, x-supabase-api-version, x-upsert, x-metadata, cache-control, x-region',
	'access-control-expose-headers':
		'content-range, content-location, x-total-count, link, x-supabase-api-version, location, ' +
		'preference-applied, x-relay-error, content-disposition, etag, content-length, accept-ranges',
	'access-control-max-age': '3600'
};

function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

export function createGateway(
	routes: Route[],
	log: (message: string) => void,
	onUpgrade?: UpgradeHandler
): http.Server {
	const server = http.createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			log(
				`[gateway] ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : String(error)}`
			);
			if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
			else res.end();
		});
	});
	if (onUpgrade) server.on('upgrade', onUpgrade);

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		for (const [name, value] of Object.entries(corsHeaders)) res.setHeader(name, value);
		if (req.method === 'OPTIONS') {
			res.writeHead(204);
			res.end();
			return;
		}
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (url.pathname === '/health') {
			sendJson(res, 200, { status: 'ok' });
			return;
		}
		const route = routes.find(
			(candidate) =>
				url.pathname === candidate.prefix || url.pathname.startsWith(`${candidate.prefix}/`)
		);
		if (!route) {
			sendJson(res, 404, { message: 'no Route matched with those values' });
			return;
		}
		const path = url.pathname.slice(route.prefix.length) || '/';
		const apiKey = header(req, 'apikey') ?? url.searchParams.get('apikey') ?? undefined;
		const keyRequired = !route.keyOptional && !route.openPaths?.(path);
		if (keyRequired && !apiKey) {
			sendJson(res, 401, { message: 'No API key found in request' });
			return;
		}
		if (keyRequired && apiKey && !jwtForApiKey(apiKey)) {
			sendJson(res, 401, { message: 'Invalid authentication credentials' });
			return;
		}
		let bodyPromise: Promise<Buffer> | undefined;
		const request: ServiceRequest = {
			req,
			res,
			method: req.method ?? 'GET',
			path,
			query: url.searchParams,
			headers: req.headers,
			caller: resolveCaller(header(req, 'authorization'), apiKey),
			body: () => (bodyPromise ??= readBody(req))
		};
		await route.service.handle(request);
	}

	return server;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}
