/**
 * The support tables cut short, on random books in PGlite and DuckDB (cut-range.ts): every row is
 * `evaluate`'s item or `out-of-range`, and exact for contacts whose instants lie inside the tables.
 * The real-server run is in postgres-server.parity.ts.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { assertOutsideTables } from './cut-range.js';
import { openDuckdb, openPglite, type TestDatabase } from './databases.js';

const RUNS = process.env.CALLING_CYCLE_SQL_RUNS === undefined ? undefined : Number(process.env.CALLING_CYCLE_SQL_RUNS);

for (const [name, open, defaultRuns] of [
  ['PGlite', openPglite, 20],
  ['DuckDB', openDuckdb, 12],
] as const) {
  describe(`support tables cut short, in ${name}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await open();
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    it(`on ${RUNS ?? defaultRuns} random books: each row is evaluate's item or out-of-range, and exact where every instant lies inside`, async () => {
      await assertOutsideTables(db, RUNS ?? defaultRuns);
    }, 300_000);
  });
}
