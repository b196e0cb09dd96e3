/**
 * Writes the JSON Schemas of the wire format into the package folder `schema/`
 * (`calling-cycle/schema/policy.json` …), generated from the zod schemas so they cannot drift.
 *
 * Run: npx tsx scripts/build-schemas.ts [out-dir]   (default: schema/ at the package root)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSON_SCHEMA_NAMES, jsonSchemaFor } from '../src/schema-json/index.js';

const packageRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const outDir = resolve(process.argv[2] ?? join(packageRoot, 'schema'));
mkdirSync(outDir, { recursive: true });
for (const name of JSON_SCHEMA_NAMES) {
  const file = join(outDir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(jsonSchemaFor(name), null, 2)}\n`);
  console.log(`wrote ${file}`);
}
