import type { ServiceDeps } from '../deps.ts';
import { sendJson, type Service } from '../http.ts';

/** Placeholder until the auth service lands. */
export async function createAuthService(deps: ServiceDeps): Promise<Service> {
	void deps;
	return {
		async handle({ res }) {
			sendJson(res, 501, { message: 'auth not implemented yet' });
		}
	};
}
