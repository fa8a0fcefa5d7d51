/**
 * The SQL local-supabase/rest builds: one statement per request, identifiers always quoted,
 * request values only ever as bind parameters, embeds resolved from foreign keys.
 */
import { describe, expect, it } from 'vitest';
import {
	buildDelete,
	buildInsert,
	buildRead,
	buildRpc,
	buildUpdate
} from '../../local-supabase/rest/build-query.ts';
import { arrayLiteral } from '../../local-supabase/rest/compile.ts';
import { RestError } from '../../local-supabase/rest/errors.ts';
import { parseQuery } from '../../local-supabase/rest/parse-request.ts';
import type {
	Column,
	Relation,
	Routine,
	SchemaSnapshot
} from '../../local-supabase/rest/schema-cache.ts';
import { ident, type Statement } from '../../local-supabase/rest/sql.ts';

function relation(
	name: string,
	columns: string[],
	primaryKey = ['id'],
	extra: Partial<Relation> = {}
): Relation {
	const map = new Map<string, Column>(
		columns.map((column) => [
			column,
			{
				name: column,
				type: 'text',
				baseType: column === 'search' ? 'tsvector' : 'text',
				nullable: true,
				defaultSql: column === 'id' ? "nextval('seq'::regclass)" : null
			}
		])
	);
	return {
		schema: 'public',
		name,
		kind: 'table',
		columns: map,
		primaryKey,
		uniqueKeys: [primaryKey],
		...extra
	};
}

const authors = relation('authors', ['id', 'name']);
const books = relation('books', ['id', 'title', 'author_id', 'editor_id', 'search']);
const tags = relation('tags', ['id', 'name']);
const bookTags = relation('book_tags', ['book_id', 'tag_id'], ['book_id', 'tag_id']);
const routine: Routine = {
	schema: 'public',
	name: 'books_by',
	params: [{ name: 'author', type: 'integer', hasDefault: false, variadic: false }],
	returnsSet: true,
	returns: 'composite',
	resultRelation: books,
	volatility: 'stable'
};

const snapshot: SchemaSnapshot = {
	schemas: ['public'],
	relations: new Map([authors, books, tags, bookTags].map((r) => [`public.${r.name}`, r])),
	foreignKeys: [
		{
			name: 'books_author_id_fkey',
			table: 'public.books',
			columns: ['author_id'],
			refTable: 'public.authors',
			refColumns: ['id']
		},
		{
			name: 'books_editor_id_fkey',
			table: 'public.books',
			columns: ['editor_id'],
			refTable: 'public.authors',
			refColumns: ['id']
		},
		{
			name: 'book_tags_book_id_fkey',
			table: 'public.book_tags',
			columns: ['book_id'],
			refTable: 'public.books',
			refColumns: ['id']
		},
		{
			name: 'book_tags_tag_id_fkey',
			table: 'public.book_tags',
			columns: ['tag_id'],
			refTable: 'public.tags',
			refColumns: ['id']
		}
	],
	routines: new Map([['public.books_by', [routine]]]),
	roleSettings: new Map()
};

const readOptions = { shape: 'array' as const, stripNulls: false, count: true };
const mutationOptions = { shape: 'array' as const, stripNulls: false, representation: true };
const read = (query: string, on: Relation = books) =>
	buildRead(snapshot, on, parseQuery(new URLSearchParams(query)), readOptions);

