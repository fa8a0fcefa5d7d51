import { redirect, type Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import type { Session, User } from '@supabase/supabase-js';
import { isLocale, localeCookieName } from '$lib/i18n/locales';
import { negotiateLocale } from '$lib/i18n/negotiate';
import { loginPath } from '$lib/server/redirect-path';
import { createSupabaseServerClient } from '$lib/server/supabase';

const supabase: Handle = async ({ event, resolve }) => {
	const client = createSupabaseServerClient(event.cookies, event.setHeaders);
	event.locals.supabase = client;

	let verified: Promise<{ session: Session | null; user: User | null }> | undefined;
	// getSession() only decodes the cookie; getUser() asks the auth server whether the token is
	// genuine and still valid. Memoised: the guard and the layouts share one check per request
	// (so it does not reflect a sign-in or sign-out made later in the same request).
	event.locals.safeGetSession = () =>
		(verified ??= (async () => {
			const {
				data: { session }
			} = await client.auth.getSession();
			if (!session) return { session: null, user: null };
			const {
				data: { user },
				error
			} = await client.auth.getUser();
			if (error || !user) return { session: null, user: null };
			return { session, user };
		})());

	return resolve(event, {
		filterSerializedResponseHeaders: (name) =>
			name === 'content-range' || name === 'x-supabase-api-version'
	});
};

const locale: Handle = async ({ event, resolve }) => {
	const chosen = event.cookies.get(localeCookieName);
	event.locals.locale = isLocale(chosen)
		? chosen
		: negotiateLocale(event.request.headers.get('accept-language'));
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
};

const guard: Handle = async ({ event, resolve }) => {
	const routeId = event.route.id;
	if (routeId?.startsWith('/(app)')) {
		const { user } = await event.locals.safeGetSession();
		if (!user) redirect(303, loginPath(event.url, event.request.method));
	} else if (routeId === '/(auth)/login') {
		const { user } = await event.locals.safeGetSession();
		if (user) redirect(303, '/');
	}
	return resolve(event);
};

export const handle = sequence(supabase, locale, guard);
