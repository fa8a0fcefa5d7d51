import { z } from 'zod';
import type { MessageKey } from '$lib/i18n/translate';

// Issue messages are message keys, translated where they are shown.
const message = (key: MessageKey) => ({ error: key });

export const signInSchema = z.object({
	email: z
		.string(message('validation.emailRequired'))
		.trim()
		.min(1, message('validation.emailRequired'))
		.pipe(z.email(message('validation.emailInvalid'))),
	password: z
		.string(message('validation.passwordRequired'))
		.min(1, message('validation.passwordRequired'))
});
