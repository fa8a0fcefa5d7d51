import type { ServiceDeps } from '../deps.ts';
import { sendJson, type Service } from '../http.ts';

/** Placeholder until the edge functions runtime lands. */
export async function createFunctionsService(deps: ServiceDeps): Promise<Service> {
	void deps;
	return {
		async handle({ res }) {
			sendJson(res, 501, { message: 'functions not implemented yet' });
		}
	};
}
