/**
 * GoTrue as unmodified supabase-js sees it (supabase-protocols.md §3): sign-up, sign-in, refresh,
 * the signed-in user, sign-out, recovery by mail, the admin API and the access token's claims.
 * Every test creates its own users (conf-…@example.test) and the admin API removes them after.
 */
import { createClient } from '@supabase/supabase-js';
import { createHmac, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realtimeTransport } from './transport.ts';
import { env } from './env.ts';

const clientOptions = {
	auth: { persistSession: false, autoRefreshToken: false },
	realtime: {
		transport: realtimeTransport
	}
};
const publicClient = () => createClient(env.url, env.publishableKey, clientOptions);
const admin = createClient(env.url, env.secretKey, clientOptions).auth.admin;

const password = 'conformance-secret-1';
const redirectTo = 'http://127.0.0.1:5173/auth/callback';
const createdUserIds = new Set<string>();
let db: pg.Client;

beforeAll(async () => {
	db = new pg.Client({ connectionString: env.dbUrl });
	await db.connect();
});

afterAll(async () => {
	for (const id of createdUserIds) await admin.deleteUser(id);
	await db?.end();
});

const uniqueEmail = (label: string) => `conf-${label}-${randomUUID().slice(0, 8)}@example.test`;

function track<T extends { id: string } | null | undefined>(user: T): T {
	if (user) createdUserIds.add(user.id);
	return user;
}

/** A confirmed user made through the admin API (and removed after the tests). */
async function confirmedUser(label: string, extra: Record<string, unknown> = {}) {
	const email = uniqueEmail(label);
	const { data, error } = await admin.createUser({
		email,
		password,
		email_confirm: true,
		...extra
	});
	expect(error).toBeNull();
	return { email, user: track(data.user)! };
}

/** Signs in on a fresh client, returning the client and its session. */
async function signedIn(email: string, secret = password) {
	const client = publicClient();
	const { data, error } = await client.auth.signInWithPassword({ email, password: secret });
	expect(error).toBeNull();
	return { client, session: data.session! };
}

function claimsOf(accessToken: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8'));
}

interface InboxMessage {
	ID: string;
	To: Array<{ Address: string }>;
	Subject: string;
}

