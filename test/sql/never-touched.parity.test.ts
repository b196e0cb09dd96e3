/**
 * Never-touched contacts in SQL: the compiled query gives `evaluate`'s answers (SPEC "Never
 * touched") in PGlite and DuckDB. Anchored cycles without createdAt are due today, unshifted, or
 * ended once the rule has no date on or after today; milestones keep their shifted date whatever
 * `now` is; no shift moves a due date before the createdAt date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../../src/index.js';
import type { RandomBook } from './books.js';
import { openDuckdb, openPglite, type TestDatabase } from './databases.js';
import { bothSides, prepareDatabase } from './parity.js';

const policy = {
  version: 1,
  calendars: { uk: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR'], holidays: ['2026-10-30'] } },
  calendar: 'uk',
  tiers: [
    {
      id: 'T0',
      cycles: [
        { id: 'first-tuesday', cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2025-03-01' }, shift: 'preceding' },
        { id: 'finished', cadence: { rrule: 'FREQ=MONTHLY;COUNT=5;BYMONTHDAY=15', anchor: '2025-03-01' } },
        { id: 'until', cadence: { rrule: 'FREQ=WEEKLY;UNTIL=20261001T000000Z', anchor: '2026-01-01', earlyDays: 2 } },
        { id: 'after-sale', cadence: { after: 'closedWon', at: ['P7D', 'P30D'] }, shift: 'preceding' },
        { id: 'after-sale-mf', cadence: { after: 'closedWon', at: ['P7D'] }, shift: 'modified-following' },
        { id: 'weekly', cadence: { per: 'week', times: 1 } },
      ],
    },
  ],
  defaultTier: 'T0',
};

const contacts: Contact[] = [
  // closedWon + 7 days is Saturday 26 September 2026; preceding says the 25th.
  { id: 'c1', timeZone: 'Europe/London', events: { closedWon: '2026-09-19' } },
  // closedWon + 7 days is Saturday 31 October 2026; the 30th is a holiday, so preceding says the 29th.
  { id: 'c2', timeZone: 'Pacific/Apia', events: { closedWon: '2026-10-24' } },
  { id: 'c3', timeZone: 'Asia/Kathmandu', createdAt: '2026-09-26T03:00:00Z', events: { closedWon: '2026-09-19' } },
  { id: 'c9', timeZone: 'America/New_York' },
];

const NOWS = [
  '2026-09-24T12:00:00Z',
  '2026-09-26T12:00:00Z',
  '2026-09-27T12:00:00Z',
  '2026-10-31T12:00:00Z',
  '2026-11-01T12:00:00Z',
  '2026-11-22T12:00:00Z',
  '2026-11-23T12:00:00Z',
];

for (const [name, open] of [
  ['PGlite', openPglite],
  ['DuckDB', openDuckdb],
] as const) {
  describe(`never-touched contacts: compiled SQL equals evaluate in ${name}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await open();
      await prepareDatabase(db);
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    it.each(NOWS)(
      'now %s',
      async (now) => {
        const book: RandomBook = { policy, contacts, touches: [], owners: [], snoozes: [], now };
        const { sql, core } = await bothSides(db, book);
        expect(sql).toEqual(core);
        // The answers themselves, so parity cannot hold by both sides being wrong alike.
        const anchored = core.find((row) => row.contactId === 'c9' && row.cycleId === 'first-tuesday')!;
        expect(anchored).toMatchObject({ status: 'due', dueOn: now.slice(0, 10), daysOverdue: 0 });
        expect(core.find((row) => row.contactId === 'c9' && row.cycleId === 'finished')!.status).toBe('ended');
        expect(core.find((row) => row.contactId === 'c1' && row.cycleId === 'after-sale')!.dueOn).toBe('2026-09-25');
        expect(core.find((row) => row.contactId === 'c2' && row.cycleId === 'after-sale-mf')!.dueOn).toBe('2026-10-29');
        // Created on the Saturday of its first milestone: not moved back to the Friday before it.
        expect(core.find((row) => row.contactId === 'c3' && row.cycleId === 'after-sale')!.dueOn).toBe('2026-09-28');
      },
      60_000,
    );
  });
}
