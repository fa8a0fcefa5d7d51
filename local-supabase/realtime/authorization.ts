/**
 * Who may do what on a channel, decided as Supabase Realtime decides it (supabase-protocols.md §5
 * "Private channels"): tokens must verify and carry `role` and `exp`; private topics are
 * authorized by the RLS policies on realtime.messages, with `realtime.topic()` set to the topic.
 */
import { jwtSecret } from '../config.ts';
import { withCaller, type Pool } from '../db.ts';
import { verifyJwt, type Claims } from '../jwt.ts';

export type TokenCheck =
	| { ok: true; claims: Claims & { role: string; exp: number } }
	| {
			ok: false;
			/** Error code upstream prefixes join errors with, e.g. `InvalidJWTToken`. */
			code: string;
			message: string;
	  };

const missingClaims = 'Fields `role` and `exp` are required in JWT';

function expiredSecondsAgo(token: string, nowSeconds: number): number {
	try {
		const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
		return Math.floor(nowSeconds) - Number(claims.exp);
	} catch {
		return 0;
	}
}

/** Verifies a socket or channel token; the messages are upstream's. */
export function checkToken(token: string, nowSeconds = Date.now() / 1000): TokenCheck {
	const verified = verifyJwt(token, jwtSecret, nowSeconds);
	if (verified.ok) {
		const { claims } = verified;
		if (typeof claims.role !== 'string' || typeof claims.exp !== 'number') {
			return { ok: false, code: 'InvalidJWTToken', message: missingClaims };
		}
		if (claims.exp <= nowSeconds) {
			return { ok: false, code: 'InvalidJWTToken', message: 'Token has expired 0 seconds ago' };
		}
		return { ok: true, claims: claims as Claims & { role: string; exp: number } };
	}
	switch (verified.reason) {
		case 'expired':
			return {
				ok: false,
				code: 'InvalidJWTToken',
				message: `Token has expired ${expiredSecondsAgo(token, nowSeconds)} seconds ago`
			};
		case 'bad_signature':
			return { ok: false, code: 'JwtSignatureError', message: 'Failed to validate JWT signature' };
		case 'unsupported_alg':
			return {
				ok: false,
				code: 'JwtSignerError',
				message: 'Failed to generate JWT signer, check your JWT secret or JWKS configuration'
			};
		default:
			return { ok: false, code: 'MalformedJWT', message: 'The token provided is not a valid JWT' };
	}
}

export type Extension = 'broadcast' | 'presence';

export interface AuthorizationContext {
	/** The channel name without `realtime:`, as `realtime.topic()` returns it. */
	topic: string;
	claims: Claims;
	headers: Record<string, unknown>;
}

export type ReadAccess = Partial<Record<Extension, boolean>>;

const isInsufficientPrivilege = (error: unknown) =>
	(error as { code?: string } | null)?.code === '42501';

/**
 * The read check at join and on token refresh: probe rows are inserted as the admin, then, as
 * the caller, whichever probes are visible tell what may be read; everything is rolled back.
 */
export async function readAccess(
	adminPool: Pool,
	context: AuthorizationContext,
	extensions: Extension[]
): Promise<ReadAccess> {
	const role = String(context.claims.role);
	return withCaller(
		adminPool,
		{
			claims: context.claims,
			headers: context.headers,
			settings: { 'realtime.topic': context.topic }
		},
		async (client) => {
			// withCaller already switched to the caller; the probes are the server's own rows.
			await client.query('set local role none');
			const probes = await client.query<{ id: string; extension: Extension }>(
				`insert into realtime.messages (topic, extension)
				 select $1, unnest($2::text[]) returning id, extension`,
				[context.topic, extensions]
			);
			await client.query(`select set_config('role', $1, true)`, [role]);
			const visible = await client.query<{ id: string }>(
				'select id from realtime.messages where id = any($1::uuid[])',
				[probes.rows.map((probe) => probe.id)]
			);
			const visibleIds = new Set(visible.rows.map((row) => row.id));
			return Object.fromEntries(
				probes.rows.map((probe) => [probe.extension, visibleIds.has(probe.id)])
			) as ReadAccess;
		},
		{ rollbackOnly: true }
	);
}

/** The write check on the first send or track: an insert as the caller, always rolled back. */
export async function writeAccess(
	apiPool: Pool,
	context: AuthorizationContext,
	extension: Extension
): Promise<boolean> {
	try {
		await withCaller(
			apiPool,
			{
				claims: context.claims,
				headers: context.headers,
				settings: { 'realtime.topic': context.topic }
			},
			(client) =>
				client.query('insert into realtime.messages (topic, extension) values ($1, $2)', [
					context.topic,
					extension
				]),
			{ rollbackOnly: true }
		);
		return true;
	} catch (error) {
		if (isInsufficientPrivilege(error)) return false;
		throw error;
	}
}
