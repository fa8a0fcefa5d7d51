/**
 * auth.users and auth.identities as GoTrue reads and writes them (platform/20-auth.sql), and the
 * user object of its API.
 */
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from '../db.ts';
import { AuthError, emailExists } from './errors.ts';
import { authSettings } from './settings.ts';

export type Db = Pool | PoolClient;
export type Metadata = Record<string, unknown>;

export interface IdentityJson {
	identity_id: string;
	id: string;
	user_id: string;
	identity_data: Metadata;
	provider: string;
	last_sign_in_at: string | null;
	created_at: string | null;
	updated_at: string | null;
	email: string | null;
}

export interface UserRow {
	id: string;
	aud: string | null;
	role: string | null;
	email: string | null;
	encrypted_password: string | null;
	email_confirmed_at: Date | null;
	invited_at: Date | null;
	confirmation_sent_at: Date | null;
	recovery_sent_at: Date | null;
	email_change: string | null;
	email_change_sent_at: Date | null;
	last_sign_in_at: Date | null;
	raw_app_meta_data: Metadata | null;
	raw_user_meta_data: Metadata | null;
	created_at: Date | null;
	updated_at: Date | null;
	phone: string | null;
	phone_confirmed_at: Date | null;
	confirmed_at: Date | null;
	banned_until: Date | null;
	deleted_at: Date | null;
	is_anonymous: boolean;
	identities: IdentityJson[];
}

const userColumns = `u.id, u.aud, u.role, u.email, u.encrypted_password, u.email_confirmed_at,
	u.invited_at, u.confirmation_sent_at, u.recovery_sent_at, u.email_change, u.email_change_sent_at,
	u.last_sign_in_at, u.raw_app_meta_data, u.raw_user_meta_data, u.created_at, u.updated_at,
	u.phone, u.phone_confirmed_at, u.confirmed_at, u.banned_until, u.deleted_at, u.is_anonymous,
	coalesce((
		select jsonb_agg(jsonb_build_object(
			'identity_id', i.id, 'id', i.provider_id, 'user_id', i.user_id,
			'identity_data', i.identity_data, 'provider', i.provider,
			'last_sign_in_at', i.last_sign_in_at, 'created_at', i.created_at,
			'updated_at', i.updated_at, 'email', i.email
		) order by i.created_at)
		from auth.identities i where i.user_id = u.id
	), '[]'::jsonb) as identities`;

/** Users are looked up by id, or by e-mail among the users that are not (soft-)deleted. */
export async function findUserById(db: Db, id: string, lock = false): Promise<UserRow | undefined> {
	if (!isUuid(id)) return undefined;
	const { rows } = await db.query<UserRow>(
		`select ${userColumns} from auth.users u where u.id = $1${lock ? ' for update of u' : ''}`,
		[id]
	);
	return rows[0];
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
	const { rows } = await db.query<UserRow>(
		`select ${userColumns} from auth.users u
		where lower(u.email) = $1 and u.deleted_at is null and not u.is_sso_user`,
		[email]
	);
	return rows[0];
}

export async function listUsers(
	db: Db,
	options: { limit: number; offset: number; emailFilter?: string }
): Promise<{ users: UserRow[]; total: number }> {
	const filter = options.emailFilter ? `%${options.emailFilter}%` : null;
	const where = `where u.aud = $1 and ($2::text is null or u.email ilike $2)`;
	const [page, count] = await Promise.all([
		db.query<UserRow>(
			`select ${userColumns} from auth.users u ${where}
			order by u.created_at desc, u.id limit $3 offset $4`,
			[authSettings.audience, filter, options.limit, options.offset]
		),
		db.query<{ total: number }>(`select count(*)::int as total from auth.users u ${where}`, [
			authSettings.audience,
			filter
		])
	]);
	return { users: page.rows, total: count.rows[0].total };
}

export function isUuid(value: string): boolean {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** GoTrue's metadata update: top-level keys are replaced, keys set to null are removed. */
export function mergeMetadata(current: Metadata | null, patch: Metadata): Metadata {
	const merged: Metadata = { ...(current ?? {}) };
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete merged[key];
		else merged[key] = value;
	}
	return merged;
}

export function isBanned(user: UserRow, now = new Date()): boolean {
	return user.banned_until !== null && user.banned_until.getTime() > now.getTime();
}

const iso = (value: Date | null) => (value ? value.toISOString() : undefined);

/** The user object of GoTrue's API: empty optional timestamps are left out, as its JSON omits them. */
export function toUserJson(user: UserRow) {
	return {
		id: user.id,
		aud: user.aud ?? '',
		role: user.role ?? '',
		email: user.email ?? '',
		email_confirmed_at: iso(user.email_confirmed_at),
		phone: user.phone ?? '',
		phone_confirmed_at: iso(user.phone_confirmed_at),
		confirmation_sent_at: iso(user.confirmation_sent_at),
		confirmed_at: iso(user.confirmed_at),
		recovery_sent_at: iso(user.recovery_sent_at),
		new_email: user.email_change || undefined,
		email_change_sent_at: iso(user.email_change_sent_at),
		invited_at: iso(user.invited_at),
		last_sign_in_at: iso(user.last_sign_in_at),
		app_metadata: user.raw_app_meta_data ?? {},
		user_metadata: user.raw_user_meta_data ?? {},
		identities: user.identities,
		created_at: iso(user.created_at) ?? '',
		updated_at: iso(user.updated_at) ?? '',
		banned_until: iso(user.banned_until),
		deleted_at: iso(user.deleted_at),
		is_anonymous: user.is_anonymous
	};
}

