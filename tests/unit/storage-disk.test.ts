/** Object bytes on disk: staging with a size limit, placing, moving, removing, path guards. */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Disk } from '../../local-supabase/storage/disk.ts';

let root: string;
let disk: Disk;

beforeEach(async () => {
	root = path.join(await mkdtemp(path.join(tmpdir(), 'storage-disk-')), 'storage');
	disk = new Disk(root);
});

afterEach(async () => {
	await rm(path.dirname(root), { recursive: true, force: true });
});

const chunks = (...parts: string[]) => Readable.from(parts.map((part) => Buffer.from(part)));
const stagedFiles = () => readdir(`${root}.staging`).catch(() => []);

describe('Disk', () => {
	it('stages a stream with its size and MD5 eTag, then places it at the object path', async () => {
		const staged = await disk.stage(chunks('hel', 'lo'), 10);
		expect(staged).toMatchObject({ size: 5, eTag: '"5d41402abc4b2a76b9719d911017c592"' });
		await disk.place(staged, 'docs', 'lead-1/hello.txt');
		expect(await readFile(path.join(root, 'docs', 'lead-1', 'hello.txt'), 'utf8')).toBe('hello');
		expect(await stagedFiles()).toEqual([]);
		expect(await disk.size('docs', 'lead-1/hello.txt')).toBe(5);
	});

	it('fails with EntityTooLarge past the limit and leaves no staged file', async () => {
		await expect(disk.stage(chunks('12345', '6'), 5)).rejects.toMatchObject({
			body: { code: 'EntityTooLarge' }
		});
		expect(await stagedFiles()).toEqual([]);
	});

	it('fails when the source stream ends early and leaves no staged file', async () => {
		const source = new Readable({ read() {} });
		source.push('partial');
		const staging = disk.stage(source, 100);
		setTimeout(() => source.destroy(), 10);
		await expect(staging).rejects.toThrow();
		expect(await stagedFiles()).toEqual([]);
	});

	it('moves, copies and removes objects; a missing object has no size', async () => {
		await disk.place(await disk.stage(chunks('data'), 10), 'b', 'from.txt');
		await disk.move('b', 'from.txt', 'c', 'deep/to.txt');
		expect(await disk.size('b', 'from.txt')).toBeUndefined();
		const copy = await disk.stageCopy('c', 'deep/to.txt', '"etag"');
		await disk.place(copy, 'c', 'copy.txt');
		expect(await readFile(path.join(root, 'c', 'copy.txt'), 'utf8')).toBe('data');
		await disk.remove('c', 'deep/to.txt');
		await disk.remove('c', 'deep/to.txt');
		expect(await disk.size('c', 'deep/to.txt')).toBeUndefined();
		await disk.removeBucket('c');
		expect(await readdir(root)).toEqual(['b']);
	});

	it('reports a name that collides with another object’s file or folder as a conflict', async () => {
		await disk.place(await disk.stage(chunks('file'), 10), 'b', 'a');
		const nested = await disk.stage(chunks('nested'), 10);
		await expect(disk.place(nested, 'b', 'a/b')).rejects.toMatchObject({
			body: { statusCode: '409', code: 'InvalidKey' }
		});
		await disk.discard(nested);
		expect(await stagedFiles()).toEqual([]);
	});

	it('never resolves a path outside the bucket', () => {
		for (const [bucket, name] of [
			['b', '../other/x'],
			['..', 'x'],
			['b', '../../etc/passwd']
		]) {
			expect(() => disk.objectPath(bucket, name), `${bucket}/${name}`).toThrow();
		}
	});
});
