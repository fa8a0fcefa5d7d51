/**
 * The double-contact guard (issue 6): add_lead_note per persona, the PT428 warning naming the
 * colleague and when, confirming, the team's window (lead_defaults.recent_contact_hours, changed
 * only with settings.manage), contacts by oneself, and two contacts at the same moment.
 */
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { env } from '../conformance/env.ts';
import { createDatabase, signedIn, type Statement, type Transaction } from './as-role.ts';
import {
	callerOf,
	createLead,
	createRole,
	createStaff,
	createWorld,
	personaNames,
	unique,
	type PersonaName
} from './fixtures.ts';

const db = createDatabase();
afterAll(() => db.close());

const hour = 3_600_000;

function addNote(
	lead: string,
	options: { contacted?: boolean; contactedAt?: Date | null; confirm?: boolean; body?: string } = {}
): Statement {
	return {
		text: 'select public.add_lead_note($1, $2, $3, $4, $5) as id',
		values: [
			lead,
			options.body ?? 'Telefonat',
			options.contacted ?? false,
			options.contactedAt ?? null,
			options.confirm ?? false
		]
	};
}

/** A contacted note written directly (as postgres), `hoursAgo` hours ago, by `author`. */
async function contactedBefore(tx: Transaction, lead: string, author: string, hoursAgo: number) {
	await tx.sql(
		`insert into public.lead_notes (lead_id, body, contacted, contacted_at, created_by)
		values ($1, 'Früherer Anruf', true, now() - make_interval(hours => $2), $3)`,
		[lead, hoursAgo, author]
	);
}

async function setWindow(tx: Transaction, hours: number) {
	await tx.sql('update public.lead_defaults set recent_contact_hours = $1', [hours]);
}

describe('who may add a note through add_lead_note', () => {
	const expected: Record<PersonaName, string> = {
		admin: 'added',
		viewGlobal: 'added',
		creator: 'added',
		assignee: 'added',
		unrelated: 'PT404',
		inactive: 'PT404',
		anon: '42501'
	};
	it.each(personaNames)('%s', async (persona) => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const outcome = await tx.attempt(callerOf(world, persona), addNote(world.lead));
			expect(outcome.ok ? 'added' : outcome.code).toBe(expected[persona]);
			if (outcome.ok) {
				const [note] = await tx.sql('select * from public.lead_notes where id = $1', [
					outcome.rows[0].id
				]);
				expect(note).toMatchObject({
					lead_id: world.lead,
					body: 'Telefonat',
					contacted: false,
					created_by: world[persona as Exclude<PersonaName, 'anon'>]
				});
			}
		});
	});
});

