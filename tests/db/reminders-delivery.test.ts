/**
 * Delivery of due reminders in the database (design.md §6, notifications contract):
 * claim_due_reminders / complete_reminder_delivery for send-reminders (service role only) —
 * parallel claims never share a reminder, one reminder.due notification per reminder, backoff and
 * the attempt limit, reminders without e-mail, nothing of a lead its recipient may no longer see —
 * plus the rule that a reminder only goes to someone who may see the lead, and the notifications
 * of new notes and contacts to the lead's assignee.
 */
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { env } from '../conformance/env.ts';
import { anon, createDatabase, signedIn, type Transaction } from './as-role.ts';
import {
	callerOf,
	createLead,
	createStaff,
	createWorld,
	insertReturningId,
	personaNames,
	selfOf,
	type PersonaName,
	type World
} from './fixtures.ts';

const db = createDatabase();
afterAll(() => db.close());

interface Claimed {
	reminder_id: string;
	claim_id: string;
	attempt: number;
	send_email: boolean;
	recipient_id: string;
	recipient_email: string | null;
	recipient_name: string | null;
	recipient_language: string | null;
	lead_id: string;
	lead_visible: boolean;
	lead_name: string | null;
	company: string | null;
	description: string | null;
	remind_at: Date;
}

interface ReminderState {
	attempts: number;
	notified_at: Date | null;
	last_error: string | null;
	retry_in: string | null;
}

/** Runs SQL as the service role, the only role send-reminders' functions are granted to. */
async function asService<Row extends pg.QueryResultRow>(
	tx: Transaction,
	text: string,
	values?: unknown[]
): Promise<Row[]> {
	await tx.sql('set local role service_role');
	const rows = await tx.sql<Row>(text, values);
	await tx.sql('reset role');
	return rows;
}

/** Claims as send-reminders does and keeps only the given reminders (others may be due too). */
async function claim(tx: Transaction, reminders: string[]): Promise<Claimed[]> {
	const rows = await asService<Claimed & pg.QueryResultRow>(
		tx,
		'select * from public.claim_due_reminders(500)'
	);
	return rows.filter((row) => reminders.includes(row.reminder_id));
}

async function complete(tx: Transaction, row: Claimed, error: string | null): Promise<boolean> {
	const [{ recorded }] = await asService<{ recorded: boolean }>(
		tx,
		'select public.complete_reminder_delivery($1, $2, $3) as recorded',
		[row.reminder_id, row.claim_id, error]
	);
	return recorded;
}

async function state(tx: Transaction, reminder: string): Promise<ReminderState> {
	const [row] = await tx.sql<ReminderState & pg.QueryResultRow>(
		`select attempts, notified_at, last_error, (next_attempt_at - now())::text as retry_in
		from public.reminders where id = $1`,
		[reminder]
	);
	return row;
}

/** Lets the time until the next attempt pass (now() is fixed inside the test's transaction). */
async function waitOut(tx: Transaction, reminder: string) {
	await tx.sql(
		'update public.reminders set next_attempt_at = now() - interval $$1 second$$ where id = $1',
		[reminder]
	);
}

async function notificationsOf(tx: Transaction, staff: string, kind: string) {
	return tx.sql<{ payload: Record<string, unknown> }>(
		'select payload from public.notifications where staff_id = $1 and kind = $2 order by created_at',
		[staff, kind]
	);
}

async function dueReminder(
	tx: Transaction,
	options: { lead: string; remind: string; by: string; email?: boolean; description?: string }
): Promise<string> {
	return insertReturningId(
		tx,
		`insert into public.reminders
			(lead_id, remind_staff_id, remind_at, description, notify_by_email, created_by)
		values ($1, $2, now() - interval '1 minute', $3, $4, $5)`,
		[
			options.lead,
			options.remind,
			options.description ?? 'Angebot nachfassen',
			options.email ?? true,
			options.by
		]
	);
}

