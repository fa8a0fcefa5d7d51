/** Resolving API keys and bearer tokens to a caller, as the CLI's Kong and the services do. */
import { jwtSecret, keys } from './config.ts';
import type { Caller } from './http.ts';
import { verifyJwt } from './jwt.ts';

/** Maps an API key to the JWT the CLI's Kong substitutes for it, or undefined when unknown. */
export function jwtForApiKey(apiKey: string): string | undefined {
	if (apiKey === keys.secret || apiKey === keys.serviceRole) return keys.serviceRole;
	if (apiKey === keys.publishable || apiKey === keys.anon) return keys.anon;
	return undefined;
}

function bearerOf(header: string | undefined): string | undefined {
	const match = header?.match(/^Bearer\s+(.+)$/i);
	return match?.[1].trim();
}

/** Resolves who is calling (supabase-protocols.md §1): an explicit user JWT wins over the key. */
export function resolveCaller(
	authorization: string | undefined,
	apiKey: string | undefined
): Caller {
	const bearer = bearerOf(authorization);
	let token: string | undefined;
	let fromApiKey = false;
	if (bearer && !bearer.startsWith('sb_')) {
		token = bearer;
	} else {
		const key = apiKey ?? bearer;
		token = key ? jwtForApiKey(key) : undefined;
		fromApiKey = token !== undefined;
	}
	if (!token) return { kind: 'none' };
	const verified = verifyJwt(token, jwtSecret);
	return verified.ok
		? { kind: 'valid', token, claims: verified.claims, fromApiKey }
		: { kind: 'invalid', token, reason: verified.reason };
}
