/**
 * Parity, the heart of `calling-cycle/sql`: on random books the compiled SQL returns, in PGlite
 * and in DuckDB, exactly the items `evaluate` returns, field by field. The real-server run is in
 * postgres.test.ts (set CALLING_CYCLE_PG_URL).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openDuckdb, openPglite, type TestDatabase } from './databases.js';
import { assertParity, prepareDatabase } from './parity.js';

// Each book costs a load and a query (DuckDB's plans cost more than PGlite's), and the suite
// should stay in tens of seconds; CALLING_CYCLE_SQL_RUNS asks for more.
const RUNS = process.env.CALLING_CYCLE_SQL_RUNS === undefined ? undefined : Number(process.env.CALLING_CYCLE_SQL_RUNS);

for (const [name, open, defaultRuns] of [
  ['PGlite', openPglite, 40],
  ['DuckDB', openDuckdb, 25],
] as const) {
  describe(`compiled SQL equals evaluate in ${name}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await open();
      await prepareDatabase(db);
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    it(`on ${RUNS ?? defaultRuns} random books (zones with DST and odd offsets, every covered cadence, holidays, top-N ties)`, async () => {
      await assertParity(db, RUNS ?? defaultRuns);
    }, 300_000);
  });
}
