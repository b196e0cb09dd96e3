/**
 * Parity, the heart of `calling-cycle/sql`: on random books the compiled SQL returns, in PGlite
 * and in DuckDB, exactly the items `evaluate` returns, field by field. The real-server run is in
 * postgres.test.ts (set CALLING_CYCLE_PG_URL).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openDuckdb, openPglite, type TestDatabase } from './databases.js';
import { assertParity, prepareDatabase } from './parity.js';

// A few hundred books in all: each costs a load and a query, and the suite should stay in tens of seconds.
const RUNS = Number(process.env.CALLING_CYCLE_SQL_RUNS ?? 60);

for (const [name, open] of [
  ['PGlite', openPglite],
  ['DuckDB', openDuckdb],
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

    it(`on ${RUNS} random books (zones with DST and odd offsets, every covered cadence, holidays, top-N ties)`, async () => {
      await assertParity(db, RUNS);
    }, 300_000);
  });
}
