/**
 * The result columns that are rules until a row differs (`contact`, `cycle`, `escalation`,
 * `pausedDay`): on books with one tier or two, pauses or none, escalations or none, every reader
 * of a result gives `evaluate`'s rows: the getters, `item(row)`, the Arrow table, the plan, a
 * result written over a reused one, the merged slices of a parallel run, and a stream's chunks.
 * A column with every row alike is not written out by the evaluation, nor by the plan; one with
 * a row that differs is an array. The objects are built here from the columns by the documented
 * mapping, with no code of src/.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resultToArrow } from '../../src/arrow/index.js';
import type { ContactColumns, TouchColumns } from '../../src/core/column-input.js';
import { isImplied } from '../../src/core/column-values.js';
import { type EvaluateColumns, evaluateColumns, heldRows, STATUS_CODES } from '../../src/core/columns.js';
import { evaluateSlice } from '../../src/parallel/slice.js';
import { mergeColumns, sliceTasks } from '../../src/parallel/split.js';
import { type Contact, type DueItem, evaluate, evaluateStream, parsePolicy, type Policy, plan, type Touch } from '../../src/index.js';

const NOW = '2026-11-23T08:00:00Z';
const NOW_MS = Date.parse(NOW);
const DAY = 86_400_000;
const ZONES = ['UTC', 'America/New_York', 'Asia/Kathmandu'];

const cycleArb = fc.record({
  every: fc.constantFrom('P7D', 'P14D', 'P1M'),
  graceDays: fc.integer({ min: 0, max: 2 }),
  escalate: fc.boolean(),
});

const shapeArb = fc.record({
  perTier: fc.integer({ min: 1, max: 2 }),
  a: fc.array(cycleArb, { minLength: 2, maxLength: 2 }),
  b: fc.array(cycleArb, { minLength: 2, maxLength: 2 }),
  /** Contacts of tier B too (the cycle column differs from the first contact's). */
  twoTiers: fc.boolean(),
  /** Some contact paused. */
  paused: fc.boolean(),
});

const contactArb = fc.record({
  zone: fc.nat(ZONES.length - 1),
  tierB: fc.boolean(),
  pausedDays: fc.integer({ min: -5, max: 20 }),
  paused: fc.boolean(),
  dnc: fc.constantFrom(0, 0, 0, 1),
  touchDaysAgo: fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined }),
});

const bookArb = fc.record({ shape: shapeArb, contacts: fc.array(contactArb, { minLength: 1, maxLength: 24 }) });
type Book = typeof bookArb extends fc.Arbitrary<infer T> ? T : never;

function policyOf({ shape }: Book): Policy {
  const cycles = (list: Book['shape']['a'], prefix: string) =>
    list.slice(0, shape.perTier).map((cycle, index) => ({
      id: `${prefix}${index}`,
      cadence: { every: cycle.every },
      graceDays: cycle.graceDays,
      ...(cycle.escalate ? { escalate: [{ afterDays: 3, to: 'manager' }] } : {}),
    }));
  return parsePolicy({
    version: 1,
    tiers: [
      { id: 'A', cycles: cycles(shape.a, 'a') },
      { id: 'B', cycles: cycles(shape.b, 'b') },
    ],
    defaultTier: 'A',
  });
}

const tierOf = (book: Book, at: number) => (book.shape.twoTiers && book.contacts[at]!.tierB ? 1 : 0);
const pausedOf = (book: Book, at: number) =>
  book.shape.paused && book.contacts[at]!.paused ? NOW_MS + book.contacts[at]!.pausedDays * DAY : Number.NaN;

function columnsOf(book: Book): { contacts: ContactColumns; touches: TouchColumns } {
  const touched = book.contacts.flatMap((contact, at) => (contact.touchDaysAgo === undefined ? [] : [{ at, days: contact.touchDaysAgo }]));
  return {
    contacts: {
      id: Int32Array.from(book.contacts, (_, at) => 100 + at),
      timeZone: { codes: Uint8Array.from(book.contacts, (contact) => contact.zone), values: ZONES },
      tier: { codes: Uint8Array.from(book.contacts, (_, at) => tierOf(book, at)), values: ['A', 'B'] },
      createdMs: Float64Array.from(book.contacts, () => Date.UTC(2026, 0, 5)),
      pausedUntilMs: Float64Array.from(book.contacts, (_, at) => pausedOf(book, at)),
      doNotContact: Uint8Array.from(book.contacts, (contact) => contact.dnc),
    },
    touches: {
      contact: Int32Array.from(touched, (touch) => touch.at),
      atMs: Float64Array.from(touched, (touch) => NOW_MS - touch.days * DAY - 3_600_000),
      channel: { codes: new Uint8Array(touched.length), values: ['call'] },
    },
  };
}

