import { browser } from '$app/environment';
import { MutationCache, QueryClient } from '@tanstack/svelte-query';
import { errorMessageKey, isTransientError } from './request-error';
import type { Notices } from './notices.svelte';

declare module '@tanstack/query-core' {
	interface Register {
		mutationMeta: {
			/**
			 * `inline`: the component shows the error next to what failed (a form), so the shared
			 * handler does not also raise a notice. Default: a notice.
			 */
			errorDisplay?: 'inline' | 'notice';
		};
	}
}

/**
 * The app's query cache. Queries run in the browser only (the server renders with data from its
 * load functions, handed to the queries as initial data). Every failed mutation passes the one
 * shared handler: a translated notice, unless the component shows the error inline.
 */
export function createQueryClient(notices: Notices): QueryClient {
	return new QueryClient({
		defaultOptions: {
			queries: {
				enabled: browser,
				staleTime: 30_000,
				retry: (failures, error) => failures < 2 && isTransientError(error)
			}
		},
		mutationCache: new MutationCache({
			onError: (error, _variables, _context, mutation) => {
				const key = errorMessageKey(error);
				// Unexpected failures also go to the console, for whoever investigates them.
				if (key === 'error.unexpected') console.error('Request failed:', error);
				if (mutation.meta?.errorDisplay !== 'inline') notices.push({ kind: 'error', key });
			}
		})
	});
}
