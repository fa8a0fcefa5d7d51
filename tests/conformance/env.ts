/**
 * Where the conformance suite points: local-supabase by default, or a real Supabase project when
 * SUPABASE_URL, keys and SUPABASE_DB_URL are given (the two must agree).
 */
import { apiUrl, dbUrl, inboxUrl, jwtSecret, keys } from '../../local-supabase/config.ts';

export const env = {
	url: process.env.SUPABASE_URL ?? apiUrl,
	anonKey: process.env.SUPABASE_ANON_KEY ?? keys.anon,
	publishableKey: process.env.SUPABASE_PUBLISHABLE_KEY ?? keys.publishable,
	serviceRoleKey: process.env.SUPABASE_SERVICE_ROLE_KEY ?? keys.serviceRole,
	secretKey: process.env.SUPABASE_SECRET_KEY ?? keys.secret,
	dbUrl: process.env.SUPABASE_DB_URL ?? dbUrl,
	inboxUrl: process.env.SUPABASE_INBOX_URL ?? inboxUrl,
	jwtSecret: process.env.SUPABASE_JWT_SECRET ?? jwtSecret
};
