/** Choosing the UI language from Accept-Language: German unless English is clearly preferred. */
import { describe, expect, it } from 'vitest';
import { negotiateLocale } from '../../src/lib/i18n/negotiate.ts';

describe('negotiateLocale', () => {
	it.each([
		['en', 'en'],
		['en-US,en;q=0.9', 'en'],
		['en-GB,de;q=0.8', 'en'],
		['fr-FR,fr;q=0.9,en;q=0.8', 'en'],
		['fr;q=1, en ; q=0.4', 'en'],
		['EN-us', 'en'],
		['de;q=0.5,en;q=0.6', 'en']
	])('chooses English for %j', (header, expected) => {
		expect(negotiateLocale(header)).toBe(expected);
	});

	it.each([
		['de-DE,de;q=0.9,en;q=0.8', 'de'],
		['de-AT', 'de'],
		['en;q=0.8,de;q=0.8', 'de'],
		['fr-FR,fr;q=0.9', 'de'],
		['*', 'de'],
		['en;q=0', 'de'],
		['en;q=2', 'de'],
		['en;q=abc', 'de'],
		['', 'de'],
		[null, 'de'],
		[undefined, 'de'],
		['english', 'de']
	])('chooses German for %j', (header, expected) => {
		expect(negotiateLocale(header)).toBe(expected);
	});
});
