/**
 * The in-memory ways of asking on the audit's edge books (test/audit/edge-books.ts): `evaluate`,
 * `evaluateColumns` from objects, `evaluateStream` (items, and columns over reused chunks) must
 * give the same items; and `plan` from the items and from the columns the same plan, which keeps
 * the planning rules checked here without the library's code: no call on a day unworkable for the
 * owner or the contact, never above capacity (a rep with capacity 0 calls nobody), one call per
 * contact a day, nothing planned before its due date less the flex window, and nothing lost (each
 * dated item is planned, in overflow, or due after the horizon).
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  type Coded,
  type Contact,
  type ContactColumns,
  type DueItem,
  evaluate,
  evaluateColumns,
  evaluateStream,
  type EvaluateResult,
  parsePolicy,
  plan,
  type TouchColumns,
} from '../../src/index.js';
import { evaluateParallel } from '../../src/parallel/index.js';
import { type AuditBook, auditBook } from './edge-books.js';

const stripped = (items: readonly DueItem[]) => items.map((item) => JSON.parse(JSON.stringify(item)) as unknown);

async function streamed(book: AuditBook, chunkSize: number, columns: boolean) {
  const policy = parsePolicy(book.policy);
  const records = book.contacts.map((contact) => ({
    contact,
    touches: book.touches.filter((touch) => String(touch.contactId) === String(contact.id)),
  }));
  const items: DueItem[] = [];
  const options = { policy, owners: book.owners, snoozes: book.snoozes, now: book.now, chunkSize };
  if (columns) {
    for await (const chunk of evaluateStream(records, { ...options, output: 'columns', reuseChunks: true }))
      for (let row = 0; row < chunk.size; row += 1) items.push(chunk.item(row));
  } else for await (const chunk of evaluateStream(records, options)) items.push(...chunk.items);
  return items;
}

/** The touches grouped under their contacts, as the stream needs them (touches of each contact in input order). */
function grouped(book: AuditBook): AuditBook {
  const order = book.contacts.map((contact) => String(contact.id));
  const touches = [...book.touches].sort((a, b) => order.indexOf(String(a.contactId)) - order.indexOf(String(b.contactId)));
  return { ...book, touches };
}

/** A dictionary-encoded column of the values given (null where none). */
function coded<T>(values: readonly (T | undefined)[]): Coded<T> {
  const dictionary: (T | null)[] = [null];
  const codes = values.map((value) => {
    if (value === undefined) return 0;
    const at = dictionary.indexOf(value);
    return at >= 0 ? at : dictionary.push(value) - 1;
  });
  return { codes: Uint16Array.from(codes), values: dictionary };
}

/**
 * The book as columns, by the mapping ContactColumns documents: instants as epoch ms, a pause as
 * the first instant of its date in the contact's zone (the contact's own, its owner's, the
 * policy's, UTC), touches by their contact's row.
 */
