/**
 * Random books for the SQL parity suite: policies over every covered cadence kind, filter, shift
 * and assign rule; contacts in zones with odd offsets and DST rules; touches around DST changes
 * and local midnights; holidays near those dates; revenue values that tie for top-N.
 */
import fc from 'fast-check';
import type { Contact, Owner, Snooze, Touch } from '../../src/index.js';

export const ZONES = [
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'Asia/Kathmandu',
  'Europe/London',
  'America/New_York',
  'Asia/Tokyo',
  'UTC',
] as const;
/**
 * The date range the support tables of the suite cover. The horizon reaches two years past the
 * last `now`: a yearly quota met in early 2027 is due at the end of 2028, and a due date past the
 * tables is (rightly) an `out-of-range` row, which `evaluate` never gives.
 */
export const SUPPORT_RANGE = { from: '2025-02-01', to: '2027-01-05', dueHorizon: 'P2Y' } as const;

// Instants near which dates are easy to get wrong: DST changes (Lord Howe's half hour, London,
// New York) and local midnights of zones with odd offsets (Apia +13, Kathmandu +05:45).
const TRICKY = [
  '2026-04-04T15:00:00Z', // Lord Howe: DST ends (02:00 → 01:30)
  '2026-10-03T15:30:00Z', // Lord Howe: DST starts (02:00 → 02:30)
  '2026-03-29T01:00:00Z', // London: DST starts
  '2026-10-25T01:00:00Z', // London: DST ends
  '2026-03-08T07:00:00Z', // New York: DST starts
  '2026-11-01T06:00:00Z', // New York: DST ends
  '2026-06-30T11:00:00Z', // Apia midnight
  '2026-09-30T18:15:00Z', // Kathmandu midnight
  '2026-12-31T15:00:00Z', // Tokyo midnight, new year
  '2026-02-28T13:00:00Z', // Lord Howe midnight, end of February
].map((text) => Date.parse(text));

const MINUTE = 60_000;

/** An instant near a tricky one (± 50 hours in quarter hours, or ± a few seconds), or anywhere in 2025–2026. */
export const instant = fc
  .oneof(
    fc
      .tuple(fc.constantFrom(...TRICKY), fc.integer({ min: -200, max: 200 }), fc.constantFrom(0, 0, 0, -1000, 1000, 59_999))
      .map(([base, quarters, ms]) => base + quarters * 15 * MINUTE + ms),
    fc
      .integer({ min: Date.parse('2025-03-01T00:00:00Z') / MINUTE, max: Date.parse('2026-12-31T00:00:00Z') / MINUTE })
      .map((minute) => minute * MINUTE),
  )
  .map((ms) => new Date(ms).toISOString());

const day = fc
  .integer({ min: Date.parse('2025-06-01') / 86_400_000, max: Date.parse('2027-03-01') / 86_400_000 })
  .map((epochDay) => new Date(epochDay * 86_400_000).toISOString().slice(0, 10));
// Holidays near the tricky dates, where due dates cluster.
const holiday = fc.oneof(
  day,
  fc
    .tuple(fc.constantFrom(...TRICKY), fc.integer({ min: -20, max: 20 }))
    .map(([base, days]) => new Date(base + days * 86_400_000).toISOString().slice(0, 10)),
);

const subset = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });

const counts = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      channels: subset(['call', 'meeting', 'visit', 'email', 'message', 'other'] as const),
      directions: subset(['outbound', 'inbound'] as const),
      outcomes: subset(['connected', 'voicemail', 'left-message']),
      purposes: subset(['sales', 'review', 'check-in']),
    },
    { requiredKeys: [] },
  ),
);

