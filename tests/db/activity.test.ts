/**
 * The activity log and notifications, written by triggers (design.md §3): every action key with
 * its actor and old/new details, manual entries as the only client writes, and the notification
 * (plus its broadcast on staff:<id>) when someone else assigns a lead or a task.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, signedIn, type Transaction } from './as-role.ts';
import { createWorld, grant, insertReturningId, type World } from './fixtures.ts';

const db = createDatabase();
afterAll(() => db.close());

interface Entry {
	action: string;
	actor_id: string | null;
	details: Record<string, unknown>;
}

async function activity(tx: Transaction, lead: string): Promise<Entry[]> {
	return tx.sql<Entry & Record<string, unknown>>(
		'select action, actor_id, details from public.lead_activity where lead_id = $1 order by created_at',
		[lead]
	);
}

/** Runs `text` as the creator and returns the activity entries it added. */
async function logged(tx: Transaction, world: World, text: string, values: unknown[] = []) {
	const before = (await activity(tx, world.lead)).length;
	await tx.as(signedIn(world.creator), { text, values: [world.lead, ...values] });
	return (await activity(tx, world.lead)).slice(before);
}

describe('lead_activity written by triggers', () => {
	it('records lead.created by the creator', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const [{ id }] = await tx.as<{ id: string }>(signedIn(world.creator), {
				text: "insert into public.leads (name, created_by, assigned_to) values ('Neu', $1, $2) returning id",
				values: [world.creator, world.assignee]
			});
			expect(await activity(tx, id)).toEqual([
				{
					action: 'lead.created',
					actor_id: world.creator,
					details: expect.objectContaining({
						name: 'Neu',
						is_public: false,
						assigned_to: expect.objectContaining({ id: world.assignee }),
						status: expect.objectContaining({ name: 'Kalter Lead' })
					})
				}
			]);
		});
	});

	it.each([
		[
			'lead.status_changed',
			"update public.leads set status_id = (select id from public.lead_statuses where key = 'hot') where id = $1",
			{
				old: expect.objectContaining({ name: 'Kalter Lead' }),
				new: expect.objectContaining({ name: 'Potenter Lead' })
			}
		],
		[
			'lead.assigned',
			'update public.leads set assigned_to = null where id = $1',
			{ new: null, old: expect.objectContaining({ name: expect.any(String) }) }
		],
		[
			'lead.public_changed',
			'update public.leads set is_public = true where id = $1',
			{ old: false, new: true }
		],
		[
			'lead.marked_lost',
			'update public.leads set lost = true where id = $1',
			{ old: false, new: true }
		],
		[
			'lead.marked_junk',
			'update public.leads set junk = true where id = $1',
			{ old: false, new: true }
		],
		[
			'lead.updated',
			"update public.leads set phone = '+49 30 123', tags = '{Messe}' where id = $1",
			{
				changes: {
					phone: { old: null, new: '+49 30 123' },
					tags: { old: [], new: ['Messe'] }
				}
			}
		]
	])('records %s with old and new values', async (action, text, details) => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const entries = await logged(tx, world, text);
			expect(entries).toEqual([
				{ action, actor_id: world.creator, details: expect.objectContaining(details) }
			]);
		});
	});

	it('records unmarking lost and junk', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			await tx.sql('update public.leads set lost = true, junk = true where id = $1', [world.lead]);
			const entries = await logged(
				tx,
				world,
				'update public.leads set lost = false, junk = false where id = $1'
			);
			expect(entries.map((entry) => entry.action)).toEqual([
				'lead.unmarked_lost',
				'lead.unmarked_junk'
			]);
		});
	});

	it('records note.added, lead.contacted, task.created, task.completed and reminder.set', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const entries = [
				...(await logged(
					tx,
					world,
					"insert into public.lead_notes (lead_id, body, created_by) values ($1, 'Idee', $2)",
					[world.creator]
				)),
				...(await logged(
					tx,
					world,
					"insert into public.lead_notes (lead_id, body, contacted, created_by) values ($1, 'Angerufen', true, $2)",
					[world.creator]
				)),
				...(await logged(
					tx,
					world,
					"insert into public.tasks (lead_id, title, created_by) values ($1, 'Angebot', $2)",
					[world.creator]
				)),
				...(await logged(
					tx,
					world,
					"update public.tasks set status = 'completed' where lead_id = $1"
				)),
				...(await logged(
					tx,
					world,
					`insert into public.reminders (lead_id, remind_staff_id, remind_at, description, created_by)
					values ($1, $2, now() + interval '1 day', 'Nachfassen', $2)`,
					[world.creator]
				))
			];
			expect(entries.map((entry) => [entry.action, entry.actor_id])).toEqual([
				['note.added', world.creator],
				['lead.contacted', world.creator],
				['task.created', world.creator],
				['task.completed', world.creator],
				['reminder.set', world.creator]
			]);
			expect(entries[1].details).toMatchObject({ excerpt: 'Angerufen' });
			expect(entries[4].details).toMatchObject({
				description: 'Nachfassen',
				remind_staff: { id: world.creator }
			});
		});
	});

	it('records attachment.added and attachment.removed', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const added = await logged(
				tx,
				world,
				`insert into public.lead_attachments (lead_id, object_path, file_name, size, uploaded_by)
				values ($1, $2, 'angebot.pdf', 2048, $3)`,
				[`${world.lead}/a1-angebot.pdf`, world.creator]
			);
			const removed = await logged(
				tx,
				world,
				'delete from public.lead_attachments where lead_id = $1'
			);
			expect([...added, ...removed]).toEqual([
				expect.objectContaining({
					action: 'attachment.added',
					details: expect.objectContaining({ file_name: 'angebot.pdf', size: 2048 })
				}),
				expect.objectContaining({
					action: 'attachment.removed',
					details: expect.objectContaining({ file_name: 'angebot.pdf' })
				})
			]);
		});
	});

	it('records proposal.created and proposal.status_changed', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			await grant(tx, world.sellerRole, ['proposals.create']);
			const entries = [
				...(await logged(
					tx,
					world,
					"insert into public.proposals (subject, lead_id, created_by) values ('Angebot 1', $1, $2)",
					[world.creator]
				)),
				...(await logged(
					tx,
					world,
					"select public.set_proposal_status(id, 'sent') from public.proposals where lead_id = $1"
				))
			];
			expect(entries).toEqual([
				expect.objectContaining({
					action: 'proposal.created',
					details: expect.objectContaining({ subject: 'Angebot 1', status: 'draft' })
				}),
				expect.objectContaining({
					action: 'proposal.status_changed',
					details: expect.objectContaining({ old: 'draft', new: 'sent' })
				})
			]);
		});
	});

	it('lets staff who see the lead add manual entries, and nothing else', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const add = (action: string, actor: string) => ({
				text: `insert into public.lead_activity (lead_id, actor_id, action, details)
					values ($1, $2, $3, '{"text": "Messegespräch"}')`,
				values: [world.lead, actor, action]
			});
			expect(
				await tx.attempt(signedIn(world.assignee), add('manual', world.assignee))
			).toMatchObject({ ok: true, rowCount: 1 });
			for (const forged of [add('lead.contacted', world.assignee), add('manual', world.creator)]) {
				expect(await tx.attempt(signedIn(world.assignee), forged)).toMatchObject({
					ok: false,
					code: '42501'
				});
			}
			const empty = await tx.attempt(signedIn(world.assignee), {
				text: `insert into public.lead_activity (lead_id, actor_id, action, details)
					values ($1, $2, 'manual', '{"text": "  "}')`,
				values: [world.lead, world.assignee]
			});
			expect(empty).toMatchObject({ ok: false, code: '23514' });
		});
	});
});

