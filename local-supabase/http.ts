/** What the gateway hands each service, and small response helpers they share. */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Claims } from './jwt.ts';

/**
 * Who is calling, resolved by the gateway like the CLI's Kong: a present `Authorization`
 * that is not `Bearer sb_…` wins; otherwise the apikey maps to the anon or service_role JWT.
 */
export type Caller =
	| { kind: 'none' }
	| { kind: 'valid'; token: string; claims: Claims; fromApiKey: boolean }
	| {
			kind: 'invalid';
			token: string;
			reason: 'malformed' | 'bad_signature' | 'expired' | 'unsupported_alg';
	  };

export interface ServiceRequest {
	req: IncomingMessage;
	res: ServerResponse;
	method: string;
	/** Path after the service prefix, without query string, e.g. `/leads` or `/token`. */
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	caller: Caller;
	/** The raw body (read once, cached). */
	body(): Promise<Buffer>;
}

export interface Service {
	handle(request: ServiceRequest): Promise<void>;
	close?(): Promise<void>;
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): void {
	const text = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, {
		...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
		...headers
	});
	res.end(text);
}

export async function readJson<T = unknown>(request: ServiceRequest): Promise<T | undefined> {
	const raw = await request.body();
	if (raw.length === 0) return undefined;
	return JSON.parse(raw.toString('utf8')) as T;
}
