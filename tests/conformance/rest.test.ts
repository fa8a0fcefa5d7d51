/**
 * The Data API (PostgREST, supabase-protocols.md §2) as unmodified supabase-js sees it: embeds,
 * filters, paging, counts, writes, functions, errors, and row level security deciding per caller.
 * The suite creates its own uniquely named tables and functions (as postgres, so the API only
 * learns about them through its schema cache reload) and drops them afterwards.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { realtimeTransport } from './transport.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../../local-supabase/jwt.ts';
import { env } from './env.ts';

const suffix = randomBytes(4).toString('hex');
const name = (base: string) => `rest_${base}_${suffix}`;
const authors = name('authors');
const books = name('books');
const tags = name('tags');
const bookTags = name('book_tags');
const notes = name('notes');
const addFn = name('add');
const booksByFn = name('books_by');
const touchFn = name('touch');
const failFn = name('fail');
const whoamiFn = name('whoami');
const dropBox = name('drop_box');

const options = (headers: Record<string, string> = {}) => ({
	auth: { persistSession: false, autoRefreshToken: false },
	realtime: { transport: realtimeTransport },
	global: { headers }
});
/** Select lists built from the generated table names; typed `string` so no typed parse runs. */
const columns = (text: string): string => text;
const publicClient = createClient(env.url, env.publishableKey, options());
const serviceClient = createClient(env.url, env.secretKey, options());

function tokenFor(sub: string, extra: Record<string, unknown> = {}): string {
	const now = Math.floor(Date.now() / 1000);
	return signJwt(
		{ sub, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + 600, ...extra },
		env.jwtSecret
	);
}

function clientWithToken(token: string): SupabaseClient {
	return createClient(env.url, env.publishableKey, options({ Authorization: `Bearer ${token}` }));
}

const userA = randomUUID();
const userB = randomUUID();
const clientA = clientWithToken(tokenFor(userA));
const clientB = clientWithToken(tokenFor(userB));

let db: pg.Client;
let ids: { ann: number; bob: number; cy: number; a1: number; a2: number; b1: number };

const schemaSql = `
create table ${authors} (id serial primary key, name text not null, born date, meta jsonb not null default '{}');
create table ${books} (
	id serial primary key,
	title text not null,
	author_id int not null references ${authors}(id),
	editor_id int references ${authors}(id),
	pages int,
	labels text[] not null default '{}'
);
create table ${tags} (id serial primary key, name text not null unique);
create table ${bookTags} (
	book_id int references ${books}(id) on delete cascade,
	tag_id int references ${tags}(id) on delete cascade,
	primary key (book_id, tag_id)
);
create table ${notes} (
	id uuid primary key default gen_random_uuid(),
	owner uuid not null default auth.uid(),
	body text not null
);
alter table ${notes} enable row level security;
create policy owner_select on ${notes} for select using (owner = auth.uid());
create policy owner_insert on ${notes} for insert with check (owner = auth.uid());
create policy owner_update on ${notes} for update using (owner = auth.uid());
create policy owner_delete on ${notes} for delete using (owner = auth.uid());
create function ${addFn}(a int, b int) returns int language sql immutable as $$ select a + b $$;
create function ${booksByFn}(author int) returns setof ${books} language sql stable
	as $$ select * from ${books} where author_id = author $$;
create function ${touchFn}(note_body text) returns void language sql
	as $$ insert into ${notes} (body) values (note_body) $$;
create table ${dropBox} (id serial primary key, body text not null);
alter table ${dropBox} enable row level security;
create policy insert_only on ${dropBox} for insert to authenticated with check (true);
create function ${whoamiFn}() returns json language sql stable as $$
	select json_build_object(
		'uid', auth.uid(),
		'role', current_user,
		'claims_role', auth.jwt()->>'role',
		'method', current_setting('request.method', true),
		'path', current_setting('request.path', true),
		'header', current_setting('request.headers', true)::json->>'x-conformance',
		'read_only', current_setting('transaction_read_only')
	)
$$;
create function ${failFn}() returns void language plpgsql as $$
begin
	raise exception 'lead is locked' using errcode = 'P0001', detail = 'locked by someone', hint = 'try later';
end $$;
`;

