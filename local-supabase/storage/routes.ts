/**
 * storage-api's REST surface (paths after `/storage/v1`), most specific first, with how each
 * route authenticates and the `storage.operation` it reports to Postgres.
 */
import * as buckets from './buckets.ts';
import type { AuthMode, Handler } from './context.ts';
import * as objects from './objects.ts';
import * as signing from './signing.ts';

export interface Route {
	method: string;
	/** Named groups `bucket` and `key` (still percent-encoded). */
	pattern: RegExp;
	auth: AuthMode;
	operation: string;
	handler: Handler;
}

const bucketPath = '(?<bucket>[^/]+)';
const objectPath = `${bucketPath}/(?<key>.+)`;
const route = (
	method: string,
	path: string,
	auth: AuthMode,
	operation: string,
	handler: Handler
): Route => ({ method, pattern: new RegExp(`^${path}$`), auth, operation, handler });

export const routes: Route[] = [
	route('GET', '/bucket/?', 'jwt', 'storage.bucket.list', buckets.listBuckets),
	route('POST', '/bucket/?', 'jwt', 'storage.bucket.create', buckets.createBucket),
	route(
		'POST',
		`/bucket/${bucketPath}/empty`,
		'serviceRole',
		'storage.bucket.empty',
		buckets.emptyBucket
	),
	route('GET', `/bucket/${bucketPath}`, 'jwt', 'storage.bucket.get', buckets.getBucket),
	route('PUT', `/bucket/${bucketPath}`, 'jwt', 'storage.bucket.update', buckets.updateBucket),
	route('DELETE', `/bucket/${bucketPath}`, 'jwt', 'storage.bucket.delete', buckets.deleteBucket),

	route('POST', '/object/move', 'jwt', 'storage.object.move', objects.moveObject),
	route('POST', '/object/copy', 'jwt', 'storage.object.copy', objects.copyObject),
	route('POST', `/object/list/${bucketPath}`, 'jwt', 'storage.object.list', objects.listObjects),

	route('POST', `/object/sign/${bucketPath}`, 'jwt', 'storage.object.sign_many', signing.signUrls),
	route('POST', `/object/sign/${objectPath}`, 'jwt', 'storage.object.sign', signing.signUrl),
	route(
		'GET',
		`/object/sign/${objectPath}`,
		'none',
		'storage.object.get_signed',
		signing.serveSignedObject
	),
	route(
		'POST',
		`/object/upload/sign/${objectPath}`,
		'jwt',
		'storage.object.sign_upload_url',
		signing.signUploadUrl
	),
	route(
		'PUT',
		`/object/upload/sign/${objectPath}`,
		'none',
		'storage.object.upload_signed',
		signing.uploadToSignedUrl
	),

	route(
		'GET',
		`/object/public/${objectPath}`,
		'none',
		'storage.object.get_public',
		objects.servePublicObject
	),
	route(
		'HEAD',
		`/object/public/${objectPath}`,
		'none',
		'storage.object.info_public',
		objects.servePublicObjectInfo('head')
	),
	route(
		'GET',
		`/object/info/public/${objectPath}`,
		'none',
		'storage.object.info_public',
		objects.servePublicObjectInfo('info')
	),
	route(
		'GET',
		`/object/info/authenticated/${objectPath}`,
		'jwt',
		'object.get_authenticated_info',
		objects.serveObject('info')
	),
	route(
		'GET',
		`/object/info/${objectPath}`,
		'optional',
		'object.get_authenticated_info',
		objects.serveObject('info')
	),
	route(
		'GET',
		`/object/authenticated/${objectPath}`,
		'jwt',
		'storage.object.get_authenticated',
		objects.serveObject('asset')
	),
	route(
		'HEAD',
		`/object/authenticated/${objectPath}`,
		'jwt',
		'object.head_authenticated_info',
		objects.serveObject('head')
	),

	route(
		'GET',
		`/object/${objectPath}`,
		'optional',
		'storage.object.get_authenticated',
		objects.serveObject('asset')
	),
	route(
		'HEAD',
		`/object/${objectPath}`,
		'optional',
		'object.head_authenticated_info',
		objects.serveObject('head')
	),
	route(
		'POST',
		`/object/${objectPath}`,
		'jwt',
		'storage.object.upload',
		objects.uploadObject('create')
	),
	route(
		'PUT',
		`/object/${objectPath}`,
		'jwt',
		'storage.object.upload_update',
		objects.uploadObject('update')
	),
	route(
		'DELETE',
		`/object/${bucketPath}`,
		'jwt',
		'storage.object.delete_many',
		objects.removeObjects
	),
	route('DELETE', `/object/${objectPath}`, 'jwt', 'storage.object.delete', objects.removeObject)
];

export function matchRoute(
	method: string,
	path: string
): { route: Route; bucket: string; key: string } | undefined {
	for (const candidate of routes) {
		if (candidate.method !== method) continue;
		const match = candidate.pattern.exec(path);
		if (match) {
			return {
				route: candidate,
				bucket: match.groups?.bucket ?? '',
				key: match.groups?.key ?? ''
			};
		}
	}
	return undefined;
}