function objectsOf(book: Book): { contacts: Contact[]; touches: Touch[] } {
  const contacts = book.contacts.map((contact, at) => {
    const object: Record<string, unknown> = {
      id: 100 + at,
      timeZone: ZONES[contact.zone],
      tier: tierOf(book, at) === 1 ? 'B' : 'A',
      createdAt: new Date(Date.UTC(2026, 0, 5)).toISOString(),
    };
    const paused = pausedOf(book, at);
    if (!Number.isNaN(paused)) object.pausedUntil = paused;
    if (contact.dnc === 1) object.doNotContact = true;
    return object as unknown as Contact;
  });
  const touches = book.contacts.flatMap((contact, at) =>
    contact.touchDaysAgo === undefined
      ? []
      : [{ contactId: 100 + at, at: NOW_MS - contact.touchDaysAgo * DAY - 3_600_000, channel: 'call' } as unknown as Touch],
  );
  return { contacts, touches };
}

const dayOf = (text: string | null): number | null => (text === null ? null : Date.parse(`${text}T00:00:00Z`) / DAY);

/** Per row of `result`, the values of the four columns, read through the getters. */
function rowValues(result: EvaluateColumns) {
  return Array.from({ length: result.size }, (_, row) => ({
    contact: result.contact[row],
    cycleId: result.cycles[result.cycle[row]!]!.cycleId,
    escalation: result.escalation[row] === -1 ? null : result.escalations[result.escalation[row]!],
    pausedDay: result.pausedDay[row] === -2_147_483_648 ? null : result.pausedDay[row],
  }));
}

/** The same values from `evaluate`'s items (contact: position of its id among the book's). */
function expectedValues(items: readonly DueItem[]) {
  return items.map((item) => ({
    contact: Number(item.contactId) - 100,
    cycleId: item.cycleId,
    escalation: item.escalation,
    pausedDay: dayOf(item.reason.pausedUntil),
  }));
}

const heldAsRule = (result: EvaluateColumns) => {
  const held = heldRows(result);
  return { contact: isImplied(held.contact), cycle: isImplied(held.cycle), escalation: isImplied(held.escalation), paused: isImplied(held.pausedDay) };
};

const owners = [{ id: 'u1', dailyCapacity: 3 }];

function check(book: Book, previous: Book): void {
  const policy = policyOf(book);
  const objects = objectsOf(book);
  const columns = columnsOf(book);
  const expected = evaluate({ policy, ...objects, now: NOW });
  const want = expectedValues(expected.items);
  const result = evaluateColumns({ policy, ...columns, now: NOW });
  expect(result.errors).toEqual([]);
  expect(result.size).toBe(expected.items.length);

  // Held as rules exactly where every row is alike.
  const escalated = expected.items.some((item) => item.escalation !== null);
  const paused = expected.items.some((item) => item.reason.pausedUntil !== null);
  const cycleIds = new Set(expected.items.map((item, row) => `${row % book.shape.perTier}:${item.cycleId}`));
  const alike = { contact: true, cycle: cycleIds.size === book.shape.perTier, escalation: !escalated, paused: !paused };
  expect(heldAsRule(result)).toEqual(alike);

  // The plan reads the rows as held: it writes nothing out, and plans as from the items.
  const planOptions = { policy, owners, from: '2026-11-23', days: 10 };
  expect(plan({ ...planOptions, items: result })).toEqual(plan({ ...planOptions, items: expected.items }));
  expect(heldAsRule(result)).toEqual(alike);

  // The Arrow table, the getters and item(row).
  const table = resultToArrow(result);
  expect(Array.from({ length: result.size }, (_, row) => table.getChild('cycleId')?.get(row))).toEqual(want.map((row) => row.cycleId));
  expect(Array.from({ length: result.size }, (_, row) => table.getChild('escalation')?.get(row) ?? null)).toEqual(
    want.map((row) => row.escalation),
  );
  expect(Array.from({ length: result.size }, (_, row) => table.getChild('contact')?.get(row))).toEqual(want.map((row) => row.contact));
  expect(rowValues(result)).toEqual(want);
  expect(Array.from({ length: result.size }, (_, row) => result.item(row))).toEqual(expected.items);

  // Over the memory of a result of another book (written out or not), the same rows.
  const before = evaluateColumns({ policy: policyOf(previous), ...columnsOf(previous), now: NOW });
  if (previous.contacts.length % 2 === 0) rowValues(before);
  const again = evaluateColumns({ policy, ...columns, now: NOW, reuse: before });
  expect(heldAsRule(again)).toEqual(alike);
  expect(rowValues(again)).toEqual(want);
  expect(Array.from(again.status)).toEqual(expected.items.map((item) => STATUS_CODES.indexOf(item.status)));

  // Slices merged: the general path's rows, a constant only where every slice's is the same.
  const options = { policy, ...objects, now: NOW };
  const tasks = sliceTasks(options, policy, NOW_MS, 'columns', 3)!;
  const merged = mergeColumns(tasks, tasks.map(evaluateSlice), policy);
  expect(rowValues(merged)).toEqual(want);
  expect(isImplied(heldRows(mergeColumns(tasks, tasks.map(evaluateSlice), policy)).escalation)).toBe(!escalated);
}

