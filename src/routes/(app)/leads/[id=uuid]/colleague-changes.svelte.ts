/** How long a colleague's change stays marked (the fade in +page.svelte lasts as long). */
export const highlightMs = 6_000;

/**
 * Changes colleagues made to the lead while it is open, by table (design.md §5): the page marks
 * what they touched for a few seconds and tells screen readers which part changed.
 */
export class ColleagueChanges {
	/** The table of the latest colleague change, for the page's polite announcement. */
	latest = $state<{ table: string; at: number }>();
	// Not state: read only when the page's content changes.
	readonly #arrivedAt: Record<string, number | undefined> = {};

	record(table: string): void {
		const at = Date.now();
		this.#arrivedAt[table] = at;
		this.latest = { table, at };
	}

	/** Whether a colleague changed one of `tables` after `since`, recently enough to show. */
	changedSince(tables: readonly string[], since: number): boolean {
		const now = Date.now();
		return tables.some((table) => {
			const at = this.#arrivedAt[table];
			return at !== undefined && at > since && now - at < highlightMs;
		});
	}
}
