/**
 * Random books against support tables whose range is cut short (a `from` after some touches,
 * createdAt dates and events; a `to` that `now` may pass), in any database of the suite. The query never
 * fails; every row is `evaluate`'s item or says `out-of-range`; and every row of a contact whose
 * instants all lie well inside the tables is `evaluate`'s item, unless the due date the cadence
 * gives lies outside the range itself.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { evaluate, parsePolicy } from '../../src/index.js';
import { bookTableStatements, compileSql, sqlSupportTables, supportTableStatements } from '../../src/sql/index.js';
import { bookArbitrary, OWNERS, type RandomBook, ZONES } from './books.js';
import type { TestDatabase } from './databases.js';
import { itemFields } from './parity.js';

const DAY = 86_400_000;

export const dayText = (epochDay: number) => new Date(epochDay * DAY).toISOString().slice(0, 10);
export const epochDay = (text: string) => Math.floor(Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text) / DAY);

const RANGE_FIRST = epochDay('2025-09-01');
const RANGE_LAST = epochDay('2027-01-05');
const ALL_ZONE_DAYS = 'cc_zone_days_all';

/** A range from a day in 2025-09 … 2026-10 to one at least a month later (now may lie past it). */
export const rangeArbitrary = fc
  .integer({ min: RANGE_FIRST, max: epochDay('2026-10-01') })
  .chain((from) => fc.record({ from: fc.constant(from), to: fc.integer({ min: from + 30, max: RANGE_LAST }) }));

// A lapsed rule on an old touch, a top-N rule the lost tier takes part in, a contact created
// before the tables, and one whose instants all lie inside them: the fixed book that guarantees
// the flagged paths and the exact one are reached.
const FLAGGED_BOOK: [RandomBook, { from: number; to: number }] = [
  {
    policy: {
      version: 1,
      calendars: { uk: { holidays: [] }, us: { holidays: [] } },
      tiers: [
        { id: 'T0', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] },
        { id: 'T1', weight: 1, cycles: [{ id: 'review', cadence: { per: 'month', times: 1 } }] },
        { id: 'T2', weight: 1, cycles: [{ id: 'follow', cadence: { after: 'closedWon', at: ['P7D'] } }] },
      ],
      assign: [
        { tier: 'T1', when: { lapsed: 'P30D' } },
        { tier: 'T2', top: { by: 'revenue', n: 1 } },
      ],
      defaultTier: 'T0',
    },
    contacts: [
      // Touched the day before the zone table starts: lapsed (P30D) or not depends on its date.
      { id: 'c1', createdAt: '2025-03-02T10:00:00Z', attributes: { revenue: 5 } },
      { id: 'c10', createdAt: '2025-03-02T10:00:00Z', attributes: { revenue: 1 } },
      { id: 'c2', createdAt: '2026-03-02T10:00:00Z', attributes: { revenue: 3 } },
      { id: 'c9', createdAt: '2025-03-02T10:00:00Z', events: { closedWon: '2026-05-01' } },
      // Created and touched inside the tables, with no revenue (no top-N candidate): exact.
      { id: 'c3', createdAt: '2026-04-05T10:00:00Z' },
    ],
    touches: [
      { contactId: 'c1', at: '2026-03-30T10:00:00Z', channel: 'call' },
      { contactId: 'c2', at: '2026-04-20T10:00:00Z', channel: 'call' },
      { contactId: 'c10', at: '2026-04-20T10:00:00Z', channel: 'call' },
      { contactId: 'c9', at: '2025-03-20T10:00:00Z', channel: 'call' },
      { contactId: 'c3', at: '2026-04-10T10:00:00Z', channel: 'call' },
    ],
    owners: OWNERS,
    snoozes: [],
    now: '2026-04-29T10:00:00.000Z',
  },
  { from: epochDay('2026-04-01'), to: epochDay('2026-12-31') },
];

interface Tally {
  books: number;
  flagged: number;
  lostTiers: number;
  exact: number;
}