const example = (shape: Partial<Book['shape']>, contacts: Partial<Book['contacts'][number]>[]): [Book, Book] => {
  const cycle = { every: 'P7D' as const, graceDays: 0, escalate: true };
  const book: Book = {
    shape: { perTier: 1, a: [cycle, cycle], b: [cycle, cycle], twoTiers: false, paused: false, ...shape },
    contacts: contacts.map((contact) => ({ zone: 0, tierB: false, pausedDays: 5, paused: false, dnc: 0, touchDaysAgo: 1, ...contact })),
  };
  return [book, book];
};

describe('result columns held as rules', () => {
  it('every reader gives evaluate’s rows, with one cycle or several, pauses or none, escalations or none', () => {
    fc.assert(
      fc.property(bookArb, bookArb, (book, previous) => check(book, previous)),
      {
        numRuns: 120,
        examples: [
          // Every column alike: one tier, one cycle, nothing paused, nothing overdue.
          example({}, [{}, { zone: 1 }, { zone: 2, touchDaysAgo: 2 }]),
          // Two tiers, two cycles each, a pause, an escalation (40 days since the touch).
          example({ perTier: 2, twoTiers: true, paused: true }, [{ tierB: true, paused: true }, { touchDaysAgo: 40 }, {}]),
          // Tier B only: the rule is tier B's cycles.
          example({ twoTiers: true }, [{ tierB: true }, { tierB: true, touchDaysAgo: 40 }]),
        ],
      },
    );
  });

  it('a stream’s chunks give evaluate’s rows, their columns rules where every row of the chunk is alike', async () => {
    const books = fc.sample(bookArb, { seed: 21, numRuns: 40 });
    books.push(example({ perTier: 2, paused: true }, [{ paused: true }, {}, { touchDaysAgo: 40 }, {}, {}])[0]);
    let rules = 0;
    let arrays = 0;
    for (const book of books) {
      const policy = policyOf(book);
      const objects = objectsOf(book);
      const expected = evaluate({ policy, ...objects, now: NOW });
      const records = objects.contacts.map((contact) => ({
        contact,
        touches: objects.touches.filter((touch) => touch.contactId === contact.id),
      }));
      const got: ReturnType<typeof rowValues> = [];
      for await (const chunk of evaluateStream(records, { policy, now: NOW, chunkSize: 2, output: 'columns' })) {
        const held = heldRows(chunk);
        const chunkRows = rowValues(chunk);
        const escalated = chunkRows.some((row) => row.escalation !== null);
        expect(isImplied(held.escalation)).toBe(!escalated);
        expect(isImplied(held.pausedDay)).toBe(chunkRows.every((row) => row.pausedDay === null));
        if (isImplied(held.pausedDay)) rules++;
        else arrays++;
        got.push(...chunkRows);
      }
      expect(got).toEqual(expectedValues(expected.items));
    }
    expect(rules).toBeGreaterThan(0);
    expect(arrays).toBeGreaterThan(0);
  });
});
