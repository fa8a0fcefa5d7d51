import type { ParamMatcher } from '@sveltejs/kit';

/** A UUID in its canonical text form (any version), as Postgres prints ids. */
export const match = ((param: string) =>
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(
		param
	)) satisfies ParamMatcher;
