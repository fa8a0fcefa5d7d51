/**
 * Access changes take effect on the very next query (issue 4): making a lead public or private,
 * reassigning it, changing a role's permissions or a member's role, deactivating a member. No
 * cache stands between the change and the next statement, on any path (rows, children, files,
 * realtime topics).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, signedIn, type Transaction } from './as-role.ts';
import { createWorld, grant, revoke, type World } from './fixtures.ts';

const db = createDatabase();
afterAll(() => db.close());

/** What `staffId` can reach of the world's lead: the row, a note, a file and its topic. */
async function reach(tx: Transaction, world: World, staffId: string) {
	const caller = signedIn(staffId);
	const [lead] = await tx.as<{ count: string }>(caller, {
		text: 'select count(*) from public.leads where id = $1',
		values: [world.lead]
	});
	const [notes] = await tx.as<{ count: string }>(caller, {
		text: 'select count(*) from public.lead_notes where lead_id = $1',
		values: [world.lead]
	});
	const [files] = await tx.as<{ count: string }>(caller, {
		text: "select count(*) from storage.objects where bucket_id = 'lead-attachments' and name like $1",
		values: [`${world.lead}/%`]
	});
	const [topic] = await tx.as<{ count: string }>(caller, {
		text: "select count(*) from realtime.messages where topic = $1 and event = 'probe'",
		values: [`lead:${world.lead}`],
		settings: { 'realtime.topic': `lead:${world.lead}` }
	});
	return {
		lead: Number(lead.count),
		notes: Number(notes.count),
		files: Number(files.count),
		topic: Number(topic.count)
	};
}

const everything = { lead: 1, notes: 1, files: 1, topic: 1 };
const nothing = { lead: 0, notes: 0, files: 0, topic: 0 };

/** The world plus one note, one file and one realtime probe on its lead. */
async function furnishedWorld(tx: Transaction): Promise<World> {
	const world = await createWorld(tx);
	await tx.sql('insert into public.lead_notes (lead_id, body, created_by) values ($1, $2, $3)', [
		world.lead,
		'Erstkontakt',
		world.creator
	]);
	await tx.sql("insert into storage.objects (bucket_id, name) values ('lead-attachments', $1)", [
		`${world.lead}/${randomUUID()}-angebot.pdf`
	]);
	await tx.sql(
		"insert into realtime.messages (topic, extension, event, private) values ($1, 'broadcast', 'probe', true)",
		[`lead:${world.lead}`]
	);
	return world;
}

describe('a lead made public by its creator', () => {
	it('is visible to every active colleague on the next query, and hidden again when made private', async () => {
		await db.inRollback(async (tx) => {
			const world = await furnishedWorld(tx);
			expect(await reach(tx, world, world.unrelated)).toEqual(nothing);

			await tx.as(signedIn(world.creator), {
				text: 'update public.leads set is_public = true where id = $1',
				values: [world.lead]
			});
			expect(await reach(tx, world, world.unrelated)).toEqual(everything);
			expect(await reach(tx, world, world.inactive)).toEqual(nothing);

			await tx.as(signedIn(world.creator), {
				text: 'update public.leads set is_public = false where id = $1',
				values: [world.lead]
			});
			expect(await reach(tx, world, world.unrelated)).toEqual(nothing);
		});
	});
});

describe('a reassigned lead', () => {
	it('is visible to the new assignee and no longer to the previous one', async () => {
		await db.inRollback(async (tx) => {
			const world = await furnishedWorld(tx);
			expect(await reach(tx, world, world.assignee)).toEqual(everything);

			await tx.as(signedIn(world.creator), {
				text: 'update public.leads set assigned_to = $2 where id = $1',
				values: [world.lead, world.unrelated]
			});
			expect(await reach(tx, world, world.unrelated)).toEqual(everything);
			expect(await reach(tx, world, world.assignee)).toEqual(nothing);
			// The creator keeps sight of what they created.
			expect(await reach(tx, world, world.creator)).toEqual(everything);
		});
	});

	it('cannot be handed over by an assignee who would lose sight of it (a manager can)', async () => {
		await db.inRollback(async (tx) => {
			const world = await furnishedWorld(tx);
			const handover = {
				text: 'update public.leads set assigned_to = $2 where id = $1',
				values: [world.lead, world.colleague]
			};
			expect(await tx.attempt(signedIn(world.assignee), handover)).toMatchObject({
				ok: false,
				code: '42501'
			});
			expect(await reach(tx, world, world.assignee)).toEqual(everything);

			expect(await tx.attempt(signedIn(world.viewGlobal), handover)).toMatchObject({
				ok: true,
				rowCount: 1
			});
			expect(await reach(tx, world, world.assignee)).toEqual(nothing);
			expect(await reach(tx, world, world.colleague)).toEqual(everything);
		});
	});
});

describe('a change of rights', () => {
	it('granting and revoking leads.view_global on a role applies to its members at once', async () => {
		await db.inRollback(async (tx) => {
			const world = await furnishedWorld(tx);
			await grant(tx, world.sellerRole, ['leads.view_global']);
			expect(await reach(tx, world, world.unrelated)).toEqual(everything);

			await revoke(tx, world.sellerRole, 'leads.view_global');
			expect(await reach(tx, world, world.unrelated)).toEqual(nothing);
		});
	});

	it('an administrator granting the permission through the API applies on the next query', async () => {
		await db.inRollback(async (tx) => {
			const world = await furnishedWorld(tx);
			await tx.as(signedIn(world.admin), {
				text: "insert into public.role_permissions (role_id, feature, capability) values ($1, 'leads', 'view_global')",
				values: [world.sellerRole]
			});
			expect(await reach(tx, world, world.unrelated)).toEqual(everything);
		});
	});

	it('moving a member to a role with leads.view_global and back', async () => {
		await db.inRollback(async (tx) => {
			const world = await furnishedWorld(tx);
			await tx.as(signedIn(world.admin), {
				text: 'update public.staff set role_id = $2 where id = $1',
				values: [world.unrelated, world.leaderRole]
			});
			expect(await reach(tx, world, world.unrelated)).toEqual(everything);

			await tx.as(signedIn(world.admin), {
				text: 'update public.staff set role_id = $2 where id = $1',
				values: [world.unrelated, world.sellerRole]
			});
			expect(await reach(tx, world, world.unrelated)).toEqual(nothing);
		});
	});

	it('deactivating a member hides everything from them, reactivating restores it', async () => {
		await db.inRollback(async (tx) => {
			const world = await furnishedWorld(tx);
			await tx.as(signedIn(world.admin), {
				text: 'update public.staff set active = false where id = $1',
				values: [world.assignee]
			});
			expect(await reach(tx, world, world.assignee)).toEqual(nothing);

			await tx.as(signedIn(world.admin), {
				text: 'update public.staff set active = true where id = $1',
				values: [world.assignee]
			});
			expect(await reach(tx, world, world.assignee)).toEqual(everything);
		});
	});
});
