import type { z } from 'zod';
import { isMessageKey, type MessageKey, type MessageParams } from '$lib/i18n/translate';

/** A translated-later message for one field: its key and the values of its placeholders. */
export interface FieldMessage {
	key: MessageKey;
	params?: MessageParams;
}

/**
 * The first issue per top-level field of a failed parse, as a message key with the limit the
 * input broke (`{max}`), so the form can say "at most 200 characters".
 */
export function fieldMessages<Field extends string>(
	error: z.ZodError
): Partial<Record<Field, FieldMessage>> {
	const messages: Partial<Record<Field, FieldMessage>> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0]) as Field;
		if (messages[field]) continue;
		const key = isMessageKey(issue.message) ? issue.message : 'validation.invalid';
		const params = issue.code === 'too_big' ? { max: Number(issue.maximum) } : undefined;
		messages[field] = params ? { key, params } : { key };
	}
	return messages;
}
