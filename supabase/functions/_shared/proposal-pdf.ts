/**
 * The proposal as a PDF document for its recipient (issue 7), shared by the app's server
 * (`/proposals/<id>/pdf`, `/p/<token>/pdf`) and the send-proposal edge function. Pure: the input
 * is the shape of `get_public_proposal` (or `get_proposal_document` for staff), the output the
 * PDF bytes. Labels follow `proposal.language` — the document speaks the recipient's language,
 * not the viewer's. Standard fonts only (WinAnsi: umlauts, ß and € work; other characters are
 * replaced), A4, the items table repeats its header on every page.
 *
 * Imports only `pdf-lib` (a bare specifier: Node resolves it in node_modules, Deno through the
 * function's deno.json import map).
 */
import {
	PDFDocument,
	StandardFonts,
	rgb,
	type PDFFont,
	type PDFImage,
	type PDFPage
} from 'pdf-lib';

export type ProposalLanguage = 'de' | 'en';
export type ProposalStatus = 'draft' | 'sent' | 'open' | 'revised' | 'declined' | 'accepted';

export interface PublicProposalItem {
	position: number;
	description: string;
	long_description: string | null;
	quantity: number;
	unit: string | null;
	rate: number;
	tax_rate: number;
	amount: number;
}

export interface ProposalTaxGroup {
	rate: number;
	net: number;
	tax: number;
}

/** The proposal as its recipient sees it: the jsonb of get_public_proposal. */
export interface PublicProposal {
	number: number;
	subject: string;
	status: ProposalStatus;
	date: string;
	open_till: string | null;
	currency: string;
	language: ProposalLanguage;
	recipient_name: string | null;
	recipient_company: string | null;
	recipient_email: string | null;
	recipient_address: string | null;
	notes: string | null;
	terms: string | null;
	discount_type: 'percent' | 'amount';
	discount_value: number;
	discount: number;
	subtotal: number;
	total_tax: number;
	total: number;
	tax_breakdown: ProposalTaxGroup[];
	accepted_at: string | null;
	accepted_by_name: string | null;
	/** The recipient's signature, a data:image/png;base64 URL. */
	signature: string | null;
	declined_at: string | null;
	decline_reason: string | null;
	expired: boolean;
	items: PublicProposalItem[];
	sender: { company: string; staff_name: string | null; staff_email: string | null };
}

/** PRO-000042: how a proposal number is shown everywhere. */
export function formatProposalNumber(number: number): string {
	return `PRO-${String(number).padStart(6, '0')}`;
}

const labels = {
	de: {
		proposal: 'Vorschlag',
		date: 'Datum',
		validUntil: 'Gültig bis',
		contact: 'Ansprechpartner',
		position: 'Pos.',
		description: 'Beschreibung',
		quantity: 'Menge',
		rate: 'Einzelpreis',
		tax: 'USt.',
		amount: 'Betrag',
		subtotal: 'Zwischensumme',
		discount: 'Rabatt',
		taxOn: (rate: string, net: string) => `USt. ${rate} auf ${net}`,
		total: 'Gesamtbetrag',
		notes: 'Anmerkungen',
		terms: 'Bedingungen',
		acceptance: 'Annahme',
		acceptedBy: (name: string, date: string) => `Angenommen von ${name} am ${date}`,
		declined: (date: string) => `Abgelehnt am ${date}`,
		reason: 'Begründung',
		placeDate: 'Ort, Datum',
		signature: 'Unterschrift',
		page: (page: number, pages: number) => `Seite ${page} von ${pages}`
	},
	en: {
		proposal: 'Proposal',
		date: 'Date',
		validUntil: 'Valid until',
		contact: 'Contact',
		position: 'No.',
		description: 'Description',
		quantity: 'Qty',
		rate: 'Unit price',
		tax: 'Tax',
		amount: 'Amount',
		subtotal: 'Subtotal',
		discount: 'Discount',
		taxOn: (rate: string, net: string) => `Tax ${rate} on ${net}`,
		total: 'Total',
		notes: 'Notes',
		terms: 'Terms',
		acceptance: 'Acceptance',
		acceptedBy: (name: string, date: string) => `Accepted by ${name} on ${date}`,
		declined: (date: string) => `Declined on ${date}`,
		reason: 'Reason',
		placeDate: 'Place, date',
		signature: 'Signature',
		page: (page: number, pages: number) => `Page ${page} of ${pages}`
	}
} satisfies Record<ProposalLanguage, unknown>;

