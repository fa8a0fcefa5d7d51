/** What every auth endpoint gets: the parsed request, the caller, and the shared services. */
import type { PoolClient } from '../db.ts';
import type { ServiceDeps } from '../deps.ts';
import type { ServiceRequest } from '../http.ts';
import type { Claims } from '../jwt.ts';
import { AuthError } from './errors.ts';
import type { ClientInfo, Sessions } from './sessions.ts';

export interface AuthServices {
	deps: ServiceDeps;
	sessions: Sessions;
	/** Runs `fn` in one transaction on the supabase_auth_admin pool. */
	transaction<T>(fn: (db: PoolClient) => Promise<T>): Promise<T>;
}

export interface AuthRequest {
	request: ServiceRequest;
	/** The JSON body when it is an object, else `{}`. */
	body: Record<string, unknown>;
	/** Path parameters, e.g. the user id of `/admin/users/{id}`. */
	params: Record<string, string>;
}

export type Reply =
	{ status: number; body?: unknown; headers?: Record<string, string> } | { redirect: string };

export type Handler = (input: AuthRequest, services: AuthServices) => Promise<Reply>;

export const ok = (body: unknown): Reply => ({ status: 200, body });

/** The signed-in user behind a request, from the access token the gateway verified. */
export interface UserCaller {
	userId: string;
	sessionId: string | undefined;
	claims: Claims;
}

/** The claims of the request's verified JWT: 401 without one, 403 `bad_jwt` for a bad one. */
function verifiedClaims(request: ServiceRequest): Claims {
	const caller = request.caller;
	if (caller.kind === 'none') {
		throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
	}
	if (caller.kind === 'invalid') {
		throw new AuthError(
			403,
			'bad_jwt',
			`invalid JWT: unable to parse or verify signature, ${caller.reason}`
		);
	}
	return caller.claims;
}

export function requireUser(request: ServiceRequest): UserCaller {
	const claims = verifiedClaims(request);
	const { sub, session_id: sessionId } = claims;
	if (typeof sub !== 'string' || sub === '') {
		throw new AuthError(403, 'bad_jwt', 'invalid claim: missing sub claim');
	}
	return { userId: sub, sessionId: typeof sessionId === 'string' ? sessionId : undefined, claims };
}

const adminRoles = new Set(['service_role', 'supabase_admin']);

/** The admin API wants a JWT whose role is service_role or supabase_admin (the secret key's). */
export function requireAdmin(request: ServiceRequest): void {
	if (!adminRoles.has(String(verifiedClaims(request).role))) {
		throw new AuthError(403, 'not_admin', 'User not allowed');
	}
}

function firstHeader(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

export function clientInfo(request: ServiceRequest): ClientInfo {
	const forwarded = firstHeader(request.headers['x-forwarded-for'])?.split(',')[0]?.trim();
	return {
		userAgent: firstHeader(request.headers['user-agent']) ?? null,
		ip: forwarded || request.req.socket.remoteAddress || null
	};
}

/** The optional string field `name` of a body, or 400 when it has another type. */
export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
	const value = body[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string')
		throw new AuthError(400, 'validation_failed', `${name} must be a string`);
	return value;
}

/** The optional object field `name` of a body (metadata), or 400 when it is not an object. */
export function optionalObject(
	body: Record<string, unknown>,
	name: string
): Record<string, unknown> | undefined {
	const value = body[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new AuthError(400, 'validation_failed', `${name} must be an object`);
	}
	return value as Record<string, unknown>;
}
