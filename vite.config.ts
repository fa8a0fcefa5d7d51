import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vitest/config';
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';

/** Suites that talk to the running local-supabase stack (or a real Supabase project). */
const stackSuite = (name: string) => ({
	test: {
		name,
		environment: 'node',
		expect: { requireAssertions: true },
		include: [`tests/${name}/**/*.test.ts`],
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});

export default defineConfig({
	plugins: [
		tailwindcss(),
		sveltekit({
			compilerOptions: {
				// Force runes mode for the project, except for libraries. Can be removed in svelte 6.
				runes: ({ filename }) =>
					filename.split(/[/\\]/).includes('node_modules') ? undefined : true
			},
			adapter: adapter()
		})
	],
	server: { port: 5173, strictPort: true },
	test: {
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					expect: { requireAssertions: true },
					include: ['src/**/*.{test,spec}.ts', 'tests/unit/**/*.test.ts']
				}
			},
			stackSuite('stack'),
			stackSuite('conformance'),
			stackSuite('db')
		]
	}
});
