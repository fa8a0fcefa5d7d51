/**
 * Proposals (issue 7, notes/proposals-contract.md): the totals the database computes — exact to
 * the cent, the discount shared over the tax-rate groups by largest remainder — checked against
 * hand-worked cases and an independent integer-cent reference; save_proposal (create defaults,
 * replace items, validation errors, version); the status flow; PT423 for accepted proposals and
 * PT409 for a stale version, through the RPCs and through direct table writes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, signedIn, type Transaction } from './as-role.ts';
import { createLead, createWorld, type World } from './fixtures.ts';
import {
	createProposal,
	createProposalWorld,
	moveTo,
	proposalActivity,
	readProposal,
	saveProposal,
	statuses,
	type ItemInput
} from './proposal-fixtures.ts';

const db = createDatabase();
afterAll(() => db.close());

// Reference ------------------------------------------------------------------------------------

/** Hundredths of a two-decimal number given as text or number ("33.33" → 3333n). */
function hundredths(value: number | string): bigint {
	const [whole, fraction = ''] = String(value).split('.');
	return BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
}

/** Integer division rounding half away from zero, for non-negative operands. */
const roundDiv = (numerator: bigint, denominator: bigint) =>
	(2n * numerator + denominator) / (2n * denominator);

const money = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;

/** The contract's computation in integer cents, written independently of the SQL. */
function referenceTotals(
	items: ItemInput[],
	discountType: 'percent' | 'amount',
	discountValue: number | string
) {
	const groups = new Map<bigint, bigint>();
	let subtotal = 0n;
	for (const item of items) {
		const amount = roundDiv(hundredths(item.quantity ?? 1) * hundredths(item.rate), 100n);
		const rate = hundredths(item.tax_rate ?? 0);
		groups.set(rate, (groups.get(rate) ?? 0n) + amount);
		subtotal += amount;
	}
	const value = hundredths(discountValue);
	const discount =
		discountType === 'percent'
			? roundDiv(subtotal * value, 10000n)
			: value < subtotal
				? value
				: subtotal;
	const shares = [...groups].map(([rate, net]) => ({
		rate,
		net,
		share: subtotal === 0n ? 0n : (discount * net) / subtotal,
		remainder: subtotal === 0n ? 0n : (discount * net) % subtotal
	}));
	let leftover = discount - shares.reduce((sum, group) => sum + group.share, 0n);
	const byRemainder = [...shares].sort((a, b) =>
		a.remainder !== b.remainder
			? Number(b.remainder - a.remainder)
			: a.net !== b.net
				? Number(b.net - a.net)
				: Number(a.rate - b.rate)
	);
	for (const group of byRemainder) {
		if (leftover === 0n) break;
		group.share += 1n;
		leftover -= 1n;
	}
	const breakdown = shares
		.sort((a, b) => Number(a.rate - b.rate))
		.map((group) => {
			const net = group.net - group.share;
			return { rate: group.rate, net, tax: roundDiv(net * group.rate, 10000n) };
		});
	const totalTax = breakdown.reduce((sum, group) => sum + group.tax, 0n);
	return {
		subtotal: money(subtotal),
		discount: money(discount),
		total_tax: money(totalTax),
		total: money(subtotal - discount + totalTax),
		tax_breakdown: breakdown.map((group) => ({
			rate: Number(group.rate) / 100,
			net: Number(group.net) / 100,
			tax: Number(group.tax) / 100
		}))
	};
}

async function totalsOf(
	tx: Transaction,
	world: World,
	items: ItemInput[],
	discountType: 'percent' | 'amount' = 'amount',
	discountValue: number | string = 0
) {
	const id = await createProposal(tx, world, {
		items,
		proposal: { discount_type: discountType, discount_value: discountValue }
	});
	const row = await readProposal(tx, id);
	return {
		subtotal: row.subtotal,
		discount: row.discount,
		total_tax: row.total_tax,
		total: row.total,
		tax_breakdown: row.tax_breakdown
	};
}

