import { createServerClient } from '@supabase/ssr';
import type { SupabaseClientOptions } from '@supabase/supabase-js';
import type { Cookies } from '@sveltejs/kit';
import { WebSocket } from 'ws';
import { supabaseConfig } from '$lib/supabase/config';
import type { Database } from '$lib/supabase/client';

/**
 * supabase-js builds its realtime client eagerly, and Node 20 has no global WebSocket, so it
 * gets ws, as supabase-js recommends for Node < 22. Server requests never subscribe. ws's
 * event-handler typings differ from realtime-js's WebSocketLike, hence the cast.
 */
export const webSocketTransport = WebSocket as unknown as NonNullable<
	NonNullable<SupabaseClientOptions<'public'>['realtime']>['transport']
>;

/**
 * A Supabase client for one request, acting as the user of the request's session cookies.
 * Token refreshes and sign-in/out write the cookies (and no-cache headers) back to the response.
 */
export function createSupabaseServerClient(
	cookies: Cookies,
	setHeaders: (headers: Record<string, string>) => void
) {
	const { url, publishableKey } = supabaseConfig();
	const headersSet = new Set<string>();
	return createServerClient<Database>(url, publishableKey, {
		realtime: { transport: webSocketTransport },
		cookies: {
			getAll: () => cookies.getAll(),
			setAll: (cookiesToSet, headers) => {
				for (const { name, value, options } of cookiesToSet) {
					cookies.set(name, value, { ...options, path: '/' });
				}
				// setHeaders refuses a header twice, and a request may both refresh and sign in.
				const newHeaders = Object.fromEntries(
					Object.entries(headers).filter(([name]) => !headersSet.has(name.toLowerCase()))
				);
				for (const name of Object.keys(newHeaders)) headersSet.add(name.toLowerCase());
				setHeaders(newHeaders);
			}
		}
	});
}