function columnsOf(book: AuditBook): { contacts: ContactColumns; touches: TouchColumns } {
  const { contacts } = book;
  const zoneOf = (contact: Contact) =>
    contact.timeZone ??
    book.owners.find((owner) => String(owner.id) === String(contact.ownerId))?.timeZone ??
    (book.policy.timeZone as string | undefined) ??
    'UTC';
  const rowOf = new Map(contacts.map((contact, row) => [String(contact.id), row]));
  return {
    contacts: {
      id: contacts.map((contact) => String(contact.id)),
      timeZone: coded(contacts.map((contact) => contact.timeZone)),
      tier: coded(contacts.map((contact) => contact.tier)),
      ownerId: coded(contacts.map((contact) => contact.ownerId)),
      calendar: coded(contacts.map((contact) => contact.calendar)),
      createdMs: Float64Array.from(contacts, (contact) =>
        contact.createdAt === undefined ? Number.NaN : Date.parse(String(contact.createdAt)),
      ),
      pausedUntilMs: Float64Array.from(contacts, (contact) =>
        contact.pausedUntil === undefined
          ? Number.NaN
          : DateTime.fromISO(String(contact.pausedUntil), { zone: zoneOf(contact) }).toMillis(),
      ),
      doNotContact: Uint8Array.from(contacts, (contact) => (contact.doNotContact === true ? 1 : 0)),
      events: contacts.map((contact) => contact.events),
    },
    touches: {
      contact: Int32Array.from(book.touches, (touch) => rowOf.get(String(touch.contactId))!),
      atMs: Float64Array.from(book.touches, (touch) => Date.parse(String(touch.at))),
      channel: coded(book.touches.map((touch) => touch.channel)),
      direction: coded(book.touches.map((touch) => touch.direction)),
      outcome: coded(book.touches.map((touch) => touch.outcome)),
      purpose: coded(book.touches.map((touch) => touch.purpose)),
    },
  };
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** Whether a date is workable in a policy calendar (by its name), read from the policy JSON. */
function workable(policy: AuditBook['policy'], calendar: string | undefined, date: string): boolean {
  const calendars = policy.calendars as Record<string, { workingDays?: string[]; holidays?: string[] }>;
  const own = calendar === undefined ? undefined : calendars[calendar];
  if (own === undefined) return true;
  const weekday = WEEKDAYS[DateTime.fromISO(date, { zone: 'UTC' }).weekday - 1]!;
  return (own.workingDays ?? WEEKDAYS.slice(0, 5)).includes(weekday) && !(own.holidays ?? []).includes(date);
}

describe('the in-memory paths on edge books', () => {
  it('evaluate, evaluateColumns and evaluateStream (items; columns over reused chunks) give the same items', async () => {
    await fc.assert(
      fc.asyncProperty(auditBook, fc.integer({ min: 1, max: 3 }), async (drawn, chunkSize) => {
        const book = grouped(drawn);
        const policy = parsePolicy(book.policy);
        const expected = evaluate({ ...book, policy });
        const columns = evaluateColumns({ ...book, policy });
        const fromColumns = Array.from({ length: columns.size }, (_, row) => columns.item(row));
        expect(stripped(fromColumns)).toEqual(stripped(expected.items));
        expect(columns.errors).toEqual(expected.errors);
        const typed = evaluateColumns({ ...book, policy, ...columnsOf(book) });
        expect(stripped(Array.from({ length: typed.size }, (_, row) => typed.item(row)))).toEqual(stripped(expected.items));
        expect(typed.errors).toEqual(expected.errors);
        // Snoozes are read by every chunk; with a contact per chunk, each chunk's items are the book's.
        expect(stripped(await streamed(book, chunkSize, false))).toEqual(stripped(expected.items));
        expect(stripped(await streamed(book, chunkSize, true))).toEqual(stripped(expected.items));
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('evaluateParallel over two workers (items and columns) gives evaluate’s items and errors', async () => {
    await fc.assert(
      fc.asyncProperty(auditBook, async (book) => {
        const policy = parsePolicy(book.policy);
        const expected = evaluate({ ...book, policy });
        const settings = { workers: 2, minContactsPerWorker: 1 };
        const items = await evaluateParallel({ ...book, policy }, settings);
        expect(stripped(items.items)).toEqual(stripped(expected.items));
        expect(items.errors).toEqual(expected.errors);
        const columns = await evaluateParallel({ ...book, policy }, { ...settings, output: 'columns' });
        expect(stripped(Array.from({ length: columns.size }, (_, row) => columns.item(row)))).toEqual(stripped(expected.items));
      }),
      { numRuns: 5 },
    );
  }, 60_000);

  it('plan from items and from columns agree, and keep the planning rules', () => {
    fc.assert(
      fc.property(auditBook, fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 3), (book, days, flexDays) => {
        const policy = parsePolicy(book.policy);
        const result: EvaluateResult = evaluate({ ...book, policy });
        const options = { policy, owners: book.owners, now: book.now, days, flexDays };
        const planned = plan({ ...options, items: result.items });
        const fromColumns = plan({ ...options, items: evaluateColumns({ ...book, policy }) });
        expect(JSON.parse(JSON.stringify(fromColumns))).toEqual(JSON.parse(JSON.stringify(planned)));

        const contactById = new Map(book.contacts.map((contact) => [String(contact.id), contact]));
        const ownerById = new Map(book.owners.map((owner) => [String(owner.id), owner]));
        for (const owner of planned.owners) {
          const calendar = ownerById.get(owner.ownerId)?.calendar ?? (policy.calendar as string | undefined);
          for (const day of owner.days) {
            expect(workable(book.policy, calendar, day.date)).toBe(true);
            expect(day.calls).toBeLessThanOrEqual(owner.dailyCapacity);
            const calls = new Set(day.touches.map((touch) => touch.contactId));
            expect(calls.size).toBe(day.calls);
            for (const touch of day.touches) {
              expect(workable(book.policy, contactById.get(touch.contactId)?.calendar, day.date)).toBe(true);
              expect(touch.plannedOn).toBe(day.date);
              if (touch.occurrence === 0) {
                const earliest = DateTime.fromISO(touch.dueOn, { zone: 'UTC' }).minus({ days: flexDays }).toISODate()!;
                expect(touch.plannedOn >= earliest).toBe(true);
              }
            }
          }
        }
        // Nothing lost: each first occurrence of a dated, plannable item of a rep with a capacity
        // (a rep without one is a no-capacity error) is planned, overflows, or waits past the horizon.
        const placed = new Set<string>();
        for (const owner of planned.owners)
          for (const day of owner.days)
            for (const touch of day.touches) if (touch.occurrence === 0) placed.add(`${touch.contactId}/${touch.cycleId}`);
        for (const entry of planned.overflow) if (entry.occurrence === 0) placed.add(`${entry.contactId}/${entry.cycleId}`);
        const waiting = planned.owners.reduce((sum, owner) => sum + owner.notYetDue, 0);
        const plannable = result.items.filter(
          (item) => item.dueOn !== null && item.ownerId !== null && typeof ownerById.get(item.ownerId)?.dailyCapacity === 'number',
        );
        const missing = plannable.filter((item) => !placed.has(`${item.contactId}/${item.cycleId}`));
        expect(missing.length).toBeLessThanOrEqual(waiting);
        for (const owner of planned.owners) if (owner.dailyCapacity === 0) expect(owner.days.every((day) => day.calls === 0)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
