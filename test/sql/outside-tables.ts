/**
 * Instants the support tables cannot place, in any database of the suite: a touch, `createdAt` or `now`
 * outside the zone table's dates, and a rule whose occurrences the tables lack. Each gives rows
 * with a clear status (`out-of-range`, `unknown-rule`) for exactly the rows whose answer depends
 * on it; an old instant that cannot change an answer flags nothing, and the query never fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Contact, evaluate, parsePolicy, type Touch } from '../../src/index.js';
import { bookTableStatements, compileSql, sqlSupportTables, supportTableStatements } from '../../src/sql/index.js';
import type { SqlItemRow, TestDatabase } from './databases.js';
import { itemFields } from './parity.js';

const policy = parsePolicy({
  version: 1,
  timeZone: 'Europe/London',
  tiers: [
    {
      id: 'A',
      cycles: [
        { id: 'rolling', cadence: { every: 'P14D' } },
        { id: 'quota', cadence: { per: 'month', times: 1 } },
        { id: 'after-sale', cadence: { after: 'closedWon', at: ['P7D', 'P30D'] } },
        { id: 'fixed', cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2026-02-01' } },
        { id: 'series', cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU' } },
        { id: 'fortnight', cadence: { rrule: 'FREQ=WEEKLY;INTERVAL=2' } },
      ],
    },
  ],
  defaultTier: 'A',
});

// The tables start on 2026-01-01: the zone table holds UTC days from 2025-12-31 to 2027-01-01.
const RANGE = { from: '2026-01-01', to: '2026-12-31', zones: ['Europe/London', 'Asia/Tokyo'] };
const OLD = '2024-05-01T10:00:00Z';
const NOW = '2026-11-23T08:00:00Z';

const contacts: Contact[] = [
  // An old touch and a later one: the old one cannot change any answer.
  { id: 'later-touch', createdAt: '2026-02-03T09:00:00Z', events: { closedWon: '2026-10-01' } },
  // Only the old touch: the cycles that count from the last touch need its date; the milestones
  // and the anchors (all after it) do not. The quota's answer lies before the tables anyway.
  { id: 'old-touch', createdAt: '2026-02-03T09:00:00Z', events: { closedWon: '2026-10-01' } },
  // Created before the tables, never touched: the cycles that count from createdAt need it.
  { id: 'old-created', createdAt: OLD, timeZone: 'Asia/Tokyo', events: { closedWon: '2026-10-01' } },
  // Created before the tables and touched since: only the rule anchored on createdAt's phase needs it.
  { id: 'old-created-touched', createdAt: OLD, timeZone: 'Asia/Tokyo' },
  { id: 'clean', createdAt: '2026-06-01T09:00:00Z', events: { closedWon: '2026-10-01' } },
  // Zone names in any case, as evaluate reads them: the same rows as old-touch's.
  { id: 'old-touch-upper', timeZone: 'EUROPE/LONDON', createdAt: '2026-02-03T09:00:00Z', events: { closedWon: '2026-10-01' } },
  { id: 'dnc', createdAt: OLD, doNotContact: true },
];

const touches: Touch[] = [
  { contactId: 'later-touch', at: OLD, channel: 'call' },
  { contactId: 'later-touch', at: '2026-11-10T10:00:00Z', channel: 'call' },
  { contactId: 'old-touch', at: OLD, channel: 'call' },
  { contactId: 'old-touch-upper', at: OLD, channel: 'call' },
  { contactId: 'old-created-touched', at: '2026-11-02T10:00:00Z', channel: 'call' },
  { contactId: 'clean', at: '2026-11-01T10:00:00Z', channel: 'call' },
];

const FLAGGED: Record<string, string[]> = {
  'later-touch': [],
  'old-touch': ['rolling', 'quota'],
  'old-touch-upper': ['rolling', 'quota'],
  'old-created': ['rolling', 'quota', 'series', 'fortnight'],
  'old-created-touched': ['fortnight'],
  clean: [],
  dnc: [],
};

const byKey = (a: SqlItemRow, b: SqlItemRow) => `${a.contactId} ${a.cycleId}`.localeCompare(`${b.contactId} ${b.cycleId}`);

// A lapsed rule on a touch the day before the zone table starts (2026-03-30, the tables from
// 2026-04-01): 30 days later is today, or tomorrow, or the day after, so whether c1 lapsed is
// unknown. c1's tier is lost; c2, whose top-1 place depends on c1's, is lost too; c3, second
// among the sure ones, is out of the top whatever c1 is.
export const tierPolicy = parsePolicy({
  version: 1,
  tiers: [
    { id: 'lapsed', cycles: [{ id: 'win-back', cadence: { every: 'P7D' } }] },
    { id: 'top', cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] },
    { id: 'rest', cycles: [{ id: 'check-in', cadence: { every: 'P1M' } }] },
  ],
  assign: [
    { tier: 'lapsed', when: { lapsed: 'P30D' } },
    { tier: 'top', top: { by: 'revenue', n: 1 } },
  ],
  defaultTier: 'rest',
});
export const tierContacts: Contact[] = [
  { id: 'c1', attributes: { revenue: 9 } },
  { id: 'c2', attributes: { revenue: 5 } },
  { id: 'c3', attributes: { revenue: 3 } },
  { id: 'c4', tier: 'top' },
];
export const tierTouches: Touch[] = [
  { contactId: 'c1', at: '2026-03-30T10:00:00Z', channel: 'call' },
  ...['c2', 'c3', 'c4'].map((contactId) => ({ contactId, at: '2026-04-20T10:00:00Z', channel: 'call' as const })),
];

/** The fixed cases, as vitest suites over databases `open` gives (each call a new, empty one). */
export function describeOutsideTables(name: string, open: () => Promise<TestDatabase>): void {
  describe(`instants outside the support tables in ${name}`, () => {
    let db: TestDatabase;
    const run = async (now: string) => (await db.items(compileSql(policy, { dialect: db.dialect }).sql, [now])).sort(byKey);
    beforeAll(async () => {
      db = await open();
      await db.run(supportTableStatements(sqlSupportTables(policy, RANGE), { dialect: db.dialect }));
      await db.run(bookTableStatements({ contacts, touches }, { dialect: db.dialect }));
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    it('an old touch or createdAt flags exactly the cycles whose answer needs its date; every other row is evaluate’s item', async () => {
      const rows = await run(NOW);
      const core = evaluate({ policy, contacts, touches, now: NOW });
      expect(core.errors).toEqual([]);
      const expected = core.items.map(itemFields).sort(byKey);
      expect(rows.map((row) => `${row.contactId} ${row.cycleId}`)).toEqual(expected.map((item) => `${item.contactId} ${item.cycleId}`));
      rows.forEach((row, index) => {
        const flagged = FLAGGED[row.contactId]!.includes(row.cycleId);
        if (flagged) {
          expect(row, `${row.contactId} ${row.cycleId}`).toMatchObject({
            status: 'out-of-range',
            dueOn: null,
            daysOverdue: 0,
            escalation: null,
          });
          // The last touch is an instant, not a date: it is still given.
          expect(row.lastTouchAt).toBe(expected[index]!.lastTouchAt);
        } else {
          expect(row, `${row.contactId} ${row.cycleId}`).toEqual(expected[index]);
        }
      });
      expect(rows.filter((row) => row.status === 'out-of-range')).toHaveLength(Object.values(FLAGGED).flat().length);
    });

    it.each(['2027-03-01T00:00:00Z', '2025-06-01T00:00:00Z'])(
      'now (%s) outside the tables: every row is out-of-range, except do-not-contact, whose answer needs no date',
      async (now) => {
        const rows = await run(now);
        expect(rows).toHaveLength(contacts.length * 6);
        for (const row of rows) {
          expect(row, `${row.contactId} ${row.cycleId}`).toMatchObject({
            status: row.contactId === 'dnc' ? 'excluded' : 'out-of-range',
            dueOn: null,
            daysOverdue: 0,
            escalation: null,
          });
        }
      },
    );

    it('a rule the occurrence table lacks (tables built for another policy) is a row with status unknown-rule, not a failed query', async () => {
      const other = parsePolicy({
        ...policy,
        tiers: [{ id: 'A', cycles: [...policy.tiers[0]!.cycles.filter((cycle) => !('rrule' in cycle.cadence))] }],
      });
      const db2 = await open();
      try {
        await db2.run(supportTableStatements(sqlSupportTables(other, RANGE), { dialect: db2.dialect }));
        await db2.run(bookTableStatements({ contacts, touches }, { dialect: db2.dialect }));
        const rows = (await db2.items(compileSql(policy, { dialect: db2.dialect }).sql, [NOW])).sort(byKey);
        const clean = rows.filter((row) => row.contactId === 'clean');
        expect(clean.filter((row) => row.cycleId === 'fixed' || row.cycleId === 'series')).toEqual([
          expect.objectContaining({ cycleId: 'fixed', status: 'unknown-rule', dueOn: null, daysOverdue: 0 }),
          expect.objectContaining({ cycleId: 'series', status: 'unknown-rule', dueOn: null, daysOverdue: 0 }),
        ]);
        // Day arithmetic reads no table: the interval rule's row is evaluate's.
        const core = evaluate({ policy, contacts, touches, now: NOW }).items.map(itemFields);
        expect(clean.find((row) => row.cycleId === 'fortnight')).toEqual(
          core.find((item) => item.contactId === 'clean' && item.cycleId === 'fortnight'),
        );
      } finally {
        await db2.close();
      }
    });
  });

  describe(`a tier that depends on a date outside the support tables, in ${name}`, () => {
    it('is one row with no cycle and no tier for that contact and each whose top-N place depends on it; the others are evaluate’s', async () => {
      const db = await open();
      try {
        await db.run(
          supportTableStatements(sqlSupportTables(tierPolicy, { from: '2026-04-01', to: '2026-12-31', zones: [] }), {
            dialect: db.dialect,
          }),
        );
        await db.run(bookTableStatements({ contacts: tierContacts, touches: tierTouches }, { dialect: db.dialect }));
        const now = '2026-04-29T10:00:00Z';
        const rows = (await db.items(compileSql(tierPolicy, { dialect: db.dialect }).sql, [now])).sort(byKey);
        const core = evaluate({ policy: tierPolicy, contacts: tierContacts, touches: tierTouches, now }).items.map(itemFields).sort(byKey);
        expect(core.find((item) => item.contactId === 'c1')?.tierId).toBe('lapsed');
        expect(rows.filter((row) => row.contactId === 'c1' || row.contactId === 'c2')).toEqual(
          ['c1', 'c2'].map((contactId) =>
            expect.objectContaining({ contactId, cycleId: 'null', tierId: 'null', status: 'out-of-range', dueOn: null, daysOverdue: 0 }),
          ),
        );
        expect(rows.filter((row) => row.contactId === 'c3' || row.contactId === 'c4')).toEqual(
          core.filter((item) => item.contactId === 'c3' || item.contactId === 'c4'),
        );
        // Two days later c1 has lapsed whatever its touch's local date: every tier is known again,
        // and only c1's win-back cycle, which counts from that touch's date, is out of range.
        const later = '2026-05-01T10:00:00Z';
        const laterRows = (await db.items(compileSql(tierPolicy, { dialect: db.dialect }).sql, [later])).sort(byKey);
        const laterCore = evaluate({ policy: tierPolicy, contacts: tierContacts, touches: tierTouches, now: later })
          .items.map(itemFields)
          .sort(byKey);
        expect(laterRows).toEqual(
          laterCore.map((item) =>
            item.contactId === 'c1' ? { ...item, status: 'out-of-range', dueOn: null, daysOverdue: 0, escalation: null } : item,
          ),
        );
        expect(laterRows[0]).toMatchObject({ contactId: 'c1', tierId: 'lapsed', cycleId: 'win-back' });
      } finally {
        await db.close();
      }
    });
  });
}
