/**
 * The integer path of `evaluateColumns` (columns in, no `Book` built) on books it answers: good
 * rows only, every cadence kind it takes (rolling by days and by months, with and without
 * firstTouchWithin; anchored monthly and quarterly on a fixed date and on createdAt; milestones
 * without events), every shift, holidays, owners with their zone and calendar, contact
 * calendars, pauses, do-not-contact, escalations, several cycles per tier with their own touch
 * filters, zones with DST and odd offsets, instants on DST days, and every form of id. The
 * path must be taken (it gives up only on what it does not handle) and give, row by row, the
 * numbers and items `evaluate` gives for the objects the rows stand for (built here by the
 * documented mapping, with no code of src/); with `reuse`, the same again over the memory of a
 * result before.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { fastColumns } from '../../src/core/column-fast.js';
import type { ContactColumns, TouchColumns } from '../../src/core/column-input.js';
import { type ColumnBuffers, evaluateColumns, NO_DUE_DAY, STATUS_CODES } from '../../src/core/columns.js';
import { openSession } from '../../src/core/intake.js';
import { type Contact, evaluate, type Owner, type Policy, parsePolicy, type Touch } from '../../src/index.js';

const NOWS = ['2026-11-23T08:00:00Z', '2026-03-29T00:30:00Z', '2026-11-01T06:30:00Z', '2027-01-01T00:00:00Z'];
const DAY = 86_400_000;

const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'Asia/Kathmandu',
  'America/Sao_Paulo',
  null,
];
const TIERS = ['A', 'B', null];
const OWNERS = ['u1', 'u2', 7, null];
const CALENDARS = ['sixDays', 'weekdays', null];
const CHANNELS = ['call', 'meeting', 'email', 'visit'];
const DIRECTIONS = ['outbound', 'inbound', null];
const OUTCOMES = ['connected', 'voicemail', 'no-answer', null];

const cadences = [
  { every: 'P14D' },
  { every: 'P2W' },
  { every: 'P1M' },
  { every: 'P1Y' },
  { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: '2026-01-01', earlyDays: 3 },
  { rrule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU', anchor: '2025-01-01' },
  { rrule: 'FREQ=MONTHLY;BYMONTHDAY=15' },
  { after: 'closedWon', at: ['P7D', 'P30D'] },
] as const;

const cycleArb = fc.record({
  cadence: fc.constantFrom(...cadences),
  firstTouchWithin: fc.constantFrom(undefined, 'P3D', 'P1M'),
  shift: fc.constantFrom('following', 'preceding', 'modified-following', 'none'),
  graceDays: fc.integer({ min: 0, max: 3 }),
  soonDays: fc.integer({ min: 0, max: 5 }),
  counts: fc.constantFrom(undefined, undefined, { channels: ['call', 'meeting'] }, { outcomes: ['connected'] }),
  escalate: fc.constantFrom(
    undefined,
    [{ afterDays: 1, to: 'owner' }],
    [
      { afterDays: 30, to: 'manager' },
      { afterDays: 5, to: 'owner' },
    ],
  ),
});

/** Tiers with the same number of cycles (the path's row layout), one to three each. */
const policyArb: fc.Arbitrary<Policy> = fc
  .integer({ min: 1, max: 3 })
  .chain((count) =>
    fc.record({
      a: fc.array(cycleArb, { minLength: count, maxLength: count }),
      b: fc.array(cycleArb, { minLength: count, maxLength: count }),
      defaultTier: fc.constantFrom('A', 'B'),
      timeZone: fc.constantFrom(undefined, 'Europe/Berlin', 'America/Sao_Paulo'),
    }),
  )
  .map(({ a, b, defaultTier, timeZone }) => {
    const cycles = (list: typeof a, prefix: string) =>
      list.map(({ firstTouchWithin, escalate, counts, ...cycle }, index) => ({
        ...cycle,
        id: `${prefix}${index}`,
        ...(firstTouchWithin !== undefined && 'every' in cycle.cadence ? { firstTouchWithin } : {}),
        ...(escalate !== undefined ? { escalate } : {}),
        ...(counts !== undefined ? { counts } : {}),
      }));
    return parsePolicy({
      version: 1,
      calendars: {
        weekdays: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR'], holidays: ['2026-12-25', '2026-11-26', '2027-01-01', '2026-11-30'] },
        sixDays: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA'], holidays: ['2026-12-24', '2026-12-07'] },
      },
      calendar: 'weekdays',
      ...(timeZone ? { timeZone } : {}),
      tiers: [
        { id: 'A', cycles: cycles(a, 'a') },
        { id: 'B', cycles: cycles(b, 'b') },
      ],
      defaultTier,
    });
  });

