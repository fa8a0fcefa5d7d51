/** What the stack gives each service when it starts it. */
import type { Pool } from './db.ts';

export interface MailMessage {
	to: string;
	subject: string;
	html: string;
	text?: string;
	from?: string;
}

export interface Mailer {
	send(message: MailMessage): Promise<void>;
}

export interface ServiceDeps {
	/** Connected as `postgres` (owner of the app's objects; not a superuser on Supabase). */
	adminPool: Pool;
	/** Connected as `authenticator`; callers' roles are switched from here. */
	apiPool: Pool;
	/** Connected as `supabase_auth_admin`, owner of schema auth. */
	authPool: Pool;
	mailer: Mailer;
	log(message: string): void;
}
