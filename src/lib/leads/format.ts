import type { Locale } from '$lib/i18n/locales';
import type { MessageKey, MessageParams } from '$lib/i18n/translate';

/** Lead values carry no currency of their own; they are in the company's currency. */
export const leadCurrency = 'EUR';

export function formatMoney(locale: Locale, value: number): string {
	return new Intl.NumberFormat(locale, {
		style: 'currency',
		currency: leadCurrency,
		maximumFractionDigits: Number.isInteger(value) ? 0 : 2
	}).format(value);
}

/**
 * Date and time in the user's locale. `timeZone` is fixed while the server renders (it cannot
 * know the reader's zone) and left to the browser afterwards.
 */
export function formatDateTime(locale: Locale, iso: string, timeZone?: string): string {
	return new Intl.DateTimeFormat(locale, {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone
	}).format(new Date(iso));
}

const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 24 * 3600],
	['month', 30 * 24 * 3600],
	['week', 7 * 24 * 3600],
	['day', 24 * 3600],
	['hour', 3600],
	['minute', 60],
	['second', 1]
];

/** "vor 2 Stunden" / "2 hours ago": the largest whole unit between then and now. */
export function formatRelativeTime(locale: Locale, iso: string, now: Date): string {
	const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
	const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	for (const [unit, size] of relativeUnits) {
		if (Math.abs(seconds) >= size || unit === 'second') {
			return format.format(Math.round(seconds / size), unit);
		}
	}
	return format.format(0, 'second');
}

/** "1 Interessent", "12 Interessenten": the count with the plural form of the language. */
export function formatLeadCount(
	i18n: { locale: Locale; t: (key: MessageKey, params?: MessageParams) => string },
	count: number
): string {
	const form = new Intl.PluralRules(i18n.locale).select(count) === 'one' ? 'one' : 'other';
	return i18n.t(`leads.count.${form}`, { count: new Intl.NumberFormat(i18n.locale).format(count) });
}
