import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { fetchCustomer } from '$lib/customers/api';
import { fetchLead } from '$lib/leads/api';
import { customerPrefill, leadPrefill } from '$lib/proposals/prefill';
import type { PageServerLoad } from './$types';

/** A new proposal starts from its lead (`?lead=<id>`) or customer (`?customer=<id>`). */
export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const { user } = await parent();
	const leadId = z.guid().safeParse(url.searchParams.get('lead'));
	const customerId = z.guid().safeParse(url.searchParams.get('customer'));
	if (leadId.success) {
		const lead = await fetchLead(locals.supabase, leadId.data);
		if (lead) return { prefill: leadPrefill(lead, user.id) };
	} else if (customerId.success) {
		const customer = await fetchCustomer(locals.supabase, customerId.data);
		if (customer) return { prefill: customerPrefill(customer, user.id) };
	}
	error(404, 'proposals.editor.needsParent');
};
