/**
 * Where links send the browser: GoTrue honours `redirect_to` only for allowed URLs and falls back
 * to `site_url`. Locally every URL on the site's host or a loopback host is allowed, which covers
 * config.toml's site_url and additional_redirect_urls (127.0.0.1 / localhost dev and preview).
 */
import { siteUrl } from '../config.ts';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

export function resolveRedirect(requested: unknown, site = siteUrl): string {
	if (typeof requested !== 'string' || requested === '') return site;
	let url: URL;
	try {
		url = new URL(requested);
	} catch {
		return site;
	}
	const allowed =
		(url.protocol === 'http:' || url.protocol === 'https:') &&
		(url.hostname === new URL(site).hostname || loopbackHosts.has(url.hostname));
	return allowed ? requested : site;
}

/** Appends parameters to the fragment (implicit flow) or the query (PKCE flow) of `target`. */
export function withParams(
	target: string,
	params: Record<string, string>,
	where: 'hash' | 'query'
): string {
	const url = new URL(target);
	if (where === 'query') {
		for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
	} else {
		url.hash = new URLSearchParams(params).toString();
	}
	return url.toString();
}
