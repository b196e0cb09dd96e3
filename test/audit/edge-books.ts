/**
 * Random books aimed at what the other suites draw rarely or never: `now` and touches exactly at
 * a local midnight (or a millisecond before one) in the contact's zone, on DST days and month
 * ends; contacts without a zone whose owner's zone differs from the policy's; createdAt, anchors
 * and events on the 29th to 31st; `firstTouchWithin` in months; pauses and snoozes on, just
 * before and just after the due day; several cycles per tier with their own `counts`; a whole
 * week of holidays; numeric ids next to text ones.
 */

import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { Contact, Owner, Touch } from '../../src/index.js';
import type { RandomBook } from '../sql/books.js';

export const AUDIT_ZONES = [
  'Europe/London',
  'America/New_York',
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Chatham',
  'UTC',
] as const;

/** Days around which dates are easy to get wrong: DST changes, month ends (28/29/30/31), a year end. */
const PIVOT_DAYS = [
  '2026-03-08',
  '2026-03-29',
  '2026-04-05',
  '2026-09-27',
  '2026-10-04',
  '2026-10-25',
  '2026-11-01',
  '2026-01-31',
  '2026-02-28',
  '2026-03-31',
  '2026-04-30',
  '2026-06-30',
  '2026-12-31',
] as const;

/** Local midnight of a day in a zone (luxon: the first instant of the day, a DST gap included). */
const midnight = (day: string, zone: string): number => DateTime.fromISO(day, { zone }).startOf('day').toMillis();

const DAY_MS = 86_400_000;

/** An instant at (or a ms before, or a ms after) a local midnight some days from a pivot day in some zone. */
const nearMidnight = fc
  .tuple(fc.constantFrom(...PIVOT_DAYS), fc.integer({ min: -40, max: 40 }), fc.constantFrom(...AUDIT_ZONES), fc.constantFrom(0, 0, -1, 1))
  .map(([day, days, zone, ms]) => {
    const date = DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate()!;
    return midnight(date, zone) + ms;
  });

const anyInstant = fc.integer({ min: Date.parse('2025-06-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') });

export const auditInstant = fc
  .oneof({ weight: 3, arbitrary: nearMidnight }, { weight: 1, arbitrary: anyInstant })
  .map((ms) => new Date(ms).toISOString());

/** A date near the pivots (month ends among them). */
export const auditDay = fc
  .tuple(fc.constantFrom(...PIVOT_DAYS), fc.integer({ min: -45, max: 45 }))
  .map(([day, days]) => DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate()!);

const CADENCES = [
  { every: 'P1M' },
  { every: 'P3M' },
  { every: 'P1M1D' },
  { every: 'P7D' },
  { rrule: 'FREQ=MONTHLY', anchor: '2026-01-31' },
  { rrule: 'FREQ=MONTHLY', anchor: '2025-08-30', earlyDays: 2 },
  { rrule: 'FREQ=MONTHLY;BYMONTHDAY=29,30,31;BYSETPOS=1' },
  { rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', earlyDays: 1 },
  { rrule: 'FREQ=YEARLY', anchor: '2024-02-29' },
  { rrule: 'FREQ=WEEKLY;BYDAY=SU', anchor: '2026-01-01' },
  { rrule: 'FREQ=MONTHLY;BYMONTHDAY=31', anchor: 'closedWon' },
  { per: 'week', times: 2 },
  { per: 'month', times: 1 },
  { per: 'quarter', times: 2 },
  { after: 'closedWon', at: ['P1M', 'P2M', 'P1Y'], earlyDays: 1 },
  { after: 'closedWon', at: ['P0D', 'P29D'] },
] as const;

const COUNTS = [
  undefined,
  { channels: ['call'] },
  { purposes: ['review'] },
  { outcomes: ['connected', 'voicemail'] },
  { directions: ['inbound'] },
] as const;

const auditCycle = (id: string) =>
  fc
    .record({
      cadence: fc.constantFrom(...CADENCES),
      counts: fc.constantFrom(...COUNTS),
      firstTouchWithin: fc.constantFrom(undefined, 'P1M', 'P1M15D', 'P0D'),
      shift: fc.constantFrom('following', 'preceding', 'modified-following', 'none'),
      graceDays: fc.integer({ min: 0, max: 2 }),
      soonDays: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ cadence, counts, firstTouchWithin, ...rest }) => ({
      id,
      cadence,
      ...rest,
      ...(counts === undefined ? {} : { counts }),
      ...(firstTouchWithin !== undefined && 'every' in cadence ? { firstTouchWithin } : {}),
      escalate: [{ afterDays: 3, to: 'owner' }],
    }));

/** A week of holidays (every day of it) around a pivot day. */
const holidayWeek = fc.tuple(fc.constantFrom(...PIVOT_DAYS), fc.integer({ min: -10, max: 10 })).map(([day, days]) =>
  Array.from(
    { length: 7 },
    (_, index) =>
      DateTime.fromISO(day, { zone: 'UTC' })
        .plus({ days: days + index })
        .toISODate()!,
  ),
);

