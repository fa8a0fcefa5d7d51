/** PostgREST filters, logic trees and ordering as local-supabase/rest parses them. */
import { describe, expect, it } from 'vitest';
import {
	parseCondition,
	parseFilter,
	parseLogic,
	parseOrder,
	splitTopLevel
} from '../../local-supabase/rest/parse-filters.ts';

const field = (name: string) => ({ name, jsonPath: [] });

describe('parseCondition', () => {
	it('reads comparison operators, keeping dots in the value', () => {
		expect(parseCondition('eq.a.b.c', 'f')).toEqual({
			negate: false,
			condition: { kind: 'compare', operator: 'eq', value: 'a.b.c' }
		});
		expect(parseCondition('not.ilike.*x*', 'f')).toEqual({
			negate: true,
			condition: { kind: 'compare', operator: 'ilike', value: '*x*' }
		});
	});

	it('reads in-lists with quoted values containing commas, parentheses and quotes', () => {
		expect(parseCondition('in.(1,"a,b","c(d)","say \\"hi\\"")', 'f').condition).toEqual({
			kind: 'in',
			values: ['1', 'a,b', 'c(d)', 'say "hi"']
		});
		expect(parseCondition('in.()', 'f').condition).toEqual({ kind: 'in', values: [] });
	});

	it('reads is, isdistinct, containment, full text search and quantifiers', () => {
		expect(parseCondition('is.NULL', 'f').condition).toEqual({ kind: 'is', value: 'null' });
		expect(parseCondition('is.not_null', 'f').condition).toEqual({ kind: 'is', value: 'not_null' });
		expect(parseCondition('isdistinct.x', 'f').condition).toEqual({
			kind: 'isdistinct',
			value: 'x'
		});
		expect(parseCondition('cs.{a,b}', 'f').condition).toEqual({
			kind: 'contain',
			operator: 'cs',
			value: '{a,b}'
		});
		expect(parseCondition('ov.[1,5)', 'f').condition).toEqual({
			kind: 'contain',
			operator: 'ov',
			value: '[1,5)'
		});
		expect(parseCondition('wfts(german).katze hund', 'f').condition).toEqual({
			kind: 'fts',
			operator: 'wfts',
			config: 'german',
			value: 'katze hund'
		});
		expect(parseCondition('fts.cat', 'f').condition).toEqual({
			kind: 'fts',
			operator: 'fts',
			config: undefined,
			value: 'cat'
		});
		expect(parseCondition('like(any).{a*,"b,c"}', 'f').condition).toEqual({
			kind: 'quantified',
			operator: 'like',
			quantifier: 'any',
			values: ['a*', 'b,c']
		});
	});

	it('rejects unknown operators, bad is values, bad fts configs and modifiers', () => {
		for (const bad of ['foo.1', 'eq', 'is.maybe', "fts(x');drop).a", 'eq(some).{1}', 'in.1,2']) {
			expect(() => parseCondition(bad, 'f'), bad).toThrow();
		}
	});
});

describe('parseFilter', () => {
	it('splits a JSON path key from its condition', () => {
		expect(parseFilter('data->>city', 'eq.Berlin')).toEqual({
			field: { name: 'data', jsonPath: [{ operator: '->>', key: 'city' }] },
			negate: false,
			condition: { kind: 'compare', operator: 'eq', value: 'Berlin' }
		});
	});
});

describe('parseLogic', () => {
	it('reads nested and/or trees with negation and quoted values', () => {
		expect(
			parseLogic('or', false, '(a.eq.1,not.and(b.gt.2,c.is.null),d.in.(x,y),e.eq."p,q")')
		).toEqual({
			kind: 'logic',
			operator: 'or',
			negate: false,
			children: [
				{
					kind: 'filter',
					filter: {
						field: field('a'),
						negate: false,
						condition: { kind: 'compare', operator: 'eq', value: '1' }
					}
				},
				{
					kind: 'logic',
					operator: 'and',
					negate: true,
					children: [
						{
							kind: 'filter',
							filter: {
								field: field('b'),
								negate: false,
								condition: { kind: 'compare', operator: 'gt', value: '2' }
							}
						},
						{
							kind: 'filter',
							filter: { field: field('c'), negate: false, condition: { kind: 'is', value: 'null' } }
						}
					]
				},
				{
					kind: 'filter',
					filter: {
						field: field('d'),
						negate: false,
						condition: { kind: 'in', values: ['x', 'y'] }
					}
				},
				{
					kind: 'filter',
					filter: {
						field: field('e'),
						negate: false,
						condition: { kind: 'compare', operator: 'eq', value: 'p,q' }
					}
				}
			]
		});
	});

	it('requires parentheses and field.operator.value items', () => {
		expect(() => parseLogic('or', false, 'a.eq.1')).toThrow();
		expect(() => parseLogic('and', false, '(a)')).toThrow();
	});
});

describe('parseOrder', () => {
	it('reads directions, nulls placement, JSON paths and related columns', () => {
		expect(parseOrder('name.desc.nullslast,data->>n,author(name).asc.nullsfirst')).toEqual([
			{ field: field('name'), direction: 'desc', nulls: 'last' },
			{ field: { name: 'data', jsonPath: [{ operator: '->>', key: 'n' }] }, direction: 'asc' },
			{ field: field('name'), relation: 'author', direction: 'asc', nulls: 'first' }
		]);
	});
});

describe('splitTopLevel', () => {
	it('splits on commas outside quotes, parentheses and braces', () => {
		expect(splitTopLevel('a,"b,c",f(d,e),{g,h},[i,j)')).toEqual([
			'a',
			'"b,c"',
			'f(d,e)',
			'{g,h}',
			'[i,j)'
		]);
	});
});
