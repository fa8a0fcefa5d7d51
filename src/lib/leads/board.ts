/**
 * The board's order within a status column (pure). Cards sort by `board_position`, then newest
 * first; a move gives the moved card a position between its new neighbours, so usually only
 * that one lead is written.
 */
import type { LeadOrder } from './list-query';

export const boardOrder: LeadOrder[] = [
	{ column: 'board_position', ascending: true },
	{ column: 'created_at', ascending: false },
	{ column: 'id', ascending: true }
];

export interface BoardCard {
	id: string;
	board_position: number;
}

export interface BoardPlacement {
	id: string;
	board_position: number;
}

/**
 * The positions to write when the card `movedId` is dropped before the card now at `index` of
 * `column` (the target column as shown, which may contain the moved card itself). When its
 * neighbours share a position (every lead starts at 0) or no number fits between them any more,
 * the column is renumbered in its shown order.
 */
export function planBoardMove(
	column: readonly BoardCard[],
	moved: BoardCard,
	index: number
): BoardPlacement[] {
	const movedIndex = column.findIndex((card) => card.id === moved.id);
	const others = column.filter((card) => card.id !== moved.id);
	// Dropping a card before itself or right after itself leaves it where it is.
	const target = Math.max(
		0,
		Math.min(movedIndex >= 0 && index > movedIndex ? index - 1 : index, others.length)
	);
	const before = others[target - 1];
	const after = others[target];
	const position = positionBetween(before?.board_position, after?.board_position);
	if (position !== undefined) return [{ id: moved.id, board_position: position }];
	const order = [...others.slice(0, target), moved, ...others.slice(target)];
	return order
		.map((card, newPosition) => ({ card, newPosition }))
		.filter(({ card, newPosition }) => card.id === moved.id || card.board_position !== newPosition)
		.map(({ card, newPosition }) => ({ id: card.id, board_position: newPosition }));
}

function positionBetween(
	before: number | undefined,
	after: number | undefined
): number | undefined {
	if (before === undefined && after === undefined) return 0;
	if (before === undefined) return (after as number) - 1;
	if (after === undefined) return before + 1;
	const middle = (before + after) / 2;
	return middle > before && middle < after ? middle : undefined;
}

/** The board order as a comparison, for moving cards in the cache before the server answers. */
export function compareBoardCards(
	a: BoardCard & { created_at: string },
	b: BoardCard & { created_at: string }
): number {
	return (
		a.board_position - b.board_position ||
		b.created_at.localeCompare(a.created_at) ||
		a.id.localeCompare(b.id)
	);
}

interface MovableCard extends BoardCard {
	status_id: string;
	created_at: string;
}

interface MovableColumn<Card extends MovableCard> {
	status: { id: string };
	leads: Card[];
	total: number;
}

/** The columns with a move applied, as the server will store it (optimistic update). */
export function applyBoardMove<Card extends MovableCard, Column extends MovableColumn<Card>>(
	columns: readonly Column[],
	move: { id: string; statusId: string; placements: readonly BoardPlacement[] }
): Column[] {
	const card = columns.flatMap((column) => column.leads).find((lead) => lead.id === move.id);
	if (!card) return [...columns];
	const positions = new Map(
		move.placements.map((placement) => [placement.id, placement.board_position])
	);
	const placed = (lead: Card): Card => {
		const position = positions.get(lead.id);
		return position === undefined ? lead : { ...lead, board_position: position };
	};
	const movedCard = placed({ ...card, status_id: move.statusId });
	return columns.map((column) => {
		const without = column.leads.filter((lead) => lead.id !== move.id);
		const isTarget = column.status.id === move.statusId;
		const leads = (isTarget ? [...without, movedCard] : without)
			.map(placed)
			.sort(compareBoardCards);
		const total = column.total - (column.leads.length - without.length) + (isTarget ? 1 : 0);
		return { ...column, leads, total };
	});
}
