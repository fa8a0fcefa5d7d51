/**
 * A same-origin path to continue to after sign-in or a language switch. Anything that could
 * leave the site (absolute URLs, `//host`, `/\host`) falls back, so `redirectTo` cannot be
 * abused as an open redirect.
 */
export function safeRedirectPath(value: string | null | undefined, fallback = '/'): string {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
		return fallback;
	}
	const base = 'http://leadwerk.invalid';
	const target = new URL(value, base);
	return target.origin === base ? target.pathname + target.search + target.hash : fallback;
}

/** The sign-in page, remembering a GET request's address to come back to. */
export function loginPath(url: URL, method: string): string {
	if (method !== 'GET') return '/login';
	return `/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`;
}
