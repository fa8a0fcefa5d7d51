/**
 * E-mail links and codes: `/recover`, `/otp`, `/verify` (the link target and verifyOtp), and the
 * PKCE code exchange that follows a verified link when the client started with a code challenge.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { PoolClient } from '../db.ts';
import { loadUser, signIn } from './sign-in.ts';
import { ok, optionalObject, optionalString, type AuthServices, type Handler } from './context.ts';
import { normalizeEmail } from './email.ts';
import { AuthError, badRequest, otpExpired, userBanned, validationFailed } from './errors.ts';
import { sendAuthMail, type MailKind } from './mails.ts';
import {
	actionLink,
	consumeToken,
	findToken,
	isExpired,
	isVerificationType,
	issueToken,
	pkcePrefix,
	tokenHash,
	verificationTokenColumns,
	type TokenColumn,
	type VerificationType
} from './one-time-tokens.ts';
import { resolveRedirect, withParams } from './redirect.ts';
import { authSettings } from './settings.ts';
import {
	findUserByEmail,
	insertUser,
	isBanned,
	syncEmailIdentity,
	updateUserColumns,
	type UserRow
} from './users.ts';

/** The `amr` method a session started by each kind of link gets. */
const amrMethods: Record<VerificationType, string> = {
	signup: 'email/signup',
	invite: 'invite',
	magiclink: 'magiclink',
	recovery: 'recovery',
	email_change: 'email_change',
	email: 'otp'
};

export interface CodeChallenge {
	challenge: string;
	method: 's256' | 'plain';
}

/** The PKCE parameters of a request that starts an e-mail flow, if it is a PKCE one. */
export function codeChallengeOf(body: Record<string, unknown>): CodeChallenge | undefined {
	const challenge = optionalString(body, 'code_challenge');
	const method = optionalString(body, 'code_challenge_method')?.toLowerCase();
	if (!challenge && !method) return undefined;
	if (!challenge || !method) {
		throw validationFailed('PKCE flow requires code_challenge_method and code_challenge');
	}
	if (method !== 's256' && method !== 'plain') {
		throw validationFailed(`Code challenge method "${method}" is not supported`);
	}
	return { challenge, method };
}

export function challengeMatches(challenge: CodeChallenge, verifier: string): boolean {
	const derived =
		challenge.method === 's256'
			? createHash('sha256').update(verifier).digest('base64url')
			: verifier;
	return derived === challenge.challenge;
}

/** The redirect of a request: `?redirect_to=` (auth-js) or the body's `redirect_to`. */
export function redirectOf(input: Parameters<Handler>[0]): string {
	return resolveRedirect(input.request.query.get('redirect_to') ?? input.body.redirect_to);
}

interface LinkMail {
	kind: MailKind;
	type: VerificationType;
	column: TokenColumn;
}

const linkMails = {
	signup: { kind: 'signup', type: 'signup', column: 'confirmation_token' },
	invite: { kind: 'invite', type: 'invite', column: 'confirmation_token' },
	magiclink: { kind: 'magiclink', type: 'magiclink', column: 'recovery_token' },
	recovery: { kind: 'recovery', type: 'recovery', column: 'recovery_token' }
} as const satisfies Record<string, LinkMail>;

export type LinkMailKind = keyof typeof linkMails;

/**
 * Issues a token of `kind` for the user (recording the PKCE challenge when given) and returns
 * what the mail and `generate_link` need. Runs inside the caller's transaction.
 */
export async function issueLink(
	db: PoolClient,
	user: UserRow,
	kind: LinkMailKind,
	redirectTo: string,
	codeChallenge?: CodeChallenge
) {
	const { type, column } = linkMails[kind];
	const email = user.email ?? '';
	const issued = await issueToken(db, user.id, column, email, {
		pkce: codeChallenge !== undefined
	});
	if (codeChallenge) {
		await db.query(
			`insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge,
				provider_type, created_at, updated_at, authentication_method)
			values ($1, $2, $3, $4, $5, 'email', now(), now(), $6)`,
			[
				randomUUID(),
				user.id,
				randomUUID(),
				codeChallenge.method,
				codeChallenge.challenge,
				amrMethods[type]
			]
		);
	}
	return {
		email,
		kind,
		otp: issued.otp,
		hashedToken: issued.hashedToken,
		type,
		actionLink: actionLink(issued.hashedToken, type, redirectTo),
		redirectTo
	};
}

