/**
 * `<input type="datetime-local">` speaks local wall-clock time without a zone ("2026-11-27T14:05");
 * these convert between that and instants, in the browser's time zone.
 */

const pad = (value: number) => String(value).padStart(2, '0');

/** The input value for an instant, to the minute. */
export function toDateTimeLocal(date: Date): string {
	return (
		`${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
		`T${pad(date.getHours())}:${pad(date.getMinutes())}`
	);
}

/** The instant an input value names, or undefined when it is empty or malformed. */
export function parseDateTimeLocal(value: string): Date | undefined {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return undefined;
	// Without a zone designator, ECMAScript reads a date-time form as local time.
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? undefined : date;
}
