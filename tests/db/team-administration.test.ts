/**
 * Team administration in the database (issue 8): the last-administrator guard, who may manage
 * staff, roles and permissions (and that nobody raises their own rights), the staff directory,
 * status reordering, deletion of statuses in use, the defaults for new leads and avatars.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, signedIn, type Transaction } from './as-role.ts';
import { createLead, createRole, createStaff, insertReturningId, unique } from './fixtures.ts';

const db = createDatabase();
afterAll(() => db.close());

/** Leaves `adminId` the only active administrator (inside the test's transaction). */
async function makeSoleAdmin(tx: Transaction, adminId: string) {
	await tx.sql('update public.staff set is_admin = false where is_admin and id <> $1', [adminId]);
	await tx.sql('update public.staff set is_admin = true, active = true where id = $1', [adminId]);
}

describe('the last administrator', () => {
	it('cannot be demoted, deactivated or deleted, not even by the database owner', async () => {
		await db.inRollback(async (tx) => {
			const admin = await createStaff(tx, { isAdmin: true });
			await makeSoleAdmin(tx, admin);

			const demote = await tx.attempt(signedIn(admin), {
				text: 'update public.staff set is_admin = false where id = $1',
				values: [admin]
			});
			expect(demote).toMatchObject({ ok: false, code: '23514' });

			for (const text of [
				'update public.staff set active = false where id = $1',
				'delete from auth.users where id = $1'
			]) {
				await expect(tx.sql(`savepoint s; ${text.replace('$1', `'${admin}'`)}`)).rejects.toThrow(
					/last active administrator/
				);
				await tx.sql('rollback to savepoint s');
			}
		});
	});

	it('can step down once another active administrator exists', async () => {
		await db.inRollback(async (tx) => {
			const admin = await createStaff(tx, { isAdmin: true });
			await makeSoleAdmin(tx, admin);
			const successor = await createStaff(tx, { isAdmin: true });
			const outcome = await tx.attempt(signedIn(successor), {
				text: 'update public.staff set is_admin = false where id = $1',
				values: [admin]
			});
			expect(outcome).toMatchObject({ ok: true, rowCount: 1 });
		});
	});

	it('does not count a deactivated administrator as a successor', async () => {
		await db.inRollback(async (tx) => {
			const admin = await createStaff(tx, { isAdmin: true });
			await makeSoleAdmin(tx, admin);
			await createStaff(tx, { isAdmin: true, active: false });
			const outcome = await tx.attempt(signedIn(admin), {
				text: 'update public.staff set is_admin = false where id = $1',
				values: [admin]
			});
			expect(outcome).toMatchObject({ ok: false, code: '23514' });
		});
	});
});

