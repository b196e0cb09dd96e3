/**
 * Hostile input against every public function: out-of-range numbers, NaN, Infinity, null,
 * prototype names, huge strings, sparse and never-matching rules. Whatever comes in, a call either
 * returns well-formed output that accounts for every record, or throws a `CallingCycleError`;
 * and its work stays bounded, counted in rule periods stepped rather than timed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  type Contact,
  evaluate,
  explain,
  isCallingCycleError,
  occurrences,
  type Owner,
  parsePolicy,
  plan,
  type Policy,
  safeParsePolicy,
  summarize,
  type Touch,
} from '../../src/index.js';
import { expansionWork } from '../../src/time/rrule.js';

const HUGE = 'x'.repeat(100_000);
const hostileNumber = fc.constantFrom(
  -1e17,
  1e17,
  8.64e15,
  -8.64e15,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  1.5,
  2 ** 60,
);
const prototypeName = fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf');
const hostileString = fc.oneof(
  prototypeName,
  fc.constantFrom(
    '',
    ' ',
    HUGE,
    '2026-02-30',
    '0000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '9999-12-31T23:59:59.999-14:00',
    'Mars/Base',
    '\u0000',
  ),
  fc.string({ maxLength: 8 }),
);
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber,
  hostileString,
  fc.constantFrom(null, undefined, true, {}, [], new Date(Number.NaN), new Date(-1e15), new Date('2026-11-01T10:00:00Z')),
);

const validInstant = fc
  .integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2026-11-23T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString());
const maybe = <T>(good: fc.Arbitrary<T>, odds = 3) => fc.oneof({ weight: odds, arbitrary: good }, { weight: 1, arbitrary: hostile });
// Most fields are hostile more rarely, so most runs get as far as evaluating part of a book.
const rarely = <T>(good: fc.Arbitrary<T>) => maybe(good, 12);

const contactArb = fc.record(
  {
    id: maybe(fc.oneof(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 1, max: 4 }), prototypeName)),
    ownerId: rarely(fc.constantFrom('u1', 'u2', 7)),
    timeZone: rarely(fc.constantFrom('Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Kathmandu', 'America/New_York')),
    createdAt: rarely(validInstant),
    attributes: rarely(
      fc.dictionary(fc.oneof(prototypeName, fc.constantFrom('revenue', 'lifecycle')), fc.oneof(hostileNumber, fc.integer(), fc.string())),
    ),
    events: rarely(
      fc.dictionary(
        fc.oneof(prototypeName, fc.constantFrom('closedWon', 'contractStart')),
        maybe(fc.constantFrom('2026-01-31', '2025-02-28')),
      ),
    ),
    pausedUntil: rarely(fc.constantFrom('2026-12-01', '2026-01-01')),
    doNotContact: rarely(fc.boolean()),
    tier: rarely(fc.constantFrom('A', 'B', 'Z')),
  },
  { requiredKeys: ['id'] },
);
const touchArb = fc.record(
  {
    contactId: maybe(fc.oneof(fc.constantFrom('a', 'b', 'c', 'zz'), fc.integer({ min: 1, max: 4 }))),
    at: rarely(validInstant),
    channel: rarely(fc.constantFrom('call', 'meeting', 'visit', 'email')),
    direction: rarely(fc.constantFrom('outbound', 'inbound')),
    outcome: rarely(fc.constantFrom('connected', 'voicemail', 'no-answer')),
    purpose: rarely(fc.constantFrom('sales', 'review', 'check-in')),
  },
  { requiredKeys: ['contactId', 'at', 'channel'] },
);
const ownerArb = fc.record({
  id: rarely(fc.constantFrom('u1', 'u2', 7)),
  timeZone: rarely(fc.constantFrom('Europe/London', 'Asia/Tokyo')),
  dailyCapacity: maybe(fc.integer({ min: 0, max: 5 })),
});

const cadenceArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('P14D', 'P1M', 'P1Y', 'P10Y').map((every) => ({ every })) },
  fc.constantFrom('P99999999999999999999D', 'P11Y', 'PT1H').map((every) => ({ every })),
  fc
    .constantFrom(
      'FREQ=MONTHLY;BYDAY=1TU',
      'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29',
      'FREQ=YEARLY;INTERVAL=97',
      'FREQ=WEEKLY;COUNT=5',
    )
    .chain((rrule) =>
      fc.record({ rrule: fc.constant(rrule), anchor: fc.constantFrom(undefined, '2026-01-01', 'contractStart', 'constructor') }),
    ),
  fc
    .constantFrom(
      'FREQ=MONTHLY;BYDAY=1TU',
      'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29',
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
      'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6',
      'FREQ=MINUTELY',
      'FREQ=DAILY;COUNT=1000000',
      'FREQ=WEEKLY;UNTIL=20250101T000000Z',
      'FREQ=YEARLY;INTERVAL=97',
    )
    .chain((rrule) =>
      fc.record({ rrule: fc.constant(rrule), anchor: fc.constantFrom(undefined, '2026-01-01', 'contractStart', '__proto__') }),
    ),
  fc.record({ per: fc.constantFrom('week', 'quarter'), times: rarely(fc.integer({ min: 1, max: 3 })) }),
  fc.record({ after: fc.constantFrom('closedWon', 'constructor'), at: fc.constant(['P7D', 'P30D']) }),
);
const policyArb = fc.record({
  cadence: cadenceArb,
  graceDays: rarely(fc.integer({ min: 0, max: 5 })),
  shift: fc.constantFrom('following', 'preceding', 'modified-following', 'none'),
  weight: rarely(fc.integer({ min: 1, max: 3 })),
  top: fc.boolean(),
});

function toPolicy(spec: { cadence: unknown; graceDays: unknown; shift: string; weight: unknown; top: boolean }): unknown {
  return {
    version: 1,
    calendars: { weekdays: { holidays: ['2026-12-25'] } },
    calendar: 'weekdays',
    tiers: [
      { id: 'A', weight: spec.weight, cycles: [{ id: 'c', cadence: spec.cadence, graceDays: spec.graceDays, shift: spec.shift }] },
      { id: 'B', cycles: [{ id: 'c', cadence: { every: 'P1M' } }] },
    ],
    assign: spec.top
      ? [{ tier: 'A', top: { by: 'revenue', n: 2, per: 'owner' } }]
      : [{ tier: 'A', when: { attribute: 'constructor', exists: true } }],
    defaultTier: 'B',
  };
}

const NOW = '2026-11-23T08:00:00Z';
const DATE = /^(\d{4})-\d{2}-\d{2}$/;
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
// Work per call: a few rule compilations per distinct anchor, each within 400 years of periods.
const MAX_PERIODS_PER_CALL = 500_000;

/** Runs a call and returns what it returned, or undefined when it threw a CallingCycleError. */
function guarded<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!isCallingCycleError(error)) throw error;
    return undefined;
  }
}

