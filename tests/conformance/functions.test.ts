/**
 * Edge functions (supabase-protocols.md §6) as unmodified supabase-js invokes them: bodies and
 * methods, the runtime's environment, verify_jwt, supabase-js inside a function querying REST as
 * the caller, errors, reload on change and logs. Each test function lives in its own uniquely
 * named directory under supabase/functions, created here and removed afterwards.
 */
import { createClient, FunctionsHttpError } from '@supabase/supabase-js';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realtimeTransport } from './transport.ts';
import { paths } from '../../local-supabase/config.ts';
import { signJwt } from '../../local-supabase/jwt.ts';
import { env } from './env.ts';

const suffix = randomBytes(4).toString('hex');
const functionName = (base: string) => `conf-${base}-${suffix}`;
const echo = functionName('echo');
const restQuery = functionName('rest');
const throwing = functionName('throws');
const brokenBoot = functionName('boot');
const reloading = functionName('reload');
const notes = `functions_notes_${suffix}`;
const createdDirs: string[] = [];

const clientWith = (key: string, headers: Record<string, string> = {}) =>
	createClient(env.url, key, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: realtimeTransport },
		global: { headers }
	});
const anonClient = clientWith(env.anonKey);

function tokenFor(sub: string, secret = env.jwtSecret): string {
	const now = Math.floor(Date.now() / 1000);
	return signJwt(
		{ sub, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + 600 },
		secret
	);
}
const userA = randomUUID();
const userB = randomUUID();
const clientAs = (token: string) => clientWith(env.anonKey, { Authorization: `Bearer ${token}` });

function writeFunction(name: string, source: string): void {
	const dir = path.join(paths.functions, name);
	mkdirSync(dir, { recursive: true });
	if (!createdDirs.includes(dir)) createdDirs.push(dir);
	writeFileSync(path.join(dir, 'index.ts'), source);
}

const runtimeVariables = [
	'SUPABASE_URL',
	'SUPABASE_ANON_KEY',
	'SUPABASE_SERVICE_ROLE_KEY',
	'SUPABASE_DB_URL',
	'SUPABASE_PUBLISHABLE_KEYS',
	'SUPABASE_SECRET_KEYS'
];

/** Echoes the request; `/text` and `/binary` answer in those types instead of JSON. */
const echoSource = `
Deno.serve(async (req) => {
	const url = new URL(req.url);
	const body = new Uint8Array(await req.arrayBuffer());
	const marker = req.headers.get('x-log-marker');
	if (marker) console.log('conformance log marker', marker);
	if (url.pathname.endsWith('/text')) {
		return new Response(new TextDecoder().decode(body).toUpperCase(), {
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	if (url.pathname.endsWith('/binary')) {
		return new Response(body.reverse(), { headers: { 'content-type': 'application/octet-stream' } });
	}
	return Response.json({
		method: req.method,
		pathname: url.pathname,
		search: url.search,
		authorization: req.headers.get('authorization'),
		contentType: req.headers.get('content-type'),
		custom: req.headers.get('x-conformance'),
		body: new TextDecoder().decode(body),
		env: Object.fromEntries(${JSON.stringify(runtimeVariables)}.map((name) => [name, Deno.env.get(name) ?? null]))
	});
});
`;

/** supabase-js from npm inside the function, calling REST with the caller's Authorization. */
const restQuerySource = `
import { createClient } from 'npm:@supabase/supabase-js@2.109.0';

Deno.serve(async (req) => {
	const { table } = await req.json();
	const supabase = createClient(Deno.env.get('SUPABASE_URL'), Deno.env.get('SUPABASE_ANON_KEY'), {
		auth: { persistSession: false },
		global: { headers: { Authorization: req.headers.get('Authorization') } }
	});
	const { data, error } = await supabase.from(table).select('owner, body').order('body');
	return Response.json({ data, error }, { status: error ? 500 : 200 });
});
`;

let db: pg.Client;

