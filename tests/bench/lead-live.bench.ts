/**
 * Live lead page (issue 6), figures only: Max and Lea have one lead open in two Chromium pages
 * served by the production build (`node build`). From Max pressing "Notiz hinzufügen" to the note
 * being visible in Lea's page, 50 notes one after another; both times are taken inside the pages
 * (Date.now() at the click in Max's page, a MutationObserver in Lea's page), on the same clock.
 * Then the same with 20 more colleagues viewing the lead: supabase-js clients in Node joined to
 * the private channel with presence, signed in as bench staff holding a view-global role. The
 * lead, the staff and the role are removed again at the end.
 *
 * Run: npx tsx tests/bench/lead-live.bench.ts (local stack running; builds the app if needed).
 */
import { randomBytes } from 'node:crypto';
import { chromium, type Browser, type Page } from '@playwright/test';
import {
	createClient,
	type RealtimeChannel,
	type SupabaseClient,
	type SupabaseClientOptions
} from '@supabase/supabase-js';
import pg from 'pg';
import ws from 'ws';
import { apiUrl, dbUrl, jwtSecret, keys } from '../../local-supabase/config.ts';
import { percentile, startAppServer } from './app-server.ts';
import { signJwt } from '../../local-supabase/jwt.ts';

type Transport = NonNullable<SupabaseClientOptions<'public'>['realtime']>['transport'];
const noteCount = 50;
const colleagueCount = 20;
// Beside the e2e server of the same checkout (stacks side by side differ in their offset).
const port = 4181 + Number(process.env.LOCAL_SUPABASE_PORT_OFFSET ?? 0);
const origin = `http://localhost:${port}`;
const marker = `Bench-Live ${randomBytes(4).toString('hex')}`;
const password = 'leadwerk-demo';
const personas = {
	max: { email: 'max@leadwerk.test', name: 'Max Vogel' },
	lea: { email: 'lea@leadwerk.test', name: 'Lea Leitner' }
};

const report = (label: string, samples: number[]) => {
	const sorted = [...samples].sort((a, b) => a - b);
	console.log(
		`  ${label.padEnd(32)} p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, ` +
			`max ${sorted[sorted.length - 1].toFixed(0)} ms (${samples.length} notes)`
	);
};

/** A signed-in page on the lead's notes tab, live (its viewers list shows itself). */
async function openLead(
	browser: Browser,
	persona: { email: string; name: string },
	leadId: string
): Promise<Page> {
	const context = await browser.newContext({ locale: 'de-DE' });
	const page = await context.newPage();
	await page.goto(`${origin}/login`);
	await page.getByLabel('E-Mail').fill(persona.email);
	await page.getByLabel('Passwort').fill(password);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await page.waitForURL((url) => url.pathname !== '/login');
	await page.goto(`${origin}/leads/${leadId}?tab=notes`);
	await page
		.getByRole('list', { name: 'Sehen sich diesen Interessenten gerade an' })
		.getByText(`${persona.name} (du)`)
		.waitFor();
	return page;
}

/** Records in Lea's page when each bench note first shows in the notes list. */
async function watchNotes(page: Page): Promise<void> {
	await page.evaluate(() => {
		const seen: Record<string, number> = {};
		Object.assign(window, { benchSeen: seen });
		new MutationObserver(() => {
			for (const item of document.querySelectorAll('ol[aria-label="Notizen"] > li')) {
				const number = /Bench-Notiz (\d+)/.exec(item.textContent ?? '')?.[1];
				if (number && !(number in seen)) seen[number] = Date.now();
			}
		}).observe(document.body, { childList: true, subtree: true, characterData: true });
	});
}

/** Max writes and saves `count` notes; each from his click to Lea seeing it, in ms. */
async function measureNotes(max: Page, lea: Page, first: number): Promise<number[]> {
	const latencies: number[] = [];
	const body = max.getByLabel('Notiz', { exact: true });
	const submit = max.getByRole('button', { name: 'Notiz hinzufügen' });
	for (let number = first; number < first + noteCount; number++) {
		await body.fill(`Bench-Notiz ${number} ${marker}`);
		const clickedAt = await submit.evaluate((button: HTMLButtonElement) => {
			const at = Date.now();
			button.click();
			return at;
		});
		const seenAt = await lea.waitForFunction(
			(key) => (window as unknown as { benchSeen: Record<string, number> }).benchSeen[key],
			String(number),
			{ timeout: 30_000 }
		);
		latencies.push((await seenAt.jsonValue()) - clickedAt);
		// The form is cleared once the save is through; the next note starts after that.
		await max.waitForFunction(
			() => (document.querySelector('textarea[name="body"]') as HTMLTextAreaElement).value === ''
		);
	}
	return latencies;
}