describe('claim_due_reminders', () => {
	it('claims a due reminder once, returns what the mail needs and notifies once', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			await tx.sql(`update public.staff set language = 'en' where id = $1`, [world.assignee]);
			const reminder = await dueReminder(tx, {
				lead: world.lead,
				remind: world.assignee,
				by: world.creator
			});
			const later = await insertReturningId(
				tx,
				`insert into public.reminders (lead_id, remind_staff_id, remind_at, description, created_by)
				values ($1, $2, now() + interval '1 hour', 'Später', $2)`,
				[world.lead, world.assignee]
			);
			const [lead] = await tx.sql<{ name: string; email: string; full_name: string }>(
				`select leads.name, staff.email, staff.full_name from public.leads, public.staff
				where leads.id = $1 and staff.id = $2`,
				[world.lead, world.assignee]
			);

			const claimed = await claim(tx, [reminder, later]);
			expect(claimed).toEqual([
				{
					reminder_id: reminder,
					claim_id: expect.any(String),
					attempt: 1,
					send_email: true,
					recipient_id: world.assignee,
					recipient_email: lead.email,
					recipient_name: lead.full_name,
					recipient_language: 'en',
					lead_id: world.lead,
					lead_visible: true,
					lead_name: lead.name,
					company: 'Testfirma GmbH',
					description: 'Angebot nachfassen',
					remind_at: expect.any(Date)
				}
			]);
			expect(await state(tx, reminder)).toEqual({
				attempts: 1,
				notified_at: null,
				last_error: null,
				retry_in: '00:10:00'
			});
			expect(await notificationsOf(tx, world.assignee, 'reminder.due')).toEqual([
				{
					payload: {
						reminder_id: reminder,
						lead_id: world.lead,
						lead_name: lead.name,
						company: 'Testfirma GmbH',
						description: 'Angebot nachfassen',
						remind_at: expect.any(String)
					}
				}
			]);

			// Leased: a second run gets nothing until the lease has run out.
			expect(await claim(tx, [reminder])).toEqual([]);
			await waitOut(tx, reminder);
			expect(await claim(tx, [reminder])).toEqual([
				expect.objectContaining({ reminder_id: reminder, attempt: 2 })
			]);
			expect(await notificationsOf(tx, world.assignee, 'reminder.due')).toHaveLength(1);
		});
	});

	it('finishes reminders without e-mail at once, with their notification', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const inAppOnly = await dueReminder(tx, {
				lead: world.lead,
				remind: world.assignee,
				by: world.creator,
				email: false
			});
			// A deactivated recipient gets no mail either (the notification stays for their return).
			const deactivated = await createStaff(tx, { isAdmin: true });
			const toDeactivated = await dueReminder(tx, {
				lead: world.lead,
				remind: deactivated,
				by: world.creator
			});
			await tx.sql('update public.staff set active = false where id = $1', [deactivated]);

			const claimed = await claim(tx, [inAppOnly, toDeactivated]);
			expect(claimed.map((row) => [row.reminder_id, row.send_email]).sort()).toEqual(
				[
					[inAppOnly, false],
					[toDeactivated, false]
				].sort()
			);
			for (const reminder of [inAppOnly, toDeactivated]) {
				const after = await state(tx, reminder);
				expect(after.attempts).toBe(1);
				expect(after.notified_at).toBeInstanceOf(Date);
				expect(after.retry_in).toBeNull();
			}
			expect(await notificationsOf(tx, world.assignee, 'reminder.due')).toHaveLength(1);
			expect(await notificationsOf(tx, deactivated, 'reminder.due')).toHaveLength(1);
			expect(await claim(tx, [inAppOnly, toDeactivated])).toEqual([]);
		});
	});

	it('leaves reminders that are not due, already notified or handed out alone', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const notified = await dueReminder(tx, {
				lead: world.lead,
				remind: world.assignee,
				by: world.creator
			});
			await tx.sql('update public.reminders set notified_at = now() where id = $1', [notified]);
			const retryLater = await dueReminder(tx, {
				lead: world.lead,
				remind: world.assignee,
				by: world.creator
			});
			await tx.sql(
				`update public.reminders set next_attempt_at = now() + interval '1 minute' where id = $1`,
				[retryLater]
			);
			expect(await claim(tx, [notified, retryLater])).toEqual([]);
			expect(await notificationsOf(tx, world.assignee, 'reminder.due')).toEqual([]);
		});
	});

	it('re-arms a reminder whose time moves: a new notification at the new time', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const reminder = await dueReminder(tx, {
				lead: world.lead,
				remind: world.assignee,
				by: world.creator
			});
			const [first] = await claim(tx, [reminder]);
			expect(await complete(tx, first, null)).toBe(true);
			await tx.as(signedIn(world.creator), {
				text: `update public.reminders set remind_at = now() - interval '30 seconds' where id = $1`,
				values: [reminder]
			});
			expect(await state(tx, reminder)).toEqual({
				attempts: 0,
				notified_at: null,
				last_error: null,
				retry_in: null
			});
			// The claim of the old time is void.
			expect(await complete(tx, first, 'late')).toBe(false);
			expect(await claim(tx, [reminder])).toEqual([
				expect.objectContaining({ reminder_id: reminder, attempt: 1 })
			]);
			expect(await notificationsOf(tx, world.assignee, 'reminder.due')).toHaveLength(2);
		});
	});

	it('names nothing of a lead its recipient may no longer see', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const reminder = await dueReminder(tx, {
				lead: world.lead,
				remind: world.assignee,
				by: world.creator,
				description: 'Geheimes Budget besprechen'
			});
			// Handed to a colleague: the former assignee no longer sees this private lead.
			await tx.sql('update public.leads set assigned_to = $2 where id = $1', [
				world.lead,
				world.colleague
			]);
			expect(await claim(tx, [reminder])).toEqual([
				expect.objectContaining({
					reminder_id: reminder,
					send_email: true,
					lead_id: world.lead,
					lead_visible: false,
					lead_name: null,
					company: null,
					description: null
				})
			]);
			expect(await notificationsOf(tx, world.assignee, 'reminder.due')).toEqual([
				{
					payload: {
						reminder_id: reminder,
						lead_id: world.lead,
						lead_name: null,
						company: null,
						description: null,
						remind_at: expect.any(String)
					}
				}
			]);
		});
	});

	it('refuses a batch size outside 1–500', async () => {
		await db.inRollback(async (tx) => {
			await tx.sql('set local role service_role');
			await expect(tx.sql('select * from public.claim_due_reminders(0)')).rejects.toMatchObject({
				code: '22023'
			});
		});
	});
});

