/**
 * The auth settings of `supabase/config.toml` that this emulation honours, at their CLI values
 * (`[auth]`, `[auth.email]`). Fixed behaviour rather than settings: sign-up is enabled, anonymous
 * sign-ins are not, and e-mail confirmations are off (sign-ups are confirmed at once).
 */
export const authSettings = {
	audience: 'authenticated',
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
