/** HS256 JSON Web Tokens with the project secret, as GoTrue's legacy signing key. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Claims = Record<string, unknown> & { role?: string; sub?: string; exp?: number };

export type VerifyResult =
	| { ok: true; claims: Claims }
	| { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' | 'unsupported_alg' };

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signJwt(claims: Claims, secret: string): string {
	const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
	const signature = createHmac('sha256', secret).update(unsigned).digest('base64url');
	return `${unsigned}.${signature}`;
}

export function verifyJwt(
	token: string,
	secret: string,
	nowSeconds = Date.now() / 1000
): VerifyResult {
	const parts = token.split('.');
	if (parts.length !== 3) return { ok: false, reason: 'malformed' };
	const [headerPart, payloadPart, signaturePart] = parts;
	let header: { alg?: string };
	let claims: Claims;
	try {
		header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
		claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
	} catch {
		return { ok: false, reason: 'malformed' };
	}
	if (header.alg !== 'HS256') return { ok: false, reason: 'unsupported_alg' };
	const expected = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest();
	const given = Buffer.from(signaturePart, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
		return { ok: false, reason: 'bad_signature' };
	}
	if (typeof claims.exp === 'number' && claims.exp < nowSeconds)
		return { ok: false, reason: 'expired' };
	return { ok: true, claims };
}
