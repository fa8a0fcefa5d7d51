import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { managesStaff } = await parent();
	if (!managesStaff) error(403, 'forbidden');
};