// Page geometry (points; A4).
const pageSize: [number, number] = [595.28, 841.89];
const margin = 50;
const footerSpace = 40;
const contentWidth = pageSize[0] - 2 * margin;
const ink = rgb(0.1, 0.1, 0.12);
const muted = rgb(0.42, 0.42, 0.46);
const rule = rgb(0.8, 0.8, 0.83);

/** The columns of the items table: right edge or left edge and width. */
const columns = {
	position: { x: margin, width: 28 },
	description: { x: margin + 30, width: 215 },
	quantity: { right: margin + 315 },
	rate: { right: margin + 390 },
	tax: { right: margin + 430 },
	amount: { right: margin + contentWidth }
};

/** Characters WinAnsi encodes beyond Latin-1 (0x80–0x9F). */
const winAnsiExtras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** The text as the standard fonts can draw it: spaces normalised, the rest replaced by '?'. */
function drawable(text: string): string {
	let result = '';
	for (const character of text.normalize('NFC')) {
		const code = character.codePointAt(0) ?? 0;
		if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) result += character;
		else if (winAnsiExtras.has(character)) result += character;
		else if (character === '\t' || /\s/u.test(character)) result += ' ';
		else if (character === '−') result += '-';
		else result += '?';
	}
	return result;
}

/** Greedy line breaking at spaces; words wider than the line are broken by character. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
	const lines: string[] = [];
	for (const paragraph of text.split(/\r?\n/)) {
		let line = '';
		for (const word of drawable(paragraph).split(' ')) {
			const candidate = line === '' ? word : `${line} ${word}`;
			if (font.widthOfTextAtSize(candidate, size) <= width) {
				line = candidate;
				continue;
			}
			if (line !== '') lines.push(line);
			line = '';
			for (const character of word) {
				if (font.widthOfTextAtSize(line + character, size) > width && line !== '') {
					lines.push(line);
					line = '';
				}
				line += character;
			}
		}
		lines.push(line);
	}
	return lines;
}

interface Formatters {
	money(value: number): string;
	quantity(value: number): string;
	percent(value: number): string;
	date(value: string): string;
	dateTime(value: string): string;
}

function formatters(proposal: PublicProposal): Formatters {
	const locale = proposal.language === 'en' ? 'en-GB' : 'de-DE';
	const money = new Intl.NumberFormat(locale, { style: 'currency', currency: proposal.currency });
	const quantity = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
	const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
	const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
	const dateTime = new Intl.DateTimeFormat(locale, {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/Berlin'
	});
	return {
		money: (value) => money.format(value),
		quantity: (value) => quantity.format(value),
		percent: (value) => `${percent.format(value)} %`,
		// A plain date ("2026-11-27") is a calendar day, not an instant.
		date: (value) => date.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)),
		dateTime: (value) => dateTime.format(new Date(value))
	};
}

/** Draws top-down across pages: `y` is the baseline cursor; `ensure` breaks the page. */
class Canvas {
	page!: PDFPage;
	y = 0;
	private onNewPage: () => void = () => {};

	constructor(
		private readonly document: PDFDocument,
		readonly regular: PDFFont,
		readonly bold: PDFFont
	) {
		this.addPage();
	}

	addPage() {
		this.page = this.document.addPage(pageSize);
		this.y = pageSize[1] - margin;
		this.onNewPage();
	}

	/** Runs `draw` at the top of every further page (the repeated table header). */
	repeatOnNewPage(draw: () => void) {
		this.onNewPage = draw;
	}

	ensure(height: number) {
		if (this.y - height < margin + footerSpace) this.addPage();
	}

	text(
		text: string,
		x: number,
		options: { size?: number; font?: PDFFont; color?: typeof ink; alignRight?: boolean } = {}
	) {
		const size = options.size ?? 10;
		const font = options.font ?? this.regular;
		const value = drawable(text);
		const left = options.alignRight ? x - font.widthOfTextAtSize(value, size) : x;
		this.page.drawText(value, { x: left, y: this.y, size, font, color: options.color ?? ink });
	}

	line(y: number, from = margin, to = margin + contentWidth) {
		this.page.drawLine({
			start: { x: from, y },
			end: { x: to, y },
			thickness: 0.6,
			color: rule
		});
	}

	/** A wrapped paragraph at x with the given width, page breaks between lines. */
	paragraph(
		text: string,
		x: number,
		width: number,
		options: { size?: number; font?: PDFFont; color?: typeof ink } = {}
	) {
		const size = options.size ?? 10;
		for (const line of wrap(text, options.font ?? this.regular, size, width)) {
			this.ensure(size * 1.4);
			this.text(line, x, options);
			this.y -= size * 1.4;
		}
	}
}