/** Polls until the API serves `probe` without "not in the schema cache" (PGRST205/PGRST202). */
async function waitForSchemaCache(probe: () => PromiseLike<{ error: { code?: string } | null }>) {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const { error } = await probe();
		if (!error || !['PGRST205', 'PGRST202'].includes(error.code ?? '')) return error;
		if (Date.now() > deadline)
			throw new Error(`schema cache never caught up: ${JSON.stringify(error)}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

beforeAll(async () => {
	db = new pg.Client({ connectionString: env.dbUrl });
	await db.connect();
	await db.query(schemaSql);
	const people = await db.query<{ id: number; name: string }>(
		`insert into ${authors} (name, born, meta) values
			('Ann', '1970-01-01', '{"city":"Berlin"}'), ('Bob', null, '{"city":"Paris"}'), ('Cy, "the" (3rd)', '1990-05-05', '{}')
		returning id, name`
	);
	const [ann, bob, cy] = people.rows.map((row) => row.id);
	const written = await db.query<{ id: number }>(
		`insert into ${books} (title, author_id, editor_id, pages, labels) values
			('A1', $1, $2, 100, '{x,y}'), ('A2', $1, null, 200, '{y}'), ('B1', $2, $1, 300, '{}')
		returning id`,
		[ann, bob]
	);
	const [a1, a2, b1] = written.rows.map((row) => row.id);
	ids = { ann, bob, cy, a1, a2, b1 };
	const tagRows = await db.query<{ id: number }>(
		`insert into ${tags} (name) values ('fiction'), ('classic') returning id`
	);
	await db.query(`insert into ${bookTags} values ($1, $3), ($1, $4), ($2, $3)`, [
		a1,
		a2,
		tagRows.rows[0].id,
		tagRows.rows[1].id
	]);
	// The API learns about the new objects without a restart.
	await waitForSchemaCache(() => serviceClient.from(bookTags).select('book_id').limit(1));
	await waitForSchemaCache(() => serviceClient.rpc(failFn));
});

afterAll(async () => {
	await db?.query(
		`drop function if exists ${addFn}, ${booksByFn}, ${touchFn}, ${failFn}, ${whoamiFn};
		drop table if exists ${bookTags}, ${notes}, ${dropBox}, ${books}, ${tags}, ${authors} cascade;`
	);
	await db?.end();
});

describe('reading with embeds', () => {
	it('embeds to-one as an object and to-many as an array, with aliases', async () => {
		const { data, error, status } = await serviceClient
			.from(books)
			.select(
				columns(`title, author:${authors}!author_id(name), editor:${authors}!editor_id(name)`)
			)
			.order('title');
		expect(error).toBeNull();
		expect(status).toBe(200);
		expect(data).toEqual([
			{ title: 'A1', author: { name: 'Ann' }, editor: { name: 'Bob' } },
			{ title: 'A2', author: { name: 'Ann' }, editor: null },
			{ title: 'B1', author: { name: 'Bob' }, editor: { name: 'Ann' } }
		]);
	});

	it('embeds to-many with child filters, order and limit that leave the parents alone', async () => {
		const { data, error } = await serviceClient
			.from(authors)
			.select(columns(`name, ${books}!author_id(title)`))
			.order('id')
			.order('title', { referencedTable: books, ascending: false })
			.limit(1, { referencedTable: books });
		expect(error).toBeNull();
		expect(data).toEqual([
			{ name: 'Ann', [books]: [{ title: 'A2' }] },
			{ name: 'Bob', [books]: [{ title: 'B1' }] },
			{ name: 'Cy, "the" (3rd)', [books]: [] }
		]);
	});

	it('filters parents with !inner and nests embeds through a junction table', async () => {
		const { data, error } = await serviceClient
			.from(authors)
			.select(columns(`name, ${books}!author_id!inner(title, ${tags}(name))`))
			.eq(`${books}.title`, 'A1');
		expect(error).toBeNull();
		const rows = data as unknown as Record<string, unknown>[];
		expect(rows).toHaveLength(1);
		expect(rows[0].name).toBe('Ann');
		const [book] = rows[0][books] as Record<string, unknown>[];
		expect(book.title).toBe('A1');
		expect((book[tags] as { name: string }[]).map((tag) => tag.name).sort()).toEqual([
			'classic',
			'fiction'
		]);
	});

	it('spreads a to-one embed into the parent object', async () => {
		const { data, error } = await serviceClient
			.from(books)
			.select(columns(`title, ...${authors}!author_id(author_name:name)`))
			.eq('id', ids.b1)
			.single();
		expect(error).toBeNull();
		expect(data).toEqual({ title: 'B1', author_name: 'Bob' });
	});

	it('reports an ambiguous embed (300 PGRST201) and a missing relationship (400 PGRST200)', async () => {
		const ambiguous = await serviceClient.from(authors).select(columns(`name, ${books}(title)`));
		expect(ambiguous.status).toBe(300);
		expect(ambiguous.error?.code).toBe('PGRST201');
		const missing = await serviceClient.from(tags).select(columns(`name, ${authors}(name)`));
		expect(missing.status).toBe(400);
		expect(missing.error?.code).toBe('PGRST200');
	});
});

describe('filters, order and paging', () => {
	it('combines or, ilike, in (with quoted values), is and not', async () => {
		const or = await serviceClient
			.from(authors)
			.select('name')
			.or('name.eq.Bob,born.gt.1980-01-01')
			.order('name');
		expect(or.data).toEqual([{ name: 'Bob' }, { name: 'Cy, "the" (3rd)' }]);
		const ilike = await serviceClient.from(authors).select('name').ilike('name', '*O*');
		expect(ilike.data).toEqual([{ name: 'Bob' }]);
		const inList = await serviceClient
			.from(authors)
			.select('id')
			.in('name', ['Cy, "the" (3rd)', 'Ann'])
			.order('id');
		expect(inList.data).toEqual([{ id: ids.ann }, { id: ids.cy }]);
		const isNull = await serviceClient.from(authors).select('name').is('born', null);
		expect(isNull.data).toEqual([{ name: 'Bob' }]);
		const notNull = await serviceClient
			.from(authors)
			.select('name')
			.not('born', 'is', null)
			.order('name', { ascending: false });
		expect(notNull.data).toEqual([{ name: 'Cy, "the" (3rd)' }, { name: 'Ann' }]);
	});

	it('filters on JSON paths and array containment', async () => {
		const json = await serviceClient
			.from(authors)
			.select('name, city:meta->>city')
			.eq('meta->>city', 'Paris');
		expect(json.data).toEqual([{ name: 'Bob', city: 'Paris' }]);
		const contains = await serviceClient
			.from(books)
			.select('title')
			.contains('labels', ['y'])
			.order('title');
		expect(contains.data).toEqual([{ title: 'A1' }, { title: 'A2' }]);
		const overlaps = await serviceClient.from(books).select('title').overlaps('labels', ['x', 'z']);
		expect(overlaps.data).toEqual([{ title: 'A1' }]);
	});

	it('treats hostile filter values and names as data, never as SQL', async () => {
		const value = await serviceClient
			.from(authors)
			.select('name')
			.eq('name', `x'; drop table ${authors}; --`);
		expect(value.error).toBeNull();
		expect(value.data).toEqual([]);
		const column = await serviceClient
			.from(authors)
			.select('name')
			.eq(`name; drop table ${authors}; --`, 'x');
		expect(column.status).toBe(400);
		expect(column.error?.code).toBe('42703');
		const quoted = await serviceClient
			.from(authors)
			.select(columns(`name, "x"; drop table ${authors}; --`));
		expect(quoted.status).toBe(400);
		const still = await serviceClient.from(authors).select('id', { count: 'exact', head: true });
		expect(still.count).toBe(3);
	});

	it('counts exactly, also with head, and pages with range (206 + count)', async () => {
		const head = await serviceClient.from(books).select('*', { count: 'exact', head: true });
		expect(head.status).toBe(200);
		expect(head.count).toBe(3);
		expect(head.data).toBeNull();
		const page = await serviceClient
			.from(books)
			.select('title', { count: 'exact' })
			.order('title')
			.range(1, 1);
		expect(page.status).toBe(206);
		expect(page.count).toBe(3);
		expect(page.data).toEqual([{ title: 'A2' }]);
		const pastEnd = await serviceClient
			.from(books)
			.select('title', { count: 'exact' })
			.range(10, 11);
		expect(pastEnd.status).toBe(416);
		expect(pastEnd.error?.code).toBe('PGRST103');
	});

	it('answers single() with one object, or 406 PGRST116; maybeSingle() allows none', async () => {
		const one = await serviceClient.from(books).select('title').eq('id', ids.a1).single();
		expect(one.data).toEqual({ title: 'A1' });
		const many = await serviceClient.from(books).select('title').single();
		expect(many.status).toBe(406);
		expect(many.error?.code).toBe('PGRST116');
		expect(many.error?.details).toBe('The result contains 3 rows');
		const none = await serviceClient.from(books).select('title').eq('id', -1).single();
		expect(none.status).toBe(406);
		expect(none.error?.details).toBe('The result contains 0 rows');
		const maybe = await serviceClient.from(books).select('title').eq('id', -1).maybeSingle();
		expect(maybe.error).toBeNull();
		expect(maybe.data).toBeNull();
	});
});