// Instants over two years before now, some on the DST days of the zones above, some a ms either
// side of a quarter hour (every zone's midnight, UTC's included, falls on one).
const QUARTER_HOUR = 900_000;
const instantArb = (nowMs: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: nowMs - 700 * DAY, max: nowMs + 3 * DAY }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.integer({ min: -700 * 96, max: 3 * 96 }), fc.constantFrom(-1, 0, 1))
        .map(([quarters, ms]) => Math.floor(nowMs / DAY) * DAY + quarters * QUARTER_HOUR + ms),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(Date.UTC(2026, 2, 8), Date.UTC(2026, 2, 29), Date.UTC(2026, 3, 5), Date.UTC(2026, 8, 27), Date.UTC(2026, 10, 1)),
          fc.integer({ min: -DAY, max: DAY }),
        )
        .map(([day, offset]) => day + offset),
    },
  );

const rowArb = (nowMs: number) =>
  fc.record({
    zone: fc.nat(ZONES.length - 1),
    tier: fc.nat(TIERS.length - 1),
    owner: fc.nat(OWNERS.length - 1),
    calendar: fc.nat(CALENDARS.length - 1),
    created: fc.oneof(instantArb(nowMs), fc.constant(Number.NaN)),
    paused: fc.oneof(
      { weight: 3, arbitrary: fc.constant(Number.NaN) },
      { weight: 1, arbitrary: fc.integer({ min: nowMs - 40 * DAY, max: nowMs + 40 * DAY }) },
    ),
    dnc: fc.constantFrom(0, 0, 0, 1),
    name: fc.constantFrom<string | null | undefined>(undefined, null, 'Aiko Tanaka'),
  });

const touchArb = (nowMs: number) =>
  fc.record({
    contact: fc.nat(60),
    at: fc.oneof(instantArb(nowMs), fc.double({ min: nowMs - 100 * DAY, max: nowMs, noNaN: true })),
    channel: fc.nat(CHANNELS.length - 1),
    direction: fc.nat(DIRECTIONS.length - 1),
    outcome: fc.nat(OUTCOMES.length - 1),
  });

type IdKind = 'increasing' | 'shuffled' | 'float64' | 'string' | 'dictionary';

const bookArb = fc.constantFrom(...NOWS).chain((now) => {
  const nowMs = Date.parse(now);
  return fc.record({
    now: fc.constant(now),
    idKind: fc.constantFrom<IdKind>('increasing', 'shuffled', 'float64', 'string', 'dictionary'),
    rows: fc.array(rowArb(nowMs), { minLength: 1, maxLength: 12 }),
    touches: fc.array(touchArb(nowMs), { maxLength: 24 }),
    given: fc.record({
      zone: fc.boolean(),
      tier: fc.boolean(),
      owner: fc.boolean(),
      calendar: fc.boolean(),
      created: fc.boolean(),
      paused: fc.boolean(),
      dnc: fc.boolean(),
      name: fc.boolean(),
      direction: fc.boolean(),
      outcome: fc.boolean(),
    }),
    owners: fc.constantFrom<Owner[] | undefined>(undefined, [
      { id: 'u1', timeZone: 'Asia/Tokyo', calendar: 'sixDays' },
      { id: 'u2', timeZone: 'America/New_York' },
      { id: 7 },
    ]),
  });
});