describe('complete_reminder_delivery', () => {
	it('records a sent mail', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const reminder = await dueReminder(tx, {
				lead: world.lead,
				remind: world.assignee,
				by: world.creator
			});
			const [claimed] = await claim(tx, [reminder]);
			expect(await complete(tx, { ...claimed, claim_id: randomUUID() }, null)).toBe(false);
			expect((await state(tx, reminder)).notified_at).toBeNull();
			expect(await complete(tx, claimed, null)).toBe(true);
			const after = await state(tx, reminder);
			expect(after).toMatchObject({ attempts: 1, last_error: null, retry_in: null });
			expect(after.notified_at).toBeInstanceOf(Date);
			expect(await complete(tx, claimed, null)).toBe(false);
			await waitOut(tx, reminder);
			expect(await claim(tx, [reminder])).toEqual([]);
		});
	});

	it('retries a failed mail after 1, 5, 15 and 60 minutes and gives up after five attempts', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const reminder = await dueReminder(tx, {
				lead: world.lead,
				remind: world.assignee,
				by: world.creator
			});
			const waits = ['00:01:00', '00:05:00', '00:15:00', '01:00:00', null];
			for (const [index, wait] of waits.entries()) {
				const claimed = await claim(tx, [reminder]);
				expect(claimed).toEqual([expect.objectContaining({ attempt: index + 1 })]);
				expect(
					await complete(tx, claimed[0], `SMTP refused (${index + 1}) ${'x'.repeat(2500)}`)
				).toBe(true);
				const after = await state(tx, reminder);
				expect(after).toMatchObject({ attempts: index + 1, notified_at: null, retry_in: wait });
				expect(after.last_error).toHaveLength(2000);
				expect(after.last_error).toMatch(new RegExp(`^SMTP refused \\(${index + 1}\\)`));
				// Not before its time.
				expect(await claim(tx, [reminder])).toEqual([]);
				await waitOut(tx, reminder);
			}
			// Given up: never claimed again, the last error stays for people to read.
			expect(await claim(tx, [reminder])).toEqual([]);
			expect((await state(tx, reminder)).last_error).toMatch(/^SMTP refused \(5\)/);
			expect(await notificationsOf(tx, world.assignee, 'reminder.due')).toHaveLength(1);
		});
	});
});