export const auditPolicy = fc
  .record({
    a: fc.tuple(auditCycle('a0'), auditCycle('a1'), auditCycle('a2')),
    b: fc.tuple(auditCycle('b0')),
    week: holidayWeek,
    timeZone: fc.constantFrom(undefined, 'Pacific/Apia', 'America/New_York'),
  })
  .map(({ a, b, week, timeZone }) => ({
    version: 1,
    ...(timeZone === undefined ? {} : { timeZone }),
    calendars: {
      office: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR'], holidays: week },
      weekend: { workingDays: ['SA', 'SU', 'MO'], holidays: ['2026-03-01'] },
    },
    calendar: 'office',
    tiers: [
      { id: 'A', weight: 2, cycles: a },
      { id: 'B', weight: 1, cycles: b },
    ],
    defaultTier: 'A',
  }));

export const AUDIT_OWNERS: Owner[] = [
  { id: 'u1', timeZone: 'Pacific/Chatham', calendar: 'weekend', dailyCapacity: 2 },
  { id: 7, timeZone: 'America/St_Johns', dailyCapacity: 0 },
  { id: 'u3' },
];

/** Ids: text, numbers, and text that looks like a number but is another id ("07" is not 7). */
const IDS: (string | number)[] = ['c1', 2, '07', 'c31', 10, '9', 'x-1', 'c10'];

/** A book as the SQL suites' random books are: the same shape, so either goes where the other does. */
export type AuditBook = RandomBook;

const auditContact = (id: string | number) =>
  fc
    .record(
      {
        ownerId: fc.constantFrom<string | number>('u1', 7, 'u3', '7'),
        timeZone: fc.constantFrom(...AUDIT_ZONES),
        tier: fc.constantFrom('A', 'B'),
        calendar: fc.constantFrom('office', 'weekend'),
        createdAt: auditInstant,
        closedWon: auditDay.filter((day) => day.slice(8) >= '28'),
        otherClosedWon: auditDay,
        paused: fc.boolean(),
        doNotContact: fc.constantFrom(false, false, false, true),
      },
      { requiredKeys: [] },
    )
    .map(({ closedWon, otherClosedWon, paused, ...fields }) => ({
      id,
      ...fields,
      ...(closedWon !== undefined || otherClosedWon !== undefined ? { events: { closedWon: closedWon ?? otherClosedWon } } : {}),
      ...(paused === true ? { pausedUntil: 'PAUSE' } : {}),
    }));

export const auditBook: fc.Arbitrary<AuditBook> = fc
  .record({
    policy: auditPolicy,
    size: fc.integer({ min: 1, max: IDS.length }),
    now: auditInstant.filter((text) => text >= '2025-11-01' && text <= '2026-12-20'),
  })
  .chain(({ policy, size, now }) => {
    const ids = IDS.slice(0, size);
    return fc.record({
      policy: fc.constant(policy),
      now: fc.constant(now),
      contacts: fc.tuple(...ids.map(auditContact)),
      touches: fc.array(
        fc.record(
          {
            contactId: fc.constantFrom(...ids),
            at: fc.oneof(auditInstant, fc.constant(now), fc.constant(new Date(Date.parse(now) + 1).toISOString())),
            channel: fc.constantFrom('call', 'meeting', 'email'),
            direction: fc.constantFrom('outbound', 'inbound'),
            outcome: fc.constantFrom('connected', 'voicemail', 'no-answer'),
            purpose: fc.constantFrom('review', 'sales'),
          },
          { requiredKeys: ['contactId', 'at', 'channel'] },
        ),
        { maxLength: 16 },
      ),
      // Pauses and snoozes a day either side of now's date in UTC (near the due day of the cycles due today).
      pauseShift: fc.array(fc.integer({ min: -2, max: 40 }), { minLength: ids.length, maxLength: ids.length }),
      snoozes: fc.array(
        fc.record({
          contactId: fc.constantFrom(...ids),
          cycleId: fc.constantFrom('a0', 'a1', 'a2', 'b0'),
          days: fc.integer({ min: -3, max: 20 }),
        }),
        { maxLength: 3 },
      ),
    });
  })
  .map(({ policy, now, contacts, touches, pauseShift, snoozes }) => {
    const dayOf = (days: number) => new Date(Date.parse(now) + days * DAY_MS).toISOString().slice(0, 10);
    return {
      policy,
      now,
      owners: AUDIT_OWNERS,
      contacts: contacts.map((contact, index) =>
        'pausedUntil' in contact ? { ...contact, pausedUntil: dayOf(pauseShift[index]!) } : contact,
      ) as Contact[],
      touches: touches as Touch[],
      snoozes: snoozes.map(({ days, ...snooze }) => ({ ...snooze, until: dayOf(days) })),
    };
  });
