/** The e-mails auth sends, worded like GoTrue's default templates. */
import { siteUrl } from '../config.ts';
import type { Mailer } from '../deps.ts';
import { escapeHtml } from '../html.ts';

export type MailKind = 'signup' | 'invite' | 'magiclink' | 'recovery' | 'email_change';

export interface MailContext {
	/** The `/verify` link. */
	confirmationUrl: string;
	/** The one-time code, for typing in instead of following the link. */
	token: string;
	email: string;
	newEmail?: string;
}

const wording: Record<
	MailKind,
	(context: MailContext) => { subject: string; lead: string; action: string }
> = {
	signup: () => ({
		subject: 'Confirm Your Signup',
		lead: 'Follow this link to confirm your user:',
		action: 'Confirm your mail'
	}),
	invite: () => ({
		subject: 'You have been invited',
		lead: `You have been invited to create a user on ${siteUrl}. Follow this link to accept the invite:`,
		action: 'Accept the invite'
	}),
	magiclink: () => ({
		subject: 'Your Magic Link',
		lead: 'Follow this link to log in:',
		action: 'Log In'
	}),
	recovery: () => ({
		subject: 'Reset Your Password',
		lead: 'Follow this link to reset the password for your user:',
		action: 'Reset Password'
	}),
	email_change: (context) => ({
		subject: 'Confirm Email Change',
		lead: `Follow this link to confirm the update of your email from ${context.email} to ${context.newEmail ?? ''}:`,
		action: 'Change Email'
	})
};

export function renderMail(kind: MailKind, context: MailContext) {
	const { subject, lead, action } = wording[kind](context);
	const html =
		`<h2>${escapeHtml(subject)}</h2>\n<p>${escapeHtml(lead)}</p>\n` +
		`<p><a href="${escapeHtml(context.confirmationUrl)}">${escapeHtml(action)}</a></p>\n` +
		`<p>Alternatively, enter the code: ${escapeHtml(context.token)}</p>\n`;
	const text = `${lead}\n\n${context.confirmationUrl}\n\nAlternatively, enter the code: ${context.token}\n`;
	return { subject, html, text };
}

export async function sendAuthMail(
	mailer: Mailer,
	kind: MailKind,
	to: string,
	context: MailContext
): Promise<void> {
	await mailer.send({ to, ...renderMail(kind, context) });
}
