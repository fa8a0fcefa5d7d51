/**
 * Storage as unmodified supabase-js sees it (supabase-protocols.md §4): buckets, uploads
 * (multipart and raw, upsert), downloads, info, listing, removal, move, copy, signed and public
 * URLs, and — for each — that RLS on storage.objects decides, allow and deny. The file owns its
 * buckets (unique names) and policies (scoped to those buckets), and removes both afterwards.
 * Users are JWTs with random subs; the owner-folder policy is the usual Supabase pattern.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realtimeTransport } from './transport.ts';
import { apiUrl, paths } from '../../local-supabase/config.ts';
import { signJwt } from '../../local-supabase/jwt.ts';
import { env } from './env.ts';

const clientOptions = {
	auth: { persistSession: false, autoRefreshToken: false },
	realtime: { transport: realtimeTransport }
};
const service = createClient(env.url, env.secretKey, clientOptions);
const anon = createClient(env.url, env.publishableKey, clientOptions);
/** Only against the local stack can the test look at the stored bytes themselves. */
const isLocalStack = env.url === apiUrl;

const suffix = randomUUID().replaceAll('-', '').slice(0, 10);
const privateBucket = `conf-private-${suffix}`;
const publicBucket = `conf-public-${suffix}`;
const limitedBucket = `conf-limited-${suffix}`;
const scratchBucket = `conf-scratch-${suffix}`;
const policyPrefix = `conf_${suffix}`;

let db: pg.Client;

interface User {
	id: string;
	client: SupabaseClient;
}

function userToken(sub: string, expiresInSeconds = 3600): string {
	const now = Math.floor(Date.now() / 1000);
	return signJwt(
		{ sub, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + expiresInSeconds },
		env.jwtSecret
	);
}

function userClient(token: string): SupabaseClient {
	return createClient(env.url, env.publishableKey, {
		...clientOptions,
		accessToken: async () => token
	});
}

function newUser(): User {
	const id = randomUUID();
	return { id, client: userClient(userToken(id)) };
}

const alice = newUser();
const bob = newUser();

const text = (content: string, type = 'text/plain') => new Blob([content], { type });

async function objectRow(bucket: string, name: string) {
	const { rows } = await db.query<{ owner: string | null; owner_id: string | null }>(
		'select owner, owner_id from storage.objects where bucket_id = $1 and name = $2',
		[bucket, name]
	);
	return rows[0];
}

/** Neither a row nor (locally) a file, and the service role cannot download it either. */
async function expectNothingStored(bucket: string, name: string) {
	expect(await objectRow(bucket, name)).toBeUndefined();
	const { error } = await service.storage.from(bucket).download(name);
	expect(error).not.toBeNull();
	if (isLocalStack) expect(existsSync(path.join(paths.storage, bucket, name))).toBe(false);
}

async function downloadText(client: SupabaseClient, bucket: string, name: string) {
	const { data, error } = await client.storage.from(bucket).download(name);
	expect(error).toBeNull();
	return data!.text();
}

beforeAll(async () => {
	db = new pg.Client({ connectionString: env.dbUrl });
	await db.connect();
	const buckets: Array<[string, Parameters<typeof service.storage.createBucket>[1]]> = [
		[privateBucket, { public: false }],
		[publicBucket, { public: true }],
		[
			limitedBucket,
			{ public: false, fileSizeLimit: 1024, allowedMimeTypes: ['image/*', 'text/plain'] }
		],
		[scratchBucket, { public: false }]
	];
	for (const [id, options] of buckets) {
		const { error } = await service.storage.createBucket(id, options);
		expect(error).toBeNull();
	}
	// Owners may do everything inside the folder named after their uid, and nothing else.
	const ownFolder = `bucket_id = '${privateBucket}' and (storage.foldername(name))[1] = (select auth.uid())::text`;
	await db.query(`
		create policy "${policyPrefix} owner select" on storage.objects for select to authenticated using (${ownFolder});
		create policy "${policyPrefix} owner insert" on storage.objects for insert to authenticated with check (${ownFolder});
		create policy "${policyPrefix} owner update" on storage.objects for update to authenticated using (${ownFolder}) with check (${ownFolder});
		create policy "${policyPrefix} owner delete" on storage.objects for delete to authenticated using (${ownFolder});`);
});

