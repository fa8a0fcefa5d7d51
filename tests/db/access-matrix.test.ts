/**
 * The access matrix (issue 4, design.md §4): every persona × every table × select / insert /
 * update / delete, against the real Postgres as the real roles. Each table names the row the
 * checks aim at (a child of the persona world's private lead, where it has one) and one
 * statement per operation; the expectation per persona reads like a matrix row, e.g. 'SIU-' =
 * may select, insert and update, may not delete. Storage objects (as storage-api runs them) and
 * realtime topics (as Realtime authorises a private channel) are rows of the same matrix.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, type Outcome, type Statement, type Transaction } from './as-role.ts';
import {
	callerOf,
	createWorld,
	insertReturningId,
	personaNames,
	selfOf,
	unique,
	type PersonaName,
	type World
} from './fixtures.ts';

const db = createDatabase();
afterAll(() => db.close());

type Operation = 'select' | 'insert' | 'update' | 'delete';
const operations: Operation[] = ['select', 'insert', 'update', 'delete'];
const letters: Record<Operation, string> = { select: 'S', insert: 'I', update: 'U', delete: 'D' };

interface TableChecks {
	/** Creates the row that select, update and delete aim at; returns its key. */
	target(tx: Transaction, world: World): Promise<string>;
	/** One statement per operation; `self` is the caller's staff id. */
	statements: Record<Operation, (target: string, world: World, self: string) => Statement>;
	/** Per persona: S, I, U, D where allowed, '-' where refused. */
	expected: Record<PersonaName, string>;
}

const visibleToLeadViewers = {
	admin: 'SIUD',
	viewGlobal: 'SIUD',
	creator: 'SIUD',
	assignee: 'SIUD',
	unrelated: '----',
	inactive: '----',
	anon: '----'
};
const onlyAdminsWrite = {
	admin: 'SIUD',
	viewGlobal: 'S---',
	creator: 'S---',
	assignee: 'S---',
	unrelated: 'S---',
	inactive: '----',
	anon: '----'
};

const leadNote = (world: World, createdBy: string, tx: Transaction) =>
	insertReturningId(
		tx,
		'insert into public.lead_notes (lead_id, body, created_by) values ($1, $2, $3)',
		[world.lead, 'Matrix note', createdBy]
	);

