import type { MessageKey } from '$lib/i18n/translate';

/** The lead page's tabs in the order of the specification (seed-leads-guide.de.txt). */
export const leadTabs = [
	'profile',
	'proposals',
	'tasks',
	'attachments',
	'reminders',
	'notes',
	'activity'
] as const;

export type LeadTab = (typeof leadTabs)[number];

export const leadTabLabels: Record<LeadTab, MessageKey> = {
	profile: 'lead.profile',
	proposals: 'leadPage.tab.proposals',
	tasks: 'leadPage.tab.tasks',
	attachments: 'leadPage.tab.attachments',
	reminders: 'leadPage.tab.reminders',
	notes: 'leadPage.tab.notes',
	activity: 'leadPage.tab.activity'
};

/** The tab a `?tab=` parameter names; the profile for none or an unknown one. */
export function leadTabOf(value: string | null): LeadTab {
	return (leadTabs as readonly string[]).includes(value ?? '') ? (value as LeadTab) : 'profile';
}

/** The tables whose broadcast changes show in each tab (for marking colleagues' changes). */
export const tabTables: Record<LeadTab, readonly string[]> = {
	profile: ['leads'],
	proposals: ['proposals'],
	tasks: ['tasks', 'task_assignees'],
	attachments: ['lead_attachments'],
	reminders: ['reminders'],
	notes: ['lead_notes'],
	activity: ['lead_activity']
};
