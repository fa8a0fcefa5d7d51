/** How local-supabase/rest sorts query parameters and the Prefer header of a request. */
import { describe, expect, it } from 'vitest';
import { parsePrefer, parseQuery } from '../../local-supabase/rest/parse-request.ts';

describe('parsePrefer', () => {
	it('reads the comma-joined list postgrest-js sends, ignoring unknown values', () => {
		expect(
			parsePrefer(
				'return=representation, count=exact,resolution=merge-duplicates, missing=default, tx=rollback, handling=strict, max-affected=5, foo=bar, count=bogus'
			)
		).toEqual({
			return: 'representation',
			count: 'exact',
			resolution: 'merge-duplicates',
			missing: 'default',
			tx: 'rollback',
			handling: 'strict',
			maxAffected: 5
		});
		expect(parsePrefer(undefined)).toEqual({});
		expect(parsePrefer(['return=minimal', 'count=planned'])).toEqual({
			return: 'minimal',
			count: 'planned'
		});
	});
});

describe('parseQuery', () => {
	it('assigns filters, logic, order and paging to the root or to embed paths', () => {
		const query = new URLSearchParams([
			['select', 'id,books(title)'],
			['id', 'gt.1'],
			['books.title', 'like.A*'],
			['books.order', 'title.desc'],
			['books.limit', '2'],
			['books.offset', '1'],
			['books.or', '(title.eq.x,title.eq.y)'],
			['not.and', '(id.eq.1,id.eq.2)'],
			['order', 'id'],
			['limit', '10'],
			['offset', '20'],
			['data->>a.b', 'eq.1']
		]);
		const parsed = parseQuery(query);
		expect(parsed.select).toHaveLength(2);
		const root = parsed.modifiers.get('');
		expect(root?.filters.map((filter) => filter.field)).toEqual([
			{ name: 'id', jsonPath: [] },
			{ name: 'data', jsonPath: [{ operator: '->>', key: 'a.b' }] }
		]);
		expect(root?.logic).toHaveLength(1);
		expect(root?.logic[0]).toMatchObject({ operator: 'and', negate: true });
		expect(root).toMatchObject({ limit: 10, offset: 20, order: [{ direction: 'asc' }] });
		const books = parsed.modifiers.get('books');
		expect(books).toMatchObject({ limit: 2, offset: 1, order: [{ direction: 'desc' }] });
		expect(books?.filters).toHaveLength(1);
		expect(books?.logic).toHaveLength(1);
	});

	it('reads ?columns= and ?on_conflict= and separates function arguments', () => {
		const parsed = parseQuery(
			new URLSearchParams([
				['columns', '"a","b c"'],
				['on_conflict', 'a,b'],
				['author', '3'],
				['title', 'eq.x']
			]),
			(key) => key === 'author'
		);
		expect(parsed.columns).toEqual(['a', 'b c']);
		expect(parsed.onConflict).toEqual(['a', 'b']);
		expect([...parsed.args]).toEqual([['author', '3']]);
		expect(parsed.modifiers.get('')?.filters).toHaveLength(1);
	});

	it('rejects a negative or non-numeric limit', () => {
		expect(() => parseQuery(new URLSearchParams('limit=-1'))).toThrow();
		expect(() => parseQuery(new URLSearchParams('offset=ten'))).toThrow();
	});
});
