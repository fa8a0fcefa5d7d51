/**
 * The proposal's totals as the database computes them (proposals contract): everything in whole
 * cents, rounding half away from zero like Postgres round(), the discount shared over the tax
 * rates in proportion to their net by largest remainder. The editor previews with this; what is
 * saved and shown afterwards is always the database's result.
 */

/** A line as the computation needs it; numbers with at most two decimals. */
export interface TotalsItem {
	quantity: number;
	rate: number;
	tax_rate: number;
}

export type DiscountType = 'percent' | 'amount';

export interface TaxGroup {
	rate: number;
	/** Net of this tax rate after its share of the discount. */
	net: number;
	tax: number;
}

export interface ProposalTotals {
	subtotal: number;
	discount: number;
	tax_breakdown: TaxGroup[];
	total_tax: number;
	total: number;
}

/** A two-decimal number as an integer count of hundredths (cents, or hundredths of a percent). */
function hundredths(value: number): bigint {
	return BigInt(Math.round(value * 100));
}

/** numerator / denominator for non-negative integers, rounded half away from zero. */
function roundedQuotient(numerator: bigint, denominator: bigint): bigint {
	return (numerator * 2n + denominator) / (denominator * 2n);
}

const toAmount = (cents: bigint) => Number(cents) / 100;

export function computeProposalTotals(
	items: TotalsItem[],
	discountType: DiscountType,
	discountValue: number
): ProposalTotals {
	// round(quantity × rate, 2): hundredths × cents = cents × 100.
	const amounts = items.map((item) => ({
		rate: hundredths(item.tax_rate),
		cents: roundedQuotient(hundredths(item.quantity) * hundredths(item.rate), 100n)
	}));
	const subtotal = amounts.reduce((sum, item) => sum + item.cents, 0n);
	const value = hundredths(discountValue);
	// percent: round(subtotal × value / 100, 2) = cents × hundredths-of-percent / 10 000.
	const discount =
		discountType === 'percent'
			? roundedQuotient(subtotal * value, 10_000n)
			: value < subtotal
				? value
				: subtotal;

	const groups = new Map<bigint, bigint>();
	for (const item of amounts) groups.set(item.rate, (groups.get(item.rate) ?? 0n) + item.cents);
	const ordered = [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

	const shares = ordered.map(([rate, net]) => ({
		rate,
		net,
		share: subtotal === 0n ? 0n : (discount * net) / subtotal,
		remainder: subtotal === 0n ? 0n : (discount * net) % subtotal
	}));
	let left = discount - shares.reduce((sum, group) => sum + group.share, 0n);
	// The cents the floors left over go to the largest remainders (ties: the larger net, then
	// the lower rate), as private.proposal_totals ranks them.
	const compare = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
	const byRemainder = [...shares].sort(
		(a, b) => compare(b.remainder, a.remainder) || compare(b.net, a.net) || compare(a.rate, b.rate)
	);
	for (const group of byRemainder) {
		if (left === 0n) break;
		group.share += 1n;
		left -= 1n;
	}

	const breakdown = shares.map((group) => {
		const net = group.net - group.share;
		return { rate: group.rate, net, tax: roundedQuotient(net * group.rate, 10_000n) };
	});
	const totalTax = breakdown.reduce((sum, group) => sum + group.tax, 0n);
	return {
		subtotal: toAmount(subtotal),
		discount: toAmount(discount),
		tax_breakdown: breakdown.map((group) => ({
			rate: toAmount(group.rate),
			net: toAmount(group.net),
			tax: toAmount(group.tax)
		})),
		total_tax: toAmount(totalTax),
		total: toAmount(subtotal - discount + totalTax)
	};
}