describe('proposal totals', () => {
	it('an empty proposal is all zeros with no tax groups', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			expect(await totalsOf(tx, world, [], 'amount', 50)).toEqual({
				subtotal: '0.00',
				discount: '0.00',
				total_tax: '0.00',
				total: '0.00',
				tax_breakdown: []
			});
		});
	});

	it('shares a discount over three equal groups: the odd cent goes by net, then lowest rate', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			// 3 × 33.33 = 99.99; 10.00 / 3 = 3.33⅓ each, so one group takes 3.34.
			const items = [19, 7, 0].map((taxRate) => ({
				description: `Leistung ${taxRate}`,
				rate: '33.33',
				tax_rate: taxRate
			}));
			const totals = await totalsOf(tx, world, items, 'amount', 10);
			expect(totals).toEqual({
				subtotal: '99.99',
				discount: '10.00',
				total_tax: '7.80',
				total: '97.79',
				tax_breakdown: [
					{ rate: 0, net: 29.99, tax: 0 },
					{ rate: 7, net: 30, tax: 2.1 },
					{ rate: 19, net: 30, tax: 5.7 }
				]
			});
			expect(totals).toEqual(referenceTotals(items, 'amount', 10));
		});
	});

	it('rounds half away from zero at the 0.005 boundaries (line, percent discount, tax)', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			// 0.5 × 0.01 = 0.005 → 0.01; 1.5 × 0.33 = 0.495 → 0.50; 5 % of 0.51 = 0.0255 → 0.03.
			const items = [
				{ description: 'Halber Cent', quantity: '0.5', rate: '0.01', tax_rate: 19 },
				{ description: 'Fast halb', quantity: '1.5', rate: '0.33', tax_rate: 7 }
			];
			const totals = await totalsOf(tx, world, items, 'percent', 5);
			expect(totals).toMatchObject({ subtotal: '0.51', discount: '0.03' });
			// 7 % group: 0.50 − 0.03 share = 0.47 → tax 0.0329 → 0.03; 19 % group keeps 0.01 → 0.0019 → 0.00.
			expect(totals.tax_breakdown).toEqual([
				{ rate: 7, net: 0.47, tax: 0.03 },
				{ rate: 19, net: 0.01, tax: 0 }
			]);
			expect(totals).toEqual(referenceTotals(items, 'percent', 5));

			// 0.50 × 7 % = 0.035 → 0.04 exactly at the boundary.
			const boundary = [{ description: 'Steuergrenze', quantity: 1, rate: '0.50', tax_rate: 7 }];
			expect(await totalsOf(tx, world, boundary)).toMatchObject({
				total_tax: '0.04',
				total: '0.54'
			});
		});
	});

	it('mixed 19 % / 7 % / 0 % with a percent discount: the shares need the largest remainder', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const items = [
				{ description: 'Software', quantity: 3, rate: '123.45', tax_rate: 19 },
				{ description: 'Buch', quantity: 7, rate: '19.99', tax_rate: 7 },
				{ description: 'Porto', quantity: 1, rate: '4.95', tax_rate: 0 },
				{ description: 'Support', quantity: '2.5', rate: '80.10', tax_rate: 19 }
			];
			const totals = await totalsOf(tx, world, items, 'percent', '12.5');
			expect(totals.tax_breakdown.map((group) => group.rate)).toEqual([0, 7, 19]);
			// The shares add up to the discount exactly.
			const subtotal = Number(totals.subtotal);
			const netSum = totals.tax_breakdown.reduce((sum, group) => sum + group.net, 0);
			expect(Math.round((subtotal - netSum) * 100)).toBe(Math.round(Number(totals.discount) * 100));
			expect(totals).toEqual(referenceTotals(items, 'percent', '12.5'));
		});
	});

	it('caps an amount discount at the subtotal: nothing is negative, the total is 0', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const items = [
				{ description: 'A', quantity: 1, rate: 60, tax_rate: 19 },
				{ description: 'B', quantity: 1, rate: 40, tax_rate: 7 }
			];
			expect(await totalsOf(tx, world, items, 'amount', 500)).toEqual({
				subtotal: '100.00',
				discount: '100.00',
				total_tax: '0.00',
				total: '0.00',
				tax_breakdown: [
					{ rate: 7, net: 0, tax: 0 },
					{ rate: 19, net: 0, tax: 0 }
				]
			});
		});
	});

	it('agrees with the reference on 40 generated proposals', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			// A fixed linear congruential sequence: reproducible, yet not shaped by hand.
			let state = 20261127;
			const next = (limit: number) => {
				state = (state * 1103515245 + 12345) % 2147483648;
				return state % limit;
			};
			const taxRates = ['19', '7', '0', '16', '5.5'];
			for (let round = 0; round < 40; round++) {
				const items = Array.from({ length: 1 + next(6) }, (_, index) => ({
					description: `Position ${index + 1}`,
					quantity: `${1 + next(20)}.${String(next(100)).padStart(2, '0')}`,
					rate: `${next(5000)}.${String(next(100)).padStart(2, '0')}`,
					tax_rate: taxRates[next(taxRates.length)]
				}));
				const percent = next(2) === 0;
				const value = percent
					? `${next(101)}.${next(2) === 0 ? '00' : String(next(100)).padStart(2, '0')}`
					: `${next(3000)}.${String(next(100)).padStart(2, '0')}`;
				const discountValue = percent && Number(value) > 100 ? '100.00' : value;
				const type = percent ? 'percent' : 'amount';
				expect(await totalsOf(tx, world, items, type, discountValue)).toEqual(
					referenceTotals(items, type, discountValue)
				);
			}
		});
	});

	it('recomputes when items are written directly through the table', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const id = await createProposal(tx, world, {
				items: [{ description: 'Tag', quantity: 1, rate: 100, tax_rate: 19 }]
			});
			await tx.as(signedIn(world.creator), {
				text: `insert into public.proposal_items (proposal_id, description, rate, tax_rate)
					values ($1, 'Reise', 50, 7)`,
				values: [id]
			});
			const row = await readProposal(tx, id);
			expect(row).toMatchObject({ subtotal: '150.00', total_tax: '22.50', total: '172.50' });
			expect(row.version).toBe(2);
		});
	});
});

