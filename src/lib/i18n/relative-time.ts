import type { Locale } from './locales';

/** Largest first: the first unit whose threshold the distance reaches names it. */
const units: { unit: Intl.RelativeTimeFormatUnit; seconds: number; from: number }[] = [
	{ unit: 'year', seconds: 365 * 24 * 3600, from: 330 * 24 * 3600 },
	{ unit: 'month', seconds: 30 * 24 * 3600, from: 26 * 24 * 3600 },
	{ unit: 'week', seconds: 7 * 24 * 3600, from: 7 * 24 * 3600 },
	{ unit: 'day', seconds: 24 * 3600, from: 22 * 3600 },
	{ unit: 'hour', seconds: 3600, from: 45 * 60 },
	{ unit: 'minute', seconds: 60, from: 45 }
];

/**
 * "vor 2 Stunden" / "2 hours ago" / "in 3 days": the distance from `now` in the largest unit that
 * reads naturally, rounded; under 45 seconds it is "jetzt" / "now".
 */
export function formatRelativeTime(date: Date, now: Date, locale: Locale): string {
	const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	const distance = (date.getTime() - now.getTime()) / 1000;
	const match = units.find(({ from }) => Math.abs(distance) >= from);
	if (!match) return format.format(0, 'second');
	// At least one: 45 minutes must not read "vor 1 Stunde" after rounding down to 0.
	const amount = Math.max(1, Math.round(Math.abs(distance) / match.seconds));
	return format.format(Math.sign(distance) * amount, match.unit);
}
