/** The PostgREST `select` grammar as local-supabase/rest parses it (supabase-protocols.md §2). */
import { describe, expect, it } from 'vitest';
import { RestError } from '../../local-supabase/rest/errors.ts';
import { outputName, parseField, parseSelect } from '../../local-supabase/rest/parse-select.ts';

describe('parseSelect', () => {
	it('reads columns, aliases, casts, JSON paths and *', () => {
		expect(parseSelect('*, id, label:name, id::text, data->a->>b, c:data->>city::int')).toEqual([
			{ kind: 'star' },
			{ kind: 'column', field: { name: 'id', jsonPath: [] } },
			{ kind: 'column', field: { name: 'name', jsonPath: [] }, alias: 'label' },
			{ kind: 'column', field: { name: 'id', jsonPath: [] }, cast: 'text' },
			{
				kind: 'column',
				field: {
					name: 'data',
					jsonPath: [
						{ operator: '->', key: 'a' },
						{ operator: '->>', key: 'b' }
					]
				}
			},
			{
				kind: 'column',
				field: { name: 'data', jsonPath: [{ operator: '->>', key: 'city' }] },
				alias: 'c',
				cast: 'int'
			}
		]);
	});

	it('reads embeds with alias, hint, join type, spread and nesting', () => {
		expect(
			parseSelect('title, author:users!author_id!inner(name, org:orgs(*)), ...tags!left(name), x()')
		).toEqual([
			{ kind: 'column', field: { name: 'title', jsonPath: [] } },
			{
				kind: 'embed',
				name: 'users',
				alias: 'author',
				hint: 'author_id',
				joinType: 'inner',
				spread: false,
				select: [
					{ kind: 'column', field: { name: 'name', jsonPath: [] } },
					{ kind: 'embed', name: 'orgs', alias: 'org', spread: false, select: [{ kind: 'star' }] }
				]
			},
			{
				kind: 'embed',
				name: 'tags',
				joinType: 'left',
				spread: true,
				select: [{ kind: 'column', field: { name: 'name', jsonPath: [] } }]
			},
			{ kind: 'embed', name: 'x', spread: false, select: [] }
		]);
	});

	it('strips whitespace outside quotes and keeps quoted names whole', () => {
		expect(parseSelect(' "first name" , "a,b":id ')).toEqual([
			{ kind: 'column', field: { name: 'first name', jsonPath: [] } },
			{ kind: 'column', field: { name: 'id', jsonPath: [] }, alias: 'a,b' }
		]);
	});

	it('defaults an empty select to *', () => {
		expect(parseSelect('')).toEqual([{ kind: 'star' }]);
	});

	it('rejects malformed input with 400 PGRST100', () => {
		for (const bad of ['a,', 'rel(a', 'a)', '"unclosed', 'a::text;drop table x', 'a::']) {
			const error = (() => {
				try {
					parseSelect(bad);
				} catch (caught) {
					return caught;
				}
			})();
			expect(error, bad).toBeInstanceOf(RestError);
			expect((error as RestError).status).toBe(400);
			expect((error as RestError).body.code).toBe('PGRST100');
		}
	});
});

describe('parseField and outputName', () => {
	it('reads a JSON path with numeric and quoted keys', () => {
		expect(parseField('data->0->>"a b"')).toEqual({
			name: 'data',
			jsonPath: [
				{ operator: '->', key: '0' },
				{ operator: '->>', key: 'a b' }
			]
		});
	});

	it('names a column by alias, else its last JSON key, else itself', () => {
		const [aliased, path, plain] = parseSelect('x:a, data->b->>c, id');
		expect(outputName(aliased as never)).toBe('x');
		expect(outputName(path as never)).toBe('c');
		expect(outputName(plain as never)).toBe('id');
	});
});
