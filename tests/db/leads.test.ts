/**
 * Leads beyond who sees them: optimistic concurrency, the columns the database keeps for itself,
 * the constraints that mirror the app's zod schema, the contact log, status rules and deleting.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, signedIn, type Transaction } from './as-role.ts';
import { createLead, createRole, createStaff, createWorld, unique } from './fixtures.ts';

const db = createDatabase();
afterAll(() => db.close());

async function leadRow(tx: Transaction, id: string) {
	const [row] = await tx.sql<{
		version: number;
		last_contact_at: Date | null;
		last_contact_by: string | null;
		assigned_at: Date | null;
		status_changed_at: Date;
		updated_by: string | null;
	}>('select * from public.leads where id = $1', [id]);
	return row;
}

describe('optimistic concurrency', () => {
	it('increments version on every update', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			expect((await leadRow(tx, world.lead)).version).toBe(1);
			await tx.as(signedIn(world.creator), {
				text: "update public.leads set city = 'Bonn' where id = $1",
				values: [world.lead]
			});
			await tx.as(signedIn(world.assignee), {
				text: "update public.leads set city = 'Köln' where id = $1",
				values: [world.lead]
			});
			expect((await leadRow(tx, world.lead)).version).toBe(3);
		});
	});

	it('refuses an update carrying a stale version with PT409 naming who changed it', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const [{ full_name: creatorName }] = await tx.sql<{ full_name: string }>(
				'select full_name from public.staff where id = $1',
				[world.creator]
			);
			// Both read version 1; the creator saves first.
			const saveWithVersionOne = (city: string) => ({
				text: 'update public.leads set city = $2, version = 1 where id = $1',
				values: [world.lead, city]
			});
			expect(await tx.attempt(signedIn(world.creator), saveWithVersionOne('Bonn'))).toMatchObject({
				ok: true,
				rowCount: 1
			});
			const stale = await tx.attempt(signedIn(world.assignee), saveWithVersionOne('Köln'));
			expect(stale).toMatchObject({
				ok: false,
				code: 'PT409',
				message: 'lead was changed by someone else'
			});
			if (stale.ok) throw new Error('unreachable');
			expect(JSON.parse(stale.detail ?? '{}')).toMatchObject({
				current_version: 2,
				updated_by: world.creator,
				updated_by_name: creatorName
			});
			const [{ city }] = await tx.sql<{ city: string }>(
				'select city from public.leads where id = $1',
				[world.lead]
			);
			expect(city).toBe('Bonn');
		});
	});

	it('accepts an update carrying the current version', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const rows = await tx.as<{ version: number }>(signedIn(world.creator), {
				text: "update public.leads set city = 'Bonn', version = 1 where id = $1 returning version",
				values: [world.lead]
			});
			expect(rows).toEqual([{ version: 2 }]);
		});
	});
});

describe('columns the database maintains', () => {
	it.each([
		['last_contact_at', 'now()'],
		['last_contact_by', '$2::uuid'],
		['converted_at', 'now()'],
		['created_by', '$2::uuid']
	])('an API caller cannot set %s on update', async (column, value) => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const outcome = await tx.attempt(signedIn(world.creator), {
				text: `update public.leads set ${column} = ${value} where id = $1`,
				values: value.startsWith('$2') ? [world.lead, world.unrelated] : [world.lead]
			});
			expect(outcome).toMatchObject({
				ok: false,
				code: '42501',
				message: `leads.${column} is maintained by the database`
			});
		});
	});

	it('an API caller cannot preset them on insert, nor create a lead in a colleague’s name', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const preset = await tx.attempt(signedIn(world.creator), {
				text: "insert into public.leads (name, created_by, last_contact_at) values ('X', $1, now())",
				values: [world.creator]
			});
			expect(preset).toMatchObject({ ok: false, code: '42501' });
			const impersonated = await tx.attempt(signedIn(world.creator), {
				text: "insert into public.leads (name, created_by) values ('X', $1)",
				values: [world.unrelated]
			});
			expect(impersonated).toMatchObject({ ok: false, code: '42501' });
		});
	});

	it('fills status, assigned_at and updated_by on insert and keeps status_changed_at', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const [created] = await tx.as<{ id: string; status_key: string; assigned_at: Date }>(
				signedIn(world.creator),
				{
					text: `insert into public.leads (name, created_by, assigned_to) values ('Quick', $1, $2)
						returning id, (select key from public.lead_statuses where id = status_id) as status_key,
						assigned_at`,
					values: [world.creator, world.assignee]
				}
			);
			expect(created.status_key).toBe('cold');
			expect(created.assigned_at).toBeInstanceOf(Date);
			const before = await leadRow(tx, created.id);
			expect(before.updated_by).toBe(world.creator);

			await tx.as(signedIn(world.creator), {
				text: "update public.leads set status_id = (select id from public.lead_statuses where key = 'hot') where id = $1",
				values: [created.id]
			});
			const after = await leadRow(tx, created.id);
			expect(after.status_changed_at.getTime()).toBeGreaterThanOrEqual(
				before.status_changed_at.getTime()
			);
			expect(after.assigned_at).toEqual(before.assigned_at);
		});
	});
});

describe('constraints mirror the lead form', () => {
	const valid = {
		email: 'anna.schmidt@firma.example',
		website: 'https://www.firma.example/kontakt',
		tags: ['Messe', 'a'.repeat(40)],
		value: '0'
	};
	it.each([
		['name', "''"],
		['name', `'${'x'.repeat(201)}'`],
		['email', "'anna@'"],
		['email', "'anna..schmidt@firma.example'"],
		['email', "'anna schmidt@firma.example'"],
		['website', "'www.firma.example'"],
		['website', "'ftp://firma.example'"],
		['value', '-1'],
		['tags', `array['${'x'.repeat(41)}']`],
		['tags', "array['']"],
		['tags', `(select array_agg('t' || g) from generate_series(1, 21) g)`],
		['default_language', "'fr'"],
		['phone', `'${'1'.repeat(51)}'`]
	])('refuses %s = %s', async (column, value) => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const outcome = await tx.attempt(signedIn(world.creator), {
				text: `update public.leads set ${column} = ${value} where id = $1`,
				values: [world.lead]
			});
			expect(outcome).toMatchObject({ ok: false, code: '23514' });
		});
	});

	it('accepts the boundary values', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const outcome = await tx.attempt(signedIn(world.creator), {
				text: `update public.leads set email = $2, website = $3, tags = $4, value = $5,
					name = $6 where id = $1`,
				values: [
					world.lead,
					valid.email,
					valid.website,
					[...valid.tags, ...Array.from({ length: 18 }, (_, i) => `tag${i}`)],
					valid.value,
					'n'.repeat(200)
				]
			});
			expect(outcome).toMatchObject({ ok: true, rowCount: 1 });
		});
	});
});

describe('the contact log', () => {
	async function addNote(
		tx: Transaction,
		lead: string,
		author: string,
		contactedAt: string | null
	): Promise<string> {
		const [row] = await tx.as<{ id: string }>(signedIn(author), {
			text: `insert into public.lead_notes (lead_id, body, contacted, contacted_at, created_by)
				values ($1, 'Telefonat', $2, $3, $4) returning id`,
			values: [lead, contactedAt !== null, contactedAt, author]
		});
		return row.id;
	}

	it('a contacted note sets last contact; the latest contact wins; deleting it falls back', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			await addNote(tx, world.lead, world.creator, null);
			expect(await leadRow(tx, world.lead)).toMatchObject({
				last_contact_at: null,
				last_contact_by: null
			});

			await addNote(tx, world.lead, world.creator, '2026-03-01T10:00:00Z');
			const latest = await addNote(tx, world.lead, world.assignee, '2026-03-05T09:30:00Z');
			await addNote(tx, world.lead, world.creator, '2026-03-02T08:00:00Z');
			expect(await leadRow(tx, world.lead)).toMatchObject({
				last_contact_at: new Date('2026-03-05T09:30:00Z'),
				last_contact_by: world.assignee
			});

			await tx.as(signedIn(world.assignee), {
				text: 'delete from public.lead_notes where id = $1',
				values: [latest]
			});
			expect(await leadRow(tx, world.lead)).toMatchObject({
				last_contact_at: new Date('2026-03-02T08:00:00Z'),
				last_contact_by: world.creator
			});
		});
	});

	it('a contacted note without a time was contacted now', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const [note] = await tx.as<{ contacted_at: Date }>(signedIn(world.assignee), {
				text: `insert into public.lead_notes (lead_id, body, contacted, created_by)
					values ($1, 'Angerufen', true, $2) returning contacted_at`,
				values: [world.lead, world.assignee]
			});
			expect(note.contacted_at).toBeInstanceOf(Date);
			expect((await leadRow(tx, world.lead)).last_contact_by).toBe(world.assignee);
		});
	});
});

describe('statuses and deleting', () => {
	it('a status in use cannot be deleted, an unused one can', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const [{ id: unused }] = await tx.sql<{ id: string }>(
				'insert into public.lead_statuses (name) values ($1) returning id',
				[unique('Status')]
			);
			const inUse = await tx.attempt(signedIn(world.admin), {
				text: 'delete from public.lead_statuses where id = (select status_id from public.leads where id = $1)',
				values: [world.lead]
			});
			expect(inUse).toMatchObject({ ok: false, code: '23503' });
			const free = await tx.attempt(signedIn(world.admin), {
				text: 'delete from public.lead_statuses where id = $1',
				values: [unused]
			});
			expect(free).toMatchObject({ ok: true, rowCount: 1 });
		});
	});

	it('leads.delete lets a member delete the leads they may view, and only those', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const deleterRole = await createRole(tx, ['leads.delete']);
			const deleter = await createStaff(tx, { roleId: deleterRole });
			const own = await createLead(tx, { createdBy: deleter });
			const deleteLead = (id: string) => ({
				text: 'delete from public.leads where id = $1',
				values: [id]
			});
			expect(await tx.attempt(signedIn(deleter), deleteLead(world.lead))).toMatchObject({
				ok: true,
				rowCount: 0
			});
			expect(await tx.attempt(signedIn(deleter), deleteLead(own))).toMatchObject({
				ok: true,
				rowCount: 1
			});
		});
	});

	it('deleting a lead takes its children with it', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			await tx.sql(
				"insert into public.lead_notes (lead_id, body, created_by) values ($1, 'Notiz', $2)",
				[world.lead, world.creator]
			);
			await tx.sql(
				`insert into public.lead_attachments (lead_id, object_path, file_name, size)
				values ($1, $2, 'a.pdf', 1)`,
				[world.lead, `${world.lead}/x-a.pdf`]
			);
			await tx.as(signedIn(world.admin), {
				text: 'delete from public.leads where id = $1',
				values: [world.lead]
			});
			const [{ count }] = await tx.sql<{ count: string }>(
				`select (select count(*) from public.lead_notes where lead_id = $1)
					+ (select count(*) from public.lead_attachments where lead_id = $1)
					+ (select count(*) from public.lead_activity where lead_id = $1) as count`,
				[world.lead]
			);
			expect(Number(count)).toBe(0);
		});
	});
});