describe('notifications', () => {
	async function notificationsOf(tx: Transaction, staffId: string, kind: string) {
		return tx.sql<{ kind: string; payload: Record<string, unknown> }>(
			`select kind, payload from public.notifications where staff_id = $1 and kind = $2
			order by created_at`,
			[staffId, kind]
		);
	}

	it('assigning a lead to a colleague notifies them on staff:<id>; assigning oneself does not', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			await tx.as(signedIn(world.creator), {
				text: 'update public.leads set assigned_to = $2 where id = $1',
				values: [world.lead, world.unrelated]
			});
			expect(await notificationsOf(tx, world.unrelated, 'lead.assigned')).toEqual([
				{
					kind: 'lead.assigned',
					payload: expect.objectContaining({
						lead_id: world.lead,
						assigned_by: expect.objectContaining({ id: world.creator })
					})
				}
			]);
			const [broadcast] = await tx.sql<{ event: string; payload: { kind: string } }>(
				'select event, payload from realtime.messages where topic = $1',
				[`staff:${world.unrelated}`]
			);
			expect(broadcast).toMatchObject({
				event: 'notification',
				payload: { kind: 'lead.assigned' }
			});

			await tx.as(signedIn(world.creator), {
				text: 'update public.leads set assigned_to = $2 where id = $1',
				values: [world.lead, world.creator]
			});
			expect(await notificationsOf(tx, world.creator, 'lead.assigned')).toEqual([]);
		});
	});

	it('adding a colleague to a task notifies them', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const task = await insertReturningId(
				tx,
				"insert into public.tasks (lead_id, title, created_by) values ($1, 'Angebot', $2)",
				[world.lead, world.creator]
			);
			await tx.as(signedIn(world.creator), {
				text: 'insert into public.task_assignees (task_id, staff_id) values ($1, $2), ($1, $3)',
				values: [task, world.assignee, world.creator]
			});
			expect(await notificationsOf(tx, world.assignee, 'task.assigned')).toEqual([
				{ kind: 'task.assigned', payload: expect.objectContaining({ task_id: task }) }
			]);
			expect(await notificationsOf(tx, world.creator, 'task.assigned')).toEqual([]);
		});
	});

	it('the recipient may mark it read but not rewrite it', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const id = await insertReturningId(
				tx,
				"insert into public.notifications (staff_id, kind) values ($1, 'reminder.due')",
				[world.assignee]
			);
			expect(
				await tx.attempt(signedIn(world.assignee), {
					text: 'update public.notifications set read_at = now() where id = $1',
					values: [id]
				})
			).toMatchObject({ ok: true, rowCount: 1 });
			expect(
				await tx.attempt(signedIn(world.assignee), {
					text: "update public.notifications set kind = 'lead.assigned' where id = $1",
					values: [id]
				})
			).toMatchObject({ ok: false, code: '42501' });
		});
	});
});