describe('who may run the delivery functions', () => {
	const calls = [
		'select * from public.claim_due_reminders(1)',
		`select public.complete_reminder_delivery(gen_random_uuid(), gen_random_uuid(), null)`,
		'select * from private.claim_due_reminders(1)',
		`select private.complete_reminder_delivery(gen_random_uuid(), gen_random_uuid(), null)`
	];

	it.each(calls)('anon and staff, even administrators, may not: %s', async (call) => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			for (const caller of [anon, signedIn(world.admin), signedIn(world.assignee)]) {
				expect(await tx.attempt(caller, call, { keep: false })).toMatchObject({
					ok: false,
					code: '42501'
				});
			}
		});
	});

	it('only the service role holds EXECUTE', async () => {
		await db.inRollback(async (tx) => {
			const rows = await tx.sql<{ role: string; fn: string; allowed: boolean }>(
				`select role, fn, has_function_privilege(role, fn, 'execute') as allowed
				from unnest(array['anon', 'authenticated', 'service_role']) as role,
					unnest(array[
						'public.claim_due_reminders(integer)',
						'public.complete_reminder_delivery(uuid, uuid, text)',
						'private.claim_due_reminders(integer)',
						'private.complete_reminder_delivery(uuid, uuid, text)'
					]) as fn`
			);
			expect(rows).toHaveLength(12);
			for (const row of rows)
				expect(row.allowed, `${row.role} ${row.fn}`).toBe(row.role === 'service_role');
		});
	});
});

