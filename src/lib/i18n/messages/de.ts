import { leadPageDe } from './lead-page.de';

/** German UI texts, the reference dictionary: its keys are the message keys. Terms: glossary.md. */
export const de = {
	// The lead page, conversion and customers live in their own file (fewer merge collisions).
	...leadPageDe,
	'app.skipToContent': 'Zum Inhalt springen',
	'nav.main': 'Hauptnavigation',
	'nav.leads': 'Leads',
	'header.signedInAs': 'Angemeldet als {name}',
	'header.signOut': 'Abmelden',
	'language.label': 'Sprache',
	'login.title': 'Anmelden',
	'login.intro': 'Melde dich mit deiner E-Mail-Adresse und deinem Passwort an.',
	'login.email': 'E-Mail',
	'login.password': 'Passwort',
	'login.submit': 'Anmelden',
	'login.submitting': 'Anmeldung läuft …',
	'login.error.invalidCredentials': 'E-Mail oder Passwort ist falsch.',
	'login.error.emailNotConfirmed': 'Deine E-Mail-Adresse ist noch nicht bestätigt.',
	'login.error.userBanned': 'Dein Zugang ist gesperrt. Wende dich an einen Administrator.',
	'login.error.unavailable':
		'Die Anmeldung ist gerade nicht möglich. Bitte versuche es in einem Moment erneut.',
	'validation.emailRequired': 'Bitte gib deine E-Mail-Adresse ein.',
	'validation.emailInvalid': 'Bitte gib eine gültige E-Mail-Adresse ein.',
	'validation.passwordRequired': 'Bitte gib dein Passwort ein.',
	'validation.invalid': 'Bitte überprüfe diese Eingabe.',
	'dashboard.title': 'Übersicht',
	'dashboard.welcome': 'Willkommen, {name}',
	'leads.title': 'Leads',
	'leads.empty': 'Noch keine Interessenten',
	'error.notFound': 'Diese Seite gibt es nicht.',
	'error.unexpected': 'Etwas ist schiefgelaufen. Bitte versuche es erneut.',
	'error.signOutFailed':
		'Abmelden ist gerade nicht möglich. Bitte versuche es in einem Moment erneut.',
	'error.backHome': 'Zur Übersicht'
} as const;
