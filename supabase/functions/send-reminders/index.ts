/**
 * Delivers due reminders (design.md §6). Run every minute by the scheduler (pg_cron + pg_net on a
 * hosted project, local-supabase locally) with the service role key; anyone else gets 403.
 *
 * The database does the bookkeeping: `claim_due_reminders` hands each due reminder to exactly one
 * run (parallel runs skip each other's), creates its in-app notification on the first claim and
 * finishes reminders without e-mail at once; this function mails the rest in the recipient's
 * language and reports each outcome with `complete_reminder_delivery` (a failed mail is retried
 * after 1, 5, 15 and 60 minutes, five attempts in all). It claims batches until nothing is due or
 * its time is up and answers `{ claimed, sent, failed }`.
 *
 * Mail settings: SMTP_* (see ../_shared/smtp.ts), APP_URL for the link to the lead, and
 * optionally APP_TIME_ZONE (default Europe/Berlin) for the time in the mail.
 */
import { createClient, type SupabaseClient } from 'npm:@supabase/supabase-js@2.109.0';
import { z } from 'npm:zod@4.6.7';
import { sendMail } from '../_shared/smtp.ts';

const batchSize = 25;
const maxBatches = 40;
// Claims stop after this long, so a run ends well within the platform's wall-clock limit and
// far inside the ten-minute lease the database gives each claimed reminder.
const claimWindowMs = 60_000;

const claimedReminder = z.object({
	reminder_id: z.guid(),
	claim_id: z.guid(),
	attempt: z.number().int(),
	send_email: z.boolean(),
	recipient_email: z.string().nullable(),
	recipient_name: z.string().nullable(),
	recipient_language: z.enum(['de', 'en']).nullable(),
	lead_id: z.guid(),
	lead_visible: z.boolean(),
	lead_name: z.string().nullable(),
	company: z.string().nullable(),
	description: z.string().nullable(),
	remind_at: z.string()
});
type ClaimedReminder = z.infer<typeof claimedReminder>;

interface Outcome {
	claimed: number;
	sent: number;
	failed: number;
}

const reply = (status: number, body: unknown) => Response.json(body, { status });

function env(name: string): string {
	const value = Deno.env.get(name);
	if (!value) throw new Error(`${name} is not set`);
	return value;
}

/** The service role's keys: the legacy JWT and the `sb_secret_…` keys of the project. */
function serviceKeys(): string[] {
	const secretKeys = Object.values(
		z.record(z.string(), z.string()).parse(JSON.parse(Deno.env.get('SUPABASE_SECRET_KEYS') ?? '{}'))
	);
	return [env('SUPABASE_SERVICE_ROLE_KEY'), ...secretKeys];
}

/** Compares in constant time, so the reply's timing says nothing about the key. */
function sameText(a: string, b: string): boolean {
	const left = new TextEncoder().encode(a);
	const right = new TextEncoder().encode(b);
	if (left.length !== right.length) return false;
	let difference = 0;
	for (let index = 0; index < left.length; index++) difference |= left[index] ^ right[index];
	return difference === 0;
}

function isServiceRole(request: Request): boolean {
	const token = request.headers.get('Authorization')?.match(/^Bearer (.+)$/)?.[1];
	return token !== undefined && serviceKeys().some((key) => sameText(token, key));
}

