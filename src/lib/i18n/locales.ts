/** The UI languages; German is the default (design.md §8). */
export const locales = ['de', 'en'] as const;

export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = 'de';

/** Cookie that remembers an explicit language choice until `staff.language` takes over. */
export const localeCookieName = 'lang';

/** Each language named in itself, so a reader finds theirs whatever the current UI language. */
export const localeNames: Record<Locale, string> = { de: 'Deutsch', en: 'English' };

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