afterAll(async () => {
	const { rows } = await db.query<{ policyname: string }>(
		"select policyname from pg_policies where schemaname = 'storage' and policyname like $1",
		[`${policyPrefix} %`]
	);
	for (const { policyname } of rows) {
		await db.query(`drop policy "${policyname}" on storage.objects`);
	}
	for (const bucket of [privateBucket, publicBucket, limitedBucket, scratchBucket]) {
		await service.storage.emptyBucket(bucket);
		await service.storage.deleteBucket(bucket);
	}
	await db?.end();
});

describe('buckets', () => {
	it('creates, reads, lists, updates, empties and deletes a bucket', async () => {
		const id = `conf-lifecycle-${suffix}`;
		expect(
			await service.storage.createBucket(id, {
				public: false,
				fileSizeLimit: '2MB',
				allowedMimeTypes: ['image/png']
			})
		).toEqual({ data: { name: id }, error: null });

		const { data: bucket } = await service.storage.getBucket(id);
		expect(bucket).toMatchObject({
			id,
			name: id,
			public: false,
			file_size_limit: 2_000_000,
			allowed_mime_types: ['image/png']
		});
		const { data: all } = await service.storage.listBuckets({ search: `lifecycle-${suffix}` });
		expect(all?.map((listed) => listed.id)).toEqual([id]);

		const update = await service.storage.updateBucket(id, {
			public: true,
			fileSizeLimit: null,
			allowedMimeTypes: null
		});
		expect(update.error).toBeNull();
		expect((await service.storage.getBucket(id)).data).toMatchObject({
			public: true,
			file_size_limit: null,
			allowed_mime_types: null
		});

		const duplicate = await service.storage.createBucket(id);
		expect(duplicate.error).toMatchObject({
			statusCode: '409',
			message: 'The resource already exists'
		});

		await service.storage.from(id).upload('x.png', text('x', 'image/png'));
		const notEmpty = await service.storage.deleteBucket(id);
		expect(notEmpty.error).toMatchObject({
			statusCode: '409',
			message: 'The bucket you tried to delete is not empty'
		});
		expect((await service.storage.emptyBucket(id)).error).toBeNull();
		expect((await service.storage.deleteBucket(id)).error).toBeNull();

		const gone = await service.storage.getBucket(id);
		expect(gone.error).toMatchObject({ statusCode: '404', message: 'Bucket not found' });
	});

	it('rejects invalid bucket settings', async () => {
		const tooLarge = await service.storage.createBucket(`conf-huge-${suffix}`, {
			public: false,
			fileSizeLimit: '100GB'
		});
		expect(tooLarge.error).toMatchObject({ statusCode: '413' });
		const badMime = await service.storage.createBucket(`conf-mime-${suffix}`, {
			public: false,
			allowedMimeTypes: ['not a mime type']
		});
		expect(badMime.error).toMatchObject({ statusCode: '415' });
		const badName = await service.storage.createBucket(`conf bad/${suffix}`);
		expect(badName.error).toMatchObject({ statusCode: '400', message: 'Bucket name invalid' });
	});

	it('leaves buckets to RLS: a user without bucket policies can neither create nor see them', async () => {
		const created = await alice.client.storage.createBucket(`conf-alice-${suffix}`);
		expect(created.error).toMatchObject({
			statusCode: '403',
			message: 'new row violates row-level security policy'
		});
		const { data: listed, error } = await alice.client.storage.listBuckets();
		expect(error).toBeNull();
		expect(listed?.some((bucket) => bucket.id === privateBucket)).toBe(false);
		expect((await alice.client.storage.getBucket(privateBucket)).error).toMatchObject({
			statusCode: '404'
		});
		expect((await alice.client.storage.deleteBucket(scratchBucket)).error).not.toBeNull();
		expect((await service.storage.getBucket(scratchBucket)).error).toBeNull();
	});

	it('lets only the service role empty a bucket', async () => {
		await service.storage.from(scratchBucket).upload('keep.txt', text('keep'));
		const { error } = await alice.client.storage.emptyBucket(scratchBucket);
		expect(error).toMatchObject({ status: 403, statusCode: '403' });
		expect(await downloadText(service, scratchBucket, 'keep.txt')).toBe('keep');
	});

	it('refuses an invalid or expired JWT instead of treating it as anon', async () => {
		const expired = userClient(userToken(alice.id, -60));
		const { error } = await expired.storage.listBuckets();
		expect(error).toMatchObject({ status: 400, statusCode: '403' });
		expect(error?.message).toMatch(/exp/);

		const forged = userClient(signJwt({ sub: alice.id, role: 'service_role' }, 'not-the-secret'));
		expect((await forged.storage.listBuckets()).error).toMatchObject({ statusCode: '403' });
	});
});

