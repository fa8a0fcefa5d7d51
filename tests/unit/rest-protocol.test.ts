/** Caller, media type, schema, function overload and error-status rules of local-supabase/rest. */
import { describe, expect, it } from 'vitest';
import { resolveIdentity } from '../../local-supabase/rest/caller.ts';
import { chooseRoutine } from '../../local-supabase/rest/choose-routine.ts';
import { jsonRowsToCsv } from '../../local-supabase/rest/csv.ts';
import { fromPgError, RestError, statusForSqlState } from '../../local-supabase/rest/errors.ts';
import { chooseSchema, negotiateMedia } from '../../local-supabase/rest/negotiate.ts';
import type { Routine } from '../../local-supabase/rest/schema-cache.ts';

function thrown(fn: () => unknown): RestError {
	try {
		fn();
	} catch (error) {
		if (error instanceof RestError) return error;
		throw error;
	}
	throw new Error('expected a RestError');
}

describe('resolveIdentity', () => {
	it('runs a missing token as anon and a valid one as its role (anon by default)', () => {
		expect(resolveIdentity({ kind: 'none' })).toEqual({ role: 'anon', claims: { role: 'anon' } });
		expect(
			resolveIdentity({
				kind: 'valid',
				token: 't',
				claims: { sub: 'u', role: 'authenticated' },
				fromApiKey: false
			}).role
		).toBe('authenticated');
		expect(
			resolveIdentity({ kind: 'valid', token: 't', claims: { sub: 'u' }, fromApiKey: false }).claims
		).toEqual({ sub: 'u', role: 'anon' });
	});

	it('answers invalid tokens with 401 and WWW-Authenticate, never anon', () => {
		const expired = thrown(() =>
			resolveIdentity({ kind: 'invalid', token: 'a.b.c', reason: 'expired' })
		);
		expect(expired.status).toBe(401);
		expect(expired.body).toMatchObject({ code: 'PGRST303', message: 'JWT expired' });
		expect(expired.headers['www-authenticate']).toBe(
			'Bearer error="invalid_token", error_description="JWT expired"'
		);
		const malformed = thrown(() =>
			resolveIdentity({ kind: 'invalid', token: 'abc', reason: 'malformed' })
		);
		expect(malformed.body).toMatchObject({
			code: 'PGRST301',
			message: 'Expected 3 parts in JWT; got 1'
		});
		const forged = thrown(() =>
			resolveIdentity({ kind: 'invalid', token: 'a.b.c', reason: 'bad_signature' })
		);
		expect(forged.body.code).toBe('PGRST301');
	});
});

describe('negotiateMedia and chooseSchema', () => {
	it('picks singular objects, stripped nulls, CSV, or fails with 406 PGRST107', () => {
		expect(negotiateMedia(undefined)).toMatchObject({ singular: false, csv: false });
		expect(negotiateMedia('application/vnd.pgrst.object+json')).toMatchObject({ singular: true });
		expect(negotiateMedia('application/vnd.pgrst.array+json;nulls=stripped')).toMatchObject({
			stripNulls: true
		});
		expect(negotiateMedia('text/csv')).toMatchObject({ csv: true });
		expect(negotiateMedia('text/html, */*;q=0.8')).toMatchObject({ singular: false });
		expect(thrown(() => negotiateMedia('image/png')).body.code).toBe('PGRST107');
	});

	it('uses Accept-Profile for reads and Content-Profile for writes, only for exposed schemas', () => {
		const exposed = ['public', 'graphql_public'];
		expect(chooseSchema('GET', {}, exposed)).toBe('public');
		expect(chooseSchema('GET', { 'accept-profile': 'graphql_public' }, exposed)).toBe(
			'graphql_public'
		);
		expect(chooseSchema('POST', { 'accept-profile': 'auth' }, exposed)).toBe('public');
		const refused = thrown(() => chooseSchema('POST', { 'content-profile': 'auth' }, exposed));
		expect(refused.status).toBe(406);
		expect(refused.body.code).toBe('PGRST106');
	});
});

describe('chooseRoutine', () => {
	const make = (params: [string, string, boolean?][]): Routine => ({
		schema: 'public',
		name: 'f',
		params: params.map(([name, type, hasDefault = false]) => ({
			name,
			type,
			hasDefault,
			variadic: false
		})),
		returnsSet: false,
		returns: 'scalar',
		volatility: 'volatile'
	});
	const options = { viaQuery: false, singleObject: false, schema: 'public', name: 'f' };

	it('picks the overload whose parameter names match the arguments', () => {
		const one = make([['a', 'int']]);
		const two = make([
			['a', 'int'],
			['b', 'int', true]
		]);
		expect(chooseRoutine([one, two], ['a'], options).routine).toBe(one);
		expect(chooseRoutine([one, two], ['a', 'b'], options).routine).toBe(two);
		expect(thrown(() => chooseRoutine([one, two], ['c'], options)).body.code).toBe('PGRST202');
	});

	it('lets extra query keys be filters, and gives a single unnamed json parameter the whole body', () => {
		const one = make([['a', 'int']]);
		expect(chooseRoutine([one], ['a', 'title'], { ...options, viaQuery: true }).routine).toBe(one);
		const whole = make([['', 'jsonb']]);
		expect(chooseRoutine([whole], ['x', 'y'], options)).toEqual({
			routine: whole,
			wholeBody: true
		});
	});
});

describe('error statuses', () => {
	it('maps SQLSTATEs like PostgREST', () => {
		expect(statusForSqlState('23505', 'authenticated')).toBe(409);
		expect(statusForSqlState('23503', 'authenticated')).toBe(409);
		expect(statusForSqlState('42501', 'authenticated')).toBe(403);
		expect(statusForSqlState('42501', 'anon')).toBe(401);
		expect(statusForSqlState('42P01', 'anon')).toBe(404);
		expect(statusForSqlState('42883', 'anon')).toBe(404);
		expect(statusForSqlState('P0001', 'anon')).toBe(400);
		expect(statusForSqlState('25006', 'anon')).toBe(405);
		expect(statusForSqlState('57014', 'anon')).toBe(500);
		expect(statusForSqlState('PT402', 'anon')).toBe(402);
		expect(statusForSqlState('22P02', 'anon')).toBe(400);
	});

	it('turns an unknown claims role into 401 and keeps detail and hint', () => {
		expect(
			fromPgError({ code: '22023', message: 'role "ghost" does not exist' }, 'ghost').status
		).toBe(401);
		expect(
			fromPgError({ code: 'P0001', message: 'm', detail: 'd', hint: 'h' }, 'anon').body
		).toEqual({
			code: 'P0001',
			message: 'm',
			details: 'd',
			hint: 'h'
		});
	});
});

describe('jsonRowsToCsv', () => {
	it('writes a header and quotes fields with commas, quotes or newlines', () => {
		expect(jsonRowsToCsv('[{"a":1,"b":"x, \\"y\\""},{"a":null,"b":{"k":1}}]')).toBe(
			'a,b\n1,"x, ""y"""\n,"{""k"":1}"'
		);
		expect(jsonRowsToCsv('[]')).toBe('');
	});
});