const cadence = fc.oneof(
  fc.record(
    {
      rrule: fc.constantFrom(
        'FREQ=MONTHLY;BYDAY=1TU',
        'FREQ=WEEKLY;BYDAY=MO,TH',
        'FREQ=MONTHLY;BYMONTHDAY=31',
        'FREQ=MONTHLY;BYMONTHDAY=-1',
        'FREQ=DAILY;INTERVAL=10',
        'FREQ=MONTHLY;COUNT=5;BYMONTHDAY=15',
        'FREQ=WEEKLY;UNTIL=20261001T000000Z',
        'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
      ),
      anchor: fc.constantFrom('2025-03-01', '2026-01-01', '2026-06-15'),
      earlyDays: fc.integer({ min: 0, max: 5 }),
    },
    { requiredKeys: ['rrule', 'anchor'] },
  ),
  // Anchored on each contact's createdAt (no anchor) or its closedWon event: rules whose dates do
  // not depend on their start (read from one series), and plain intervals (day arithmetic).
  fc.record(
    {
      rrule: fc.constantFrom(
        'FREQ=MONTHLY;BYDAY=1TU',
        'FREQ=WEEKLY;BYDAY=MO,TH',
        'FREQ=MONTHLY;BYMONTHDAY=31',
        'FREQ=DAILY',
        'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
        'FREQ=WEEKLY;BYDAY=FR;UNTIL=20261001T000000Z',
        'FREQ=DAILY;INTERVAL=10',
        'FREQ=WEEKLY;INTERVAL=2',
        'FREQ=WEEKLY;INTERVAL=3;COUNT=6',
        'FREQ=DAILY;INTERVAL=45;UNTIL=20260801',
      ),
      anchor: fc.constant('closedWon'),
      earlyDays: fc.integer({ min: 0, max: 5 }),
    },
    { requiredKeys: ['rrule'] },
  ),
  fc.record({ every: fc.constantFrom('P1D', 'P7D', 'P14D', 'P1M', 'P3M', 'P1Y', 'P1M15D', 'P2W') }),
  fc.record({ per: fc.constantFrom('week', 'month', 'quarter', 'year'), times: fc.integer({ min: 1, max: 3 }) }),
  fc.record(
    { after: fc.constant('closedWon'), at: subset(['P7D', 'P30D', 'P1M', 'P29D', 'P90D']), earlyDays: fc.integer({ min: 0, max: 5 }) },
    { requiredKeys: ['after', 'at'] },
  ),
);

const cycle = (id: string) =>
  fc
    .record(
      {
        id: fc.constant(id),
        cadence,
        counts,
        graceDays: fc.integer({ min: 0, max: 4 }),
        soonDays: fc.integer({ min: 0, max: 4 }),
        shift: fc.constantFrom('following', 'preceding', 'modified-following', 'none'),
        firstTouchWithin: fc.constantFrom('P0D', 'P3D', 'P1M'),
        escalate: fc.array(fc.record({ afterDays: fc.integer({ min: 1, max: 40 }), to: fc.constantFrom('owner', 'manager', 'director') }), {
          maxLength: 3,
        }),
      },
      { requiredKeys: ['id', 'cadence'] },
    )
    .map((value) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>);

const TIER_IDS = ['T0', 'T1', 'T2'] as const;
const tier = (id: string) =>
  fc
    .subarray(['check-in', 'review', 'follow'], { minLength: 1 })
    .chain((ids) => fc.tuple(...ids.map((cycleId) => cycle(cycleId))))
    .map((cycles) => ({ id, weight: 1, cycles }));

const attributeCondition = fc.oneof(
  fc.record({ attribute: fc.constant('lifecycle'), eq: fc.constantFrom('prospect', 'customer') }),
  fc.record({ attribute: fc.constant('revenue'), eq: fc.constantFrom(2, 5) }),
  fc.record({ attribute: fc.constant('vip'), eq: fc.boolean() }),
  fc.record({ attribute: fc.constant('lifecycle'), in: fc.constant(['prospect', 'lead', 2]) }),
  fc.record({ attribute: fc.constant('revenue'), gte: fc.constantFrom(2, 2.5) }),
  fc.record({ attribute: fc.constant('revenue'), lte: fc.constantFrom(2, 3) }),
  fc.record({ attribute: fc.constantFrom('vip', 'lifecycle'), exists: fc.boolean() }),
);
const condition = fc.oneof(attributeCondition, fc.record({ lapsed: fc.constantFrom('P30D', 'P3M', 'P1Y') }));
const rule = fc.oneof(
  fc.record({ tier: fc.constantFrom(...TIER_IDS), when: condition }),
  fc.record(
    {
      tier: fc.constantFrom(...TIER_IDS),
      top: fc.record(
        { by: fc.constant('revenue'), n: fc.integer({ min: 1, max: 3 }), per: fc.constantFrom('owner', 'overall') },
        { requiredKeys: ['by', 'n'] },
      ),
      when: condition,
    },
    { requiredKeys: ['tier', 'top'] },
  ),
);

const calendar = fc.record(
  { workingDays: subset(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const), holidays: fc.array(holiday, { maxLength: 12 }) },
  { requiredKeys: ['holidays'] },
);

export const policyArbitrary = fc
  .record(
    {
      timeZone: fc.constantFrom(...ZONES),
      calendars: fc.record({ uk: calendar, us: calendar }),
      calendar: fc.constant('uk'),
      tiers: fc.tuple(tier('T0'), tier('T1'), tier('T2')),
      assign: fc.array(rule, { maxLength: 3 }),
      defaultTier: fc.constantFrom(...TIER_IDS),
    },
    { requiredKeys: ['tiers', 'calendars'] },
  )
  .map((policy) => JSON.parse(JSON.stringify({ version: 1, ...policy })) as Record<string, unknown>);