type Book = typeof bookArb extends fc.Arbitrary<infer T> ? T : never;

/** The id of row `index` in each form, distinct within a book. */
function idsOf(book: Book): { column: ContactColumns['id']; dictionary?: string[]; objects: (string | number)[] } {
  const count = book.rows.length;
  const numbers = Array.from({ length: count }, (_, index) => 1000 + 7 * index);
  if (book.idKind === 'shuffled') numbers.reverse();
  switch (book.idKind) {
    case 'increasing':
    case 'shuffled':
      return { column: Int32Array.from(numbers), objects: numbers };
    case 'float64':
      return { column: Float64Array.from(numbers, (value) => value * 2 ** 30), objects: numbers.map((value) => value * 2 ** 30) };
    case 'string':
      return { column: numbers.map((value) => `c${value}`), objects: numbers.map((value) => `c${value}`) };
    default: {
      const dictionary = ['unused', ...numbers.map((value) => `d${value}`)];
      return { column: Int32Array.from(numbers, (_, index) => index + 1), dictionary, objects: dictionary.slice(1) };
    }
  }
}

const coded = <T>(values: readonly (T | null)[], codes: number[]) => ({ codes: Uint8Array.from(codes), values });

function columnsOf(book: Book): { contacts: ContactColumns; touches: TouchColumns } {
  const { rows, given } = book;
  const ids = idsOf(book);
  const contacts: ContactColumns = {
    id: ids.column,
    ...(ids.dictionary ? { idDictionary: ids.dictionary } : {}),
    ...(given.zone
      ? {
          timeZone: coded(
            ZONES,
            rows.map((row) => row.zone),
          ),
        }
      : {}),
    ...(given.tier
      ? {
          tier: coded(
            TIERS,
            rows.map((row) => row.tier),
          ),
        }
      : {}),
    ...(given.owner
      ? {
          ownerId: coded(
            OWNERS,
            rows.map((row) => row.owner),
          ),
        }
      : {}),
    ...(given.calendar
      ? {
          calendar: coded(
            CALENDARS,
            rows.map((row) => row.calendar),
          ),
        }
      : {}),
    ...(given.created ? { createdMs: Float64Array.from(rows, (row) => row.created) } : {}),
    ...(given.paused ? { pausedUntilMs: Float64Array.from(rows, (row) => row.paused) } : {}),
    ...(given.dnc ? { doNotContact: Uint8Array.from(rows, (row) => row.dnc) } : {}),
    ...(given.name ? { name: rows.map((row) => row.name) } : {}),
  };
  const touches = book.touches.map((touch) => ({ ...touch, contact: touch.contact % rows.length }));
  return {
    contacts,
    touches: {
      contact: Int32Array.from(touches, (touch) => touch.contact),
      atMs: Float64Array.from(touches, (touch) => touch.at),
      channel: coded(
        CHANNELS,
        touches.map((touch) => touch.channel),
      ),
      ...(given.direction
        ? {
            direction: coded(
              DIRECTIONS,
              touches.map((touch) => touch.direction),
            ),
          }
        : {}),
      ...(given.outcome
        ? {
            outcome: coded(
              OUTCOMES,
              touches.map((touch) => touch.outcome),
            ),
          }
        : {}),
    },
  };
}

