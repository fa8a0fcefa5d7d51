import type { Customer } from '$lib/customers/schema';
import type { Lead } from '$lib/leads/schema';
import type { ProposalPrefill } from './schema';

/** An address block: street, then "ZIP city", then state and country, blank parts left out. */
function addressBlock(parts: {
	address: string | null;
	zip: string | null;
	city: string | null;
	state: string | null;
	country: string | null;
}): string | null {
	const lines = [
		parts.address,
		[parts.zip, parts.city].filter(Boolean).join(' '),
		parts.state,
		parts.country
	].filter((line): line is string => Boolean(line?.trim()));
	return lines.length ? lines.join('\n') : null;
}

/** A new proposal for a lead: its contact as recipient, its language, its assignee (or me). */
export function leadPrefill(lead: Lead, staffId: string): ProposalPrefill {
	return {
		parent: { lead_id: lead.id },
		parentName: lead.name,
		language: lead.default_language ?? 'de',
		assigned_to: lead.assigned_to ?? staffId,
		recipient_name: lead.name,
		recipient_company: lead.company,
		recipient_email: lead.email,
		recipient_address: addressBlock(lead)
	};
}

/** A new proposal for a customer: its primary contact as recipient. */
export function customerPrefill(customer: Customer, staffId: string): ProposalPrefill {
	return {
		parent: { customer_id: customer.id },
		parentName: customer.company,
		language: 'de',
		assigned_to: staffId,
		recipient_name: customer.contact_name,
		recipient_company: customer.company,
		recipient_email: customer.contact_email,
		recipient_address: addressBlock(customer)
	};
}
