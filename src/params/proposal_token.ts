import type { ParamMatcher } from '@sveltejs/kit';

/** A public proposal link's token: 64 hex digits (private.new_proposal_token). */
export const match = ((param: string) => /^[0-9a-f]{64}$/.test(param)) satisfies ParamMatcher;
