import { describe, expect, it } from 'vitest';
import { paginationLinks } from '../../local-supabase/auth/admin.ts';
import { normalizeEmail } from '../../local-supabase/auth/email.ts';
import { AuthError, weakPassword } from '../../local-supabase/auth/errors.ts';
import { errorBody } from '../../local-supabase/auth/index.ts';
import { resolveRedirect, withParams } from '../../local-supabase/auth/redirect.ts';
import { mergeMetadata } from '../../local-supabase/auth/users.ts';

describe('error bodies', () => {
	const error = weakPassword(6);

	it('have {code, message} from API version 2024-01-01 on', () => {
		expect(errorBody(error, '2024-01-01')).toEqual({
			code: 'weak_password',
			message: 'Password should be at least 6 characters.',
			weak_password: { reasons: ['length'] }
		});
	});

	it('keep the legacy shape for clients that send no version', () => {
		expect(
			errorBody(new AuthError(400, 'invalid_credentials', 'Invalid login credentials'), undefined)
		).toEqual({
			code: 400,
			error_code: 'invalid_credentials',
			msg: 'Invalid login credentials'
		});
	});
});

describe('redirects', () => {
	const site = 'http://127.0.0.1:5173';

	it('honour URLs on the site host or a loopback host', () => {
		expect(resolveRedirect('http://127.0.0.1:4173/reset', site)).toBe(
			'http://127.0.0.1:4173/reset'
		);
		expect(resolveRedirect('http://localhost:5173/auth/callback', site)).toBe(
			'http://localhost:5173/auth/callback'
		);
	});

	it('fall back to the site URL for anything else', () => {
		expect(resolveRedirect('https://evil.example/steal', site)).toBe(site);
		expect(resolveRedirect('javascript:alert(1)', site)).toBe(site);
		expect(resolveRedirect('not a url', site)).toBe(site);
		expect(resolveRedirect(undefined, site)).toBe(site);
	});

	it('carry a session in the fragment or a code in the query', () => {
		expect(
			withParams(
				'http://127.0.0.1:5173/x?keep=1',
				{ access_token: 'a b', type: 'recovery' },
				'hash'
			)
		).toBe('http://127.0.0.1:5173/x?keep=1#access_token=a+b&type=recovery');
		expect(withParams('http://127.0.0.1:5173/x?keep=1', { code: 'c1' }, 'query')).toBe(
			'http://127.0.0.1:5173/x?keep=1&code=c1'
		);
	});
});

describe('paginationLinks', () => {
	it('names the next and the last page, page first (auth-js parses it so)', () => {
		const links = paginationLinks(1, 2, 5).split(', ');
		expect(links).toEqual([
			expect.stringMatching(/^<[^>]*\/admin\/users\?page=2&per_page=2>; rel="next"$/),
			expect.stringMatching(/^<[^>]*\/admin\/users\?page=3&per_page=2>; rel="last"$/)
		]);
	});

	it('has only the last page on the last page', () => {
		expect(paginationLinks(3, 2, 5)).toMatch(/page=3&per_page=2>; rel="last"$/);
		expect(paginationLinks(3, 2, 5)).not.toContain('next');
	});
});

describe('metadata and addresses', () => {
	it('merge metadata top-level, null removing a key', () => {
		expect(mergeMetadata({ a: 1, b: { x: 1 }, c: 3 }, { b: { y: 2 }, c: null, d: 4 })).toEqual({
			a: 1,
			b: { y: 2 },
			d: 4
		});
		expect(mergeMetadata(null, { a: 1 })).toEqual({ a: 1 });
	});

	it('normalize addresses and refuse malformed ones', () => {
		expect(normalizeEmail('  Max@Leadwerk.TEST ')).toBe('max@leadwerk.test');
		for (const bad of ['', 'max', 'max@', '@leadwerk.test', 'max@leadwerk', 'a b@c.de', 42]) {
			expect(() => normalizeEmail(bad)).toThrow(/invalid format/);
		}
	});
});
