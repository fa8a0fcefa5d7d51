/**
 * A storage-api-compatible service for storage-js (supabase-protocols.md §4): buckets and objects
 * in the storage schema, bytes under `.local-supabase/storage`, every decision about a caller
 * made by RLS on storage.buckets / storage.objects in a transaction as that caller.
 */
import { paths } from '../config.ts';
import type { ServiceDeps } from '../deps.ts';
import type { Service, ServiceRequest } from '../http.ts';
import { identify, openDatabase } from './context.ts';
import { Disk } from './disk.ts';
import { errors, sendError, StorageError } from './errors.ts';
import { matchRoute } from './routes.ts';

function decodePathPart(raw: string): string {
	try {
		return decodeURIComponent(raw);
	} catch {
		throw errors.invalidKey(raw);
	}
}

export async function createStorageService(deps: ServiceDeps): Promise<Service> {
	const disk = new Disk(paths.storage);
	await disk.clearStaging();

	async function dispatch(request: ServiceRequest): Promise<void> {
		const matched = matchRoute(request.method, request.path);
		if (!matched) throw errors.notFoundRoute(request.method, request.path);
		const identity = identify(request.caller, matched.route.auth);
		await matched.route.handler({
			request,
			deps,
			disk,
			identity,
			db: openDatabase(deps, request, identity, matched.route.operation),
			bucket: decodePathPart(matched.bucket),
			key: decodePathPart(matched.key)
		});
	}

	return {
		async handle(request) {
			const { req, res } = request;
			try {
				await dispatch(request);
			} catch (error) {
				// A client leaving mid-download is routine, not a failure worth logging.
				const clientLeft = (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE';
				if (!(error instanceof StorageError) && !clientLeft) {
					deps.log(
						`[storage] ${request.method} ${request.path} failed: ${error instanceof Error ? error.stack : String(error)}`
					);
				}
				if (res.headersSent) {
					// Mid-stream: nothing sensible can follow the bytes already sent.
					res.destroy();
					return;
				}
				// An unread body must drain for the answer to arrive on a usable connection.
				if (!req.readableEnded && req.listenerCount('data') === 0) req.resume();
				sendError(res, error instanceof StorageError ? error : errors.internal());
			}
		}
	};
}