beforeAll(async () => {
	writeFunction(echo, echoSource);
	writeFunction(restQuery, restQuerySource);
	writeFunction(throwing, `Deno.serve(() => { throw new Error('conformance failure'); });\n`);
	writeFunction(brokenBoot, `throw new Error('conformance boot failure');\n`);
	writeFunction(reloading, `Deno.serve(() => new Response('version 1'));\n`);

	db = new pg.Client({ connectionString: env.dbUrl });
	await db.connect();
	await db.query(`
		create table public.${notes} (id serial primary key, owner uuid not null, body text not null);
		alter table public.${notes} enable row level security;
		create policy "own notes" on public.${notes} for select to authenticated
			using (owner = auth.uid());
		grant select on public.${notes} to authenticated;
		insert into public.${notes} (owner, body) values
			('${userA}', 'a1'), ('${userA}', 'a2'), ('${userB}', 'b1');
		notify pgrst, 'reload schema';
	`);
});

afterAll(async () => {
	for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
	await db?.query(`drop table if exists public.${notes}`);
	await db?.end();
});

type Echo = {
	method: string;
	pathname: string;
	search: string;
	authorization: string | null;
	contentType: string | null;
	custom: string | null;
	body: string;
	env: Record<string, string | null>;
};

/** The status and body of a failed invoke, which supabase-js returns as FunctionsHttpError. */
async function httpError(error: unknown): Promise<{ status: number; body: string }> {
	expect(error).toBeInstanceOf(FunctionsHttpError);
	const response = (error as FunctionsHttpError).context as Response;
	return { status: response.status, body: await response.text() };
}

describe('invoking', () => {
	it('POSTs a JSON body to /<name> with the caller’s headers', async () => {
		const { data, error } = await anonClient.functions.invoke<Echo>(echo, {
			body: { hello: 'world' },
			headers: { 'x-conformance': 'yes' }
		});
		expect(error).toBeNull();
		expect(data).toMatchObject({
			method: 'POST',
			pathname: `/${echo}`,
			search: '',
			contentType: 'application/json',
			custom: 'yes',
			body: '{"hello":"world"}',
			authorization: `Bearer ${env.anonKey}`
		});
	});

	it('keeps the method, sub-path and query string', async () => {
		const { data, error } = await anonClient.functions.invoke<Echo>(`${echo}/items/42?page=2`, {
			method: 'GET'
		});
		expect(error).toBeNull();
		expect(data).toMatchObject({ method: 'GET', pathname: `/${echo}/items/42`, search: '?page=2' });
	});

	it('sends text as text/plain and reads a text response as a string', async () => {
		const { data, error } = await anonClient.functions.invoke<string>(`${echo}/text`, {
			body: 'grüße'
		});
		expect(error).toBeNull();
		expect(data).toBe('GRÜSSE');
	});

	it('streams binary bodies both ways', async () => {
		const bytes = Uint8Array.from({ length: 256 }, (_, index) => index);
		const { data, error } = await anonClient.functions.invoke<Blob>(`${echo}/binary`, {
			body: new Blob([bytes])
		});
		expect(error).toBeNull();
		expect(data).toBeInstanceOf(Blob);
		expect([...new Uint8Array(await data!.arrayBuffer())]).toEqual([...bytes].reverse());
	});

	it('gives the function the edge runtime’s environment', async () => {
		const { data, error } = await anonClient.functions.invoke<Echo>(echo);
		expect(error).toBeNull();
		expect(data!.env).toEqual({
			SUPABASE_URL: env.url,
			SUPABASE_ANON_KEY: env.anonKey,
			SUPABASE_SERVICE_ROLE_KEY: env.serviceRoleKey,
			SUPABASE_DB_URL: expect.stringMatching(/^postgres(ql)?:\/\//),
			SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: env.publishableKey }),
			SUPABASE_SECRET_KEYS: JSON.stringify({ default: env.secretKey })
		});
	});

	it('answers 404 for a function that does not exist', async () => {
		const { data, error } = await anonClient.functions.invoke(functionName('missing'));
		expect(data).toBeNull();
		expect(await httpError(error)).toEqual({ status: 404, body: 'Function not found' });
	});
});

