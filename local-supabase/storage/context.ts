/**
 * Who a storage request acts as, and the transactions it runs in: as the caller (role and claims
 * set like storage-api's scope.ts, so RLS on storage.objects decides), as a rolled-back
 * permission probe, or as the service role for the writes storage-api does as superuser.
 */
import { withCaller, type PoolClient } from '../db.ts';
import type { ServiceDeps } from '../deps.ts';
import type { Caller, ServiceRequest } from '../http.ts';
import type { Claims } from '../jwt.ts';
import type { Disk } from './disk.ts';
import { errors, translateDatabaseError } from './errors.ts';

/**
 * How a route authenticates: `jwt` needs a valid token, `optional` treats a missing or invalid
 * one as an unauthenticated anon caller, `serviceRole` needs the service role, `none` ignores it.
 */
export type AuthMode = 'jwt' | 'optional' | 'serviceRole' | 'none';

export interface Identity {
	authenticated: boolean;
	claims: Claims;
	token: string;
	/** The JWT's `sub`, recorded as the owner of what the caller writes. */
	owner?: string;
}

/** What storage-api (through jose) says about a token it cannot use. */
const rejectedTokenMessages = {
	malformed: 'Invalid Compact JWS',
	bad_signature: 'signature verification failed',
	expired: '"exp" claim timestamp check failed',
	unsupported_alg: '"alg" (Algorithm) Header Parameter value not allowed'
} as const;

export function rejectedTokenMessage(reason: keyof typeof rejectedTokenMessages): string {
	return rejectedTokenMessages[reason];
}

const unauthenticated: Identity = { authenticated: false, claims: { role: 'anon' }, token: '' };

export function identify(caller: Caller, mode: AuthMode): Identity {
	if (mode === 'none') return unauthenticated;
	if (caller.kind === 'valid') {
		if (mode === 'serviceRole' && caller.claims.role !== 'service_role') {
			throw errors.accessDenied('Access denied: Invalid role', 403);
		}
		const sub = caller.claims.sub;
		return {
			authenticated: true,
			claims: caller.claims,
			token: caller.token,
			owner: typeof sub === 'string' && sub !== '' ? sub : undefined
		};
	}
	if (mode === 'optional') return unauthenticated;
	throw errors.accessDenied(
		rejectedTokenMessage(caller.kind === 'invalid' ? caller.reason : 'malformed')
	);
}

export type Transaction<T> = (client: PoolClient) => Promise<T>;

export interface Database {
	/** One transaction as the caller's role and claims. */
	asCaller<T>(fn: Transaction<T>): Promise<T>;
	/** Runs `fn` as the caller and always rolls back: it only proves the caller may do it. */
	probe(fn: Transaction<unknown>): Promise<void>;
	/** One transaction as the service role (storage-api's superuser), bypassing RLS. */
	asSuperUser<T>(fn: Transaction<T>): Promise<T>;
	/** A rolled-back run as the service role: what still fails then (e.g. duplicates) fails. */
	probeAsSuperUser(fn: Transaction<unknown>): Promise<void>;
}

const serviceRoleClaims: Claims = { role: 'service_role' };

export function openDatabase(
	deps: ServiceDeps,
	request: ServiceRequest,
	identity: Identity,
	operation: string
): Database {
	const settings = (token: string) => ({
		'request.jwt': token,
		'request.method': request.method,
		'request.path': request.path,
		'storage.operation': operation,
		'storage.allow_delete_query': 'true'
	});
	const headers = { ...request.headers };
	const run = async <T>(
		pool: ServiceDeps['apiPool'],
		claims: Claims,
		token: string,
		fn: Transaction<T>,
		rollbackOnly = false
	): Promise<T> => {
		try {
			return await withCaller(pool, { claims, settings: settings(token), headers }, fn, {
				rollbackOnly
			});
		} catch (error) {
			throw translateDatabaseError(error);
		}
	};
	return {
		asCaller: (fn) => run(deps.apiPool, identity.claims, identity.token, fn),
		probe: async (fn) => {
			await run(deps.apiPool, identity.claims, identity.token, fn, true);
		},
		asSuperUser: (fn) => run(deps.adminPool, serviceRoleClaims, '', fn),
		probeAsSuperUser: async (fn) => {
			await run(deps.adminPool, serviceRoleClaims, '', fn, true);
		}
	};
}

/** Everything a route handler works with. */
export interface Call {
	request: ServiceRequest;
	deps: ServiceDeps;
	disk: Disk;
	identity: Identity;
	db: Database;
	/** The bucket id and object name from the path, decoded; empty where the route has none. */
	bucket: string;
	key: string;
}

export type Handler = (call: Call) => Promise<void>;
