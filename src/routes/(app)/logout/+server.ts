import { error, redirect } from '@sveltejs/kit';
import type { MessageKey } from '$lib/i18n/translate';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals }) => {
	const { error: signOutError } = await locals.supabase.auth.signOut();
	if (signOutError) {
		// auth-js keeps the session when the auth server cannot be reached, so the user is
		// still signed in: say so rather than pretend.
		console.error('Sign-out failed:', signOutError);
		error(503, { message: 'error.signOutFailed' satisfies MessageKey });
	}
	redirect(303, '/login');
};