describe('managing staff, roles and permissions', () => {
	it('answers current_user_manages_staff from the database', async () => {
		await db.inRollback(async (tx) => {
			const managerRole = await createRole(tx, ['staff.manage']);
			const cases = [
				[await createStaff(tx, { isAdmin: true }), true],
				[await createStaff(tx, { roleId: managerRole }), true],
				[await createStaff(tx, { roleId: await createRole(tx) }), false],
				[await createStaff(tx, { roleId: managerRole, active: false }), false]
			] as const;
			for (const [id, expected] of cases) {
				const [row] = await tx.as<{ manages: boolean }>(
					signedIn(id),
					'select public.current_user_manages_staff() as manages'
				);
				expect(row.manages).toBe(expected);
			}
		});
	});

	it('keeps roles and permissions out of reach of staff without staff.manage', async () => {
		await db.inRollback(async (tx) => {
			const role = await createRole(tx);
			const seller = await createStaff(tx, { roleId: role });
			const attempts = [
				{ text: 'insert into public.roles (name) values ($1)', values: [unique('Role')] },
				{
					text: "insert into public.role_permissions values ($1, 'leads', 'view_global')",
					values: [role]
				}
			];
			for (const attempt of attempts) {
				expect(await tx.attempt(signedIn(seller), attempt)).toMatchObject({
					ok: false,
					code: '42501'
				});
			}
			const rename = await tx.attempt(signedIn(seller), {
				text: "update public.roles set name = 'Gekapert' where id = $1",
				values: [role]
			});
			expect(rename).toMatchObject({ ok: true, rowCount: 0 });
			const removal = await tx.attempt(signedIn(seller), {
				text: 'delete from public.role_permissions where role_id = $1',
				values: [role]
			});
			expect(removal).toMatchObject({ ok: true, rowCount: 0 });
		});
	});

	it('lets a staff manager shape other roles but never their own rights', async () => {
		await db.inRollback(async (tx) => {
			const managerRole = await createRole(tx, ['staff.manage']);
			const manager = await createStaff(tx, { roleId: managerRole });
			const otherRole = await createRole(tx);
			const colleague = await createStaff(tx, { roleId: otherRole });

			const grantOther = await tx.attempt(signedIn(manager), {
				text: "insert into public.role_permissions values ($1, 'leads', 'view_global')",
				values: [otherRole]
			});
			expect(grantOther).toMatchObject({ ok: true, rowCount: 1 });
			const moveColleague = await tx.attempt(signedIn(manager), {
				text: 'update public.staff set role_id = $2 where id = $1',
				values: [colleague, managerRole]
			});
			expect(moveColleague).toMatchObject({ ok: true, rowCount: 1 });

			const ownAttempts = [
				{
					text: "insert into public.role_permissions values ($1, 'leads', 'delete')",
					values: [managerRole]
				},
				{ text: 'update public.staff set is_admin = true where id = $1', values: [manager] },
				{
					text: 'update public.staff set role_id = $2 where id = $1',
					values: [manager, otherRole]
				},
				{ text: 'update public.staff set is_admin = true where id = $1', values: [colleague] }
			];
			for (const attempt of ownAttempts) {
				expect(await tx.attempt(signedIn(manager), attempt)).toMatchObject({
					ok: false,
					code: '42501'
				});
			}
		});
	});

	it('shows the staff directory with sign-in state to staff managers only', async () => {
		await db.inRollback(async (tx) => {
			const manager = await createStaff(tx, { roleId: await createRole(tx, ['staff.manage']) });
			const seller = await createStaff(tx, { roleId: await createRole(tx) });
			await tx.sql(
				'update auth.users set invited_at = now(), email_confirmed_at = null where id = $1',
				[seller]
			);
			const rows = await tx.as<{ id: string; invitation_pending: boolean }>(
				signedIn(manager),
				'select * from public.staff_directory()'
			);
			expect(rows.find((row) => row.id === seller)).toMatchObject({
				invitation_pending: true,
				last_sign_in_at: null
			});
			expect(
				await tx.attempt(signedIn(seller), 'select * from public.staff_directory()')
			).toMatchObject({ ok: false, code: '42501' });
		});
	});
});

