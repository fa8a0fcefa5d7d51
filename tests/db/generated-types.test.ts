/**
 * src/lib/supabase/database.types.ts must be what `npm run gen:types` makes of the migrations,
 * so a schema change without regenerated types fails here instead of typing queries wrongly.
 * Generated from a scratch database built from the migrations alone: tables other test files
 * create for a moment in the stack's database must not count.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseTypesFile, generateDatabaseTypes } from '../../local-supabase/database-types.ts';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.ts';

let scratch: ScratchDatabase;
beforeAll(async () => {
	scratch = await createScratchDatabase('leadwerk_types');
});
afterAll(async () => {
	await scratch?.drop();
});

it('database.types.ts matches the schema of the migrations', async () => {
	const committed = readFileSync(databaseTypesFile, 'utf8');
	const generated = await generateDatabaseTypes(scratch.url);
	expect(
		committed,
		'src/lib/supabase/database.types.ts is out of date: run `npx tsx local-supabase/cli.ts reset && npm run gen:types` and commit the result'
	).toBe(generated);
}, 120_000);