describe('uploads and downloads inside the owner policy', () => {
	const note = `${alice.id}/notes/note.txt`;

	it('uploads a browser file (multipart) as the caller, recording owner_id and metadata', async () => {
		const { data, error } = await alice.client.storage
			.from(privateBucket)
			.upload(note, text('first version'), { metadata: { lead: 'acme' } });
		expect(error).toBeNull();
		expect(data).toMatchObject({ path: note, fullPath: `${privateBucket}/${note}` });
		expect(data?.id).toMatch(/^[0-9a-f-]{36}$/);

		expect(await objectRow(privateBucket, note)).toEqual({ owner: alice.id, owner_id: alice.id });
		expect(await downloadText(alice.client, privateBucket, note)).toBe('first version');

		const { data: info } = await alice.client.storage.from(privateBucket).info(note);
		expect(info).toMatchObject({
			name: note,
			bucketId: privateBucket,
			size: 13,
			contentType: 'text/plain',
			cacheControl: 'max-age=3600',
			metadata: { lead: 'acme' }
		});
		expect((await alice.client.storage.from(privateBucket).exists(note)).data).toBe(true);
		expect(
			(await alice.client.storage.from(privateBucket).exists(`${alice.id}/missing.txt`)).data
		).toBe(false);
	});

	it('uploads a raw body with its content type and cache control, served back as headers', async () => {
		const name = `${alice.id}/table.csv`;
		const { error } = await alice.client.storage
			.from(privateBucket)
			.upload(name, Buffer.from('a,b\n1,2\n'), { contentType: 'text/csv', cacheControl: '60' });
		expect(error).toBeNull();
		const response = await fetch(
			`${env.url}/storage/v1/object/authenticated/${privateBucket}/${name}`,
			{
				headers: { apikey: env.publishableKey, authorization: `Bearer ${userToken(alice.id)}` }
			}
		);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/csv');
		expect(response.headers.get('cache-control')).toBe('max-age=60');
		expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
		expect(await response.text()).toBe('a,b\n1,2\n');

		const ranged = await fetch(
			`${env.url}/storage/v1/object/authenticated/${privateBucket}/${name}`,
			{
				headers: { authorization: `Bearer ${userToken(alice.id)}`, range: 'bytes=4-6' }
			}
		);
		expect(ranged.status).toBe(206);
		expect(await ranged.text()).toBe('1,2');
	});

	it('refuses to overwrite without upsert (409 Duplicate), overwrites with upsert and update()', async () => {
		const name = `${alice.id}/versioned.txt`;
		const files = alice.client.storage.from(privateBucket);
		expect((await files.upload(name, text('v1'))).error).toBeNull();
		const again = await files.upload(name, text('v2'));
		expect(again.error).toMatchObject({
			status: 400,
			statusCode: '409',
			message: 'The resource already exists'
		});
		expect(await downloadText(alice.client, privateBucket, name)).toBe('v1');

		expect((await files.upload(name, text('v2'), { upsert: true })).error).toBeNull();
		expect(await downloadText(alice.client, privateBucket, name)).toBe('v2');
		expect((await files.update(name, text('v3'))).error).toBeNull();
		expect(await downloadText(alice.client, privateBucket, name)).toBe('v3');
	});

	it('offers a download as an attachment with ?download', async () => {
		const name = `${alice.id}/report.txt`;
		await alice.client.storage.from(privateBucket).upload(name, text('report'));
		const { data } = await alice.client.storage
			.from(privateBucket)
			.createSignedUrl(name, 60, { download: 'Quarterly report.txt' });
		const response = await fetch(data!.signedUrl);
		expect(response.headers.get('content-disposition')).toBe(
			"attachment; filename=Quarterly%20report.txt; filename*=UTF-8''Quarterly%20report.txt"
		);
		expect(await response.text()).toBe('report');
	});

	it('lists the caller’s folder and, at the root, only folders the caller can see', async () => {
		const folder = `${alice.id}/listing`;
		for (const name of ['b.txt', 'a.txt', 'sub/c.txt']) {
			await alice.client.storage.from(privateBucket).upload(`${folder}/${name}`, text(name));
		}
		const { data, error } = await alice.client.storage.from(privateBucket).list(folder);
		expect(error).toBeNull();
		expect(data?.map((entry) => [entry.name, entry.id === null])).toEqual([
			['sub', true],
			['a.txt', false],
			['b.txt', false]
		]);
		expect(data?.find((entry) => entry.name === 'a.txt')?.metadata).toMatchObject({
			size: 5,
			mimetype: 'text/plain'
		});
		const searched = await alice.client.storage.from(privateBucket).list(folder, { search: 'b' });
		expect(searched.data?.map((entry) => entry.name)).toEqual(['b.txt']);

		const root = await alice.client.storage.from(privateBucket).list();
		expect(root.data?.map((entry) => entry.name)).toEqual([alice.id]);
	});
});

