import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import { staffMemberSchema, type StaffMember } from './schema';

/** Colleagues who can be assigned work: active staff, by name. */
export async function fetchActiveStaff(client: SupabaseClient): Promise<StaffMember[]> {
	const { data } = await client
		.from('staff')
		.select('id, full_name, email')
		.eq('active', true)
		.order('full_name')
		.throwOnError();
	return z.array(staffMemberSchema).parse(data);
}

/** Active colleagues who may see the lead (the only ones a reminder on it may go to), by name. */
export async function fetchLeadViewers(
	client: SupabaseClient,
	leadId: string
): Promise<StaffMember[]> {
	const [staff, viewers] = await Promise.all([
		fetchActiveStaff(client),
		client.rpc('staff_who_may_view_lead', { p_lead_id: leadId }).throwOnError()
	]);
	const viewerIds = new Set(
		z
			.array(z.object({ staff_id: z.guid() }))
			.parse(viewers.data)
			.map((row) => row.staff_id)
	);
	return staff.filter((member) => viewerIds.has(member.id));
}