/** Polls the Mailpit-style inbox until a mail to `address` arrives, then reads it in full. */
async function mailTo(address: string, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const list = (await (await fetch(`${env.inboxUrl}/api/v1/messages?limit=200`)).json()) as {
			messages: InboxMessage[];
		};
		const found = list.messages.find((message) =>
			message.To.some((to) => to.Address.toLowerCase() === address)
		);
		if (found) {
			return (await (await fetch(`${env.inboxUrl}/api/v1/message/${found.ID}`)).json()) as {
				ID: string;
				Subject: string;
				Text: string;
				HTML: string;
			};
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
}

/** The `/auth/v1/verify` link in a mail. */
function verifyLinkIn(mail: { Text: string; HTML: string }): string {
	const match = /https?:\/\/[^\s"'<>]+\/auth\/v1\/verify\?[^\s"'<>]+/.exec(mail.HTML || mail.Text);
	expect(match).not.toBeNull();
	return match![0].replaceAll('&amp;', '&');
}

/** Follows a verify link without following its redirect; returns the redirect target. */
async function follow(link: string): Promise<URL> {
	const response = await fetch(link, { redirect: 'manual' });
	expect(response.status).toBe(303);
	return new URL(response.headers.get('location')!);
}

describe('sign-up', () => {
	it('creates a confirmed user and signs it in (autoconfirm)', async () => {
		const email = uniqueEmail('signup');
		const { data, error } = await publicClient().auth.signUp({
			email: email.toUpperCase(),
			password,
			options: { data: { full_name: 'Conf Signup' } }
		});
		track(data.user);
		expect(error).toBeNull();
		expect(data.session?.access_token).toBeTruthy();
		expect(data.session?.refresh_token).toBeTruthy();
		expect(data.session?.token_type).toBe('bearer');
		expect(data.session?.expires_in).toBeGreaterThan(0);
		expect(data.user).toMatchObject({
			email,
			aud: 'authenticated',
			role: 'authenticated',
			phone: '',
			is_anonymous: false,
			user_metadata: { full_name: 'Conf Signup' },
			app_metadata: { provider: 'email', providers: ['email'] }
		});
		expect(data.user?.email_confirmed_at).toBeTruthy();
		expect(data.user?.identities?.[0]).toMatchObject({ provider: 'email', user_id: data.user?.id });
	});

	it('rejects a taken address, a weak password and a malformed address', async () => {
		const { email } = await confirmedUser('taken');
		const client = publicClient();

		const taken = await client.auth.signUp({ email, password });
		expect(taken.error).toMatchObject({ status: 422, code: 'user_already_exists' });

		const weak = await client.auth.signUp({ email: uniqueEmail('weak'), password: '12345' });
		expect(weak.error).toMatchObject({
			status: 422,
			code: 'weak_password',
			name: 'AuthWeakPasswordError'
		});

		const malformed = await client.auth.signUp({ email: 'not-an-address', password });
		expect(malformed.error).toMatchObject({ status: 400, code: 'validation_failed' });
	});

	it('stores metadata as jsonb objects and the password as pgcrypto-compatible bcrypt', async () => {
		const email = uniqueEmail('jsonb');
		const { data } = await publicClient().auth.signUp({
			email,
			password,
			options: { data: { full_name: 'Conf Jsonb', tags: ['a', 'b'] } }
		});
		const user = track(data.user)!;
		const { rows } = await db.query(
			`select jsonb_typeof(raw_user_meta_data) as user_type, jsonb_typeof(raw_app_meta_data) as app_type,
				raw_user_meta_data -> 'tags' as tags,
				encrypted_password like '$2a$10$%' as go_bcrypt,
				encrypted_password = extensions.crypt($2, encrypted_password) as crypt_verifies
			from auth.users where id = $1`,
			[user.id, password]
		);
		expect(rows[0]).toEqual({
			user_type: 'object',
			app_type: 'object',
			tags: ['a', 'b'],
			go_bcrypt: true,
			crypt_verifies: true
		});
	});
});

describe('sign-in', () => {
	it('signs in with the right password and refuses a wrong one', async () => {
		const { email, user } = await confirmedUser('signin');
		const { session } = await signedIn(email);
		expect(session.user.id).toBe(user.id);
		expect(session.user.last_sign_in_at).toBeTruthy();

		const wrong = await publicClient().auth.signInWithPassword({
			email,
			password: 'wrong-password'
		});
		expect(wrong.error).toMatchObject({
			status: 400,
			code: 'invalid_credentials',
			message: 'Invalid login credentials'
		});
		expect(wrong.data.session).toBeNull();
	});

	it('lets the seeded persona max@leadwerk.test sign in with leadwerk-demo', async () => {
		const { session } = await signedIn('max@leadwerk.test', 'leadwerk-demo');
		expect(session.user).toMatchObject({
			email: 'max@leadwerk.test',
			user_metadata: { full_name: 'Max Vogel' }
		});
	});

	it('answers errors in the 2024-01-01 shape and echoes the API version', async () => {
		const response = await fetch(`${env.url}/auth/v1/token?grant_type=password`, {
			method: 'POST',
			headers: {
				apikey: env.publishableKey,
				'content-type': 'application/json',
				'x-supabase-api-version': '2024-01-01'
			},
			body: JSON.stringify({ email: uniqueEmail('nobody'), password })
		});
		expect(response.status).toBe(400);
		expect(response.headers.get('x-supabase-api-version')).toBe('2024-01-01');
		expect(await response.json()).toMatchObject({
			code: 'invalid_credentials',
			message: 'Invalid login credentials'
		});
	});
});

describe('access token', () => {
	it('is an HS256 JWT with the claims GoTrue issues', async () => {
		const { email, user } = await confirmedUser('claims', {
			user_metadata: { full_name: 'Conf Claims' }
		});
		const { session } = await signedIn(email);
		const [header, payload, signature] = session.access_token.split('.');
		expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'HS256' });
		const expected = createHmac('sha256', env.jwtSecret)
			.update(`${header}.${payload}`)
			.digest('base64url');
		expect(signature).toBe(expected);

		const claims = claimsOf(session.access_token);
		expect(claims).toMatchObject({
			sub: user.id,
			aud: 'authenticated',
			role: 'authenticated',
			iss: `${env.url}/auth/v1`,
			email,
			phone: '',
			app_metadata: { provider: 'email', providers: ['email'] },
			user_metadata: { full_name: 'Conf Claims' },
			aal: 'aal1',
			is_anonymous: false
		});
		expect(claims.exp).toBe(session.expires_at);
		expect(Number(claims.exp) - Number(claims.iat)).toBe(session.expires_in);
		expect(claims.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) }]);
		expect(claims.session_id).toMatch(/^[0-9a-f-]{36}$/);
	});
});