describe('a user outside the policy', () => {
	const secret = `${alice.id}/secret.txt`;

	beforeAll(async () => {
		const { error } = await alice.client.storage.from(privateBucket).upload(secret, text('secret'));
		expect(error).toBeNull();
	});

	it('cannot upload into another user’s folder, and nothing is stored', async () => {
		const name = `${alice.id}/from-bob.txt`;
		const { error } = await bob.client.storage.from(privateBucket).upload(name, text('intrusion'));
		expect(error).toMatchObject({
			status: 400,
			statusCode: '403',
			message: 'new row violates row-level security policy'
		});
		await expectNothingStored(privateBucket, name);
		const overwrite = await bob.client.storage
			.from(privateBucket)
			.upload(secret, text('overwritten'), { upsert: true });
		expect(overwrite.error).not.toBeNull();
		expect(await downloadText(alice.client, privateBucket, secret)).toBe('secret');
	});

	it('cannot download, inspect, list or sign it', async () => {
		const files = bob.client.storage.from(privateBucket);
		expect((await files.download(secret)).error).toMatchObject({
			statusCode: '404',
			message: 'Object not found'
		});
		expect((await files.info(secret)).error).toMatchObject({ statusCode: '404' });
		expect((await files.exists(secret)).data).toBe(false);
		expect((await files.list(alice.id)).data).toEqual([]);
		expect((await files.createSignedUrl(secret, 60)).error).toMatchObject({ statusCode: '404' });
		const { data: batch } = await files.createSignedUrls([secret], 60);
		expect(batch).toEqual([
			expect.objectContaining({ path: secret, signedURL: null, error: expect.any(String) })
		]);
		expect((await files.createSignedUploadUrl(`${alice.id}/drop.txt`)).error).toMatchObject({
			statusCode: '403'
		});
	});

	it('cannot remove it', async () => {
		const { data, error } = await bob.client.storage.from(privateBucket).remove([secret]);
		expect(error).toBeNull();
		expect(data).toEqual([]);
		expect(await downloadText(alice.client, privateBucket, secret)).toBe('secret');
	});

	it('cannot move or copy it, nor can the owner move it out of their folder', async () => {
		const bobFiles = bob.client.storage.from(privateBucket);
		expect((await bobFiles.move(secret, `${bob.id}/stolen.txt`)).error).toMatchObject({
			statusCode: '404'
		});
		expect((await bobFiles.copy(secret, `${bob.id}/stolen.txt`)).error).toMatchObject({
			statusCode: '404'
		});
		const outOfFolder = await alice.client.storage
			.from(privateBucket)
			.move(secret, `${bob.id}/gift.txt`);
		expect(outOfFolder.error).toMatchObject({ statusCode: '403' });
		expect(await downloadText(alice.client, privateBucket, secret)).toBe('secret');
	});

	it('anon cannot read a private bucket', async () => {
		const { error } = await anon.storage.from(privateBucket).download(secret);
		expect(error).toMatchObject({ statusCode: '404' });
		expect((await anon.storage.from(privateBucket).list(alice.id)).data).toEqual([]);
		expect(
			(await anon.storage.from(privateBucket).createSignedUrl(secret, 60)).error
		).not.toBeNull();
	});
});

