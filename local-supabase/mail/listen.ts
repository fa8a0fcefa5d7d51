import type { Server } from 'node:net';

/**
 * Starts listening and resolves once bound; a taken port becomes an Error that names the port
 * and what wanted it, so `local:start` says what to free instead of a bare EADDRINUSE.
 */
export function listenOrExplain(
	what: string,
	host: string,
	port: number,
	listen: (onListening: () => void) => Server
): Promise<void> {
	return new Promise((resolve, reject) => {
		const onError = (error: NodeJS.ErrnoException) => {
			const reason =
				error.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${error.message})`;
			reject(new Error(`${what}: port ${port} on ${host} ${reason}`, { cause: error }));
		};
		const server = listen(() => {
			server.off('error', onError);
			resolve();
		});
		server.once('error', onError);
	});
}
