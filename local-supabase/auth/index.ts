/**
 * A GoTrue-compatible auth service (supabase-protocols.md §3) for unmodified supabase-js: it
 * reads and writes the auth schema as supabase_auth_admin, so app triggers on auth.users fire.
 */
import { withTransaction, type PoolClient } from '../db.ts';
import type { ServiceDeps } from '../deps.ts';
import { sendJson, type Service, type ServiceRequest } from '../http.ts';
import { getUser, logout, signUp, token, updateUser } from './account.ts';
import {
	createUser,
	deleteUser,
	generateLink,
	getUserById,
	invite,
	listFactors,
	listUsersHandler,
	updateUserById
} from './admin.ts';
import { ok, type AuthServices, type Handler, type Reply } from './context.ts';
import { AuthError } from './errors.ts';
import { Sessions } from './sessions.ts';
import { otp, recover, verifyLink, verifyOtp } from './verify.ts';

const settings = {
	external: {
		anonymous_users: false,
		email: true,
		phone: false,
		apple: false,
		azure: false,
		bitbucket: false,
		discord: false,
		facebook: false,
		figma: false,
		github: false,
		gitlab: false,
		google: false,
		keycloak: false,
		kakao: false,
		linkedin_oidc: false,
		notion: false,
		slack_oidc: false,
		spotify: false,
		twitch: false,
		twitter: false,
		workos: false,
		zoom: false
	},
	disable_signup: false,
	mailer_autoconfirm: true,
	phone_autoconfirm: false,
	sms_provider: '',
	saml_enabled: false
};

const routes: Array<{ method: string; pattern: RegExp; handler: Handler }> = [
	{ method: 'GET', pattern: /^\/health$/, handler: async () => ok(health) },
	{ method: 'GET', pattern: /^\/settings$/, handler: async () => ok(settings) },
	// Only HS256 (a shared secret) signs locally, and symmetric keys are never published.
	{ method: 'GET', pattern: /^\/\.well-known\/jwks\.json$/, handler: async () => ok({ keys: [] }) },
	{ method: 'POST', pattern: /^\/signup$/, handler: signUp },
	{ method: 'POST', pattern: /^\/token$/, handler: token },
	{ method: 'GET', pattern: /^\/user$/, handler: getUser },
	{ method: 'PUT', pattern: /^\/user$/, handler: updateUser },
	{ method: 'POST', pattern: /^\/logout$/, handler: logout },
	{ method: 'POST', pattern: /^\/recover$/, handler: recover },
	{ method: 'POST', pattern: /^\/otp$/, handler: otp },
	{ method: 'GET', pattern: /^\/verify$/, handler: verifyLink },
	{ method: 'POST', pattern: /^\/verify$/, handler: verifyOtp },
	{ method: 'POST', pattern: /^\/invite$/, handler: invite },
	{ method: 'GET', pattern: /^\/admin\/users$/, handler: listUsersHandler },
	{ method: 'POST', pattern: /^\/admin\/users$/, handler: createUser },
	{ method: 'GET', pattern: /^\/admin\/users\/(?<id>[^/]+)$/, handler: getUserById },
	{ method: 'PUT', pattern: /^\/admin\/users\/(?<id>[^/]+)$/, handler: updateUserById },
	{ method: 'DELETE', pattern: /^\/admin\/users\/(?<id>[^/]+)$/, handler: deleteUser },
	{ method: 'GET', pattern: /^\/admin\/users\/(?<id>[^/]+)\/factors$/, handler: listFactors },
	{ method: 'POST', pattern: /^\/admin\/generate_link$/, handler: generateLink }
];

const health = {
	version: 'v2.189.0-local',
	name: 'GoTrue',
	description: 'GoTrue is a user registration and authentication API'
};

/** The first API version with `{code, message}` errors; older clients get GoTrue's legacy shape. */
const errorCodesVersion = '2024-01-01';

/** The `X-Supabase-Api-Version` the client asked for, when it is a date. */
function requestedApiVersion(request: ServiceRequest): string | undefined {
	const value = request.headers['x-supabase-api-version'];
	const version = Array.isArray(value) ? value[0] : value;
	return version && /^\d{4}-\d{2}-\d{2}$/.test(version) ? version : undefined;
}

export function errorBody(
	error: AuthError,
	apiVersion: string | undefined
): Record<string, unknown> {
	return apiVersion && apiVersion >= errorCodesVersion
		? { code: error.code, message: error.message, ...error.extra }
		: { code: error.status, error_code: error.code, msg: error.message, ...error.extra };
}

async function parseBody(request: ServiceRequest): Promise<Record<string, unknown>> {
	const raw = await request.body();
	if (raw.length === 0) return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw.toString('utf8'));
	} catch (error) {
		throw new AuthError(
			400,
			'bad_json',
			`Could not parse request body as JSON: ${(error as Error).message}`
		);
	}
	return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
		? (parsed as Record<string, unknown>)
		: {};
}

function send(request: ServiceRequest, reply: Reply, apiVersion: string | undefined): void {
	const versionHeader: Record<string, string> = apiVersion
		? { 'x-supabase-api-version': apiVersion }
		: {};
	if ('redirect' in reply) {
		request.res.writeHead(303, { location: reply.redirect, ...versionHeader });
		request.res.end();
		return;
	}
	sendJson(request.res, reply.status, reply.body, { ...versionHeader, ...reply.headers });
}

/** Whether auth.mfa_amr_claims exists in this database (see Sessions). */
async function hasAmrTable(deps: ServiceDeps): Promise<boolean> {
	const { rows } = await deps.authPool.query<{ present: boolean }>(
		`select to_regclass('auth.mfa_amr_claims') is not null as present`
	);
	if (!rows[0].present) {
		deps.log(
			'auth: auth.mfa_amr_claims is missing; refreshed access tokens will have an empty amr'
		);
	}
	return rows[0].present;
}

export async function createAuthService(deps: ServiceDeps): Promise<Service> {
	const services: AuthServices = {
		deps,
		sessions: new Sessions(await hasAmrTable(deps)),
		transaction: <T>(fn: (db: PoolClient) => Promise<T>) => withTransaction(deps.authPool, fn)
	};

	return {
		async handle(request) {
			const apiVersion = requestedApiVersion(request);
			const route = routes.find(
				(candidate) => candidate.method === request.method && candidate.pattern.test(request.path)
			);
			try {
				if (!route) throw new AuthError(404, 'not_found', 'Not Found');
				const params = route.pattern.exec(request.path)?.groups ?? {};
				const body = request.method === 'GET' ? {} : await parseBody(request);
				send(request, await route.handler({ request, body, params }, services), apiVersion);
			} catch (error) {
				const authError =
					error instanceof AuthError
						? error
						: new AuthError(500, 'unexpected_failure', 'Unexpected failure', {}, error);
				if (authError.status >= 500) {
					const cause =
						authError.cause instanceof Error ? authError.cause.stack : String(authError.cause);
					deps.log(
						`auth: ${request.method} ${request.path} failed: ${authError.message}: ${cause}`
					);
				}
				send(
					request,
					{ status: authError.status, body: errorBody(authError, apiVersion) },
					apiVersion
				);
			}
		}
	};
}
