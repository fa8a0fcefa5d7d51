import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// Lead settings need settings.manage; staff managers without it start at the staff list.
export const load: PageServerLoad = async ({ parent }) => {
	const { managesSettings } = await parent();
	if (!managesSettings) redirect(307, '/settings/staff');
};
