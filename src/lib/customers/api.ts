import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import {
	customerColumns,
	customerSchema,
	customerSummaryColumns,
	customerSummarySchema,
	leadCustomerSchema,
	type Conversion,
	type Customer,
	type CustomerSummary,
	type LeadCustomer
} from './schema';

export const customerPageSize = 25;

export interface CustomerPage {
	customers: CustomerSummary[];
	total: number;
}

/** One page of customers, newest first. A page past the end is empty rather than an error. */
export async function fetchCustomerPage(
	client: LeadwerkClient,
	page: number
): Promise<CustomerPage> {
	const from = (page - 1) * customerPageSize;
	const { data, count, error } = await client
		.from('customers')
		.select(customerSummaryColumns, { count: 'exact' })
		.order('created_at', { ascending: false })
		.order('id')
		.range(from, from + customerPageSize - 1);
	// PGRST103: the range starts after the last row.
	if (error?.code === 'PGRST103') return { customers: [], total: count ?? 0 };
	if (error) throw error;
	return { customers: z.array(customerSummarySchema).parse(data), total: count ?? 0 };
}

/** One customer, or null when it does not exist or the user may not see it. */
export async function fetchCustomer(client: LeadwerkClient, id: string): Promise<Customer | null> {
	const { data } = await client
		.from('customers')
		.select(customerColumns)
		.eq('id', id)
		.order('converted_at', { referencedTable: 'leads', ascending: false })
		.order('created_at', { referencedTable: 'notes', ascending: false })
		.maybeSingle()
		.throwOnError();
	return data === null ? null : customerSchema.parse(data);
}

/** The customer a lead was converted into, or null while it is none's. */
export async function fetchLeadCustomer(
	client: LeadwerkClient,
	leadId: string
): Promise<LeadCustomer | null> {
	const { data } = await client
		.from('customers')
		.select('id, company, leads!inner(id)')
		.eq('leads.id', leadId)
		.maybeSingle()
		.throwOnError();
	return data === null ? null : leadCustomerSchema.parse(data);
}

/** A visible customer whose contact has this e-mail address (case does not matter), if any. */
export async function findCustomerByEmail(
	client: LeadwerkClient,
	email: string
): Promise<LeadCustomer | null> {
	// LIKE without wildcards: `%` and `_` in the address match only themselves.
	const pattern = email.replace(/[\\%_]/g, (character) => `\\${character}`);
	const { data } = await client
		.from('customers')
		.select('id, company')
		.ilike('contact_email', pattern)
		.limit(1)
		.maybeSingle()
		.throwOnError();
	return data === null ? null : leadCustomerSchema.parse(data);
}

/**
 * Converts the lead (convert_lead_to_customer): creates the customer, or links the one with the
 * same contact e-mail, marks the lead converted and, if asked, copies its notes. Returns the
 * customer's id. The database refuses a second conversion (PT409).
 */
export async function convertLead(
	client: LeadwerkClient,
	leadId: string,
	{ customer, carryNotes }: Conversion
): Promise<string> {
	const { data } = await client
		.rpc('convert_lead_to_customer', {
			p_lead_id: leadId,
			p_customer: customer,
			p_carry_notes: carryNotes
		})
		.throwOnError();
	return z.guid().parse(data);
}
