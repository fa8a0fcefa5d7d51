/**
 * `npx tsx tests/bench/realtime.bench.ts` (stack running): figures only, never pass/fail.
 * 1. Database broadcasts: from `select realtime.send(...)` (committed) to the callbacks of 10
 *    subscribers, 200 messages, one after another.
 * 2. postgres_changes with RLS: from a committed INSERT to the callbacks of 10 subscribers, each a
 *    different user (so 10 RLS checks per change), 100 rows, one after another.
 */
import {
	createClient,
	type RealtimeChannel,
	type SupabaseClient,
	type SupabaseClientOptions
} from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import ws from 'ws';
import { apiUrl, dbUrl, jwtSecret, keys } from '../../local-supabase/config.ts';
import { signJwt } from '../../local-supabase/jwt.ts';

type Transport = NonNullable<SupabaseClientOptions<'public'>['realtime']>['transport'];
const subscriberCount = 10;
const broadcastCount = 200;
const changeCount = 100;

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const report = (label: string, samples: number[]) => {
	const sorted = [...samples].sort((a, b) => a - b);
	console.log(
		`${label}: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, ` +
			`max ${sorted[sorted.length - 1].toFixed(1)} ms (${samples.length} deliveries)`
	);
};

async function clientFor(userId?: string): Promise<SupabaseClient> {
	const client = createClient(apiUrl, keys.publishable, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: ws as unknown as Transport }
	});
	if (userId) {
		const now = Math.floor(Date.now() / 1000);
		await client.realtime.setAuth(
			signJwt({ sub: userId, role: 'authenticated', iat: now, exp: now + 3600 }, jwtSecret)
		);
	}
	return client;
}

const subscribe = (channel: RealtimeChannel) =>
	new Promise<void>((resolve, reject) =>
		channel.subscribe((status, error) => {
			if (status === 'SUBSCRIBED') resolve();
			else if (status !== 'CLOSED') reject(error ?? new Error(status));
		})
	);

/** Runs `count` rounds of `act`, each until all subscribers reported; returns the latencies. */
async function measure(
	count: number,
	act: (seq: number) => Promise<void>,
	arrivals: Map<number, number[]>
): Promise<number[]> {
	const latencies: number[] = [];
	for (let seq = 0; seq < count; seq++) {
		arrivals.set(seq, []);
		const started = performance.now();
		await act(seq);
		const deadline = Date.now() + 10_000;
		while (arrivals.get(seq)!.length < subscriberCount) {
			if (Date.now() > deadline) throw new Error(`message ${seq} did not reach every subscriber`);
			await new Promise((resolve) => setTimeout(resolve, 1));
		}
		latencies.push(...arrivals.get(seq)!.map((arrived) => arrived - started));
	}
	return latencies;
}

async function benchBroadcasts(db: pg.Client, clients: SupabaseClient[]): Promise<void> {
	const topic = `bench-${randomUUID()}`;
	const arrivals = new Map<number, number[]>();
	await Promise.all(
		clients.map((client) =>
			subscribe(
				client
					.channel(topic)
					.on('broadcast', { event: 'tick' }, ({ payload }) =>
						arrivals.get((payload as { seq: number }).seq)?.push(performance.now())
					)
			)
		)
	);
	const latencies = await measure(
		broadcastCount,
		async (seq) => {
			await db.query(`select realtime.send($1::jsonb, 'tick', $2, false)`, [
				JSON.stringify({ seq }),
				topic
			]);
		},
		arrivals
	);
	report(`database broadcast → ${subscriberCount} subscribers`, latencies);
}

async function benchChanges(db: pg.Client, clients: SupabaseClient[]): Promise<void> {
	const table = `bench_changes_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
	await db.query(`
		create table public.${table} (id bigint generated always as identity primary key,
			seq int not null, owner uuid not null, shared boolean not null default true);
		alter table public.${table} enable row level security;
		grant select on public.${table} to authenticated;
		create policy "bench owner or shared" on public.${table} for select to authenticated
			using (shared or owner = (select auth.uid()));
		alter publication supabase_realtime add table public.${table};`);
	try {
		const arrivals = new Map<number, number[]>();
		await Promise.all(
			clients.map((client) =>
				subscribe(
					client
						.channel(`bench-changes-${randomUUID()}`)
						.on('postgres_changes', { event: 'INSERT', schema: 'public', table }, ({ new: row }) =>
							arrivals.get((row as { seq: number }).seq)?.push(performance.now())
						)
				)
			)
		);
		const owner = randomUUID();
		const latencies = await measure(
			changeCount,
			async (seq) => {
				await db.query(`insert into public.${table} (seq, owner) values ($1, $2)`, [seq, owner]);
			},
			arrivals
		);
		report(`postgres_changes with RLS → ${subscriberCount} subscribers`, latencies);
	} finally {
		await db.query(`drop table public.${table}`);
	}
}

async function main(): Promise<void> {
	const db = new pg.Client({ connectionString: dbUrl });
	await db.connect();
	const anonymous = await Promise.all(Array.from({ length: subscriberCount }, () => clientFor()));
	const users = await Promise.all(
		Array.from({ length: subscriberCount }, () => clientFor(randomUUID()))
	);
	try {
		await benchBroadcasts(db, anonymous);
		await benchChanges(db, users);
	} finally {
		for (const client of [...anonymous, ...users]) await client.removeAllChannels();
		await db.end();
	}
}

await main();
