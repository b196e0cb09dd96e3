/**
 * A zone the support tables lack and a calendar the policy lacks, in PGlite and DuckDB: each of
 * that contact's rows says so in its status (`unknown-zone`, `unknown-calendar`), the query runs,
 * and every other contact's rows are `evaluate`'s items. Never a failed cast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Contact, evaluate, type Owner, parsePolicy, type Touch } from '../../src/index.js';
import { bookTableStatements, compileSql, sqlSupportTables, supportTableStatements } from '../../src/sql/index.js';
import { openDuckdb, openPglite, type SqlItemRow, type TestDatabase } from './databases.js';
import { itemFields } from './parity.js';

const policy = parsePolicy({
  version: 1,
  timeZone: 'Europe/London',
  calendars: { uk: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR'], holidays: ['2026-12-25'] } },
  calendar: 'uk',
  tiers: [
    {
      id: 'A',
      cycles: [
        { id: 'rolling', cadence: { every: 'P14D' }, graceDays: 2 },
        { id: 'quota', cadence: { per: 'month', times: 2 } },
        // Anchored on createdAt: one series per zone, which a zone the tables lack has none of.
        { id: 'first-tuesday', cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU' } },
        { id: 'renewal', cadence: { after: 'renewal', at: ['P30D'] } },
      ],
    },
    { id: 'top', cycles: [{ id: 'rolling', cadence: { every: 'P7D' } }] },
  ],
  assign: [{ tier: 'top', top: { by: 'revenue', n: 1 } }],
  defaultTier: 'A',
});

const owners: Owner[] = [
  { id: 'u-tokyo', timeZone: 'Asia/Tokyo' },
  { id: 'u-bad-calendar', calendar: 'nowhere' },
];

const created = '2026-01-05T09:00:00Z';
const contacts: Contact[] = [
  { id: 'good-1', timeZone: 'Europe/London', createdAt: created, attributes: { revenue: 10 }, events: { renewal: '2026-10-01' } },
  { id: 'good-2', createdAt: created, attributes: { revenue: 5 } },
  // Not a zone at all: evaluate reports it and ranks without it, so good-1 is the top one.
  { id: 'mars', timeZone: 'Mars/Base', createdAt: created, attributes: { revenue: 1000 } },
  // A zone, but not one the support tables were made for.
  { id: 'tokyo', timeZone: 'Asia/Tokyo', createdAt: created },
  { id: 'lower-mars', timeZone: 'mars/base', createdAt: created },
  { id: 'bad-calendar', calendar: 'nowhere', createdAt: created, attributes: { revenue: 500 } },
  { id: 'owner-zone', ownerId: 'u-tokyo', createdAt: created },
  { id: 'owner-calendar', ownerId: 'u-bad-calendar', createdAt: created },
  { id: 'dnc-mars', timeZone: 'Mars/Base', doNotContact: true },
];

const touches: Touch[] = contacts.flatMap((contact, index) => [
  { contactId: contact.id, at: `2026-11-${String(2 + index).padStart(2, '0')}T23:30:00Z`, channel: 'call' as const },
  { contactId: contact.id, at: `2026-11-${String(3 + index).padStart(2, '0')}T10:00:00Z`, channel: 'email' as const },
]);

const NOW = '2026-11-23T08:00:00Z';
const FLAGGED: Record<string, string> = {
  mars: 'unknown-zone',
  tokyo: 'unknown-zone',
  'lower-mars': 'unknown-zone',
  'owner-zone': 'unknown-zone',
  'dnc-mars': 'unknown-zone',
  'bad-calendar': 'unknown-calendar',
  'owner-calendar': 'unknown-calendar',
};

const byKey = (a: SqlItemRow, b: SqlItemRow) => `${a.contactId} ${a.cycleId}`.localeCompare(`${b.contactId} ${b.cycleId}`);

for (const [name, open] of [
  ['PGlite', openPglite],
  ['DuckDB', openDuckdb],
] as const) {
  describe(`unknown zones and calendars in ${name}`, () => {
    let db: TestDatabase;
    let rows: SqlItemRow[];
    beforeAll(async () => {
      db = await open();
      const support = sqlSupportTables(policy, { from: '2025-01-01', to: '2027-12-31', zones: ['Europe/London'] });
      await db.run(supportTableStatements(support, { dialect: db.dialect }));
      await db.run(bookTableStatements({ contacts, touches, owners }, { dialect: db.dialect }));
      rows = (await db.items(compileSql(policy, { dialect: db.dialect }).sql, [NOW])).sort(byKey);
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    it('runs, and every cycle of a contact whose zone or calendar is unknown is one row with that status and no dates', () => {
      for (const [contactId, status] of Object.entries(FLAGGED)) {
        const own = rows.filter((row) => row.contactId === contactId);
        // bad-calendar is ranked by nobody, so it has the default tier's four cycles.
        expect(own.map((row) => row.cycleId).sort(), contactId).toEqual(['first-tuesday', 'quota', 'renewal', 'rolling']);
        for (const row of own) {
          expect(row, `${contactId} ${row.cycleId}`).toMatchObject({ status, dueOn: null, daysOverdue: 0, escalation: null });
        }
      }
    });

    it("gives every other contact evaluate's items, ranking top-N without the unknown ones as evaluate does", () => {
      const core = evaluate({ policy, contacts, touches, owners, now: NOW });
      // evaluate reports each unknown zone or calendar as a record error (owners: an owner error,
      // and its contacts fall back to the policy's zone and calendar; SQL marks those rows).
      expect(core.errors.map((error) => error.code).sort()).toEqual([
        'unknown-calendar',
        'unknown-calendar',
        'unknown-zone',
        'unknown-zone',
        'unknown-zone',
      ]);
      const expected = core.items
        .filter((item) => FLAGGED[item.contactId] === undefined)
        .map(itemFields)
        .sort(byKey);
      expect(rows.filter((row) => FLAGGED[row.contactId] === undefined)).toEqual(expected);
      expect(expected.find((item) => item.contactId === 'good-1')?.tierId).toBe('top');
      expect(expected.length).toBeGreaterThan(4);
    });
  });
}
