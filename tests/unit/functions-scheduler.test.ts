/**
 * The scheduler's cron matching (UTC, vixie-cron day rules) and its runs against a real HTTP
 * server standing in for the functions endpoint: the pg_net-style request, no overlap, and a
 * missing function logged without stopping later runs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createScheduler,
	cronMatches,
	parseCron,
	parseSchedules,
	type ScheduledJob
} from '../../local-supabase/scheduler.ts';

const at = (iso: string) => new Date(iso);

describe('parseCron / cronMatches', () => {
	it('fires every minute for * * * * *', () => {
		const everyMinute = parseCron('* * * * *');
		expect(cronMatches(everyMinute, at('2026-01-01T00:00:00Z'))).toBe(true);
		expect(cronMatches(everyMinute, at('2026-07-15T13:37:42Z'))).toBe(true);
	});

	it('steps through minutes with */N, from a start with a-b/N and a/N', () => {
		const everyFive = parseCron('*/5 * * * *');
		expect(cronMatches(everyFive, at('2026-01-01T10:15:00Z'))).toBe(true);
		expect(cronMatches(everyFive, at('2026-01-01T10:16:00Z'))).toBe(false);
		expect([...parseCron('10-30/10 * * * *').minutes]).toEqual([10, 20, 30]);
		expect([...parseCron('50/5 * * * *').minutes]).toEqual([50, 55]);
	});

	it('reads lists and ranges and matches hours in UTC', () => {
		const officeHours = parseCron('0 8-17 * * 1-5');
		expect(cronMatches(officeHours, at('2026-03-02T08:00:00Z'))).toBe(true); // a Monday
		expect(cronMatches(officeHours, at('2026-03-02T18:00:00Z'))).toBe(false);
		expect(cronMatches(officeHours, at('2026-03-01T08:00:00Z'))).toBe(false); // a Sunday
		expect([...parseCron('1,2,40 * * * *').minutes]).toEqual([1, 2, 40]);
	});

	it('treats day of week 7 as Sunday', () => {
		expect(cronMatches(parseCron('0 0 * * 7'), at('2026-03-01T00:00:00Z'))).toBe(true);
	});

	it('matches either day field when both are restricted, both when one is a star', () => {
		const firstOrMonday = parseCron('0 0 1 * 1');
		expect(cronMatches(firstOrMonday, at('2026-03-01T00:00:00Z'))).toBe(true); // 1st, Sunday
		expect(cronMatches(firstOrMonday, at('2026-03-02T00:00:00Z'))).toBe(true); // Monday
		expect(cronMatches(firstOrMonday, at('2026-03-03T00:00:00Z'))).toBe(false);
		const mondaysOnly = parseCron('0 0 * * 1');
		expect(cronMatches(mondaysOnly, at('2026-03-01T00:00:00Z'))).toBe(false);
	});

	it('rejects malformed expressions', () => {
		expect(() => parseCron('* * * *')).toThrow(/needs 5 fields/);
		expect(() => parseCron('60 * * * *')).toThrow(/minute field "60" is outside 0-59/);
		expect(() => parseCron('*/0 * * * *')).toThrow(/outside/);
		expect(() => parseCron('a * * * *')).toThrow(/invalid minute field/);
		expect(() => parseCron('* * 0 * *')).toThrow(/day of month/);
	});
});

describe('parseSchedules', () => {
	it('reads the declarations with an empty JSON body by default', () => {
		const [job] = parseSchedules(
			JSON.stringify({
				schedules: [{ name: 'reminders', schedule: '*/2 * * * *', function: 'send-reminders' }]
			})
		);
		expect(job).toMatchObject({ name: 'reminders', function: 'send-reminders', body: {} });
		expect(cronMatches(job.cron, at('2026-01-01T00:02:00Z'))).toBe(true);
	});

	it('rejects bad cron, bad function names and duplicate names', () => {
		const file = (schedules: unknown[]) => JSON.stringify({ schedules });
		expect(() => parseSchedules(file([{ name: 'a', schedule: '* *', function: 'f' }]))).toThrow(
			/needs 5 fields/
		);
		expect(() =>
			parseSchedules(file([{ name: 'a', schedule: '* * * * *', function: '../f' }]))
		).toThrow(/not a function name/);
		const twice = { name: 'a', schedule: '* * * * *', function: 'f' };
		expect(() => parseSchedules(file([twice, twice]))).toThrow(/declared twice/);
	});
});