Deno.serve(async (request) => {
	if (request.method !== 'POST') {
		return reply(405, { code: 'method_not_allowed', message: 'POST only' });
	}
	if (!isServiceRole(request)) {
		return reply(403, { code: 'forbidden', message: 'Only the service role runs send-reminders' });
	}
	const database = createClient(env('SUPABASE_URL'), env('SUPABASE_SERVICE_ROLE_KEY'), {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	try {
		const outcome = await deliverDueReminders(database);
		console.log(
			`send-reminders: claimed ${outcome.claimed}, sent ${outcome.sent}, failed ${outcome.failed}`
		);
		return reply(200, outcome);
	} catch (error) {
		console.error('send-reminders failed:', error);
		return reply(500, {
			code: 'delivery_failed',
			message: error instanceof Error ? error.message : String(error)
		});
	}
});

async function deliverDueReminders(database: SupabaseClient): Promise<Outcome> {
	const outcome: Outcome = { claimed: 0, sent: 0, failed: 0 };
	const started = Date.now();
	for (let batch = 0; batch < maxBatches && Date.now() - started < claimWindowMs; batch++) {
		const { data, error } = await database.rpc('claim_due_reminders', { p_limit: batchSize });
		if (error) throw new Error(`claim_due_reminders: ${error.message}`);
		const reminders = z.array(claimedReminder).parse(data);
		outcome.claimed += reminders.length;
		for (const reminder of reminders.filter((claimed) => claimed.send_email)) {
			if (await deliver(database, reminder)) outcome.sent++;
			else outcome.failed++;
		}
		if (reminders.length < batchSize) break;
	}
	return outcome;
}

/** Mails one reminder and records the outcome; true when the mail went out. */
async function deliver(database: SupabaseClient, reminder: ClaimedReminder): Promise<boolean> {
	let failure: string | null = null;
	try {
		await sendMail(reminderMail(reminder));
	} catch (error) {
		failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
		console.error(
			`send-reminders: mail for reminder ${reminder.reminder_id} (attempt ${reminder.attempt}) failed: ${failure}`
		);
	}
	const { data: recorded, error } = await database.rpc('complete_reminder_delivery', {
		p_reminder_id: reminder.reminder_id,
		p_claim_id: reminder.claim_id,
		p_error: failure
	});
	if (error) {
		// The reminder stays leased and is tried again after the lease: a second mail is likelier
		// than a lost one, which is the better way to fail for a reminder.
		console.error(
			`send-reminders: could not record the outcome of reminder ${reminder.reminder_id}: ${error.message}`
		);
	} else if (recorded !== true) {
		console.warn(
			`send-reminders: reminder ${reminder.reminder_id} changed while it was mailed; outcome not recorded`
		);
	}
	return failure === null;
}

const texts = {
	de: {
		subject: (lead: string | null) => (lead ? `Erinnerung: ${lead}` : 'Erinnerung'),
		greeting: (name: string | null) => (name ? `Hallo ${name},` : 'Hallo,'),
		due: (lead: string, when: string) =>
			`deine Erinnerung zum Interessenten ${lead} ist fällig (${when}):`,
		hidden: (when: string) =>
			`eine Erinnerung für dich ist fällig (${when}). Sie betrifft einen Interessenten, den du nicht mehr sehen darfst, daher stehen hier keine Einzelheiten. Wende dich an die Person, die die Erinnerung gesetzt hat, oder an deine Vertriebsleitung.`,
		open: 'Interessent öffnen:',
		locale: 'de-DE'
	},
	en: {
		subject: (lead: string | null) => (lead ? `Reminder: ${lead}` : 'Reminder'),
		greeting: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
		due: (lead: string, when: string) => `your reminder for the lead ${lead} is due (${when}):`,
		hidden: (when: string) =>
			`a reminder for you is due (${when}). It concerns a lead you may no longer see, so no details are included here. Please ask whoever set the reminder, or your sales lead.`,
		open: 'Open the lead:',
		locale: 'en-GB'
	}
};

/**
 * The mail in the recipient's language. A lead the recipient may no longer see is not named: the
 * mail says only that a reminder is due, without lead, company, description or link.
 */
function reminderMail(reminder: ClaimedReminder) {
	const text = texts[reminder.recipient_language ?? 'de'];
	const when = new Intl.DateTimeFormat(text.locale, {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone: Deno.env.get('APP_TIME_ZONE') ?? 'Europe/Berlin',
		timeZoneName: 'short'
	}).format(new Date(reminder.remind_at));
	const greeting = text.greeting(reminder.recipient_name);
	if (!reminder.lead_visible || reminder.lead_name === null) {
		return {
			to: reminder.recipient_email ?? '',
			subject: text.subject(null),
			text: `${greeting}\n\n${text.hidden(when)}\n\nLeadwerk\n`
		};
	}
	const lead = reminder.company
		? `${reminder.lead_name} (${reminder.company})`
		: reminder.lead_name;
	const link = `${env('APP_URL').replace(/\/+$/, '')}/leads/${reminder.lead_id}`;
	return {
		to: reminder.recipient_email ?? '',
		// One header line, whatever the lead's name holds.
		subject: text.subject(reminder.lead_name.replace(/\s+/g, ' ')),
		text: `${greeting}\n\n${text.due(lead, when)}\n\n${reminder.description ?? ''}\n\n${text.open} ${link}\n\nLeadwerk\n`
	};
}
