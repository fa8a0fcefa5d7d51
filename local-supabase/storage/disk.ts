/**
 * Object bytes on disk at `<root>/<bucket>/<object name>`. New bytes are first staged in a
 * sibling directory (same file system), then renamed into place, so a half-received upload is
 * never visible at an object's path. Callers place and remove files while holding the object's
 * row lock in the transaction that writes the row, which orders concurrent writers of one key.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { errors } from './errors.ts';

/** Larger than the 64 KiB default: fewer reads and writes per object served. */
const readChunkBytes = 1024 * 1024;

export interface StagedFile {
	path: string;
	size: number;
	/** Quoted MD5 of the content, as storage-api's file backend reports it. */
	eTag: string;
}

export interface ByteRange {
	start: number;
	end: number;
}

export class Disk {
	private readonly staging: string;

	constructor(private readonly root: string) {
		this.staging = `${root}.staging`;
	}

	/**
	 * Names are validated before they get here; this refuses anything that could alias another
	 * path (empty, `.` or `..` segments) or leave the bucket's directory, as a last guard.
	 */
	objectPath(bucket: string, name: string): string {
		const segments = name.split('/');
		if (segments.some(isAliasing)) throw errors.invalidKey(name);
		const bucketDir = this.bucketDir(bucket);
		const file = path.resolve(bucketDir, ...segments);
		if (!file.startsWith(bucketDir + path.sep)) throw errors.invalidKey(name);
		return file;
	}

	private bucketDir(bucket: string): string {
		if (isAliasing(bucket) || bucket.includes('/') || bucket.includes(path.sep)) {
			throw errors.invalidBucketName();
		}
		return path.resolve(this.root, bucket);
	}

	/** Staged files left by a process that stopped mid-upload belong to no object. */
	async clearStaging(): Promise<void> {
		await rm(this.staging, { recursive: true, force: true });
	}

	/** Streams `body` into a staged file; more than `limit` bytes fails with EntityTooLarge. */
	async stage(body: Readable, limit: number): Promise<StagedFile> {
		await mkdir(this.staging, { recursive: true });
		const file = path.join(this.staging, randomUUID());
		const hash = createHash('md5');
		let size = 0;
		const meter = new Transform({
			transform(chunk: Buffer, _encoding, callback) {
				size += chunk.length;
				if (size > limit) {
					callback(errors.entityTooLarge());
					return;
				}
				hash.update(chunk);
				callback(null, chunk);
			}
		});
		// The source is piped, not part of the pipeline: a failure must not destroy the request,
		// whose connection still has to carry the error response.
		const written = pipeline(meter, createWriteStream(file));
		const onError = (error: Error) => meter.destroy(error);
		const onClose = () => {
			if (!body.readableEnded) meter.destroy(new Error('upload stream closed before its end'));
		};
		body.once('error', onError);
		body.once('close', onClose);
		try {
			if (body.destroyed) throw new Error('upload stream closed before its end');
			body.pipe(meter);
			await written;
		} catch (error) {
			body.unpipe(meter);
			meter.destroy();
			await written.catch(() => {});
			await rm(file, { force: true });
			throw error;
		} finally {
			body.off('error', onError);
			body.off('close', onClose);
		}
		return { path: file, size, eTag: `"${hash.digest('hex')}"` };
	}

	/** A staged copy of an existing object's bytes (for copy). */
	async stageCopy(bucket: string, name: string, eTag: string): Promise<StagedFile> {
		await mkdir(this.staging, { recursive: true });
		const file = path.join(this.staging, randomUUID());
		try {
			await copyFile(this.objectPath(bucket, name), file);
			return { path: file, size: (await stat(file)).size, eTag };
		} catch (error) {
			await rm(file, { force: true });
			throw isMissing(error) ? errors.noSuchKey() : error;
		}
	}

	async discard(staged: StagedFile): Promise<void> {
		await rm(staged.path, { force: true });
	}

	/** Moves a staged file to the object's path, replacing what was there. */
	async place(staged: StagedFile, bucket: string, name: string): Promise<void> {
		await this.renameInto(staged.path, bucket, name);
	}

	async move(fromBucket: string, from: string, toBucket: string, to: string): Promise<void> {
		await this.renameInto(this.objectPath(fromBucket, from), toBucket, to);
	}

	private async renameInto(source: string, bucket: string, name: string): Promise<void> {
		const target = this.objectPath(bucket, name);
		try {
			await mkdir(path.dirname(target), { recursive: true });
			await rename(source, target);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ENOTEMPTY') {
				throw errors.pathConflict(name);
			}
			// The source is gone: a row whose bytes are missing.
			throw code === 'ENOENT' ? errors.noSuchKey() : error;
		}
	}

	/** Removes an object's file if there is one (a name no upload accepts never has one). */
	async remove(bucket: string, name: string): Promise<void> {
		let file: string;
		try {
			file = this.objectPath(bucket, name);
		} catch {
			return;
		}
		await unlink(file).catch((error: unknown) => {
			if (!isMissing(error)) throw error;
		});
	}

	async removeBucket(bucket: string): Promise<void> {
		await rm(this.bucketDir(bucket), { recursive: true, force: true });
	}

	/** The object's bytes, or the inclusive byte range of them. */
	read(bucket: string, name: string, range?: ByteRange): ReadStream {
		return createReadStream(this.objectPath(bucket, name), {
			...range,
			highWaterMark: readChunkBytes
		});
	}

	/** The size of the object's file, or undefined when it is missing. */
	async size(bucket: string, name: string): Promise<number | undefined> {
		try {
			return (await stat(this.objectPath(bucket, name))).size;
		} catch (error) {
			if (isMissing(error)) return undefined;
			throw error;
		}
	}
}

function isAliasing(segment: string): boolean {
	return segment === '' || segment === '.' || segment === '..';
}

function isMissing(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException).code;
	return code === 'ENOENT' || code === 'ENOTDIR';
}
