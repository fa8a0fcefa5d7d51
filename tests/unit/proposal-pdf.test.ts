/**
 * The proposal PDF (supabase/functions/_shared/proposal-pdf.ts), rendered in Node with the same
 * pdf-lib the edge function uses and read back with pdf-lib: pages, metadata, umlauts and €,
 * and the recipient's signature embedded as an image once the proposal is accepted.
 */
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
	formatProposalNumber,
	renderProposalPdf,
	type PublicProposal
} from '../../supabase/functions/_shared/proposal-pdf.ts';

function proposal(overrides: Partial<PublicProposal> = {}): PublicProposal {
	return {
		number: 42,
		subject: 'Wartung für Größe & Gebäude – 1.000 €',
		status: 'open',
		date: '2026-11-27',
		open_till: '2026-12-27',
		currency: 'EUR',
		language: 'de',
		recipient_name: 'Jürgen Obermaier',
		recipient_company: 'Obermaier Brauerei KG',
		recipient_email: 'j.obermaier@obermaier-braeu.example',
		recipient_address: 'Hauptstraße 5\n85354 Freising',
		notes: 'Preise gültig für Neukunden. Äußerst günstig! 🚀 Emoji werden ersetzt.',
		terms: 'Zahlbar innerhalb von 14 Tagen ohne Abzug.\nGerichtsstand München.',
		discount_type: 'percent',
		discount_value: 10,
		discount: 23.55,
		subtotal: 235.5,
		total_tax: 36.45,
		total: 248.4,
		tax_breakdown: [
			{ rate: 7, net: 31.95, tax: 2.24 },
			{ rate: 19, net: 180, tax: 34.2 }
		],
		accepted_at: null,
		accepted_by_name: null,
		signature: null,
		declined_at: null,
		decline_reason: null,
		expired: false,
		items: [
			{
				position: 1,
				description: 'Wartung Abfüllanlage',
				long_description: 'Inklusive Verschleißteile, Prüfprotokoll und Ölwechsel.',
				quantity: 2,
				unit: 'Std.',
				rate: 100,
				tax_rate: 19,
				amount: 200
			},
			{
				position: 2,
				description: 'Anfahrt',
				long_description: null,
				quantity: 1,
				unit: null,
				rate: 35.5,
				tax_rate: 7,
				amount: 35.5
			}
		],
		sender: { company: 'Leadwerk', staff_name: 'Max Vogel', staff_email: 'max@leadwerk.test' },
		...overrides
	};
}

/** A valid RGBA PNG of the given size (a diagonal stroke), built by hand. */
function png(width: number, height: number): string {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (bytes: Buffer) => {
		let c = 0xffffffff;
		for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const checksum = Buffer.alloc(4);
		checksum.writeUInt32BE(crc(body));
		return Buffer.concat([length, body, checksum]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 6, 0, 0, 0], 8);
	const rows = Buffer.alloc((width * 4 + 1) * height);
	for (let y = 0; y < height; y++) {
		const x = Math.floor((y / height) * width);
		rows.set([0, 0, 0, 255], y * (width * 4 + 1) + 1 + x * 4);
	}
	const file = Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(rows)),
		chunk('IEND', Buffer.alloc(0))
	]);
	return `data:image/png;base64,${file.toString('base64')}`;
}

/** How many pictures the document holds (image XObjects that are not another's alpha mask). */
function pictureCount(document: PDFDocument): number {
	const images = document.context
		.enumerateIndirectObjects()
		.filter(
			([, object]) =>
				object instanceof PDFRawStream &&
				object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')
		) as [unknown, PDFRawStream][];
	const masks = new Set(images.map(([, image]) => String(image.dict.get(PDFName.of('SMask')))));
	return images.filter(([ref]) => !masks.has(String(ref))).length;
}

describe('renderProposalPdf', () => {
	it('formats the number as PRO-000042', () => {
		expect(formatProposalNumber(42)).toBe('PRO-000042');
		expect(formatProposalNumber(1234567)).toBe('PRO-1234567');
	});

	it('renders a German proposal with umlauts and € on one A4 page, titled with its number', async () => {
		const bytes = await renderProposalPdf(proposal());
		expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
		const document = await PDFDocument.load(bytes, { updateMetadata: false });
		expect(document.getPageCount()).toBe(1);
		expect(document.getTitle()).toBe('Vorschlag PRO-000042: Wartung für Größe & Gebäude – 1.000 €');
		const { width, height } = document.getPage(0).getSize();
		expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
		expect(pictureCount(document)).toBe(0);
	});

	it('breaks a long proposal over several pages, in English', async () => {
		const items = Array.from({ length: 70 }, (_, index) => ({
			position: index + 1,
			description: `Position ${index + 1}: Schulung „Größenordnung“ für Mitarbeiter`,
			long_description:
				index % 3 === 0
					? 'Eine längere Beschreibung, die über mehrere Zeilen umbricht. '.repeat(4)
					: null,
			quantity: 1.5,
			unit: 'Tag',
			rate: 999.99,
			tax_rate: 19,
			amount: 1499.99
		}));
		const bytes = await renderProposalPdf(
			proposal({ items, language: 'en', terms: 'Lang. '.repeat(800) })
		);
		const document = await PDFDocument.load(bytes, { updateMetadata: false });
		expect(document.getPageCount()).toBeGreaterThanOrEqual(4);
		expect(document.getTitle()).toBe('Proposal PRO-000042: Wartung für Größe & Gebäude – 1.000 €');
		expect(document.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('en');
	});

	it('embeds the signature of an accepted proposal', async () => {
		const accepted = proposal({
			status: 'accepted',
			accepted_at: '2026-11-28T09:30:00Z',
			accepted_by_name: 'Jürgen Obermaier',
			signature: png(240, 80)
		});
		const document = await PDFDocument.load(await renderProposalPdf(accepted));
		expect(pictureCount(document)).toBe(1);
	});

	it('still renders when the signature is not a readable PNG', async () => {
		const damaged = proposal({
			status: 'accepted',
			accepted_at: '2026-11-28T09:30:00Z',
			accepted_by_name: 'Jürgen Obermaier',
			signature: 'data:image/png;base64,bm90IGEgcG5n'
		});
		const document = await PDFDocument.load(await renderProposalPdf(damaged));
		expect(document.getPageCount()).toBe(1);
		expect(pictureCount(document)).toBe(0);
	});

	it('renders a declined proposal with its reason and an empty one without items', async () => {
		const declined = await renderProposalPdf(
			proposal({
				status: 'declined',
				declined_at: '2026-11-28T09:30:00Z',
				decline_reason: 'Zu teuer'
			})
		);
		expect((await PDFDocument.load(declined)).getPageCount()).toBe(1);
		const empty = await renderProposalPdf(
			proposal({ items: [], tax_breakdown: [], subtotal: 0, discount: 0, total_tax: 0, total: 0 })
		);
		expect((await PDFDocument.load(empty)).getPageCount()).toBe(1);
	});
});
