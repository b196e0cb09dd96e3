/**
 * The parity check shared by every database: a random book evaluated by `evaluate` and by the
 * compiled SQL must give the same items, field by field.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { type DueItem, evaluate, parsePolicy } from '../../src/index.js';
import { bookTableStatements, compileSql, sqlSupportTables, supportTableStatements } from '../../src/sql/index.js';
import { bookArbitrary, type RandomBook, SUPPORT_RANGE, ZONES } from './books.js';
import type { SqlItemRow, TestDatabase } from './databases.js';

/** The fields of an item the SQL returns. */
export function itemFields(item: DueItem): SqlItemRow {
  return {
    contactId: item.contactId,
    cycleId: item.cycleId,
    tierId: item.tierId,
    ownerId: item.ownerId,
    status: item.status,
    dueOn: item.dueOn,
    daysOverdue: item.daysOverdue,
    lastTouchAt: item.lastTouchAt,
    escalation: item.escalation,
  };
}

const byKey = (a: SqlItemRow, b: SqlItemRow) =>
  a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : a.cycleId < b.cycleId ? -1 : a.cycleId > b.cycleId ? 1 : 0;

/** Loads the zone table once: it depends on the zones and dates only, not on a book. */
export async function prepareDatabase(db: TestDatabase): Promise<void> {
  const policy = parsePolicy({ version: 1, tiers: [{ id: 'T', cycles: [{ id: 'c', cadence: { every: 'P1D' } }] }] });
  const support = sqlSupportTables(policy, { ...SUPPORT_RANGE, zones: ZONES });
  await db.run(supportTableStatements(support, { dialect: db.dialect, only: ['zoneDays'] }));
}

/** Runs one book in the database and returns both sides, sorted. */
export async function bothSides(db: TestDatabase, book: RandomBook): Promise<{ sql: SqlItemRow[]; core: SqlItemRow[] }> {
  const policy = parsePolicy(book.policy);
  const support = sqlSupportTables(policy, { ...SUPPORT_RANGE, zones: ZONES });
  await db.run(supportTableStatements(support, { dialect: db.dialect, only: ['workDays', 'supportRange', 'occurrences'] }));
  await db.run(bookTableStatements(book, { dialect: db.dialect }));
  const { sql } = compileSql(policy, { dialect: db.dialect });
  const core = evaluate({ ...book, policy });
  return { sql: (await db.items(sql, [book.now])).sort(byKey), core: core.items.map(itemFields).sort(byKey) };
}

/** The property: on every random book the database returns exactly `evaluate`'s items. */
export async function assertParity(db: TestDatabase, numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(bookArbitrary, async (book) => {
      const { sql, core } = await bothSides(db, book);
      expect(sql).toEqual(core);
    }),
    { numRuns },
  );
}
