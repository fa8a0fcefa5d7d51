/**
 * Who a request runs as. The gateway has verified the token; PostgREST answers an invalid one
 * with 401 and never degrades it to anon (supabase-protocols.md §1, §2).
 */
import type { Caller } from '../http.ts';
import type { Claims } from '../jwt.ts';
import { RestError } from './errors.ts';

export interface Identity {
	claims: Claims;
	role: string;
}

function jwtError(caller: Extract<Caller, { kind: 'invalid' }>): RestError {
	let code = 'PGRST301';
	let message: string;
	switch (caller.reason) {
		case 'expired':
			code = 'PGRST303';
			message = 'JWT expired';
			break;
		case 'malformed': {
			const parts = caller.token.split('.').length;
			message =
				parts === 3
					? 'JWSError (CompactDecodeError Invalid JWT)'
					: `Expected 3 parts in JWT; got ${parts}`;
			break;
		}
		case 'unsupported_alg':
			message = 'JWSError JWSNoSignatures';
			break;
		case 'bad_signature':
			message = 'JWSError JWSInvalidSignature';
			break;
	}
	const description = message.replace(/"/g, "'");
	return new RestError(401, code, message, null, null, {
		'www-authenticate': `Bearer error="invalid_token", error_description="${description}"`
	});
}

/** The claims and database role of a request; throws the 401 for an invalid token. */
export function resolveIdentity(caller: Caller): Identity {
	if (caller.kind === 'invalid') throw jwtError(caller);
	const claims: Claims = caller.kind === 'valid' ? caller.claims : { role: 'anon' };
	const role = typeof claims.role === 'string' && claims.role !== '' ? claims.role : 'anon';
	return { claims: { ...claims, role }, role };
}
