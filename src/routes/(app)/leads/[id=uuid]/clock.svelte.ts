import { SvelteDate } from 'svelte/reactivity';

/** How often relative times ("vor 2 Minuten") move on. */
const tickMs = 30_000;

/** The current time, advancing while the page is open, for relative times that stay true. */
export class Clock {
	readonly now = new SvelteDate();

	/** Starts ticking; returns the stop, for an effect's teardown. */
	start(): () => void {
		this.now.setTime(Date.now());
		const timer = setInterval(() => this.now.setTime(Date.now()), tickMs);
		return () => clearInterval(timer);
	}
}
