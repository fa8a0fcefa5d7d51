import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jwtExpirySeconds, jwtIssuer } from '../../local-supabase/config.ts';
import {
	actionLink,
	generateOtp,
	isVerificationType,
	tokenHash
} from '../../local-supabase/auth/one-time-tokens.ts';
import { accessTokenClaims, randomRefreshToken } from '../../local-supabase/auth/sessions.ts';
import type { UserRow } from '../../local-supabase/auth/users.ts';
import { challengeMatches } from '../../local-supabase/auth/verify.ts';

describe('one-time tokens', () => {
	it('are six-digit codes whose hash is SHA-224 of address and code', () => {
		const otp = generateOtp();
		expect(otp).toMatch(/^\d{6}$/);
		expect(tokenHash('a@example.test', '123456')).toBe(
			createHash('sha224').update('a@example.test123456').digest('hex')
		);
	});

	it('link to /verify with type and redirect', () => {
		const link = new URL(actionLink('abc', 'recovery', 'http://127.0.0.1:5173/reset?x=1'));
		expect(link.pathname).toBe('/auth/v1/verify');
		expect(Object.fromEntries(link.searchParams)).toEqual({
			token: 'abc',
			type: 'recovery',
			redirect_to: 'http://127.0.0.1:5173/reset?x=1'
		});
	});

	it('know the verification types of /verify', () => {
		for (const type of ['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email']) {
			expect(isVerificationType(type)).toBe(true);
		}
		expect(isVerificationType('sms')).toBe(false);
		expect(isVerificationType('toString')).toBe(false);
	});
});

describe('PKCE', () => {
	const verifier = 'a-verifier-with-enough-entropy-0123456789abcdef';

	it('accepts the S256 challenge of the verifier and nothing else', () => {
		const challenge = createHash('sha256').update(verifier).digest('base64url');
		expect(challengeMatches({ challenge, method: 's256' }, verifier)).toBe(true);
		expect(challengeMatches({ challenge, method: 's256' }, `${verifier}x`)).toBe(false);
	});

	it('accepts a plain challenge equal to the verifier', () => {
		expect(challengeMatches({ challenge: verifier, method: 'plain' }, verifier)).toBe(true);
		expect(challengeMatches({ challenge: 'other', method: 'plain' }, verifier)).toBe(false);
	});
});

describe('sessions', () => {
	it('use 12-character refresh tokens', () => {
		const tokens = new Set(Array.from({ length: 50 }, () => randomRefreshToken()));
		expect(tokens.size).toBe(50);
		for (const token of tokens) expect(token).toMatch(/^[a-z0-9]{12}$/);
	});

	it('issue access tokens with the claims GoTrue puts in them', () => {
		const user = {
			id: '00000000-0000-4000-a000-000000000003',
			aud: 'authenticated',
			role: 'authenticated',
			email: 'max@leadwerk.test',
			phone: null,
			raw_app_meta_data: { provider: 'email', providers: ['email'] },
			raw_user_meta_data: { full_name: 'Max Vogel' },
			is_anonymous: false
		} as unknown as UserRow;
		const amr = [{ method: 'password', timestamp: 1_700_000_000 }];
		expect(accessTokenClaims(user, 'session-1', amr, 1_700_000_000)).toEqual({
			iss: jwtIssuer,
			sub: user.id,
			aud: 'authenticated',
			exp: 1_700_000_000 + jwtExpirySeconds,
			iat: 1_700_000_000,
			email: 'max@leadwerk.test',
			phone: '',
			app_metadata: { provider: 'email', providers: ['email'] },
			user_metadata: { full_name: 'Max Vogel' },
			role: 'authenticated',
			aal: 'aal1',
			amr,
			session_id: 'session-1',
			is_anonymous: false
		});
	});
});
