/**
 * E-mail one-time tokens (invite, confirmation, recovery, magic link, e-mail change) as GoTrue
 * keeps them: a 6-digit code for the mail, its hash in the users.*_token column (mirrored in
 * auth.one_time_tokens), and a link to `/verify` carrying the hash.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { apiUrl } from '../config.ts';
import { authSettings } from './settings.ts';
import { updateUserColumns, type Db, type UserPatch } from './users.ts';

export type TokenColumn =
	'confirmation_token' | 'recovery_token' | 'email_change_token_new' | 'email_change_token_current';

/** The `type` of `/verify` and `generate_link`, and which token columns it is checked against. */
export const verificationTokenColumns = {
	signup: ['confirmation_token'],
	invite: ['confirmation_token'],
	magiclink: ['recovery_token'],
	recovery: ['recovery_token'],
	email_change: ['email_change_token_new', 'email_change_token_current'],
	email: ['confirmation_token', 'recovery_token']
} as const satisfies Record<string, readonly TokenColumn[]>;

export type VerificationType = keyof typeof verificationTokenColumns;

export function isVerificationType(value: unknown): value is VerificationType {
	return typeof value === 'string' && Object.hasOwn(verificationTokenColumns, value);
}

/** When a token of each column was sent, which bounds its life to `otp_expiry`. */
export const sentAtColumn = {
	confirmation_token: 'confirmation_sent_at',
	recovery_token: 'recovery_sent_at',
	email_change_token_new: 'email_change_sent_at',
	email_change_token_current: 'email_change_sent_at'
} as const satisfies Record<TokenColumn, keyof UserPatch>;

/** Prefix of tokens whose verification continues with a PKCE code exchange. */
export const pkcePrefix = 'pkce_';

export function generateOtp(): string {
	return String(randomInt(10 ** authSettings.otpLength)).padStart(authSettings.otpLength, '0');
}

/** The hash a link carries and the database stores: hex SHA-224 of address and code. */
export function tokenHash(email: string, otp: string): string {
	return createHash('sha224')
		.update(email + otp)
		.digest('hex');
}

export interface IssuedToken {
	otp: string;
	/** What the link carries and the database stores (with the PKCE prefix when PKCE). */
	hashedToken: string;
}

/** Creates a fresh token of `column` for `email`, replacing the user's previous one. */
export async function issueToken(
	db: Db,
	userId: string,
	column: TokenColumn,
	email: string,
	options: { pkce?: boolean; extra?: UserPatch } = {}
): Promise<IssuedToken> {
	const otp = generateOtp();
	const hashedToken = (options.pkce ? pkcePrefix : '') + tokenHash(email, otp);
	await updateUserColumns(db, userId, {
		[column]: hashedToken,
		[sentAtColumn[column]]: new Date(),
		...options.extra
	});
	await db.query(
		`insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
		values ($1, $2, $3, $4, $5, now(), now())
		on conflict (user_id, token_type) do update
			set token_hash = excluded.token_hash, relates_to = excluded.relates_to, updated_at = now()`,
		[randomUUID(), userId, column, hashedToken, email]
	);
	return { otp, hashedToken };
}

export interface FoundToken {
	userId: string;
	column: TokenColumn;
	hashedToken: string;
	sentAt: Date | null;
}

/** Finds a live token of one of `columns` equal to one of `hashes` (with or without PKCE prefix). */
export async function findToken(
	db: Db,
	columns: readonly TokenColumn[],
	hashes: string[]
): Promise<FoundToken | undefined> {
	const candidates = hashes.flatMap((hash) => [hash, pkcePrefix + hash]);
	const { rows } = await db.query<{ user_id: string; token_type: TokenColumn; token_hash: string }>(
		`select user_id, token_type, token_hash from auth.one_time_tokens
		where token_type = any($1) and token_hash = any($2)
		order by updated_at desc limit 1`,
		[columns, candidates]
	);
	const found = rows[0];
	if (!found) return undefined;
	const { rows: users } = await db.query<{ sent_at: Date | null }>(
		`select ${sentAtColumn[found.token_type]} as sent_at from auth.users
		where id = $1 and ${found.token_type} = $2 and deleted_at is null for update`,
		[found.user_id, found.token_hash]
	);
	if (!users[0]) return undefined;
	return {
		userId: found.user_id,
		column: found.token_type,
		hashedToken: found.token_hash,
		sentAt: users[0].sent_at
	};
}

export function isExpired(token: FoundToken, now = Date.now()): boolean {
	return !token.sentAt || token.sentAt.getTime() + authSettings.otpExpirySeconds * 1000 < now;
}

/** A token works once: clears it in auth.users and auth.one_time_tokens. */
export async function consumeToken(db: Db, userId: string, column: TokenColumn): Promise<void> {
	await updateUserColumns(db, userId, { [column]: '' });
	await db.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [
		userId,
		column
	]);
}

/** The link in the mail: GoTrue's `/verify` endpoint, which redirects on to `redirectTo`. */
export function actionLink(
	hashedToken: string,
	type: VerificationType,
	redirectTo: string
): string {
	const query = new URLSearchParams({ token: hashedToken, type, redirect_to: redirectTo });
	return `${apiUrl}/auth/v1/verify?${query}`;
}
