/** GoTrue's admin API (service_role / secret key only): users, invites and generated links. */
import type { PoolClient } from '../db.ts';
import { apiUrl } from '../config.ts';
import { ok, optionalObject, optionalString, requireAdmin, type Handler } from './context.ts';
import { banUntil } from './duration.ts';
import { normalizeEmail } from './email.ts';
import { AuthError, emailExists, userNotFound, validationFailed } from './errors.ts';
import { actionLink, issueToken } from './one-time-tokens.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';
import { authSettings } from './settings.ts';
import { loadUser } from './sign-in.ts';
import {
	findUserByEmail,
	findUserById,
	insertUser,
	isUuid,
	listUsers,
	mergeMetadata,
	syncEmailIdentity,
	toUserJson,
	updateUserColumns,
	type Db,
	type UserPatch,
	type UserRow
} from './users.ts';
import { issueLink, mailLink, redirectOf } from './verify.ts';

/** Wraps a handler so it first checks the caller is an admin. */
const adminOnly =
	(handler: Handler): Handler =>
	(input, services) => {
		requireAdmin(input.request);
		return handler(input, services);
	};

function banDurationOf(body: Record<string, unknown>): Date | null | undefined {
	const duration = optionalString(body, 'ban_duration');
	if (duration === undefined) return undefined;
	const until = banUntil(duration);
	if (until === undefined) throw validationFailed(`invalid format for ban duration: ${duration}`);
	return until;
}

async function passwordHashOf(body: Record<string, unknown>): Promise<string | undefined> {
	const password = optionalString(body, 'password');
	if (password === undefined) return undefined;
	assertStrongPassword(password);
	return hashPassword(password);
}

function rejectPhone(body: Record<string, unknown>): void {
	if (body.phone !== undefined && body.phone !== null && body.phone !== '') {
		throw new AuthError(422, 'phone_provider_disabled', 'Phone users are not supported locally');
	}
}

/** `POST /admin/users`. */
export const createUser = adminOnly(async ({ body }, services) => {
	rejectPhone(body);
	const email = normalizeEmail(body.email);
	const encryptedPassword = (await passwordHashOf(body)) ?? '';
	const userMetadata = optionalObject(body, 'user_metadata') ?? {};
	const appMetadata = optionalObject(body, 'app_metadata') ?? {};
	const bannedUntil = banDurationOf(body);
	const role = optionalString(body, 'role');
	const id = optionalString(body, 'id');
	if (id !== undefined && !isUuid(id)) throw validationFailed('id must be a UUID');
	return ok(
		await services.transaction(async (db) => {
			if (await findUserByEmail(db, email)) throw emailExists();
			const userId = await insertUser(db, {
				id,
				email,
				encryptedPassword,
				role,
				userMetadata,
				appMetadata,
				confirmed: body.email_confirm === true,
				bannedUntil
			});
			return toUserJson(await loadUser(db, userId));
		})
	);
});

function positiveInteger(value: string | null, fallback: number): number {
	const number = Number(value);
	return value && Number.isInteger(number) && number > 0 ? number : fallback;
}

/**
 * The `Link` header of a user page as GoTrue writes it: `next` while there is one, and `last`.
 * auth-js reads the page number right after the first `=`, so `page` comes first.
 */
export function paginationLinks(page: number, perPage: number, total: number): string {
	const lastPage = Math.max(1, Math.ceil(total / perPage));
	const link = (target: number, rel: string) =>
		`<${apiUrl}/auth/v1/admin/users?page=${target}&per_page=${perPage}>; rel="${rel}"`;
	return [...(page < lastPage ? [link(page + 1, 'next')] : []), link(lastPage, 'last')].join(', ');
}

/** `GET /admin/users?page&per_page[&filter]`, newest first. */
export const listUsersHandler = adminOnly(async ({ request }, services) => {
	const page = positiveInteger(request.query.get('page'), 1);
	const perPage = positiveInteger(request.query.get('per_page'), 50);
	const { users, total } = await listUsers(services.deps.authPool, {
		limit: perPage,
		offset: (page - 1) * perPage,
		emailFilter: request.query.get('filter') ?? undefined
	});
	return {
		status: 200,
		body: { users: users.map(toUserJson), aud: authSettings.audience },
		headers: { 'x-total-count': String(total), link: paginationLinks(page, perPage, total) }
	};
});

