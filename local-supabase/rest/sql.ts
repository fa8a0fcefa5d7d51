/**
 * The two rules that keep request input out of SQL text: identifiers are always double-quoted,
 * values always travel as bind parameters.
 */

export function ident(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}

export function qualified(schema: string, name: string): string {
	return `${ident(schema)}.${ident(name)}`;
}

/** Collects the bind parameters of one statement and hands out their `$n` placeholders. */
export class Params {
	readonly values: unknown[] = [];

	add(value: unknown): string {
		this.values.push(value);
		return `$${this.values.length}`;
	}
}

export interface Statement {
	sql: string;
	params: unknown[];
}

/**
 * A type name the client asked to cast to (`col::text`). Only plain type names pass, so the name
 * can go into the SQL text unquoted (quoting would break aliases such as `int`).
 */
const castTypePattern = /^[a-z_][a-z0-9_]*( [a-z_][a-z0-9_]*)*(\[\])*$/i;

export function isSafeCastType(type: string): boolean {
	return castTypePattern.test(type) && type.length <= 64;
}
