/**
 * A PostgREST-compatible Data API (`/rest/v1`) for unmodified supabase-js: every request is one
 * transaction as the caller's role with `request.jwt.claims` set, so row level security decides
 * (supabase-protocols.md §2).
 */
import type { ServiceDeps } from '../deps.ts';
import type { Service, ServiceRequest } from '../http.ts';
import {
	buildDelete,
	buildInsert,
	buildRead,
	buildRpc,
	buildUpdate,
	type MutationOptions
} from './build-query.ts';
import { resolveIdentity, type Identity } from './caller.ts';
import { chooseRoutine, notFound } from './choose-routine.ts';
import { jsonRowsToCsv } from './csv.ts';
import { fromPgError, invalidBody, isPgError, RestError, tableNotFound } from './errors.ts';
import { execute, type Outcome, type RequestContext } from './execute.ts';
import { chooseSchema, negotiateMedia, type MediaChoice } from './negotiate.ts';
import { parsePrefer, parseQuery, type Preferences } from './parse-request.ts';
import { relationKey, SchemaCache, type SchemaSnapshot } from './schema-cache.ts';

const exposedSchemas = ['public', 'graphql_public'];
/** A miss reloads the cache first (cheap insurance next to LISTEN), unless it is this fresh. */
const lazyReloadAfterMs = 100;

interface RestResponse {
	status: number;
	headers: Record<string, string>;
	body?: string;
}

interface Route {
	request: ServiceRequest;
	context: RequestContext;
	schema: string;
	media: MediaChoice;
	prefer: Preferences;
}

export async function createRestService(deps: ServiceDeps): Promise<Service> {
	const cache = new SchemaCache(deps.adminPool, exposedSchemas, deps.log);
	await cache.listen();
	return {
		async handle(request) {
			let role = 'anon';
			let response: RestResponse;
			try {
				const identity = resolveIdentity(request.caller);
				role = identity.role;
				response = await route(request, identity, cache, deps);
			} catch (error) {
				response = errorResponse(error, role, deps.log);
			}
			const headers = { ...response.headers };
			if (response.body !== undefined && !headers['content-type']) {
				headers['content-type'] = 'application/json; charset=utf-8';
			}
			request.res.writeHead(response.status, headers);
			request.res.end(request.method === 'HEAD' ? undefined : response.body);
		},
		close: () => cache.close()
	};
}

