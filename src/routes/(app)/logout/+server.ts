import { error, redirect } from '@sveltejs/kit';
import type { MessageKey } from '$lib/i18n/translate';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals }) => {
	// Only this browser's session: signing out at the desk must not end the one on the phone.
	const { error: signOutError } = await locals.supabase.auth.signOut({ scope: 'local' });
	if (signOutError) {
		// auth-js keeps the session when the auth server cannot be reached, so the user is
		// still signed in: say so rather than pretend.
		console.error('Sign-out failed:', signOutError);
		error(503, { message: 'error.signOutFailed' satisfies MessageKey });
	}
	redirect(303, '/login');
};
