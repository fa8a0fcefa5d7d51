/** `npm run gen:types`: writes the local database's types to the app (see database-types.ts). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { dbUrl } from './config.ts';
import { databaseTypesFile, generateDatabaseTypes } from './database-types.ts';

writeFileSync(databaseTypesFile, await generateDatabaseTypes(dbUrl));
console.log(`Wrote ${path.relative(process.cwd(), databaseTypesFile)}`);
