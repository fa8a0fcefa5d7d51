/**
 * Turns one committed row change into `postgres_changes` pushes (supabase-protocols.md §5
 * "Postgres Changes RLS"): values are cast by Postgres to JSON like upstream's
 * `realtime.cast`, filters are compared as typed values, and an INSERT or UPDATE reaches a
 * subscriber only if, as their role with their claims, a select of the row by primary key finds
 * it. DELETE is not checked against RLS (upstream cannot either: the row is gone); with RLS on,
 * its old record is cut down to the primary key.
 */
import { withCaller, type Pool } from '../db.ts';
import type { Claims } from '../jwt.ts';
import type { Relation } from './pgoutput.ts';
import {
	bindingMatches,
	type ChangeBinding,
	type ChangeSubscriber,
	type Filter
} from './postgres-changes.ts';
import { encodeMessage } from './protocol.ts';
import type { RowChange } from './replication.ts';

export interface Subscription {
	subscriber: ChangeSubscriber;
	bindings: ChangeBinding[];
}

type TextRow = Map<string, string | null>;
type JsonRow = Record<string, unknown>;

interface Recipient {
	subscriber: ChangeSubscriber;
	ids: number[];
	claims: Claims;
	role: string;
}

interface Column {
	name: string;
	type: string;
}

/** What Postgres says about one change: table facts, values as JSON, filter outcomes. */
interface Facts {
	rlsEnabled: boolean;
	primaryKey: string[];
	/** The columns each subscriber role may select, in table order. */
	columnsByRole: Map<string, Column[]>;
	record: JsonRow;
	oldRecord: JsonRow;
	filters: Map<Filter, boolean>;
	/** Text values of the new row's primary key, for the RLS check. */
	keyValues: TextRow | undefined;
}

const operators: Record<Filter['op'], string> = {
	eq: '=',
	neq: '<>',
	lt: '<',
	lte: '<=',
	gt: '>',
	gte: '>=',
	in: '= any'
};
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Text values of the new row (INSERT/UPDATE) and of the old row or its key (UPDATE/DELETE). */
function textRows(change: RowChange): { record?: TextRow; oldRecord?: TextRow } {
	const { relation, newTuple, old } = change;
	const pick = (tuple: Array<string | null | undefined>, keysOnly: boolean): TextRow => {
		const row: TextRow = new Map();
		relation.columns.forEach((column, i) => {
			if (keysOnly && !column.isKey) return;
			const value =
				tuple[i] !== undefined ? tuple[i] : old?.kind === 'O' ? old.tuple[i] : undefined;
			if (value !== undefined) row.set(column.name, value);
		});
		return row;
	};
	const record = newTuple ? pick(newTuple, false) : undefined;
	// Without an old tuple (key unchanged, default replica identity) the key comes from the new row.
	const oldRecord = old
		? pick(old.tuple, old.kind === 'K')
		: change.action === 'UPDATE' && newTuple
			? pick(newTuple, true)
			: undefined;
	return { record, oldRecord };
}

class SqlBuilder {
	readonly params: unknown[] = [];
	readonly selects: string[] = [];
	param(value: unknown): string {
		this.params.push(value);
		return `$${this.params.length}`;
	}
	select(expression: string): string {
		const alias = `c${this.selects.length}`;
		this.selects.push(`${expression} as ${alias}`);
		return alias;
	}
}

/**
 * The `data` of a push for subscribers of one role, as upstream's apply_rls builds it: only
 * columns the role may select; with RLS on, a DELETE's old record is only the primary key.
 * `checkRls` tells whether each subscriber's visibility of the row must still be checked.
 */
