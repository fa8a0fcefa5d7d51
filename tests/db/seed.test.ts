/**
 * The local demo data of supabase/seed.sql (issue 4, design.md §10): the personas with their
 * roles, the pick lists, and about 40 leads spread over the personas so that each of them sees
 * what the access rule promises. The only db test that relies on seeded rows.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, signedIn } from './as-role.ts';

const db = createDatabase();
afterAll(() => db.close());

const personas = {
	alex: '00000000-0000-4000-a000-000000000001',
	lea: '00000000-0000-4000-a000-000000000002',
	max: '00000000-0000-4000-a000-000000000003',
	nina: '00000000-0000-4000-a000-000000000004'
};

describe('seed', () => {
	it('gives the personas their roles: Alex administrator, Lea Vertriebsleitung, Max and Nina Vertrieb', async () => {
		const rows = await db.inRollback((tx) =>
			tx.sql(
				`select staff.email, staff.full_name, staff.is_admin, roles.name as role,
					exists (
						select 1 from public.role_permissions
						where role_id = roles.id and feature = 'leads' and capability = 'view_global'
					) as view_global
				from public.staff left join public.roles on roles.id = staff.role_id
				where staff.id = any($1) order by staff.email`,
				[Object.values(personas)]
			)
		);
		expect(rows).toEqual([
			{
				email: 'admin@leadwerk.test',
				full_name: 'Alex Admin',
				is_admin: true,
				role: null,
				view_global: false
			},
			{
				email: 'lea@leadwerk.test',
				full_name: 'Lea Leitner',
				is_admin: false,
				role: 'Vertriebsleitung',
				view_global: true
			},
			{
				email: 'max@leadwerk.test',
				full_name: 'Max Vogel',
				is_admin: false,
				role: 'Vertrieb',
				view_global: false
			},
			{
				email: 'nina@leadwerk.test',
				full_name: 'Nina Brandt',
				is_admin: false,
				role: 'Vertrieb',
				view_global: false
			}
		]);
	});

	it('has the three statuses and the five sources', async () => {
		const [statuses, sources] = await db.inRollback(async (tx) => [
			await tx.sql(
				'select name, kind from public.lead_statuses where key is not null order by position'
			),
			await tx.sql<{ name: string }>('select name from public.lead_sources order by name')
		]);
		expect(statuses).toEqual([
			{ name: 'Kalter Lead', kind: 'open' },
			{ name: 'Potenter Lead', kind: 'open' },
			{ name: 'Kunde', kind: 'converted' }
		]);
		expect(sources.map((source) => source.name)).toEqual(
			expect.arrayContaining(['Webseite', 'Empfehlung', 'Messe', 'Google', 'LinkedIn'])
		);
	});

	it('has about 40 leads spread over private, assigned and public', async () => {
		const [spread] = await db.inRollback((tx) =>
			tx.sql<Record<string, string>>(
				`select count(*) as total,
					count(*) filter (where is_public) as public,
					count(*) filter (where not is_public and assigned_to is null) as private_unassigned,
					count(*) filter (where assigned_to is distinct from created_by and assigned_to is not null) as handed_over,
					count(distinct created_by) as creators,
					count(*) filter (where customer_id is not null) as converted
				from public.leads where id::text like '00000000-0000-4000-b000-%'`
			)
		);
		expect(Number(spread.total)).toBe(40);
		expect(Number(spread.public)).toBeGreaterThanOrEqual(4);
		expect(Number(spread.private_unassigned)).toBeGreaterThanOrEqual(2);
		expect(Number(spread.handed_over)).toBeGreaterThanOrEqual(5);
		expect(Number(spread.creators)).toBe(4);
		expect(Number(spread.converted)).toBe(2);
	});

	it.each(Object.entries(personas))(
		'%s sees exactly the leads the rule gives them',
		async (_name, id) => {
			const [seen, promised] = await db.inRollback(async (tx) => [
				await tx.as<{ id: string }>(signedIn(id), 'select id from public.leads order by id'),
				await tx.sql<{ id: string }>(
					`select leads.id from public.leads, public.staff
				where staff.id = $1 and (
					staff.is_admin or leads.is_public or leads.created_by = staff.id
					or leads.assigned_to = staff.id
					or exists (
						select 1 from public.role_permissions
						where role_id = staff.role_id and feature = 'leads' and capability = 'view_global'
					)
				)
				order by leads.id`,
					[id]
				)
			]);
			expect(seen.length).toBeGreaterThan(15);
			expect(seen).toEqual(promised);
		}
	);

	it('has notes with a contact log, tasks, reminders, activity and a proposal', async () => {
		const [counts] = await db.inRollback((tx) =>
			tx.sql<Record<string, string>>(
				`select
					(select count(*) from public.lead_notes) as notes,
					(select count(*) from public.leads where last_contact_at is not null) as contacted_leads,
					(select count(*) from public.tasks) as tasks,
					(select count(*) from public.reminders) as reminders,
					(select count(distinct action) from public.lead_activity) as activity_kinds,
					(select count(*) from public.proposal_items) as proposal_items`
			)
		);
		expect(Number(counts.notes)).toBeGreaterThanOrEqual(40);
		expect(Number(counts.contacted_leads)).toBeGreaterThanOrEqual(20);
		expect(Number(counts.tasks)).toBeGreaterThanOrEqual(10);
		expect(Number(counts.reminders)).toBeGreaterThanOrEqual(5);
		expect(Number(counts.activity_kinds)).toBeGreaterThanOrEqual(5);
		expect(Number(counts.proposal_items)).toBeGreaterThanOrEqual(2);
	});

	it('the seeded proposal was sent to its lead with a link, recipient and computed totals', async () => {
		const [proposal] = await db.inRollback((tx) =>
			tx.sql<Record<string, unknown>>(
				`select proposals.status, proposals.sent_at, proposals.public_token,
					proposals.recipient_email = leads.email as addressed_to_lead,
					proposals.subtotal = (select sum(amount) from public.proposal_items
						where proposal_id = proposals.id) as subtotal_of_items,
					exists (select 1 from public.lead_activity
						where lead_activity.lead_id = leads.id and action = 'proposal.sent') as sent_logged
				from public.proposals join public.leads on leads.id = proposals.lead_id
				where proposals.id = '00000000-0000-4000-d000-000000000001'`
			)
		);
		// Opening its link (e.g. in an end-to-end test) makes it open.
		expect(['sent', 'open']).toContain(proposal.status);
		expect(proposal).toMatchObject({
			addressed_to_lead: true,
			subtotal_of_items: true,
			sent_logged: true,
			public_token: expect.stringMatching(/^[0-9a-f]{64}$/)
		});
		expect(proposal.sent_at).toBeInstanceOf(Date);
	});
});
