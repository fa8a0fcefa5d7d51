/**
 * Realtime as unmodified supabase-js (realtime-js, vsn 2.0.0) sees it (supabase-protocols.md §5):
 * broadcast with self and ack, the REST broadcast API, presence, private channels authorized by
 * RLS on realtime.messages, database broadcasts (only after commit, in commit order), and
 * postgres_changes with filters and per-subscriber RLS. Allow and deny, each time.
 *
 * The file owns its data: users are random `sub`s in JWTs signed with the project secret; the
 * table, the membership table and the realtime.messages policies carry a random suffix, the
 * policies admit only topics `conf-<suffix>:…`, and everything is dropped afterwards.
 */
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ws from 'ws';
import { realtimeTransport } from './transport.ts';
import { signJwt } from '../../local-supabase/jwt.ts';
import { env } from './env.ts';

const suffix = randomUUID().replaceAll('-', '').slice(0, 10);
const notes = `rt_conf_${suffix}_notes`;
const members = `rt_conf_${suffix}_members`;
const topicPrefix = `conf-${suffix}:`;
const sharedTopic = `${topicPrefix}shared`;
const ownTopic = (userId: string) => `${topicPrefix}${userId}`;

const userA = randomUUID();
const userB = randomUUID();
const userC = randomUUID();

const transport = realtimeTransport;

let db: pg.Client;
const clients: SupabaseClient[] = [];

function tokenFor(userId: string, expiresIn = 3600): string {
	const now = Math.floor(Date.now() / 1000);
	return signJwt(
		{ sub: userId, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + expiresIn },
		env.jwtSecret
	);
}

/** A supabase-js client whose realtime connection uses `token` (or just the publishable key). */
async function clientWith(token?: string): Promise<SupabaseClient> {
	const client = createClient(env.url, env.publishableKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport }
	});
	if (token) await client.realtime.setAuth(token);
	clients.push(client);
	return client;
}

/** Subscribes and resolves once joined; rejects with the join error. */
function subscribed(channel: RealtimeChannel): Promise<void> {
	return new Promise((resolve, reject) => {
		channel.subscribe((status, error) => {
			if (status === 'SUBSCRIBED') resolve();
			else if (status !== 'CLOSED') reject(error ?? new Error(status));
		});
	});
}

/** Subscribes and resolves with the join error (the channel is removed so it stops rejoining). */
function joinError(client: SupabaseClient, channel: RealtimeChannel): Promise<Error> {
	return new Promise((resolve, reject) => {
		channel.subscribe((status, error) => {
			if (status === 'SUBSCRIBED') reject(new Error('the join unexpectedly succeeded'));
			else if (status === 'CHANNEL_ERROR') {
				void client.removeChannel(channel);
				resolve(error ?? new Error('no error given'));
			}
		});
	});
}