async function check(db: TestDatabase, book: RandomBook, range: { from: number; to: number }, tally: Tally): Promise<void> {
  const policy = parsePolicy(book.policy);
  const support = sqlSupportTables(policy, { from: dayText(range.from), to: dayText(range.to), zones: ZONES, dueHorizon: 'P2Y' });
  await db.run(supportTableStatements(support, { dialect: db.dialect, only: ['workDays', 'supportRange', 'occurrences'] }));
  // The zone table of this range, cut from the widest one inside the database: its rows for a
  // day do not depend on the range, and writing thousands of rows per book is slow.
  await db.run([
    'DROP TABLE IF EXISTS cc_zone_days',
    `CREATE TABLE cc_zone_days AS SELECT * FROM ${ALL_ZONE_DAYS} WHERE utc_day BETWEEN ${range.from - 1} AND ${range.to + 1}`,
  ]);
  await db.run(bookTableStatements(book, { dialect: db.dialect }));
  const rows = await db.items(compileSql(policy, { dialect: db.dialect }).sql, [book.now]);
  const core = evaluate({ ...book, policy });
  const items = new Map(core.items.map((item) => [`${item.contactId} ${item.cycleId}`, item]));
  const erred = new Set(core.errors.map((error) => String(error.contactId)));
  // A contact whose tier is lost gives one row with no cycle, and no other row.
  const lostTier = new Set(rows.filter((row) => row.cycleId === 'null').map((row) => row.contactId));
  const seen = new Set<string>();
  for (const row of rows) {
    if (lostTier.has(row.contactId)) {
      expect(row, row.contactId).toMatchObject({ cycleId: 'null', status: 'out-of-range', dueOn: null });
      tally.lostTiers += 1;
      continue;
    }
    const key = `${row.contactId} ${row.cycleId}`;
    seen.add(key);
    const item = items.get(key);
    if (row.status === 'out-of-range') {
      // Either an item, or a cycle evaluate reports as a record error (unknown then, here).
      expect(item !== undefined || erred.has(row.contactId), key).toBe(true);
      expect(row, key).toMatchObject({ dueOn: null, daysOverdue: 0, escalation: null });
      tally.flagged += 1;
      continue;
    }
    expect(row, key).toEqual(itemFields(item!));
  }
  for (const key of items.keys()) {
    if (!lostTier.has(key.split(' ')[0]!)) expect(seen.has(key), key).toBe(true);
  }

  // Contacts whose instants all lie a day inside the tables: out-of-range only where the answer
  // itself lies outside them (a raw due date, or an event anchor before the first day).
  const inside = (text: string) => epochDay(text) >= range.from + 1 && epochDay(text) <= range.to;
  const nowMs = Date.parse(book.now);
  if (!inside(book.now)) return;
  const firstDay = dayText(range.from);
  const lastDay = support.range.lastDay;
  for (const contact of book.contacts) {
    const id = String(contact.id);
    const instants = [
      ...(contact.createdAt === undefined ? [] : [String(contact.createdAt)]),
      ...book.touches
        .filter((touch) => String(touch.contactId) === id && Date.parse(String(touch.at)) <= nowMs)
        .map((touch) => String(touch.at)),
    ];
    if (!instants.every(inside) || lostTier.has(id)) continue;
    for (const row of rows.filter((candidate) => candidate.contactId === id && candidate.status === 'out-of-range')) {
      const item = items.get(`${id} ${row.cycleId}`);
      const rawDue = item?.reason.rawDue ?? null;
      const event = contact.events?.closedWon === undefined ? undefined : String(contact.events.closedWon);
      const explained =
        item === undefined ||
        (rawDue !== null && (rawDue < firstDay || rawDue > lastDay)) ||
        (event !== undefined && event < firstDay && 'rrule' in (item.reason.cadence as object));
      expect(explained, `${id} ${row.cycleId}: out-of-range with every instant inside the tables (raw due ${rawDue})`).toBe(true);
    }
    tally.exact += 1;
  }
}

/**
 * The property on `numRuns` random books and the fixed one, which guarantees that flagged rows, a
 * lost tier and exact rows of contacts inside the tables are all met.
 */
export async function assertOutsideTables(db: TestDatabase, numRuns: number): Promise<void> {
  const tally: Tally = { books: 0, flagged: 0, lostTiers: 0, exact: 0 };
  const widest = sqlSupportTables(parsePolicy({ version: 1, tiers: [{ id: 'T', cycles: [{ id: 'c', cadence: { every: 'P1D' } }] }] }), {
    from: dayText(RANGE_FIRST),
    to: dayText(RANGE_LAST),
    zones: ZONES,
  });
  await db.run(supportTableStatements(widest, { dialect: db.dialect, only: ['zoneDays'], tables: { zoneDays: ALL_ZONE_DAYS } }));
  await fc.assert(
    fc.asyncProperty(bookArbitrary, rangeArbitrary, async (book, range) => {
      tally.books += 1;
      await check(db, book, range, tally);
    }),
    { numRuns, examples: [FLAGGED_BOOK] },
  );
  expect(tally.flagged).toBeGreaterThan(0);
  expect(tally.lostTiers).toBeGreaterThan(0);
  expect(tally.exact).toBeGreaterThan(0);
}
