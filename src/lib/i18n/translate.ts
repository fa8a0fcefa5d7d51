import type { Locale } from './locales';
import { de } from './messages/de';
import { en } from './messages/en';

export type MessageKey = keyof typeof de;

/** Values for the `{name}` placeholders of a message. */
export type MessageParams = Record<string, string | number>;

export const dictionaries: Record<Locale, Record<MessageKey, string>> = { de, en };

export function isMessageKey(value: string): value is MessageKey {
	return Object.hasOwn(de, value);
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
	const message = dictionaries[locale][key];
	if (!params) return message;
	return message.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
		Object.hasOwn(params, name) ? String(params[name]) : placeholder
	);
}
