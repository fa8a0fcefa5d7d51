/**
 * The header tells when the live connection is lost, and after it is back the page shows what
 * changed meanwhile without a reload.
 *
 * How the connection is cut: Chromium's offline emulation (context.setOffline) fires the
 * browser's offline/online events but leaves an open WebSocket alone. So the tests also route
 * the Realtime WebSocket through Playwright (page.routeWebSocket): while "down", the open
 * socket is closed and new ones are refused, as when the network or the server goes away. The
 * app's own code and supabase-js stay unchanged; no test hook in the app.
 */
import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import {
	createLead,
	deleteLeadsNamed,
	openPage,
	personas,
	signInAs,
	uniqueName
} from './leads-data.ts';

const marker = uniqueName('E2E-Verbindung');
// Reconnecting waits for supabase-js's back-off (up to 10 s per try) on a busy machine.
test.describe.configure({ timeout: 120_000 });
test.afterAll(() => deleteLeadsNamed(marker));

/** Realtime's WebSocket, passed through unless cut. */
async function routeRealtime(page: Page) {
	let cut = false;
	const open = new Set<WebSocketRoute>();
	await page.routeWebSocket(/\/realtime\/v1\/websocket/, async (socket) => {
		if (cut) {
			// Closed before it opens: the browser sees a failed connection attempt.
			await socket.close({ code: 3000, reason: 'cut by test' });
			return;
		}
		socket.connectToServer();
		open.add(socket);
		socket.onClose(() => open.delete(socket));
	});
	return {
		async cut() {
			cut = true;
			await Promise.all(
				[...open].map((socket) => socket.close({ code: 3000, reason: 'cut by test' }))
			);
			open.clear();
		},
		restore() {
			cut = false;
		}
	};
}

const offline = (page: Page) => page.getByRole('banner').getByText('Offline', { exact: true });
const reconnecting = (page: Page) =>
	page.getByRole('banner').getByText('Verbindung wird wiederhergestellt …');

/** The header says nothing about the connection while it works. */
async function expectConnected(page: Page, options?: { timeout: number }) {
	await expect(offline(page)).toHaveCount(0, options);
	await expect(reconnecting(page)).toHaveCount(0, options);
}

async function openLiveLeads(page: Page, query: string) {
	await signInAs(page, personas.lea);
	await openPage(page, `/leads?q=${encodeURIComponent(query)}`);
	await expect(page.getByRole('main').getByRole('status').getByText('Live')).toBeVisible();
	await expectConnected(page);
}

test('offline: the header says so; back online, a lead added meanwhile shows without reload', async ({
	page,
	context
}) => {
	const name = `${marker} Offline`;
	const realtime = await routeRealtime(page);
	await openLiveLeads(page, name);

	await context.setOffline(true);
	await realtime.cut();
	await expect(offline(page)).toBeVisible();

	await createLead({ name, status: 'cold', createdBy: personas.max, isPublic: true });

	// The browser is online again, Realtime not yet.
	await context.setOffline(false);
	await expect(reconnecting(page)).toBeVisible();

	realtime.restore();
	// supabase-js retries with a back-off of up to 10 s.
	await expectConnected(page, { timeout: 30_000 });
	await expect(page.getByRole('table')).toContainText(name);
});

test('a dropped connection says it is reconnecting, and afterwards shows what it missed', async ({
	page
}) => {
	const name = `${marker} Verpasst`;
	const realtime = await routeRealtime(page);
	await openLiveLeads(page, name);

	await realtime.cut();
	await expect(reconnecting(page)).toBeVisible();
	await expect(
		page.getByRole('main').getByRole('status').getByText('Live-Aktualisierung unterbrochen')
	).toBeVisible();

	await createLead({ name, status: 'cold', createdBy: personas.max, isPublic: true });
	// Nothing can bring it while the connection is down (no event, no refetch).
	await expect(page.getByText('Keine Interessenten passen zu diesen Filtern.')).toBeVisible();

	realtime.restore();
	await expectConnected(page, { timeout: 30_000 });
	await expect(page.getByRole('table')).toContainText(name);
});
