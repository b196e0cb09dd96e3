/**
 * Random books for the bulk tests: every cadence kind, zones with odd offsets and DST, owners,
 * snoozes, tier rules, and bad records of every family, so the columnar, streamed and parallel
 * results are held to `evaluate`'s on the cases that matter, errors included.
 */
import fc from 'fast-check';
import type { Contact, Owner, Snooze, Touch } from '../../src/index.js';
import { parsePolicy, type Policy } from '../../src/index.js';

export const NOW = '2026-11-23T08:00:00Z';
const NOW_MS = Date.parse(NOW);
const MIN_MS = Date.UTC(2025, 0, 1);

const zones = ['UTC', 'Asia/Tokyo', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Kathmandu', undefined];
const instant = fc.integer({ min: MIN_MS, max: NOW_MS + 5 * 86_400_000 }).map((ms) => new Date(ms).toISOString());

const cadences = [
  { every: 'P14D' },
  { every: 'P1M' },
  { rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2026-01-01', earlyDays: 3 },
  { rrule: 'FREQ=WEEKLY;BYDAY=MO', anchor: 'contractStart' },
  { rrule: 'FREQ=YEARLY', anchor: 'closedWon' },
  { per: 'quarter', times: 2 },
  { per: 'week', times: 1 },
  { after: 'closedWon', at: ['P7D', 'P30D', 'P90D'], earlyDays: 2 },
] as const;

const cycleArb = (id: string) =>
  fc.record({
    id: fc.constant(id),
    cadence: fc.constantFrom(...cadences),
    shift: fc.constantFrom('following', 'preceding', 'modified-following', 'none'),
    graceDays: fc.integer({ min: 0, max: 3 }),
    soonDays: fc.integer({ min: 0, max: 5 }),
    counts: fc.constantFrom(
      undefined,
      { channels: ['call', 'meeting'] },
      { directions: ['outbound'] },
      { outcomes: ['connected', 'voicemail'] },
    ),
    escalate: fc.constantFrom(
      undefined,
      [{ afterDays: 1, to: 'owner' }],
      [
        { afterDays: 30, to: 'manager' },
        { afterDays: 5, to: 'owner' },
      ],
    ),
  });

/** A policy without `top` rules (a stream refuses them): tier rules by attribute and by lapse. */
export const policyArb: fc.Arbitrary<Policy> = fc
  .record({
    a: fc.array(cycleArb('x'), { minLength: 1, maxLength: 3 }),
    b: cycleArb('check-in'),
    rules: fc.boolean(),
    defaultTier: fc.constantFrom('A', 'B', undefined),
    balance: fc.boolean(),
    timeZone: fc.constantFrom(undefined, 'Europe/Berlin'),
  })
  .map(({ a, b, rules, defaultTier, balance, timeZone }) =>
    parsePolicy({
      version: 1,
      calendars: {
        weekdays: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR'], holidays: ['2026-12-25', '2026-11-26', '2027-01-01'] },
        sixDays: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA'], holidays: ['2026-12-24'] },
      },
      calendar: 'weekdays',
      ...(timeZone ? { timeZone } : {}),
      tiers: [
        { id: 'A', weight: 3, cycles: a.map((cycle, index) => ({ ...cycle, id: `a${index}` })) },
        { id: 'B', cycles: [b] },
      ],
      ...(rules
        ? {
            assign: [
              { when: { attribute: 'revenue', gte: 1000 }, tier: 'A' },
              { when: { lapsed: 'P6M' }, tier: 'B' },
            ],
          }
        : {}),
      ...(defaultTier ? { defaultTier } : {}),
      ...(balance ? { balance: { recentTouches: 4, oneWayAfter: 2 } } : {}),
    }),
  );

const goodContact = (id: string) =>
  fc.record(
    {
      id: fc.constant(id),
      ownerId: fc.constantFrom('u1', 'u2', 'u9'),
      timeZone: fc.constantFrom(...zones),
      tier: fc.constantFrom('A', 'B', 'A', 'B', 'A', 'B', 'Z'),
      calendar: fc.constantFrom('sixDays', 'sixDays', 'sixDays', 'sixDays', 'nope'),
      createdAt: instant,
      events: fc.record({ closedWon: fc.constantFrom('2026-06-30', '2026-11-20'), contractStart: instant }, { requiredKeys: [] }),
      attributes: fc.record({ revenue: fc.integer({ min: 0, max: 2000 }) }),
      doNotContact: fc.constantFrom(false, false, false, false, true),
      pausedUntil: fc.constantFrom('2026-12-01', '2026-11-01', '2026-11-01', '2026-11-01'),
    },
    { requiredKeys: ['id'] },
  );

/** A record the contact checks refuse: every family of contact error. */
const badContact = (id: string) =>
  fc.constantFrom<unknown>(
    null,
    { id: '' },
    { id, timeZone: 'Mars/Olympus' },
    { id, createdAt: 'yesterday' },
    { id, events: { closedWon: 'soon' } },
  );

const touchFor = (contactId: string) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record(
        {
          contactId: fc.constant(contactId),
          at: instant,
          channel: fc.constantFrom('call', 'meeting', 'visit', 'email'),
          direction: fc.constantFrom('outbound', 'inbound'),
          outcome: fc.constantFrom('connected', 'voicemail', 'no-answer'),
          purpose: fc.constantFrom('sales', 'check-in'),
        },
        { requiredKeys: ['contactId', 'at', 'channel'] },
      ),
    },
    // Bad touches, and one naming a contact nobody sent.
    { weight: 1, arbitrary: fc.constantFrom<unknown>({ contactId, at: 'never', channel: 'call' }, { contactId, at: NOW, channel: 'fax' }) },
    { weight: 1, arbitrary: fc.constant<unknown>({ contactId: 'ghost', at: '2026-10-01T10:00:00Z', channel: 'call' }) },
  );