export type UserJson = ReturnType<typeof toUserJson>;

export interface NewUser {
	id?: string;
	email: string;
	encryptedPassword: string;
	role?: string;
	userMetadata: Metadata;
	appMetadata: Metadata;
	confirmed: boolean;
	invited?: boolean;
	bannedUntil?: Date | null;
	signedIn?: boolean;
}

/**
 * Inserts an e-mail user and its `email` identity. A failing app trigger on auth.users surfaces
 * as GoTrue's 500 "Database error saving new user".
 */
export async function insertUser(db: PoolClient, user: NewUser): Promise<string> {
	const id = user.id ?? randomUUID();
	const appMetadata = { provider: 'email', providers: ['email'], ...user.appMetadata };
	try {
		await db.query(
			`insert into auth.users (instance_id, id, aud, role, email, encrypted_password,
				email_confirmed_at, invited_at, last_sign_in_at, raw_app_meta_data, raw_user_meta_data,
				banned_until, created_at, updated_at, is_anonymous)
			values ($1, $2, $3, $4, $5, $6,
				case when $7 then now() end, case when $8 then now() end, case when $9 then now() end,
				$10::jsonb, $11::jsonb, $12, now(), now(), false)`,
			[
				authSettings.instanceId,
				id,
				authSettings.audience,
				user.role ?? 'authenticated',
				user.email,
				user.encryptedPassword,
				user.confirmed,
				user.invited ?? false,
				user.signedIn ?? false,
				JSON.stringify(appMetadata),
				JSON.stringify(user.userMetadata),
				user.bannedUntil ?? null
			]
		);
		await db.query(
			`insert into auth.identities (id, provider_id, user_id, identity_data, provider,
				last_sign_in_at, created_at, updated_at)
			values ($1, $2::text, $2::uuid, $3::jsonb, 'email', case when $4 then now() end, now(), now())`,
			[
				randomUUID(),
				id,
				JSON.stringify({
					sub: id,
					email: user.email,
					email_verified: user.confirmed,
					phone_verified: false
				}),
				user.signedIn ?? false
			]
		);
	} catch (error) {
		if ((error as { code?: string }).code === '23505') throw emailExists();
		throw new AuthError(500, 'unexpected_failure', 'Database error saving new user', {}, error);
	}
	return id;
}

/** Columns callers may set, with the SQL cast their parameter needs. */
const settableColumns = {
	email: 'text',
	encrypted_password: 'text',
	role: 'text',
	raw_app_meta_data: 'jsonb',
	raw_user_meta_data: 'jsonb',
	banned_until: 'timestamptz',
	email_confirmed_at: 'timestamptz',
	last_sign_in_at: 'timestamptz',
	invited_at: 'timestamptz',
	confirmation_token: 'text',
	confirmation_sent_at: 'timestamptz',
	recovery_token: 'text',
	recovery_sent_at: 'timestamptz',
	email_change: 'text',
	email_change_token_new: 'text',
	email_change_token_current: 'text',
	email_change_sent_at: 'timestamptz',
	deleted_at: 'timestamptz'
} as const;

export type UserPatch = Partial<Record<keyof typeof settableColumns, unknown>>;

/** Updates the given columns (jsonb values are passed as objects) and `updated_at`. */
export async function updateUserColumns(db: Db, id: string, patch: UserPatch): Promise<void> {
	const names = Object.keys(patch) as Array<keyof typeof settableColumns>;
	const values = names.map((name) => {
		const value = patch[name];
		return settableColumns[name] === 'jsonb' ? JSON.stringify(value) : value;
	});
	const assignments = names.map((name, i) => `${name} = $${i + 2}::${settableColumns[name]}`);
	try {
		await db.query(
			`update auth.users set ${[...assignments, 'updated_at = now()'].join(', ')} where id = $1`,
			[id, ...values]
		);
	} catch (error) {
		if ((error as { code?: string }).code === '23505') throw emailExists();
		throw error;
	}
}

/** Keeps the `email` identity in step with the user's address and its confirmation. */
export async function syncEmailIdentity(
	db: Db,
	userId: string,
	fields: { email?: string; email_verified?: boolean; signedIn?: boolean }
): Promise<void> {
	const data: Metadata = {};
	if (fields.email !== undefined) data.email = fields.email;
	if (fields.email_verified !== undefined) data.email_verified = fields.email_verified;
	await db.query(
		`update auth.identities set identity_data = identity_data || $2::jsonb, updated_at = now(),
			last_sign_in_at = case when $3 then now() else last_sign_in_at end
		where user_id = $1 and provider = 'email'`,
		[userId, JSON.stringify(data), fields.signedIn ?? false]
	);
}
