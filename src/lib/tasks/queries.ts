import { queryOptions } from '@tanstack/svelte-query';
import { createSupabaseBrowserClient } from '$lib/supabase/browser';
import { fetchLeadTasks } from './api';

export const taskKeys = {
	all: ['tasks'] as const,
	forLead: (leadId: string) => ['tasks', leadId] as const
};

export function leadTasksQuery(leadId: string) {
	return queryOptions({
		queryKey: taskKeys.forLead(leadId),
		queryFn: () => fetchLeadTasks(createSupabaseBrowserClient(), leadId)
	});
}