export async function renderProposalPdf(proposal: PublicProposal): Promise<Uint8Array> {
	const label = labels[proposal.language] ?? labels.de;
	const format = formatters(proposal);
	const number = formatProposalNumber(proposal.number);

	const document = await PDFDocument.create();
	document.setTitle(drawable(`${label.proposal} ${number}: ${proposal.subject}`), {
		showInWindowTitleBar: true
	});
	document.setSubject(proposal.subject);
	document.setAuthor(proposal.sender.company);
	document.setCreator('Leadwerk');
	document.setLanguage(proposal.language === 'en' ? 'en' : 'de');

	const canvas = new Canvas(
		document,
		await document.embedFont(StandardFonts.Helvetica),
		await document.embedFont(StandardFonts.HelveticaBold)
	);
	const { regular, bold } = canvas;
	const right = margin + contentWidth;

	// Header: sender left, document facts right.
	canvas.text(proposal.sender.company, margin, { size: 18, font: bold });
	canvas.text(`${label.proposal} ${number}`, right, { size: 14, font: bold, alignRight: true });
	canvas.y -= 22;
	const facts: [string, string][] = [[label.date, format.date(proposal.date)]];
	if (proposal.open_till) facts.push([label.validUntil, format.date(proposal.open_till)]);
	if (proposal.sender.staff_name) facts.push([label.contact, proposal.sender.staff_name]);
	if (proposal.sender.staff_email) facts.push(['', proposal.sender.staff_email]);
	for (const [name, value] of facts) {
		canvas.text(name, right - 170, { size: 9, color: muted });
		canvas.text(value, right, { size: 9, alignRight: true });
		canvas.y -= 13;
	}

	// Recipient, under the header on the left.
	canvas.y = pageSize[1] - margin - 40;
	const recipient = [
		proposal.recipient_company,
		proposal.recipient_name,
		...(proposal.recipient_address ?? '').split(/\r?\n/),
		proposal.recipient_email
	].filter((line): line is string => Boolean(line && line.trim()));
	for (const line of recipient) {
		for (const wrapped of wrap(line, regular, 10, 250)) {
			canvas.text(wrapped, margin);
			canvas.y -= 14;
		}
	}
	canvas.y = Math.min(canvas.y, pageSize[1] - margin - 40 - facts.length * 13) - 24;

	canvas.paragraph(proposal.subject, margin, contentWidth, { size: 14, font: bold });
	canvas.y -= 8;

	// Items.
	const tableHeader = () => {
		const size = 9;
		canvas.text(label.position, columns.position.x, { size, font: bold });
		canvas.text(label.description, columns.description.x, { size, font: bold });
		canvas.text(label.quantity, columns.quantity.right, { size, font: bold, alignRight: true });
		canvas.text(label.rate, columns.rate.right, { size, font: bold, alignRight: true });
		canvas.text(label.tax, columns.tax.right, { size, font: bold, alignRight: true });
		canvas.text(label.amount, columns.amount.right, { size, font: bold, alignRight: true });
		canvas.line(canvas.y - 5);
		canvas.y -= 18;
	};
	canvas.ensure(40);
	tableHeader();
	canvas.repeatOnNewPage(tableHeader);
	for (const item of proposal.items) {
		const lines = wrap(item.description, bold, 10, columns.description.width);
		const details = item.long_description
			? wrap(item.long_description, regular, 8.5, columns.description.width)
			: [];
		// Short items stay on one page; long descriptions may continue on the next.
		canvas.ensure(Math.min(lines.length * 13 + details.length * 11, 200) + 8);
		const quantity = format.quantity(item.quantity) + (item.unit ? ` ${item.unit}` : '');
		canvas.text(String(item.position), columns.position.x);
		canvas.text(quantity, columns.quantity.right, { alignRight: true });
		canvas.text(format.money(item.rate), columns.rate.right, { alignRight: true });
		canvas.text(format.percent(item.tax_rate), columns.tax.right, { alignRight: true, size: 9 });
		canvas.text(format.money(item.amount), columns.amount.right, { alignRight: true });
		for (const line of lines) {
			canvas.ensure(13);
			canvas.text(line, columns.description.x, { font: bold });
			canvas.y -= 13;
		}
		for (const line of details) {
			canvas.ensure(11);
			canvas.text(line, columns.description.x, { size: 8.5, color: muted });
			canvas.y -= 11;
		}
		canvas.line(canvas.y + 4);
		canvas.y -= 8;
	}
	canvas.repeatOnNewPage(() => {});

	// Totals, right-aligned; the tax per rate on the net after the discount share.
	const totals: [string, string, PDFFont][] = [
		[label.subtotal, format.money(proposal.subtotal), regular]
	];
	if (proposal.discount > 0) {
		const share =
			proposal.discount_type === 'percent' ? ` (${format.percent(proposal.discount_value)})` : '';
		totals.push([`${label.discount}${share}`, `- ${format.money(proposal.discount)}`, regular]);
	}
	for (const group of proposal.tax_breakdown) {
		totals.push([
			label.taxOn(format.percent(group.rate), format.money(group.net)),
			format.money(group.tax),
			regular
		]);
	}
	totals.push([label.total, format.money(proposal.total), bold]);
	canvas.ensure(totals.length * 15 + 10);
	canvas.y -= 4;
	for (const [name, value, font] of totals) {
		if (font === bold) {
			canvas.line(canvas.y + 11, right - 250);
			canvas.y -= 3;
		}
		canvas.text(name, right - 110, { font, alignRight: true });
		canvas.text(value, right, { font, alignRight: true });
		canvas.y -= 15;
	}

	for (const [heading, body] of [
		[label.notes, proposal.notes],
		[label.terms, proposal.terms]
	] as const) {
		if (!body?.trim()) continue;
		canvas.y -= 12;
		canvas.ensure(40);
		canvas.text(heading, margin, { font: bold, size: 11 });
		canvas.y -= 16;
		canvas.paragraph(body, margin, contentWidth, { size: 9.5 });
	}

	await drawAcceptance(document, canvas, proposal, label, format);

	const pages = document.getPages();
	pages.forEach((page, index) => {
		const footer = drawable(`${number} · ${label.page(index + 1, pages.length)}`);
		const size = 8;
		page.drawText(footer, {
			x: right - regular.widthOfTextAtSize(footer, size),
			y: margin - 20,
			size,
			font: regular,
			color: muted
		});
	});
	return document.save();
}