describe('writes', () => {
	it('inserts without select (201, no body) and with select (the rows)', async () => {
		const plain = await serviceClient.from(tags).insert({ name: `plain-${suffix}` });
		expect(plain.status).toBe(201);
		expect(plain.data).toBeNull();
		const withRows = await serviceClient
			.from(tags)
			.insert([{ name: `bulk1-${suffix}` }, { name: `bulk2-${suffix}` }])
			.select('name');
		expect(withRows.status).toBe(201);
		expect(withRows.data).toEqual([{ name: `bulk1-${suffix}` }, { name: `bulk2-${suffix}` }]);
	});

	it('rejects a duplicate with 409 23505 and an unknown column with 400 PGRST204', async () => {
		const duplicate = await serviceClient.from(tags).insert({ name: 'fiction' });
		expect(duplicate.status).toBe(409);
		expect(duplicate.error?.code).toBe('23505');
		const unknown = await serviceClient.from(tags).insert({ name: 'x', colour: 'red' });
		expect(unknown.status).toBe(400);
		expect(unknown.error?.code).toBe('PGRST204');
	});

	it('upserts on a conflict column, merging or ignoring duplicates', async () => {
		const merged = await serviceClient
			.from(tags)
			.upsert({ name: 'fiction' }, { onConflict: 'name' })
			.select('name');
		expect(merged.error).toBeNull();
		expect(merged.data).toEqual([{ name: 'fiction' }]);
		const ignored = await serviceClient
			.from(tags)
			.upsert({ name: 'fiction' }, { onConflict: 'name', ignoreDuplicates: true })
			.select('name');
		expect(ignored.error).toBeNull();
		expect(ignored.data).toEqual([]);
	});

	it('updates and deletes with and without select (204 vs 200) and counts affected rows', async () => {
		await serviceClient.from(tags).insert({ name: `temp-${suffix}` });
		const updated = await serviceClient
			.from(tags)
			.update({ name: `temp2-${suffix}` }, { count: 'exact' })
			.eq('name', `temp-${suffix}`);
		expect(updated.status).toBe(204);
		expect(updated.count).toBe(1);
		const represented = await serviceClient
			.from(tags)
			.update({ name: `temp3-${suffix}` })
			.eq('name', `temp2-${suffix}`)
			.select('name');
		expect(represented.status).toBe(200);
		expect(represented.data).toEqual([{ name: `temp3-${suffix}` }]);
		const deleted = await serviceClient
			.from(tags)
			.delete()
			.eq('name', `temp3-${suffix}`)
			.select('name');
		expect(deleted.status).toBe(200);
		expect(deleted.data).toEqual([{ name: `temp3-${suffix}` }]);
		const nothing = await serviceClient
			.from(tags)
			.delete({ count: 'exact' })
			.eq('name', `temp3-${suffix}`);
		expect(nothing.status).toBe(204);
		expect(nothing.count).toBe(0);
	});

	it('rolls a singular mutation back when it touches more than one row', async () => {
		const result = await serviceClient
			.from(books)
			.update({ pages: 1 })
			.gt('id', 0)
			.select()
			.single();
		expect(result.status).toBe(406);
		const { data } = await serviceClient.from(books).select('pages').order('id');
		expect(data).toEqual([{ pages: 100 }, { pages: 200 }, { pages: 300 }]);
	});

	it('serves a column added while running', async () => {
		await db.query(`alter table ${tags} add column colour text`);
		const deadline = Date.now() + 20_000;
		let result = await serviceClient
			.from(tags)
			.insert({ name: `coloured-${suffix}`, colour: 'red' })
			.select('colour');
		while (result.error?.code === 'PGRST204' && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 200));
			result = await serviceClient
				.from(tags)
				.insert({ name: `coloured-${suffix}`, colour: 'red' })
				.select('colour');
		}
		expect(result.error).toBeNull();
		expect(result.data).toEqual([{ colour: 'red' }]);
	});
});

