import { defineConfig } from '@playwright/test';
import { apiUrl, keys } from './local-supabase/config.ts';

// E2E_PORT lets two checkouts run their suites side by side (each with its own shifted stack).
const port = Number(process.env.E2E_PORT ?? 4173);
// `localhost` rather than 127.0.0.1: SvelteKit sets cookies `Secure` except on http://localhost.
const baseURL = `http://localhost:${port}`;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	workers: 2,
	retries: 0,
	// Two browsers, live round trips and the stack on two cores: give each test room.
	timeout: 60_000,
	reporter: 'list',
	// Generous: the app, the stack and other suites share two cores.
	expect: { timeout: 10_000 },
	use: {
		baseURL,
		// The browser's language decides the UI language; pin it so tests see German by default.
		locale: 'de-DE',
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	webServer: {
		command: 'npm run build && node build',
		url: baseURL,
		reuseExistingServer: !process.env.CI,
		timeout: 180_000,
		env: {
			PORT: String(port),
			ORIGIN: baseURL,
			// local-supabase (Supabase CLI defaults) unless the environment points elsewhere.
			PUBLIC_SUPABASE_URL: process.env.PUBLIC_SUPABASE_URL ?? apiUrl,
			PUBLIC_SUPABASE_PUBLISHABLE_KEY:
				process.env.PUBLIC_SUPABASE_PUBLISHABLE_KEY ?? keys.publishable
		}
	}
});
