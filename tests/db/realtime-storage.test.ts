/**
 * Realtime and storage beyond the matrix: the staff:<uid> channel, topics that name no lead,
 * the broadcasts the triggers send for a lead and each of its children, and object names that
 * carry no lead id (design.md §5, §10).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, signedIn, type Transaction } from './as-role.ts';
import { createWorld, grant, insertReturningId } from './fixtures.ts';

const db = createDatabase();
afterAll(() => db.close());

/** Whether `staffId` may join `topic` and send on it, as Realtime checks a private channel. */
async function channelAccess(tx: Transaction, staffId: string, topic: string) {
	const [{ id }] = await tx.sql<{ id: string }>(
		`insert into realtime.messages (topic, extension, event, private)
		values ($1, 'presence', 'probe', true) returning id`,
		[topic]
	);
	const read = await tx.attempt(
		signedIn(staffId),
		{
			text: 'select id from realtime.messages where id = $1',
			values: [id],
			settings: { 'realtime.topic': topic }
		},
		{ keep: false }
	);
	const write = await tx.attempt(
		signedIn(staffId),
		{
			text: `insert into realtime.messages (topic, extension, event, payload, private)
				values ($1, 'presence', 'track', '{}', true)`,
			values: [topic],
			settings: { 'realtime.topic': topic }
		},
		{ keep: false }
	);
	return { read: read.ok && read.rowCount === 1, write: write.ok };
}

describe('realtime channels', () => {
	it('staff:<uid> is open to its owner only', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			expect(await channelAccess(tx, world.unrelated, `staff:${world.unrelated}`)).toEqual({
				read: true,
				write: true
			});
			expect(await channelAccess(tx, world.unrelated, `staff:${world.creator}`)).toEqual({
				read: false,
				write: false
			});
			expect(await channelAccess(tx, world.admin, `staff:${world.creator}`)).toEqual({
				read: false,
				write: false
			});
			expect(await channelAccess(tx, world.inactive, `staff:${world.inactive}`)).toEqual({
				read: false,
				write: false
			});
		});
	});

	it.each(['lead:not-a-uuid', 'lead:', 'leads', 'room:general', `lead:${randomUUID()}`])(
		'refuses %s, even to an administrator',
		async (topic) => {
			await db.inRollback(async (tx) => {
				const world = await createWorld(tx);
				expect(await channelAccess(tx, world.admin, topic)).toEqual({ read: false, write: false });
			});
		}
	);

	it('the lead and each of its children broadcast their changes to lead:<id>', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			await grant(tx, world.sellerRole, ['proposals.create']);
			const creator = signedIn(world.creator);
			const task = await insertReturningId(
				tx,
				"insert into public.tasks (lead_id, title, created_by) values ($1, 'Angebot', $2)",
				[world.lead, world.creator]
			);
			await tx.sql('delete from realtime.messages where topic = $1', [`lead:${world.lead}`]);
			for (const [text, values] of [
				["update public.leads set city = 'Bonn' where id = $1", [world.lead]],
				[
					"insert into public.lead_notes (lead_id, body, created_by) values ($1, 'Notiz', $2)",
					[world.lead, world.creator]
				],
				["update public.tasks set status = 'in_progress' where id = $1", [task]],
				[
					'insert into public.task_assignees (task_id, staff_id) values ($1, $2)',
					[task, world.assignee]
				],
				[
					`insert into public.reminders (lead_id, remind_staff_id, remind_at, description, created_by)
					values ($1, $2, now() + interval '1 hour', 'Anrufen', $2)`,
					[world.lead, world.creator]
				],
				[
					`insert into public.lead_attachments (lead_id, object_path, file_name, size, uploaded_by)
					values ($1, $2, 'a.pdf', 1, $3)`,
					[world.lead, `${world.lead}/x-a.pdf`, world.creator]
				],
				[
					"insert into public.proposals (subject, lead_id, created_by) values ('Angebot', $1, $2)",
					[world.lead, world.creator]
				]
			] as [string, string[]][]) {
				await tx.as(creator, { text, values });
			}
			const messages = await tx.sql<{ table: string; event: string }>(
				`select distinct payload ->> 'table' as table, event from realtime.messages
				where topic = $1 and private order by 1, 2`,
				[`lead:${world.lead}`]
			);
			expect(messages).toEqual([
				{ table: 'lead_activity', event: 'INSERT' },
				{ table: 'lead_attachments', event: 'INSERT' },
				{ table: 'lead_notes', event: 'INSERT' },
				{ table: 'leads', event: 'UPDATE' },
				{ table: 'proposals', event: 'INSERT' },
				{ table: 'reminders', event: 'INSERT' },
				{ table: 'task_assignees', event: 'INSERT' },
				{ table: 'tasks', event: 'UPDATE' }
			]);
		});
	});

	it('public.leads is in the supabase_realtime publication', async () => {
		await db.inRollback(async (tx) => {
			const rows = await tx.sql(
				"select tablename from pg_publication_tables where pubname = 'supabase_realtime' and schemaname = 'public'"
			);
			expect(rows).toContainEqual({ tablename: 'leads' });
		});
	});
});

describe('storage objects', () => {
	it.each(['angebot.pdf', 'not-a-uuid/angebot.pdf', `${randomUUID()}/angebot.pdf`])(
		'an upload named %s is refused without an error other than the policy’s',
		async (name) => {
			await db.inRollback(async (tx) => {
				const world = await createWorld(tx);
				const outcome = await tx.attempt(signedIn(world.admin), {
					text: "insert into storage.objects (bucket_id, name) values ('lead-attachments', $1)",
					values: [name]
				});
				expect(outcome).toMatchObject({ ok: false, code: '42501' });
			});
		}
	);

	it('the lead rule grants nothing in other buckets', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			await tx.sql(
				"insert into storage.buckets (id, name) values ('db-test-other', 'db-test-other') on conflict do nothing"
			);
			const outcome = await tx.attempt(signedIn(world.creator), {
				text: "insert into storage.objects (bucket_id, name) values ('db-test-other', $1)",
				values: [`${world.lead}/x.pdf`]
			});
			expect(outcome).toMatchObject({ ok: false, code: '42501' });
		});
	});

	it('the bucket lead-attachments is private with a 25 MB limit', async () => {
		await db.inRollback(async (tx) => {
			const [bucket] = await tx.sql(
				"select public, file_size_limit from storage.buckets where id = 'lead-attachments'"
			);
			expect(bucket).toEqual({ public: false, file_size_limit: '26214400' });
		});
	});
});