async function existingUser(db: Db, id: string, lock = false): Promise<UserRow> {
	const user = await findUserById(db, id, lock);
	if (!user) throw userNotFound();
	return user;
}

/** `GET /admin/users/{id}`. */
export const getUserById = adminOnly(async ({ params }, services) => {
	const user = await findUserById(services.deps.authPool, params.id);
	if (!user) throw userNotFound();
	return ok(toUserJson(user));
});

/** `PUT /admin/users/{id}`: metadata merges; `ban_duration` "none" lifts a ban. */
export const updateUserById = adminOnly(async ({ params, body }, services) => {
	rejectPhone(body);
	const email = body.email === undefined ? undefined : normalizeEmail(body.email);
	const encryptedPassword = await passwordHashOf(body);
	const userMetadata = optionalObject(body, 'user_metadata');
	const appMetadata = optionalObject(body, 'app_metadata');
	const bannedUntil = banDurationOf(body);
	const role = optionalString(body, 'role');
	return ok(
		await services.transaction(async (db) => {
			const user = await existingUser(db, params.id, true);
			const patch: UserPatch = {};
			if (email !== undefined && email !== user.email) patch.email = email;
			if (encryptedPassword !== undefined) patch.encrypted_password = encryptedPassword;
			if (userMetadata)
				patch.raw_user_meta_data = mergeMetadata(user.raw_user_meta_data, userMetadata);
			if (appMetadata) patch.raw_app_meta_data = mergeMetadata(user.raw_app_meta_data, appMetadata);
			if (bannedUntil !== undefined) patch.banned_until = bannedUntil;
			if (role !== undefined) patch.role = role;
			const confirm = body.email_confirm === true && !user.email_confirmed_at;
			if (confirm) patch.email_confirmed_at = new Date();
			if (Object.keys(patch).length > 0) await updateUserColumns(db, user.id, patch);
			if (patch.email || confirm) {
				await syncEmailIdentity(db, user.id, {
					email,
					email_verified: confirm || user.email_confirmed_at !== null
				});
			}
			return toUserJson(await loadUser(db, user.id));
		})
	);
});

/**
 * `DELETE /admin/users/{id}`: removes the user (identities and sessions go with it), or with
 * `should_soft_delete` marks it deleted and signs it out everywhere.
 */
export const deleteUser = adminOnly(async ({ params, body }, services) => {
	await services.transaction(async (db) => {
		const user = await existingUser(db, params.id, true);
		if (body.should_soft_delete === true) {
			await updateUserColumns(db, user.id, {
				deleted_at: new Date(),
				encrypted_password: '',
				confirmation_token: '',
				recovery_token: ''
			});
			await db.query('delete from auth.sessions where user_id = $1', [user.id]);
			await db.query('delete from auth.one_time_tokens where user_id = $1', [user.id]);
			return;
		}
		try {
			await db.query('delete from auth.users where id = $1', [user.id]);
		} catch (error) {
			throw new AuthError(500, 'unexpected_failure', 'Database error deleting user', {}, error);
		}
	});
	return ok({});
});

/** `GET /admin/users/{id}/factors`: no MFA locally, so always none. */
export const listFactors = adminOnly(async ({ params }, services) => {
	await existingUser(services.deps.authPool, params.id);
	return ok([]);
});

/**
 * Finds the user an invite or sign-up link is for, creating it unconfirmed when new. A confirmed
 * user cannot be invited or signed up again.
 */
