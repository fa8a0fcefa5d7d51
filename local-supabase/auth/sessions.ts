/**
 * Sessions, rotating refresh tokens and access tokens, as GoTrue keeps them in auth.sessions,
 * auth.refresh_tokens and auth.mfa_amr_claims (how each session was authenticated).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { jwtExpirySeconds, jwtIssuer, jwtSecret } from '../config.ts';
import type { PoolClient } from '../db.ts';
import { signJwt, type Claims } from '../jwt.ts';
import { AuthError, badRequest, userBanned } from './errors.ts';
import { authSettings } from './settings.ts';
import { findUserById, isBanned, toUserJson, type Db, type UserRow } from './users.ts';

/** An `amr` entry: how and when the session was authenticated (RFC 8176 style). */
export interface AmrEntry {
	method: string;
	timestamp: number;
}

/** Where a request came from, recorded on the session like GoTrue does. */
export interface ClientInfo {
	userAgent: string | null;
	ip: string | null;
}

const refreshTokenAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** GoTrue's refresh tokens are short random strings, not JWTs. */
export function randomRefreshToken(length = 12): string {
	let token = '';
	for (let i = 0; i < length; i++)
		token += refreshTokenAlphabet[randomInt(refreshTokenAlphabet.length)];
	return token;
}

/** The access token claims GoTrue issues (internal/tokens/service.go), in its order. */
export function accessTokenClaims(
	user: UserRow,
	sessionId: string,
	amr: AmrEntry[],
	issuedAt: number
): Claims {
	return {
		iss: jwtIssuer,
		sub: user.id,
		aud: user.aud || authSettings.audience,
		exp: issuedAt + jwtExpirySeconds,
		iat: issuedAt,
		email: user.email ?? '',
		phone: user.phone ?? '',
		app_metadata: user.raw_app_meta_data ?? {},
		user_metadata: user.raw_user_meta_data ?? {},
		role: user.role || 'authenticated',
		aal: 'aal1',
		amr,
		session_id: sessionId,
		is_anonymous: user.is_anonymous
	};
}

export function sessionJson(
	user: UserRow,
	sessionId: string,
	refreshToken: string,
	amr: AmrEntry[]
) {
	const issuedAt = Math.floor(Date.now() / 1000);
	return {
		access_token: signJwt(accessTokenClaims(user, sessionId, amr, issuedAt), jwtSecret),
		token_type: 'bearer',
		expires_in: jwtExpirySeconds,
		expires_at: issuedAt + jwtExpirySeconds,
		refresh_token: refreshToken,
		user: toUserJson(user)
	};
}

export type SessionJson = ReturnType<typeof sessionJson>;

const refreshTokenNotFound = () =>
	badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
const refreshTokenAlreadyUsed = () =>
	badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used');

export class Sessions {
	/**
	 * @param amrTable whether auth.mfa_amr_claims exists; without it a refreshed token cannot
	 *   repeat how the session signed in and carries an empty `amr`.
	 */
	constructor(private readonly amrTable: boolean) {}

	/** Starts a session for a user who just authenticated with `method` (e.g. "password"). */
	async create(
		db: PoolClient,
		user: UserRow,
		method: string,
		client: ClientInfo
	): Promise<SessionJson> {
		const sessionId = randomUUID();
		// The amr timestamp is the session's start, as the refreshed tokens will report it.
		const { rows } = await db.query<{ started: number }>(
			`insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
			values ($1, $2, now(), now(), 'aal1', $3, $4::inet)
			returning floor(extract(epoch from created_at))::int as started`,
			[sessionId, user.id, client.userAgent, client.ip]
		);
		if (this.amrTable) {
			await db.query(
				`insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
				values ($1, $2, now(), now(), $3)`,
				[randomUUID(), sessionId, method]
			);
		}
		const refreshToken = await this.insertRefreshToken(db, user.id, sessionId, null);
		const amr = [{ method, timestamp: rows[0].started }];
		return sessionJson(user, sessionId, refreshToken, amr);
	}

