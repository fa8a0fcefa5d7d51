/** Sign-up, sign-in, token refresh, the signed-in user and sign-out (GoTrue's public API). */
import {
	clientInfo,
	ok,
	optionalObject,
	optionalString,
	requireUser,
	type Handler,
	type UserCaller
} from './context.ts';
import { normalizeEmail } from './email.ts';
import {
	AuthError,
	badRequest,
	invalidCredentials,
	userBanned,
	validationFailed
} from './errors.ts';
import { assertStrongPassword, hashPassword, verifyPassword } from './passwords.ts';
import type { Sessions } from './sessions.ts';
import { loadUser, signIn } from './sign-in.ts';
import { exchangeAuthCode } from './verify.ts';
import {
	findUserByEmail,
	findUserById,
	insertUser,
	isBanned,
	mergeMetadata,
	syncEmailIdentity,
	toUserJson,
	updateUserColumns,
	type Db,
	type UserPatch,
	type UserRow
} from './users.ts';

const alreadyRegistered = () =>
	new AuthError(422, 'user_already_exists', 'User already registered');

const phoneDisabled = () =>
	new AuthError(422, 'phone_provider_disabled', 'Phone signups are disabled');

/**
 * `POST /signup`. Confirmations are off (`enable_confirmations = false`), so a sign-up is
 * confirmed and signed in at once. An address that exists unconfirmed (invited, or created by an
 * admin without confirmation) is claimed by the sign-up, as GoTrue does.
 */
export const signUp: Handler = async ({ request, body }, services) => {
	const password = optionalString(body, 'password');
	if (body.email === undefined && body.phone === undefined) {
		throw new AuthError(422, 'anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
	}
	if (body.phone !== undefined) throw phoneDisabled();
	const email = normalizeEmail(body.email);
	if (!password) throw validationFailed('Signup requires a valid password');
	assertStrongPassword(password);
	const data = optionalObject(body, 'data') ?? {};
	const encryptedPassword = await hashPassword(password);

	return ok(
		await services.transaction(async (db) => {
			const existing = await findUserByEmail(db, email);
			let userId: string;
			if (existing?.email_confirmed_at) {
				throw alreadyRegistered();
			} else if (existing) {
				userId = existing.id;
				await updateUserColumns(db, userId, {
					encrypted_password: encryptedPassword,
					raw_user_meta_data: mergeMetadata(existing.raw_user_meta_data, data),
					email_confirmed_at: new Date(),
					last_sign_in_at: new Date()
				});
				await syncEmailIdentity(db, userId, { email_verified: true, signedIn: true });
			} else {
				userId = await insertUser(db, {
					email,
					encryptedPassword,
					userMetadata: data,
					appMetadata: {},
					confirmed: true,
					signedIn: true
				}).catch((error: unknown) => {
					// A concurrent sign-up with the same address won the race.
					throw error instanceof AuthError && error.code === 'email_exists'
						? alreadyRegistered()
						: error;
				});
			}
			const user = await loadUser(db, userId);
			return services.sessions.create(db, user, 'password', clientInfo(request));
		})
	);
};

const grants: Record<string, Handler> = {
	async password({ request, body }, services) {
		if (body.phone !== undefined && body.email === undefined) throw invalidCredentials();
		const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
		const password = typeof body.password === 'string' ? body.password : '';
		if (!email || !password) throw invalidCredentials();
		const user = await findUserByEmail(services.deps.authPool, email);
		if (!user || !(await verifyPassword(password, user.encrypted_password))) {
			throw invalidCredentials();
		}
		if (isBanned(user)) throw userBanned();
		if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');
		return ok(
			await services.transaction((db) => signIn(db, services, user.id, 'password', request))
		);
	},

	async refresh_token({ body }, services) {
		const token = optionalString(body, 'refresh_token');
		if (!token) throw validationFailed('refresh_token required');
		// A failed refresh may have revoked a stolen token family: commit, then report.
		const result = await services.transaction((db) => services.sessions.refresh(db, token));
		if (result instanceof AuthError) throw result;
		return ok(result);
	},

	pkce: exchangeAuthCode
};

/** `POST /token?grant_type=password|refresh_token|pkce`. */
export const token: Handler = async (input, services) => {
	const grant = grants[input.request.query.get('grant_type') ?? ''];
	if (!grant) throw validationFailed('unsupported_grant_type');
	return grant(input, services);
};

/**
 * The user behind an access token, as GoTrue's `requireAuthentication` sees it: the user must
 * still exist and not be banned, and the token's session must not have been signed out.
 */
export async function currentUser(
	db: Db,
	sessions: Sessions,
	caller: UserCaller,
	options: { lock?: boolean } = {}
): Promise<UserRow> {
	const user = await findUserById(db, caller.userId, options.lock);
	if (!user || user.deleted_at) {
		throw new AuthError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
	}
	if (caller.sessionId && !(await sessions.exists(db, caller.sessionId))) {
		throw new AuthError(
			403,
			'session_not_found',
			'Session from session_id claim in JWT does not exist'
		);
	}
	if (isBanned(user)) throw new AuthError(403, 'user_banned', 'User is banned');
	return user;
}

/** `GET /user`. */
export const getUser: Handler = async ({ request }, services) =>
	ok(
		toUserJson(await currentUser(services.deps.authPool, services.sessions, requireUser(request)))
	);

/**
 * `PUT /user`: `data` merges into user_metadata; a new password must differ from the old one; a
 * new e-mail applies at once because confirmations are off.
 */
export const updateUser: Handler = async ({ request, body }, services) => {
	const caller = requireUser(request);
	const data = optionalObject(body, 'data');
	const password = optionalString(body, 'password');
	const email =
		body.email === undefined || body.email === null ? undefined : normalizeEmail(body.email);
	if (body.phone !== undefined && body.phone !== null) throw phoneDisabled();
	if (password !== undefined) assertStrongPassword(password);

	return ok(
		await services.transaction(async (db) => {
			const user = await currentUser(db, services.sessions, caller, { lock: true });
			const patch: UserPatch = {};
			if (data) patch.raw_user_meta_data = mergeMetadata(user.raw_user_meta_data, data);
			if (password !== undefined) {
				if (await verifyPassword(password, user.encrypted_password)) {
					throw new AuthError(
						422,
						'same_password',
						'New password should be different from the old password.'
					);
				}
				patch.encrypted_password = await hashPassword(password);
			}
			if (email !== undefined && email !== user.email) {
				patch.email = email;
				patch.email_confirmed_at = new Date();
			}
			if (Object.keys(patch).length > 0) await updateUserColumns(db, user.id, patch);
			if (patch.email) await syncEmailIdentity(db, user.id, { email, email_verified: true });
			return toUserJson(await loadUser(db, user.id));
		})
	);
};

const logoutScopes = ['global', 'local', 'others'] as const;
const isLogoutScope = (value: string): value is (typeof logoutScopes)[number] =>
	(logoutScopes as readonly string[]).includes(value);

/** `POST /logout?scope=global|local|others`: ends sessions so their refresh tokens stop working. */
export const logout: Handler = async ({ request }, services) => {
	const caller = requireUser(request);
	const scope = request.query.get('scope') ?? 'global';
	if (!isLogoutScope(scope)) throw validationFailed(`Unsupported logout scope "${scope}"`);
	await services.sessions.end(services.deps.authPool, caller.userId, caller.sessionId, scope);
	return { status: 204 };
};
