import { describe, expect, it } from 'vitest';
import { banUntil, parseGoDuration } from '../../local-supabase/auth/duration.ts';

describe('parseGoDuration', () => {
	it.each([
		['24h', 86_400_000],
		['1h30m', 5_400_000],
		['90s', 90_000],
		['1.5h', 5_400_000],
		['300ms', 300],
		['2h45m30.5s', 9_930_500],
		['0', 0],
		['-1h', -3_600_000],
		['876000h', 876_000 * 3_600_000]
	])('reads %s like Go', (text, milliseconds) => {
		expect(parseGoDuration(text)).toBe(milliseconds);
	});

	it.each(['', 'h', '24', '24 h', '1d', '1h garbage', 'none', '.h'])('rejects %j', (text) => {
		expect(parseGoDuration(text)).toBeUndefined();
	});
});

describe('banUntil', () => {
	const now = new Date('2026-01-01T00:00:00Z');

	it('bans until now plus the duration', () => {
		expect(banUntil('24h', now)).toEqual(new Date('2026-01-02T00:00:00Z'));
	});

	it('lifts a ban with "none"', () => {
		expect(banUntil('none', now)).toBeNull();
	});

	it('refuses malformed and negative durations', () => {
		expect(banUntil('forever', now)).toBeUndefined();
		expect(banUntil('-5m', now)).toBeUndefined();
	});
});
