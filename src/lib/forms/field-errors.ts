import type { z } from 'zod';
import { isMessageKey, type MessageKey } from '$lib/i18n/translate';

/** The first message key per top-level field of a failed parse, for showing beside each input. */
export function fieldErrors<Field extends string>(
	error: z.ZodError<Record<Field, unknown>>
): Partial<Record<Field, MessageKey>> {
	const errors: Partial<Record<Field, MessageKey>> = {};
	for (const issue of error.issues) {
		const field = issue.path[0] as Field;
		errors[field] ??= isMessageKey(issue.message) ? issue.message : 'validation.invalid';
	}
	return errors;
}
