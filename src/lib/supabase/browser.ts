import { createBrowserClient } from '@supabase/ssr';
import { supabaseConfig } from './config';
import type { Database } from './client';

/** The browser's Supabase client; it shares the session cookies the server client writes. */
export function createSupabaseBrowserClient() {
	const { url, publishableKey } = supabaseConfig();
	return createBrowserClient<Database>(url, publishableKey);
}