describe('functions (rpc)', () => {
	it('returns a scalar, by POST and by GET', async () => {
		const posted = await serviceClient.rpc(addFn, { a: 2, b: 3 });
		expect(posted.error).toBeNull();
		expect(posted.data).toBe(5);
		const viaGet = await serviceClient.rpc(addFn, { a: 4, b: 5 }, { get: true });
		expect(viaGet.data).toBe(9);
	});

	it('returns a set that filters, order and limit apply to', async () => {
		const { data, error } = await serviceClient
			.rpc(booksByFn, { author: ids.ann })
			.select('title')
			.neq('title', 'nope')
			.order('title', { ascending: false })
			.limit(1);
		expect(error).toBeNull();
		expect(data).toEqual([{ title: 'A2' }]);
		const counted = await serviceClient.rpc(
			booksByFn,
			{ author: ids.ann },
			{ head: true, count: 'exact' }
		);
		expect(counted.count).toBe(2);
	});

	it('answers a void function with 204 and runs it as the caller', async () => {
		const { status, data, error } = await clientA.rpc(touchFn, { note_body: `via rpc ${suffix}` });
		expect(error).toBeNull();
		expect(status).toBe(204);
		expect(data).toBeNull();
		const own = await clientA.from(notes).select('body, owner').eq('body', `via rpc ${suffix}`);
		expect(own.data).toEqual([{ body: `via rpc ${suffix}`, owner: userA }]);
	});

	it('runs as the caller with the request settings, read-only for a stable function', async () => {
		const client = createClient(
			env.url,
			env.publishableKey,
			options({ Authorization: `Bearer ${tokenFor(userA)}`, 'x-conformance': 'yes' })
		);
		const { data, error } = await client.rpc(whoamiFn);
		expect(error).toBeNull();
		expect(data).toEqual({
			uid: userA,
			role: 'authenticated',
			claims_role: 'authenticated',
			method: 'POST',
			path: `/rpc/${whoamiFn}`,
			header: 'yes',
			read_only: 'on'
		});
		const anonymous = await publicClient.rpc(whoamiFn, {}, { get: true });
		expect(anonymous.data).toMatchObject({ uid: null, role: 'anon', method: 'GET' });
	});

	it('passes a raised exception through with its code, detail and hint', async () => {
		const { status, error } = await serviceClient.rpc(failFn);
		expect(status).toBe(400);
		expect(error).toMatchObject({
			code: 'P0001',
			message: 'lead is locked',
			details: 'locked by someone',
			hint: 'try later'
		});
	});

	it('reports an unknown function with 404 PGRST202', async () => {
		const { status, error } = await serviceClient.rpc(`${addFn}_missing`, { a: 1 });
		expect(status).toBe(404);
		expect(error?.code).toBe('PGRST202');
	});
});

