/**
 * Resource embedding: which relationship `parent?select=name!hint(...)` means, derived from
 * foreign keys like PostgREST does (many-to-one, one-to-many, one-to-one, many-to-many through
 * a junction table whose primary key holds both foreign keys).
 */
import { RestError } from './errors.ts';
import {
	relationKey,
	type ForeignKey,
	type Relation,
	type SchemaSnapshot
} from './schema-cache.ts';

export type Cardinality = 'many-to-one' | 'one-to-many' | 'one-to-one' | 'many-to-many';

export interface Relationship {
	cardinality: Cardinality;
	target: Relation;
	/** Equal pairs `parent.parentColumns[i] = target.targetColumns[i]` (direct relationships). */
	parentColumns: string[];
	targetColumns: string[];
	foreignKey: ForeignKey;
	/** Set for many-to-many: junction columns pointing at the parent and at the target. */
	junction?: {
		relation: Relation;
		foreignKey: ForeignKey;
		toParent: string[];
		toTarget: string[];
	};
}

export const isToOne = (relationship: Relationship) =>
	relationship.cardinality === 'many-to-one' || relationship.cardinality === 'one-to-one';

const sameColumns = (a: string[], b: string[]) =>
	a.length === b.length && a.every((column) => b.includes(column));

/** Whether the foreign key's own columns are unique in their table (then it is one-to-one). */
function isUniqueKey(relation: Relation, columns: string[]): boolean {
	return relation.uniqueKeys.some((key) => sameColumns(key, columns));
}

function keyOf(relation: Relation): string {
	return relationKey(relation.schema, relation.name);
}

function matchesHint(relationship: Relationship, hint: string): boolean {
	const fk = relationship.foreignKey;
	if (fk.name === hint || fk.columns.includes(hint) || fk.refColumns.includes(hint)) return true;
	const junction = relationship.junction;
	return (
		junction !== undefined &&
		(junction.relation.name === hint ||
			junction.foreignKey.name === hint ||
			junction.foreignKey.columns.includes(hint))
	);
}

/** All relationships `name` could mean from `parent`, before disambiguation. */
function candidates(snapshot: SchemaSnapshot, parent: Relation, name: string): Relationship[] {
	const parentKey = keyOf(parent);
	const found: Relationship[] = [];
	const named = (key: string) => {
		const relation = snapshot.relations.get(key);
		return relation && relation.schema === parent.schema ? relation : undefined;
	};

	for (const fk of snapshot.foreignKeys) {
		// Many-to-one: the parent holds the key; `name` is the target, the constraint or the column.
		if (fk.table === parentKey) {
			const target = named(fk.refTable);
			if (
				target &&
				(target.name === name ||
					fk.name === name ||
					(fk.columns.length === 1 && fk.columns[0] === name))
			) {
				found.push({
					cardinality: isUniqueKey(parent, fk.columns) ? 'one-to-one' : 'many-to-one',
					target,
					parentColumns: fk.columns,
					targetColumns: fk.refColumns,
					foreignKey: fk
				});
			}
		}
		// One-to-many: the target holds a key to the parent.
		if (fk.refTable === parentKey) {
			const target = named(fk.table);
			if (target && (target.name === name || fk.name === name)) {
				found.push({
					cardinality: isUniqueKey(target, fk.columns) ? 'one-to-one' : 'one-to-many',
					target,
					parentColumns: fk.refColumns,
					targetColumns: fk.columns,
					foreignKey: fk
				});
			}
		}
	}

	// Many-to-many through a junction whose primary key covers both foreign keys.
	const target = named(relationKey(parent.schema, name));
	if (target) {
		for (const toParent of snapshot.foreignKeys) {
			if (toParent.refTable !== parentKey) continue;
			const junction = snapshot.relations.get(toParent.table);
			if (!junction || keyOf(junction) === parentKey) continue;
			const pk = junction.primaryKey;
			if (!toParent.columns.every((column) => pk.includes(column))) continue;
			for (const toTarget of snapshot.foreignKeys) {
				if (toTarget === toParent || toTarget.table !== toParent.table) continue;
				if (toTarget.refTable !== keyOf(target)) continue;
				if (!toTarget.columns.every((column) => pk.includes(column))) continue;
				found.push({
					cardinality: 'many-to-many',
					target,
					parentColumns: toParent.refColumns,
					targetColumns: toTarget.refColumns,
					foreignKey: toTarget,
					junction: {
						relation: junction,
						foreignKey: toParent,
						toParent: toParent.columns,
						toTarget: toTarget.columns
					}
				});
			}
		}
	}
	return found;
}

function describe(parent: Relation, relationship: Relationship) {
	const fk = relationship.foreignKey;
	const [from, to] =
		fk.table === keyOf(parent) ? [parent, relationship.target] : [relationship.target, parent];
	const using = relationship.junction
		? `${relationship.junction.foreignKey.name}, ${fk.name} using ${parent.schema}.${relationship.junction.relation.name}`
		: `${fk.name} using ${from.schema}.${from.name}(${fk.columns.join(', ')}) and ${to.schema}.${to.name}(${fk.refColumns.join(', ')})`;
	return {
		cardinality: relationship.cardinality,
		embedding: `${parent.name} with ${relationship.target.name}`,
		relationship: using
	};
}

/** Resolves `name!hint` from `parent`, or fails with PGRST200 (none) / PGRST201 (ambiguous). */
export function findRelationship(
	snapshot: SchemaSnapshot,
	parent: Relation,
	name: string,
	hint: string | undefined
): Relationship {
	let found = candidates(snapshot, parent, name);
	if (hint !== undefined) found = found.filter((relationship) => matchesHint(relationship, hint));
	// A self-referencing key matches in both directions; the hint names the referencing side.
	if (found.length === 2 && found[0].foreignKey === found[1].foreignKey && !found[0].junction) {
		found = found.filter((relationship) => isToOne(relationship));
	}
	if (found.length === 1) return found[0];
	if (found.length === 0) {
		const target = hint === undefined ? name : `${name}!${hint}`;
		return fail(
			new RestError(
				400,
				'PGRST200',
				`Could not find a relationship between '${parent.name}' and '${target}' in the schema cache`,
				`Searched for a foreign key relationship between '${parent.name}' and '${target}' in the schema '${parent.schema}', but no matches were found.`
			)
		);
	}
	const options = found.map((relationship) => {
		const fk = relationship.junction
			? relationship.junction.relation.name
			: relationship.foreignKey.name;
		return `'${name}!${fk}'`;
	});
	return fail(
		new RestError(
			300,
			'PGRST201',
			`Could not embed because more than one relationship was found for '${parent.name}' and '${name}'`,
			found.map((relationship) => describe(parent, relationship)),
			`Try changing '${name}' to one of the following: ${options.join(', ')}. Find the desired relationship in the 'details' key.`
		)
	);
}

function fail(error: RestError): never {
	throw error;
}