function payloadFor(
	change: RowChange,
	facts: Facts,
	role: string
): { data: Record<string, unknown>; checkRls: boolean } {
	const { action, relation } = change;
	const base = { schema: relation.schema, table: relation.name };
	const { primaryKey, rlsEnabled } = facts;
	const columns = facts.columnsByRole.get(role) ?? [];
	const selectable = new Set(columns.map((column) => column.name));
	const failure = (message: string) => ({
		data: {
			...base,
			commit_timestamp: null,
			type: action,
			columns: null,
			record: null,
			...(action === 'UPDATE' ? { old_record: null } : {}),
			errors: [message]
		},
		checkRls: false
	});
	if (action !== 'DELETE' && primaryKey.length === 0) {
		return failure('Error 400: Bad Request, no primary key');
	}
	if (action !== 'DELETE' && !primaryKey.every((column) => selectable.has(column))) {
		return failure('Error 401: Unauthorized');
	}
	const keep = (values: JsonRow, onlyKey: boolean) =>
		Object.fromEntries(
			Object.entries(values).filter(
				([column]) => selectable.has(column) && (!onlyKey || primaryKey.includes(column))
			)
		);
	return {
		data: {
			...base,
			commit_timestamp: change.commit.time.toISOString(),
			type: action,
			columns,
			...(action !== 'DELETE' ? { record: keep(facts.record, false) } : {}),
			...(action !== 'INSERT'
				? { old_record: keep(facts.oldRecord, action === 'DELETE' && rlsEnabled) }
				: {}),
			errors: null
		},
		checkRls: rlsEnabled && action !== 'DELETE'
	};
}

export class ChangeDelivery {
	/** Type oid → the type as SQL spells it (`oid::regtype`), for casts. */
	private readonly types = new Map<number, string>();

	constructor(
		private readonly adminPool: Pool,
		private readonly apiPool: Pool,
		private readonly log: (message: string) => void
	) {}

	async deliver(change: RowChange, subscriptions: Iterable<Subscription>): Promise<void> {
		const { relation, action } = change;
		const matches: Array<{ subscriber: ChangeSubscriber; binding: ChangeBinding }> = [];
		for (const { subscriber, bindings } of subscriptions) {
			for (const binding of bindings) {
				if (bindingMatches(binding, relation.schema, relation.name, action)) {
					matches.push({ subscriber, binding });
				}
			}
		}
		if (matches.length === 0) return;
		const facts = await this.facts(change, matches);

		const recipients = new Map<ChangeSubscriber, Recipient>();
		for (const { subscriber, binding } of matches) {
			if (!binding.filters.every((filter) => facts.filters.get(filter))) continue;
			const claims = subscriber.claims();
			const recipient = recipients.get(subscriber) ?? {
				subscriber,
				ids: [],
				claims,
				role: String(claims.role)
			};
			if (!recipient.ids.includes(binding.id)) recipient.ids.push(binding.id);
			recipients.set(subscriber, recipient);
		}

		const payloads = new Map<string, ReturnType<typeof payloadFor>>();
		const visibility = new Map<string, Promise<boolean>>();
		await Promise.all(
			[...recipients.values()].map(async ({ subscriber, ids, claims, role }) => {
				const payload = payloads.get(role) ?? payloadFor(change, facts, role);
				payloads.set(role, payload);
				if (payload.checkRls) {
					const key = JSON.stringify(claims);
					if (!visibility.has(key)) {
						visibility.set(key, this.rowVisible(relation, facts, claims));
					}
					if (!(await visibility.get(key))) return;
				}
				subscriber.send(
					encodeMessage(null, null, subscriber.topic, 'postgres_changes', {
						ids,
						data: payload.data
					})
				);
			})
		);
	}