describe('save_proposal', () => {
	it('creates a draft (version 1, a number, a 64-hex token) with the recipient and language of the lead', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			await tx.sql(
				`update public.leads set email = 'kunde@beispiel.example', address = 'Hauptstraße 1',
					zip = '80331', city = 'München', country = 'Deutschland', default_language = 'en'
				where id = $1`,
				[world.lead]
			);
			const id = await createProposal(tx, world);
			const row = await readProposal(tx, id);
			const [lead] = await tx.sql<{ name: string }>('select name from public.leads where id = $1', [
				world.lead
			]);
			expect(row).toMatchObject({
				status: 'draft',
				version: 1,
				language: 'en',
				created_by: world.creator,
				recipient_name: lead.name,
				recipient_company: 'Testfirma GmbH',
				recipient_email: 'kunde@beispiel.example',
				recipient_address: 'Hauptstraße 1\n80331 München\nDeutschland'
			});
			expect(Number(row.number)).toBeGreaterThan(0);
			expect(row.public_token).toMatch(/^[0-9a-f]{64}$/);
		});
	});

	it('creates a proposal for a customer with the contact as recipient', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const [{ id: customer }] = await tx.sql<{ id: string }>(
				`insert into public.customers (company, contact_name, contact_email, created_by)
				values ('Kunde AG', 'Klara Kunde', 'klara@kunde.example', $1) returning id`,
				[world.creator]
			);
			const [{ id }] = await tx.as<{ id: string }>(
				signedIn(world.creator),
				saveProposal(
					null,
					null,
					{ subject: 'Kundenangebot', customer_id: customer, language: 'en' },
					[]
				)
			);
			expect(await readProposal(tx, id)).toMatchObject({
				lead_id: null,
				customer_id: customer,
				language: 'en',
				recipient_name: 'Klara Kunde',
				recipient_company: 'Kunde AG',
				recipient_email: 'klara@kunde.example'
			});
		});
	});

	it('updates fields, replaces the items in the given order and counts the version', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const id = await createProposal(tx, world);
			await tx.as(
				signedIn(world.assignee),
				saveProposal(id, 1, { subject: 'Neu', notes: 'Bitte prüfen', recipient_email: null }, [
					{ description: 'Zweite', rate: 10 },
					{ description: 'Erste', rate: 20, quantity: 3, unit: 'h', long_description: 'Lang' }
				])
			);
			const row = await readProposal(tx, id);
			expect(row).toMatchObject({
				subject: 'Neu',
				notes: 'Bitte prüfen',
				recipient_email: null,
				version: 2,
				subtotal: '70.00'
			});
			const items = await tx.sql(
				'select position, description, quantity, unit, tax_rate from public.proposal_items where proposal_id = $1 order by position',
				[id]
			);
			expect(items).toEqual([
				{ position: 1, description: 'Zweite', quantity: '1.00', unit: null, tax_rate: '0.00' },
				{ position: 2, description: 'Erste', quantity: '3.00', unit: 'h', tax_rate: '0.00' }
			]);
		});
	});

	it('refuses a stale version with PT409 and leaves the proposal as it was', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const id = await createProposal(tx, world);
			await tx.as(signedIn(world.creator), saveProposal(id, 1, { subject: 'Erste Änderung' }));
			const stale = await tx.attempt(
				signedIn(world.assignee),
				saveProposal(id, 1, { subject: 'Veraltet' })
			);
			expect(stale).toMatchObject({ ok: false, code: 'PT409' });
			if (stale.ok) throw new Error('unreachable');
			expect(JSON.parse(stale.detail ?? '{}')).toMatchObject({ current_version: 2 });
			expect(await readProposal(tx, id)).toMatchObject({ subject: 'Erste Änderung', version: 2 });

			const direct = await tx.attempt(signedIn(world.assignee), {
				text: "update public.proposals set subject = 'Direkt', version = 1 where id = $1",
				values: [id]
			});
			expect(direct).toMatchObject({ ok: false, code: 'PT409' });
		});
	});

	it('names what is wrong: unknown keys and malformed items 22023, checks 23514 with the constraint', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const creator = signedIn(world.creator);
			const base = { subject: 'Angebot', lead_id: world.lead };
			const cases: [Record<string, unknown>, unknown, string, string?][] = [
				[{ ...base, total: 1 }, [], '22023', 'unknown proposal field: total'],
				[base, [{ description: 'X', rate: 1, amount: 5 }], '22023', 'unknown item field: amount'],
				[base, { description: 'X' }, '22023'],
				[{ subject: 'Ohne Bezug' }, [], '22023'],
				[{ ...base, customer_id: world.lead }, [], '22023'],
				[{ ...base, subject: ' ' }, [], '23514', 'proposals_subject_length'],
				[
					{ ...base, discount_type: 'percent', discount_value: 101 },
					[],
					'23514',
					'proposals_discount_percent_at_most_100'
				],
				[{ ...base, language: 'fr' }, [], '23514', 'proposals_language_known'],
				[base, [{ description: 'X', rate: -1 }], '23514', 'proposal_items_rate_not_negative'],
				[base, [{ description: '', rate: 1 }], '23514', 'proposal_items_description_length']
			];
			for (const [proposal, items, code, text] of cases) {
				const outcome = await tx.attempt(creator, saveProposal(null, null, proposal, items));
				expect(outcome, JSON.stringify([proposal, items])).toMatchObject({ ok: false, code });
				if (text && !outcome.ok) expect(outcome.message).toContain(text);
			}
		});
	});

	it('keeps lead and customer as created', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const id = await createProposal(tx, world);
			const other = await createLead(tx, { createdBy: world.creator });
			const outcome = await tx.attempt(
				signedIn(world.creator),
				saveProposal(id, 1, { lead_id: other })
			);
			expect(outcome).toMatchObject({ ok: false, code: '22023' });
		});
	});
});

