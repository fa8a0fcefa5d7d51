import { createContext } from 'svelte';
import type { MessageKey, MessageParams } from '$lib/i18n/translate';

export interface Notice {
	id: number;
	kind: 'error' | 'success';
	key: MessageKey;
	params?: MessageParams;
}

/** How long a success notice stays; errors stay until dismissed, so none goes unread. */
const successLifetimeMs = 5_000;

/** Short messages shown in a live region at the edge of the screen (toasts). */
export class Notices {
	items = $state<Notice[]>([]);
	#nextId = 1;

	push(notice: Omit<Notice, 'id'>): void {
		const id = this.#nextId++;
		this.items.push({ ...notice, id });
		if (notice.kind === 'success') setTimeout(() => this.dismiss(id), successLifetimeMs);
	}

	dismiss(id: number): void {
		this.items = this.items.filter((notice) => notice.id !== id);
	}
}

const [getNotices, setNotices] = createContext<Notices>();
export { getNotices, setNotices };
