/**
 * The editor's totals preview follows the database's rules (proposals contract): cents, round
 * half away from zero, the discount shared over tax rates by largest remainder.
 */
import { describe, expect, it } from 'vitest';
import { computeProposalTotals } from '../../src/lib/proposals/totals.ts';

describe('computeProposalTotals', () => {
	it('computes 19 % and 7 % items with a 10 % discount', () => {
		const totals = computeProposalTotals(
			[
				{ quantity: 3, rate: 99.99, tax_rate: 19 },
				{ quantity: 1, rate: 49.9, tax_rate: 7 },
				// 25.025 rounds away from zero to 25.03.
				{ quantity: 2.5, rate: 10.01, tax_rate: 19 }
			],
			'percent',
			10
		);
		expect(totals).toEqual({
			subtotal: 374.9,
			discount: 37.49,
			tax_breakdown: [
				{ rate: 7, net: 44.91, tax: 3.14 },
				// 292.50 × 19 % = 55.575 → 55.58.
				{ rate: 19, net: 292.5, tax: 55.58 }
			],
			total_tax: 58.72,
			total: 396.13
		});
	});

	it('gives the cents the shares leave over to the largest remainder', () => {
		const totals = computeProposalTotals(
			[
				{ quantity: 1, rate: 2, tax_rate: 19 },
				{ quantity: 1, rate: 1, tax_rate: 7 }
			],
			'amount',
			0.1
		);
		// 0.10 × 2/3 = 0.0667 and 0.10 × 1/3 = 0.0333: floors 6 and 3 cents, the 19 % group's
		// remainder is larger, so it takes the tenth cent.
		expect(totals.tax_breakdown).toEqual([
			{ rate: 7, net: 0.97, tax: 0.07 },
			{ rate: 19, net: 1.93, tax: 0.37 }
		]);
		const shares = totals.tax_breakdown.reduce((sum, group) => sum + group.net, 0);
		expect(Math.round((totals.subtotal - shares) * 100)).toBe(10);
		expect(totals.total).toBe(3.34);
	});

	it('breaks equal remainders by the larger net, then the lower rate', () => {
		// 0.10 over three groups of 1.00: each floors to 3 cents with the same remainder.
		const even = computeProposalTotals(
			[0, 7, 19].map((tax_rate) => ({ quantity: 1, rate: 1, tax_rate })),
			'amount',
			0.1
		);
		expect(even.tax_breakdown.map((group) => group.net)).toEqual([0.96, 0.97, 0.97]);
		// 0.02 over 1.00 at 19 % and 3.00 at 7 %: remainders 200 and 200 (of 400); 7 % nets more.
		const uneven = computeProposalTotals(
			[
				{ quantity: 1, rate: 1, tax_rate: 19 },
				{ quantity: 3, rate: 1, tax_rate: 7 }
			],
			'amount',
			0.02
		);
		expect(uneven.tax_breakdown).toEqual([
			{ rate: 7, net: 2.98, tax: 0.21 },
			{ rate: 19, net: 1, tax: 0.19 }
		]);
	});

	it('caps an amount discount at the subtotal and allows 100 %', () => {
		const items = [{ quantity: 4, rate: 12.5, tax_rate: 19 }];
		expect(computeProposalTotals(items, 'amount', 80)).toMatchObject({
			subtotal: 50,
			discount: 50,
			total_tax: 0,
			total: 0
		});
		expect(computeProposalTotals(items, 'percent', 100).total).toBe(0);
	});

	it('is zero without items and keeps one group per distinct rate, ordered by rate', () => {
		expect(computeProposalTotals([], 'percent', 10)).toEqual({
			subtotal: 0,
			discount: 0,
			tax_breakdown: [],
			total_tax: 0,
			total: 0
		});
		const totals = computeProposalTotals(
			[
				{ quantity: 1, rate: 10, tax_rate: 19 },
				{ quantity: 1, rate: 10, tax_rate: 0 },
				{ quantity: 1, rate: 10, tax_rate: 19 }
			],
			'amount',
			0
		);
		expect(totals.tax_breakdown.map((group) => group.rate)).toEqual([0, 19]);
		expect(totals.total).toBe(33.8);
	});

	it('stays exact at the columns’ largest values', () => {
		const totals = computeProposalTotals(
			[{ quantity: 9_999_999_999.99, rate: 0.01, tax_rate: 0 }],
			'amount',
			0
		);
		// 99 999 999.9999 rounds to 100 000 000.00.
		expect(totals.subtotal).toBe(100_000_000);
	});
});
