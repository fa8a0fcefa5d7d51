/**
 * Team administration end to end (issue 8): an administrator invites a colleague with a role,
 * the invitation mail arrives in the local inbox, the colleague sets a password and sees what
 * the role allows; deactivation signs a member out and offers to reassign their leads; the only
 * administrator cannot remove themselves; reordering statuses shows on the board; the header
 * follows a profile name change; a member without a role is told why they see little.
 * Every test creates its own users, leads and statuses and removes them afterwards; the seed's
 * administrator is only ever refused a change.
 */
import { randomUUID } from 'node:crypto';
import { createClient, type SupabaseClientOptions } from '@supabase/supabase-js';
import { expect, test, type Page } from '@playwright/test';
import ws from 'ws';
import { env } from '../conformance/env.ts';
import { submitSignIn } from './sign-in.ts';

const admin = {
	id: '00000000-0000-4000-a000-000000000001',
	email: 'admin@leadwerk.test',
	password: 'leadwerk-demo',
	name: 'Alex Admin'
};

// Node 20 has no global WebSocket; supabase-js builds its realtime client eagerly.
const clientOptions = {
	auth: { persistSession: false, autoRefreshToken: false },
	realtime: {
		transport: ws as unknown as NonNullable<
			SupabaseClientOptions<'public'>['realtime']
		>['transport']
	}
};
const service = createClient(env.url, env.secretKey, clientOptions);

// Each test signs in one or two people and goes through the admin API and edge functions; on
// the shared two-core machine that can outlast Playwright's default 30 seconds.
test.describe.configure({ timeout: 90_000 });

const uniqueSuffix = () => randomUUID().slice(0, 8);

async function signInAs(page: Page, email: string, password: string, name: string) {
	await page.goto('/login');
	await submitSignIn(page, email, password);
	await expect(page.getByRole('banner')).toContainText(name);
}