describe('move, copy and remove by the owner', () => {
	it('moves within the folder: the old name is gone, the new one holds the bytes', async () => {
		const files = alice.client.storage.from(privateBucket);
		const from = `${alice.id}/move/from.txt`;
		const to = `${alice.id}/move/to.txt`;
		await files.upload(from, text('moving'));
		expect(await files.move(from, to)).toEqual({
			data: { message: 'Successfully moved' },
			error: null
		});
		expect((await files.exists(from)).data).toBe(false);
		expect(await downloadText(alice.client, privateBucket, to)).toBe('moving');
		await expectNothingStored(privateBucket, from);
	});

	it('copies with the copier as owner', async () => {
		const files = alice.client.storage.from(privateBucket);
		const from = `${alice.id}/copy/original.txt`;
		const to = `${alice.id}/copy/duplicate.txt`;
		await service.storage.from(privateBucket).upload(from, text('copied'));
		expect((await objectRow(privateBucket, from))?.owner_id).toBeNull();
		expect(await files.copy(from, to)).toEqual({
			data: { path: `${privateBucket}/${to}` },
			error: null
		});
		expect(await downloadText(alice.client, privateBucket, to)).toBe('copied');
		expect(await downloadText(alice.client, privateBucket, from)).toBe('copied');
		expect((await objectRow(privateBucket, to))?.owner_id).toBe(alice.id);
		expect((await files.copy(from, to)).error).toMatchObject({ statusCode: '409' });
	});

	it('removes several objects, returning them, and their bytes go too', async () => {
		const files = alice.client.storage.from(privateBucket);
		const names = [`${alice.id}/remove/1.txt`, `${alice.id}/remove/2.txt`];
		for (const name of names) await files.upload(name, text('bye'));
		const { data, error } = await files.remove([...names, `${alice.id}/remove/never.txt`]);
		expect(error).toBeNull();
		expect(data?.map((object) => object.name).sort()).toEqual(names);
		for (const name of names) await expectNothingStored(privateBucket, name);
	});
});

describe('public buckets', () => {
	it('serve public URLs without any credentials, optionally as an attachment', async () => {
		const name = 'docs/brochure.txt';
		await service.storage.from(publicBucket).upload(name, text('brochure'));
		const { publicUrl } = service.storage.from(publicBucket).getPublicUrl(name).data;
		const response = await fetch(publicUrl);
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('brochure');

		const attachment = await fetch(
			anon.storage.from(publicBucket).getPublicUrl(name, { download: true }).data.publicUrl
		);
		expect(attachment.headers.get('content-disposition')).toBe('attachment;');
		expect(await downloadText(anon, publicBucket, name)).toBe('brochure');
	});

	it('do not expose private buckets through public URLs', async () => {
		await service.storage.from(scratchBucket).upload('hidden.txt', text('hidden'));
		const response = await fetch(
			service.storage.from(scratchBucket).getPublicUrl('hidden.txt').data.publicUrl
		);
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({ statusCode: '404', message: 'Bucket not found' });
	});
});

