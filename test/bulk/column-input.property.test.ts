/**
 * A book given as columns evaluates exactly as the contact and touch objects its rows stand for:
 * same rows, same items, same errors (bad rows included, with their row as index), same balance.
 * The objects are built here from the columns by the documented mapping, with no code of src/.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { IntakeScratch } from '../../src/core/scratch.js';
import type { ContactColumns, TouchColumns } from '../../src/core/column-input.js';
import { type EvaluateColumns, evaluateColumns } from '../../src/core/columns.js';
import { type Contact, evaluate, type Owner, parsePolicy, plan, type Snooze, type Touch } from '../../src/index.js';
import { NOW, policyArb } from './books.js';

const NOW_MS = Date.parse(NOW);
const instantMs = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: Date.UTC(2025, 0, 1), max: NOW_MS + 5 * 86_400_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(1e16, Number.POSITIVE_INFINITY, Date.UTC(2026, 9, 1, 10) + 0.75) },
);
const maybeMs = fc.oneof({ weight: 3, arbitrary: instantMs }, { weight: 1, arbitrary: fc.constant(Number.NaN) });

const ZONES = ['UTC', 'Asia/Tokyo', 'Mars/Olympus', null, 'Pacific/Apia', 'America/New_York'];
const TIERS = ['A', 'B', 'Z', null];
const OWNERS = ['u1', 'u2', 'u9', null, 7];
const CALENDARS = ['sixDays', 'nope', null];
const CHANNELS = ['call', 'meeting', 'fax', 'email'];
const DIRECTIONS = ['outbound', 'inbound', null, 'sideways'];
const OUTCOMES = ['connected', 'voicemail', null, 'no-answer'];
const PURPOSES = ['sales', null, 'check-in'];
const ID_DICTIONARY = ['a', 'b', 'a', '', 'c', 'd', 'e'];

type IdKind = 'string' | 'int32' | 'float64' | 'dictionary';
const idValues: Record<IdKind, readonly (string | number)[]> = {
  string: ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c1', ''],
  int32: [1, 2, 3, -5, 0, 11, 2],
  float64: [1, 2, 9_007_199_254_740_992, 1.5, 7, 2, 40],
  dictionary: [0, 1, 2, 3, 4, 5, 6],
};

interface Row {
  id: number;
  zone: number;
  tier: number;
  owner: number;
  calendar: number;
  created: number;
  paused: number;
  dnc: number;
  name: unknown;
  attributes: unknown;
  events: unknown;
}

const rowArb = fc.record({
  id: fc.nat(6),
  zone: fc.nat(ZONES.length - 1),
  tier: fc.nat(TIERS.length - 1),
  owner: fc.nat(OWNERS.length - 1),
  calendar: fc.nat(CALENDARS.length - 1),
  created: maybeMs,
  paused: fc.oneof(fc.constant(Number.NaN), fc.constantFrom(Date.UTC(2026, 11, 1, 12), Date.UTC(2026, 10, 1))),
  dnc: fc.constantFrom(0, 0, 0, 1, 2),
  name: fc.constantFrom<unknown>(undefined, null, ' Aiko Tanaka ', '', 42),
  attributes: fc.constantFrom(undefined, null, { revenue: 1500 }, { revenue: 10 }, 'rich'),
  events: fc.constantFrom(undefined, { closedWon: '2026-06-30', contractStart: Date.UTC(2026, 2, 3, 9) }, { closedWon: 'soon' }),
});

const touchArb = fc.record({
  contact: fc.nat(40),
  at: instantMs,
  channel: fc.nat(CHANNELS.length - 1),
  direction: fc.nat(DIRECTIONS.length - 1),
  outcome: fc.nat(OUTCOMES.length - 1),
  purpose: fc.nat(PURPOSES.length - 1),
});

const bookArb = fc.record({
  idKind: fc.constantFrom<IdKind>('string', 'int32', 'float64', 'dictionary'),
  rows: fc.array(rowArb, { maxLength: 9 }),
  touches: fc.array(touchArb, { maxLength: 14 }),
  // Which optional columns are given.
  given: fc.record({
    zone: fc.boolean(),
    tier: fc.boolean(),
    owner: fc.boolean(),
    calendar: fc.boolean(),
    created: fc.boolean(),
    paused: fc.boolean(),
    dnc: fc.boolean(),
    name: fc.boolean(),
    attributes: fc.boolean(),
    events: fc.boolean(),
    direction: fc.boolean(),
    outcome: fc.boolean(),
    purpose: fc.boolean(),
  }),
  owners: fc.option(fc.constantFrom<Owner[]>([{ id: 'u1', timeZone: 'Asia/Tokyo', calendar: 'sixDays' }], [{ id: 'u2' }, { id: 7 }]), {
    nil: undefined,
  }),
  snoozes: fc.array(
    fc.record({
      contactId: fc.constantFrom<string | number>('c1', 'a', 2, '2', 'ghost'),
      cycleId: fc.constantFrom('a0', 'check-in'),
      until: fc.constantFrom('2026-12-10', '2026-11-30T10:00:00Z'),
    }),
    { maxLength: 2 },
  ),
});

type Book = typeof bookArb extends fc.Arbitrary<infer T> ? T : never;

const coded = (values: readonly (string | number | null)[], codes: number[]) => ({ codes: Uint8Array.from(codes), values });

function columnsOf(book: Book): { contacts: ContactColumns; touches: TouchColumns } {
  const { rows, given, idKind } = book;
  const raw = rows.map((row) => idValues[idKind][row.id]!);
  const id =
    idKind === 'string'
      ? (raw as string[])
      : idKind === 'int32'
        ? Int32Array.from(raw as number[])
        : idKind === 'float64'
          ? Float64Array.from(raw as number[])
          : Int32Array.from(raw as number[]);
  const contacts: ContactColumns = {
    id,
    ...(idKind === 'dictionary' ? { idDictionary: ID_DICTIONARY } : {}),
    ...(given.zone
      ? {
          timeZone: coded(
            ZONES,
            rows.map((row) => row.zone),
          ) as ContactColumns['timeZone'],
        }
      : {}),
    ...(given.tier
      ? {
          tier: coded(
            TIERS,
            rows.map((row) => row.tier),
          ) as ContactColumns['tier'],
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
          ) as ContactColumns['calendar'],
        }
      : {}),
    ...(given.created ? { createdMs: Float64Array.from(rows.map((row) => row.created)) } : {}),
    ...(given.paused ? { pausedUntilMs: Float64Array.from(rows.map((row) => row.paused)) } : {}),
    ...(given.dnc ? { doNotContact: Uint8Array.from(rows.map((row) => row.dnc)) } : {}),
    ...(given.name ? { name: rows.map((row) => row.name) as ContactColumns['name'] } : {}),
    ...(given.attributes ? { attributes: rows.map((row) => row.attributes) as ContactColumns['attributes'] } : {}),
    ...(given.events ? { events: rows.map((row) => row.events) as ContactColumns['events'] } : {}),
  };
  const touches = touchRows(book);
  return {
    contacts,
    touches: {
      contact: Int32Array.from(touches.map((touch) => touch.contact)),
      atMs: Float64Array.from(touches.map((touch) => touch.at)),
      channel: coded(
        CHANNELS,
        touches.map((touch) => touch.channel),
      ) as TouchColumns['channel'],
      ...(given.direction
        ? {
            direction: coded(
              DIRECTIONS,
              touches.map((touch) => touch.direction),
            ) as TouchColumns['direction'],
          }
        : {}),
      ...(given.outcome
        ? {
            outcome: coded(
              OUTCOMES,
              touches.map((touch) => touch.outcome),
            ) as TouchColumns['outcome'],
          }
        : {}),
      ...(given.purpose
        ? {
            purpose: coded(
              PURPOSES,
              touches.map((touch) => touch.purpose),
            ) as TouchColumns['purpose'],
          }
        : {}),
    },
  };
}

/** The id a row stands for: text for dictionary ids, the value itself otherwise. */
function idOf(book: Book, row: Row): string | number {
  const value = idValues[book.idKind][row.id]!;
  return book.idKind === 'dictionary' ? ID_DICTIONARY[value as number]! : value;
}

