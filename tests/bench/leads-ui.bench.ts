/**
 * Leads workspace at scale (issue 5, item 7), figures only: with 100,000 extra leads visible to
 * Max, the server time and transferred bytes of the first `/leads` page and of a lead page as
 * rendered by the production build (`node build`), and the JavaScript `/leads` ships (gzip).
 * The leads are inserted with triggers off and removed again at the end.
 *
 * Run: npx tsx tests/bench/leads-ui.bench.ts (local stack running; builds the app if needed).
 */
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import pg from 'pg';
import { dbUrl } from '../../local-supabase/config.ts';
import { percentile, startAppServer } from './app-server.ts';

const leadCount = 100_000;
const runs = 20;
const port = 4180;
const origin = `http://127.0.0.1:${port}`;
const marker = `Bench-UI ${randomBytes(4).toString('hex')}`;
const max = { email: 'max@leadwerk.test', password: 'leadwerk-demo' };

async function seedLeads(db: pg.Client): Promise<string> {
	await db.query('begin');
	await db.query(`set local session_replication_role = replica`);
	const { rows } = await db.query<{ id: string }>(
		`insert into public.leads (name, company, email, value, status_id, created_by, assigned_to,
			last_contact_at)
		select $1 || ' ' || g, 'Firma ' || (g % 5000), 'lead' || g || '@bench.example', (g % 100) * 250,
			(select id from public.lead_statuses order by position limit 1 offset g % 2),
			staff.id, staff.id, now() - (g % 1000) * interval '1 hour'
		from generate_series(1, $2::int) g, public.staff where staff.email = $3
		returning id`,
		[marker, leadCount, max.email]
	);
	await db.query('commit');
	await db.query('analyze public.leads');
	return rows[0].id;
}

async function signInCookies(): Promise<string> {
	const response = await fetch(`${origin}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(max)
	});
	const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
	if (cookies.length === 0) throw new Error(`sign-in failed with HTTP ${response.status}`);
	return cookies.join('; ');
}

async function measurePage(path: string, cookie: string) {
	const times: number[] = [];
	let bytes = 0;
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		const response = await fetch(`${origin}${path}`, { headers: { cookie } });
		const html = await response.text();
		times.push(performance.now() - started);
		if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
		bytes = Buffer.byteLength(html);
	}
	times.sort((a, b) => a - b);
	return { bytes, p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** The scripts a browser loads for the page (Chromium, as in the e2e tests), gzipped. */
async function shippedJavaScriptGzipKb(path: string, cookie: string): Promise<number> {
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
	});
	try {
		const context = await browser.newContext({ extraHTTPHeaders: { cookie } });
		const page = await context.newPage();
		const scripts: Promise<number>[] = [];
		page.on('response', (response) => {
			if (response.request().resourceType() === 'script') {
				scripts.push(response.body().then((body) => gzipSync(body).length));
			}
		});
		await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
		return (await Promise.all(scripts)).reduce((sum, size) => sum + size, 0) / 1024;
	} finally {
		await browser.close();
	}
}

const app = await startAppServer(port, origin);
const db = new pg.Client({ connectionString: dbUrl });
await db.connect();
try {
	const seededStarted = performance.now();
	const leadId = await seedLeads(db);
	const seededIn = (performance.now() - seededStarted) / 1000;
	const cookie = await signInCookies();
	const list = await measurePage('/leads', cookie);
	const leadPage = await measurePage(`/leads/${leadId}`, cookie);
	const javaScript = await shippedJavaScriptGzipKb('/leads', cookie);
	const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
	console.log(
		`leads-ui bench: ${leadCount.toLocaleString('en')} extra leads visible to Max (inserted in ${seededIn.toFixed(1)} s); ${runs} requests each to the production build`
	);
	console.log(
		`  /leads first page   server time p50 ${list.p50.toFixed(1)} ms, p95 ${list.p95.toFixed(1)} ms; HTML ${kb(list.bytes)}`
	);
	console.log(
		`  lead page           server time p50 ${leadPage.p50.toFixed(1)} ms, p95 ${leadPage.p95.toFixed(1)} ms; HTML ${kb(leadPage.bytes)}`
	);
	console.log(`  JavaScript shipped for /leads: ${javaScript.toFixed(1)} KB gzip`);
} finally {
	await db.query('begin');
	await db.query('set local session_replication_role = replica');
	await db.query('delete from public.leads where name like $1', [`${marker} %`]);
	await db.query('commit');
	await db.end();
	app.stop();
}
