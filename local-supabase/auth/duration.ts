/** Go duration strings, which GoTrue's admin API takes for `ban_duration` (e.g. "24h", "1h30m"). */

const unitMilliseconds: Record<string, number> = {
	ns: 1e-6,
	us: 1e-3,
	µs: 1e-3,
	μs: 1e-3,
	ms: 1,
	s: 1000,
	m: 60_000,
	h: 3_600_000
};

/** Go's `time.ParseDuration` in milliseconds, or undefined when `text` is not a duration. */
export function parseGoDuration(text: string): number | undefined {
	const match = /^([+-]?)(.+)$/.exec(text);
	if (!match) return undefined;
	const [, sign, rest] = match;
	if (rest === '0') return 0;
	const parts = rest.match(/(\d+\.?\d*|\.\d+)([a-zµμ]+)/g);
	if (!parts || parts.join('') !== rest) return undefined;
	let total = 0;
	for (const part of parts) {
		const [, amount, unit] = /^(\d+\.?\d*|\.\d+)([a-zµμ]+)$/.exec(part) ?? [];
		const factor = unitMilliseconds[unit];
		if (factor === undefined) return undefined;
		total += Number(amount) * factor;
	}
	return sign === '-' ? -total : total;
}

/**
 * `ban_duration` as GoTrue reads it: "none" lifts a ban (null), a positive duration bans until
 * `now` plus it. Anything else is a validation error, reported by the caller.
 */
export function banUntil(banDuration: string, now = new Date()): Date | null | undefined {
	if (banDuration === 'none') return null;
	const milliseconds = parseGoDuration(banDuration);
	if (milliseconds === undefined || milliseconds < 0) return undefined;
	return new Date(now.getTime() + milliseconds);
}
