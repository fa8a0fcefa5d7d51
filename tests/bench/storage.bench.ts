/**
 * `npx tsx tests/bench/storage.bench.ts` (stack running): figures only, never pass/fail.
 * Throughput of uploading and downloading a 10 MB file through supabase-js, as a browser file
 * (multipart) and as a raw body, as the service role in a private bucket.
 */
import { createClient, type SupabaseClientOptions } from '@supabase/supabase-js';
import { randomBytes } from 'node:crypto';
import ws from 'ws';
import { apiUrl, keys } from '../../local-supabase/config.ts';

const fileBytes = 10 * 1024 * 1024;
const rounds = 5;

// Node 20 has no global WebSocket; supabase-js builds its realtime client eagerly.
type Transport = NonNullable<SupabaseClientOptions<'public'>['realtime']>['transport'];
const supabase = createClient(apiUrl, keys.secret, {
	auth: { persistSession: false },
	realtime: { transport: ws as unknown as Transport }
});
const bucket = `bench-storage-${randomBytes(4).toString('hex')}`;
const content = randomBytes(fileBytes);

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const megabytesPerSecond = (ms: number) => fileBytes / 1024 / 1024 / (ms / 1000);

async function timed(action: () => Promise<void>): Promise<number[]> {
	const timings: number[] = [];
	for (let round = 0; round < rounds; round++) {
		const started = performance.now();
		await action();
		timings.push(performance.now() - started);
	}
	return timings;
}

function report(label: string, timings: number[]): void {
	const ms = median(timings);
	console.log(
		`${label.padEnd(28)} ${megabytesPerSecond(ms).toFixed(1).padStart(7)} MB/s  (median ${ms.toFixed(0)} ms of ${rounds})`
	);
}

const { error: createError } = await supabase.storage.createBucket(bucket, { public: false });
if (createError) throw createError;
const files = supabase.storage.from(bucket);
try {
	report(
		'upload, multipart (Blob)',
		await timed(async () => {
			const { error } = await files.upload('multipart.bin', new Blob([content]), { upsert: true });
			if (error) throw error;
		})
	);
	report(
		'upload, raw body (Buffer)',
		await timed(async () => {
			const { error } = await files.upload('raw.bin', content, {
				upsert: true,
				contentType: 'application/octet-stream'
			});
			if (error) throw error;
		})
	);
	report(
		'download (Blob)',
		await timed(async () => {
			const { data, error } = await files.download('raw.bin');
			if (error) throw error;
			if (data.size !== fileBytes) throw new Error(`downloaded ${data.size} bytes`);
		})
	);
} finally {
	await supabase.storage.emptyBucket(bucket);
	await supabase.storage.deleteBucket(bucket);
}
