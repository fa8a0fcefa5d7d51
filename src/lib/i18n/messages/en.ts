import type { MessageKey } from '../translate';
import { leadPageEn } from './lead-page.en';

/** English UI texts; the type makes the compiler demand every German key. Terms: glossary.md. */
export const en: Record<MessageKey, string> = {
	...leadPageEn,
	'app.skipToContent': 'Skip to content',
	'nav.main': 'Main navigation',
	'nav.leads': 'Leads',
	'header.signedInAs': 'Signed in as {name}',
	'header.signOut': 'Sign out',
	'language.label': 'Language',
	'login.title': 'Sign in',
	'login.intro': 'Sign in with your e-mail address and password.',
	'login.email': 'E-mail',
	'login.password': 'Password',
	'login.submit': 'Sign in',
	'login.submitting': 'Signing in …',
	'login.error.invalidCredentials': 'Invalid e-mail or password.',
	'login.error.emailNotConfirmed': 'Your e-mail address has not been confirmed yet.',
	'login.error.userBanned': 'Your account is blocked. Please contact an administrator.',
	'login.error.unavailable': 'Signing in is not possible right now. Please try again in a moment.',
	'validation.emailRequired': 'Please enter your e-mail address.',
	'validation.emailInvalid': 'Please enter a valid e-mail address.',
	'validation.passwordRequired': 'Please enter your password.',
	'validation.invalid': 'Please check this entry.',
	'dashboard.title': 'Overview',
	'dashboard.welcome': 'Welcome, {name}',
	'leads.title': 'Leads',
	'leads.empty': 'No leads yet',
	'error.notFound': 'This page does not exist.',
	'error.unexpected': 'Something went wrong. Please try again.',
	'error.signOutFailed': 'Signing out is not possible right now. Please try again in a moment.',
	'error.backHome': 'Back to the overview'
};
