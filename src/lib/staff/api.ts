import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import { staffMemberSchema, type StaffMember } from './schema';

/** Colleagues who can be assigned work: active staff, by name. */
export async function fetchActiveStaff(client: LeadwerkClient): Promise<StaffMember[]> {
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
	client: LeadwerkClient,
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