export const OWNERS: Owner[] = [
  { id: 'u1', timeZone: 'Europe/London', calendar: 'uk' },
  { id: 'u2', timeZone: 'America/New_York', calendar: 'us' },
  { id: 'u4' },
];

const contact = (id: string) =>
  fc
    .record(
      {
        id: fc.constant(id),
        // u3 is in no owners table: the contact keeps the id and falls back to the policy's zone and calendar.
        ownerId: fc.constantFrom('u1', 'u2', 'u3', 'u4'),
        // Zone names in any case, as evaluate reads them.
        timeZone: fc.constantFrom(...ZONES, 'europe/london', 'ASIA/KATHMANDU'),
        tier: fc.constantFrom('T0', 'T1', 'T2', 'nope'),
        calendar: fc.constantFrom('uk', 'us'),
        createdAt: instant,
        attributes: fc.record(
          {
            revenue: fc.oneof(fc.constantFrom(1, 2, 2, 2.5, 3, 5, -1, 0), fc.constant('5')),
            lifecycle: fc.constantFrom('prospect', 'customer', null, 2),
            vip: fc.boolean(),
          },
          { requiredKeys: [] },
        ),
        events: fc.record({ closedWon: day }, { requiredKeys: [] }),
        doNotContact: fc.boolean(),
        pausedUntil: day,
      },
      { requiredKeys: ['id'] },
    )
    .chain((value) => fc.constantFrom(value, { ...value, tier: undefined }, { ...value, tier: undefined, doNotContact: undefined }));

const touch = (contactIds: readonly string[]) =>
  fc.record(
    {
      contactId: fc.constantFrom(...contactIds),
      at: instant,
      channel: fc.constantFrom('call', 'meeting', 'visit', 'email', 'message', 'other'),
      direction: fc.constantFrom('outbound', 'inbound'),
      outcome: fc.constantFrom('connected', 'voicemail', 'no-answer', 'bounced', 'left-message'),
      purpose: fc.constantFrom('sales', 'review', 'check-in', 'service'),
    },
    { requiredKeys: ['contactId', 'at', 'channel'] },
  );

export interface RandomBook {
  policy: Record<string, unknown>;
  contacts: Contact[];
  touches: Touch[];
  owners: Owner[];
  snoozes: Snooze[];
  now: string;
}

// Ids whose code-point order differs from their length order (c10 < c9), for top-N ties.
const CONTACT_IDS = ['c1', 'c2', 'c9', 'c10', 'c11', 'A7', 'b3', 'c_4', 'c-5', 'z0', 'c12', 'c3'];

export const bookArbitrary: fc.Arbitrary<RandomBook> = fc
  .integer({ min: 1, max: CONTACT_IDS.length })
  .chain((size) => {
    const ids = CONTACT_IDS.slice(0, size);
    return fc.record({
      policy: policyArbitrary,
      contacts: fc.tuple(...ids.map(contact)),
      touches: fc
        .array(touch(ids), { maxLength: 40 })
        // Copies: the same touch synced twice, and the same instant on another channel.
        .chain((touches) =>
          fc
            .subarray(touches, { maxLength: Math.min(4, touches.length) })
            .map((copies) => [
              ...touches,
              ...copies.map((copy, index) => (index % 2 === 0 ? { ...copy } : { ...copy, channel: 'email' as const })),
            ]),
        ),
      snoozes: fc.array(
        fc.record({ contactId: fc.constantFrom(...ids), cycleId: fc.constantFrom('check-in', 'review', 'follow'), until: day }),
        {
          maxLength: 4,
        },
      ),
      now: instant.filter((text) => text >= '2025-09-01'),
    });
  })
  // A touch at exactly now counts (only one after now is planned); c2 given as the number 2 in
  // every record, as a Pipedrive id would come, is "2" in the items and in the tables.
  .chain((book) =>
    fc.record({ atNow: fc.boolean(), numericId: fc.boolean() }).map(({ atNow, numericId }) => {
      const touches: Touch[] = atNow
        ? [...book.touches, { contactId: book.contacts[0]!.id, at: book.now, channel: 'visit' }]
        : book.touches;
      const renumber = <T extends { contactId: Contact['id'] }>(record: T): T =>
        numericId && record.contactId === 'c2' ? { ...record, contactId: 2 } : record;
      return {
        ...book,
        contacts: book.contacts.map((contact) => (numericId && contact.id === 'c2' ? { ...contact, id: 2 } : contact)) as Contact[],
        touches: touches.map(renumber),
        snoozes: book.snoozes.map(renumber),
        owners: OWNERS,
      };
    }),
  );