describe('lead statuses and sources', () => {
	async function statusIds(tx: Transaction): Promise<string[]> {
		const rows = await tx.sql<{ id: string }>(
			'select id from public.lead_statuses order by position, name'
		);
		return rows.map((row) => row.id);
	}

	it('reorders all statuses at once for settings managers', async () => {
		await db.inRollback(async (tx) => {
			const manager = await createStaff(tx, { roleId: await createRole(tx, ['settings.manage']) });
			const reversed = (await statusIds(tx)).reverse();
			await tx.as(signedIn(manager), {
				text: 'select public.reorder_lead_statuses($1)',
				values: [reversed]
			});
			expect(await statusIds(tx)).toEqual(reversed);
		});
	});

	it('refuses a reorder by plain staff and an incomplete order', async () => {
		await db.inRollback(async (tx) => {
			const seller = await createStaff(tx, { roleId: await createRole(tx) });
			const manager = await createStaff(tx, { roleId: await createRole(tx, ['settings.manage']) });
			const ids = await statusIds(tx);
			expect(
				await tx.attempt(signedIn(seller), {
					text: 'select public.reorder_lead_statuses($1)',
					values: [[...ids].reverse()]
				})
			).toMatchObject({ ok: false, code: '42501' });
			expect(
				await tx.attempt(signedIn(manager), {
					text: 'select public.reorder_lead_statuses($1)',
					values: [[ids[0], ids[0], ...ids.slice(2)]]
				})
			).toMatchObject({ ok: false, code: '22023' });
			expect(await statusIds(tx)).toEqual(ids);
		});
	});

	it('refuses to delete a status or source that a lead has', async () => {
		await db.inRollback(async (tx) => {
			const manager = await createStaff(tx, { roleId: await createRole(tx, ['settings.manage']) });
			const status = await insertReturningId(
				tx,
				'insert into public.lead_statuses (name, position) values ($1, 99)',
				[unique('Status')]
			);
			const source = await insertReturningId(
				tx,
				'insert into public.lead_sources (name) values ($1)',
				[unique('Quelle')]
			);
			const lead = await createLead(tx, { createdBy: manager });
			await tx.sql('update public.leads set status_id = $2, source_id = $3 where id = $1', [
				lead,
				status,
				source
			]);
			for (const [table, id] of [
				['lead_statuses', status],
				['lead_sources', source]
			]) {
				expect(
					await tx.attempt(signedIn(manager), {
						text: `delete from public.${table} where id = $1`,
						values: [id]
					})
				).toMatchObject({ ok: false, code: '23503' });
			}
			await tx.sql('delete from public.leads where id = $1', [lead]);
			expect(
				await tx.attempt(signedIn(manager), {
					text: 'delete from public.lead_statuses where id = $1',
					values: [status]
				})
			).toMatchObject({ ok: true, rowCount: 1 });
		});
	});

	it('gives new leads the default status and source that settings managers chose', async () => {
		await db.inRollback(async (tx) => {
			const manager = await createStaff(tx, { roleId: await createRole(tx, ['settings.manage']) });
			const seller = await createStaff(tx, { roleId: await createRole(tx) });
			const [hot] = await tx.sql<{ id: string }>(
				"select id from public.lead_statuses where key = 'hot'"
			);
			const source = await insertReturningId(
				tx,
				'insert into public.lead_sources (name) values ($1)',
				[unique('Quelle')]
			);
			const change = {
				text: 'update public.lead_defaults set status_id = $1, source_id = $2',
				values: [hot.id, source]
			};
			expect(await tx.attempt(signedIn(seller), change)).toMatchObject({ ok: true, rowCount: 0 });
			expect(await tx.attempt(signedIn(manager), change)).toMatchObject({ ok: true, rowCount: 1 });

			const [lead] = await tx.as<{ status_id: string; source_id: string }>(signedIn(seller), {
				text: `insert into public.leads (name, created_by) values ($1, $2)
					returning status_id, source_id`,
				values: [unique('Lead'), seller]
			});
			expect(lead).toEqual({ status_id: hot.id, source_id: source });
		});
	});
});

describe('avatars', () => {
	it('are written by their owner only and seen by active colleagues', async () => {
		await db.inRollback(async (tx) => {
			const owner = await createStaff(tx);
			const colleague = await createStaff(tx);
			const upload = (caller: string, folder: string) =>
				tx.attempt(signedIn(caller), {
					text: "insert into storage.objects (bucket_id, name) values ('avatars', $1)",
					values: [`${folder}/avatar.png`]
				});
			expect(await upload(colleague, owner)).toMatchObject({ ok: false, code: '42501' });
			expect(await upload(owner, owner)).toMatchObject({ ok: true, rowCount: 1 });
			const seen = await tx.as(signedIn(colleague), {
				text: "select name from storage.objects where bucket_id = 'avatars' and name = $1",
				values: [`${owner}/avatar.png`]
			});
			expect(seen).toHaveLength(1);
		});
	});
});
