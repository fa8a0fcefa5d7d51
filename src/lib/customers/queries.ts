import { keepPreviousData, queryOptions } from '@tanstack/svelte-query';
import { browser } from '$app/environment';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { fetchCustomer, fetchCustomerPage, fetchLeadCustomer, findCustomerByEmail } from './api';

export const customerKeys = {
	all: ['customers'] as const,
	page: (page: number) => ['customers', 'page', page] as const,
	detail: (id: string) => ['customers', 'detail', id] as const,
	ofLead: (leadId: string) => ['customers', 'of-lead', leadId] as const,
	byEmail: (email: string) => ['customers', 'by-email', email.toLowerCase()] as const
};

export function customerPageQuery(page: number) {
	return queryOptions({
		queryKey: customerKeys.page(page),
		queryFn: () => fetchCustomerPage(createSupabaseBrowserClient(), page),
		placeholderData: keepPreviousData
	});
}

export function customerQuery(id: string) {
	return queryOptions({
		queryKey: customerKeys.detail(id),
		queryFn: () => fetchCustomer(createSupabaseBrowserClient(), id)
	});
}

export function leadCustomerQuery(leadId: string) {
	return queryOptions({
		queryKey: customerKeys.ofLead(leadId),
		queryFn: () => fetchLeadCustomer(createSupabaseBrowserClient(), leadId)
	});
}

export function customerByEmailQuery(email: string) {
	return queryOptions({
		queryKey: customerKeys.byEmail(email),
		queryFn: () => findCustomerByEmail(createSupabaseBrowserClient(), email),
		enabled: browser && email !== ''
	});
}