function expectWellFormedDate(value: string | null) {
  if (value === null) return;
  const match = DATE.exec(value);
  expect(match, value).not.toBeNull();
  expect(Number(match![1])).toBeGreaterThanOrEqual(1000);
}

describe('fuzz: hostile input against every public function', () => {
  it('evaluate, explain and summarize: only CallingCycleErrors, well-formed output, every record accounted for, bounded work', () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.array(contactArb, { maxLength: 6 }),
        fc.array(touchArb, { maxLength: 8 }),
        fc.option(fc.array(ownerArb, { maxLength: 3 }), { nil: undefined }),
        (spec, contacts, touches, owners) => {
          const policyJson = toPolicy(spec);
          expect(() => safeParsePolicy(policyJson)).not.toThrow();
          const policy = guarded(() => parsePolicy(policyJson));
          if (policy === undefined) return;
          const before = expansionWork.periods;
          const result = guarded(() =>
            evaluate({
              policy,
              contacts: contacts as Contact[],
              touches: touches as Touch[],
              owners: owners as Owner[] | undefined,
              now: NOW,
            }),
          );
          expect(expansionWork.periods - before).toBeLessThan(MAX_PERIODS_PER_CALL);
          if (result === undefined) return;
          JSON.stringify(result);
          for (const item of result.items) {
            expect(typeof item.contactId).toBe('string');
            expectWellFormedDate(item.dueOn);
            expect(Number.isSafeInteger(item.daysOverdue)).toBe(true);
            if (item.lastTouchAt !== null) expect(item.lastTouchAt).toMatch(CANONICAL);
            expectWellFormedDate(item.reason.rawDue);
            for (const touch of item.reason.notCounted ?? []) expect(touch.at).toMatch(CANONICAL);
            expect(typeof explain(item)).toBe('string');
          }
          for (const error of result.errors) {
            expect(error.code).toMatch(/^[a-z-]+$/);
            expect(error.issues.length).toBeGreaterThan(0);
          }
          // Every contact is evaluated (it has items) or named by an error at its index.
          const contactErrors = new Set(result.errors.filter((error) => error.record === 'contact').map((error) => error.index));
          const evaluated = new Set(result.items.map((item) => item.contactId));
          contacts.forEach((contact, index) => {
            expect(contactErrors.has(index) || evaluated.has(String((contact as { id: unknown }).id)), `contact ${index}`).toBe(true);
          });
          // Every touch is read, refused at its index, or belongs to a contact refused as a whole.
          const touchErrors = new Set(result.errors.filter((error) => error.record === 'touch').map((error) => error.index));
          const refusedContacts = new Set(result.errors.filter((error) => error.record === 'contact').map((error) => error.contactId));
          touches.forEach((touch, index) => {
            const id = String((touch as { contactId: unknown }).contactId);
            expect(touchErrors.has(index) || evaluated.has(id) || refusedContacts.has(id), `touch ${index}`).toBe(true);
          });
          const summary = summarize(result);
          expect(summary.total.items).toBe(result.items.length);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('plan: only CallingCycleErrors whatever the owners and options', () => {
    const policy = parsePolicy(toPolicy({ cadence: { every: 'P14D' }, graceDays: 0, shift: 'following', weight: 2, top: false })) as Policy;
    const { items } = evaluate({
      policy,
      contacts: [
        { id: 'a', ownerId: 'u1' },
        { id: 'b', ownerId: 'u2', createdAt: '2026-11-01T00:00:00Z' },
      ],
      touches: [],
      now: NOW,
    });
    fc.assert(
      fc.property(
        fc.array(ownerArb, { maxLength: 3 }),
        maybe(fc.constantFrom('2026-11-23', '2026-12-01')),
        maybe(fc.integer({ min: 1, max: 30 })),
        maybe(fc.integer({ min: 0, max: 10 })),
        (owners, from, days, flexDays) => {
          const result = guarded(() =>
            plan({ policy, items, owners: owners as Owner[], from: from as string, days: days as number, flexDays: flexDays as number }),
          );
          if (result === undefined) return;
          JSON.stringify(result);
          for (const owner of result.owners) for (const day of owner.days) expectWellFormedDate(day.date);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('occurrences: only CallingCycleErrors, never a year outside 1000–9999, at most what is asked', () => {
    fc.assert(
      fc.property(
        maybe(
          fc.constantFrom(
            'FREQ=DAILY',
            'FREQ=SECONDLY',
            'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
            'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29',
            'FREQ=MONTHLY;COUNT=3',
            'RRULE:FREQ=WEEKLY;UNTIL=20261231T000000Z',
          ),
        ),
        maybe(fc.constantFrom('2026-01-01T09:00:00', '9999-12-30', '0050-01-01', '2026-03-08T02:30:00')),
        maybe(fc.constantFrom('America/New_York', 'Pacific/Apia', 'Australia/Lord_Howe')),
        fc.option(maybe(fc.integer({ min: 0, max: 20 })), { nil: undefined }),
        fc.option(maybe(fc.constantFrom('2027-01-01T00:00:00Z', '2026-01-02T00:00:00Z')), { nil: undefined }),
        (rrule, dtstart, timeZone, count, before) => {
          const workBefore = expansionWork.periods;
          const result = guarded(() =>
            occurrences(rrule as string, {
              dtstart: dtstart as string,
              timeZone: timeZone as string,
              count: count as number,
              before: before as string,
            }),
          );
          expect(expansionWork.periods - workBefore).toBeLessThan(MAX_PERIODS_PER_CALL);
          if (result === undefined) return;
          if (typeof count === 'number') expect(result.length).toBeLessThanOrEqual(count);
          for (const instant of result) {
            const year = Number(instant.slice(0, 4));
            expect(year >= 1000 && year <= 9999, instant).toBe(true);
            expect(Number.isFinite(Date.parse(instant))).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