describe('parallel claims', () => {
	const pool = new pg.Pool({ connectionString: env.dbUrl, max: 3 });
	afterAll(() => pool.end());

	/**
	 * Committed data, since parallel connections cannot see a rolled-back transaction: a staff
	 * member, a lead and `count` reminders due now. Removed again by `remove`.
	 */
	async function committedDueReminders(count: number) {
		const staff = randomUUID();
		await pool.query(
			`insert into auth.users (id, aud, role, email, raw_user_meta_data, created_at, updated_at)
			values ($1, 'authenticated', 'authenticated', $2, '{"full_name": "Parallel Test"}', now(), now())`,
			[staff, `db-test-parallel-${staff}@leadwerk.test`]
		);
		const {
			rows: [{ id: lead }]
		} = await pool.query<{ id: string }>(
			`insert into public.leads (name, created_by, assigned_to) values ($1, $2, $2) returning id`,
			[`Parallel ${staff.slice(0, 8)}`, staff]
		);
		const { rows } = await pool.query<{ id: string }>(
			`insert into public.reminders
				(lead_id, remind_staff_id, remind_at, description, notify_by_email, created_by)
			select $1, $2, now() - interval '1 minute', 'Parallel ' || n, true, $2
			from generate_series(1, $3) as n
			returning id`,
			[lead, staff, count]
		);
		return {
			staff,
			reminders: rows.map((row) => row.id),
			remove: async () => {
				await pool.query('delete from public.leads where id = $1', [lead]);
				await pool.query('delete from auth.users where id = $1', [staff]);
			}
		};
	}

	async function claimOn(client: pg.PoolClient, mine: string[]): Promise<string[]> {
		await client.query('set local role service_role');
		const { rows } = await client.query<{ reminder_id: string }>(
			'select reminder_id from public.claim_due_reminders(500)'
		);
		return rows.map((row) => row.reminder_id).filter((id) => mine.includes(id));
	}

	/** Every reminder was claimed exactly once and notified exactly once, by whichever run. */
	async function expectEachClaimedOnce(staff: string, reminders: string[]) {
		const { rows } = await pool.query<{ id: string; attempts: number; notifications: number }>(
			`select reminders.id, reminders.attempts,
				(select count(*)::int from public.notifications
				where notifications.staff_id = $1 and notifications.kind = 'reminder.due'
					and notifications.payload ->> 'reminder_id' = reminders.id::text) as notifications
			from public.reminders where reminders.id = any($2)`,
			[staff, reminders]
		);
		expect(rows).toHaveLength(reminders.length);
		for (const row of rows) expect(row).toMatchObject({ attempts: 1, notifications: 1 });
	}

	it('a run skips what another run holds', async () => {
		const data = await committedDueReminders(8);
		const first = await pool.connect();
		const second = await pool.connect();
		try {
			await first.query('begin');
			const firstClaim = await claimOn(first, data.reminders);
			expect(firstClaim.length).toBeGreaterThan(0);
			await second.query('begin');
			// Not blocked by the first run's locks, and none of its reminders.
			const secondClaim = await claimOn(second, data.reminders);
			expect(secondClaim.filter((id) => firstClaim.includes(id))).toEqual([]);
			await first.query('commit');
			await second.query('commit');
			await expectEachClaimedOnce(data.staff, data.reminders);
		} finally {
			await first.query('rollback').catch(() => {});
			await second.query('rollback').catch(() => {});
			first.release();
			second.release();
			await data.remove();
		}
	});

	it('two runs at the same moment get disjoint sets', async () => {
		const data = await committedDueReminders(30);
		const clients = [await pool.connect(), await pool.connect()];
		try {
			const claims = await Promise.all(
				clients.map(async (client) => {
					await client.query('begin');
					const claimed = await claimOn(client, data.reminders);
					await client.query('commit');
					return claimed;
				})
			);
			expect(claims[0].filter((id) => claims[1].includes(id))).toEqual([]);
			expect(claims[0].length + claims[1].length).toBeGreaterThan(0);
			await expectEachClaimedOnce(data.staff, data.reminders);
		} finally {
			for (const client of clients) {
				await client.query('rollback').catch(() => {});
				client.release();
			}
			await data.remove();
		}
	});
});