describe('the status flow', () => {
	const legal = new Set([
		'draft>sent',
		'draft>open',
		'sent>open',
		'sent>revised',
		'sent>declined',
		'sent>accepted',
		'open>sent',
		'open>revised',
		'open>declined',
		'open>accepted',
		'revised>sent',
		'revised>open',
		'revised>declined',
		'revised>accepted',
		'declined>revised'
	]);

	it.each(statuses)('from %s, set_proposal_status allows exactly the flow', async (from) => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const id = await createProposal(tx, world);
			await moveTo(tx, id, from);
			for (const to of statuses.filter((status) => status !== from)) {
				const outcome = await tx.attempt(
					signedIn(world.creator),
					{ text: 'select public.set_proposal_status($1, $2)', values: [id, to] },
					{ keep: false }
				);
				const expected =
					from === 'accepted' ? 'PT423' : legal.has(`${from}>${to}`) ? 'ok' : '22023';
				expect(outcome.ok ? 'ok' : outcome.code, `${from} -> ${to}`).toBe(expected);
				if (!outcome.ok && expected === '22023') {
					expect(outcome.message).toBe(`illegal transition ${from} -> ${to}`);
				}
			}
		});
	});

	it('a staff member cannot write status, link, totals, acceptance or the lead directly', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const id = await createProposal(tx, world);
			for (const assignment of [
				"status = 'sent'",
				"public_token = 'x'",
				'total = 1',
				'discount = 1',
				"tax_breakdown = '[]'::jsonb || '[{}]'",
				'accepted_at = now()',
				"signature = 'data:image/png;base64,AA=='",
				'lead_id = null',
				'customer_id = gen_random_uuid()'
			]) {
				const outcome = await tx.attempt(signedIn(world.admin), {
					text: `update public.proposals set ${assignment} where id = $1`,
					values: [id]
				});
				expect(outcome, assignment).toMatchObject({ ok: false, code: '42501' });
			}
			const insertSent = await tx.attempt(signedIn(world.admin), {
				text: "insert into public.proposals (subject, lead_id, created_by, status) values ('X', $1, $2, 'sent')",
				values: [world.lead, world.admin]
			});
			expect(insertSent).toMatchObject({ ok: false, code: '42501' });
		});
	});

	it('saving a sent or open proposal revises it; a declined one stays declined', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			for (const [from, after] of [
				['sent', 'revised'],
				['open', 'revised'],
				['declined', 'declined'],
				['draft', 'draft']
			] as const) {
				const id = await createProposal(tx, world);
				await moveTo(tx, id, from);
				const { version } = await readProposal(tx, id);
				await tx.as(signedIn(world.creator), saveProposal(id, version, { notes: 'Geändert' }));
				expect((await readProposal(tx, id)).status, from).toBe(after);
			}
			// A direct content change through the table revises too.
			const direct = await createProposal(tx, world);
			await moveTo(tx, direct, 'open');
			await tx.as(signedIn(world.creator), {
				text: "update public.proposals set terms = 'Neu' where id = $1",
				values: [direct]
			});
			expect((await readProposal(tx, direct)).status).toBe('revised');
		});
	});
});