/** The objects the rows stand for, by the mapping the columnar input documents. */
function objectsOf(book: Book): { contacts: Contact[]; touches: Touch[] } {
  const { given } = book;
  const ids = idsOf(book).objects;
  const contacts = book.rows.map((row, index) => {
    const contact: Record<string, unknown> = { id: ids[index] };
    const pick = (on: boolean, name: string, value: unknown) => {
      if (on && value !== null && value !== undefined) contact[name] = value;
    };
    pick(given.zone, 'timeZone', ZONES[row.zone]);
    pick(given.tier, 'tier', TIERS[row.tier]);
    pick(given.owner, 'ownerId', OWNERS[row.owner]);
    pick(given.calendar, 'calendar', CALENDARS[row.calendar]);
    pick(given.created && !Number.isNaN(row.created), 'createdAt', row.created);
    pick(given.paused && !Number.isNaN(row.paused), 'pausedUntil', row.paused);
    pick(given.dnc && row.dnc === 1, 'doNotContact', true);
    if (given.name && row.name !== undefined) contact.name = row.name;
    return contact as unknown as Contact;
  });
  const touches = book.touches.map((touch) => {
    const object: Record<string, unknown> = {
      contactId: contacts[touch.contact % contacts.length]!.id,
      at: touch.at,
      channel: CHANNELS[touch.channel],
    };
    if (given.direction && DIRECTIONS[touch.direction] !== null) object.direction = DIRECTIONS[touch.direction];
    if (given.outcome && OUTCOMES[touch.outcome] !== null) object.outcome = OUTCOMES[touch.outcome];
    return object as unknown as Touch;
  });
  return { contacts, touches };
}

const epochDay = (text: string | null): number => (text === null ? NO_DUE_DAY : Date.parse(`${text}T00:00:00Z`) / DAY);