describe('a reminder goes only to someone who may see the lead', () => {
	const insertFor = (world: World, remind: string, by: string) => ({
		text: `insert into public.reminders (lead_id, remind_staff_id, remind_at, description, created_by)
			values ($1, $2, now() + interval '1 day', 'Für einen Kollegen', $3)`,
		values: [world.lead, remind, by]
	});

	// The private lead of createWorld: creator created it, assignee holds it.
	const recipients: Array<[PersonaName, boolean]> = [
		['admin', true],
		['viewGlobal', true],
		['creator', true],
		['assignee', true],
		['unrelated', false],
		['inactive', false]
	];

	it.each(recipients)('the creator may remind %s: %s', async (recipient, allowed) => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const outcome = await tx.attempt(
				signedIn(world.creator),
				insertFor(world, world[recipient as Exclude<PersonaName, 'anon'>], world.creator),
				{ keep: false }
			);
			expect(outcome).toMatchObject(allowed ? { ok: true } : { ok: false, code: '42501' });
		});
	});

	it.each(personaNames)(
		'%s may not remind an unrelated colleague of a private lead',
		async (persona) => {
			await db.inRollback(async (tx) => {
				const world = await createWorld(tx);
				const outcome = await tx.attempt(
					callerOf(world, persona),
					insertFor(world, world.unrelated, selfOf(world, persona)),
					{ keep: false }
				);
				expect(outcome).toMatchObject({ ok: false, code: '42501' });
			});
		}
	);

	it('anyone may be reminded of a public lead', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			await tx.sql('update public.leads set is_public = true where id = $1', [world.lead]);
			const outcome = await tx.attempt(
				signedIn(world.creator),
				insertFor(world, world.unrelated, world.creator),
				{ keep: false }
			);
			expect(outcome).toMatchObject({ ok: true, rowCount: 1 });
		});
	});

	it('a reminder is handed only to someone who may see the lead', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const reminder = await insertReturningId(
				tx,
				`insert into public.reminders (lead_id, remind_staff_id, remind_at, description, created_by)
				values ($1, $2, now() + interval '1 day', 'Übergabe', $2)`,
				[world.lead, world.assignee]
			);
			const handTo = (staff: string) => ({
				text: 'update public.reminders set remind_staff_id = $2 where id = $1',
				values: [reminder, staff]
			});
			expect(
				await tx.attempt(signedIn(world.creator), handTo(world.unrelated), { keep: false })
			).toMatchObject({ ok: false, code: '42501' });
			expect(
				await tx.attempt(signedIn(world.creator), handTo(world.viewGlobal), { keep: false })
			).toMatchObject({ ok: true, rowCount: 1 });
			// Someone who cannot see the lead changes nothing (no row for them).
			expect(
				await tx.attempt(signedIn(world.unrelated), handTo(world.unrelated), { keep: false })
			).toMatchObject({ ok: true, rowCount: 0 });
		});
	});

	it('a reminder whose recipient lost sight of the lead can be deleted or handed on, not edited', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const reminder = await insertReturningId(
				tx,
				`insert into public.reminders (lead_id, remind_staff_id, remind_at, description, created_by)
				values ($1, $2, now() + interval '1 day', 'Vorher', $2)`,
				[world.lead, world.assignee]
			);
			await tx.sql('update public.leads set assigned_to = $2 where id = $1', [
				world.lead,
				world.colleague
			]);
			const creator = signedIn(world.creator);
			expect(
				await tx.attempt(
					creator,
					{
						text: `update public.reminders set description = 'Nachher' where id = $1`,
						values: [reminder]
					},
					{ keep: false }
				)
			).toMatchObject({ ok: false, code: '42501' });
			expect(
				await tx.attempt(
					creator,
					{
						text: 'update public.reminders set remind_staff_id = $2 where id = $1',
						values: [reminder, world.colleague]
					},
					{ keep: false }
				)
			).toMatchObject({ ok: true, rowCount: 1 });
			expect(
				await tx.attempt(
					creator,
					{ text: 'delete from public.reminders where id = $1', values: [reminder] },
					{ keep: false }
				)
			).toMatchObject({ ok: true, rowCount: 1 });
		});
	});
});