/** Bench staff with a view-global role, each a realtime subscriber with presence on the lead. */
async function joinColleagues(
	db: pg.Client,
	leadId: string
): Promise<{ roleId: string; staffIds: string[]; clients: SupabaseClient[] }> {
	const { rows: roles } = await db.query<{ id: string }>(
		'insert into public.roles (name) values ($1) returning id',
		[marker]
	);
	const roleId = roles[0].id;
	await db.query(
		`insert into public.role_permissions (role_id, feature, capability)
		values ($1, 'leads', 'view_global') on conflict do nothing`,
		[roleId]
	);
	const { rows: users } = await db.query<{ id: string }>(
		`insert into auth.users (id, aud, role, email, raw_user_meta_data, created_at, updated_at)
		select gen_random_uuid(), 'authenticated', 'authenticated',
			'bench-live-' || g || '-' || $2 || '@leadwerk.test',
			jsonb_build_object('full_name', $1 || ' ' || g), now(), now()
		from generate_series(1, $3::int) g
		returning id`,
		[marker, marker.split(' ')[1], colleagueCount]
	);
	const staffIds = users.map((user) => user.id);
	await db.query('update public.staff set role_id = $1 where id = any($2)', [roleId, staffIds]);
	const now = Math.floor(Date.now() / 1000);
	const clients = await Promise.all(
		staffIds.map(async (staffId, index) => {
			const client = createClient(apiUrl, keys.publishable, {
				auth: { persistSession: false, autoRefreshToken: false },
				realtime: { transport: ws as unknown as Transport }
			});
			await client.realtime.setAuth(
				signJwt({ sub: staffId, role: 'authenticated', iat: now, exp: now + 3600 }, jwtSecret)
			);
			const channel: RealtimeChannel = client.channel(`lead:${leadId}`, {
				config: { private: true, presence: { key: staffId } }
			});
			await new Promise<void>((resolve, reject) =>
				channel.subscribe((status, error) => {
					if (status === 'SUBSCRIBED') resolve();
					else if (status !== 'CLOSED') reject(error ?? new Error(status));
				})
			);
			await channel.track({ name: `${marker} ${index + 1}`, typing: false });
			return client;
		})
	);
	return { roleId, staffIds, clients };
}

const app = await startAppServer(port, origin);
const db = new pg.Client({ connectionString: dbUrl });
await db.connect();
const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
});
let colleagues: Awaited<ReturnType<typeof joinColleagues>> | undefined;
try {
	const { rows } = await db.query<{ id: string }>(
		`insert into public.leads (name, created_by, assigned_to)
		select $1, staff.id, staff.id from public.staff where staff.email = $2
		returning id`,
		[marker, personas.max.email]
	);
	const leadId = rows[0].id;
	const max = await openLead(browser, personas.max, leadId);
	const lea = await openLead(browser, personas.lea, leadId);
	await watchNotes(lea);
	const alone = await measureNotes(max, lea, 1);

	colleagues = await joinColleagues(db, leadId);
	// Lea's page shows everyone once their presence has arrived.
	await lea.waitForFunction(
		(count) =>
			document.querySelectorAll('ul[aria-label="Sehen sich diesen Interessenten gerade an"] > li')
				.length === count,
		colleagueCount + 2,
		{ timeout: 60_000 }
	);
	const crowded = await measureNotes(max, lea, noteCount + 1);

	console.log(
		`lead-live bench: from Max's click on "Notiz hinzufügen" to the note visible in Lea's page (production build, Chromium), ${noteCount} notes each`
	);
	report('Max and Lea viewing', alone);
	report(`+ ${colleagueCount} colleagues with presence`, crowded);
} finally {
	if (colleagues) {
		for (const client of colleagues.clients) await client.removeAllChannels();
	}
	await browser.close();
	await db.query('delete from public.leads where name = $1', [marker]);
	if (colleagues) {
		await db.query('delete from auth.users where id = any($1)', [colleagues.staffIds]);
		await db.query('delete from public.roles where id = $1', [colleagues.roleId]);
	}
	await db.end();
	app.stop();
}
