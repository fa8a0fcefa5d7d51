import { createContext } from 'svelte';
import type { Locale } from './locales';
import { translate, type MessageKey, type MessageParams } from './translate';

/**
 * The current UI language and its translator. The locale follows the server's choice (cookie,
 * later `staff.language`, else Accept-Language) through layout data, so there is one source of
 * truth and a language switch only has to reload data.
 */
export class I18n {
	readonly #currentLocale: () => Locale;

	readonly locale: Locale = $derived.by(() => this.#currentLocale());

	constructor(currentLocale: () => Locale) {
		this.#currentLocale = currentLocale;
	}

	t = (key: MessageKey, params?: MessageParams): string => translate(this.locale, key, params);
}

// A context rather than a module-level store: on the server one module instance serves
// requests in different languages at the same time.
const [getI18n, setI18n] = createContext<I18n>();

export { getI18n, setI18n };