describe('a contact soon after a colleague’s', () => {
	it('is refused with PT428 naming the colleague and when, and nothing is written', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			await setWindow(tx, 24);
			await contactedBefore(tx, world.lead, world.viewGlobal, 2);
			const [{ full_name: name }] = await tx.sql<{ full_name: string }>(
				'select full_name from public.staff where id = $1',
				[world.viewGlobal]
			);
			const outcome = await tx.attempt(
				signedIn(world.assignee),
				addNote(world.lead, { contacted: true })
			);
			expect(outcome).toMatchObject({ ok: false, code: 'PT428' });
			const detail = JSON.parse((outcome.ok ? '' : outcome.detail) ?? '');
			expect(detail).toMatchObject({
				contacted_by: world.viewGlobal,
				contacted_by_name: name,
				window_hours: 24
			});
			const contactedAgo = Date.now() - new Date(detail.contacted_at).getTime();
			expect(contactedAgo).toBeGreaterThan(1.9 * hour);
			expect(contactedAgo).toBeLessThan(2.1 * hour);
			const [{ count }] = await tx.sql<{ count: string }>(
				'select count(*) from public.lead_notes where lead_id = $1',
				[world.lead]
			);
			expect(Number(count)).toBe(1);
		});
	});

	it('is written when confirmed, and the confirmation covers only that note', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			await setWindow(tx, 24);
			await contactedBefore(tx, world.lead, world.viewGlobal, 1);
			const [{ id }] = await tx.as<{ id: string }>(
				signedIn(world.assignee),
				addNote(world.lead, { contacted: true, confirm: true })
			);
			const [lead] = await tx.sql('select last_contact_by from public.leads where id = $1', [
				world.lead
			]);
			expect(lead.last_contact_by).toBe(world.assignee);
			expect(id).toMatch(/^[0-9a-f-]{36}$/);

			// Within the same transaction, a direct insert afterwards is asked again.
			const [{ name }] = await tx.sql<{ name: string }>(
				'select full_name as name from public.staff where id = $1',
				[world.assignee]
			);
			const again = await tx.attempt(signedIn(world.creator), {
				text: `insert into public.lead_notes (lead_id, body, contacted, created_by)
					values ($1, 'Noch ein Anruf', true, $2)`,
				values: [world.lead, world.creator]
			});
			expect(again).toMatchObject({ ok: false, code: 'PT428' });
			expect(JSON.parse((again.ok ? '' : again.detail) ?? '').contacted_by_name).toBe(name);
		});
	});

	it('is also refused when written straight into lead_notes', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			await setWindow(tx, 24);
			await contactedBefore(tx, world.lead, world.viewGlobal, 3);
			const outcome = await tx.attempt(signedIn(world.creator), {
				text: `insert into public.lead_notes (lead_id, body, contacted, created_by)
					values ($1, 'Angerufen', true, $2)`,
				values: [world.lead, world.creator]
			});
			expect(outcome).toMatchObject({ ok: false, code: 'PT428' });
		});
	});

	it('never warns about one’s own contact, nor for a note without contact', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			await setWindow(tx, 24);
			await contactedBefore(tx, world.lead, world.assignee, 1);
			const own = await tx.attempt(
				signedIn(world.assignee),
				addNote(world.lead, { contacted: true })
			);
			expect(own).toMatchObject({ ok: true });
			const plain = await tx.attempt(signedIn(world.creator), addNote(world.lead));
			expect(plain).toMatchObject({ ok: true });
		});
	});

	it('does not tell someone who may not see the lead who contacted it', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			await contactedBefore(tx, world.lead, world.viewGlobal, 1);
			const outcome = await tx.attempt(signedIn(world.unrelated), {
				text: `insert into public.lead_notes (lead_id, body, contacted, created_by)
					values ($1, 'Angerufen', true, $2)`,
				values: [world.lead, world.unrelated]
			});
			expect(outcome).toMatchObject({ ok: false, code: '42501' });
			expect(outcome.ok ? '' : `${outcome.message} ${outcome.detail ?? ''}`).not.toContain(
				world.viewGlobal
			);
		});
	});
});

describe('the window', () => {
	it.each([
		{ window: 24, hoursAgo: 23, warns: true },
		{ window: 24, hoursAgo: 25, warns: false },
		{ window: 4, hoursAgo: 5, warns: false },
		{ window: 48, hoursAgo: 30, warns: true },
		{ window: 0, hoursAgo: 1, warns: false }
	])(
		'a colleague’s contact $hoursAgo h ago with a window of $window h warns: $warns',
		async ({ window, hoursAgo, warns }) => {
			await db.inRollback(async (tx) => {
				const world = await createWorld(tx);
				await setWindow(tx, window);
				await contactedBefore(tx, world.lead, world.viewGlobal, hoursAgo);
				const outcome = await tx.attempt(
					signedIn(world.assignee),
					addNote(world.lead, { contacted: true })
				);
				expect(outcome.ok ? 'added' : outcome.code).toBe(warns ? 'PT428' : 'added');
			});
		}
	);

	it('defaults to 24 hours', async () => {
		await db.inRollback(async (tx) => {
			const [column] = await tx.sql<{ column_default: string }>(
				`select column_default from information_schema.columns
				where table_schema = 'public' and table_name = 'lead_defaults'
					and column_name = 'recent_contact_hours'`
			);
			expect(column.column_default).toBe('24');
		});
	});

	it('is changed only by settings managers, within 0 to 720 hours', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const managerRole = await createRole(tx, ['settings.manage']);
			const manager = await createStaff(tx, { roleId: managerRole });
			const change = (hours: number): Statement => ({
				text: 'update public.lead_defaults set recent_contact_hours = $1 returning recent_contact_hours',
				values: [hours]
			});
			for (const persona of ['viewGlobal', 'creator', 'unrelated', 'inactive', 'anon'] as const) {
				const outcome = await tx.attempt(callerOf(world, persona), change(6), { keep: false });
				expect(outcome, persona).toMatchObject({ ok: true, rowCount: 0 });
			}
			expect(await tx.attempt(signedIn(world.admin), change(12), { keep: false })).toMatchObject({
				ok: true,
				rowCount: 1
			});
			expect(await tx.attempt(signedIn(manager), change(6))).toMatchObject({
				ok: true,
				rows: [{ recent_contact_hours: 6 }]
			});
			expect(await tx.attempt(signedIn(manager), change(721))).toMatchObject({
				ok: false,
				code: '23514'
			});
			expect(await tx.attempt(signedIn(manager), change(-1))).toMatchObject({
				ok: false,
				code: '23514'
			});
			// Everyone active reads it (the app needs it nowhere else, but the defaults are shared).
			const [read] = await tx.as<{ recent_contact_hours: number }>(
				signedIn(world.unrelated),
				'select recent_contact_hours from public.lead_defaults'
			);
			expect(read.recent_contact_hours).toBe(6);
		});
	});
});

