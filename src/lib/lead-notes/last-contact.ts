import type { Locale } from '$lib/i18n/locales';
import { translate } from '$lib/i18n/translate';
import { formatRelativeTime } from '$lib/leads/format';
import type { LastContact } from './schema';

/**
 * The header's contact line: "Letzter Kontakt: vor 2 Stunden durch Lea Leitner". The contact
 * log names who; a lead whose last contact came without a note (say, imported) names only when.
 */
export function describeLastContact(
	lastContact: LastContact | null,
	leadLastContactAt: string | null,
	now: Date,
	locale: Locale
): { at?: string; text: string } {
	const at = lastContact?.contacted_at ?? leadLastContactAt;
	if (!at) return { text: translate(locale, 'leadPage.noContact') };
	const when = formatRelativeTime(locale, at, now);
	const name = lastContact?.author?.full_name;
	return {
		at,
		text: name
			? translate(locale, 'leadPage.lastContact', { when, name })
			: translate(locale, 'leadPage.lastContactAnonymous', { when })
	};
}