export type IssuedLink = Awaited<ReturnType<typeof issueLink>>;

/** Mails an issued link; a failure is GoTrue's 500 "Error sending … email". */
export async function mailLink(services: AuthServices, link: IssuedLink): Promise<void> {
	try {
		await sendAuthMail(services.deps.mailer, linkMails[link.kind].kind, link.email, {
			confirmationUrl: link.actionLink,
			token: link.otp,
			email: link.email
		});
	} catch (error) {
		services.deps.log(`auth: sending ${link.kind} mail to ${link.email} failed: ${String(error)}`);
		throw new AuthError(500, 'unexpected_failure', `Error sending ${link.kind} email`, {}, error);
	}
}

/** `POST /recover`: mails a recovery link; says `{}` whether or not the address is known. */
export const recover: Handler = async (input, services) => {
	const email = normalizeEmail(input.body.email);
	const codeChallenge = codeChallengeOf(input.body);
	const redirectTo = redirectOf(input);
	const link = await services.transaction(async (db) => {
		const user = await findUserByEmail(db, email);
		return user ? issueLink(db, user, 'recovery', redirectTo, codeChallenge) : undefined;
	});
	if (link) await mailLink(services, link);
	return ok({});
};

/**
 * `POST /otp` for e-mail: a magic link (with code) for a confirmed user; an unknown address
 * becomes an unconfirmed user with a confirmation link, unless `create_user` is false.
 */
export const otp: Handler = async (input, services) => {
	if (input.body.phone !== undefined) {
		throw new AuthError(422, 'phone_provider_disabled', 'Phone signups are disabled');
	}
	const email = normalizeEmail(input.body.email);
	const createUser = input.body.create_user !== false;
	const data = optionalObject(input.body, 'data') ?? {};
	const codeChallenge = codeChallengeOf(input.body);
	const redirectTo = redirectOf(input);
	const link = await services.transaction(async (db) => {
		let user = await findUserByEmail(db, email);
		if (!user) {
			if (!createUser) throw new AuthError(422, 'otp_disabled', 'Signups not allowed for otp');
			const id = await insertUser(db, {
				email,
				encryptedPassword: '',
				userMetadata: data,
				appMetadata: {},
				confirmed: false
			});
			user = await loadUser(db, id);
		}
		const kind = user.email_confirmed_at ? 'magiclink' : 'signup';
		return issueLink(db, user, kind, redirectTo, codeChallenge);
	});
	await mailLink(services, link);
	return ok({});
};

/**
 * Checks a token of `type` and applies what it confirms: the address (sign-up, invite, magic
 * link, recovery) or the pending e-mail change. The token is used up.
 */
async function verifyToken(db: PoolClient, type: VerificationType, hashes: string[]) {
	const found = await findToken(db, verificationTokenColumns[type], hashes);
	if (!found || isExpired(found)) throw otpExpired();
	const user = await loadUser(db, found.userId);
	if (isBanned(user)) throw userBanned();
	if (found.column === 'email_change_token_new' || found.column === 'email_change_token_current') {
		// Either link completes the change (confirmations are off, so no second one is awaited).
		await consumeToken(db, user.id, 'email_change_token_new');
		await consumeToken(db, user.id, 'email_change_token_current');
		await updateUserColumns(db, user.id, { email: user.email_change, email_change: '' });
		await syncEmailIdentity(db, user.id, { email: user.email_change ?? '', email_verified: true });
	} else {
		await consumeToken(db, user.id, found.column);
		if (!user.email_confirmed_at) {
			await updateUserColumns(db, user.id, { email_confirmed_at: new Date() });
			await syncEmailIdentity(db, user.id, { email_verified: true });
		}
	}
	return { user, pkce: found.hashedToken.startsWith(pkcePrefix) };
}

/**
 * `GET /verify?token&type&redirect_to`, the link in the mail: 303 to the redirect with the session
 * in the fragment (implicit flow), or with `?code=` to exchange (PKCE flow). Failures redirect too,
 * with `error`, `error_code` and `error_description`.
 */