describe('verify_jwt', () => {
	it('rejects a request without Authorization', async () => {
		const response = await fetch(`${env.url}/functions/v1/${echo}`, { method: 'POST' });
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({ msg: 'Error: Missing authorization header' });
	});

	it('rejects malformed, forged and expired JWTs', async () => {
		const expired = signJwt(
			{ sub: userA, role: 'authenticated', exp: Math.floor(Date.now() / 1000) - 60 },
			env.jwtSecret
		);
		const forged = tokenFor(userA, 'another-secret-that-is-at-least-32-characters');
		for (const token of ['not-a-jwt', forged, expired]) {
			const { error } = await clientAs(token).functions.invoke(echo);
			expect(await httpError(error)).toEqual({ status: 401, body: '{"msg":"Invalid JWT"}' });
		}
	});

	it('passes a valid user JWT through to the function', async () => {
		const token = tokenFor(userA);
		const { data, error } = await clientAs(token).functions.invoke<Echo>(echo);
		expect(error).toBeNull();
		expect(data!.authorization).toBe(`Bearer ${token}`);
	});

	it('lets anyone call a function with verify_jwt = false (health)', async () => {
		const anonymous = await fetch(`${env.url}/functions/v1/health`);
		expect(anonymous.status).toBe(200);
		expect(await anonymous.json()).toEqual({ ok: true });
		const { data, error } = await clientAs('not-a-jwt').functions.invoke('health');
		expect(error).toBeNull();
		expect(data).toEqual({ ok: true });
	});
});

describe('supabase-js inside a function', () => {
	it('queries REST as the caller, so RLS decides', { timeout: 90_000 }, async () => {
		const asA = await clientAs(tokenFor(userA)).functions.invoke(restQuery, {
			body: { table: notes }
		});
		expect(asA.error).toBeNull();
		expect(asA.data).toEqual({
			data: [
				{ owner: userA, body: 'a1' },
				{ owner: userA, body: 'a2' }
			],
			error: null
		});
		const asB = await clientAs(tokenFor(userB)).functions.invoke(restQuery, {
			body: { table: notes }
		});
		expect(asB.data).toEqual({ data: [{ owner: userB, body: 'b1' }], error: null });
		const asAnon = await anonClient.functions.invoke(restQuery, { body: { table: notes } });
		expect(asAnon.data).toEqual({ data: [], error: null });
	});
});

describe('failures', () => {
	it('answers 500 when the handler throws', async () => {
		const { status } = await httpError((await anonClient.functions.invoke(throwing)).error);
		expect(status).toBe(500);
	});

	it('answers 503 BOOT_ERROR when the function fails to load', async () => {
		const { status, body } = await httpError((await anonClient.functions.invoke(brokenBoot)).error);
		expect(status).toBe(503);
		expect(JSON.parse(body)).toEqual({
			code: 'BOOT_ERROR',
			message: 'Worker failed to boot (please check logs)'
		});
	});
});

describe('development', () => {
	it('reloads a function when its file changes', async () => {
		const first = await anonClient.functions.invoke<string>(reloading);
		expect(first.data).toBe('version 1');
		writeFunction(reloading, `Deno.serve(() => new Response('version 2'));\n`);
		await expect
			.poll(async () => (await anonClient.functions.invoke<string>(reloading)).data, {
				timeout: 15_000,
				interval: 250
			})
			.toBe('version 2');
	});

	it('writes what the function logs to the stack log, tagged with its name', async () => {
		const marker = randomUUID();
		const { error } = await anonClient.functions.invoke(echo, {
			headers: { 'x-log-marker': marker }
		});
		expect(error).toBeNull();
		await expect
			.poll(() =>
				readFileSync(paths.log, 'utf8').includes(
					`[functions:${echo}] conformance log marker ${marker}`
				)
			)
			.toBe(true);
	});
});
