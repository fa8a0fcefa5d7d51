/**
 * Staff rows and rights: the auth.users trigger that creates them, what a member may change on
 * their own row, and that nobody raises their own rights — not through is_admin, role_id or
 * active, and not through the permissions of the role they hold (design.md §3, §4).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, signedIn, type Transaction } from './as-role.ts';
import { createRole, createStaff, createWorld } from './fixtures.ts';

const db = createDatabase();
afterAll(() => db.close());

describe('the staff row of a new auth user', () => {
	it('takes full_name and language from the user metadata', async () => {
		await db.inRollback(async (tx) => {
			const id = randomUUID();
			await tx.sql(
				`insert into auth.users (id, email, raw_user_meta_data)
				values ($1, $2, '{"full_name": "Erika Mustermann", "language": "en"}')`,
				[id, `${id}@leadwerk.test`]
			);
			const [staff] = await tx.sql('select * from public.staff where id = $1', [id]);
			expect(staff).toMatchObject({
				full_name: 'Erika Mustermann',
				email: `${id}@leadwerk.test`,
				language: 'en',
				is_admin: false,
				role_id: null,
				active: true
			});
		});
	});

	it('falls back to the e-mail’s local part, and follows e-mail changes', async () => {
		await db.inRollback(async (tx) => {
			const id = randomUUID();
			await tx.sql('insert into auth.users (id, email) values ($1, $2)', [
				id,
				`jonas.weber.${id.slice(0, 8)}@leadwerk.test`
			]);
			await tx.sql('update auth.users set email = $2 where id = $1', [id, `${id}@neu.example`]);
			const [staff] = await tx.sql('select full_name, email from public.staff where id = $1', [id]);
			expect(staff).toEqual({
				full_name: `jonas.weber.${id.slice(0, 8)}`,
				email: `${id}@neu.example`
			});
		});
	});
});

describe('a member’s own row', () => {
	it('may change name and language', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const outcome = await tx.attempt(signedIn(world.unrelated), {
				text: "update public.staff set full_name = 'Neuer Name', language = 'en' where id = $1",
				values: [world.unrelated]
			});
			expect(outcome).toMatchObject({ ok: true, rowCount: 1 });
		});
	});

	it.each([
		['is_admin', 'true'],
		['role_id', '$2::uuid'],
		['active', 'false'],
		['email', "'other@leadwerk.test'"]
	])('may not change %s', async (column, value) => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const outcome = await tx.attempt(signedIn(world.unrelated), {
				text: `update public.staff set ${column} = ${value} where id = $1`,
				values: value.startsWith('$2') ? [world.unrelated, world.leaderRole] : [world.unrelated]
			});
			expect(outcome).toMatchObject({ ok: false, code: '42501' });
		});
	});

	it('is all an inactive member sees of the staff table', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const rows = await tx.as<{ id: string }>(
				signedIn(world.inactive),
				'select id from public.staff'
			);
			expect(rows).toEqual([{ id: world.inactive }]);
		});
	});
});

describe('staff managers', () => {
	async function managerWorld(tx: Transaction) {
		const world = await createWorld(tx);
		const managerRole = await createRole(tx, ['staff.manage']);
		const manager = await createStaff(tx, { roleId: managerRole });
		return { world, managerRole, manager };
	}

	it('change a colleague’s role and active flag, but not their own role', async () => {
		await db.inRollback(async (tx) => {
			const { world, manager } = await managerWorld(tx);
			expect(
				await tx.attempt(signedIn(manager), {
					text: 'update public.staff set role_id = $2, active = false where id = $1',
					values: [world.unrelated, world.leaderRole]
				})
			).toMatchObject({ ok: true, rowCount: 1 });
			expect(
				await tx.attempt(signedIn(manager), {
					text: 'update public.staff set role_id = $2 where id = $1',
					values: [manager, world.leaderRole]
				})
			).toMatchObject({ ok: false, code: '42501' });
		});
	});

	it('cannot make anyone an administrator', async () => {
		await db.inRollback(async (tx) => {
			const { world, manager } = await managerWorld(tx);
			expect(
				await tx.attempt(signedIn(manager), {
					text: 'update public.staff set is_admin = true where id = $1',
					values: [world.unrelated]
				})
			).toMatchObject({ ok: false, code: '42501' });
		});
	});

	it('edit the permissions of other roles but not of their own', async () => {
		await db.inRollback(async (tx) => {
			const { world, managerRole, manager } = await managerWorld(tx);
			const grantViewGlobal = (role: string) => ({
				text: "insert into public.role_permissions (role_id, feature, capability) values ($1, 'leads', 'view_global')",
				values: [role]
			});
			expect(await tx.attempt(signedIn(manager), grantViewGlobal(world.sellerRole))).toMatchObject({
				ok: true,
				rowCount: 1
			});
			expect(await tx.attempt(signedIn(manager), grantViewGlobal(managerRole))).toMatchObject({
				ok: false,
				code: '42501'
			});
			expect(
				await tx.attempt(signedIn(manager), {
					text: "delete from public.role_permissions where role_id = $1 and capability = 'manage'",
					values: [managerRole]
				})
			).toMatchObject({ ok: true, rowCount: 0 });
		});
	});

	it('administrators may do all of it, including on their own row', async () => {
		await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const statements: [string, string[]][] = [
				['update public.staff set is_admin = true where id = $1', [world.unrelated]],
				['update public.staff set role_id = $2 where id = $1', [world.admin, world.leaderRole]],
				[
					"insert into public.role_permissions (role_id, feature, capability) values ($1, 'staff', 'manage')",
					[world.leaderRole]
				]
			];
			for (const [text, values] of statements) {
				const outcome = await tx.attempt(signedIn(world.admin), { text, values });
				expect(outcome, text).toMatchObject({ ok: true, rowCount: 1 });
			}
		});
	});
});