describe('two contacts at the same moment', () => {
	it('the second waits for the first and is then asked to confirm', async () => {
		// Two real connections, committed data: the lock only matters between transactions.
		const setup = new pg.Client({ connectionString: env.dbUrl });
		const first = new pg.Client({ connectionString: env.dbUrl });
		const second = new pg.Client({ connectionString: env.dbUrl });
		await Promise.all([setup.connect(), first.connect(), second.connect()]);
		const staffIds: string[] = [];
		let leadId: string | undefined;
		try {
			for (const label of ['Erste', 'Zweite']) {
				const [{ id }] = (
					await setup.query<{ id: string }>(
						`insert into auth.users (id, aud, role, email, raw_user_meta_data, created_at, updated_at)
						values (gen_random_uuid(), 'authenticated', 'authenticated',
							'db-race-' || gen_random_uuid() || '@leadwerk.test', $1, now(), now())
						returning id`,
						[{ full_name: unique(label) }]
					)
				).rows;
				staffIds.push(id);
			}
			const [creatorId, colleagueId] = staffIds;
			leadId = (
				await setup.query<{ id: string }>(
					`insert into public.leads (name, created_by, is_public) values ($1, $2, true)
					returning id`,
					[unique('Race-Lead'), creatorId]
				)
			).rows[0].id;
			const window = (
				await setup.query<{ hours: number }>(
					'select recent_contact_hours as hours from public.lead_defaults'
				)
			).rows[0].hours;

			const begin = async (client: pg.Client, staffId: string) => {
				await client.query('begin');
				await client.query(
					`select set_config('role', 'authenticated', true),
						set_config('request.jwt.claims', $1, true)`,
					[JSON.stringify({ sub: staffId, role: 'authenticated' })]
				);
			};
			await begin(first, creatorId);
			await begin(second, colleagueId);
			await first.query('select public.add_lead_note($1, $2, true)', [leadId, 'Erster Anruf']);
			// The second contact blocks on the lead's lock until the first commits.
			const secondOutcome = second
				.query('select public.add_lead_note($1, $2, true)', [leadId, 'Zweiter Anruf'])
				.then(
					() => 'added',
					(error: { code?: string }) => error.code
				);
			await new Promise((resolve) => setTimeout(resolve, 300));
			await first.query('commit');
			const outcome = await secondOutcome;
			await second.query('rollback');
			expect(outcome).toBe(window > 0 ? 'PT428' : 'added');
		} finally {
			await first.query('rollback').catch(() => {});
			await second.query('rollback').catch(() => {});
			if (leadId) await setup.query('delete from public.leads where id = $1', [leadId]);
			if (staffIds.length) {
				await setup.query('delete from auth.users where id = any($1)', [staffIds]);
			}
			await Promise.all([setup.end(), first.end(), second.end()]);
		}
	});
});

it('on a public lead, any active colleague may log the first contact', async () => {
	await db.inRollback(async (tx) => {
		const world = await createWorld(tx);
		const other = await createLead(tx, { createdBy: world.creator, isPublic: true });
		const outcome = await tx.attempt(
			signedIn(world.unrelated),
			addNote(other, { contacted: true })
		);
		expect(outcome).toMatchObject({ ok: true });
	});
});
