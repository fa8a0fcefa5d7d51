import { error, fail } from '@sveltejs/kit';
import { fieldErrors } from '$lib/forms/field-errors';
import { acceptFormSchema, answerErrorKey, declineFormSchema } from '$lib/proposals/answer';
import {
	acceptPublicProposal,
	declinePublicProposal,
	fetchPublicProposal
} from '$lib/proposals/api';
import { createAnonSupabaseClient } from '$lib/server/anon-supabase';
import type { Actions, PageServerLoad } from './$types';

/**
 * The public page of a proposal: read and answered as `anon` with the link's token alone (no
 * session, whoever is signed in). Unknown, revoked and draft are all "not found".
 */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const proposal = await fetchPublicProposal(createAnonSupabaseClient(), params.token);
	if (!proposal) error(404, 'publicProposal.notFound');
	// The link is a secret: keep it out of shared caches and other sites' referrers.
	setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
	return { proposal };
};

const text = (data: FormData, name: string) => {
	const value = data.get(name);
	return typeof value === 'string' ? value : '';
};

export const actions: Actions = {
	accept: async ({ params, request }) => {
		const data = await request.formData();
		const values = { name: text(data, 'name'), signature: text(data, 'signature') };
		const parsed = acceptFormSchema.safeParse(values);
		if (!parsed.success) {
			return fail(400, {
				form: 'accept' as const,
				name: values.name,
				errors: fieldErrors(parsed.error)
			});
		}
		try {
			await acceptPublicProposal(
				createAnonSupabaseClient(),
				params.token,
				parsed.data.name,
				parsed.data.signature
			);
		} catch (failure) {
			return fail(409, {
				form: 'accept' as const,
				name: values.name,
				failure: answerErrorKey(failure)
			});
		}
		return { form: 'accept' as const, done: true };
	},
	decline: async ({ params, request }) => {
		const data = await request.formData();
		const values = { reason: text(data, 'reason') };
		const parsed = declineFormSchema.safeParse(values);
		if (!parsed.success) {
			return fail(400, {
				form: 'decline' as const,
				reason: values.reason,
				errors: fieldErrors(parsed.error)
			});
		}
		try {
			await declinePublicProposal(createAnonSupabaseClient(), params.token, parsed.data.reason);
		} catch (failure) {
			return fail(409, {
				form: 'decline' as const,
				reason: values.reason,
				failure: answerErrorKey(failure)
			});
		}
		return { form: 'decline' as const, done: true };
	}
};
