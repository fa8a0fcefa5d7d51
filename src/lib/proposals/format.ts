import type { Locale } from '$lib/i18n/locales';

/** An amount in the proposal's currency, in the reader's notation. */
export function formatProposalMoney(locale: Locale, value: number, currency: string): string {
	return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
}

/** A calendar date without a time: read and written in UTC, so no zone shifts the day. */
export function formatProposalDate(locale: Locale, date: string): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
		new Date(`${date}T00:00:00Z`)
	);
}

/** A quantity or percentage: up to two decimals, grouped. */
export function formatProposalNumber(locale: Locale, value: number): string {
	return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}