describe('an accepted proposal', () => {
	it('refuses every change with PT423, through the RPCs and the tables alike', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const id = await createProposal(tx, world);
			await moveTo(tx, id, 'accepted');
			const { version } = await readProposal(tx, id);
			const [{ id: item }] = await tx.sql<{ id: string }>(
				'select id from public.proposal_items where proposal_id = $1 limit 1',
				[id]
			);
			const attempts = [
				saveProposal(id, version, { subject: 'Nachträglich' }),
				{ text: "select public.set_proposal_status($1, 'revised')", values: [id] },
				{ text: 'select public.renew_proposal_link($1)', values: [id] },
				{ text: 'select public.revoke_proposal_link($1)', values: [id] },
				{ text: "select public.mark_proposal_sent($1, 'a@b.example')", values: [id] },
				{ text: "update public.proposals set subject = 'X' where id = $1", values: [id] },
				{ text: 'update public.proposals set assigned_to = null where id = $1', values: [id] },
				{
					text: "insert into public.proposal_items (proposal_id, description, rate) values ($1, 'Mehr', 1)",
					values: [id]
				},
				{ text: 'update public.proposal_items set rate = 0 where id = $1', values: [item] },
				{ text: 'delete from public.proposal_items where id = $1', values: [item] }
			];
			for (const statement of attempts) {
				const outcome = await tx.attempt(signedIn(world.admin), statement);
				expect(outcome, statement.text).toMatchObject({
					ok: false,
					code: 'PT423',
					message: 'proposal accepted'
				});
			}
			// Even the database owner cannot change its content.
			await expect(
				tx.sql("update public.proposals set subject = 'Owner' where id = $1", [id])
			).rejects.toMatchObject({ code: 'PT423' });
		});
	});

	it('can be deleted with proposals.delete only', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const id = await createProposal(tx, world);
			await moveTo(tx, id, 'accepted');
			const remove = {
				text: 'delete from public.proposals where id = $1 returning id',
				values: [id]
			};
			expect(await tx.attempt(signedIn(world.creator), remove, { keep: false })).toMatchObject({
				ok: true,
				rowCount: 0
			});
			expect(await tx.attempt(signedIn(world.viewGlobal), remove)).toMatchObject({
				ok: true,
				rowCount: 1
			});
		});
	});
});

