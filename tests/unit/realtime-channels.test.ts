/**
 * The pure parts of realtime channels: token checks with upstream's messages, presence
 * bookkeeping, and postgres_changes bindings and filters.
 */
import { describe, expect, it } from 'vitest';
import { jwtSecret } from '../../local-supabase/config.ts';
import { signJwt } from '../../local-supabase/jwt.ts';
import { checkToken } from '../../local-supabase/realtime/authorization.ts';
import {
	bindingId,
	bindingMatches,
	parseBinding,
	parseFilters
} from '../../local-supabase/realtime/postgres-changes.ts';
import { PresenceTracker } from '../../local-supabase/realtime/presence.ts';

describe('checkToken', () => {
	const now = 1_800_000_000;

	it('accepts a signed token with role and exp', () => {
		const token = signJwt({ sub: 'u', role: 'authenticated', exp: now + 60 }, jwtSecret);
		expect(checkToken(token, now)).toEqual({
			ok: true,
			claims: { sub: 'u', role: 'authenticated', exp: now + 60 }
		});
	});

	it('refuses tokens the way upstream words it', () => {
		const expired = signJwt({ role: 'authenticated', exp: now - 42 }, jwtSecret);
		expect(checkToken(expired, now)).toEqual({
			ok: false,
			code: 'InvalidJWTToken',
			message: 'Token has expired 42 seconds ago'
		});
		const withoutExp = signJwt({ role: 'anon' }, jwtSecret);
		expect(checkToken(withoutExp, now)).toMatchObject({
			code: 'InvalidJWTToken',
			message: 'Fields `role` and `exp` are required in JWT'
		});
		const forged = signJwt({ role: 'service_role', exp: now + 60 }, 'x'.repeat(40));
		expect(checkToken(forged, now)).toMatchObject({ code: 'JwtSignatureError' });
		expect(checkToken('not.a.jwt', now)).toMatchObject({
			code: 'MalformedJWT',
			message: 'The token provided is not a valid JWT'
		});
	});
});

describe('PresenceTracker', () => {
	it('tracks, updates, skips no-op re-tracks and untracks per member', () => {
		const tracker = new PresenceTracker();
		const joined = tracker.track('public:room', 1, 'alice', { status: 'online' });
		const ref = joined?.joins.alice.metas[0].phx_ref;
		expect(joined).toEqual({
			joins: { alice: { metas: [{ status: 'online', phx_ref: expect.any(String) }] } },
			leaves: {}
		});
		expect(tracker.track('public:room', 1, 'alice', { status: 'online' })).toBeUndefined();

		const updated = tracker.track('public:room', 1, 'alice', { status: 'away' });
		expect(updated?.joins.alice.metas[0]).toMatchObject({ status: 'away', phx_ref_prev: ref });
		expect(updated?.leaves).toEqual({ alice: { metas: [{ status: 'online', phx_ref: ref }] } });

		tracker.track('public:room', 2, 'alice', { status: 'phone' });
		tracker.track('private:room', 3, 'bob', {});
		expect(tracker.state('public:room').alice.metas.map((meta) => meta.status)).toEqual([
			'away',
			'phone'
		]);
		expect(tracker.untrack('public:room', 1)?.leaves.alice.metas).toHaveLength(1);
		expect(tracker.untrack('public:room', 1)).toBeUndefined();
		expect(Object.keys(tracker.state('public:room'))).toEqual(['alice']);
		expect(Object.keys(tracker.state('private:room'))).toEqual(['bob']);
	});
});

describe('postgres_changes bindings', () => {
	it('parses the filter operators, joined by commas', () => {
		expect(parseFilters('id=eq.5, status=neq.done')).toEqual([
			{ column: 'id', op: 'eq', value: '5' },
			{ column: 'status', op: 'neq', value: 'done' }
		]);
		expect(parseFilters('n=lt.1,n=lte.2,n=gt.3,n=gte.4').map((filter) => filter.op)).toEqual([
			'lt',
			'lte',
			'gt',
			'gte'
		]);
		expect(parseFilters('name=in.("a,b",c),id=eq."x y"')).toEqual([
			{ column: 'name', op: 'in', value: '{"a,b",c}' },
			{ column: 'id', op: 'eq', value: 'x y' }
		]);
		expect(parseFilters('  ')).toEqual([]);
	});

	it('rejects malformed filters and the operators it does not support', () => {
		expect(() => parseFilters('id=like.x%')).toThrow('Error parsing `filter` params');
		expect(() => parseFilters('undefined')).toThrow('Error parsing `filter` params');
		expect(() => parseFilters('id=in.1,2')).toThrow('must be wrapped by parentheses');
		expect(() => parseBinding({ event: '*' })).toThrow('No subscription params provided');
	});

	it('defaults like upstream and matches changes by schema, table and event', () => {
		const binding = parseBinding({ event: 'insert', schema: 'public' });
		expect(binding).toMatchObject({ event: 'INSERT', schema: 'public', table: '*', filters: [] });
		expect(parseBinding({ table: 'notes' })).toMatchObject({ event: '*', schema: 'public' });
		expect(bindingMatches(binding, 'public', 'notes', 'INSERT')).toBe(true);
		expect(bindingMatches(binding, 'public', 'notes', 'DELETE')).toBe(false);
		expect(bindingMatches(binding, 'private', 'notes', 'INSERT')).toBe(false);
	});

	it('gives equal bindings equal ids, whatever the key order', () => {
		const id = bindingId({ event: '*', schema: 'public', table: 'notes' });
		expect(bindingId({ table: 'notes', schema: 'public', event: '*' })).toBe(id);
		expect(bindingId({ event: 'INSERT', schema: 'public', table: 'notes' })).not.toBe(id);
		expect(Number.isInteger(id)).toBe(true);
	});
});
