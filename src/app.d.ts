import type { Session, SupabaseClient, User } from '@supabase/supabase-js';
import type { Locale } from '$lib/i18n/locales';
import type { Database } from '$lib/supabase/client';

declare global {
	namespace App {
		interface Locals {
			/** Acts as the signed-in user of this request (RLS applies). */
			supabase: SupabaseClient<Database>;
			/** The session and its user, verified with the auth server; both null when signed out. */
			safeGetSession: () => Promise<{ session: Session | null; user: User | null }>;
			locale: Locale;
		}
		interface PageData {
			locale: Locale;
		}
	}
}

export {};
