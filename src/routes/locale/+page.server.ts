import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { localeCookieName, locales } from '$lib/i18n/locales';
import { safeRedirectPath } from '$lib/server/redirect-path';
import type { Actions, PageServerLoad } from './$types';

const oneYearInSeconds = 60 * 60 * 24 * 365;

const localeChoice = z.object({
	locale: z.enum(locales),
	redirectTo: z.string().optional()
});

// Only the action lives here; a visit by address goes to the start page.
export const load: PageServerLoad = () => redirect(307, '/');

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const parsed = localeChoice.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400);
		cookies.set(localeCookieName, parsed.data.locale, {
			path: '/',
			maxAge: oneYearInSeconds,
			sameSite: 'lax',
			httpOnly: true
		});
		// Without JavaScript the browser follows this back; the enhanced form only reloads data.
		redirect(303, safeRedirectPath(parsed.data.redirectTo));
	}
};
