import type { MessageKey } from '$lib/i18n/translate';
import type { LeadField } from './schema';

/** The label of each form field (glossary.md terms). */
export const leadFieldLabels: Record<LeadField, MessageKey> = {
	name: 'lead.field.name',
	position: 'lead.field.position',
	company: 'lead.field.company',
	email: 'lead.field.email',
	phone: 'lead.field.phone',
	website: 'lead.field.website',
	address: 'lead.field.address',
	city: 'lead.field.city',
	state: 'lead.field.state',
	zip: 'lead.field.zip',
	country: 'lead.field.country',
	default_language: 'lead.field.defaultLanguage',
	description: 'lead.field.description',
	value: 'lead.field.value',
	tags: 'lead.field.tags',
	status_id: 'lead.field.status',
	source_id: 'lead.field.source',
	assigned_to: 'lead.field.assignedTo',
	is_public: 'lead.field.isPublic'
};
