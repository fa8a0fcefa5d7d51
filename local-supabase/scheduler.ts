/**
 * Function schedules, run as pg_cron + pg_net run them on Supabase: at each minute that matches a
 * job's cron expression (in UTC, pg_cron's default), POST its body to `/functions/v1/<function>`
 * with the service role JWT. Jobs are declared in `supabase/schedules.json`; the README shows the
 * SQL that creates the same schedule on a hosted project. A job never overlaps itself: a run due
 * while the previous one is still going is skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { apiUrl, keys, paths } from './config.ts';

export interface CronSchedule {
	minutes: Set<number>;
	hours: Set<number>;
	daysOfMonth: Set<number>;
	months: Set<number>;
	/** 0 = Sunday (7 is read as Sunday too). */
	daysOfWeek: Set<number>;
	/** As in (vixie) cron: when both day fields are restricted, either one may match. */
	daysOfMonthRestricted: boolean;
	daysOfWeekRestricted: boolean;
}

const fields = [
	{ label: 'minute', min: 0, max: 59 },
	{ label: 'hour', min: 0, max: 23 },
	{ label: 'day of month', min: 1, max: 31 },
	{ label: 'month', min: 1, max: 12 },
	{ label: 'day of week', min: 0, max: 7 }
] as const;

/** Parses a five-field cron expression: `*`, numbers, ranges `a-b`, steps `/n`, lists `a,b`. */
export function parseCron(expression: string): CronSchedule {
	const parts = expression.trim().split(/\s+/);
	if (parts.length !== fields.length) {
		throw new Error(`cron expression "${expression}" needs 5 fields, has ${parts.length}`);
	}
	const [minutes, hours, daysOfMonth, months, daysOfWeek] = parts.map((part, index) =>
		parseField(part, fields[index])
	);
	if (daysOfWeek.delete(7)) daysOfWeek.add(0);
	return {
		minutes,
		hours,
		daysOfMonth,
		months,
		daysOfWeek,
		daysOfMonthRestricted: !parts[2].startsWith('*'),
		daysOfWeekRestricted: !parts[4].startsWith('*')
	};
}

function parseField(
	text: string,
	{ label, min, max }: { label: string; min: number; max: number }
): Set<number> {
	const values = new Set<number>();
	for (const item of text.split(',')) {
		const match = item.match(/^(?:(\*)|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/);
		if (!match) throw new Error(`invalid ${label} field "${text}"`);
		const [, star, first, last, stepText] = match;
		const from = star ? min : Number(first);
		// `5/15` means from 5 to the end in steps of 15.
		const to = star ? max : last !== undefined ? Number(last) : stepText ? max : from;
		const step = stepText === undefined ? 1 : Number(stepText);
		if (from < min || to > max || from > to || step < 1) {
			throw new Error(`${label} field "${text}" is outside ${min}-${max}`);
		}
		for (let value = from; value <= to; value += step) values.add(value);
	}
	return values;
}

/** Whether the schedule fires in the minute that contains `date` (UTC). */
export function cronMatches(schedule: CronSchedule, date: Date): boolean {
	if (!schedule.minutes.has(date.getUTCMinutes())) return false;
	if (!schedule.hours.has(date.getUTCHours())) return false;
	if (!schedule.months.has(date.getUTCMonth() + 1)) return false;
	const dayOfMonth = schedule.daysOfMonth.has(date.getUTCDate());
	const dayOfWeek = schedule.daysOfWeek.has(date.getUTCDay());
	return schedule.daysOfMonthRestricted && schedule.daysOfWeekRestricted
		? dayOfMonth || dayOfWeek
		: dayOfMonth && dayOfWeek;
}

export interface ScheduledJob {
	name: string;
	schedule: string;
	cron: CronSchedule;
	/** The edge function to call. */
	function: string;
	/** The JSON body, as `net.http_post(body := …)`. */
	body: unknown;
}

const scheduleFile = z.object({
	schedules: z.array(
		z.object({
			name: z.string().min(1),
			schedule: z.string(),
			function: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'is not a function name'),
			body: z.unknown().optional()
		})
	)
});

