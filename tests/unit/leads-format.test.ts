/** Money, dates and counts in the user's language. */
import { describe, expect, it } from 'vitest';
import {
	formatDateTime,
	formatLeadCount,
	formatMoney,
	formatRelativeTime
} from '../../src/lib/leads/format.ts';
import { translate } from '../../src/lib/i18n/translate.ts';

// Intl separates numbers from the currency with a no-break space.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
	it('follows the locale and drops zero cents', () => {
		expect(plain(formatMoney('de', 12500))).toBe('12.500 €');
		expect(plain(formatMoney('de', 12500.5))).toBe('12.500,50 €');
		expect(formatMoney('en', 12500.5)).toBe('€12,500.50');
	});
});

describe('formatDateTime', () => {
	it('writes date and time in the locale and the given zone', () => {
		expect(plain(formatDateTime('de', '2026-11-27T13:05:00Z', 'Europe/Berlin'))).toBe(
			'27.11.2026, 14:05'
		);
		expect(plain(formatDateTime('en', '2026-11-27T13:05:00Z', 'UTC'))).toBe(
			'Nov 27, 2026, 1:05 PM'
		);
	});
});

describe('formatRelativeTime', () => {
	const now = new Date('2026-11-27T12:00:00Z');
	it('picks the largest whole unit', () => {
		expect(formatRelativeTime('de', '2026-11-27T10:00:00Z', now)).toBe('vor 2 Stunden');
		expect(formatRelativeTime('en', '2026-11-26T12:00:00Z', now)).toBe('yesterday');
		expect(formatRelativeTime('de', '2026-11-27T11:59:30Z', now)).toBe('vor 30 Sekunden');
	});
});

describe('formatLeadCount', () => {
	const i18n = (locale: 'de' | 'en') => ({
		locale,
		t: (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
			translate(locale, key, params)
	});
	it('uses the plural form of the language', () => {
		expect(formatLeadCount(i18n('de'), 1)).toBe('1 Interessent');
		expect(formatLeadCount(i18n('de'), 1200)).toBe('1.200 Interessenten');
		expect(formatLeadCount(i18n('en'), 0)).toBe('0 leads');
	});
});
