/**
 * `values: 'typed'`: the compiled query gives `due_on` as a DATE and `last_touch_at` as a
 * TIMESTAMPTZ, and otherwise the rows of the text query. In PGlite and DuckDB, on random books and
 * on a fixed one that reaches the branches a random book may miss (a touch with milliseconds, a
 * never-touched contact, the lost-tier rows a lapsed rule adds, a policy with every cycle omitted).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/index.js';
import { compileSql } from '../../src/sql/index.js';
import type { RandomBook } from './books.js';
import { openDuckdb, openPglite, type TestDatabase } from './databases.js';
import { assertParity, bothSides, prepareDatabase } from './parity.js';

const RUNS = process.env.CALLING_CYCLE_SQL_RUNS === undefined ? undefined : Number(process.env.CALLING_CYCLE_SQL_RUNS);

const FIXED: RandomBook = {
  policy: {
    version: 1,
    tiers: [
      { id: 'T0', cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] },
      { id: 'T1', cycles: [{ id: 'review', cadence: { every: 'P7D' } }] },
    ],
    // A lapsed rule puts the lost-tier rows in the query, beside the cycles' rows.
    assign: [{ tier: 'T1', when: { lapsed: 'P30D' } }],
    defaultTier: 'T0',
  },
  contacts: [
    { id: 'c1', timeZone: 'Pacific/Apia', createdAt: '2026-01-05T10:00:00Z' },
    { id: 'c2', timeZone: 'Asia/Kathmandu', createdAt: '2026-10-02T10:00:00Z' },
    { id: 'c3', timeZone: 'Europe/London', createdAt: '2026-01-05T10:00:00Z' },
  ],
  touches: [
    { contactId: 'c1', at: '2026-11-01T09:30:00.123Z', channel: 'call' },
    { contactId: 'c3', at: '2026-08-01T23:59:59.999Z', channel: 'call' },
  ],
  owners: [],
  snoozes: [],
  now: '2026-11-20T12:00:00.000Z',
};

for (const [name, open, defaultRuns] of [
  ['PGlite', openPglite, 15],
  ['DuckDB', openDuckdb, 10],
] as const) {
  describe(`typed values: compiled SQL equals evaluate in ${name}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await open();
      await prepareDatabase(db);
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    it('a fixed book: DATE and TIMESTAMPTZ values, milliseconds kept, NULL where never touched', async () => {
      const { sql, core } = await bothSides(db, FIXED, 'typed');
      expect(sql).toEqual(core);
      expect(core.map((row) => [row.contactId, row.lastTouchAt])).toEqual([
        ['c1', '2026-11-01T09:30:00.123Z'],
        ['c2', null],
        ['c3', '2026-08-01T23:59:59.999Z'],
      ]);
      expect(core.every((row) => row.dueOn !== null)).toBe(true);
      // The driver's own reading of the columns: values, not text.
      const { sql: text } = compileSql(parsePolicy(FIXED.policy), { dialect: db.dialect });
      const { sql: typed } = compileSql(parsePolicy(FIXED.policy), { dialect: db.dialect, values: 'typed' });
      const typedRows = await db.rows(typed, [FIXED.now]);
      expect(typedRows.every((row) => row.due_on instanceof Date)).toBe(true);
      expect((await db.rows(text, [FIXED.now])).every((row) => typeof row.due_on === 'string')).toBe(true);
    });

    it('a policy whose every cycle is omitted: no rows, not an exception', async () => {
      const policy = parsePolicy({ version: 1, tiers: [{ id: 'A', cycles: [{ id: 'm', cadence: { rrule: 'FREQ=MONTHLY' } }] }], defaultTier: 'A' });
      const compiled = compileSql(policy, { dialect: db.dialect, unsupportedCycles: 'omit', values: 'typed' });
      expect(compiled.omittedCycles.map((cycle) => cycle.cycleId)).toEqual(['m']);
      expect(await db.rows(compiled.sql, [FIXED.now])).toEqual([]);
    });

    it(`on ${RUNS ?? defaultRuns} random books`, async () => {
      await assertParity(db, RUNS ?? defaultRuns, 'typed');
    }, 300_000);
  });
}
