/**
 * Signed URLs. Download tokens are HS256 JWTs `{url:"bucket/path", scope:"download", iat, exp}`,
 * upload tokens `{owner, url, upsert, scope:"upload", iat, exp}`, both with the project's JWT
 * secret. Issuing one needs the caller's RLS permission (select, or the insert probe); using one
 * needs nothing else.
 */
import { jwtSecret } from '../config.ts';
import { sendJson } from '../http.ts';
import { signJwt, verifyJwt, type Claims } from '../jwt.ts';
import { rejectedTokenMessage, type Call } from './context.ts';
import { errors } from './errors.ts';
import {
	expiresInOf,
	headerOf,
	parseBase64JsonObject,
	readJsonBody,
	requiredQuery,
	stringArray
} from './input.ts';
import { findObject, visibleObjectNames } from './queries.ts';
import { sendAsset } from './render.ts';
import { probeWrite, uploadFromRequest } from './upload.ts';
import { mustBeValidKey, signedUploadExpirySeconds } from './validate.ts';

type Scope = 'download' | 'upload';

function signToken(claims: Claims, expiresIn: number): string {
	const iat = Math.floor(Date.now() / 1000);
	return signJwt({ ...claims, iat, exp: iat + expiresIn }, jwtSecret);
}

/**
 * A token valid for `scope` on exactly this object. Tokens from before scoping existed count as
 * upload tokens when they carry `upsert`, as download tokens otherwise.
 */
function verifyToken(token: string, scope: Scope, bucket: string, key: string): Claims {
	const verified = verifyJwt(token, jwtSecret);
	if (!verified.ok) throw errors.invalidJwt(rejectedTokenMessage(verified.reason));
	const { claims } = verified;
	const tokenScope = claims.scope ?? ('upsert' in claims ? 'upload' : 'download');
	if (tokenScope !== scope) throw errors.invalidSignature(`Token is not scoped for ${scope}`);
	if (claims.url !== `${bucket}/${key}`) throw errors.invalidSignature();
	return claims;
}

const signedPath = (bucket: string, key: string, token: string) =>
	`/object/sign/${bucket}/${key}?token=${token}`;

/** POST `/object/sign/{bucket}/{path}` `{expiresIn}` → `{signedURL}`. */
export async function signUrl(call: Call): Promise<void> {
	const expiresIn = expiresInOf(await readJsonBody(call.request));
	const { bucket, key } = call;
	mustBeValidKey(key);
	await call.db.asCaller((client) => findObject(client, bucket, key));
	const token = signToken({ url: `${bucket}/${key}`, scope: 'download' }, expiresIn);
	sendJson(call.request.res, 200, { signedURL: signedPath(bucket, key, token) });
}

/** POST `/object/sign/{bucket}` `{expiresIn, paths}` → `[{error, path, signedURL}]`. */
export async function signUrls(call: Call): Promise<void> {
	const body = await readJsonBody(call.request);
	const expiresIn = expiresInOf(body);
	const paths = stringArray(body, 'paths');
	const { bucket } = call;
	const visible = await call.db.asCaller((client) => visibleObjectNames(client, bucket, paths));
	sendJson(
		call.request.res,
		200,
		paths.map((path) =>
			visible.has(path)
				? {
						error: null,
						path,
						signedURL: signedPath(
							bucket,
							path,
							signToken({ url: `${bucket}/${path}`, scope: 'download' }, expiresIn)
						)
					}
				: {
						error: 'Either the object does not exist or you do not have access to it',
						path,
						signedURL: null
					}
		)
	);
}

/** GET `/object/sign/{bucket}/{path}?token=…`: the bytes, for whoever holds the token. */
export async function serveSignedObject(call: Call): Promise<void> {
	const { bucket, key, request } = call;
	const claims = verifyToken(requiredQuery(request, 'token'), 'download', bucket, key);
	const object = await call.db.asSuperUser((client) => findObject(client, bucket, key));
	await sendAsset(request, call.disk, object, {
		download: request.query.get('download'),
		expires: new Date(Number(claims.exp) * 1000)
	});
}

/**
 * POST `/object/upload/sign/{bucket}/{path}` (`x-upsert`) → `{url, token}`, valid two hours,
 * if the caller could upload the object now.
 */
export async function signUploadUrl(call: Call): Promise<void> {
	const { request, bucket, key, identity } = call;
	mustBeValidKey(key);
	const upsert = headerOf(request, 'x-upsert') === 'true';
	const contentLength = headerOf(request, 'content-length');
	await probeWrite(
		call.db.probe,
		{
			bucketId: bucket,
			name: key,
			owner: identity.owner,
			metadata: {
				mimetype: headerOf(request, 'content-type'),
				contentLength: contentLength === undefined ? undefined : Number(contentLength)
			},
			userMetadata: parseBase64JsonObject(request.headers['x-metadata'])
		},
		upsert
	);
	const url = `${bucket}/${key}`;
	const token = signToken(
		{ owner: identity.owner, url, upsert, scope: 'upload' },
		signedUploadExpirySeconds
	);
	sendJson(request.res, 200, { url: `/object/upload/sign/${url}?token=${token}`, token });
}

/** PUT `/object/upload/sign/{bucket}/{path}?token=…`: uploads as the token's owner. */
export async function uploadToSignedUrl(call: Call): Promise<void> {
	const { request, bucket, key } = call;
	const claims = verifyToken(requiredQuery(request, 'token'), 'upload', bucket, key);
	await uploadFromRequest(call, call.db.probeAsSuperUser, {
		bucketId: bucket,
		objectName: key,
		owner: typeof claims.owner === 'string' ? claims.owner : undefined,
		upsert: claims.upsert === true
	});
	sendJson(request.res, 200, { Key: `${bucket}/${key}` });
}
