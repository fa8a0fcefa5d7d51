/**
 * The auth settings of `supabase/config.toml` that this emulation honours, at their CLI values
 * (`[auth]`, `[auth.email]`).
 */
export const authSettings = {
	audience: 'authenticated',
	/** `enable_signup`. */
	signupEnabled: true,
	/** `enable_anonymous_sign_ins`. */
	anonymousSignInsEnabled: false,
	/** `[auth.email] enable_confirmations = false`: sign-ups are confirmed at once. */
	mailerAutoconfirm: true,
	/** `minimum_password_length`. */
	minimumPasswordLength: 6,
	/** `refresh_token_reuse_interval` (seconds). */
	refreshTokenReuseSeconds: 10,
	/** `[auth.email] otp_length` / `otp_expiry` (seconds). */
	otpLength: 6,
	otpExpirySeconds: 3600,
	/** How long a PKCE auth code stays exchangeable after it was issued (GoTrue's default). */
	flowStateExpirySeconds: 300,
	/** GoTrue's default instance id, which every row it writes carries. */
	instanceId: '00000000-0000-0000-0000-000000000000'
} as const;
