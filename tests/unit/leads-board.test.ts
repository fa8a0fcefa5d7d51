/** The board's order: where a moved card goes and which leads must be written. */
import { describe, expect, it } from 'vitest';
import { applyBoardMove, compareBoardCards, planBoardMove } from '../../src/lib/leads/board.ts';

const card = (id: string, board_position: number) => ({ id, board_position });

describe('planBoardMove', () => {
	const column = [card('a', 1), card('b', 2), card('c', 4)];

	it('writes only the moved card when a position fits between its new neighbours', () => {
		expect(planBoardMove(column, card('x', 0), 2)).toEqual([{ id: 'x', board_position: 3 }]);
		expect(planBoardMove(column, card('x', 0), 0)).toEqual([{ id: 'x', board_position: 0 }]);
		expect(planBoardMove(column, card('x', 0), 3)).toEqual([{ id: 'x', board_position: 5 }]);
		expect(planBoardMove([], card('x', 7), 0)).toEqual([{ id: 'x', board_position: 0 }]);
	});

	it('moves a card within its own column', () => {
		// a before c: between b (2) and c (4).
		expect(planBoardMove(column, column[0], 2)).toEqual([{ id: 'a', board_position: 3 }]);
		// c to the top.
		expect(planBoardMove(column, column[2], 0)).toEqual([{ id: 'c', board_position: 0 }]);
	});

	it('renumbers the column in its shown order when the neighbours share a position', () => {
		const tied = [card('a', 0), card('b', 0), card('c', 0)];
		expect(planBoardMove(tied, card('x', 9), 1)).toEqual([
			{ id: 'x', board_position: 1 },
			{ id: 'b', board_position: 2 },
			{ id: 'c', board_position: 3 }
		]);
	});

	it('renumbers when no number fits between the neighbours any more', () => {
		const close = [card('a', 1), card('b', 1 + Number.EPSILON)];
		const placements = planBoardMove(close, card('x', 5), 1);
		expect(placements.map((placement) => placement.id)).toEqual(['a', 'x', 'b']);
	});
});

describe('applyBoardMove', () => {
	const lead = (id: string, status_id: string, board_position: number, created_at: string) => ({
		id,
		status_id,
		board_position,
		created_at
	});
	const columns = [
		{
			status: { id: 'cold' },
			total: 2,
			leads: [lead('a', 'cold', 0, '2026-01-02'), lead('b', 'cold', 1, '2026-01-01')]
		},
		{ status: { id: 'hot' }, total: 1, leads: [lead('c', 'hot', 0, '2026-01-03')] }
	];

	it('moves the card to its new column at its new position and adjusts the counts', () => {
		const moved = applyBoardMove(columns, {
			id: 'a',
			statusId: 'hot',
			placements: [{ id: 'a', board_position: -1 }]
		});
		expect(moved.map((column) => column.leads.map((card) => card.id))).toEqual([['b'], ['a', 'c']]);
		expect(moved.map((column) => column.total)).toEqual([1, 2]);
		expect(moved[1].leads[0]).toMatchObject({ status_id: 'hot', board_position: -1 });
	});

	it('leaves the columns as they are for a card it does not show', () => {
		expect(
			applyBoardMove(columns, {
				id: 'z',
				statusId: 'hot',
				placements: [{ id: 'z', board_position: 0 }]
			})
		).toEqual(columns);
	});
});

describe('compareBoardCards', () => {
	it('orders by position, then newest first', () => {
		const cards = [
			{ id: 'old', board_position: 0, created_at: '2026-01-01' },
			{ id: 'later', board_position: 1, created_at: '2026-01-05' },
			{ id: 'new', board_position: 0, created_at: '2026-01-02' }
		];
		expect(cards.sort(compareBoardCards).map((c) => c.id)).toEqual(['new', 'old', 'later']);
	});
});
