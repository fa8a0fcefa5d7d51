/**
 * The lead's answer on the public page (accept_proposal / decline_proposal): the forms' rules,
 * mirroring the database's (name 1–200, reason 1–2000, signature a PNG data URL ≤ 300 000).
 */
import { z } from 'zod';
import type { MessageKey } from '$lib/i18n/translate';
import { errorCode, errorMessageKey } from '$lib/query/request-error';

const message = (key: MessageKey) => ({ error: key });

export const acceptFormSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, message('validation.proposal.nameRequired'))
		.max(200, message('validation.tooLong')),
	signature: z
		.string()
		.max(300_000, message('validation.invalid'))
		.refine((text) => !text || text.startsWith('data:image/png;base64,'), {
			error: 'validation.invalid'
		})
		.transform((text) => text || null)
});

export const declineFormSchema = z.object({
	reason: z
		.string()
		.trim()
		.min(1, message('validation.proposal.reasonRequired'))
		.max(2000, message('validation.tooLong'))
});

/** The message for a refused answer: no longer open (PT409), or the generic ones. */
export function answerErrorKey(error: unknown): MessageKey {
	if (errorCode(error) === 'PT409') return 'proposals.error.notOpen';
	if (errorCode(error) === 'PT404') return 'publicProposal.notFound';
	return errorMessageKey(error);
}
