/** How migrate.ts splits SQL files and points at the line a Postgres error came from. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { paths } from '../../local-supabase/config.ts';
import { lineOfPosition, splitStatements, sqlFileError } from '../../local-supabase/migrate.ts';

describe('lineOfPosition', () => {
	const sql = 'select 1;\n\nselect *\n  from foo;';

	it('maps a 1-based character position to its 1-based line', () => {
		expect(lineOfPosition(sql, 1)).toBe(1);
		expect(lineOfPosition(sql, sql.indexOf('\n') + 1)).toBe(1);
		expect(lineOfPosition(sql, sql.indexOf('\n') + 2)).toBe(2);
		expect(lineOfPosition(sql, sql.indexOf('foo') + 1)).toBe(4);
	});

	it('counts characters the way Postgres does, not UTF-16 units', () => {
		const withEmoji = '-- 😀😀😀\nselect x;';
		// Postgres counts each emoji as one character; JavaScript as two code units.
		const position = Array.from(withEmoji).indexOf('x') + 1;
		expect(lineOfPosition(withEmoji, position)).toBe(2);
		expect(lineOfPosition(withEmoji, Array.from(withEmoji).indexOf('\n'))).toBe(1);
	});
});

describe('splitStatements', () => {
	const texts = (sql: string) => splitStatements(sql).map((statement) => statement.text);

	it('splits on semicolons outside quotes and comments', () => {
		const sql = [
			"insert into t values ('a;b', 'it''s; fine');",
			'select "odd;name" from t; -- trailing; comment',
			'/* block; /* nested; */ still; */ select 2;',
			"select E'escaped\\' quote;';"
		].join('\n');
		expect(texts(sql)).toEqual([
			"insert into t values ('a;b', 'it''s; fine')",
			'select "odd;name" from t',
			'-- trailing; comment\n/* block; /* nested; */ still; */ select 2',
			"select E'escaped\\' quote;'"
		]);
	});

	it('keeps dollar-quoted bodies whole and leaves $1 and names with $ alone', () => {
		const sql = [
			"create function f() returns text language plpgsql as $$ begin return 'x;y'; end $$;",
			'create function g() returns text language sql as $body$ select $q$;$q$ $body$;',
			'prepare p as select $1; select a$b from t;'
		].join('\n');
		expect(texts(sql)).toEqual([
			"create function f() returns text language plpgsql as $$ begin return 'x;y'; end $$",
			'create function g() returns text language sql as $body$ select $q$;$q$ $body$',
			'prepare p as select $1',
			'select a$b from t'
		]);
	});

	it('drops empty and comment-only fragments and keeps a last statement without ;', () => {
		expect(texts(';;\n-- only a comment\n;\nselect 1\n')).toEqual(['select 1']);
	});

	it('reports where each statement starts, in characters', () => {
		const sql = '-- 😀\nselect 1;\n  select 2;';
		const statements = splitStatements(sql);
		expect(statements.map((statement) => statement.offset)).toEqual([
			0,
			Array.from(sql).indexOf('s', 8)
		]);
		expect(lineOfPosition(sql, statements[1].offset + 1)).toBe(3);
	});
});

describe('sqlFileError', () => {
	const file = path.join(paths.root, 'supabase', 'migrations', '20260101000000_x.sql');
	const sql = 'create table a (id int);\n\nselect *\n  from foo;\n';

	it('names the file relative to the project, the line and the Postgres message', () => {
		const cause = Object.assign(new Error('relation "foo" does not exist'), {
			position: String(sql.indexOf('foo') + 1)
		});
		const error = sqlFileError(file, sql, cause);
		expect(error.message).toBe(
			'supabase/migrations/20260101000000_x.sql:4: relation "foo" does not exist'
		);
		expect(error.cause).toBe(cause);
	});

	it('falls back to the failing statement and appends detail and hint', () => {
		const cause = Object.assign(
			new Error('duplicate key value violates unique constraint "a_pkey"'),
			{
				detail: 'Key (id)=(1) already exists.',
				hint: 'Use another id.'
			}
		);
		expect(sqlFileError(file, sql, cause, sql.indexOf('select')).message).toBe(
			'supabase/migrations/20260101000000_x.sql:3: duplicate key value violates unique constraint "a_pkey"' +
				'\n  Key (id)=(1) already exists.\n  hint: Use another id.'
		);
	});

	it('still names the file when the error cannot be located', () => {
		expect(sqlFileError(file, sql, new Error('connection terminated')).message).toBe(
			'supabase/migrations/20260101000000_x.sql: connection terminated'
		);
	});
});
