/**
 * The RPC convert_lead_to_customer (design.md §10): who may call it, the refusals with their
 * distinguishable codes, linking an existing customer, carrying notes, and what it leaves on
 * the lead.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, signedIn, type Statement, type Transaction } from './as-role.ts';
import {
	callerOf,
	createLead,
	createWorld,
	grant,
	personaNames,
	type PersonaName,
	type World
} from './fixtures.ts';

const db = createDatabase();
afterAll(() => db.close());

const convert = (lead: string, customer: object | null = null, carryNotes = false): Statement => ({
	text: 'select public.convert_lead_to_customer($1, $2, $3) as customer_id',
	values: [lead, customer, carryNotes]
});

/** The world with customers.create granted to every role, so visibility alone decides. */
async function conversionWorld(tx: Transaction): Promise<World> {
	const world = await createWorld(tx);
	await grant(tx, world.sellerRole, ['customers.create']);
	await grant(tx, world.leaderRole, ['customers.create']);
	return world;
}

describe('who may convert the private lead', () => {
	const expected: Record<PersonaName, string> = {
		admin: 'converted',
		viewGlobal: 'converted',
		creator: 'converted',
		assignee: 'converted',
		unrelated: 'PT404',
		inactive: 'PT404',
		// anon may not even execute the function.
		anon: '42501'
	};
	it.each(personaNames)('%s', async (persona) => {
		await db.inRollback(async (tx) => {
			const world = await conversionWorld(tx);
			const outcome = await tx.attempt(callerOf(world, persona), convert(world.lead));
			expect(outcome.ok ? 'converted' : outcome.code).toBe(expected[persona]);
		});
	});

	it('needs customers.create even where the lead is visible', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const outcome = await tx.attempt(signedIn(world.creator), convert(world.lead));
			expect(outcome).toMatchObject({ ok: false, code: '42501' });
		});
	});
});

describe('a conversion', () => {
	it('creates the customer from the lead, marks the lead converted and logs it', async () => {
		await db.inRollback(async (tx) => {
			const world = await conversionWorld(tx);
			await tx.sql(
				"update public.leads set email = 'einkauf@kunde.example', phone = '+49 89 1', city = 'München' where id = $1",
				[world.lead]
			);
			const [{ customer_id: customerId }] = await tx.as<{ customer_id: string }>(
				signedIn(world.assignee),
				convert(world.lead, { vat_number: 'DE123456789', city: 'Augsburg' })
			);
			const [customer] = await tx.sql('select * from public.customers where id = $1', [customerId]);
			expect(customer).toMatchObject({
				company: 'Testfirma GmbH',
				contact_email: 'einkauf@kunde.example',
				phone: '+49 89 1',
				city: 'Augsburg',
				vat_number: 'DE123456789',
				created_by: world.assignee
			});
			const [lead] = await tx.sql<{ kind: string; customer_id: string; converted_at: Date }>(
				`select lead_statuses.kind, leads.customer_id, leads.converted_at
				from public.leads join public.lead_statuses on lead_statuses.id = leads.status_id
				where leads.id = $1`,
				[world.lead]
			);
			expect(lead).toMatchObject({ kind: 'converted', customer_id: customerId });
			expect(lead.converted_at).toBeInstanceOf(Date);
			const [entry] = await tx.sql(
				"select actor_id, details from public.lead_activity where lead_id = $1 and action = 'lead.converted'",
				[world.lead]
			);
			expect(entry).toMatchObject({
				actor_id: world.assignee,
				details: { customer_id: customerId }
			});
		});
	});

	it('refuses a second conversion with PT409 naming the customer', async () => {
		await db.inRollback(async (tx) => {
			const world = await conversionWorld(tx);
			const [{ customer_id: customerId }] = await tx.as<{ customer_id: string }>(
				signedIn(world.creator),
				convert(world.lead)
			);
			const again = await tx.attempt(signedIn(world.assignee), convert(world.lead));
			expect(again).toMatchObject({
				ok: false,
				code: 'PT409',
				message: 'lead already converted'
			});
			if (again.ok) throw new Error('unreachable');
			expect(JSON.parse(again.detail ?? '{}')).toMatchObject({ customer_id: customerId });
		});
	});

	it('links an existing customer with the same e-mail, even one the caller cannot see', async () => {
		await db.inRollback(async (tx) => {
			const world = await conversionWorld(tx);
			const [{ id: existing }] = await tx.sql<{ id: string }>(
				"insert into public.customers (company, contact_email, created_by) values ('Bestand AG', 'Info@Bestand.example', $1) returning id",
				[world.admin]
			);
			const lead = await createLead(tx, {
				createdBy: world.creator,
				email: 'info@bestand.example'
			});
			const [{ customer_id: customerId }] = await tx.as<{ customer_id: string }>(
				signedIn(world.creator),
				convert(lead)
			);
			expect(customerId).toBe(existing);
			const [{ count }] = await tx.sql<{ count: string }>(
				"select count(*) from public.customers where lower(contact_email) = 'info@bestand.example'"
			);
			expect(Number(count)).toBe(1);
		});
	});

	it('carries the notes over when asked to', async () => {
		await db.inRollback(async (tx) => {
			const world = await conversionWorld(tx);
			for (const body of ['Erstgespräch', 'Angebot besprochen']) {
				await tx.sql(
					'insert into public.lead_notes (lead_id, body, created_by) values ($1, $2, $3)',
					[world.lead, body, world.creator]
				);
			}
			const [{ customer_id: customerId }] = await tx.as<{ customer_id: string }>(
				signedIn(world.creator),
				convert(world.lead, null, true)
			);
			const notes = await tx.as<{ body: string; created_by: string }>(signedIn(world.creator), {
				text: 'select body, created_by from public.customer_notes where customer_id = $1 order by created_at, body',
				values: [customerId]
			});
			expect(notes).toEqual([
				{ body: 'Angebot besprochen', created_by: world.creator },
				{ body: 'Erstgespräch', created_by: world.creator }
			]);
		});
	});

	it('refuses unknown and invalid customer fields without converting', async () => {
		await db.inRollback(async (tx) => {
			const world = await conversionWorld(tx);
			expect(
				await tx.attempt(signedIn(world.creator), convert(world.lead, { id: 'x' }))
			).toMatchObject({ ok: false, code: '22023', message: 'unknown customer field: id' });
			expect(
				await tx.attempt(signedIn(world.creator), convert(world.lead, { contact_email: 'nope' }))
			).toMatchObject({ ok: false, code: '23514' });
			const [{ converted_at: convertedAt }] = await tx.sql<{ converted_at: Date | null }>(
				'select converted_at from public.leads where id = $1',
				[world.lead]
			);
			expect(convertedAt).toBeNull();
		});
	});
});
