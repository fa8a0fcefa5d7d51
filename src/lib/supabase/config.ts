import { env } from '$env/dynamic/public';
import { z } from 'zod';

// Read at run time ($env/dynamic), so one build serves local-supabase and a hosted project.
const publicSupabaseEnv = z.object({
	PUBLIC_SUPABASE_URL: z.url(),
	PUBLIC_SUPABASE_PUBLISHABLE_KEY: z.string().min(1)
});

/** The project URL and publishable key; fails loudly when the environment lacks them. */
export function supabaseConfig(): { url: string; publishableKey: string } {
	const parsed = publicSupabaseEnv.safeParse(env);
	if (!parsed.success) {
		throw new Error(
			`Supabase settings missing or invalid (see .env.example): ${z.prettifyError(parsed.error)}`
		);
	}
	return {
		url: parsed.data.PUBLIC_SUPABASE_URL,
		publishableKey: parsed.data.PUBLIC_SUPABASE_PUBLISHABLE_KEY
	};
}
