import type { ServiceDeps } from '../deps.ts';
import { sendJson, type Service } from '../http.ts';

/** Placeholder until the rest service lands. */
export async function createRestService(deps: ServiceDeps): Promise<Service> {
	void deps;
	return {
		async handle({ res }) {
			sendJson(res, 501, { message: 'rest not implemented yet' });
		}
	};
}