describe('duplicate_proposal', () => {
	it('copies into a new draft with its own number and link, dated today', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const id = await createProposal(tx, world, {
				proposal: { discount_type: 'percent', discount_value: 10, terms: 'AGB', open_till: null },
				items: [
					{ description: 'Eins', rate: 10, tax_rate: 7 },
					{ description: 'Zwei', rate: 20, tax_rate: 19 }
				]
			});
			await moveTo(tx, id, 'accepted');
			const [{ copy }] = await tx.as<{ copy: string }>(signedIn(world.assignee), {
				text: 'select public.duplicate_proposal($1) as copy',
				values: [id]
			});
			const [original, duplicate] = [await readProposal(tx, id), await readProposal(tx, copy)];
			expect(duplicate).toMatchObject({
				status: 'draft',
				version: 1,
				subject: original.subject,
				terms: 'AGB',
				discount_type: 'percent',
				total: original.total,
				created_by: world.assignee,
				lead_id: world.lead
			});
			expect(duplicate.number).not.toBe(original.number);
			expect(duplicate.public_token).not.toBe(original.public_token);
			const [{ today }] = await tx.sql<{ today: Date }>('select current_date as today');
			expect(duplicate.date).toEqual(today);
			const [{ count }] = await tx.sql<{ count: string }>(
				'select count(*) from public.proposal_items where proposal_id = $1',
				[copy]
			);
			expect(Number(count)).toBe(2);
		});
	});
});

describe('activity of a lead proposal', () => {
	it('logs created, status changes, sent, deleted with the staff member as actor', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			const id = await createProposal(tx, world);
			const creator = signedIn(world.creator);
			await tx.as(creator, { text: "select public.set_proposal_status($1, 'open')", values: [id] });
			await tx.as(creator, {
				text: "select public.mark_proposal_sent($1, 'kunde@beispiel.example')",
				values: [id]
			});
			await tx.as(creator, {
				text: "select public.set_proposal_status($1, 'declined')",
				values: [id]
			});
			await tx.as(signedIn(world.viewGlobal), {
				text: 'delete from public.proposals where id = $1',
				values: [id]
			});
			const entries = await proposalActivity(tx, world.lead);
			expect(entries.map((entry) => [entry.action, entry.actor_id])).toEqual([
				['proposal.created', world.creator],
				['proposal.status_changed', world.creator],
				['proposal.sent', world.creator],
				['proposal.declined', world.creator],
				['proposal.deleted', world.viewGlobal]
			]);
			expect(entries[1].details).toMatchObject({ proposal_id: id, old: 'draft', new: 'open' });
			expect(entries[2].details).toMatchObject({
				proposal_id: id,
				subject: 'Angebot Wartung',
				email: 'kunde@beispiel.example'
			});
			expect(entries[4].details).toEqual({ proposal_id: id, subject: 'Angebot Wartung' });
		});
	});

	it('a customer proposal has no lead and logs nothing', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const before = await tx.sql('select count(*) from public.lead_activity');
			await tx.sql(
				`with customer as (
					insert into public.customers (company, created_by) values ('K', $1) returning id
				)
				insert into public.proposals (subject, customer_id, created_by)
				select 'Kundenangebot', customer.id, $1 from customer`,
				[world.admin]
			);
			expect(await tx.sql('select count(*) from public.lead_activity')).toEqual(before);
		});
	});
});

describe('mark_proposal_sent', () => {
	it('sends from draft, open and revised, keeps sent, refuses declined', async () => {
		await db.inRollback(async (tx) => {
			const world = await createProposalWorld(tx);
			for (const from of ['draft', 'open', 'revised', 'sent', 'declined'] as const) {
				const id = await createProposal(tx, world);
				await moveTo(tx, id, from);
				const outcome = await tx.attempt(signedIn(world.assignee), {
					text: "select public.mark_proposal_sent($1, 'kunde@beispiel.example')",
					values: [id]
				});
				if (from === 'declined') {
					expect(outcome).toMatchObject({ ok: false, code: '22023' });
					continue;
				}
				expect(outcome.ok, from).toBe(true);
				const row = await readProposal(tx, id);
				expect(row.status).toBe('sent');
				expect(row.sent_at).toBeInstanceOf(Date);
			}
		});
	});
});

describe('realtime', () => {
	it('public.proposals is in the supabase_realtime publication', async () => {
		await db.inRollback(async (tx) => {
			const rows = await tx.sql(
				`select tablename from pg_publication_tables
				where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = 'proposals'`
			);
			expect(rows).toEqual([{ tablename: 'proposals' }]);
		});
	});
});
