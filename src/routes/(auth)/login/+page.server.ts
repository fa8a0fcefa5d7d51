import { fail, redirect } from '@sveltejs/kit';
import type { AuthError } from '@supabase/supabase-js';
import { signInSchema } from '$lib/auth/schema';
import { fieldErrors } from '$lib/forms/field-errors';
import type { MessageKey } from '$lib/i18n/translate';
import { safeRedirectPath } from '$lib/server/redirect-path';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const form = Object.fromEntries(await request.formData());
		const email = typeof form.email === 'string' ? form.email : '';
		const parsed = signInSchema.safeParse(form);
		if (!parsed.success) return fail(400, { email, errors: fieldErrors(parsed.error) });

		const { error } = await locals.supabase.auth.signInWithPassword(parsed.data);
		if (error) {
			const formError = signInErrorMessage(error);
			if (formError === 'login.error.unavailable') console.error('Sign-in failed:', error);
			return fail(error.status && error.status >= 400 ? error.status : 503, { email, formError });
		}
		redirect(303, safeRedirectPath(url.searchParams.get('redirectTo')));
	}
};

// Network failures and unexpected answers become a general message (and a server log entry).
function signInErrorMessage(error: AuthError): MessageKey {
	switch (error.code) {
		case 'invalid_credentials':
			return 'login.error.invalidCredentials';
		case 'email_not_confirmed':
			return 'login.error.emailNotConfirmed';
		case 'user_banned':
			return 'login.error.userBanned';
		default:
			return 'login.error.unavailable';
	}
}