	/**
	 * Rotates a refresh token. A token revoked less than `refresh_token_reuse_interval` ago yields
	 * the session's current token again (parallel tabs refreshing at once); an older revoked token
	 * is treated as stolen: the session's tokens are revoked. That revocation must be committed,
	 * so failures are returned, not thrown.
	 */
	async refresh(db: PoolClient, token: string): Promise<SessionJson | AuthError> {
		const { rows } = await db.query<{
			id: string;
			token: string;
			user_id: string;
			revoked: boolean;
			updated_at: Date;
			session_id: string;
			not_after: Date | null;
		}>(
			`select rt.id, rt.token, rt.user_id, rt.revoked, rt.updated_at, rt.session_id, s.not_after
			from auth.refresh_tokens rt join auth.sessions s on s.id = rt.session_id
			where rt.token = $1 for update of rt`,
			[token]
		);
		const current = rows[0];
		if (!current) return refreshTokenNotFound();
		const user = await findUserById(db, current.user_id);
		if (!user || user.deleted_at) return refreshTokenNotFound();
		if (isBanned(user)) return userBanned();
		if (current.not_after && current.not_after.getTime() < Date.now()) {
			return badRequest('session_expired', 'Invalid Refresh Token: Session Expired');
		}
		const amr = await this.amrOf(db, current.session_id);

		if (current.revoked) {
			const reuseDeadline =
				current.updated_at.getTime() + authSettings.refreshTokenReuseSeconds * 1000;
			const { rows: active } = await db.query<{ token: string }>(
				`select token from auth.refresh_tokens where session_id = $1 and not revoked
				order by id desc limit 1`,
				[current.session_id]
			);
			if (active[0] && Date.now() <= reuseDeadline) {
				return sessionJson(user, current.session_id, active[0].token, amr);
			}
			await db.query(
				`update auth.refresh_tokens set revoked = true, updated_at = now()
				where session_id = $1 and not revoked`,
				[current.session_id]
			);
			return refreshTokenAlreadyUsed();
		}

		await db.query(
			`update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1`,
			[current.id]
		);
		const next = await this.insertRefreshToken(db, user.id, current.session_id, current.token);
		await db.query(
			`update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1`,
			[current.session_id]
		);
		return sessionJson(user, current.session_id, next, amr);
	}

	async exists(db: Db, sessionId: string): Promise<boolean> {
		const { rowCount } = await db.query('select 1 from auth.sessions where id = $1', [sessionId]);
		return rowCount === 1;
	}

	/** Sign-out: `global` ends every session of the user, `local` this one, `others` the rest. */
	async end(
		db: Db,
		userId: string,
		sessionId: string | undefined,
		scope: 'global' | 'local' | 'others'
	) {
		if (scope === 'global') {
			await db.query('delete from auth.sessions where user_id = $1', [userId]);
		} else if (sessionId) {
			const operator = scope === 'local' ? '=' : '<>';
			await db.query(`delete from auth.sessions where user_id = $1 and id ${operator} $2`, [
				userId,
				sessionId
			]);
		}
	}

	private async amrOf(db: Db, sessionId: string): Promise<AmrEntry[]> {
		if (!this.amrTable) return [];
		const { rows } = await db.query<{ method: string; timestamp: number }>(
			`select authentication_method as method, floor(extract(epoch from created_at))::int as timestamp
			from auth.mfa_amr_claims where session_id = $1 order by created_at desc`,
			[sessionId]
		);
		return rows;
	}

	private async insertRefreshToken(
		db: Db,
		userId: string,
		sessionId: string,
		parent: string | null
	): Promise<string> {
		const token = randomRefreshToken();
		await db.query(
			`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at,
				parent, session_id)
			values ($1, $2, $3, false, now(), now(), $4, $5)`,
			[authSettings.instanceId, token, userId, parent, sessionId]
		);
		return token;
	}
}
