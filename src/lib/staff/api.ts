import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import { avatarRules } from '$lib/team/profile';
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

/** How long a signed avatar link lives; the query refreshes well before. */
const avatarLinkSeconds = 3600;

/** Signed links to the avatars of the given members, by staff id (members without one omitted). */
export async function fetchAvatarUrls(
	client: LeadwerkClient,
	staffIds: string[]
): Promise<Record<string, string>> {
	if (staffIds.length === 0) return {};
	const { data } = await client
		.from('staff')
		.select('id, avatar_path')
		.in('id', staffIds)
		.not('avatar_path', 'is', null)
		.throwOnError();
	const rows = z.array(z.object({ id: z.guid(), avatar_path: z.string() })).parse(data);
	if (rows.length === 0) return {};
	const { data: links, error } = await client.storage.from(avatarRules.bucket).createSignedUrls(
		rows.map((row) => row.avatar_path),
		avatarLinkSeconds
	);
	if (error) throw error;
	const urls: Record<string, string> = {};
	rows.forEach((row, index) => {
		const link = links[index];
		if (link && !link.error && link.signedUrl) urls[row.id] = link.signedUrl;
	});
	return urls;
}
