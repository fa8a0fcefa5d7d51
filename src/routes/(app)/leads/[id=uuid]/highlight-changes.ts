import type { Attachment } from 'svelte/attachments';
import { highlightMs, type ColleagueChanges } from './colleague-changes.svelte';

/** What the page shows an item or field in: list rows, and fields marked `data-live-item`. */
const itemSelector = 'li, [data-live-item]';

/**
 * Marks the rows and fields inside the element that change shortly after a colleague changed one
 * of `tables`, whatever component renders them: the class `live-new` for `highlightMs`. Only
 * changes arriving after the element appeared count, so opening a tab never lights it all up.
 */
export function highlightColleagueChanges(
	changes: ColleagueChanges,
	tables: readonly string[]
): Attachment<HTMLElement> {
	return (container) => {
		const since = Date.now();
		const timers = new Set<ReturnType<typeof setTimeout>>();
		const mark = (element: Element | null) => {
			const item = element?.closest(itemSelector);
			if (!item || !container.contains(item) || item.classList.contains('live-new')) return;
			item.classList.add('live-new');
			const timer = setTimeout(() => {
				item.classList.remove('live-new');
				timers.delete(timer);
			}, highlightMs);
			timers.add(timer);
		};
		const observer = new MutationObserver((mutations) => {
			if (!changes.changedSince(tables, since)) return;
			for (const mutation of mutations) {
				if (mutation.type === 'characterData') {
					mark(mutation.target.parentElement);
					continue;
				}
				const added = [...mutation.addedNodes].filter((node) => node instanceof Element);
				if (added.length === 0 && mutation.target instanceof Element) mark(mutation.target);
				for (const element of added) {
					// A whole list appearing (the first note, say) marks the rows inside it.
					if (element.closest(itemSelector)) mark(element);
					else element.querySelectorAll(itemSelector).forEach(mark);
				}
			}
		});
		observer.observe(container, { childList: true, characterData: true, subtree: true });
		return () => {
			observer.disconnect();
			for (const timer of timers) clearTimeout(timer);
		};
	};
}