const validId = (value: string | number) => (typeof value === 'string' ? value !== '' : Number.isSafeInteger(value));

/** Touches of rows that have a valid id (a touch of a row whose id is bad is covered by that row's error). */
function touchRows(book: Book) {
  const rows = book.rows.map((row, index) => ({ index, ok: validId(idOf(book, row)) })).filter((row) => row.ok);
  if (rows.length === 0) return [];
  return book.touches.map((touch) => ({ ...touch, contact: rows[touch.contact % rows.length]!.index }));
}

/** The objects the rows stand for, by the mapping the columnar input documents. */
function objectsOf(book: Book): { contacts: Contact[]; touches: Touch[] } {
  const { given } = book;
  const contacts = book.rows.map((row) => {
    const contact: Record<string, unknown> = { id: idOf(book, row) };
    const pick = (on: boolean, name: string, value: unknown) => {
      if (on && value !== null && value !== undefined) contact[name] = value;
    };
    pick(given.zone, 'timeZone', ZONES[row.zone]);
    pick(given.tier, 'tier', TIERS[row.tier]);
    pick(given.owner, 'ownerId', OWNERS[row.owner]);
    pick(given.calendar, 'calendar', CALENDARS[row.calendar]);
    pick(given.created && !Number.isNaN(row.created), 'createdAt', row.created);
    pick(given.paused && !Number.isNaN(row.paused), 'pausedUntil', row.paused);
    pick(given.dnc && row.dnc !== 0, 'doNotContact', row.dnc === 1 ? true : row.dnc);
    if (given.name && row.name !== undefined) contact.name = row.name;
    pick(given.attributes, 'attributes', row.attributes);
    pick(given.events, 'events', row.events);
    return contact as unknown as Contact;
  });
  const touches = touchRows(book).map((touch) => {
    const object: Record<string, unknown> = { contactId: contacts[touch.contact]!.id, at: touch.at, channel: CHANNELS[touch.channel] };
    const pick = (on: boolean, name: string, value: unknown) => {
      if (on && value !== null) object[name] = value;
    };
    pick(given.direction, 'direction', DIRECTIONS[touch.direction]);
    pick(given.outcome, 'outcome', OUTCOMES[touch.outcome]);
    pick(given.purpose, 'purpose', PURPOSES[touch.purpose]);
    return object as unknown as Touch;
  });
  return { contacts, touches };
}

