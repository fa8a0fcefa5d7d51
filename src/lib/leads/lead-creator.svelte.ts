import { createContext } from 'svelte';
import { LeadFormState } from './lead-form-state.svelte';

/**
 * The "add lead" dialog, opened from the leads page, the quick-create menu and its keyboard
 * shortcut. Closing it keeps the draft; only saving or cancelling clears it.
 */
export class LeadCreator {
	open = $state(false);
	/**
	 * Whether the dialog can open: false while the server-rendered page waits for its scripts,
	 * so buttons that open it are disabled rather than swallowing a click.
	 */
	ready = $state(false);
	readonly form = new LeadFormState();

	show = (): void => {
		this.open = true;
	};

	close = (): void => {
		this.open = false;
	};

	discard = (): void => {
		this.form.reset();
		this.open = false;
	};
}

const [getLeadCreator, setLeadCreator] = createContext<LeadCreator>();
export { getLeadCreator, setLeadCreator };
