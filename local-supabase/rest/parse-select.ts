/**
 * The `select` grammar postgrest-js emits (supabase-protocols.md §2): columns, `alias:col`,
 * `col::type`, `json->key`, `json->>key`, `*`, embeds `alias:rel!hint!inner(...)`, spreads
 * `...rel(...)`, nested to any depth. Pure: resolving names against the schema happens later.
 */
import { parseError } from './errors.ts';
import { isSafeCastType } from './sql.ts';

export type JsonOperator = '->' | '->>';

/** A column, optionally followed by a JSON path: `data->address->>city`. */
export interface FieldRef {
	name: string;
	jsonPath: { operator: JsonOperator; key: string }[];
}

export type SelectItem =
	{ kind: 'star' } | { kind: 'column'; field: FieldRef; alias?: string; cast?: string } | EmbedItem;

export interface EmbedItem {
	kind: 'embed';
	/** The table (or foreign key / column) named in the request. */
	name: string;
	alias?: string;
	/** `!fk_name`, `!column` or `!junction_table` disambiguation. */
	hint?: string;
	joinType?: 'inner' | 'left';
	spread: boolean;
	select: SelectItem[];
}

/** Characters that end an unquoted name. */
const nameStop = new Set([',', '(', ')', '!', ':', '"']);

class Cursor {
	pos = 0;
	constructor(
		readonly text: string,
		readonly what: string
	) {}

	get done(): boolean {
		return this.pos >= this.text.length;
	}

	peek(ahead = 0): string {
		return this.text[this.pos + ahead] ?? '';
	}

	startsWith(token: string): boolean {
		return this.text.startsWith(token, this.pos);
	}

	expect(token: string): void {
		if (!this.startsWith(token)) throw this.fail(`expecting "${token}"`);
		this.pos += token.length;
	}

	fail(expected: string): Error {
		const found = this.done ? 'end of input' : `"${this.peek()}"`;
		return parseError(
			`${this.what} (${this.text})`,
			`unexpected ${found} at position ${this.pos + 1}, ${expected}`
		);
	}

	/** A name: `"quoted"` (no escapes needed inside) or a run of characters up to a delimiter. */
	name(): string {
		if (this.peek() === '"') {
			const end = this.text.indexOf('"', this.pos + 1);
			if (end < 0) throw this.fail('expecting closing quote');
			const value = this.text.slice(this.pos + 1, end);
			this.pos = end + 1;
			return value;
		}
		const start = this.pos;
		while (!this.done && !nameStop.has(this.peek()) && !this.startsWith('->')) this.pos++;
		if (this.pos === start) throw this.fail('expecting a name');
		return this.text.slice(start, this.pos);
	}

	/** The `->key->>key` tail of a field. */
	jsonPath(): FieldRef['jsonPath'] {
		const path: FieldRef['jsonPath'] = [];
		while (this.startsWith('->')) {
			const operator: JsonOperator = this.startsWith('->>') ? '->>' : '->';
			this.pos += operator.length;
			path.push({ operator, key: this.name() });
		}
		return path;
	}
}

function parseFieldAt(cursor: Cursor): FieldRef {
	const name = cursor.name();
	return { name, jsonPath: cursor.jsonPath() };
}

/** Parses a whole string as a field reference, e.g. a filter's or an order term's column. */
export function parseField(text: string, what = 'field'): FieldRef {
	const cursor = new Cursor(text, what);
	const field = parseFieldAt(cursor);
	if (!cursor.done) throw cursor.fail('expecting end of field');
	return field;
}

function parseCast(cursor: Cursor): string {
	cursor.expect('::');
	const start = cursor.pos;
	while (!cursor.done && cursor.peek() !== ',' && cursor.peek() !== ')') cursor.pos++;
	const type = cursor.text.slice(start, cursor.pos);
	if (!isSafeCastType(type)) throw cursor.fail('expecting a type name');
	return type;
}

function parseEmbedTail(cursor: Cursor, name: string, alias: string | undefined, spread: boolean) {
	const embed: EmbedItem = { kind: 'embed', name, spread, select: [] };
	if (alias !== undefined) embed.alias = alias;
	while (cursor.peek() === '!') {
		cursor.pos++;
		const word = cursor.name();
		if (word === 'inner' || word === 'left') embed.joinType = word;
		else if (embed.hint === undefined) embed.hint = word;
		else throw cursor.fail('expecting "inner" or "left"');
	}
	cursor.expect('(');
	embed.select = cursor.peek() === ')' ? [] : parseList(cursor);
	cursor.expect(')');
	return embed;
}

function parseItem(cursor: Cursor): SelectItem {
	if (cursor.peek() === '*') {
		cursor.pos++;
		return { kind: 'star' };
	}
	if (cursor.startsWith('...')) {
		cursor.pos += 3;
		const name = cursor.name();
		return parseEmbedTail(cursor, name, undefined, true);
	}
	let name = cursor.name();
	let alias: string | undefined;
	if (cursor.peek() === ':' && cursor.peek(1) !== ':') {
		cursor.pos++;
		alias = name;
		if (cursor.startsWith('...')) throw cursor.fail('a spread cannot have an alias');
		name = cursor.name();
	}
	if (cursor.peek() === '(' || cursor.peek() === '!') {
		return parseEmbedTail(cursor, name, alias, false);
	}
	const field: FieldRef = { name, jsonPath: cursor.jsonPath() };
	const item: SelectItem = { kind: 'column', field };
	if (alias !== undefined) item.alias = alias;
	if (cursor.startsWith('::')) item.cast = parseCast(cursor);
	return item;
}

function parseList(cursor: Cursor): SelectItem[] {
	const items = [parseItem(cursor)];
	while (cursor.peek() === ',') {
		cursor.pos++;
		items.push(parseItem(cursor));
	}
	return items;
}

/** `select=` as postgrest-js sends it (whitespace outside quotes already stripped). */
export function parseSelect(text: string): SelectItem[] {
	const stripped = stripWhitespace(text);
	if (stripped === '') return [{ kind: 'star' }];
	const cursor = new Cursor(stripped, 'select parameter');
	const items = parseList(cursor);
	if (!cursor.done) throw cursor.fail('expecting "," or end of input');
	return items;
}

function stripWhitespace(text: string): string {
	let quoted = false;
	let out = '';
	for (const char of text) {
		if (char === '"') quoted = !quoted;
		if (!quoted && /\s/.test(char)) continue;
		out += char;
	}
	return out;
}

/** The key a column appears under in the JSON output: alias, else last JSON key, else name. */
export function outputName(item: { field: FieldRef; alias?: string }): string {
	if (item.alias !== undefined) return item.alias;
	const last = item.field.jsonPath.at(-1);
	return last ? last.key : item.field.name;
}
