/**
 * Leads data layer at scale (issue 4): in a scratch database built from the migrations, with
 * 100,000 leads, 1,000,000 notes, 300,000 activity entries and 50 staff, the EXPLAIN (ANALYZE)
 * time (planning + execution) of
 *   (a) the lead list: 50 rows of one status, sorted by last contact, and
 *   (b) a lead page: the lead, its latest 50 notes and its latest 50 activity entries,
 * each run as an administrator, a member with leads.view_global and a plain staff member, under
 * row level security exactly as PostgREST runs it. Prints p50 / p95 and the ratio plain staff /
 * administrator. Figures only, never pass/fail; the scratch database is dropped at the end.
 *
 * Run: npx tsx tests/bench/leads-db.bench.ts (the local stack must be running).
 */
import pg from 'pg';
import { createScratchDatabase } from '../db/scratch-database.ts';

const scale = { staff: 50, leads: 100_000, notesPerLead: 10, activityPerLead: 3 };
const warmup = 20;
const runs = 200;

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Staff 1 is the administrator, 2–6 hold leads.view_global, the rest sell. Leads are spread over
 * creators and assignees at random; one in ten is public; four in five have been contacted.
 * Triggers are off while loading (session_replication_role = replica), so the contact columns
 * and the activity are generated directly.
 */
async function load(client: pg.Client): Promise<void> {
	await client.query(`
		set session_replication_role = replica;

		insert into auth.users (id, email, created_at, updated_at)
		select ('00000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid,
			'bench-' || g || '@leadwerk.test', now(), now()
		from generate_series(1, ${scale.staff}) g;

		insert into public.roles (id, name) values
			('00000000-0000-4000-c000-000000000001', 'Vertriebsleitung'),
			('00000000-0000-4000-c000-000000000002', 'Vertrieb');
		insert into public.role_permissions (role_id, feature, capability) values
			('00000000-0000-4000-c000-000000000001', 'leads', 'view_global'),
			('00000000-0000-4000-c000-000000000001', 'leads', 'add_source'),
			('00000000-0000-4000-c000-000000000002', 'leads', 'add_source');

		insert into public.staff (id, full_name, email, is_admin, role_id)
		select ('00000000-0000-4000-a000-' || lpad(g::text, 12, '0'))::uuid, 'Staff ' || g,
			'bench-' || g || '@leadwerk.test', g = 1,
			case when g = 1 then null
				when g <= 6 then '00000000-0000-4000-c000-000000000001'::uuid
				else '00000000-0000-4000-c000-000000000002'::uuid end
		from generate_series(1, ${scale.staff}) g;

		insert into public.lead_sources (name) values ('Webseite'), ('Empfehlung'), ('Messe'),
			('Google'), ('LinkedIn');

		create temporary table bench_pick as
		select array(select id from public.staff order by id) as staff,
			array(select id from public.lead_statuses order by position) as statuses,
			array(select id from public.lead_sources order by name) as sources;

		insert into public.leads (
			name, company, email, phone, city, value, tags, status_id, source_id, created_by,
			assigned_to, assigned_at, is_public, last_contact_at, last_contact_by, created_at,
			status_changed_at, updated_at
		)
		select 'Lead ' || g, 'Firma ' || (g % 9000) || ' GmbH', 'lead' || g || '@firma.example',
			'+49 30 ' || g, (array['Berlin', 'Hamburg', 'München', 'Köln', 'Stuttgart'])[1 + g % 5],
			round((random() * 100000)::numeric, 2), array['tag' || (g % 17)],
			statuses[1 + (g % 3)], sources[1 + (g % 5)],
			staff[1 + floor(random() * ${scale.staff})::int],
			case when random() < 0.9 then staff[1 + floor(random() * ${scale.staff})::int] end,
			now() - interval '30 days', random() < 0.1,
			case when random() < 0.8 then now() - random() * interval '365 days' end,
			staff[1 + floor(random() * ${scale.staff})::int],
			now() - interval '400 days', now() - interval '30 days', now() - interval '1 day'
		from generate_series(1, ${scale.leads}) g, bench_pick;

		insert into public.lead_notes (lead_id, body, contacted, contacted_at, created_by, created_at)
		select leads.id, 'Notiz ' || n || ' zu ' || leads.name, n % 2 = 0,
			case when n % 2 = 0 then leads.created_at + n * interval '1 day' end,
			leads.created_by, leads.created_at + n * interval '1 day'
		from public.leads, generate_series(1, ${scale.notesPerLead}) n;

		insert into public.lead_activity (lead_id, actor_id, action, details, created_at)
		select leads.id, leads.created_by,
			(array['lead.created', 'note.added', 'lead.status_changed'])[n], '{}',
			leads.created_at + n * interval '1 hour'
		from public.leads, generate_series(1, ${scale.activityPerLead}) n;

		set session_replication_role = origin;
	`);
	// VACUUM cannot run inside the implicit transaction of a multi-statement query.
	await client.query('vacuum analyze');
}