async function drawAcceptance(
	document: PDFDocument,
	canvas: Canvas,
	proposal: PublicProposal,
	label: (typeof labels)[ProposalLanguage],
	format: Formatters
) {
	canvas.y -= 16;
	canvas.ensure(130);
	canvas.text(label.acceptance, margin, { font: canvas.bold, size: 11 });
	canvas.y -= 18;

	if (proposal.status === 'declined' && proposal.declined_at) {
		canvas.text(label.declined(format.dateTime(proposal.declined_at)), margin);
		canvas.y -= 14;
		if (proposal.decline_reason) {
			canvas.paragraph(`${label.reason}: ${proposal.decline_reason}`, margin, contentWidth, {
				size: 9.5
			});
		}
		return;
	}

	if (proposal.status === 'accepted' && proposal.accepted_at) {
		canvas.text(
			label.acceptedBy(proposal.accepted_by_name ?? '', format.dateTime(proposal.accepted_at)),
			margin
		);
		canvas.y -= 10;
		const image = await signatureImage(document, proposal.signature);
		if (image) {
			const scale = Math.min(200 / image.width, 80 / image.height, 1);
			const height = image.height * scale;
			canvas.page.drawImage(image, {
				x: margin,
				y: canvas.y - height,
				width: image.width * scale,
				height
			});
			canvas.y -= height + 4;
		}
		canvas.line(canvas.y, margin, margin + 220);
		canvas.y -= 12;
		canvas.text(label.signature, margin, { size: 8, color: muted });
		return;
	}

	// Not decided yet: lines to sign a printed copy.
	canvas.y -= 36;
	canvas.line(canvas.y, margin, margin + 200);
	canvas.line(canvas.y, margin + 260, margin + contentWidth);
	canvas.y -= 12;
	canvas.text(label.placeDate, margin, { size: 8, color: muted });
	canvas.text(label.signature, margin + 260, { size: 8, color: muted });
}

/** The embedded signature, or null when there is none or it is not a readable PNG. */
async function signatureImage(
	document: PDFDocument,
	signature: string | null
): Promise<PDFImage | null> {
	if (!signature?.startsWith('data:image/png;base64,')) return null;
	try {
		return await document.embedPng(signature);
	} catch {
		// A damaged signature must not cost the recipient their document; the name still shows.
		return null;
	}
}
