import { error } from '@sveltejs/kit';
import type { LeadwerkClient } from '$lib/supabase/client';
import { fetchLeadCustomer } from '$lib/customers/api';
import { fetchLeadActivity } from '$lib/lead-activity/api';
import { fetchLeadAttachments } from '$lib/lead-attachments/api';
import { fetchLastContact, fetchLeadNotes } from '$lib/lead-notes/api';
import { fetchLeadSources } from '$lib/lead-sources/api';
import { fetchLeadStatuses } from '$lib/lead-statuses/api';
import { fetchLead } from '$lib/leads/api';
import { fetchOwnPermissions } from '$lib/permissions/api';
import { fetchLeadProposals } from '$lib/proposals/api';
import { fetchLeadReminders } from '$lib/reminders/api';
import { fetchLeadTasks } from '$lib/tasks/api';
import { leadTabOf, type LeadTab } from './tabs';
import type { PageServerLoad } from './$types';

/** The first view of a tab's data, rendered on the server; the client cache takes it from there. */
async function loadTab(client: LeadwerkClient, tab: LeadTab, leadId: string) {
	switch (tab) {
		case 'profile':
			return { tab, sources: await fetchLeadSources(client) } as const;
		case 'proposals':
			return { tab, proposals: await fetchLeadProposals(client, leadId) } as const;
		case 'tasks':
			return { tab, tasks: await fetchLeadTasks(client, leadId) } as const;
		case 'attachments':
			return { tab, attachments: await fetchLeadAttachments(client, leadId) } as const;
		case 'reminders':
			return { tab, reminders: await fetchLeadReminders(client, leadId) } as const;
		case 'notes':
			return { tab, notes: await fetchLeadNotes(client, leadId) } as const;
		case 'activity':
			return { tab, activity: await fetchLeadActivity(client, leadId) } as const;
	}
}

export const load: PageServerLoad = async ({ locals, params, url, untrack, parent }) => {
	const client = locals.supabase;
	const { user } = await parent();
	// Switching tabs happens in the browser (its cache loads the tab); only the first visit's tab
	// is rendered here, so the tab parameter must not re-run this load.
	const tab = leadTabOf(untrack(() => url.searchParams.get('tab')));
	const [lead, statuses, lastContact, customer, permissions, initialTab] = await Promise.all([
		fetchLead(client, params.id),
		fetchLeadStatuses(client),
		fetchLastContact(client, params.id),
		fetchLeadCustomer(client, params.id),
		fetchOwnPermissions(client, user.id),
		loadTab(client, tab, params.id)
	]);
	// A lead the user may not see is as absent as one that does not exist (RLS returns neither).
	if (!lead) error(404, 'error.notFound');
	return { lead, statuses, lastContact, customer, permissions, initialTab };
};