describe('session', () => {
	it('refreshes with rotation; the old token within the reuse interval yields the same child', async () => {
		const { email } = await confirmedUser('refresh');
		const { client, session } = await signedIn(email);
		const { data, error } = await client.auth.refreshSession({
			refresh_token: session.refresh_token
		});
		expect(error).toBeNull();
		const child = data.session!;
		expect(child.refresh_token).not.toBe(session.refresh_token);
		expect(claimsOf(child.access_token).session_id).toBe(claimsOf(session.access_token).session_id);

		const again = await publicClient().auth.refreshSession({
			refresh_token: session.refresh_token
		});
		expect(again.error).toBeNull();
		expect(again.data.session?.refresh_token).toBe(child.refresh_token);

		const unknown = await publicClient().auth.refreshSession({ refresh_token: 'nosuchtoken1' });
		expect(unknown.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
	});

	it('returns the user for an access token and rejects a malformed one', async () => {
		const { email, user } = await confirmedUser('getuser');
		const { client, session } = await signedIn(email);
		const { data, error } = await client.auth.getUser(session.access_token);
		expect(error).toBeNull();
		expect(data.user?.id).toBe(user.id);

		const bad = await publicClient().auth.getUser(`${session.access_token.slice(0, -4)}AAAA`);
		expect(bad.error).toMatchObject({ status: 403, code: 'bad_jwt' });
	});

	it('merges updated metadata and changes the password', async () => {
		const { email } = await confirmedUser('update', { user_metadata: { a: 1, b: 1 } });
		const { client } = await signedIn(email);
		const merged = await client.auth.updateUser({ data: { b: 2, c: 3 } });
		expect(merged.error).toBeNull();
		expect(merged.data.user?.user_metadata).toEqual({ a: 1, b: 2, c: 3 });

		const newPassword = 'conformance-secret-2';
		const changed = await client.auth.updateUser({ password: newPassword });
		expect(changed.error).toBeNull();
		await signedIn(email, newPassword);
		const old = await publicClient().auth.signInWithPassword({ email, password });
		expect(old.error?.code).toBe('invalid_credentials');
	});

	it('signs out: the refresh token stops working and the access token loses its session', async () => {
		const { email } = await confirmedUser('signout');
		const { client, session } = await signedIn(email);
		const { error } = await client.auth.signOut();
		expect(error).toBeNull();

		const refreshed = await publicClient().auth.refreshSession({
			refresh_token: session.refresh_token
		});
		expect(refreshed.error).toMatchObject({ status: 400 });
		expect(refreshed.data.session).toBeNull();

		const user = await publicClient().auth.getUser(session.access_token);
		expect(user.error?.name).toBe('AuthSessionMissingError');
	});

	it("signs out only the other sessions with scope 'others'", async () => {
		const { email } = await confirmedUser('others');
		const first = await signedIn(email);
		const second = await signedIn(email);
		expect((await first.client.auth.signOut({ scope: 'others' })).error).toBeNull();

		const kept = await publicClient().auth.refreshSession({
			refresh_token: first.session.refresh_token
		});
		expect(kept.error).toBeNull();
		const ended = await publicClient().auth.refreshSession({
			refresh_token: second.session.refresh_token
		});
		expect(ended.error).not.toBeNull();
	});
});

/** The session in the fragment of an implicit-flow redirect. */
function fragmentSession(target: URL) {
	return Object.fromEntries(new URLSearchParams(target.hash.slice(1)));
}

describe('password recovery', () => {
	it('mails a link that verifies and yields a session for a new password', async () => {
		const { email, user } = await confirmedUser('recover');
		const { error } = await publicClient().auth.resetPasswordForEmail(email, { redirectTo });
		expect(error).toBeNull();

		const mail = await mailTo(email);
		const link = verifyLinkIn(mail);
		expect(link).toContain('type=recovery');
		const target = await follow(link);
		expect(`${target.origin}${target.pathname}`).toBe(redirectTo);
		const fragment = fragmentSession(target);
		expect(fragment).toMatchObject({ token_type: 'bearer', type: 'recovery' });
		expect(Number(fragment.expires_in)).toBeGreaterThan(0);
		expect(Number(fragment.expires_at)).toBeGreaterThan(Date.now() / 1000);

		const client = publicClient();
		const restored = await client.auth.setSession({
			access_token: fragment.access_token,
			refresh_token: fragment.refresh_token
		});
		expect(restored.error).toBeNull();
		expect(restored.data.user?.id).toBe(user.id);
		const newPassword = 'recovered-secret-1';
		expect((await client.auth.updateUser({ password: newPassword })).error).toBeNull();
		await signedIn(email, newPassword);

		// The link works once.
		const reused = await follow(link);
		expect(fragmentSession(reused)).toMatchObject({ error_code: 'otp_expired' });
	});

	it('redirects a PKCE client with a code it exchanges for a session (as @supabase/ssr does)', async () => {
		const { email, user } = await confirmedUser('pkce');
		const client = createClient(env.url, env.publishableKey, {
			...clientOptions,
			auth: { ...clientOptions.auth, flowType: 'pkce' }
		});
		expect((await client.auth.resetPasswordForEmail(email, { redirectTo })).error).toBeNull();

		const target = await follow(verifyLinkIn(await mailTo(email)));
		expect(target.hash).toBe('');
		const code = target.searchParams.get('code');
		expect(code).toBeTruthy();
		const { data, error } = await client.auth.exchangeCodeForSession(code!);
		expect(error).toBeNull();
		expect(data.session?.user.id).toBe(user.id);
		expect(claimsOf(data.session!.access_token).amr).toEqual([
			{ method: 'recovery', timestamp: expect.any(Number) }
		]);
	});

	it('answers the same for an unknown address', async () => {
		const { data, error } = await publicClient().auth.resetPasswordForEmail(uniqueEmail('unknown'));
		expect(error).toBeNull();
		expect(data).toEqual({});
	});
});

describe('magic link and e-mail change', () => {
	it('mails a magic link to a known address that signs it in', async () => {
		const { email, user } = await confirmedUser('otp');
		const { error } = await publicClient().auth.signInWithOtp({
			email,
			options: { emailRedirectTo: redirectTo, shouldCreateUser: false }
		});
		expect(error).toBeNull();
		const link = verifyLinkIn(await mailTo(email));
		expect(link).toContain('type=magiclink');
		const fragment = fragmentSession(await follow(link));
		expect(fragment.type).toBe('magiclink');
		expect(claimsOf(fragment.access_token).sub).toBe(user.id);
	});

	it('refuses an unknown address when users may not be created', async () => {
		const { error } = await publicClient().auth.signInWithOtp({
			email: uniqueEmail('otp-unknown'),
			options: { shouldCreateUser: false }
		});
		expect(error).toMatchObject({ status: 422, code: 'otp_disabled' });
	});

	it('changes the address at once, confirmations being off', async () => {
		const { email } = await confirmedUser('change');
		const { client } = await signedIn(email);
		const newEmail = uniqueEmail('changed');
		const { data, error } = await client.auth.updateUser({ email: newEmail });
		expect(error).toBeNull();
		expect(data.user?.email).toBe(newEmail);
		await signedIn(newEmail);
	});
});

describe('admin API', () => {
	it('creates a user with confirmation and metadata', async () => {
		const email = uniqueEmail('admin-create');
		const { data, error } = await admin.createUser({
			email,
			password,
			email_confirm: true,
			user_metadata: { full_name: 'Conf Admin' },
			app_metadata: { tenant: 'conformance' }
		});
		track(data.user);
		expect(error).toBeNull();
		expect(data.user).toMatchObject({
			email,
			user_metadata: { full_name: 'Conf Admin' },
			app_metadata: { provider: 'email', providers: ['email'], tenant: 'conformance' }
		});
		expect(data.user?.email_confirmed_at).toBeTruthy();
		await signedIn(email);

		const duplicate = await admin.createUser({ email, password });
		expect(duplicate.error).toMatchObject({ status: 422, code: 'email_exists' });
	});

	it('lists users page by page', async () => {
		for (const label of ['page-1', 'page-2', 'page-3']) await confirmedUser(label);
		const first = await admin.listUsers({ page: 1, perPage: 2 });
		expect(first.error).toBeNull();
		expect(first.data.users).toHaveLength(2);
		expect(first.data).toMatchObject({ nextPage: 2, aud: 'authenticated' });
		expect((first.data as unknown as { total: number }).total).toBeGreaterThanOrEqual(3);
		const second = await admin.listUsers({ page: 2, perPage: 2 });
		expect(second.data.users.length).toBeGreaterThan(0);
		const firstIds = new Set(first.data.users.map((user) => user.id));
		expect(second.data.users.some((user) => firstIds.has(user.id))).toBe(false);
	});

	it('reads, updates, bans, unbans and deletes a user by id', async () => {
		const { email, user } = await confirmedUser('admin-update', { user_metadata: { a: 1 } });
		const read = await admin.getUserById(user.id);
		expect(read.data.user?.email).toBe(email);

		const updated = await admin.updateUserById(user.id, {
			user_metadata: { b: 2 },
			app_metadata: { plan: 'pro' }
		});
		expect(updated.error).toBeNull();
		expect(updated.data.user?.user_metadata).toEqual({ a: 1, b: 2 });
		expect(updated.data.user?.app_metadata).toMatchObject({ provider: 'email', plan: 'pro' });

		const banned = await admin.updateUserById(user.id, { ban_duration: '24h' });
		expect(new Date(banned.data.user!.banned_until!).getTime()).toBeGreaterThan(Date.now());
		const refused = await publicClient().auth.signInWithPassword({ email, password });
		expect(refused.error).toMatchObject({ status: 400, code: 'user_banned' });

		const unbanned = await admin.updateUserById(user.id, { ban_duration: 'none' });
		expect(unbanned.data.user?.banned_until).toBeFalsy();
		await signedIn(email);

		const deleted = await admin.deleteUser(user.id);
		expect(deleted.error).toBeNull();
		createdUserIds.delete(user.id);
		const gone = await admin.getUserById(user.id);
		expect(gone.error).toMatchObject({ status: 404, code: 'user_not_found' });
	});

	it('invites by mail; the invite link signs the new user in', async () => {
		const email = uniqueEmail('invite');
		const { data, error } = await admin.inviteUserByEmail(email, {
			data: { full_name: 'Conf Invitee' },
			redirectTo
		});
		track(data.user);
		expect(error).toBeNull();
		expect(data.user).toMatchObject({ email, user_metadata: { full_name: 'Conf Invitee' } });
		expect(data.user?.invited_at).toBeTruthy();

		const link = verifyLinkIn(await mailTo(email));
		expect(link).toContain('type=invite');
		const fragment = fragmentSession(await follow(link));
		expect(fragment.type).toBe('invite');
		const { data: invited } = await publicClient().auth.getUser(fragment.access_token);
		expect(invited.user?.id).toBe(data.user?.id);
		expect(invited.user?.email_confirmed_at).toBeTruthy();
	});

	it('generates links whose token verifies with verifyOtp', async () => {
		const { email, user } = await confirmedUser('magic');
		const { data, error } = await admin.generateLink({
			type: 'magiclink',
			email,
			options: { redirectTo }
		});
		expect(error).toBeNull();
		expect(data.user?.id).toBe(user.id);
		expect(data.properties).toMatchObject({
			verification_type: 'magiclink',
			redirect_to: redirectTo
		});
		expect(data.properties?.action_link).toContain('/auth/v1/verify?');
		expect(data.properties?.email_otp).toMatch(/^\d{6}$/);

		const verified = await publicClient().auth.verifyOtp({
			email,
			token: data.properties!.email_otp,
			type: 'magiclink'
		});
		expect(verified.error).toBeNull();
		expect(verified.data.session?.user.id).toBe(user.id);

		const signupEmail = uniqueEmail('gen-signup');
		const signup = await admin.generateLink({ type: 'signup', email: signupEmail, password });
		track(signup.data.user);
		expect(signup.data.user?.email_confirmed_at).toBeFalsy();
		const confirmed = await publicClient().auth.verifyOtp({
			token_hash: signup.data.properties!.hashed_token,
			type: 'signup'
		});
		expect(confirmed.error).toBeNull();
		expect(confirmed.data.user?.email_confirmed_at).toBeTruthy();
	});

	it('refuses callers that are not admins', async () => {
		const anonymous = await publicClient().auth.admin.listUsers();
		expect(anonymous.error).toMatchObject({ status: 403, code: 'not_admin' });

		const { email } = await confirmedUser('not-admin');
		const { session } = await signedIn(email);
		const asUser = createClient(env.url, env.publishableKey, {
			...clientOptions,
			global: { headers: { Authorization: `Bearer ${session.access_token}` } }
		});
		const result = await asUser.auth.admin.createUser({ email: uniqueEmail('never'), password });
		expect(result.error).toMatchObject({ status: 403, code: 'not_admin' });
	});
});

describe('discovery endpoints', () => {
	it('serves settings, health and an empty JWKS for HS256', async () => {
		const get = async (path: string) => {
			const response = await fetch(`${env.url}/auth/v1${path}`, {
				headers: { apikey: env.publishableKey }
			});
			expect(response.status).toBe(200);
			return response.json();
		};
		expect(await get('/settings')).toMatchObject({
			external: { email: true },
			disable_signup: false,
			mailer_autoconfirm: true
		});
		expect(await get('/health')).toMatchObject({ name: 'GoTrue' });
		expect(await get('/.well-known/jwks.json')).toEqual({ keys: [] });
	});
});
