/**
 * GoTrue's error model: an HTTP status plus a stable `error_code` that auth-js turns into
 * `AuthApiError.code` (supabase-protocols.md §3).
 */
export class AuthError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		/** Extra top-level fields, e.g. `weak_password: {reasons}`. */
		readonly extra: Record<string, unknown> = {},
		/** What went wrong underneath, for the log (never sent to the client). */
		cause?: unknown
	) {
		super(message, { cause });
	}
}

export const badRequest = (code: string, message: string) => new AuthError(400, code, message);
export const validationFailed = (message: string) => badRequest('validation_failed', message);

export const invalidCredentials = () =>
	badRequest('invalid_credentials', 'Invalid login credentials');
export const userBanned = () => badRequest('user_banned', 'User is banned');
export const userNotFound = () => new AuthError(404, 'user_not_found', 'User not found');
export const emailExists = () =>
	new AuthError(422, 'email_exists', 'A user with this email address has already been registered');
export const otpExpired = () =>
	new AuthError(403, 'otp_expired', 'Email link is invalid or has expired');
export const weakPassword = (minimumLength: number) =>
	new AuthError(422, 'weak_password', `Password should be at least ${minimumLength} characters.`, {
		weak_password: { reasons: ['length'] }
	});
