/**
 * German texts of the live lead page (issue 6): who views and writes, colleagues' changes, the
 * double-contact question and its team setting. Kept apart from de.ts (fewer merge collisions).
 */
export const leadLiveDe = {
	'leadLive.viewers': 'Sehen sich diesen Interessenten gerade an',
	'leadLive.viewerSelf': '{name} (du)',
	'leadLive.typing.one': '{names} schreibt eine Notiz …',
	'leadLive.typing.many': '{names} schreiben eine Notiz …',
	'leadLive.changed.leads': 'Ein Kollege hat den Interessenten geändert.',
	'leadLive.changed.lead_notes': 'Ein Kollege hat die Notizen geändert.',
	'leadLive.changed.lead_activity': 'Neuer Eintrag im Aktivitätslog.',
	'leadLive.changed.tasks': 'Ein Kollege hat die Aufgaben geändert.',
	'leadLive.changed.reminders': 'Ein Kollege hat die Erinnerungen geändert.',
	'leadLive.changed.lead_attachments': 'Ein Kollege hat die Anhänge geändert.',
	'leadLive.changed.proposals': 'Ein Kollege hat die Vorschläge geändert.',
	'leadLive.recentContact.warning': '{name} hat diesen Interessenten {when} kontaktiert ({at}).',
	'leadLive.recentContact.someone': 'Ein Kollege',
	'leadLive.recentContact.question': 'Trotzdem deinen Kontakt eintragen?',
	'leadLive.recentContact.confirm': 'Trotzdem eintragen',
	'leadLive.settings.recentContactHours': 'Rückfrage bei erneutem Kontakt innerhalb von (Stunden)',
	'leadLive.settings.recentContactHint':
		'Wer einen Interessenten als kontaktiert einträgt, den ein Kollege in diesem Zeitraum kontaktiert hat, wird um Bestätigung gebeten. 0 schaltet die Rückfrage aus.',
	'leadLive.settings.recentContactInvalid': 'Bitte gib eine ganze Zahl von 0 bis 720 ein.'
};
