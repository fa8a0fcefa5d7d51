import { fetchCustomerPage } from '$lib/customers/api';
import type { PageServerLoad } from './$types';

/** `?page=` as a whole number from 1; anything else is the first page. */
function pageOf(value: string | null): number {
	const page = Number(value);
	return Number.isInteger(page) && page >= 1 ? page : 1;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const page = pageOf(url.searchParams.get('page'));
	return { page, customerPage: await fetchCustomerPage(locals.supabase, page) };
};