async function unconfirmedUser(
	db: PoolClient,
	email: string,
	fields: { data: Record<string, unknown>; encryptedPassword?: string; invited: boolean }
): Promise<UserRow> {
	const existing = await findUserByEmail(db, email);
	if (existing?.email_confirmed_at) throw emailExists();
	if (existing) {
		const patch: UserPatch = {
			raw_user_meta_data: mergeMetadata(existing.raw_user_meta_data, fields.data)
		};
		if (fields.invited) patch.invited_at = new Date();
		if (fields.encryptedPassword) patch.encrypted_password = fields.encryptedPassword;
		await updateUserColumns(db, existing.id, patch);
		return loadUser(db, existing.id);
	}
	const id = await insertUser(db, {
		email,
		encryptedPassword: fields.encryptedPassword ?? '',
		userMetadata: fields.data,
		appMetadata: {},
		confirmed: false,
		invited: fields.invited
	});
	return loadUser(db, id);
}

/** `POST /invite`: creates an invited user and mails the invite link. */
export const invite = adminOnly(async (input, services) => {
	const email = normalizeEmail(input.body.email);
	const data = optionalObject(input.body, 'data') ?? {};
	const redirectTo = redirectOf(input);
	const { link, user } = await services.transaction(async (db) => {
		const invited = await unconfirmedUser(db, email, { data, invited: true });
		const issued = await issueLink(db, invited, 'invite', redirectTo);
		return { link: issued, user: await loadUser(db, invited.id) };
	});
	await mailLink(services, link);
	return ok(toUserJson(user));
});

const linkTypes = [
	'signup',
	'invite',
	'magiclink',
	'recovery',
	'email_change_current',
	'email_change_new'
] as const;
type LinkType = (typeof linkTypes)[number];

/** Issues the token of an e-mail change link (to the current or the new address). */
async function issueEmailChangeLink(
	db: PoolClient,
	user: UserRow,
	newEmail: string,
	type: 'email_change_current' | 'email_change_new',
	redirectTo: string
) {
	if (await findUserByEmail(db, newEmail)) throw emailExists();
	const current = type === 'email_change_current';
	const issued = await issueToken(
		db,
		user.id,
		current ? 'email_change_token_current' : 'email_change_token_new',
		current ? (user.email ?? '') : newEmail,
		{ extra: { email_change: newEmail } }
	);
	return {
		otp: issued.otp,
		hashedToken: issued.hashedToken,
		actionLink: actionLink(issued.hashedToken, 'email_change', redirectTo)
	};
}

/**
 * `POST /admin/generate_link`: the link (and code) a mail would carry, without sending it. The
 * response is the user plus `action_link`, `email_otp`, `hashed_token`, `redirect_to` and
 * `verification_type`, which auth-js splits into `{user, properties}`.
 */
export const generateLink = adminOnly(async (input, services) => {
	const { body } = input;
	const type = body.type as LinkType;
	if (!linkTypes.includes(type)) throw validationFailed('Invalid email action link type requested');
	const email = normalizeEmail(body.email);
	const data = optionalObject(body, 'data') ?? {};
	const redirectTo = redirectOf({
		...input,
		body: { redirect_to: body.redirect_to ?? body.redirectTo }
	});
	const encryptedPassword = type === 'signup' ? await passwordHashOf(body) : undefined;
	if (type === 'signup' && !encryptedPassword)
		throw validationFailed('Signup requires a valid password');
	const newEmail =
		type === 'email_change_current' || type === 'email_change_new'
			? normalizeEmail(body.new_email)
			: undefined;

	return ok(
		await services.transaction(async (db) => {
			let user: UserRow;
			let link: { otp: string; hashedToken: string; actionLink: string };
			if (type === 'signup' || type === 'invite') {
				user = await unconfirmedUser(db, email, {
					data,
					encryptedPassword,
					invited: type === 'invite'
				});
				link = await issueLink(db, user, type, redirectTo);
			} else {
				const existing = await findUserByEmail(db, email);
				if (!existing) throw userNotFound();
				user = existing;
				link =
					type === 'magiclink' || type === 'recovery'
						? await issueLink(db, user, type, redirectTo)
						: await issueEmailChangeLink(db, user, newEmail ?? '', type, redirectTo);
			}
			return {
				...toUserJson(await loadUser(db, user.id)),
				action_link: link.actionLink,
				email_otp: link.otp,
				hashed_token: link.hashedToken,
				redirect_to: redirectTo,
				verification_type: type
			};
		})
	);
});
