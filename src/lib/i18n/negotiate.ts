import { defaultLocale, isLocale, type Locale } from './locales';

/**
 * Picks the UI language from an `Accept-Language` header (RFC 9110 §12.5.4): the supported
 * language with the highest weight wins, and German wins ties, wildcards and headers that name
 * neither, so English is chosen only when the browser clearly prefers it.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
	let best: { locale: Locale; weight: number } | undefined;
	for (const { locale, weight } of parseAcceptLanguage(acceptLanguage ?? '')) {
		if (weight <= 0) continue;
		const isBetter =
			!best || weight > best.weight || (weight === best.weight && locale === defaultLocale);
		if (isBetter) best = { locale, weight };
	}
	return best?.locale ?? defaultLocale;
}

function* parseAcceptLanguage(header: string): Generator<{ locale: Locale; weight: number }> {
	for (const entry of header.split(',')) {
		const [range, ...params] = entry.trim().split(';');
		const primary = range.trim().split('-')[0].toLowerCase();
		if (!isLocale(primary)) continue;
		yield { locale: primary, weight: parseWeight(params) };
	}
}

function parseWeight(params: string[]): number {
	for (const param of params) {
		const [name, value] = param.split('=').map((part) => part.trim());
		if (name.toLowerCase() !== 'q') continue;
		const weight = Number(value);
		return Number.isFinite(weight) && weight >= 0 && weight <= 1 ? weight : 0;
	}
	return 1;
}
