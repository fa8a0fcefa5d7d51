/**
 * Request input checks with the messages storage-api's JSON schemas (Fastify/Ajv) produce, so a
 * malformed call fails the same way: `body must have required property 'x'` and similar.
 */
import type { ServiceRequest } from '../http.ts';
import { errors } from './errors.ts';

export type JsonObject = Record<string, unknown>;

export async function readJsonBody(request: ServiceRequest): Promise<JsonObject> {
	const raw = await request.body();
	if (raw.length === 0) return {};
	let value: unknown;
	try {
		value = JSON.parse(raw.toString('utf8'));
	} catch {
		throw errors.invalidRequest(
			"Body is not valid JSON but content-type is set to 'application/json'"
		);
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw errors.invalidRequest('body must be object');
	}
	return value as JsonObject;
}

export function requiredString(body: JsonObject, name: string): string {
	const value = body[name];
	if (value === undefined)
		throw errors.invalidRequest(`body must have required property '${name}'`);
	if (typeof value !== 'string') throw errors.invalidRequest(`body/${name} must be string`);
	return value;
}

export function optionalString(body: JsonObject, name: string): string | undefined {
	const value = body[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw errors.invalidRequest(`body/${name} must be string`);
	return value;
}

export function optionalBoolean(body: JsonObject, name: string): boolean | undefined {
	const value = body[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'boolean') throw errors.invalidRequest(`body/${name} must be boolean`);
	return value;
}

export function optionalInteger(
	body: JsonObject,
	name: string,
	minimum: number
): number | undefined {
	const value = body[name];
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value)) {
		throw errors.invalidRequest(`body/${name} must be integer`);
	}
	if (value < minimum) throw errors.invalidRequest(`body/${name} must be >= ${minimum}`);
	return value;
}

/** `expiresIn` of signed URLs: whole seconds, at least 1. */
export function expiresInOf(body: JsonObject): number {
	if (body.expiresIn === undefined) {
		throw errors.invalidRequest("body must have required property 'expiresIn'");
	}
	const expiresIn = optionalInteger(body, 'expiresIn', 1) as number;
	if (!Number.isSafeInteger(expiresIn)) throw errors.invalidParameter('expiresIn');
	return expiresIn;
}

export function stringArray(body: JsonObject, name: string, minItems = 0): string[] {
	const value = body[name];
	if (value === undefined)
		throw errors.invalidRequest(`body must have required property '${name}'`);
	if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
		throw errors.invalidRequest(`body/${name} must be array of strings`);
	}
	if (value.length < minItems) {
		throw errors.invalidRequest(`body/${name} must NOT have fewer than ${minItems} items`);
	}
	return value as string[];
}

/** A nullable list of strings (e.g. allowed_mime_types); undefined when absent. */
export function optionalStringList(body: JsonObject, name: string): string[] | null | undefined {
	const value = body[name];
	if (value === undefined || value === null) return value;
	if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
		throw errors.invalidRequest(`body/${name} must be array`);
	}
	return value as string[];
}

/** `file_size_limit`: bytes, a size text such as "5MB", or null for no bucket limit. */
export function optionalSizeLimit(
	body: JsonObject,
	name: string
): number | string | null | undefined {
	const value = body[name];
	if (value === undefined || value === null) return value;
	if (typeof value !== 'number' && typeof value !== 'string') {
		throw errors.invalidRequest(`body/${name} must be integer,string`);
	}
	return value;
}

export function requiredQuery(request: ServiceRequest, name: string): string {
	const value = request.query.get(name);
	if (value === null)
		throw errors.invalidRequest(`querystring must have required property '${name}'`);
	return value;
}

export function headerOf(request: ServiceRequest, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** A JSON object from text; anything else (or invalid JSON) is ignored, as upstream does. */
export function parseJsonObject(text: string): JsonObject | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null ? (value as JsonObject) : undefined;
	} catch {
		return undefined;
	}
}

/** The `x-metadata` header: base64 of a JSON object. */
export function parseBase64JsonObject(
	header: string | string[] | undefined
): JsonObject | undefined {
	return typeof header === 'string'
		? parseJsonObject(Buffer.from(header, 'base64').toString('utf8'))
		: undefined;
}