/** One tier, one weekly cycle, everyone in it. */
export const weeklyPolicy = (): Policy =>
  parsePolicy({ version: 1, tiers: [{ id: 'A', cycles: [{ id: 'x', cadence: { every: 'P7D' } }] }], defaultTier: 'A' });

export interface BulkBook {
  contacts: Contact[];
  /** Touches grouped by contact: `records[i].touches` are the touches of `contacts[i]`. */
  records: { contact: Contact; touches: Touch[] }[];
  touches: Touch[];
  owners: Owner[] | undefined;
  snoozes: Snooze[];
}

/**
 * A book with its touches grouped per contact (the stream's record shape) and flattened in the
 * same order (what `evaluate` takes). `duplicates`: some contacts repeat the id before them.
 */
export const bookArb = (options: { duplicates: boolean; maxContacts?: number }): fc.Arbitrary<BulkBook> =>
  fc
    .array(
      fc.record({ good: fc.integer({ min: 0, max: 5 }), touches: fc.integer({ min: 0, max: 4 }), repeat: fc.integer({ min: 0, max: 9 }) }),
      { minLength: 0, maxLength: options.maxContacts ?? 10 },
    )
    .chain((rows) =>
      fc
        .tuple(
          fc.tuple(
            ...rows.map((row, index) => {
              const id = options.duplicates && row.repeat === 0 && index > 0 ? `c${index - 1}` : `c${index}`;
              const contact = row.good === 0 ? badContact(id) : goodContact(id);
              return fc.tuple(contact, fc.array(touchFor(id), { maxLength: row.touches }));
            }),
          ),
          fc.option(
            fc.array(
              fc.constantFrom<unknown>(
                { id: 'u1', calendar: 'sixDays', timeZone: 'Asia/Tokyo', dailyCapacity: 5 },
                { id: 'u2', timeZone: 'Mars/Olympus' },
                { id: 'u1' },
                { id: 'u3' },
              ),
              { maxLength: 3 },
            ),
            { nil: undefined },
          ),
          fc.array(
            fc.record({
              contactId: fc.constantFrom('c0', 'c1', 'c2', 'c3', 'ghost'),
              cycleId: fc.constantFrom('a0', 'a1', 'check-in', 'nope'),
              until: fc.constantFrom('2026-12-10', '2026-11-30T10:00:00Z', '2026-12-10', 'later'),
            }),
            { maxLength: 3 },
          ),
        )
        .map(([pairs, owners, snoozes]) => {
          const records = pairs.map(([contact, touches]) => ({ contact: contact as Contact, touches: touches as Touch[] }));
          return {
            contacts: records.map((record) => record.contact),
            records,
            touches: records.flatMap((record) => record.touches),
            owners: owners as Owner[] | undefined,
            snoozes: snoozes as Snooze[],
          };
        }),
    );

/** Errors in a fixed order, for results whose error order is only guaranteed per chunk. */
export const sortedErrors = <T extends { record: string; index: number; code: string }>(errors: readonly T[]): T[] =>
  [...errors].sort((a, b) => a.record.localeCompare(b.record) || a.index - b.index || a.code.localeCompare(b.code));
