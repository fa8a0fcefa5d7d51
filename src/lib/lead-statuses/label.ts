import type { MessageKey } from '$lib/i18n/translate';
import type { LeadStatus } from './schema';

const builtInLabels: Record<string, MessageKey> = {
	cold: 'leadStatus.cold',
	hot: 'leadStatus.hot',
	customer: 'leadStatus.customer'
};

/**
 * The status's name in the UI language: built-in statuses have glossary terms, statuses an
 * administrator added keep the name they were given.
 */
export function leadStatusLabel(
	status: Pick<LeadStatus, 'key' | 'name'>,
	t: (key: MessageKey) => string
): string {
	const key = status.key === null ? undefined : builtInLabels[status.key];
	return key ? t(key) : status.name;
}
