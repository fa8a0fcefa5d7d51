/** The lead form's schema: what it stores, and the message keys it reports at each field. */
import { describe, expect, it } from 'vitest';
import { fieldMessages } from '../../src/lib/leads/field-messages.ts';
import {
	leadFormSchema,
	leadFormValues,
	parseDecimal,
	splitTags,
	type LeadField,
	type LeadFormValues
} from '../../src/lib/leads/schema.ts';

const statusId = 'd86c44f1-e361-4b42-b84b-22a8f31de32f';
const form = (changes: Partial<LeadFormValues>): LeadFormValues =>
	leadFormValues(undefined, { name: 'Thomas Berger', status_id: statusId, ...changes });

function messagesOf(values: LeadFormValues, locale: 'de' | 'en' = 'de') {
	const parsed = leadFormSchema(locale).safeParse(values);
	if (parsed.success) return {};
	return fieldMessages<LeadField>(parsed.error);
}

describe('leadFormSchema', () => {
	it('stores empty optional fields as null and trims what was typed', () => {
		const parsed = leadFormSchema('de').parse(
			form({ name: '  Thomas Berger ', company: ' Berger GmbH ', email: '', value: '' })
		);
		expect(parsed).toMatchObject({
			name: 'Thomas Berger',
			company: 'Berger GmbH',
			email: null,
			phone: null,
			website: null,
			default_language: null,
			value: null,
			tags: [],
			source_id: null,
			assigned_to: null,
			is_public: false
		});
	});

	it('reports a missing name and an invalid e-mail at their fields', () => {
		expect(messagesOf(form({ name: '   ', email: 'max@' }))).toEqual({
			name: { key: 'validation.lead.nameRequired' },
			email: { key: 'validation.emailInvalid' }
		});
	});

	it('names the limit a too long text broke', () => {
		expect(messagesOf(form({ name: 'x'.repeat(201), zip: '1'.repeat(21) }))).toEqual({
			name: { key: 'validation.tooLong', params: { max: 200 } },
			zip: { key: 'validation.tooLong', params: { max: 20 } }
		});
	});

	it('accepts e-mail addresses the database accepts and refuses those it refuses', () => {
		expect(messagesOf(form({ email: "o'neil+crm@mail.example.co" }))).toEqual({});
		for (const email of ['a..b@example.com', '.a@example.com', 'a.@example.com', 'a@example']) {
			expect(messagesOf(form({ email })), email).toEqual({
				email: { key: 'validation.emailInvalid' }
			});
		}
	});

	it('completes a web address without scheme and refuses one without a dotted host', () => {
		expect(leadFormSchema('de').parse(form({ website: 'berger.example' })).website).toBe(
			'https://berger.example'
		);
		expect(messagesOf(form({ website: 'http://localhost' }))).toEqual({
			website: { key: 'validation.lead.websiteInvalid' }
		});
	});

	it('reads the value in the notation of the UI language', () => {
		expect(leadFormSchema('de').parse(form({ value: '12.500,50' })).value).toBe(12500.5);
		expect(leadFormSchema('en').parse(form({ value: '12,500.50' })).value).toBe(12500.5);
		expect(messagesOf(form({ value: 'zwölf' }))).toEqual({
			value: { key: 'validation.lead.valueInvalid' }
		});
		expect(messagesOf(form({ value: '1,005' }))).toEqual({
			value: { key: 'validation.lead.valueDecimals' }
		});
		expect(messagesOf(form({ value: '1000000000000' }))).toEqual({
			value: { key: 'validation.lead.valueTooLarge', params: { max: 999_999_999_999.99 } }
		});
	});

	it('splits tags at commas and holds them to the database limits', () => {
		expect(leadFormSchema('de').parse(form({ tags: 'Messe, Großkunde,,Messe ' })).tags).toEqual([
			'Messe',
			'Großkunde'
		]);
		expect(messagesOf(form({ tags: 'x'.repeat(41) }))).toEqual({
			tags: { key: 'validation.lead.tagTooLong', params: { max: 40 } }
		});
		const tooMany = Array.from({ length: 21 }, (_, index) => `t${index}`).join(',');
		expect(messagesOf(form({ tags: tooMany }))).toEqual({
			tags: { key: 'validation.lead.tooManyTags', params: { max: 20 } }
		});
	});

	it('requires a status', () => {
		expect(messagesOf(form({ status_id: '' }))).toEqual({
			status_id: { key: 'validation.lead.statusRequired' }
		});
	});
});

describe('parseDecimal', () => {
	it('reads German notation in German', () => {
		expect(parseDecimal('1.500', 'de')).toBe(1500);
		expect(parseDecimal('1,5', 'de')).toBe(1.5);
		expect(parseDecimal('1.234.567,89', 'de')).toBe(1234567.89);
		expect(parseDecimal('12 500', 'de')).toBe(12500);
	});

	it('reads English notation in English', () => {
		expect(parseDecimal('1,500', 'en')).toBe(1500);
		expect(parseDecimal('1.5', 'en')).toBe(1.5);
		expect(parseDecimal('1,234,567.89', 'en')).toBe(1234567.89);
	});

	it('accepts the other notation where it cannot be mistaken', () => {
		expect(parseDecimal('12.5', 'de')).toBe(12.5);
		expect(parseDecimal('12,5', 'en')).toBe(12.5);
	});

	it('refuses what is no number', () => {
		for (const text of ['', '-5', '1.2.3,4,5', '12a', '1,,5']) {
			expect(parseDecimal(text, 'de'), text).toBeUndefined();
		}
	});
});

describe('splitTags', () => {
	it('drops blanks and duplicates', () => {
		expect(splitTags(' a , b,a,, c ')).toEqual(['a', 'b', 'c']);
	});
});
