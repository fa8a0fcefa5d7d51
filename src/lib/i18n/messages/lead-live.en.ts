import type { leadLiveDe } from './lead-live.de';

/** English texts of the live lead page (issue 6). Terms: glossary.md. */
export const leadLiveEn: Record<keyof typeof leadLiveDe, string> = {
	'leadLive.viewers': 'Viewing this lead now',
	'leadLive.viewerSelf': '{name} (you)',
	'leadLive.typing.one': '{names} is writing a note …',
	'leadLive.typing.many': '{names} are writing a note …',
	'leadLive.changed.leads': 'A colleague changed the lead.',
	'leadLive.changed.lead_notes': 'A colleague changed the notes.',
	'leadLive.changed.lead_activity': 'New entry in the activity log.',
	'leadLive.changed.tasks': 'A colleague changed the tasks.',
	'leadLive.changed.reminders': 'A colleague changed the reminders.',
	'leadLive.changed.lead_attachments': 'A colleague changed the attachments.',
	'leadLive.changed.proposals': 'A colleague changed the proposals.',
	'leadLive.recentContact.warning': '{name} contacted this lead {when} ({at}).',
	'leadLive.recentContact.someone': 'A colleague',
	'leadLive.recentContact.question': 'Log your contact anyway?',
	'leadLive.recentContact.confirm': 'Log anyway',
	'leadLive.settings.recentContactHours': 'Ask before a repeat contact within (hours)',
	'leadLive.settings.recentContactHint':
		'Whoever logs a contact with a lead a colleague contacted within this time is asked to confirm. 0 turns the question off.',
	'leadLive.settings.recentContactInvalid': 'Please enter a whole number from 0 to 720.'
};