describe('createScheduler', () => {
	interface Received {
		path: string;
		authorization?: string;
		contentType?: string;
		body: string;
	}
	const received: Received[] = [];
	/** Responses held back for `/functions/v1/slow`, answered by the test. */
	const heldBack: http.ServerResponse[] = [];
	let server: http.Server;
	let functionsUrl: string;

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				received.push({
					path: req.url ?? '',
					authorization: req.headers.authorization,
					contentType: req.headers['content-type'],
					body: Buffer.concat(chunks).toString()
				});
				if (req.url === '/functions/v1/slow') heldBack.push(res);
				else if (req.url === '/functions/v1/fast') res.end('ok');
				else res.writeHead(404).end('Function not found');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		functionsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/functions/v1`;
	});

	afterAll(
		() => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections())
	);

	const job = (name: string, schedule = '* * * * *'): ScheduledJob => ({
		name,
		schedule,
		cron: parseCron(schedule),
		function: name,
		body: { source: 'scheduler-test' }
	});
	const pathsReceived = () => received.map((request) => request.path);

	it('POSTs the JSON body with the bearer token, like net.http_post', async () => {
		received.length = 0;
		const logs: string[] = [];
		const scheduler = createScheduler({
			jobs: [job('fast'), job('never', '0 0 1 1 *')],
			functionsUrl,
			token: 'service-role-jwt',
			log: (line) => logs.push(line)
		});
		await scheduler.runDue(at('2026-05-05T12:34:00Z'));
		expect(received).toEqual([
			{
				path: '/functions/v1/fast',
				authorization: 'Bearer service-role-jwt',
				contentType: 'application/json',
				body: '{"source":"scheduler-test"}'
			}
		]);
		expect(logs).toEqual([
			expect.stringMatching(/^\[scheduler\] fast: POST .* → 200 in \d+ ms \(ok\)$/)
		]);
		await scheduler.stop();
	});

	it('logs a missing function and keeps running later minutes', async () => {
		received.length = 0;
		const logs: string[] = [];
		const scheduler = createScheduler({
			jobs: [job('missing')],
			functionsUrl,
			token: 't',
			log: (line) => logs.push(line)
		});
		await scheduler.runDue(at('2026-05-05T12:34:00Z'));
		await scheduler.runDue(at('2026-05-05T12:35:00Z'));
		expect(pathsReceived()).toEqual(['/functions/v1/missing', '/functions/v1/missing']);
		expect(logs).toHaveLength(2);
		expect(logs[0]).toMatch(/missing: POST .* → 404 .*\(function not found\)$/);
		await scheduler.stop();
	});

	it('skips a run while the previous run of the same job is still going', async () => {
		received.length = 0;
		const logs: string[] = [];
		const scheduler = createScheduler({
			jobs: [job('slow'), job('fast')],
			functionsUrl,
			token: 't',
			log: (line) => logs.push(line)
		});
		const first = scheduler.runDue(at('2026-05-05T12:34:00Z'));
		await expect.poll(() => heldBack.length).toBe(1);
		await expect.poll(() => logs.some((line) => line.startsWith('[scheduler] fast:'))).toBe(true);

		await scheduler.runDue(at('2026-05-05T12:35:00Z'));
		expect(logs).toContain(
			'[scheduler] slow: the previous run is still going, this one is skipped'
		);
		expect(pathsReceived().filter((path) => path.endsWith('/slow'))).toHaveLength(1);
		expect(pathsReceived().filter((path) => path.endsWith('/fast'))).toHaveLength(2);

		heldBack.shift()?.end('done');
		await first;
		// Once the slow run is over, the job runs again at its next minute.
		const third = scheduler.runDue(at('2026-05-05T12:36:00Z'));
		await expect.poll(() => heldBack.length).toBe(1);
		heldBack.shift()?.end('done');
		await third;
		await scheduler.stop();
		expect(pathsReceived().filter((path) => path.endsWith('/slow'))).toHaveLength(2);
	});
});
