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