describe('staff_who_may_view_lead', () => {
	const viewers = (tx: Transaction, caller: PersonaName, world: World) =>
		tx.attempt(
			callerOf(world, caller),
			{
				text: 'select staff_id from public.staff_who_may_view_lead($1)',
				values: [world.lead]
			},
			{ keep: false }
		);

	it.each(['admin', 'viewGlobal', 'creator', 'assignee'] as const)(
		'%s, who sees the lead, gets exactly the members who may see it',
		async (persona) => {
			await db.inRollback(async (tx) => {
				const world = await createWorld(tx);
				const outcome = await viewers(tx, persona, world);
				expect(outcome.ok).toBe(true);
				const ids = outcome.ok ? outcome.rows.map((row) => row.staff_id) : [];
				for (const member of [world.admin, world.viewGlobal, world.creator, world.assignee]) {
					expect(ids).toContain(member);
				}
				for (const member of [world.unrelated, world.inactive, world.colleague]) {
					expect(ids).not.toContain(member);
				}
			});
		}
	);

	it.each(['unrelated', 'inactive'] as const)(
		'%s, who does not see the lead, gets nobody',
		async (persona) => {
			await db.inRollback(async (tx) => {
				const world = await createWorld(tx);
				expect(await viewers(tx, persona, world)).toMatchObject({ ok: true, rows: [] });
			});
		}
	);

	it('anon may not ask', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			expect(await viewers(tx, 'anon', world)).toMatchObject({ ok: false, code: '42501' });
		});
	});
});

describe('notes notify the lead’s assignee', () => {
	async function addNote(tx: Transaction, author: string, lead: string, contacted: boolean) {
		const [{ id }] = await tx.as<{ id: string }>(signedIn(author), {
			text: `insert into public.lead_notes (lead_id, body, contacted, created_by)
				values ($1, 'Telefonat geführt', $2, $3) returning id`,
			values: [lead, contacted, author]
		});
		return id;
	}

	it('a colleague’s note: lead.note_added to the assignee', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const note = await addNote(tx, world.creator, world.lead, false);
			const [{ name, creator_name }] = await tx.sql<{ name: string; creator_name: string }>(
				`select leads.name, staff.full_name as creator_name from public.leads, public.staff
				where leads.id = $1 and staff.id = $2`,
				[world.lead, world.creator]
			);
			expect(await notificationsOf(tx, world.assignee, 'lead.note_added')).toEqual([
				{
					payload: {
						lead_id: world.lead,
						lead_name: name,
						company: 'Testfirma GmbH',
						note_id: note,
						author: { id: world.creator, name: creator_name }
					}
				}
			]);
			expect(await notificationsOf(tx, world.assignee, 'lead.contacted')).toEqual([]);
		});
	});

	it('a colleague’s contact: lead.contacted with the contact time', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const note = await addNote(tx, world.viewGlobal, world.lead, true);
			const [{ contacted_at }] = await tx.sql<{ contacted_at: string }>(
				"select to_jsonb(contacted_at) #>> '{}' as contacted_at from public.lead_notes where id = $1",
				[note]
			);
			expect(await notificationsOf(tx, world.assignee, 'lead.contacted')).toEqual([
				{
					payload: expect.objectContaining({
						lead_id: world.lead,
						note_id: note,
						author: expect.objectContaining({ id: world.viewGlobal }),
						contacted_at
					})
				}
			]);
			expect(await notificationsOf(tx, world.assignee, 'lead.note_added')).toEqual([]);
		});
	});

	it('no notification for the assignee’s own note, nor on an unassigned lead', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			await addNote(tx, world.assignee, world.lead, true);
			await addNote(tx, world.assignee, world.lead, false);
			const unassigned = await createLead(tx, { createdBy: world.creator });
			await addNote(tx, world.creator, unassigned, false);
			const [{ count }] = await tx.sql<{ count: number }>(
				`select count(*)::int as count from public.notifications
				where kind in ('lead.note_added', 'lead.contacted')
					and payload ->> 'lead_id' = any($1)`,
				[[world.lead, unassigned]]
			);
			expect(count).toBe(0);
		});
	});

	it.each(personaNames)('only the assignee sees a note notification (%s)', async (persona) => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			await addNote(tx, world.creator, world.lead, false);
			const seen = await tx.as(callerOf(world, persona), {
				text: `select id from public.notifications where kind = 'lead.note_added' and payload ->> 'lead_id' = $1`,
				values: [world.lead]
			});
			expect(seen).toHaveLength(persona === 'assignee' ? 1 : 0);
		});
	});
});