	/** One query: table facts, column privileges per role, typed values, filter outcomes. */
	private async facts(
		change: RowChange,
		matches: Array<{ subscriber: ChangeSubscriber; binding: ChangeBinding }>
	): Promise<Facts> {
		const { relation, action } = change;
		await this.loadTypes(relation);
		const { record, oldRecord } = textRows(change);
		const sql = new SqlBuilder();
		const relid = sql.param(String(relation.id));
		const rls = sql.select(`(select relrowsecurity from pg_class where oid = ${relid}::oid)`);
		const primaryKey = sql.select(
			`array(select a.attname::text from pg_index i join pg_attribute a
				on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
				where i.indrelid = ${relid}::oid and i.indisprimary order by a.attnum)`
		);
		const roles = new Set(matches.map((match) => String(match.subscriber.claims().role)));
		const roleAliases = new Map(
			[...roles].map((role) => {
				const name = sql.param(role);
				const columns = sql.select(`case when to_regrole(${name}) is null then '[]'::jsonb else
					(select coalesce(jsonb_agg(jsonb_build_object('name', a.attname, 'type', t.typname)
						order by a.attnum), '[]') from pg_attribute a join pg_type t on t.oid = a.atttypid
					where a.attrelid = ${relid}::oid and a.attnum > 0 and not a.attisdropped
						and has_column_privilege(${name}, a.attrelid, a.attnum, 'SELECT')) end`);
				return [role, columns];
			})
		);
		const recordAliases = this.castColumns(sql, relation, record);
		const oldAliases = this.castColumns(sql, relation, oldRecord);
		const filterAliases = new Map<Filter, string>();
		for (const filter of new Set(matches.flatMap(({ binding }) => binding.filters))) {
			const values = action === 'DELETE' ? oldRecord : record;
			filterAliases.set(filter, this.filterExpression(sql, relation, values, filter));
		}

		const row = (await this.adminPool.query(`select ${sql.selects.join(', ')}`, sql.params))
			.rows[0] as Record<string, unknown>;
		const json = (aliases: Map<string, string>): JsonRow =>
			Object.fromEntries([...aliases].map(([column, alias]) => [column, row[alias]]));
		return {
			rlsEnabled: row[rls] === true,
			primaryKey: row[primaryKey] as string[],
			columnsByRole: new Map(
				[...roleAliases].map(([role, alias]) => [role, row[alias] as Column[]])
			),
			record: json(recordAliases),
			oldRecord: json(oldAliases),
			filters: new Map([...filterAliases].map(([filter, alias]) => [filter, row[alias] === true])),
			keyValues: record
		};
	}

	private async loadTypes(relation: Relation): Promise<void> {
		const missing = relation.columns
			.map((column) => column.typeOid)
			.filter((oid) => !this.types.has(oid));
		if (missing.length === 0) return;
		const result = await this.adminPool.query<{ oid: string; sql: string }>(
			`select oid::text, oid::regtype::text as sql from pg_type where oid = any($1::oid[])`,
			[missing.map(String)]
		);
		for (const type of result.rows) this.types.set(Number(type.oid), type.sql);
	}

	private sqlType(relation: Relation, column: string): string | undefined {
		const found = relation.columns.find((candidate) => candidate.name === column);
		return found ? this.types.get(found.typeOid) : undefined;
	}

	/** Selects each value cast to its type and then to JSON (bytea stays its text form). */
	private castColumns(
		sql: SqlBuilder,
		relation: Relation,
		values: TextRow | undefined
	): Map<string, string> {
		const aliases = new Map<string, string>();
		for (const [column, value] of values ?? []) {
			const type = this.sqlType(relation, column);
			aliases.set(
				column,
				sql.select(
					`to_jsonb(${sql.param(value)}::text::${type === 'bytea' || !type ? 'text' : type})`
				)
			);
		}
		return aliases;
	}

	private filterExpression(
		sql: SqlBuilder,
		relation: Relation,
		values: TextRow | undefined,
		filter: Filter
	): string {
		const type = this.sqlType(relation, filter.column);
		const value = values?.get(filter.column);
		if (!type || value === undefined || value === null) return sql.select('false');
		const right = `${sql.param(filter.value)}::text::${type}${filter.op === 'in' ? '[]' : ''}`;
		return sql.select(
			`coalesce(${sql.param(value)}::text::${type} ${operators[filter.op]} (${right}), false)`
		);
	}

	/** Whether the subscriber, as their role with their claims, can select the row by its key. */
	private async rowVisible(relation: Relation, facts: Facts, claims: Claims): Promise<boolean> {
		const pk = facts.primaryKey;
		const keyValues = pk.map((column) => facts.keyValues?.get(column));
		const types = pk.map((column) => this.sqlType(relation, column));
		if (
			keyValues.some((value) => value === undefined || value === null) ||
			types.includes(undefined)
		) {
			return false;
		}
		const conditions = pk.map((column, i) => `${ident(column)} = $${i + 1}::text::${types[i]}`);
		try {
			const result = await withCaller(this.apiPool, { claims, readOnly: true }, (client) =>
				client.query<{ visible: boolean }>(
					`select exists(select 1 from ${ident(relation.schema)}.${ident(relation.name)}
						where ${conditions.join(' and ')}) as visible`,
					keyValues
				)
			);
			return result.rows[0].visible;
		} catch (error) {
			this.log(
				`[realtime] postgres_changes RLS check on ${relation.schema}.${relation.name} failed: ${String(error)}`
			);
			return false;
		}
	}
}