const reuseRow: Row = {
  id: 0,
  zone: 0,
  tier: 0,
  owner: 0,
  calendar: 0,
  created: Number.NaN,
  paused: Number.NaN,
  dnc: 0,
  name: undefined,
  attributes: undefined,
  events: undefined,
};
const reuseBook: Book = {
  idKind: 'string',
  rows: [],
  touches: [],
  given: {
    zone: false,
    tier: false,
    owner: false,
    calendar: false,
    created: false,
    paused: false,
    dnc: false,
    name: false,
    attributes: false,
    events: false,
    direction: false,
    outcome: false,
    purpose: false,
  },
  owners: undefined,
  snoozes: [],
};

function expectSameRows(result: EvaluateColumns, other: EvaluateColumns): void {
  expect(result.size).toBe(other.size);
  for (const name of ['status', 'dueDay', 'daysOverdue', 'contact', 'cycle', 'lastTouchMs', 'escalation', 'pausedDay'] as const)
    expect(Array.from(result[name])).toEqual(Array.from(other[name]));
}

describe('evaluateColumns from columns', () => {
  it('gives the items, rows, errors and balance of the objects the rows stand for', () => {
    fc.assert(
      fc.property(policyArb, bookArb, (policy, book) => {
        const columns = columnsOf(book);
        const objects = objectsOf(book);
        const common = { policy, owners: book.owners, snoozes: book.snoozes as Snooze[], now: NOW };
        const expected = evaluate({ ...common, ...objects });
        const fromObjects = evaluateColumns({ ...common, ...objects });
        // Typed arrays cannot be frozen: the input is compared with a copy taken before instead.
        const before = structuredClone(columns);
        const result = evaluateColumns({ ...common, ...columns });
        expect(columns).toEqual(before);
        expect(result.errors).toEqual(expected.errors);
        expect(result.balance).toEqual(expected.balance);
        expectSameRows(result, fromObjects);
        expected.items.forEach((item, row) => {
          expect(result.item(row)).toEqual(item);
          expect(result.contactId(row)).toBe(item.contactId);
          expect(result.ownerId(row)).toBe(item.ownerId);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('over the memory of a result of another book (reuse), gives the rows, items, errors and balance of a fresh run', () => {
    fc.assert(
      fc.property(policyArb, bookArb, bookArb, fc.boolean(), (policy, earlier, book, asObjects) => {
        const input = (of: Book) => (asObjects ? objectsOf(of) : columnsOf(of));
        const common = { policy, owners: book.owners, snoozes: book.snoozes as Snooze[], now: NOW };
        const fresh = evaluateColumns({ ...common, ...input(book) });
        const before = evaluateColumns({ ...common, owners: earlier.owners, snoozes: earlier.snoozes as Snooze[], ...input(earlier) });
        const result = evaluateColumns({ ...common, ...input(book), reuse: before });
        expect(result.errors).toEqual(fresh.errors);
        expect(result.balance).toEqual(fresh.balance);
        expectSameRows(result, fresh);
        for (let row = 0; row < result.size; row++) expect(result.item(row)).toEqual(fresh.item(row));
      }),
      {
        numRuns: 200,
        examples: [
          // Found: the result before had one array for its contact and state columns; the book
          // now refuses its first contact, so the two differ, and once shared one memory.
          [
            parsePolicy({
              version: 1,
              tiers: [{ id: 'A', cycles: [{ id: 'a0', cadence: { every: 'P14D' } }] }],
              defaultTier: 'A',
            }),
            { ...reuseBook, rows: [{ ...reuseRow, created: 1e16 }] },
            { ...reuseBook, rows: [{ ...reuseRow, name: 42 as never }, reuseRow], given: { ...reuseBook.given, name: true } },
            true,
          ],
        ],
      },
    );
  });

  it('hands the intake’s arrays of the run before on to the next with reuse', () => {
    // Bad rows keep both books on the general path, which reads a book; the two are the same size.
    const contacts = (zone: string): ContactColumns => ({
      id: ['c1', 'c2', 'c2', 'c3'],
      timeZone: { codes: Uint8Array.of(0, 0, 0, 0), values: [zone] },
      createdMs: Float64Array.of(Date.UTC(2026, 0, 5), Number.NaN, Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 5)),
    });
    const touches: TouchColumns = {
      contact: Int32Array.of(0, 1, 3),
      atMs: Float64Array.of(Date.UTC(2026, 10, 2, 9), Date.UTC(2026, 10, 9, 9), Date.UTC(2026, 10, 12, 9)),
      channel: { codes: Uint8Array.of(0, 0, 0), values: ['call'] },
    };
    const policy = parsePolicy({ version: 1, tiers: [{ id: 'A', cycles: [{ id: 'x', cadence: { every: 'P7D' } }] }], defaultTier: 'A' });
    // Per run, the memory of each array the intake takes, in order.
    const taken: ArrayBufferLike[][] = [];
    const original = IntakeScratch.prototype.take;
    const take = vi.spyOn(IntakeScratch.prototype, 'take').mockImplementation(function (this: IntakeScratch, name, type, length) {
      const array = original.call(this, name, type, length);
      taken.at(-1)!.push(array.buffer);
      return array;
    } as IntakeScratch['take']);
    try {
      taken.push([]);
      const first = evaluateColumns({ policy, contacts: contacts('Asia/Tokyo'), touches, now: NOW });
      taken.push([]);
      const second = evaluateColumns({ policy, contacts: contacts('UTC'), touches, now: NOW, reuse: first });
      expect(second.errors.map((error) => error.code)).toEqual(['duplicate-id']);
      expect(taken[0]!.length).toBeGreaterThan(0);
      expect(taken[1]).toEqual(taken[0]);
      for (const [at, buffer] of taken[1]!.entries()) expect(buffer).toBe(taken[0]![at]);
    } finally {
      take.mockRestore();
    }
  });

  it('plans from a result read from columns as from the objects', () => {
    fc.assert(
      fc.property(policyArb, bookArb, fc.integer({ min: 1, max: 30 }), (policy, book, days) => {
        const owners: Owner[] = [
          { id: 'u1', calendar: 'sixDays', timeZone: 'Asia/Tokyo', dailyCapacity: 2 },
          { id: 'u2', dailyCapacity: 1 },
        ];
        const common = { policy, owners, snoozes: book.snoozes as Snooze[], now: NOW };
        const planOptions = { policy, owners, from: '2026-11-23', days };
        const fromColumns = evaluateColumns({ ...common, ...columnsOf(book) });
        const fromObjects = evaluate({ ...common, ...objectsOf(book) });
        expect(plan({ ...planOptions, items: fromColumns })).toEqual(plan({ ...planOptions, items: fromObjects.items }));
      }),
      { numRuns: 100 },
    );
  });
});