function errorResponse(error: unknown, role: string, log: (message: string) => void): RestResponse {
	let rest: RestError;
	if (error instanceof RestError) rest = error;
	else if (isPgError(error)) rest = fromPgError(error, role);
	else {
		log(`rest: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		rest = new RestError(500, 'PGRST000', error instanceof Error ? error.message : String(error));
	}
	if (rest.status >= 500) log(`rest: ${rest.status} ${rest.body.code} ${rest.body.message}`);
	return { status: rest.status, headers: rest.headers, body: JSON.stringify(rest.body) };
}

async function route(
	request: ServiceRequest,
	identity: Identity,
	cache: SchemaCache,
	deps: ServiceDeps
): Promise<RestResponse> {
	const method = request.method.toUpperCase();
	if (!['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'].includes(method)) {
		throw new RestError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
	}
	const schema = chooseSchema(method, request.headers, exposedSchemas);
	const routeInfo: Route = {
		request,
		context: { identity, method, path: request.path, headers: request.headers },
		schema,
		media: negotiateMedia(header(request, 'accept')),
		prefer: parsePrefer(request.headers.prefer)
	};
	const segments = pathSegments(request.path);
	if (segments?.length === 0 && (method === 'GET' || method === 'HEAD')) {
		return openApi(await cache.current(), schema);
	}
	if (segments?.length === 2 && segments[0] === 'rpc') {
		return callRoutine(routeInfo, segments[1], cache, deps);
	}
	if (segments?.length === 1) return handleRelation(routeInfo, segments[0], cache, deps);
	throw new RestError(404, 'PGRST125', 'Invalid path specified in request URL');
}

/** `/rpc/my%20fn` → ['rpc', 'my fn']; undefined when the escapes are malformed. */
function pathSegments(path: string): string[] | undefined {
	try {
		return path
			.split('/')
			.filter((segment) => segment !== '')
			.map(decodeURIComponent);
	} catch {
		return undefined;
	}
}

function header(request: ServiceRequest, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value.join(', ') : value;
}

async function readBody(request: ServiceRequest): Promise<unknown> {
	const raw = (await request.body()).toString('utf8');
	if (raw.trim() === '') return undefined;
	try {
		return JSON.parse(raw);
	} catch {
		throw invalidBody('Empty or invalid json');
	}
}

/** Looks a name up, reloading the cache once first when it is missing. */
async function lookUp<T>(cache: SchemaCache, find: (snapshot: SchemaSnapshot) => T | undefined) {
	let snapshot = await cache.current();
	let found = find(snapshot);
	if (found === undefined) {
		snapshot = await cache.reloadIfOlderThan(lazyReloadAfterMs);
		found = find(snapshot);
	}
	return { snapshot, found };
}

function contentRange(offset: number, page: number, total: number | undefined): string {
	const of = total === undefined ? '*' : String(total);
	return page > 0 ? `${offset}-${offset + page - 1}/${of}` : `*/${of}`;
}

/** Status and headers of a read (table GET or function result): 200, 206 or 416. */
function readResponse(route: Route, outcome: Outcome, offset: number): RestResponse {
	const { total, page } = outcome;
	const headers: Record<string, string> = {
		'content-range': contentRange(offset, page, total),
		'content-type': route.media.contentType,
		...outcome.headers
	};
	if (total !== undefined && offset > 0 && offset >= total) {
		const error = new RestError(
			416,
			'PGRST103',
			'Requested range not satisfiable',
			`An offset of ${offset} was requested, but there are only ${total} rows.`
		);
		return {
			status: 416,
			headers: { 'content-range': `*/${total}` },
			body: JSON.stringify(error.body)
		};
	}
	const status = outcome.status ?? (total !== undefined && page < total ? 206 : 200);
	return { status, headers, body: formatRows(route, outcome.body) };
}

function preferenceApplied(
	prefer: Preferences,
	keys: (keyof Preferences)[]
): Record<string, string> {
	const applied = keys
		.filter((key) => prefer[key] !== undefined)
		.map((key) => `${key === 'maxAffected' ? 'max-affected' : key}=${prefer[key]}`);
	return applied.length > 0 ? { 'preference-applied': applied.join(', ') } : {};
}

/** Errors a stale schema cache can cause; they are retried once after a reload. */
const staleCacheCodes = new Set(['PGRST200', 'PGRST204']);

async function buildFresh<T>(
	cache: SchemaCache,
	snapshot: SchemaSnapshot,
	build: (snapshot: SchemaSnapshot) => T
): Promise<{ snapshot: SchemaSnapshot; built: T }> {
	try {
		return { snapshot, built: build(snapshot) };
	} catch (error) {
		if (!(error instanceof RestError) || !staleCacheCodes.has(error.body.code)) throw error;
		const fresh = await cache.reloadIfOlderThan(lazyReloadAfterMs);
		if (fresh === snapshot) throw error;
		return { snapshot: fresh, built: build(fresh) };
	}
}

/** The JSON rows as the negotiated media type wants them. */
function formatRows(route: Route, body: string | null): string {
	const json = body ?? 'null';
	return route.media.csv ? jsonRowsToCsv(json) : json;
}

async function handleRelation(
	route: Route,
	name: string,
	cache: SchemaCache,
	deps: ServiceDeps
): Promise<RestResponse> {
	const { request, media, prefer, context } = route;
	const key = relationKey(route.schema, name);
	const looked = await lookUp(cache, (s) => s.relations.get(key));
	if (!looked.found) throw tableNotFound(route.schema, name);
	const parsed = parseQuery(request.query);
	const method = context.method;
	const shape = media.singular ? 'object' : 'array';
	const counted = prefer.count !== undefined;
	const rollback = prefer.tx === 'rollback';
	const relationIn = (snapshot: SchemaSnapshot) => {
		const relation = snapshot.relations.get(key);
		if (!relation) throw tableNotFound(route.schema, name);
		return relation;
	};

	if (method === 'GET' || method === 'HEAD') {
		const { snapshot, built: statement } = await buildFresh(cache, looked.snapshot, (s) =>
			buildRead(s, relationIn(s), parsed, {
				shape,
				stripNulls: media.stripNulls,
				count: counted
			})
		);
		const outcome = await execute(deps.apiPool, snapshot, context, statement, {
			readOnly: true,
			rollback,
			singular: media.singular,
			readResponseSettings: false
		});
		const response = readResponse(route, outcome, parsed.modifiers.get('')?.offset ?? 0);
		Object.assign(response.headers, preferenceApplied(prefer, ['count']));
		return response;
	}

	const representation = prefer.return === 'representation';
	const mutationOptions: MutationOptions = { shape, stripNulls: media.stripNulls, representation };
	const body = method === 'DELETE' ? undefined : await readBody(request);
	if (method === 'POST' && body === undefined) throw invalidBody('Empty or invalid json');
	const { snapshot, built: statement } = await buildFresh(cache, looked.snapshot, (s) => {
		const relation = relationIn(s);
		if (method === 'POST') {
			const insert = { body, columns: parsed.columns, onConflict: parsed.onConflict, prefer };
			return buildInsert(s, relation, parsed, insert, mutationOptions);
		}
		if (method === 'PATCH') return buildUpdate(s, relation, parsed, body ?? {}, mutationOptions);
		return buildDelete(s, relation, parsed, mutationOptions);
	});
	const outcome = await execute(deps.apiPool, snapshot, context, statement, {
		readOnly: false,
		rollback,
		singular: media.singular,
		maxAffected: method !== 'POST' && prefer.handling === 'strict' ? prefer.maxAffected : undefined,
		readResponseSettings: true
	});
	const total = counted ? outcome.page : undefined;
	const headers: Record<string, string> = {
		'content-range': representation ? contentRange(0, outcome.page, total) : `*/${total ?? '*'}`,
		...preferenceApplied(prefer, [
			'return',
			'count',
			'resolution',
			'missing',
			'tx',
			'handling',
			'maxAffected'
		]),
		...outcome.headers
	};
	if (representation) headers['content-type'] = media.contentType;
	const defaultStatus = method === 'POST' ? 201 : representation ? 200 : 204;
	return {
		status: outcome.status ?? defaultStatus,
		headers,
		body: representation ? formatRows(route, outcome.body) : undefined
	};
}

/** Reserved query keys that are never function arguments. */
const reservedKeys = new Set([
	'select',
	'order',
	'limit',
	'offset',
	'or',
	'and',
	'not.or',
	'not.and',
	'columns',
	'on_conflict'
]);

async function callRoutine(
	route: Route,
	name: string,
	cache: SchemaCache,
	deps: ServiceDeps
): Promise<RestResponse> {
	const { request, media, prefer, context } = route;
	const viaQuery = context.method === 'GET' || context.method === 'HEAD';
	if (!viaQuery && context.method !== 'POST') {
		throw new RestError(
			405,
			'PGRST101',
			'Only GET, HEAD or POST are allowed for calling functions'
		);
	}
	const body = viaQuery ? undefined : await readBody(request);
	const bodyIsObject = typeof body === 'object' && body !== null && !Array.isArray(body);
	const keys = viaQuery
		? [...new Set(request.query.keys())].filter(
				(key) => !reservedKeys.has(key) && !key.includes('.')
			)
		: bodyIsObject
			? Object.keys(body)
			: [];
	const key = relationKey(route.schema, name);
	const { snapshot, found: candidates } = await lookUp(cache, (s) => s.routines.get(key));
	if (!candidates) throw notFound(route.schema, name, keys);
	const choice = chooseRoutine(candidates, keys, {
		viaQuery,
		singleObject: prefer.params === 'single-object',
		schema: route.schema,
		name
	});
	const { routine } = choice;
	if (!viaQuery && !choice.wholeBody && body !== undefined && !bodyIsObject) {
		throw invalidBody('Empty or invalid json');
	}
	const paramNames = new Set(routine.params.map((param) => param.name));
	const parsed = parseQuery(
		request.query,
		viaQuery ? (queryKey) => paramNames.has(queryKey) : undefined
	);
	const args = choice.wholeBody
		? { wholeBody: body ?? {} }
		: viaQuery
			? Object.fromEntries(parsed.args)
			: ((body ?? {}) as Record<string, unknown>);
	const singular = media.singular && routine.returns === 'composite' && routine.returnsSet;
	const statement = buildRpc(snapshot, { routine, args }, parsed, {
		shape: singular ? 'object' : 'array',
		stripNulls: media.stripNulls,
		count: prefer.count !== undefined
	});
	const outcome = await execute(deps.apiPool, snapshot, context, statement, {
		readOnly: viaQuery || routine.volatility !== 'volatile',
		rollback: prefer.tx === 'rollback',
		singular,
		maxAffected: prefer.handling === 'strict' ? prefer.maxAffected : undefined,
		readResponseSettings: true
	});
	if (routine.returns === 'void') {
		return { status: outcome.status ?? 204, headers: outcome.headers };
	}
	if (!routine.returnsSet) {
		return {
			status: outcome.status ?? 200,
			headers: { 'content-type': media.contentType, ...outcome.headers },
			body: outcome.body ?? 'null'
		};
	}
	return readResponse(route, outcome, parsed.modifiers.get('')?.offset ?? 0);
}

/** GET / answers with a minimal OpenAPI description listing the exposed relations and functions. */
function openApi(snapshot: SchemaSnapshot, schema: string): RestResponse {
	const paths: Record<string, object> = { '/': {} };
	for (const relation of snapshot.relations.values()) {
		if (relation.schema === schema) paths[`/${relation.name}`] = {};
	}
	for (const routines of snapshot.routines.values()) {
		if (routines[0].schema === schema) paths[`/rpc/${routines[0].name}`] = {};
	}
	const document = {
		swagger: '2.0',
		info: { title: 'local-supabase Data API', description: '', version: '14' },
		basePath: '/',
		schemes: ['http'],
		consumes: ['application/json'],
		produces: ['application/json'],
		paths
	};
	return {
		status: 200,
		headers: { 'content-type': 'application/openapi+json; charset=utf-8' },
		body: JSON.stringify(document)
	};
}
