/**
 * Bulk reassignment of a member's leads (issue 8): who may call reassign_leads and
 * staff_lead_counts (allow and deny per persona), what moves (all or only open leads), that the
 * new assignee gets one leads.reassigned notification instead of one lead.assigned per lead,
 * that each lead still logs its assignment, and that inactive or unknown targets are refused.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { anon, createDatabase, signedIn, type Caller, type Transaction } from './as-role.ts';
import { createLead, createRole, createStaff } from './fixtures.ts';

const db = createDatabase();
afterAll(() => db.close());

/** A member with leads (two open, one lost, one converted) and the people around them. */
async function createTeam(tx: Transaction) {
	const sellerRole = await createRole(tx);
	const team = {
		admin: await createStaff(tx, { isAdmin: true }),
		manager: await createStaff(tx, { roleId: await createRole(tx, ['staff.manage']) }),
		seller: await createStaff(tx, { roleId: sellerRole }),
		leaving: await createStaff(tx, { roleId: sellerRole }),
		successor: await createStaff(tx, { roleId: sellerRole })
	};
	const leads = {
		open: [
			await createLead(tx, { createdBy: team.admin, assignedTo: team.leaving }),
			await createLead(tx, { createdBy: team.seller, assignedTo: team.leaving })
		],
		lost: await createLead(tx, { createdBy: team.admin, assignedTo: team.leaving }),
		converted: await createLead(tx, { createdBy: team.admin, assignedTo: team.leaving }),
		others: await createLead(tx, { createdBy: team.admin, assignedTo: team.seller })
	};
	await tx.sql('update public.leads set lost = true where id = $1', [leads.lost]);
	await tx.sql(
		`update public.leads set status_id = (
			select id from public.lead_statuses where kind = 'converted'
		) where id = $1`,
		[leads.converted]
	);
	return { ...team, leads };
}

type Team = Awaited<ReturnType<typeof createTeam>>;

function reassign(from: string, to: string, onlyOpen?: boolean) {
	return onlyOpen === undefined
		? { text: 'select public.reassign_leads($1, $2) as moved', values: [from, to] }
		: {
				text: 'select public.reassign_leads($1, $2, $3) as moved',
				values: [from, to, onlyOpen]
			};
}

async function assigneesOf(tx: Transaction, leadIds: string[]): Promise<string[]> {
	const rows = await tx.sql<{ assigned_to: string }>(
		'select assigned_to from public.leads where id = any($1) order by id',
		[leadIds]
	);
	return rows.map((row) => row.assigned_to);
}

async function notificationsOf(tx: Transaction, staffId: string) {
	return tx.sql<{ kind: string; payload: Record<string, unknown> }>(
		'select kind, payload from public.notifications where staff_id = $1 order by created_at',
		[staffId]
	);
}

const allLeadsOf = (team: Team) => [...team.leads.open, team.leads.lost, team.leads.converted];

