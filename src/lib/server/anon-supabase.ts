import { createClient } from '@supabase/supabase-js';
import { supabaseConfig } from '$lib/supabase/config';
import type { Database } from '$lib/supabase/client';
import { webSocketTransport } from './supabase';

/**
 * A Supabase client without any session, for one request of a public page: it acts as `anon`
 * whoever is signed in, so a public link shows exactly what it shows the lead.
 */
export function createAnonSupabaseClient() {
	const { url, publishableKey } = supabaseConfig();
	return createClient<Database>(url, publishableKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		realtime: { transport: webSocketTransport }
	});
}
