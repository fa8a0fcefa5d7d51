import type { ServiceDeps } from '../deps.ts';
import { sendJson, type Service } from '../http.ts';

/** Placeholder until the storage service lands. */
export async function createStorageService(deps: ServiceDeps): Promise<Service> {
	void deps;
	return {
		async handle({ res }) {
			sendJson(res, 501, { message: 'storage not implemented yet' });
		}
	};
}
