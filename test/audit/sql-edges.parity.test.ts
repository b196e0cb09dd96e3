/**
 * The compiled SQL against `evaluate` on the audit's edge books (test/audit/edge-books.ts): `now`
 * and touches at local midnights, month-end anchors and events, first touches due in months,
 * pauses and snoozes next to the due day, owners in other zones, a week of holidays, numeric ids;
 * in PGlite and DuckDB, with text and typed values.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, parsePolicy } from '../../src/index.js';
import { bookTableStatements, compileSql, sqlSupportTables, supportTableStatements } from '../../src/sql/index.js';
import { openDuckdb, openPglite, type SqlItemRow, type TestDatabase } from '../sql/databases.js';
import { itemFields, typedToItem } from '../sql/parity.js';
import { AUDIT_ZONES, type AuditBook, auditBook } from './edge-books.js';

const RANGE = { from: '2024-01-01', to: '2027-03-31', dueHorizon: 'P2Y' } as const;

const key = (row: SqlItemRow) => `${row.contactId}\u0000${row.cycleId}`;
const byKey = (a: SqlItemRow, b: SqlItemRow) => (key(a) < key(b) ? -1 : 1);

async function sides(db: TestDatabase, book: AuditBook, values: 'text' | 'typed') {
  const policy = parsePolicy(book.policy);
  const support = sqlSupportTables(policy, { ...RANGE, zones: AUDIT_ZONES });
  await db.run(supportTableStatements(support, { dialect: db.dialect, only: ['workDays', 'supportRange', 'occurrences'] }));
  await db.run(bookTableStatements(book, { dialect: db.dialect }));
  const { sql } = compileSql(policy, { dialect: db.dialect, values });
  const core = evaluate({ ...book, policy });
  const rows = values === 'typed' ? (await db.rows(sql, [book.now])).map(typedToItem) : await db.items(sql, [book.now]);
  return { sql: rows.sort(byKey), core: core.items.map(itemFields).sort(byKey), errors: core.errors };
}

for (const [name, open, runs] of [
  ['PGlite', openPglite, 12],
  ['DuckDB', openDuckdb, 6],
] as const) {
  describe(`compiled SQL equals evaluate on edge books in ${name}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await open();
      const policy = parsePolicy({ version: 1, tiers: [{ id: 'T', cycles: [{ id: 'c', cadence: { every: 'P1D' } }] }] });
      await db.run(
        supportTableStatements(sqlSupportTables(policy, { ...RANGE, zones: AUDIT_ZONES }), { dialect: db.dialect, only: ['zoneDays'] }),
      );
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    for (const values of ['text', 'typed'] as const)
      it(`row for row, ${values} values`, async () => {
        await fc.assert(
          fc.asyncProperty(auditBook, async (book) => {
            const { sql, core } = await sides(db, book, values);
            expect(sql).toEqual(core);
          }),
          { numRuns: runs },
        );
      }, 120_000);
  });
}
