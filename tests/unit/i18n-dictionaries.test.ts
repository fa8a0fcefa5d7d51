/** The German and English dictionaries stay in step, and messages fill in their placeholders. */
import { describe, expect, it } from 'vitest';
import { locales } from '../../src/lib/i18n/locales.ts';
import { dictionaries, isMessageKey, translate } from '../../src/lib/i18n/translate.ts';

const placeholders = (message: string) =>
	[...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
	it('have the same keys in every language', () => {
		const germanKeys = Object.keys(dictionaries.de).sort();
		for (const locale of locales) {
			expect(Object.keys(dictionaries[locale]).sort(), locale).toEqual(germanKeys);
		}
	});

	it('use the same placeholders for a key in every language', () => {
		for (const [key, german] of Object.entries(dictionaries.de)) {
			expect(placeholders(dictionaries.en[key as keyof typeof dictionaries.en]), key).toEqual(
				placeholders(german)
			);
		}
	});

	it('have no empty texts', () => {
		for (const locale of locales) {
			for (const [key, message] of Object.entries(dictionaries[locale])) {
				expect(message.trim(), `${locale} ${key}`).not.toBe('');
			}
		}
	});

	it('use the glossary terms for the menu and sign-in errors', () => {
		expect(translate('de', 'nav.leads')).toBe('Leads');
		expect(translate('en', 'nav.leads')).toBe('Leads');
		expect(translate('de', 'login.error.invalidCredentials')).toBe(
			'E-Mail oder Passwort ist falsch.'
		);
		expect(translate('en', 'login.error.invalidCredentials')).toBe('Invalid e-mail or password.');
	});
});

describe('translate', () => {
	it('fills in named placeholders', () => {
		expect(translate('de', 'dashboard.welcome', { name: 'Max Vogel' })).toBe(
			'Willkommen, Max Vogel'
		);
		expect(translate('en', 'dashboard.welcome', { name: 'Max Vogel' })).toBe('Welcome, Max Vogel');
	});

	it('leaves a placeholder visible when its value is missing', () => {
		expect(translate('en', 'dashboard.welcome', {})).toBe('Welcome, {name}');
	});

	it('does not treat inserted values as placeholders', () => {
		expect(translate('en', 'dashboard.welcome', { name: '{name}' })).toBe('Welcome, {name}');
	});
});

describe('isMessageKey', () => {
	it('accepts dictionary keys only', () => {
		expect(isMessageKey('login.title')).toBe(true);
		expect(isMessageKey('login.nope')).toBe(false);
		expect(isMessageKey('toString')).toBe(false);
	});
});