interface Persona {
	name: string;
	id: string;
}

/** EXPLAIN (ANALYZE) of `text` as the persona, in a transaction set up like PostgREST's. */
async function explainAs(
	client: pg.Client,
	persona: Persona,
	text: string,
	values: unknown[]
): Promise<number> {
	await client.query('begin isolation level read committed read only');
	try {
		await client.query(
			"select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
			[JSON.stringify({ sub: persona.id, role: 'authenticated' })]
		);
		const { rows } = await client.query<{ 'QUERY PLAN': [Record<string, number>] }>(
			`explain (analyze, format json) ${text}`,
			values
		);
		const [plan] = rows[0]['QUERY PLAN'];
		return plan['Planning Time'] + plan['Execution Time'];
	} finally {
		await client.query('rollback');
	}
}

const listQuery = `select id, name, company, email, phone, status_id, assigned_to, is_public,
	last_contact_at, value, tags
	from public.leads where status_id = $1
	order by last_contact_at desc nulls last limit 50`;

const pageQueries = [
	'select * from public.leads where id = $1',
	'select * from public.lead_notes where lead_id = $1 order by created_at desc limit 50',
	'select * from public.lead_activity where lead_id = $1 order by created_at desc limit 50'
];

async function measure(
	client: pg.Client,
	persona: Persona,
	inputs: string[],
	queries: string[]
): Promise<number[]> {
	const timings: number[] = [];
	for (let i = 0; i < warmup + runs; i++) {
		const input = inputs[i % inputs.length];
		let total = 0;
		for (const query of queries) total += await explainAs(client, persona, query, [input]);
		if (i >= warmup) timings.push(total);
	}
	return timings.sort((a, b) => a - b);
}

async function main() {
	const started = performance.now();
	const scratch = await createScratchDatabase('leadwerk_bench');
	const client = new pg.Client({ connectionString: scratch.url });
	try {
		await client.connect();
		await load(client);
		const loadSeconds = (performance.now() - started) / 1000;

		const staffId = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;
		const personas: Persona[] = [
			{ name: 'administrator', id: staffId(1) },
			{ name: 'view-global member', id: staffId(2) },
			{ name: 'plain staff member', id: staffId(7) }
		];
		const { rows: statuses } = await client.query<{ id: string }>(
			'select id from public.lead_statuses order by position'
		);
		// Lead pages of leads the plain member may open (assigned to them), for every persona.
		const { rows: pages } = await client.query<{ id: string }>(
			'select id from public.leads where assigned_to = $1 order by id limit 50',
			[staffId(7)]
		);
		const { rows: visible } = await client.query<{ share: number }>(
			`select round(100.0 * count(*) filter (
				where is_public or assigned_to = $1 or created_by = $1) / count(*), 1)::float as share
			from public.leads`,
			[staffId(7)]
		);

		console.log(
			`leads-db bench: ${scale.leads.toLocaleString('en')} leads, ` +
				`${(scale.leads * scale.notesPerLead).toLocaleString('en')} notes, ` +
				`${(scale.leads * scale.activityPerLead).toLocaleString('en')} activity entries, ` +
				`${scale.staff} staff (loaded in ${loadSeconds.toFixed(0)} s); the plain member may ` +
				`see ${visible[0].share} % of the leads. ${runs} runs each, EXPLAIN (ANALYZE) ` +
				'planning + execution time.'
		);
		const benches = [
			{
				name: '(a) lead list: 50 of one status by last contact',
				inputs: statuses.map((s) => s.id),
				queries: [listQuery]
			},
			{
				name: '(b) lead page: lead + 50 notes + 50 activity',
				inputs: pages.map((p) => p.id),
				queries: pageQueries
			}
		];
		for (const bench of benches) {
			console.log(`\n${bench.name}`);
			const p95ByPersona: number[] = [];
			const p50ByPersona: number[] = [];
			for (const persona of personas) {
				const timings = await measure(client, persona, bench.inputs, bench.queries);
				const [p50, p95] = [percentile(timings, 50), percentile(timings, 95)];
				p50ByPersona.push(p50);
				p95ByPersona.push(p95);
				console.log(
					`  ${persona.name.padEnd(20)} p50 ${p50.toFixed(2).padStart(6)} ms   p95 ${p95.toFixed(2).padStart(6)} ms`
				);
			}
			const ratio = (values: number[]) => (values[2] / values[0]).toFixed(2);
			console.log(
				`  ratio plain staff / administrator: p50 ${ratio(p50ByPersona)}, p95 ${ratio(p95ByPersona)}` +
					'   (target: p95 ≤ 20 ms, ratio ≤ 1.5)'
			);
		}
	} finally {
		await client.end().catch(() => {});
		await scratch.drop();
	}
}

await main();