/** Every `$n` in the SQL has a parameter and every parameter is used (Postgres insists). */
function expectParamsMatch(statement: Statement) {
	const used = new Set([...statement.sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
	expect([...used].sort((a, b) => a - b)).toEqual(statement.params.map((_, i) => i + 1));
}

function thrown(fn: () => unknown): RestError {
	try {
		fn();
	} catch (error) {
		if (error instanceof RestError) return error;
		throw error;
	}
	throw new Error('expected a RestError');
}

const hostile = `x'); drop table books; --`;

describe('reads', () => {
	it('passes filter values only as parameters', () => {
		const quoted = encodeURIComponent(`"${hostile}"`);
		const statement = read(
			`select=id&title=eq.${encodeURIComponent(hostile)}&or=(title.like.${encodeURIComponent(`"*${hostile}*"`)},id.in.(1,${quoted}))`
		);
		expect(statement.sql).not.toContain('drop table');
		expect(statement.params).toContain(hostile);
		expect(statement.params).toContain(`%${hostile}%`);
		expect(statement.params).toContain(arrayLiteral(['1', hostile]));
		expectParamsMatch(statement);
	});

	it('quotes hostile identifiers from select, filters and order, and passes JSON keys as values', () => {
		const evil = "a'; drop table books; --";
		const statement = read(
			`select=${encodeURIComponent(`"${evil}"`)},alias:data->>k&${encodeURIComponent(evil)}=eq.1&data->${encodeURIComponent(`"${evil}"`)}=eq.2&order=${encodeURIComponent(`"${evil}"`)}.desc`
		);
		expect(statement.sql).toContain(`"books"."${evil}" desc`);
		expect(statement.sql.replaceAll(`"${evil}"`, '')).not.toContain('drop table');
		expect(statement.params).toContain(evil);
		expectParamsMatch(statement);
		expect(ident('a"b')).toBe('"a""b"');
		expect(() => read('select=a"b')).toThrow(RestError);
	});

	it('builds one statement with embeds as lateral subqueries, to-one as object, to-many as array', () => {
		const statement = read('select=title,author:authors!author_id(name),tags(name)&tags.name=eq.x');
		expect(statement.sql.match(/left join lateral/g)).toHaveLength(2);
		expect(statement.sql).toContain('row_to_json(pgrst_row)');
		expect(statement.sql).toContain('json_agg(pgrst_row)');
		expect(statement.sql).toContain('"public"."book_tags"');
		expectParamsMatch(statement);
	});

	it('counts with the same filters, and caps the page at max rows', () => {
		const statement = read('select=id&title=eq.a&limit=5000');
		expect(statement.sql).toContain('select count(*) from "public"."books"');
		expect(statement.sql).toContain('limit 1000');
	});

	it('filters parents by !inner and by rel=not.is.null', () => {
		for (const query of [
			'select=name,books!author_id!inner(title)',
			'select=name,books!author_id(title)&books=not.is.null'
		]) {
			const statement = read(query, authors);
			expect(statement.sql, query).toMatch(/\.body is not null/);
		}
	});

	it('uses the text search function and keeps tsvector columns as they are', () => {
		const onVector = read('select=id&search=fts(english).cat');
		expect(onVector.sql).toContain('"books"."search" @@ to_tsquery($1::regconfig, $2)');
		const onText = read('select=id&title=wfts.cat');
		expect(onText.sql).toContain('to_tsvector("books"."title") @@ websearch_to_tsquery($1)');
	});

	it('reports ambiguous, missing and unused embeds', () => {
		expect(thrown(() => read('select=name,books(title)', authors)).body.code).toBe('PGRST201');
		expect(thrown(() => read('select=name,tags(name)', authors)).body.code).toBe('PGRST200');
		expect(thrown(() => read('select=title&tags.name=eq.x')).body.code).toBe('PGRST108');
	});
});

describe('writes', () => {
	const parsed = (query: string) => parseQuery(new URLSearchParams(query));

	it('inserts through json_populate_record with RETURNING 1 unless a representation is wanted', () => {
		const body = [{ title: hostile, author_id: 1 }];
		const minimal = buildInsert(
			snapshot,
			books,
			parsed(''),
			{ body, prefer: {} },
			{ ...mutationOptions, representation: false }
		);
		expect(minimal.sql).toContain('returning 1');
		expect(minimal.sql).not.toContain('drop table');
		expect(minimal.params).toEqual([JSON.stringify(body)]);
		const full = buildInsert(
			snapshot,
			books,
			parsed('select=title'),
			{ body, prefer: {} },
			mutationOptions
		);
		expect(full.sql).toContain('returning "books"."title"');
		expectParamsMatch(full);
	});

	it('upserts on the primary key or on_conflict, and fills missing keys with defaults on request', () => {
		const upsert = buildInsert(
			snapshot,
			books,
			parsed(''),
			{
				body: { id: 1, title: 't' },
				prefer: { resolution: 'merge-duplicates', missing: 'default' }
			},
			mutationOptions
		);
		expect(upsert.sql).toContain(
			'on conflict ("id") do update set "id" = excluded."id", "title" = excluded."title"'
		);
		expect(upsert.sql).toContain("else nextval('seq'::regclass) end");
		expectParamsMatch(upsert);
		const ignore = buildInsert(
			snapshot,
			tags,
			parsed(''),
			{ body: { name: 'x' }, onConflict: ['name'], prefer: { resolution: 'ignore-duplicates' } },
			mutationOptions
		);
		expect(ignore.sql).toContain('on conflict ("name") do nothing');
	});

	it('rejects unknown columns (PGRST204) and bodies that are not objects (PGRST102)', () => {
		expect(
			thrown(() =>
				buildInsert(snapshot, books, parsed(''), { body: { nope: 1 }, prefer: {} }, mutationOptions)
			).body.code
		).toBe('PGRST204');
		expect(
			thrown(() =>
				buildInsert(snapshot, books, parsed(''), { body: [1, 2], prefer: {} }, mutationOptions)
			).body.code
		).toBe('PGRST102');
		expect(
			thrown(() => buildUpdate(snapshot, books, parsed('id=eq.1'), { 'x"y': 1 }, mutationOptions))
				.body.code
		).toBe('PGRST204');
	});

	it('requires a filter for update and delete, as Supabase does', () => {
		expect(thrown(() => buildDelete(snapshot, books, parsed(''), mutationOptions)).body.code).toBe(
			'21000'
		);
		expect(
			thrown(() => buildUpdate(snapshot, books, parsed(''), { title: 'x' }, mutationOptions)).body
				.code
		).toBe('21000');
		const update = buildUpdate(
			snapshot,
			books,
			parsed(`title=eq.${encodeURIComponent(hostile)}`),
			{ title: hostile },
			mutationOptions
		);
		expect(update.sql).not.toContain('drop table');
		expectParamsMatch(update);
	});
});

describe('functions', () => {
	it('passes arguments as one JSON parameter converted by json_to_record and reads the set once', () => {
		const statement = buildRpc(
			snapshot,
			{ routine, args: { author: hostile } },
			parseQuery(new URLSearchParams('select=title&title=eq.A1')),
			{ ...readOptions, count: true }
		);
		expect(statement.sql).toContain('json_to_record($1::json) as pgrst_a("author" integer)');
		expect(statement.sql).toContain('pgrst_call as materialized');
		expect(statement.sql).not.toContain('drop table');
		expectParamsMatch(statement);
	});
});
