/** How often relative times ("vor 2 Minuten") move on. */
const tickMs = 30_000;

/** The current time, advancing while the page is open, for relative times that stay true. */
export class Clock {
	now = $state(new Date());

	/** Starts ticking; returns the stop, for an effect's teardown. */
	start(): () => void {
		this.now = new Date();
		const timer = setInterval(() => (this.now = new Date()), tickMs);
		return () => clearInterval(timer);
	}
}
