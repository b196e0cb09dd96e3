/**
 * The parity check shared by every database: a random book evaluated by `evaluate` and by the
 * compiled SQL must give the same items, field by field.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { type DueItem, evaluate, parsePolicy } from '../../src/index.js';
import { bookTableStatements, compileSql, type SqlValues, sqlSupportTables, supportTableStatements } from '../../src/sql/index.js';
import { bookArbitrary, type RandomBook, SUPPORT_RANGE, ZONES } from './books.js';
import { type SqlItemRow, type TestDatabase, toItem } from './databases.js';

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

const MIDNIGHT = 'T00:00:00.000Z';

/**
 * A row of a `values: 'typed'` query as the text row the suite compares: both drivers read a DATE
 * as a Date at UTC midnight and a TIMESTAMPTZ as a Date. Anything else (text included) fails, so
 * a typed query that still wrote text could not pass.
 */
export function typedToItem(row: Record<string, unknown>): SqlItemRow {
  const dueOn = row.due_on;
  const lastTouchAt = row.last_touch_at;
  if (dueOn !== null && !(dueOn instanceof Date)) throw new Error(`due_on is not a date: ${JSON.stringify(dueOn)}`);
  if (lastTouchAt !== null && !(lastTouchAt instanceof Date)) throw new Error(`last_touch_at is not an instant: ${JSON.stringify(lastTouchAt)}`);
  const dueText = dueOn?.toISOString() ?? null;
  if (dueText !== null && !dueText.endsWith(MIDNIGHT)) throw new Error(`due_on is not a whole day: ${dueText}`);
  return toItem({ ...row, due_on: dueText?.slice(0, 10) ?? null, last_touch_at: lastTouchAt?.toISOString() ?? null });
}

/**
 * Runs one book in the database and returns both sides, sorted. `values: 'typed'` compiles the
 * typed query and reads its dates back into text (typedToItem).
 */
export async function bothSides(db: TestDatabase, book: RandomBook, values?: SqlValues): Promise<{ sql: SqlItemRow[]; core: SqlItemRow[] }> {
  const policy = parsePolicy(book.policy);
  const support = sqlSupportTables(policy, { ...SUPPORT_RANGE, zones: ZONES });
  await db.run(supportTableStatements(support, { dialect: db.dialect, only: ['workDays', 'supportRange', 'occurrences'] }));
  await db.run(bookTableStatements(book, { dialect: db.dialect }));
  const { sql } = compileSql(policy, { dialect: db.dialect, ...(values === undefined ? {} : { values }) });
  const core = evaluate({ ...book, policy });
  const rows = values === 'typed' ? (await db.rows(sql, [book.now])).map(typedToItem) : await db.items(sql, [book.now]);
  return { sql: rows.sort(byKey), core: core.items.map(itemFields).sort(byKey) };
}

/** The property: on every random book the database returns exactly `evaluate`'s items. */
export async function assertParity(db: TestDatabase, numRuns: number, values?: SqlValues): Promise<void> {
  await fc.assert(
    fc.asyncProperty(bookArbitrary, async (book) => {
      const { sql, core } = await bothSides(db, book, values);
      expect(sql).toEqual(core);
    }),
    { numRuns },
  );
}
