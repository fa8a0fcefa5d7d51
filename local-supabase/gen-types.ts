/**
 * `npm run gen:types`: what `supabase gen types typescript --local` does, without Docker —
 * postgres-meta's type generator run against the local database, written to the app.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { dbUrl, paths } from './config.ts';

const require = createRequire(import.meta.url);
const generator = path.join(
	path.dirname(require.resolve('@supabase/postgres-meta/package.json')),
	'dist/server/server.js'
);
const target = path.join(paths.root, 'src/lib/supabase/database.types.ts');

const types = execFileSync(process.execPath, [generator], {
	env: {
		...process.env,
		PG_META_DB_URL: dbUrl,
		PG_META_GENERATE_TYPES: 'typescript',
		PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS: 'public'
	},
	encoding: 'utf8',
	stdio: ['ignore', 'pipe', 'ignore'],
	maxBuffer: 64 * 1024 * 1024
});
writeFileSync(target, types);
execFileSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--write', target], {
	stdio: 'ignore'
});
console.log(`Wrote ${path.relative(process.cwd(), target)}`);
