import { error } from '@sveltejs/kit';
import { fetchCustomer } from '$lib/customers/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const customer = await fetchCustomer(locals.supabase, params.id);
	// A customer the user may not see is as absent as one that does not exist.
	if (!customer) error(404, 'error.notFound');
	return { customer };
};
