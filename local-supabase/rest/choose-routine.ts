/**
 * Which overload `/rpc/fn` calls: the one whose parameter names cover the given argument names
 * and whose required parameters are all given; or a function taking one unnamed json/jsonb
 * parameter, which receives the whole body.
 */
import { RestError } from './errors.ts';
import type { Routine } from './schema-cache.ts';

export interface RoutineChoice {
	routine: Routine;
	/** True when the whole request body is the single json argument. */
	wholeBody: boolean;
}

const isJsonType = (type: string) => type === 'json' || type === 'jsonb';

function takesWholeBody(routine: Routine, singleObject: boolean): boolean {
	if (routine.params.length !== 1 || !isJsonType(routine.params[0].type)) return false;
	return routine.params[0].name === '' || singleObject;
}

export function notFound(schema: string, name: string, keys: string[]): RestError {
	const sorted = [...keys].sort();
	const signature = sorted.length === 0 ? ' without parameters' : `(${sorted.join(', ')})`;
	const params =
		sorted.length === 0 ? 'without parameters' : `with parameters ${sorted.join(', ')}`;
	return new RestError(
		404,
		'PGRST202',
		`Could not find the function ${schema}.${name}${signature} in the schema cache`,
		`Searched for the function ${schema}.${name} ${params} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`
	);
}

/**
 * `keys` are the argument names given (POST body keys; for GET the query keys, where names that
 * are no parameter are filters on the result, so they do not rule a candidate out).
 */
export function chooseRoutine(
	candidates: Routine[],
	keys: string[],
	options: { viaQuery: boolean; singleObject: boolean; schema: string; name: string }
): RoutineChoice {
	const fits = candidates
		.map((routine) => {
			const names = new Set(routine.params.map((param) => param.name));
			const given = keys.filter((key) => names.has(key));
			const extra = keys.length - given.length;
			const requiredGiven = routine.params.every(
				(param) => param.hasDefault || given.includes(param.name)
			);
			return {
				routine,
				given: given.length,
				ok: requiredGiven && (options.viaQuery || extra === 0)
			};
		})
		.filter((fit) => fit.ok && !takesWholeBody(fit.routine, options.singleObject))
		// Prefer the overload that uses the most arguments, then the one with the fewest parameters.
		.sort((a, b) => b.given - a.given || a.routine.params.length - b.routine.params.length);

	if (fits.length > 0) {
		const best = fits.filter(
			(fit) =>
				fit.given === fits[0].given && fit.routine.params.length === fits[0].routine.params.length
		);
		if (best.length > 1) {
			const signatures = best.map(
				(fit) =>
					`${options.schema}.${options.name}(${fit.routine.params.map((p) => `${p.name} => ${p.type}`).join(', ')})`
			);
			throw new RestError(
				300,
				'PGRST203',
				`Could not choose the best candidate function between: ${signatures.join(', ')}`,
				null,
				'Try renaming the parameters or the function itself in the database so function overloading can be resolved'
			);
		}
		return { routine: fits[0].routine, wholeBody: false };
	}
	if (!options.viaQuery) {
		const single = candidates.find((routine) => takesWholeBody(routine, options.singleObject));
		if (single) return { routine: single, wholeBody: true };
	}
	throw notFound(options.schema, options.name, keys);
}