describe('evaluateColumns, the integer path', () => {
  it('is taken on good books, and gives evaluate’s numbers and items row by row, fresh and over reused memory', () => {
    fc.assert(
      fc.property(policyArb, bookArb, (policy, book) => {
        const columns = columnsOf(book);
        const objects = objectsOf(book);
        // Every owner value names a given owner (or none are given): no row is an unknown-owner error.
        const owners = book.owners;
        const common = { policy, now: book.now, ...(owners ? { owners } : {}) };
        const expected = evaluate({ ...common, ...objects });

        const session = openSession(policy, owners, Date.parse(book.now), []);
        const taken = fastColumns(session, columns.contacts, columns.touches, 0, undefined, undefined, { current: undefined });
        // Each distinct `counts` is a filter of its own; past three of them (besides the
        // default) a filter has no bit and the path gives up, as documented; and it gives up on
        // a book with errors (here: an anchored cycle without anchor for a contact without createdAt).
        // Equal `counts` are one filter.
        const ownFilters = new Set(
          policy.tiers
            .flatMap((tier) => tier.cycles)
            .filter((cycle) => cycle.counts !== undefined)
            .map((cycle) => JSON.stringify(cycle.counts)),
        ).size;
        expect(taken !== undefined).toBe(ownFilters <= 3 && expected.errors.length === 0);

        const before = structuredClone(columns);
        const result = evaluateColumns({ ...common, ...columns });
        expect(columns).toEqual(before);
        expect(result.errors).toEqual(expected.errors);
        expect(result.size).toBe(expected.items.length);
        const again = evaluateColumns({ ...common, ...columns, reuse: evaluateColumns({ ...common, ...columns }) });
        expected.items.forEach((item, row) => {
          for (const got of [result, again]) {
            expect(STATUS_CODES[got.status[row]!]).toBe(item.status);
            expect(got.dueDay[row]).toBe(epochDay(item.dueOn));
            expect(got.daysOverdue[row]).toBe(item.daysOverdue);
            expect(got.lastTouchMs[row]).toBe(item.lastTouchAt === null ? Number.NaN : Date.parse(item.lastTouchAt));
            expect(got.escalation[row] === -1 ? null : got.escalations[got.escalation[row]!]).toBe(item.escalation);
            expect(got.pausedDay[row]).toBe(epochDay(item.reason.pausedUntil));
            expect(got.cycleId(row)).toBe(item.cycleId);
            expect(got.contact[row]).toBe(objects.contacts.findIndex((contact) => String(contact.id) === item.contactId));
          }
          expect(result.item(row)).toEqual(item);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('puts a touch or a creation a ms either side of a local or UTC midnight on the local day luxon gives, DST days included', () => {
    // Zones whose midnights fall on odd quarter hours, with and without DST, and the dates
    // around their changes: the path finds the UTC day without dividing and moves it by the
    // offset, so each boundary is where a day could come out one off.
    const zones = [
      'UTC',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Pacific/Marquesas',
      'America/St_Johns',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
      'Europe/London',
      'America/New_York',
    ];
    const dates = [
      '2026-03-08',
      '2026-03-09',
      '2026-03-29',
      '2026-03-30',
      '2026-04-05',
      '2026-04-06',
      '2026-09-27',
      '2026-09-28',
      '2026-10-04',
      '2026-10-25',
      '2026-11-01',
      '2026-11-02',
      '1969-12-31',
      '1970-01-01',
    ];
    const now = '2026-11-23T08:00:00Z';
    const instants: { zone: string; ms: number }[] = [];
    for (const zone of zones)
      for (const date of dates)
        for (const midnight of [DateTime.fromISO(date, { zone }).toMillis(), Date.parse(`${date}T00:00:00Z`)])
          for (const ms of [-1, 0, 1]) instants.push({ zone, ms: midnight + ms });
    const policy = parsePolicy({
      version: 1,
      tiers: [{ id: 'A', cycles: [{ id: 'daily', cadence: { every: 'P1D' }, firstTouchWithin: 'P1D', shift: 'none' }] }],
      defaultTier: 'A',
    });
    // Each instant twice: a contact touched then (created long before), and one created then, never touched.
    const count = instants.length;
    const contacts: ContactColumns = {
      id: Int32Array.from({ length: 2 * count }, (_, row) => row),
      timeZone: { codes: Uint8Array.from({ length: 2 * count }, (_, row) => zones.indexOf(instants[row % count]!.zone)), values: zones },
      createdMs: Float64Array.from({ length: 2 * count }, (_, row) => (row < count ? Date.parse('1960-01-01') : instants[row - count]!.ms)),
    };
    const touches: TouchColumns = {
      contact: Int32Array.from(instants, (_, row) => row),
      atMs: Float64Array.from(instants, ({ ms }) => ms),
      channel: { codes: new Uint8Array(count), values: ['call'] },
    };
    const session = openSession(policy, undefined, Date.parse(now), []);
    expect(fastColumns(session, contacts, touches, 0, undefined, undefined, { current: undefined })).toBeDefined();
    const result = evaluateColumns({ policy, contacts, touches, now });
    expect(result.size).toBe(2 * count);
    instants.forEach(({ zone, ms }, row) => {
      const local = DateTime.fromMillis(ms, { zone }).toISODate()!;
      expect([zone, ms, result.dueDay[row], result.dueDay[count + row]]).toEqual([zone, ms, epochDay(local) + 1, epochDay(local) + 1]);
    });
  });

  it('stays on the path when cycles of two tiers have equal filters, however their lists are written', () => {
    const cycles = (prefix: string, first: object, second: object) => [
      { id: `${prefix}-calls`, cadence: { every: 'P7D' }, counts: first },
      { id: `${prefix}-meetings`, cadence: { every: 'P14D' }, counts: second },
    ];
    // Four `counts` as written, two filters as sets: with one filter each, past the bits there are.
    const policy = parsePolicy({
      version: 1,
      tiers: [
        { id: 'A', cycles: cycles('a', { channels: ['call', 'meeting'] }, { outcomes: ['connected'], channels: ['meeting'] }) },
        {
          id: 'B',
          cycles: cycles('b', { channels: ['meeting', 'call', 'call'] }, { channels: ['meeting'], outcomes: ['connected'] }),
        },
      ],
      defaultTier: 'A',
    });
    const contacts: ContactColumns = {
      id: Int32Array.of(1, 2, 3),
      tier: { codes: Uint8Array.of(0, 1, 1), values: ['A', 'B'] },
      createdMs: Float64Array.of(Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 5), Number.NaN),
    };
    const touches: TouchColumns = {
      contact: Int32Array.of(0, 1, 1, 2),
      atMs: Float64Array.of(Date.UTC(2026, 10, 2, 9), Date.UTC(2026, 10, 9, 9), Date.UTC(2026, 10, 12, 9), Date.UTC(2026, 9, 1, 9)),
      channel: { codes: Uint8Array.of(0, 1, 0, 1), values: ['call', 'meeting'] },
      outcome: { codes: Uint8Array.of(0, 0, 1, 0), values: ['connected', 'voicemail'] },
    };
    const session = openSession(policy, undefined, Date.parse(NOWS[0]!), []);
    expect(session.compiled.touchFilters).toHaveLength(3);
    expect(fastColumns(session, contacts, touches, 0, undefined, undefined, { current: undefined })).toBeDefined();
    const objects = {
      contacts: [
        { id: 1, tier: 'A', createdAt: Date.UTC(2026, 0, 5) },
        { id: 2, tier: 'B', createdAt: Date.UTC(2026, 0, 5) },
        { id: 3, tier: 'B' },
      ] as unknown as Contact[],
      touches: [
        { contactId: 1, at: Date.UTC(2026, 10, 2, 9), channel: 'call', outcome: 'connected' },
        { contactId: 2, at: Date.UTC(2026, 10, 9, 9), channel: 'meeting', outcome: 'connected' },
        { contactId: 2, at: Date.UTC(2026, 10, 12, 9), channel: 'call', outcome: 'voicemail' },
        { contactId: 3, at: Date.UTC(2026, 9, 1, 9), channel: 'meeting', outcome: 'connected' },
      ] as unknown as Touch[],
    };
    const expected = evaluate({ policy, ...objects, now: NOWS[0]! });
    const result = evaluateColumns({ policy, contacts, touches, now: NOWS[0]! });
    expect(Array.from({ length: result.size }, (_, row) => result.item(row))).toEqual(expected.items);
    expect(expected.items.map((item) => [item.cycleId, item.lastTouchAt])).toEqual([
      ['a-calls', '2026-11-02T09:00:00.000Z'],
      ['a-meetings', null],
      ['b-calls', '2026-11-09T09:00:00.000Z'],
      ['b-meetings', '2026-11-09T09:00:00.000Z'],
      ['b-calls', '2026-10-01T09:00:00.000Z'],
      ['b-meetings', '2026-10-01T09:00:00.000Z'],
    ]);
  });

  it('gives up, and the general path answers, where a row is bad or the policy needs touch days', () => {
    const policy = parsePolicy({
      version: 1,
      tiers: [{ id: 'A', cycles: [{ id: 'q', cadence: { per: 'month', times: 2 } }] }],
      defaultTier: 'A',
    });
    const contacts: ContactColumns = { id: Int32Array.of(1, 2), createdMs: Float64Array.of(Date.UTC(2026, 0, 5), Number.NaN) };
    const touches: TouchColumns = {
      contact: Int32Array.of(0, 1),
      atMs: Float64Array.of(Date.UTC(2026, 10, 2, 9), Date.UTC(2026, 10, 3, 9)),
      channel: { codes: Uint8Array.of(0, 0), values: ['call'] },
    };
    const session = openSession(policy, undefined, Date.parse(NOWS[0]!), []);
    expect(fastColumns(session, contacts, touches, 0, undefined, undefined, { current: undefined })).toBeUndefined();
    const rolling = parsePolicy({ version: 1, tiers: [{ id: 'A', cycles: [{ id: 'r', cadence: { every: 'P7D' } }] }], defaultTier: 'A' });
    const bad: TouchColumns = { ...touches, contact: Int32Array.of(0, 5) };
    const buffers = { current: undefined as ColumnBuffers | undefined };
    expect(
      fastColumns(openSession(rolling, undefined, Date.parse(NOWS[0]!), []), contacts, bad, 0, undefined, undefined, buffers),
    ).toBeUndefined();
    const result = evaluateColumns({ policy: rolling, contacts, touches: bad, now: NOWS[0]! });
    expect(result.errors.map((error) => [error.record, error.index, error.code])).toEqual([['touch', 1, 'unknown-contact']]);
    expect(result.size).toBe(2);
  });
});