describe('row level security decides per caller', () => {
	beforeAll(async () => {
		const { error } = await clientA.from(notes).insert([{ body: 'a-1' }, { body: 'a-2' }]);
		expect(error).toBeNull();
		const { error: errorB } = await clientB.from(notes).insert({ body: 'b-1' });
		expect(errorB).toBeNull();
	});

	it('shows each user only their own rows', async () => {
		const a = await clientA.from(notes).select('body').like('body', '_-_').order('body');
		expect(a.data).toEqual([{ body: 'a-1' }, { body: 'a-2' }]);
		const b = await clientB.from(notes).select('body').like('body', '_-_');
		expect(b.data).toEqual([{ body: 'b-1' }]);
	});

	it("does not let B update or delete A's rows (0 rows, nothing changes)", async () => {
		const updated = await clientB
			.from(notes)
			.update({ body: 'hijacked' })
			.eq('body', 'a-1')
			.select();
		expect(updated.error).toBeNull();
		expect(updated.data).toEqual([]);
		const deleted = await clientB.from(notes).delete({ count: 'exact' }).eq('body', 'a-2');
		expect(deleted.error).toBeNull();
		expect(deleted.count).toBe(0);
		const a = await clientA.from(notes).select('body').like('body', 'a-_').order('body');
		expect(a.data).toEqual([{ body: 'a-1' }, { body: 'a-2' }]);
	});

	it('rejects an insert that violates a policy: 403 for authenticated, 401 for anon', async () => {
		const forged = await clientA.from(notes).insert({ body: 'forged', owner: userB });
		expect(forged.status).toBe(403);
		expect(forged.error?.code).toBe('42501');
		expect(forged.error?.message).toContain('row-level security policy');
		const anonymous = await publicClient.from(notes).insert({ body: 'anonymous' });
		expect(anonymous.status).toBe(401);
		expect(anonymous.error?.code).toBe('42501');
	});

	it('needs only an insert policy for insert() but also a select policy for insert().select()', async () => {
		const blind = await clientA.from(dropBox).insert({ body: `blind ${suffix}` });
		expect(blind.error).toBeNull();
		expect(blind.status).toBe(201);
		const echoed = await clientA
			.from(dropBox)
			.insert({ body: `echoed ${suffix}` })
			.select();
		expect(echoed.status).toBe(403);
		expect(echoed.error?.code).toBe('42501');
		const visible = await clientA.from(dropBox).select('body');
		expect(visible.data).toEqual([]);
		const stored = await db.query(`select body from ${dropBox}`);
		expect(stored.rows).toEqual([{ body: `blind ${suffix}` }]);
	});

	it('gives anon nothing and lets the service role bypass RLS', async () => {
		const anonymous = await publicClient.from(notes).select('body');
		expect(anonymous.error).toBeNull();
		expect(anonymous.data).toEqual([]);
		const service = await serviceClient
			.from(notes)
			.select('body')
			.like('body', '_-_')
			.order('body');
		expect(service.data).toEqual([{ body: 'a-1' }, { body: 'a-2' }, { body: 'b-1' }]);
	});

	it('answers an expired or forged JWT with 401 and never falls back to anon', async () => {
		const expired = clientWithToken(tokenFor(userA, { exp: Math.floor(Date.now() / 1000) - 60 }));
		const expiredResult = await expired.from(authors).select('name');
		expect(expiredResult.status).toBe(401);
		expect(expiredResult.error?.code).toBe('PGRST303');
		expect(expiredResult.data).toBeNull();
		const forgedToken = signJwt(
			{ sub: userA, role: 'service_role' },
			'not-the-project-secret-not-the-secret'
		);
		const forged = await clientWithToken(forgedToken).from(authors).select('name');
		expect(forged.status).toBe(401);
		expect(forged.error?.code).toBe('PGRST301');
		expect(forged.data).toBeNull();
		const response = await fetch(`${env.url}/rest/v1/${authors}`, {
			headers: { apikey: env.publishableKey, Authorization: 'Bearer not-a-jwt' }
		});
		expect(response.status).toBe(401);
		expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
	});

	it('accepts the legacy anon key and the publishable/secret keys as apikey', async () => {
		const legacy = createClient(env.url, env.anonKey, options());
		const viaLegacy = await legacy.from(authors).select('name').eq('id', ids.ann);
		expect(viaLegacy.data).toEqual([{ name: 'Ann' }]);
		const viaPublishable = await publicClient.from(authors).select('name').eq('id', ids.bob);
		expect(viaPublishable.data).toEqual([{ name: 'Bob' }]);
		const viaSecret = await serviceClient.from(notes).select('id', { count: 'exact', head: true });
		expect(viaSecret.count).toBeGreaterThanOrEqual(3);
	});
});

describe('unknown names and schemas', () => {
	it('answers an unknown table with 404 PGRST205', async () => {
		const { status, error } = await serviceClient.from(name('missing')).select();
		expect(status).toBe(404);
		expect(error?.code).toBe('PGRST205');
		expect(error?.message).toBe(
			`Could not find the table 'public.${name('missing')}' in the schema cache`
		);
	});

	it('refuses a schema that is not exposed with 406 PGRST106', async () => {
		const { status, error } = await serviceClient.schema('auth').from('users').select('id');
		expect(status).toBe(406);
		expect(error?.code).toBe('PGRST106');
	});
});