/** The link of the newest mail to `address` in the local inbox (Mailpit-style API). */
async function invitationLink(address: string): Promise<string> {
	const { messages } = (await (await fetch(`${env.inboxUrl}/api/v1/messages`)).json()) as {
		messages: { ID: string; To: { Address: string }[] }[];
	};
	const message = messages.find((entry) =>
		entry.To.some((to) => to.Address.toLowerCase() === address.toLowerCase())
	);
	if (!message) throw new Error(`no mail to ${address} yet`);
	const full = (await (await fetch(`${env.inboxUrl}/api/v1/message/${message.ID}`)).json()) as {
		Text?: string;
		HTML?: string;
	};
	const link = `${full.Text ?? ''} ${full.HTML ?? ''}`.match(
		/https?:\/\/[^\s"'<>]+verify\?[^\s"'<>]+/
	);
	if (!link) throw new Error('the invitation mail has no link');
	return link[0].replaceAll('&amp;', '&');
}

async function deleteUserByEmail(email: string) {
	const { data } = await service.from('staff').select('id').eq('email', email);
	for (const row of data ?? []) await service.auth.admin.deleteUser(row.id);
}

/** A confirmed account that can sign in with its password; remove it with deleteUserByEmail. */
async function createMember(label: string, suffix: string) {
	const member = {
		email: `e2e-${label.toLowerCase()}-${suffix}@leadwerk.test`,
		password: `geheim-${suffix}`,
		name: `${label} ${suffix}`
	};
	const { data } = await service.auth.admin.createUser({
		email: member.email,
		password: member.password,
		email_confirm: true,
		user_metadata: { full_name: member.name }
	});
	if (!data.user) throw new Error(`could not create ${member.email}`);
	return { ...member, id: data.user.id };
}

test('an invited colleague sets a password and sees what the role allows', async ({ page }) => {
	const suffix = uniqueSuffix();
	const email = `e2e-invite-${suffix}@leadwerk.test`;
	const name = `Ines Eingeladen ${suffix}`;
	const password = `geheim-${suffix}`;
	// A private lead of someone else: only "View (global)" lets the new colleague see it.
	const { data: lead } = await service
		.from('leads')
		.insert({ name: `Privater Lead ${suffix}`, created_by: '00000000-0000-4000-a000-000000000001' })
		.select('id, name')
		.single()
		.throwOnError();

	try {
		await signInAs(page, admin.email, admin.password, admin.name);
		await page.getByRole('link', { name: 'Einstellungen' }).click();
		await page.getByRole('link', { name: 'Mitarbeiter' }).click();
		const invite = page.getByRole('region', { name: 'Mitarbeiter einladen' });
		await invite.getByLabel('Name').fill(name);
		await invite.getByLabel('E-Mail').fill(email);
		await invite.getByLabel('Rolle').selectOption({ label: 'Vertriebsleitung' });
		await invite.getByRole('button', { name: 'Einladen' }).click();
		await expect(invite.getByRole('status')).toContainText(email);
		await expect(page.getByRole('row', { name })).toContainText('Eingeladen');

		// The invitee, in a fresh browser: the mail's link, a password, and the app.
		await page.context().clearCookies();
		let link = '';
		await expect(async () => {
			link = await invitationLink(email);
		}).toPass({ timeout: 10_000 });
		await page.goto(link);
		await expect(page).toHaveURL(/\/auth\/accept-invite/);
		await page.getByLabel('Neues Passwort').fill(password);
		await page.getByLabel('Passwort wiederholen').fill(password);
		await page.getByRole('button', { name: 'Passwort festlegen' }).click();
		await expect(page.getByRole('banner')).toContainText(name);

		await page.goto(`/leads/${lead.id}`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(lead.name);

		// The password works for the next sign-in too.
		await page.context().clearCookies();
		await signInAs(page, email, password, name);
	} finally {
		await service.from('leads').delete().eq('id', lead.id);
		await deleteUserByEmail(email);
	}
});

test('a deactivated member is signed out and cannot sign in again', async ({ browser, page }) => {
	const member = await createMember('Deaktiviert', uniqueSuffix());
	const memberContext = await browser.newContext();
	try {
		const memberPage = await memberContext.newPage();
		await signInAs(memberPage, member.email, member.password, member.name);

		await signInAs(page, admin.email, admin.password, admin.name);
		await page.goto('/settings/staff');
		const row = page.getByRole('row', { name: member.name });
		await row.getByRole('button', { name: 'Deaktivieren' }).click();
		await expect(page.getByRole('status')).toContainText('deaktiviert');
		await expect(row).toContainText('Deaktiviert');

		await memberPage.goto('/leads');
		await expect(memberPage).toHaveURL(/\/login/);
		await submitSignIn(memberPage, member.email, member.password);
		await expect(memberPage.getByRole('alert')).toContainText('gesperrt');
	} finally {
		await memberContext.close();
		await deleteUserByEmail(member.email);
	}
});

test('a reordered status shows in the new order in settings and on the board', async ({ page }) => {
	const name = `E2E Status ${uniqueSuffix()}`;
	const { data: before } = await service
		.from('lead_statuses')
		.select('id')
		.order('position')
		.order('name')
		.throwOnError();
	const originalOrder = before.map((status) => status.id);
	try {
		await signInAs(page, admin.email, admin.password, admin.name);
		await page.goto('/settings');
		const rows = page.getByTestId('status-row');
		const namesInOrder = () =>
			rows
				.locator('input[type="text"]')
				.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
		await expect(rows.first()).toBeVisible();
		await page.getByLabel('Neuer Status').fill(name);
		await page.getByRole('button', { name: 'Status hinzufügen' }).click();
		await expect(page.getByLabel(`Name des Status ${name}`)).toBeVisible();
		const added = await namesInOrder();
		expect(added.at(-1)).toBe(name);

		// Keyboard-operable: the arrow button moves it one up, above the former last status.
		await page.getByRole('button', { name: `${name} nach oben verschieben` }).click();
		const formerLast = added.at(-2);
		await expect.poll(namesInOrder).toEqual([...added.slice(0, -2), name, formerLast]);

		const { data: statuses } = await service
			.from('lead_statuses')
			.select('id, name')
			.in('name', [name, formerLast])
			.throwOnError();
		const idOf = (statusName: string | undefined) =>
			statuses.find((status) => status.name === statusName)?.id;
		await page.goto('/leads?view=board');
		const columnIds = () =>
			page
				.locator('[data-status-id]')
				.evaluateAll((columns) => columns.map((column) => column.getAttribute('data-status-id')));
		await expect
			.poll(async () => {
				const ids = await columnIds();
				return ids.indexOf(idOf(formerLast) ?? '') - ids.indexOf(idOf(name) ?? '');
			})
			.toBe(1);
	} finally {
		await service.from('lead_statuses').delete().eq('name', name);
		await service.rpc('reorder_lead_statuses', { p_status_ids: originalOrder });
	}
});

test('roles: create, grant in the matrix, refuse deleting while held, delete', async ({ page }) => {
	const suffix = uniqueSuffix();
	const roleName = `E2E Rolle ${suffix}`;
	const holder = `e2e-role-${suffix}@leadwerk.test`;
	try {
		await signInAs(page, admin.email, admin.password, admin.name);
		await page.goto('/settings/roles');
		await page.getByLabel('Neue Rolle').fill(roleName);
		await page.getByRole('button', { name: 'Rolle hinzufügen' }).click();
		await page.getByRole('button', { name: roleName }).click();
		await expect(page.getByRole('heading', { name: `Berechtigungen: ${roleName}` })).toBeVisible();

		await page.getByRole('checkbox', { name: 'Leads: Ansehen (Global)' }).check();
		const { data: role } = await service
			.from('roles')
			.select('id')
			.eq('name', roleName)
			.single()
			.throwOnError();
		await expect
			.poll(async () => {
				const { data } = await service
					.from('role_permissions')
					.select('feature, capability')
					.eq('role_id', role.id)
					.eq('feature', 'leads')
					.eq('capability', 'view_global');
				return data?.length;
			})
			.toBe(1);

		const { data: created } = await service.auth.admin.createUser({
			email: holder,
			email_confirm: true,
			user_metadata: { full_name: `Rolleninhaber ${suffix}` }
		});
		await service
			.from('staff')
			.update({ role_id: role.id })
			.eq('id', created.user?.id ?? '');
		await page.getByRole('button', { name: 'Rolle löschen' }).click();
		await expect(page.getByRole('alert')).toContainText('noch verwendet');

		await deleteUserByEmail(holder);
		await page.getByRole('button', { name: 'Rolle löschen' }).click();
		await expect(page.getByRole('button', { name: roleName })).toHaveCount(0);
	} finally {
		await deleteUserByEmail(holder);
		await service.from('roles').delete().eq('name', roleName);
	}
});

test('profile: a member changes name, language and password; the header follows', async ({
	page
}) => {
	const suffix = uniqueSuffix();
	const member = await createMember('Paula', suffix);
	// The header names the staff row, not the account's metadata (the name given at sign-up).
	const staffName = `Paula Personal ${suffix}`;
	await service.from('staff').update({ full_name: staffName }).eq('id', member.id).throwOnError();
	try {
		await signInAs(page, member.email, member.password, staffName);
		await page.getByRole('link', { name: `Angemeldet als ${staffName}` }).click();
		await page.getByLabel('Name').fill(`Paula Neu ${suffix}`);
		await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
		await page.getByRole('button', { name: 'Speichern' }).click();
		// The page follows the stored language, the header the new name.
		await expect(page.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
		await expect(page.getByLabel('Name')).toHaveValue(`Paula Neu ${suffix}`);
		await expect(
			page.getByRole('banner').getByRole('link', { name: `Signed in as Paula Neu ${suffix}` })
		).toBeVisible();
		await expect(page.getByRole('banner')).not.toContainText(staffName);

		const newPassword = `neu-${suffix}-geheim`;
		await page.getByLabel('New password').fill(newPassword);
		await page.getByLabel('Repeat password').fill(newPassword);
		await page.getByRole('button', { name: 'Change password' }).click();
		await expect(page.getByRole('status')).toContainText('password was changed');

		const { data: staff } = await service
			.from('staff')
			.select('full_name, language')
			.eq('email', member.email)
			.single()
			.throwOnError();
		expect(staff).toEqual({ full_name: `Paula Neu ${suffix}`, language: 'en' });
		const { error } = await createClient(
			env.url,
			env.publishableKey,
			clientOptions
		).auth.signInWithPassword({ email: member.email, password: newPassword });
		expect(error).toBeNull();
	} finally {
		await deleteUserByEmail(member.email);
	}
});

test('the only administrator cannot remove their own admin flag or deactivate themselves', async ({
	page
}) => {
	// Alex is the seed's only administrator; this test only asks, and the database refuses.
	const { data: admins } = await service
		.from('staff')
		.select('id')
		.eq('is_admin', true)
		.eq('active', true)
		.throwOnError();
	expect(admins).toEqual([{ id: admin.id }]);
	try {
		await signInAs(page, admin.email, admin.password, admin.name);
		await page.goto('/settings/staff');
		// An administrator needs no role: no "no role yet" notice for Alex.
		await expect(page.getByRole('complementary', { name: 'Noch keine Rolle' })).toHaveCount(0);
		const row = page.getByRole('row', { name: admin.name });
		const adminFlag = row.getByRole('checkbox', { name: `${admin.name} ist Administrator` });
		await adminFlag.uncheck();
		const refusal = page.getByRole('alert');
		await expect(refusal).toContainText('Der letzte Administrator kann nicht entfernt werden');
		// The list shows the truth again: still an administrator.
		await expect(adminFlag).toBeChecked();

		await row.getByRole('button', { name: 'Deaktivieren' }).click();
		await expect(refusal).toContainText('Der letzte Administrator kann nicht entfernt werden');
		await expect(row).toContainText('Aktiv');

		const { data: stored } = await service
			.from('staff')
			.select('is_admin, active')
			.eq('id', admin.id)
			.single()
			.throwOnError();
		expect(stored).toEqual({ is_admin: true, active: true });
	} finally {
		// Only if the guard failed: the seed's administrator must stay one for every other test.
		await service.from('staff').update({ is_admin: true, active: true }).eq('id', admin.id);
		await service.auth.admin.updateUserById(admin.id, { ban_duration: 'none' });
	}
});

test('deactivating a member with leads reassigns them to a colleague in one go', async ({
	page
}) => {
	const suffix = uniqueSuffix();
	const leaving = await createMember('Dora', suffix);
	const successor = await createMember('Theo', suffix);
	const marker = `E2E Umzug ${suffix}`;
	try {
		await service
			.from('leads')
			.insert(
				[false, false, true].map((lost, index) => ({
					name: `${marker} ${index}`,
					created_by: admin.id,
					assigned_to: leaving.id,
					lost
				}))
			)
			.throwOnError();

		await signInAs(page, admin.email, admin.password, admin.name);
		await page.goto('/settings/staff');
		const leavingRow = page.getByRole('row', { name: leaving.name });
		const successorRow = page.getByRole('row', { name: successor.name });
		await expect(leavingRow).toContainText('3 (2 offen)');

		await leavingRow.getByRole('button', { name: 'Deaktivieren' }).click();
		const dialog = page.getByRole('dialog', { name: `Leads von ${leaving.name} neu zuweisen` });
		await expect(dialog).toContainText('Zugewiesene Interessenten');
		await expect(dialog).toContainText('3 (davon offen: 2)');
		await dialog.getByRole('button', { name: 'Neu zuweisen und deaktivieren' }).click();
		await expect(dialog.getByText('Bitte wähle einen anderen Mitarbeiter.')).toBeVisible();

		await dialog.getByLabel('Neu zuweisen an').selectOption({ label: successor.name });
		await dialog.getByRole('button', { name: 'Neu zuweisen und deaktivieren' }).click();
		await expect(dialog).toBeHidden();
		await expect(page.getByRole('status')).toContainText(
			`3 Interessenten wurden ${successor.name} zugewiesen.`
		);
		await expect(leavingRow).toContainText('Deaktiviert');
		await expect(successorRow).toContainText('3 (2 offen)');
		await expect(leavingRow.getByRole('button', { name: 'Leads neu zuweisen' })).toHaveCount(0);

		const { data: leads } = await service
			.from('leads')
			.select('assigned_to')
			.ilike('name', `${marker}%`)
			.throwOnError();
		expect(leads.map((lead) => lead.assigned_to)).toEqual([
			successor.id,
			successor.id,
			successor.id
		]);
		const { data: notifications } = await service
			.from('notifications')
			.select('kind, payload')
			.eq('staff_id', successor.id)
			.throwOnError();
		expect(notifications).toEqual([
			{
				kind: 'leads.reassigned',
				payload: {
					count: 3,
					from: { id: leaving.id, name: leaving.name },
					by: { id: admin.id, name: admin.name }
				}
			}
		]);
	} finally {
		await service.from('leads').delete().ilike('name', `${marker}%`);
		await deleteUserByEmail(leaving.email);
		await deleteUserByEmail(successor.email);
	}
});

test('reassigns only the open leads of a member from the staff list', async ({ page }) => {
	const suffix = uniqueSuffix();
	const holder = await createMember('Hanna', suffix);
	const successor = await createMember('Ole', suffix);
	const marker = `E2E Offen ${suffix}`;
	try {
		await service
			.from('leads')
			.insert(
				[false, true].map((lost, index) => ({
					name: `${marker} ${index}`,
					created_by: admin.id,
					assigned_to: holder.id,
					lost
				}))
			)
			.throwOnError();

		await signInAs(page, admin.email, admin.password, admin.name);
		await page.goto('/settings/staff');
		const holderRow = page.getByRole('row', { name: holder.name });
		await expect(holderRow).toContainText('2 (1 offen)');
		await holderRow.getByRole('button', { name: 'Leads neu zuweisen' }).click();
		const dialog = page.getByRole('dialog', { name: `Leads von ${holder.name} neu zuweisen` });
		await expect(dialog.getByRole('button', { name: 'Nur deaktivieren' })).toHaveCount(0);
		await dialog.getByLabel('Neu zuweisen an').selectOption({ label: successor.name });
		await dialog.getByLabel('Nur offene Interessenten').check();
		await dialog.getByRole('button', { name: 'Neu zuweisen' }).click();
		await expect(page.getByRole('status')).toContainText(
			`1 Interessent wurde ${successor.name} zugewiesen.`
		);
		await expect(holderRow).toContainText('1 (0 offen)');
		await expect(holderRow).toContainText('Aktiv');
	} finally {
		await service.from('leads').delete().ilike('name', `${marker}%`);
		await deleteUserByEmail(holder.email);
		await deleteUserByEmail(successor.email);
	}
});

test('a member without a role is told why they see little, until they get one', async ({
	page
}) => {
	const member = await createMember('Rolf', uniqueSuffix());
	try {
		await signInAs(page, member.email, member.password, member.name);
		const notice = page.getByRole('complementary', { name: 'Noch keine Rolle' });
		await expect(notice).toContainText('Dir ist noch keine Rolle zugewiesen');
		await page.getByRole('link', { name: 'Leads', exact: true }).click();
		await expect(page).toHaveURL(/\/leads/);
		await expect(notice).toBeVisible();

		const { data: role } = await service
			.from('roles')
			.select('id')
			.eq('name', 'Vertrieb')
			.single()
			.throwOnError();
		await service.from('staff').update({ role_id: role.id }).eq('id', member.id).throwOnError();
		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(notice).toHaveCount(0);
	} finally {
		await deleteUserByEmail(member.email);
	}
});