/** Polls until `read` returns something, or fails after `timeoutMs`. */
async function eventually<T>(what: string, read: () => T | undefined, timeoutMs = 5000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = read();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function send(
	topic: string,
	event: string,
	payload: Record<string, unknown>,
	isPrivate = true
) {
	await db.query('select realtime.send($1::jsonb, $2, $3, $4)', [
		JSON.stringify(payload),
		event,
		topic,
		isPrivate
	]);
}

beforeAll(async () => {
	db = new pg.Client({ connectionString: env.dbUrl });
	await db.connect();
	await db.query(`
		create table public.${notes} (
			id bigint generated always as identity primary key,
			owner uuid not null,
			shared boolean not null default false,
			title text,
			n int,
			details jsonb
		);
		alter table public.${notes} enable row level security;
		grant select, insert, update, delete on public.${notes} to authenticated;
		create policy "conf ${suffix} owner or shared" on public.${notes} for select to authenticated
			using (owner = (select auth.uid()) or shared);
		alter publication supabase_realtime add table public.${notes};

		create table public.${members} (user_id uuid primary key);
		grant select on public.${members} to authenticated;

		create policy "conf ${suffix} read" on realtime.messages for select to authenticated using (
			realtime.topic() = '${topicPrefix}' || (select auth.uid())::text
			or (realtime.topic() = '${sharedTopic}'
				and exists (select 1 from public.${members} m where m.user_id = (select auth.uid())))
		);
		create policy "conf ${suffix} write" on realtime.messages for insert to authenticated
			with check (realtime.topic() = '${topicPrefix}' || (select auth.uid())::text);

		create function public.${notes}_broadcast() returns trigger language plpgsql
		security definer set search_path = '' as $$
		begin
			perform realtime.broadcast_changes('${topicPrefix}' || new.owner::text, 'note_' || lower(tg_op),
				tg_op, tg_table_name, tg_table_schema, new, old);
			return null;
		end $$;
		create trigger broadcast_changes after insert on public.${notes}
			for each row when (new.title = 'broadcast me') execute function public.${notes}_broadcast();
	`);
});

afterAll(async () => {
	for (const client of clients) await client.removeAllChannels();
	await db?.query(`
		drop policy if exists "conf ${suffix} read" on realtime.messages;
		drop policy if exists "conf ${suffix} write" on realtime.messages;
		drop table if exists public.${notes};
		drop function if exists public.${notes}_broadcast();
		drop table if exists public.${members};
	`);
	await db?.end();
});

describe('connection', () => {
	const socketUrl = (apiKey: string) =>
		`${env.url.replace(/^http/, 'ws')}/realtime/v1/websocket?apikey=${apiKey}&vsn=2.0.0`;

	it('answers heartbeats on the phoenix topic', async () => {
		const socket = new ws(socketUrl(env.publishableKey));
		const reply = await new Promise<unknown>((resolve, reject) => {
			socket.on('open', () => socket.send(JSON.stringify([null, '7', 'phoenix', 'heartbeat', {}])));
			socket.on('message', (data) => resolve(JSON.parse(String(data))));
			socket.on('error', reject);
		});
		socket.close();
		expect(reply).toEqual([null, '7', 'phoenix', 'phx_reply', { status: 'ok', response: {} }]);
	});

	it('refuses a socket with an unknown API key', async () => {
		const socket = new ws(socketUrl('not-a-key'));
		const status = await new Promise<number | undefined>((resolve) => {
			socket.on('unexpected-response', (_request, response) => resolve(response.statusCode));
			socket.on('open', () => resolve(undefined));
			socket.on('error', () => {});
		});
		socket.terminate();
		expect(status).toBe(401);
	});

	it('rejects a join with an expired or forged token instead of treating it as anon', async () => {
		const expired = await clientWith(tokenFor(userA, -60));
		const expiredError = await joinError(expired, expired.channel(`${topicPrefix}public-room`));
		expect(expiredError.message).toMatch(/^InvalidJWTToken: Token has expired \d+ seconds ago$/);

		const forgedToken = signJwt(
			{ sub: userA, role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 },
			'not-the-project-secret-but-at-least-32-characters'
		);
		const forged = await clientWith(forgedToken);
		const forgedError = await joinError(forged, forged.channel(`${topicPrefix}public-room`));
		expect(forgedError.message).toBe('JwtSignatureError: Failed to validate JWT signature');
	});
});

describe('channel tokens', () => {
	/** Joins `topic` with `token` and resolves with the system messages once the channel closed. */
	async function untilClosed(
		token: string,
		topic: string,
		afterJoin: (client: SupabaseClient) => Promise<void>
	) {
		const client = await clientWith(token);
		const channel = client.channel(topic);
		const system: Array<Record<string, unknown>> = [];
		channel.on('system', {}, (message) => system.push(message));
		let closed = false;
		await new Promise<void>((resolve, reject) =>
			channel.subscribe((status, error) => {
				if (status === 'SUBSCRIBED') resolve();
				else if (status === 'CLOSED') closed = true;
				else reject(error);
			})
		);
		await afterJoin(client);
		await eventually('the channel to close', () => (closed ? true : undefined));
		return system;
	}

	it('ends a channel when its token expires', async () => {
		const system = await untilClosed(tokenFor(userA, 2), `${topicPrefix}expiring`, async () => {});
		expect(system).toEqual([
			expect.objectContaining({
				extension: 'system',
				status: 'error',
				message: expect.stringMatching(/^Token has expired \d+ seconds ago$/)
			})
		]);
	});

	it('ends a channel when a refresh brings an invalid token', async () => {
		const forged = signJwt(
			{ sub: userA, role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 },
			'not-the-project-secret-but-at-least-32-characters'
		);
		const system = await untilClosed(tokenFor(userA), `${topicPrefix}refreshing`, (client) =>
			client.realtime.setAuth(forged)
		);
		expect(system).toEqual([expect.objectContaining({ extension: 'system', status: 'error' })]);
	});
});

describe('broadcast', () => {
	it('round-trips between clients, echoes to the sender only with self, and acks', async () => {
		const topic = `${topicPrefix}room-${randomUUID()}`;
		const receiver = (await clientWith()).channel(topic);
		const received: unknown[] = [];
		receiver.on('broadcast', { event: 'cursor' }, (message) => received.push(message));
		await subscribed(receiver);

		const echoing = (await clientWith()).channel(topic, {
			config: { broadcast: { self: true, ack: true } }
		});
		const echoed: unknown[] = [];
		echoing.on('broadcast', { event: 'cursor' }, (message) => echoed.push(message));
		await subscribed(echoing);
		const quiet = (await clientWith()).channel(topic);
		const heardByQuiet: unknown[] = [];
		quiet.on('broadcast', { event: 'cursor' }, (message) => heardByQuiet.push(message));
		await subscribed(quiet);

		expect(await echoing.send({ type: 'broadcast', event: 'cursor', payload: { x: 1 } })).toBe(
			'ok'
		);
		await quiet.send({ type: 'broadcast', event: 'cursor', payload: { x: 2 } });
		await eventually('both messages at the receiver', () =>
			received.length === 2 ? true : undefined
		);
		expect(received).toEqual([
			{ type: 'broadcast', event: 'cursor', payload: { x: 1 } },
			{ type: 'broadcast', event: 'cursor', payload: { x: 2 } }
		]);
		// self: true hears itself and the other sender; self: false only hears others.
		await eventually('the echo', () => (echoed.length === 2 ? true : undefined));
		expect(heardByQuiet).toEqual([{ type: 'broadcast', event: 'cursor', payload: { x: 1 } }]);
	});

	it('accepts REST broadcasts with 202 and delivers public ones', async () => {
		const topic = `${topicPrefix}rest-${randomUUID()}`;
		const client = await clientWith();
		const channel = client.channel(topic);
		const received: Array<{ event: string; payload: unknown }> = [];
		channel.on('broadcast', { event: '*' }, ({ event, payload }) =>
			received.push({ event, payload })
		);
		await subscribed(channel);

		const response = await fetch(`${env.url}/realtime/v1/api/broadcast`, {
			method: 'POST',
			headers: { apikey: env.publishableKey, 'content-type': 'application/json' },
			body: JSON.stringify({ messages: [{ topic, event: 'batch', payload: { n: 1 } }] })
		});
		expect(response.status).toBe(202);
		const sender = (await clientWith()).channel(topic);
		expect(await sender.httpSend('single', { n: 2 })).toEqual({ success: true });

		await eventually('both REST messages', () => (received.length === 2 ? true : undefined));
		expect(received.map(({ event, payload }) => ({ event, payload }))).toEqual([
			{ event: 'batch', payload: { n: 1 } },
			{ event: 'single', payload: { n: 2 } }
		]);
	});

	it('delivers private REST broadcasts only when the caller may write the topic', async () => {
		const topic = ownTopic(userA);
		const channel = (await clientWith(tokenFor(userA))).channel(topic, {
			config: { private: true }
		});
		const received: unknown[] = [];
		channel.on('broadcast', { event: '*' }, ({ payload }) => received.push(payload));
		await subscribed(channel);

		const post = (token: string, messages: unknown[]) =>
			fetch(`${env.url}/realtime/v1/api/broadcast`, {
				method: 'POST',
				headers: {
					apikey: env.publishableKey,
					authorization: `Bearer ${token}`,
					'content-type': 'application/json'
				},
				body: JSON.stringify({ messages })
			});
		const message = (from: string) => ({ topic, event: 'rest', payload: { from }, private: true });
		// Batch API: B may not write A's topic, so B's message is accepted but dropped (as upstream).
		expect((await post(tokenFor(userB), [message('B')])).status).toBe(202);
		expect((await post(tokenFor(userA), [message('A')])).status).toBe(202);
		expect((await post(env.serviceRoleKey, [message('service role')])).status).toBe(202);
		expect((await post(tokenFor(userA), [{ topic, private: true }])).status).toBe(422);
		// Single-message API: refused outright.
		const asB = (await clientWith(tokenFor(userB))).channel(topic, { config: { private: true } });
		await expect(asB.httpSend('rest', { from: 'B single' })).rejects.toThrow('Unauthorized');
		const asA = (await clientWith(tokenFor(userA))).channel(topic, { config: { private: true } });
		expect(await asA.httpSend('rest', { from: 'A single' })).toEqual({ success: true });

		await eventually('the allowed messages', () => (received.length === 3 ? true : undefined));
		expect(received).toEqual([{ from: 'A' }, { from: 'service role' }, { from: 'A single' }]);
	});
});

describe('private channels', () => {
	it('lets the owner join, refuses others with Unauthorized, and gives them nothing', async () => {
		const topic = ownTopic(userA);
		const owner = (await clientWith(tokenFor(userA))).channel(topic, {
			config: { private: true }
		});
		const ownerReceived: unknown[] = [];
		owner.on('broadcast', { event: 'secret' }, ({ payload }) => ownerReceived.push(payload));
		await subscribed(owner);

		const outsiderClient = await clientWith(tokenFor(userB));
		const outsider = outsiderClient.channel(topic, { config: { private: true } });
		const outsiderReceived: unknown[] = [];
		outsider.on('broadcast', { event: 'secret' }, ({ payload }) => outsiderReceived.push(payload));
		const error = await new Promise<Error>((resolve) =>
			outsider.subscribe((status, error) => {
				if (status === 'CHANNEL_ERROR') resolve(error ?? new Error(status));
			})
		);
		expect(error.message).toBe(
			`Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`
		);
		// The public channel of the same name is a different topic: private messages skip it.
		const publicTwin = (await clientWith(tokenFor(userB))).channel(topic);
		const publicReceived: unknown[] = [];
		publicTwin.on('broadcast', { event: 'secret' }, ({ payload }) => publicReceived.push(payload));
		await subscribed(publicTwin);

		await send(topic, 'secret', { value: 42 });
		await eventually('the owner to get the message', () =>
			ownerReceived.length === 1 ? true : undefined
		);
		expect(ownerReceived).toEqual([{ value: 42, id: expect.any(String) }]);
		expect(outsiderReceived).toEqual([]);
		expect(publicReceived).toEqual([]);
		await outsiderClient.removeChannel(outsider);
	});

	it('drops sends on a topic the member may read but not write', async () => {
		await db.query(`insert into public.${members} values ($1), ($2)`, [userA, userC]);
		const reader = (await clientWith(tokenFor(userC))).channel(sharedTopic, {
			config: { private: true }
		});
		const received: unknown[] = [];
		reader.on('broadcast', { event: '*' }, ({ event }) => received.push(event));
		await subscribed(reader);
		const writer = (await clientWith(tokenFor(userA))).channel(sharedTopic, {
			config: { private: true, broadcast: { ack: true } }
		});
		await subscribed(writer);

		const outcome = await writer.send(
			{ type: 'broadcast', event: 'from-client', payload: {} },
			{ timeout: 1500 }
		);
		expect(outcome).toBe('timed out');
		await send(sharedTopic, 'from-database', {});
		await eventually('the database broadcast', () => (received.length > 0 ? true : undefined));
		expect(received).toEqual(['from-database']);
	});

	it('lets members track presence only where they may write', async () => {
		const own = (await clientWith(tokenFor(userA))).channel(ownTopic(userA), {
			config: { private: true, presence: { key: 'a' } }
		});
		own.on('presence', { event: 'sync' }, () => {});
		await subscribed(own);
		expect(await own.track({ here: true })).toBe('ok');
		await eventually('own presence', () => (own.presenceState().a ? true : undefined));

		await db.query(`insert into public.${members} values ($1) on conflict do nothing`, [userC]);
		const shared = (await clientWith(tokenFor(userC))).channel(sharedTopic, {
			config: { private: true, presence: { key: 'c' } }
		});
		shared.on('presence', { event: 'sync' }, () => {});
		await subscribed(shared);
		expect(await shared.track({ here: true })).toBe('error');
		expect(shared.presenceState()).toEqual({});
	});

	it('drops the channel when a refreshed token no longer grants read access', async () => {
		await db.query(`insert into public.${members} values ($1) on conflict do nothing`, [userC]);
		const client = await clientWith(tokenFor(userC));
		const channel = client.channel(sharedTopic, { config: { private: true } });
		const system: Array<Record<string, unknown>> = [];
		channel.on('system', {}, (message) => system.push(message));
		const received: unknown[] = [];
		channel.on('broadcast', { event: 'still-here' }, ({ payload }) => received.push(payload));
		let closed = false;
		await new Promise<void>((resolve, reject) =>
			channel.subscribe((status, error) => {
				if (status === 'SUBSCRIBED') resolve();
				else if (status === 'CLOSED') closed = true;
				else reject(error);
			})
		);

		// A fresh token while still a member: the channel stays.
		await client.realtime.setAuth(tokenFor(userC, 3000));
		await sleep(300);
		await send(sharedTopic, 'still-here', {});
		await eventually('a message after the first refresh', () =>
			received.length === 1 ? true : undefined
		);
		await db.query(`delete from public.${members} where user_id = $1`, [userC]);
		await client.realtime.setAuth(tokenFor(userC, 3500));
		await eventually('the channel to close', () => (closed ? true : undefined));
		expect(system).toEqual([
			expect.objectContaining({
				extension: 'system',
				status: 'error',
				message: `You do not have permissions to read from this Channel topic: ${sharedTopic}`
			})
		]);
	});
});

describe('database broadcasts', () => {
	it('arrive only after commit, in commit order, and never when rolled back', async () => {
		const topic = ownTopic(userB);
		const channel = (await clientWith(tokenFor(userB))).channel(topic, {
			config: { private: true }
		});
		const received: unknown[] = [];
		channel.on('broadcast', { event: '*' }, ({ event, payload }) =>
			received.push({ event, step: (payload as { step: number }).step })
		);
		await subscribed(channel);

		await db.query('begin');
		await send(topic, 'committed', { step: 1 });
		await sleep(300);
		expect(received).toEqual([]);
		await db.query('commit');

		await db.query('begin');
		await send(topic, 'rolled-back', { step: 2 });
		await db.query('rollback');
		for (let step = 3; step <= 12; step++) await send(topic, 'committed', { step });

		await eventually('all committed messages', () => (received.length >= 11 ? true : undefined));
		expect(received).toEqual(
			[1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((step) => ({ event: 'committed', step }))
		);
	});

	it('carries realtime.broadcast_changes payloads from a trigger', async () => {
		const channel = (await clientWith(tokenFor(userA))).channel(ownTopic(userA), {
			config: { private: true }
		});
		const received: Array<Record<string, unknown>> = [];
		channel.on('broadcast', { event: 'note_insert' }, ({ payload }) => received.push(payload));
		await subscribed(channel);

		await db.query(`insert into public.${notes} (owner, title, n) values ($1, 'broadcast me', 7)`, [
			userA
		]);
		const [payload] = await eventually('the change broadcast', () =>
			received.length > 0 ? received : undefined
		);
		expect(payload).toEqual({
			id: expect.any(String),
			operation: 'INSERT',
			schema: 'public',
			table: notes,
			record: expect.objectContaining({ owner: userA, title: 'broadcast me', n: 7 }),
			old_record: null
		});
	});
});

describe('presence', () => {
	it('reports track as a join, untrack and leaving as leaves', async () => {
		const topic = `${topicPrefix}presence-${randomUUID()}`;
		const watcher = (await clientWith()).channel(topic, {
			config: { presence: { key: 'watcher' } }
		});
		const joins: Array<{ key: string; newPresences: unknown[] }> = [];
		const leaves: string[] = [];
		watcher
			.on('presence', { event: 'join' }, ({ key, newPresences }) =>
				joins.push({ key, newPresences })
			)
			.on('presence', { event: 'leave' }, ({ key }) => leaves.push(key));
		await subscribed(watcher);

		const visitorClient = await clientWith();
		const visitor = visitorClient.channel(topic, { config: { presence: { key: 'visitor' } } });
		visitor.on('presence', { event: 'sync' }, () => {});
		await subscribed(visitor);
		expect(await visitor.track({ status: 'online' })).toBe('ok');
		await eventually('the join', () => (joins.length === 1 ? true : undefined));
		expect(joins[0]).toEqual({
			key: 'visitor',
			newPresences: [{ status: 'online', presence_ref: expect.any(String) }]
		});
		expect(watcher.presenceState()).toEqual({
			visitor: [{ status: 'online', presence_ref: expect.any(String) }]
		});

		expect(await visitor.untrack()).toBe('ok');
		await eventually('the leave', () => (leaves.length === 1 ? true : undefined));
		expect(watcher.presenceState()).toEqual({});

		await visitor.track({ status: 'back' });
		await eventually('the second join', () => (joins.length === 2 ? true : undefined));
		await visitorClient.removeChannel(visitor);
		await eventually('the leave on unsubscribe', () => (leaves.length === 2 ? true : undefined));
		expect(leaves).toEqual(['visitor', 'visitor']);
		expect(watcher.presenceState()).toEqual({});
	});
});

describe('postgres_changes', () => {
	interface Change {
		eventType: string;
		new: Record<string, unknown>;
		old: Record<string, unknown>;
		table: string;
		schema: string;
		commit_timestamp: string;
		errors: unknown;
	}
	const insertNote = async (values: {
		owner: string;
		shared?: boolean;
		title?: string;
		n?: number;
	}) =>
		(
			await db.query<{ id: string }>(
				`insert into public.${notes} (owner, shared, title, n) values ($1, $2, $3, $4) returning id`,
				[values.owner, values.shared ?? false, values.title ?? null, values.n ?? null]
			)
		).rows[0].id;

	/** A channel of `userId` with one collected binding per entry of `bindings`. */
	async function listen(
		userId: string,
		bindings: Array<{ event: '*' | 'INSERT' | 'UPDATE' | 'DELETE'; filter?: string }>
	) {
		const channel = (await clientWith(tokenFor(userId))).channel(
			`${topicPrefix}changes-${randomUUID()}`
		);
		const received = bindings.map(() => [] as Change[]);
		const system: Array<Record<string, unknown>> = [];
		bindings.forEach((binding, i) =>
			channel.on(
				'postgres_changes',
				{ event: binding.event as '*', schema: 'public', table: notes, filter: binding.filter },
				(change) => received[i].push(change as unknown as Change)
			)
		);
		channel.on('system', {}, (message) => system.push(message));
		await subscribed(channel);
		await eventually('the subscription', () => (system.length > 0 ? true : undefined));
		expect(system[0]).toMatchObject({ extension: 'postgres_changes', status: 'ok' });
		return received;
	}

	it('delivers INSERT, UPDATE and DELETE with typed records to matching bindings', async () => {
		const [all, inserts, updates, deletes] = await listen(userA, [
			{ event: '*' },
			{ event: 'INSERT' },
			{ event: 'UPDATE' },
			{ event: 'DELETE' }
		]);
		// Each step waits for its change: like upstream, visibility is checked against the row as it
		// is when the change is processed, so a row deleted right away would hide its INSERT.
		const id = await insertNote({ owner: userA, title: 'first', n: 1 });
		await eventually('the INSERT', () => (all.length === 1 ? true : undefined));
		await db.query(
			`update public.${notes} set title = 'second', details = '{"a":[1]}' where id = $1`,
			[id]
		);
		await eventually('the UPDATE', () => (all.length === 2 ? true : undefined));
		await db.query(`delete from public.${notes} where id = $1`, [id]);
		await eventually('the DELETE', () => (all.length === 3 ? true : undefined));

		expect(all.map((change) => change.eventType)).toEqual(['INSERT', 'UPDATE', 'DELETE']);
		expect(inserts).toEqual([all[0]]);
		expect(updates).toEqual([all[1]]);
		expect(deletes).toEqual([all[2]]);
		const numericId = Number(id);
		expect(all[0]).toMatchObject({
			schema: 'public',
			table: notes,
			errors: null,
			new: { id: numericId, owner: userA, shared: false, title: 'first', n: 1, details: null },
			old: {}
		});
		expect(new Date(all[0].commit_timestamp).getTime()).toBeGreaterThan(Date.now() - 60_000);
		// With the default replica identity the old record of an UPDATE or DELETE is its key.
		expect(all[1]).toMatchObject({
			new: { id: numericId, title: 'second', details: { a: [1] } },
			old: { id: numericId }
		});
		expect(all[2].new).toEqual({});
		expect(all[2].old).toEqual({ id: numericId });
	});

	it('applies eq, neq, lt, lte, gt, gte and in filters', async () => {
		const filters = ['n=eq.3', 'n=neq.3', 'n=lt.3', 'n=lte.3', 'n=gt.3', 'n=gte.3', 'n=in.(1,5)'];
		const received = await listen(
			userA,
			filters.map((filter) => ({ event: 'INSERT', filter }))
		);
		await db.query(
			`insert into public.${notes} (owner, n) select $1, g from generate_series(1, 5) g`,
			[userA]
		);
		// A later change every `gt` binding sees: once it is there, everything before it is too.
		await insertNote({ owner: userA, n: 100 });
		await eventually('the marker', () => (received[4].length === 3 ? true : undefined));
		const values = received.map((changes) =>
			changes.map((change) => change.new.n).filter((n) => n !== 100)
		);
		expect(values).toEqual([[3], [1, 2, 4, 5], [1, 2], [1, 2, 3], [4, 5], [3, 4, 5], [1, 5]]);
	});

	it('reports a table outside the publication as a subscription error', async () => {
		const channel = (await clientWith(tokenFor(userA))).channel(`${topicPrefix}nowhere`);
		const system: Array<Record<string, unknown>> = [];
		channel
			.on('postgres_changes', { event: '*', schema: 'public', table: members }, () => {})
			.on('system', {}, (message) => system.push(message));
		await subscribed(channel);
		await eventually('the system message', () => (system.length > 0 ? true : undefined));
		expect(system[0]).toMatchObject({ extension: 'postgres_changes', status: 'error' });
		expect(String(system[0].message)).toContain('Unable to subscribe to changes');
	});

	it('never shows a subscriber rows their RLS hides, even when an UPDATE hides it', async () => {
		const [ofA] = await listen(userA, [{ event: '*' }]);
		const [ofB] = await listen(userB, [{ event: '*' }]);

		const titles = (changes: Change[]) =>
			changes.map((change) => `${change.eventType} ${change.new.title}`);
		const privateId = await insertNote({ owner: userA, title: 'only A' });
		const sharedId = await insertNote({ owner: userA, shared: true, title: 'for all' });
		await eventually('B to see the shared row', () => (ofB.length === 1 ? true : undefined));
		await db.query(
			`update public.${notes} set shared = false, title = 'now private' where id = $1`,
			[sharedId]
		);
		await db.query(`update public.${notes} set title = 'still private' where id = $1`, [privateId]);
		// A later change B may see: once it arrived, B has had its chance to see the ones before.
		const markerId = await insertNote({ owner: userB, title: 'marker' });
		await eventually('B to see the marker', () =>
			ofB.some((change) => change.new.title === 'marker') ? true : undefined
		);
		await eventually('A to see every change of its rows', () =>
			ofA.length === 4 ? true : undefined
		);
		expect(titles(ofA)).toEqual([
			'INSERT only A',
			'INSERT for all',
			'UPDATE now private',
			'UPDATE still private'
		]);
		expect(titles(ofB)).toEqual(['INSERT for all', 'INSERT marker']);

		// Deletes are not checked against RLS (as upstream): B learns only the key of A's row.
		await db.query(`delete from public.${notes} where id = any($1::bigint[])`, [
			[privateId, markerId]
		]);
		await eventually('B to see both deletes', () =>
			ofB.filter((change) => change.eventType === 'DELETE').length === 2 ? true : undefined
		);
		const deletes = ofB.filter((change) => change.eventType === 'DELETE');
		expect(deletes.map((change) => change.old)).toEqual([
			{ id: Number(privateId) },
			{ id: Number(markerId) }
		]);
	});
});