export const verifyLink: Handler = async ({ request }, services) => {
	const token = request.query.get('token') ?? '';
	const type = request.query.get('type');
	const redirectTo = resolveRedirect(request.query.get('redirect_to'));
	const where = token.startsWith(pkcePrefix) ? 'query' : 'hash';
	try {
		if (!token || !isVerificationType(type)) {
			throw validationFailed('Verify requires a token and a verification type');
		}
		const target = await services.transaction(async (db) => {
			const { user, pkce } = await verifyToken(db, type, [token]);
			if (pkce) {
				const { rows } = await db.query<{ auth_code: string }>(
					`update auth.flow_state set auth_code_issued_at = now(), updated_at = now()
					where id = (select id from auth.flow_state where user_id = $1 and authentication_method = $2
						order by created_at desc limit 1)
					returning auth_code`,
					[user.id, amrMethods[type]]
				);
				if (!rows[0]) throw badRequest('flow_state_not_found', 'No valid flow state found');
				return withParams(redirectTo, { code: rows[0].auth_code }, 'query');
			}
			const session = await signIn(db, services, user.id, amrMethods[type], request);
			return withParams(
				redirectTo,
				{
					access_token: session.access_token,
					expires_at: String(session.expires_at),
					expires_in: String(session.expires_in),
					refresh_token: session.refresh_token,
					token_type: session.token_type,
					type
				},
				'hash'
			);
		});
		return { redirect: target };
	} catch (error) {
		if (!(error instanceof AuthError)) throw error;
		const kind =
			error.status >= 500
				? 'server_error'
				: error.status === 403
					? 'access_denied'
					: 'invalid_request';
		const params = { error: kind, error_code: error.code, error_description: error.message };
		return { redirect: withParams(redirectTo, params, where) };
	}
};

/** `POST /verify` (verifyOtp): `{type, token_hash}` or `{type, email, token}` → a session. */
export const verifyOtp: Handler = async ({ request, body }, services) => {
	const type = body.type;
	if (!isVerificationType(type)) throw validationFailed('Verify requires a verification type');
	const hash = optionalString(body, 'token_hash');
	const code = optionalString(body, 'token');
	let hashes: string[];
	if (hash) hashes = [hash];
	else if (code && body.email !== undefined) hashes = [tokenHash(normalizeEmail(body.email), code)];
	else throw validationFailed('Verify requires either a token hash or an email and token');
	return ok(
		await services.transaction(async (db) => {
			const { user } = await verifyToken(db, type, hashes);
			return signIn(db, services, user.id, amrMethods[type], request);
		})
	);
};

/** `POST /token?grant_type=pkce`: trades the code from a verified link for a session. */
export const exchangeAuthCode: Handler = async ({ request, body }, services) => {
	const authCode = optionalString(body, 'auth_code');
	const verifier = optionalString(body, 'code_verifier');
	if (!authCode || !verifier) {
		throw validationFailed('invalid request: both auth code and code verifier should be non-empty');
	}
	return ok(
		await services.transaction(async (db) => {
			const { rows } = await db.query<{
				id: string;
				user_id: string;
				code_challenge: string;
				code_challenge_method: 's256' | 'plain';
				authentication_method: string;
				issued_at: Date;
			}>(
				`select id, user_id, code_challenge, code_challenge_method, authentication_method,
					coalesce(auth_code_issued_at, created_at) as issued_at
				from auth.flow_state where auth_code = $1 for update`,
				[authCode]
			);
			const flow = rows[0];
			if (!flow?.user_id) {
				throw new AuthError(
					404,
					'flow_state_not_found',
					'invalid flow state, no valid flow state found'
				);
			}
			const expiresAt = flow.issued_at.getTime() + authSettings.flowStateExpirySeconds * 1000;
			if (expiresAt < Date.now()) {
				throw badRequest('flow_state_expired', 'invalid flow state, flow state has expired');
			}
			const challenge = { challenge: flow.code_challenge, method: flow.code_challenge_method };
			if (!challengeMatches(challenge, verifier)) {
				throw badRequest(
					'bad_code_verifier',
					'code challenge does not match previously saved code verifier'
				);
			}
			await db.query('delete from auth.flow_state where id = $1', [flow.id]);
			return signIn(db, services, flow.user_id, flow.authentication_method, request);
		})
	);
};