describe('reassign_leads', () => {
	it('lets administrators and staff.manage holders move every lead of a member', async () => {
		for (const persona of ['admin', 'manager'] as const) {
			await db.inRollback(async (tx) => {
				const team = await createTeam(tx);
				const [row] = await tx.as<{ moved: number }>(
					signedIn(team[persona]),
					reassign(team.leaving, team.successor)
				);
				expect(row.moved).toBe(allLeadsOf(team).length);
				expect(await assigneesOf(tx, allLeadsOf(team))).toEqual(
					allLeadsOf(team).map(() => team.successor)
				);
				expect(await assigneesOf(tx, [team.leads.others])).toEqual([team.seller]);
			});
		}
	});

	it('refuses plain members, inactive managers and anon, and moves nothing', async () => {
		await db.inRollback(async (tx) => {
			const team = await createTeam(tx);
			const inactiveAdmin = await createStaff(tx, { isAdmin: true, active: false });
			const refused: Caller[] = [
				signedIn(team.seller),
				signedIn(team.leaving),
				signedIn(inactiveAdmin),
				anon
			];
			for (const caller of refused) {
				expect(await tx.attempt(caller, reassign(team.leaving, team.successor))).toMatchObject({
					ok: false,
					code: '42501'
				});
			}
			expect(await assigneesOf(tx, allLeadsOf(team))).toEqual(
				allLeadsOf(team).map(() => team.leaving)
			);
		});
	});

	it('moves only open leads when asked, leaving lost and converted ones', async () => {
		await db.inRollback(async (tx) => {
			const team = await createTeam(tx);
			const [row] = await tx.as<{ moved: number }>(
				signedIn(team.manager),
				reassign(team.leaving, team.successor, true)
			);
			expect(row.moved).toBe(team.leads.open.length);
			expect(await assigneesOf(tx, team.leads.open)).toEqual([team.successor, team.successor]);
			expect(await assigneesOf(tx, [team.leads.lost, team.leads.converted])).toEqual([
				team.leaving,
				team.leaving
			]);
		});
	});

	it('sends the new assignee one summary notification and logs each lead', async () => {
		await db.inRollback(async (tx) => {
			const team = await createTeam(tx);
			const [manager] = await tx.sql<{ full_name: string }>(
				'select full_name from public.staff where id = $1',
				[team.manager]
			);
			const [leaving] = await tx.sql<{ full_name: string }>(
				'select full_name from public.staff where id = $1',
				[team.leaving]
			);
			await tx.as(signedIn(team.manager), reassign(team.leaving, team.successor));

			expect(await notificationsOf(tx, team.successor)).toEqual([
				{
					kind: 'leads.reassigned',
					payload: {
						count: allLeadsOf(team).length,
						from: { id: team.leaving, name: leaving.full_name },
						by: { id: team.manager, name: manager.full_name }
					}
				}
			]);
			const activity = await tx.sql<{ lead_id: string; actor_id: string; details: unknown }>(
				`select lead_id, actor_id, details from public.lead_activity
				where lead_id = any($1) and action = 'lead.assigned' and actor_id = $2`,
				[allLeadsOf(team), team.manager]
			);
			expect(activity.map((entry) => entry.lead_id).sort()).toEqual(allLeadsOf(team).sort());
			expect(activity[0].details).toMatchObject({
				old: { id: team.leaving },
				new: { id: team.successor }
			});
		});
	});

	it('notifies single assignments again after the reassignment in the same transaction', async () => {
		await db.inRollback(async (tx) => {
			const team = await createTeam(tx);
			await tx.as(signedIn(team.admin), reassign(team.leaving, team.successor));
			await tx.as(signedIn(team.admin), {
				text: 'update public.leads set assigned_to = $2 where id = $1',
				values: [team.leads.others, team.successor]
			});
			const kinds = (await notificationsOf(tx, team.successor)).map((row) => row.kind);
			expect(kinds).toEqual(['leads.reassigned', 'lead.assigned']);
		});
	});

	it('sends nothing when no lead moves or the caller takes the leads themselves', async () => {
		await db.inRollback(async (tx) => {
			const team = await createTeam(tx);
			// The seller's lead was assigned at creation, which notified them already.
			const before = await notificationsOf(tx, team.seller);
			const [none] = await tx.as<{ moved: number }>(
				signedIn(team.manager),
				reassign(team.successor, team.seller)
			);
			expect(none.moved).toBe(0);
			expect(await notificationsOf(tx, team.seller)).toEqual(before);

			const [own] = await tx.as<{ moved: number }>(
				signedIn(team.manager),
				reassign(team.leaving, team.manager)
			);
			expect(own.moved).toBe(allLeadsOf(team).length);
			expect(await notificationsOf(tx, team.manager)).toEqual([]);
		});
	});

	it('refuses an inactive, unknown or identical target', async () => {
		await db.inRollback(async (tx) => {
			const team = await createTeam(tx);
			const inactive = await createStaff(tx, { active: false });
			const cases = [
				[inactive, 'PT422'],
				['00000000-0000-4000-a000-0000000000ff', 'PT404'],
				[team.leaving, '22023']
			] as const;
			for (const [target, code] of cases) {
				expect(
					await tx.attempt(signedIn(team.admin), reassign(team.leaving, target))
				).toMatchObject({ ok: false, code });
			}
			expect(
				await tx.attempt(
					signedIn(team.admin),
					reassign('00000000-0000-4000-a000-0000000000ff', team.successor)
				)
			).toMatchObject({ ok: false, code: 'PT404' });
			expect(await assigneesOf(tx, allLeadsOf(team))).toEqual(
				allLeadsOf(team).map(() => team.leaving)
			);
			expect(await notificationsOf(tx, inactive)).toEqual([]);
		});
	});
});

describe('staff_lead_counts', () => {
	it('counts all and open leads per member for administrators and staff managers', async () => {
		for (const persona of ['admin', 'manager'] as const) {
			await db.inRollback(async (tx) => {
				const team = await createTeam(tx);
				const rows = await tx.as<{ staff_id: string; assigned_leads: number; open_leads: number }>(
					signedIn(team[persona]),
					{
						text: 'select * from public.staff_lead_counts() where staff_id = any($1)',
						values: [[team.leaving, team.seller, team.successor]]
					}
				);
				expect(rows.sort((a, b) => a.assigned_leads - b.assigned_leads)).toEqual([
					{ staff_id: team.seller, assigned_leads: 1, open_leads: 1 },
					{
						staff_id: team.leaving,
						assigned_leads: allLeadsOf(team).length,
						open_leads: team.leads.open.length
					}
				]);
			});
		}
	});

	it('refuses plain members, inactive managers and anon', async () => {
		await db.inRollback(async (tx) => {
			const team = await createTeam(tx);
			const inactiveManager = await createStaff(tx, {
				roleId: await createRole(tx, ['staff.manage']),
				active: false
			});
			for (const caller of [signedIn(team.seller), signedIn(inactiveManager), anon]) {
				expect(await tx.attempt(caller, 'select * from public.staff_lead_counts()')).toMatchObject({
					ok: false,
					code: '42501'
				});
			}
		});
	});
});
