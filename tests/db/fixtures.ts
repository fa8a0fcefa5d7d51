/**
 * Test data written as postgres inside the test's transaction (see as-role.ts): staff members
 * created the way GoTrue creates users (a row in auth.users; the app's trigger adds the staff
 * row), roles with capabilities, and leads with their children. Names are unique per call.
 */
import { randomUUID } from 'node:crypto';
import { anon, signedIn, type Caller, type Transaction } from './as-role.ts';

export const unique = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;

export async function createStaff(
	tx: Transaction,
	options: { fullName?: string; isAdmin?: boolean; roleId?: string; active?: boolean } = {}
): Promise<string> {
	const id = randomUUID();
	await tx.sql(
		`insert into auth.users (id, aud, role, email, raw_user_meta_data, created_at, updated_at)
		values ($1, 'authenticated', 'authenticated', $2, $3, now(), now())`,
		[id, `db-test-${id}@leadwerk.test`, { full_name: options.fullName ?? unique('Staff') }]
	);
	await tx.sql('update public.staff set is_admin = $2, role_id = $3, active = $4 where id = $1', [
		id,
		options.isAdmin ?? false,
		options.roleId ?? null,
		options.active ?? true
	]);
	return id;
}

/** A role with the given capabilities ('feature.capability') on top of the defaults. */
export async function createRole(tx: Transaction, capabilities: string[] = []): Promise<string> {
	const [{ id }] = await tx.sql<{ id: string }>(
		'insert into public.roles (name) values ($1) returning id',
		[unique('Role')]
	);
	await grant(tx, id, capabilities);
	return id;
}

export async function grant(tx: Transaction, roleId: string, capabilities: string[]) {
	for (const capability of capabilities) {
		const [feature, name] = capability.split('.');
		await tx.sql(
			`insert into public.role_permissions (role_id, feature, capability) values ($1, $2, $3)
			on conflict do nothing`,
			[roleId, feature, name]
		);
	}
}

export async function revoke(tx: Transaction, roleId: string, capability: string) {
	const [feature, name] = capability.split('.');
	await tx.sql(
		'delete from public.role_permissions where role_id = $1 and feature = $2 and capability = $3',
		[roleId, feature, name]
	);
}

export async function createLead(
	tx: Transaction,
	options: {
		createdBy: string;
		assignedTo?: string | null;
		isPublic?: boolean;
		email?: string | null;
		name?: string;
	}
): Promise<string> {
	const [{ id }] = await tx.sql<{ id: string }>(
		`insert into public.leads (name, company, email, created_by, assigned_to, is_public)
		values ($1, 'Testfirma GmbH', $2, $3, $4, $5) returning id`,
		[
			options.name ?? unique('Lead'),
			options.email ?? null,
			options.createdBy,
			options.assignedTo ?? null,
			options.isPublic ?? false
		]
	);
	return id;
}

export async function insertReturningId(
	tx: Transaction,
	text: string,
	values: unknown[]
): Promise<string> {
	const [{ id }] = await tx.sql<{ id: string }>(`${text} returning id`, values);
	return id;
}

export const personaNames = [
	'admin',
	'viewGlobal',
	'creator',
	'assignee',
	'unrelated',
	'inactive',
	'anon'
] as const;
export type PersonaName = (typeof personaNames)[number];

/**
 * The personas of design.md §9 around one private lead: `creator` created it and assigned it to
 * `assignee`; `viewGlobal` holds leads.view_global; `unrelated` is a plain colleague; `inactive`
 * is a deactivated administrator (the strongest rights, switched off); `colleague` is a further
 * member that checks can point at without being the caller.
 */
export interface World {
	admin: string;
	viewGlobal: string;
	creator: string;
	assignee: string;
	unrelated: string;
	inactive: string;
	colleague: string;
	sellerRole: string;
	leaderRole: string;
	lead: string;
}

export async function createWorld(tx: Transaction): Promise<World> {
	const sellerRole = await createRole(tx);
	const leaderRole = await createRole(tx, ['leads.view_global']);
	const creator = await createStaff(tx, { roleId: sellerRole });
	const assignee = await createStaff(tx, { roleId: sellerRole });
	const world = {
		admin: await createStaff(tx, { isAdmin: true }),
		viewGlobal: await createStaff(tx, { roleId: leaderRole }),
		creator,
		assignee,
		unrelated: await createStaff(tx, { roleId: sellerRole }),
		inactive: await createStaff(tx, { isAdmin: true, active: false }),
		colleague: await createStaff(tx, { roleId: sellerRole }),
		sellerRole,
		leaderRole,
		lead: await createLead(tx, { createdBy: creator, assignedTo: assignee })
	};
	return world;
}

export function callerOf(world: World, persona: PersonaName): Caller {
	return persona === 'anon' ? anon : signedIn(world[persona]);
}

/** The persona's staff id, or for anon a real colleague (so statements stay well-formed). */
export function selfOf(world: World, persona: PersonaName): string {
	return persona === 'anon' ? world.unrelated : world[persona];
}