const tables: Record<string, TableChecks> = {
	leads: {
		target: async (_tx, world) => world.lead,
		statements: {
			select: (id) => ({ text: 'select id from public.leads where id = $1', values: [id] }),
			insert: (_id, _world, self) => ({
				text: 'insert into public.leads (name, created_by) values ($1, $2)',
				values: [unique('Lead'), self]
			}),
			update: (id) => ({
				text: "update public.leads set name = 'Renamed' where id = $1",
				values: [id]
			}),
			delete: (id) => ({ text: 'delete from public.leads where id = $1', values: [id] })
		},
		// Deleting needs leads.delete, which only the administrator has here.
		expected: {
			admin: 'SIUD',
			viewGlobal: 'SIU-',
			creator: 'SIU-',
			assignee: 'SIU-',
			unrelated: '-I--',
			inactive: '----',
			anon: '----'
		}
	},
	lead_notes: {
		target: (tx, world) => leadNote(world, world.creator, tx),
		statements: {
			select: (id) => ({ text: 'select id from public.lead_notes where id = $1', values: [id] }),
			insert: (_id, world, self) => ({
				text: 'insert into public.lead_notes (lead_id, body, created_by) values ($1, $2, $3)',
				values: [world.lead, 'New note', self]
			}),
			update: (id) => ({
				text: "update public.lead_notes set body = 'Edited' where id = $1",
				values: [id]
			}),
			delete: (id) => ({ text: 'delete from public.lead_notes where id = $1', values: [id] })
		},
		// Only the author (creator) and administrators edit or delete a note.
		expected: {
			admin: 'SIUD',
			viewGlobal: 'SI--',
			creator: 'SIUD',
			assignee: 'SI--',
			unrelated: '----',
			inactive: '----',
			anon: '----'
		}
	},
	tasks: {
		target: (tx, world) =>
			insertReturningId(
				tx,
				'insert into public.tasks (lead_id, title, created_by) values ($1, $2, $3)',
				[world.lead, 'Matrix task', world.creator]
			),
		statements: {
			select: (id) => ({ text: 'select id from public.tasks where id = $1', values: [id] }),
			insert: (_id, world, self) => ({
				text: 'insert into public.tasks (lead_id, title, created_by) values ($1, $2, $3)',
				values: [world.lead, 'New task', self]
			}),
			update: (id) => ({
				text: "update public.tasks set status = 'in_progress' where id = $1",
				values: [id]
			}),
			delete: (id) => ({ text: 'delete from public.tasks where id = $1', values: [id] })
		},
		expected: visibleToLeadViewers
	},
	task_assignees: {
		target: async (tx, world) => {
			const task = await insertReturningId(
				tx,
				'insert into public.tasks (lead_id, title, created_by) values ($1, $2, $3)',
				[world.lead, 'Matrix task', world.creator]
			);
			await tx.sql('insert into public.task_assignees (task_id, staff_id) values ($1, $2)', [
				task,
				world.colleague
			]);
			return task;
		},
		statements: {
			select: (task, world) => ({
				text: 'select task_id from public.task_assignees where task_id = $1 and staff_id = $2',
				values: [task, world.colleague]
			}),
			insert: (task, _world, self) => ({
				text: 'insert into public.task_assignees (task_id, staff_id) values ($1, $2)',
				values: [task, self]
			}),
			update: (task, world) => ({
				text: 'update public.task_assignees set created_at = now() where task_id = $1 and staff_id = $2',
				values: [task, world.colleague]
			}),
			delete: (task, world) => ({
				text: 'delete from public.task_assignees where task_id = $1 and staff_id = $2',
				values: [task, world.colleague]
			})
		},
		// An assignment is added or removed, never changed.
		expected: {
			admin: 'SI-D',
			viewGlobal: 'SI-D',
			creator: 'SI-D',
			assignee: 'SI-D',
			unrelated: '----',
			inactive: '----',
			anon: '----'
		}
	},
	reminders: {
		target: (tx, world) =>
			insertReturningId(
				tx,
				`insert into public.reminders (lead_id, remind_staff_id, remind_at, description, created_by)
				values ($1, $2, now() + interval '1 day', 'Matrix reminder', $2)`,
				[world.lead, world.creator]
			),
		statements: {
			select: (id) => ({ text: 'select id from public.reminders where id = $1', values: [id] }),
			insert: (_id, world, self) => ({
				text: `insert into public.reminders (lead_id, remind_staff_id, remind_at, description, created_by)
					values ($1, $2, now() + interval '2 days', 'New reminder', $2)`,
				values: [world.lead, self]
			}),
			update: (id) => ({
				text: "update public.reminders set description = 'Moved' where id = $1",
				values: [id]
			}),
			delete: (id) => ({ text: 'delete from public.reminders where id = $1', values: [id] })
		},
		expected: visibleToLeadViewers
	},
	lead_attachments: {
		target: (tx, world) =>
			insertReturningId(
				tx,
				`insert into public.lead_attachments (lead_id, object_path, file_name, size, uploaded_by)
				values ($1, $2, 'offer.pdf', 1024, $3)`,
				[world.lead, `${world.lead}/${randomUUID()}-offer.pdf`, world.creator]
			),
		statements: {
			select: (id) => ({
				text: 'select id from public.lead_attachments where id = $1',
				values: [id]
			}),
			insert: (_id, world, self) => ({
				text: `insert into public.lead_attachments (lead_id, object_path, file_name, size, uploaded_by)
					values ($1, $2, 'new.pdf', 10, $3)`,
				values: [world.lead, `${world.lead}/${randomUUID()}-new.pdf`, self]
			}),
			update: (id) => ({
				text: "update public.lead_attachments set file_name = 'renamed.pdf' where id = $1",
				values: [id]
			}),
			delete: (id) => ({ text: 'delete from public.lead_attachments where id = $1', values: [id] })
		},
		// Attachments are added and removed, never changed.
		expected: {
			admin: 'SI-D',
			viewGlobal: 'SI-D',
			creator: 'SI-D',
			assignee: 'SI-D',
			unrelated: '----',
			inactive: '----',
			anon: '----'
		}
	},
	lead_activity: {
		target: (tx, world) =>
			insertReturningId(
				tx,
				`insert into public.lead_activity (lead_id, actor_id, action, details)
				values ($1, $2, 'manual', '{"text": "Matrix entry"}')`,
				[world.lead, world.creator]
			),
		statements: {
			select: (id) => ({ text: 'select id from public.lead_activity where id = $1', values: [id] }),
			insert: (_id, world, self) => ({
				text: `insert into public.lead_activity (lead_id, actor_id, action, details)
					values ($1, $2, 'manual', '{"text": "Called the front desk"}')`,
				values: [world.lead, self]
			}),
			update: (id) => ({
				text: `update public.lead_activity set details = '{"text": "Rewritten"}' where id = $1`,
				values: [id]
			}),
			delete: (id) => ({ text: 'delete from public.lead_activity where id = $1', values: [id] })
		},
		// Append-only: manual entries may be added, nothing is changed or removed.
		expected: {
			admin: 'SI--',
			viewGlobal: 'SI--',
			creator: 'SI--',
			assignee: 'SI--',
			unrelated: '----',
			inactive: '----',
			anon: '----'
		}
	},
	notifications: {
		target: (tx, world) =>
			insertReturningId(
				tx,
				`insert into public.notifications (staff_id, kind, payload) values ($1, 'reminder.due', '{}')`,
				[world.assignee]
			),
		statements: {
			select: (id) => ({ text: 'select id from public.notifications where id = $1', values: [id] }),
			insert: (_id, _world, self) => ({
				text: `insert into public.notifications (staff_id, kind) values ($1, 'reminder.due')`,
				values: [self]
			}),
			update: (id) => ({
				text: 'update public.notifications set read_at = now() where id = $1',
				values: [id]
			}),
			delete: (id) => ({ text: 'delete from public.notifications where id = $1', values: [id] })
		},
		// Only the recipient sees, reads and deletes a notification; only the database creates them.
		expected: {
			admin: '----',
			viewGlobal: '----',
			creator: '----',
			assignee: 'S-UD',
			unrelated: '----',
			inactive: '----',
			anon: '----'
		}
	},
	staff: {
		target: async (_tx, world) => world.colleague,
		statements: {
			select: (id) => ({ text: 'select id from public.staff where id = $1', values: [id] }),
			insert: () => ({
				text: "insert into public.staff (id, full_name) values (gen_random_uuid(), 'Intruder')"
			}),
			update: (id) => ({
				text: "update public.staff set full_name = 'Renamed' where id = $1",
				values: [id]
			}),
			delete: (id) => ({ text: 'delete from public.staff where id = $1', values: [id] })
		},
		// Staff rows come from auth.users; a colleague's row is edited by administrators only.
		expected: {
			admin: 'S-U-',
			viewGlobal: 'S---',
			creator: 'S---',
			assignee: 'S---',
			unrelated: 'S---',
			inactive: '----',
			anon: '----'
		}
	},
	roles: {
		target: async (_tx, world) => world.sellerRole,
		statements: {
			select: (id) => ({ text: 'select id from public.roles where id = $1', values: [id] }),
			insert: () => ({
				text: 'insert into public.roles (name) values ($1)',
				values: [unique('Role')]
			}),
			update: (id) => ({
				text: 'update public.roles set name = $2 where id = $1',
				values: [id, unique('Renamed')]
			}),
			delete: (id) => ({ text: 'delete from public.roles where id = $1', values: [id] })
		},
		expected: onlyAdminsWrite
	},
	role_permissions: {
		target: async (_tx, world) => world.sellerRole,
		statements: {
			select: (role) => ({
				text: "select role_id from public.role_permissions where role_id = $1 and capability = 'add_source'",
				values: [role]
			}),
			insert: (role) => ({
				text: "insert into public.role_permissions (role_id, feature, capability) values ($1, 'leads', 'import')",
				values: [role]
			}),
			update: (role) => ({
				text: "update public.role_permissions set capability = 'import' where role_id = $1 and capability = 'add_source'",
				values: [role]
			}),
			delete: (role) => ({
				text: "delete from public.role_permissions where role_id = $1 and capability = 'add_source'",
				values: [role]
			})
		},
		expected: onlyAdminsWrite
	},
	lead_statuses: {
		target: (tx) =>
			insertReturningId(tx, 'insert into public.lead_statuses (name, position) values ($1, 99)', [
				unique('Status')
			]),
		statements: {
			select: (id) => ({ text: 'select id from public.lead_statuses where id = $1', values: [id] }),
			insert: () => ({
				text: 'insert into public.lead_statuses (name) values ($1)',
				values: [unique('Status')]
			}),
			update: (id) => ({
				text: "update public.lead_statuses set color = '#123456' where id = $1",
				values: [id]
			}),
			delete: (id) => ({ text: 'delete from public.lead_statuses where id = $1', values: [id] })
		},
		expected: onlyAdminsWrite
	},
	lead_sources: {
		target: (tx) =>
			insertReturningId(tx, 'insert into public.lead_sources (name) values ($1)', [
				unique('Source')
			]),
		statements: {
			select: (id) => ({ text: 'select id from public.lead_sources where id = $1', values: [id] }),
			insert: () => ({
				text: 'insert into public.lead_sources (name) values ($1)',
				values: [unique('Source')]
			}),
			update: (id) => ({
				text: 'update public.lead_sources set name = $2 where id = $1',
				values: [id, unique('Renamed')]
			}),
			delete: (id) => ({ text: 'delete from public.lead_sources where id = $1', values: [id] })
		},
		// Every role may add a source inline (leads.add_source is a default capability).
		expected: {
			admin: 'SIUD',
			viewGlobal: 'SI--',
			creator: 'SI--',
			assignee: 'SI--',
			unrelated: 'SI--',
			inactive: '----',
			anon: '----'
		}
	},
	customers: {
		// A customer the world's lead was converted into, created by the administrator.
		target: async (tx, world) => {
			const id = await insertReturningId(
				tx,
				'insert into public.customers (company, created_by) values ($1, $2)',
				[unique('Kunde'), world.admin]
			);
			await tx.sql('update public.leads set customer_id = $2, converted_at = now() where id = $1', [
				world.lead,
				id
			]);
			return id;
		},
		statements: {
			select: (id) => ({ text: 'select id from public.customers where id = $1', values: [id] }),
			insert: (_id, _world, self) => ({
				text: 'insert into public.customers (company, created_by) values ($1, $2)',
				values: [unique('Kunde'), self]
			}),
			update: (id) => ({
				text: "update public.customers set city = 'Köln' where id = $1",
				values: [id]
			}),
			delete: (id) => ({ text: 'delete from public.customers where id = $1', values: [id] })
		},
		// Seen by whoever sees the converted lead; written with customers.* capabilities only.
		expected: {
			admin: 'SIUD',
			viewGlobal: 'S---',
			creator: 'S---',
			assignee: 'S---',
			unrelated: '----',
			inactive: '----',
			anon: '----'
		}
	},
	customer_notes: {
		// Key: '<customer id>|<note id>'.
		target: async (tx, world) => {
			const customer = await insertReturningId(
				tx,
				'insert into public.customers (company, created_by) values ($1, $2)',
				[unique('Kunde'), world.admin]
			);
			await tx.sql('update public.leads set customer_id = $2, converted_at = now() where id = $1', [
				world.lead,
				customer
			]);
			const note = await insertReturningId(
				tx,
				'insert into public.customer_notes (customer_id, body, created_by) values ($1, $2, $3)',
				[customer, 'Matrix customer note', world.admin]
			);
			return `${customer}|${note}`;
		},
		statements: {
			select: (key) => ({
				text: 'select id from public.customer_notes where id = $1',
				values: [key.split('|')[1]]
			}),
			insert: (key, _world, self) => ({
				text: 'insert into public.customer_notes (customer_id, body, created_by) values ($1, $2, $3)',
				values: [key.split('|')[0], 'New note', self]
			}),
			update: (key) => ({
				text: "update public.customer_notes set body = 'Edited' where id = $1",
				values: [key.split('|')[1]]
			}),
			delete: (key) => ({
				text: 'delete from public.customer_notes where id = $1',
				values: [key.split('|')[1]]
			})
		},
		expected: {
			admin: 'SIUD',
			viewGlobal: 'SI--',
			creator: 'SI--',
			assignee: 'SI--',
			unrelated: '----',
			inactive: '----',
			anon: '----'
		}
	},
	proposals: {
		target: (tx, world) =>
			insertReturningId(
				tx,
				'insert into public.proposals (subject, lead_id, created_by) values ($1, $2, $3)',
				['Matrix proposal', world.lead, world.admin]
			),
		statements: {
			select: (id) => ({ text: 'select id from public.proposals where id = $1', values: [id] }),
			insert: (_id, world, self) => ({
				text: 'insert into public.proposals (subject, lead_id, created_by) values ($1, $2, $3)',
				values: ['New proposal', world.lead, self]
			}),
			update: (id) => ({
				text: "update public.proposals set subject = 'Revised' where id = $1",
				values: [id]
			}),
			delete: (id) => ({ text: 'delete from public.proposals where id = $1', values: [id] })
		},
		// A lead's proposal is seen with the lead; writing needs proposals.* capabilities.
		expected: {
			admin: 'SIUD',
			viewGlobal: 'S---',
			creator: 'S---',
			assignee: 'S---',
			unrelated: '----',
			inactive: '----',
			anon: '----'
		}
	},
	proposal_items: {
		// Key: '<proposal id>|<item id>'.
		target: async (tx, world) => {
			const proposal = await insertReturningId(
				tx,
				'insert into public.proposals (subject, lead_id, created_by) values ($1, $2, $3)',
				['Matrix proposal', world.lead, world.admin]
			);
			const item = await insertReturningId(
				tx,
				'insert into public.proposal_items (proposal_id, description, rate) values ($1, $2, 100)',
				[proposal, 'Consulting day']
			);
			return `${proposal}|${item}`;
		},
		statements: {
			select: (key) => ({
				text: 'select id from public.proposal_items where id = $1',
				values: [key.split('|')[1]]
			}),
			insert: (key) => ({
				text: "insert into public.proposal_items (proposal_id, description, rate) values ($1, 'Travel', 50)",
				values: [key.split('|')[0]]
			}),
			update: (key) => ({
				text: 'update public.proposal_items set quantity = 3 where id = $1',
				values: [key.split('|')[1]]
			}),
			delete: (key) => ({
				text: 'delete from public.proposal_items where id = $1',
				values: [key.split('|')[1]]
			})
		},
		expected: {
			admin: 'SIUD',
			viewGlobal: 'S---',
			creator: 'S---',
			assignee: 'S---',
			unrelated: '----',
			inactive: '----',
			anon: '----'
		}
	},
	// As storage-api runs them: the caller's statements on storage.objects, deletes with
	// storage.allow_delete_query set (supabase-protocols.md §4).
	'storage.objects': {
		target: async (tx, world) => {
			const name = `${world.lead}/${randomUUID()}-offer.pdf`;
			await tx.sql(
				"insert into storage.objects (bucket_id, name, owner_id) values ('lead-attachments', $1, $2)",
				[name, world.creator]
			);
			return name;
		},
		statements: {
			select: (name) => ({
				text: "select name from storage.objects where bucket_id = 'lead-attachments' and name = $1",
				values: [name]
			}),
			insert: (_name, world, self) => ({
				text: "insert into storage.objects (bucket_id, name, owner_id) values ('lead-attachments', $1, $2)",
				values: [`${world.lead}/${randomUUID()}-new.pdf`, self]
			}),
			update: (name) => ({
				text: `update storage.objects set metadata = '{"size": 1}'
					where bucket_id = 'lead-attachments' and name = $1`,
				values: [name]
			}),
			delete: (name) => ({
				text: "delete from storage.objects where bucket_id = 'lead-attachments' and name = $1",
				values: [name],
				settings: { 'storage.allow_delete_query': 'true' }
			})
		},
		expected: visibleToLeadViewers
	},
	// As Realtime authorises a private channel: a probe row for topic lead:<id>, read (join) and
	// written (broadcast, presence) with realtime.topic set (supabase-protocols.md §5).
	'realtime.messages (topic lead:<id>)': {
		target: async (tx, world) => {
			const [{ id }] = await tx.sql<{ id: string }>(
				`insert into realtime.messages (topic, extension, payload, event, private)
				values ($1, 'broadcast', '{}', 'probe', true) returning id`,
				[`lead:${world.lead}`]
			);
			return id;
		},
		statements: {
			select: (id, world) => ({
				text: 'select id from realtime.messages where id = $1',
				values: [id],
				settings: { 'realtime.topic': `lead:${world.lead}` }
			}),
			insert: (_id, world) => ({
				text: `insert into realtime.messages (topic, extension, payload, event, private)
					values ($1, 'broadcast', '{"typing": true}', 'typing', true)`,
				values: [`lead:${world.lead}`],
				settings: { 'realtime.topic': `lead:${world.lead}` }
			}),
			update: (id, world) => ({
				text: "update realtime.messages set event = 'changed' where id = $1",
				values: [id],
				settings: { 'realtime.topic': `lead:${world.lead}` }
			}),
			delete: (id, world) => ({
				text: 'delete from realtime.messages where id = $1',
				values: [id],
				settings: { 'realtime.topic': `lead:${world.lead}` }
			})
		},
		expected: {
			admin: 'SI--',
			viewGlobal: 'SI--',
			creator: 'SI--',
			assignee: 'SI--',
			unrelated: '----',
			inactive: '----',
			anon: '----'
		}
	}
};

/** Allowed = the statement reached its one target row (or inserted one) without an error. */
function allowed(operation: Operation, outcome: Outcome): boolean {
	if (!outcome.ok) {
		// A refusal is a permission error, never some other failure that would hide a bug.
		expect(outcome.code, `${operation}: ${outcome.message}`).toBe('42501');
		return false;
	}
	return outcome.rowCount === 1;
}

describe.each(Object.entries(tables))('%s', (_table, checks) => {
	it.each(personaNames)('%s', async (persona) => {
		const observed = await db.inRollback(async (tx) => {
			const world = await createWorld(tx);
			const target = await checks.target(tx, world);
			let result = '';
			for (const operation of operations) {
				const statement = checks.statements[operation](target, world, selfOf(world, persona));
				const outcome = await tx.attempt(callerOf(world, persona), statement, { keep: false });
				result += allowed(operation, outcome) ? letters[operation] : '-';
			}
			return result;
		});
		expect(observed).toBe(checks.expected[persona]);
	});
});