/** Reads and checks the declarations; a wrong file stops the stack like a wrong config.toml. */
export function parseSchedules(json: string): ScheduledJob[] {
	const { schedules } = scheduleFile.parse(JSON.parse(json));
	const names = new Set<string>();
	return schedules.map((entry) => {
		if (names.has(entry.name)) throw new Error(`schedule "${entry.name}" is declared twice`);
		names.add(entry.name);
		return { ...entry, cron: parseCron(entry.schedule), body: entry.body ?? {} };
	});
}

export interface SchedulerOptions {
	jobs: ScheduledJob[];
	/** Base URL of the functions, e.g. `http://127.0.0.1:54321/functions/v1`. */
	functionsUrl: string;
	/** The bearer token pg_net would send (the service role JWT from Vault). */
	token: string;
	log(message: string): void;
	/** How long a run may take before it is abandoned (the gateway's limit, like Kong's). */
	timeoutMs?: number;
}

export interface Scheduler {
	/** Starts the runs due in the minute of `date`; resolves when those runs have finished. */
	runDue(date: Date): Promise<void>;
	stop(): Promise<void>;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
	const { jobs, functionsUrl, token, log, timeoutMs = 150_000 } = options;
	const running = new Map<string, Promise<void>>();
	const stopping = new AbortController();

	async function run(job: ScheduledJob): Promise<void> {
		const started = Date.now();
		const target = `${functionsUrl}/${job.function}`;
		try {
			const response = await fetch(target, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
				body: JSON.stringify(job.body),
				signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(timeoutMs)])
			});
			const text = await response.text();
			const outcome =
				response.status === 404
					? 'function not found'
					: response.ok
						? 'ok'
						: `failed: ${text.slice(0, 300)}`;
			log(
				`[scheduler] ${job.name}: POST ${target} → ${response.status} in ${Date.now() - started} ms (${outcome})`
			);
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			log(
				`[scheduler] ${job.name}: POST ${target} failed after ${Date.now() - started} ms: ${reason}`
			);
		}
	}

	return {
		async runDue(date) {
			const runs: Promise<void>[] = [];
			for (const job of jobs) {
				if (stopping.signal.aborted || !cronMatches(job.cron, date)) continue;
				if (running.has(job.name)) {
					log(`[scheduler] ${job.name}: the previous run is still going, this one is skipped`);
					continue;
				}
				const current = run(job).finally(() => running.delete(job.name));
				running.set(job.name, current);
				runs.push(current);
			}
			await Promise.all(runs);
		},
		async stop() {
			stopping.abort();
			await Promise.all(running.values());
		}
	};
}

const minuteMs = 60_000;

/** Runs `supabase/schedules.json` against the local gateway until stopped. */
export function startScheduler(log: (message: string) => void): { stop(): Promise<void> } {
	// schedules.json sits beside config.toml in the project's `supabase/` folder.
	const file = path.join(path.dirname(paths.functions), 'schedules.json');
	const jobs = existsSync(file) ? parseSchedules(readFileSync(file, 'utf8')) : [];
	const scheduler = createScheduler({
		jobs,
		functionsUrl: `${apiUrl}/functions/v1`,
		token: keys.serviceRole,
		log
	});
	log(
		jobs.length === 0
			? `[scheduler] no schedules (${file})`
			: `[scheduler] ${jobs.map((job) => `${job.name} "${job.schedule}"`).join(', ')}`
	);
	let timer: NodeJS.Timeout | undefined;
	let lastMinute = Math.floor(Date.now() / minuteMs);
	const tick = () => {
		// Timers may fire a little early or late; the minute they were meant for is the nearest.
		const minute = Math.round(Date.now() / minuteMs);
		if (minute > lastMinute) {
			lastMinute = minute;
			void scheduler.runDue(new Date(minute * minuteMs));
		}
		timer = setTimeout(tick, minuteMs - (Date.now() % minuteMs));
	};
	if (jobs.length > 0) timer = setTimeout(tick, minuteMs - (Date.now() % minuteMs));
	return {
		async stop() {
			clearTimeout(timer);
			await scheduler.stop();
		}
	};
}