describe('signed URLs', () => {
	const name = `${alice.id}/signed/file.txt`;

	beforeAll(async () => {
		await alice.client.storage.from(privateBucket).upload(name, text('signed content'));
	});

	it('serve the object to anyone holding the URL, for the object it names only', async () => {
		const { data, error } = await alice.client.storage
			.from(privateBucket)
			.createSignedUrl(name, 60);
		expect(error).toBeNull();
		const response = await fetch(data!.signedUrl);
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('signed content');

		const elsewhere = data!.signedUrl.replace('/signed/file.txt', '/signed/other.txt');
		const tampered = await fetch(elsewhere);
		expect(tampered.status).toBe(400);
		expect(await tampered.json()).toMatchObject({
			statusCode: '400',
			message: 'Invalid signature'
		});
	});

	it('are issued in batches for the objects the caller can read', async () => {
		const { data } = await alice.client.storage
			.from(privateBucket)
			.createSignedUrls([name, `${alice.id}/signed/missing.txt`], 60);
		expect(data?.[0]).toMatchObject({ path: name, error: null });
		expect(await (await fetch(data![0].signedUrl!)).text()).toBe('signed content');
		expect(data?.[1]).toMatchObject({ signedUrl: null, error: expect.any(String) });
	});

	it('expire', async () => {
		const { data } = await alice.client.storage.from(privateBucket).createSignedUrl(name, 1);
		await new Promise((resolve) => setTimeout(resolve, 2100));
		const response = await fetch(data!.signedUrl);
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({
			statusCode: '400',
			message: '"exp" claim timestamp check failed'
		});
	});

	it('upload as the user who asked for them, once, to that path only', async () => {
		const target = `${alice.id}/signed/uploaded.txt`;
		const { data, error } = await alice.client.storage
			.from(privateBucket)
			.createSignedUploadUrl(target);
		expect(error).toBeNull();
		expect(data?.signedUrl).toContain(`/object/upload/sign/${privateBucket}/${target}?token=`);

		const uploaded = await anon.storage
			.from(privateBucket)
			.uploadToSignedUrl(target, data!.token, text('via signed url'));
		expect(uploaded).toEqual({
			data: { path: target, fullPath: `${privateBucket}/${target}` },
			error: null
		});
		expect(await downloadText(alice.client, privateBucket, target)).toBe('via signed url');
		expect((await objectRow(privateBucket, target))?.owner_id).toBe(alice.id);

		const again = await anon.storage
			.from(privateBucket)
			.uploadToSignedUrl(target, data!.token, text('again'));
		expect(again.error).toMatchObject({ statusCode: '409' });

		const otherPath = await anon.storage
			.from(privateBucket)
			.uploadToSignedUrl(`${alice.id}/signed/other.txt`, data!.token, text('x'));
		expect(otherPath.error).toMatchObject({ message: 'Invalid signature' });
		await expectNothingStored(privateBucket, `${alice.id}/signed/other.txt`);
	});

	it('do not let a download token upload', async () => {
		const { data } = await alice.client.storage.from(privateBucket).createSignedUrl(name, 60);
		const token = new URL(data!.signedUrl).searchParams.get('token')!;
		const { error } = await anon.storage
			.from(privateBucket)
			.uploadToSignedUrl(name, token, text('replaced'), { upsert: true });
		expect(error).toMatchObject({ message: 'Token is not scoped for upload' });
		expect(await downloadText(alice.client, privateBucket, name)).toBe('signed content');
	});
});

describe('bucket limits', () => {
	const files = () => service.storage.from(limitedBucket);

	it('accept allowed types, including wildcards like image/*', async () => {
		expect((await files().upload('ok.png', text('png', 'image/png'))).error).toBeNull();
		expect((await files().upload('ok.txt', text('plain', 'text/plain'))).error).toBeNull();
	});

	it('refuse other types with InvalidMimeType, storing nothing', async () => {
		const { error } = await files().upload('doc.pdf', text('%PDF', 'application/pdf'));
		expect(error).toMatchObject({
			statusCode: '415',
			message: 'mime type application/pdf is not supported'
		});
		await expectNothingStored(limitedBucket, 'doc.pdf');
	});

	it('refuse files over the size limit (multipart and raw), storing nothing', async () => {
		const { error } = await files().upload('big.png', text('x'.repeat(1025), 'image/png'));
		expect(error).toMatchObject({
			statusCode: '413',
			message: 'The object exceeded the maximum allowed size'
		});
		await expectNothingStored(limitedBucket, 'big.png');

		const raw = await files().upload('big-raw.png', Buffer.alloc(4096), {
			contentType: 'image/png'
		});
		expect(raw.error).toMatchObject({ statusCode: '413' });
		await expectNothingStored(limitedBucket, 'big-raw.png');

		expect(
			(await files().upload('exact.png', text('x'.repeat(1024), 'image/png'))).error
		).toBeNull();
	});
});
