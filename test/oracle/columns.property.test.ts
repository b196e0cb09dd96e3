/**
 * `evaluateColumns` from columns against the oracle: the oracle's books given as columns (ids as
 * text, zones, owners and calendars dictionary-encoded, instants in epoch ms, touches by contact
 * row), every row's status, due day, days overdue and last touch, found by its contact and cycle,
 * and the oracle's errors. A pause given as a date is dropped from the book (the column holds
 * instants); everything else is the oracle's book.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Coded, ContactColumns, TouchColumns } from '../../src/core/column-input.js';
import { evaluateColumns, NO_DUE_DAY, STATUS_CODES } from '../../src/core/columns.js';
import { oracleBook } from './books.js';
import { wireInput } from './compare.js';
import { type OracleBook, oracle } from './reference.js';

function coded(values: readonly (string | undefined)[]): Coded<string> {
  const dictionary = [...new Set(values.filter((value) => value !== undefined))];
  return { codes: Uint16Array.from(values, (value) => (value === undefined ? dictionary.length : dictionary.indexOf(value))), values: [...dictionary, null] };
}

const instantMs = (text: string | undefined): number => (text === undefined ? Number.NaN : Date.parse(text));

function columnsOf(book: OracleBook): { contacts: ContactColumns; touches: TouchColumns } {
  const { contacts, touches } = book;
  const row = new Map(contacts.map((contact, at) => [contact.id, at]));
  return {
    contacts: {
      id: contacts.map((contact) => contact.id),
      timeZone: coded(contacts.map((contact) => contact.timeZone)),
      ownerId: coded(contacts.map((contact) => contact.ownerId)),
      calendar: coded(contacts.map((contact) => contact.calendar)),
      createdMs: Float64Array.from(contacts, (contact) => instantMs(contact.createdAt)),
      pausedUntilMs: Float64Array.from(contacts, (contact) => instantMs(contact.pausedUntil)),
      doNotContact: Uint8Array.from(contacts, (contact) => (contact.doNotContact === true ? 1 : 0)),
      // Without a column of events when no contact has one: such a book can take the integer path.
      ...(contacts.some((contact) => contact.events !== undefined) ? { events: contacts.map((contact) => contact.events) } : {}),
    },
    touches: {
      contact: Int32Array.from(touches, (touch) => row.get(touch.contactId)!),
      atMs: Float64Array.from(touches, (touch) => Date.parse(touch.at)),
      channel: coded(touches.map((touch) => touch.channel)),
      direction: coded(touches.map((touch) => touch.direction)),
      outcome: coded(touches.map((touch) => touch.outcome)),
      purpose: coded(touches.map((touch) => touch.purpose)),
    },
  };
}

/** The book without pauses given as dates (a column of instants cannot hold them). */
const instantPauses = (book: OracleBook): OracleBook => ({
  ...book,
  contacts: book.contacts.map(({ pausedUntil, ...contact }) =>
    pausedUntil === undefined || !pausedUntil.includes('T') ? contact : { ...contact, pausedUntil },
  ),
});

/**
 * The book as the integer path takes it: no snoozes, events or quotas (a cycle on an event or a
 * quota becomes rolling every 14 days), no owner ids when no owners are given.
 */
const integerPathBook = (book: OracleBook): OracleBook => ({
  ...book,
  snoozes: [],
  cycles: book.cycles.map((cycle) =>
    cycle.cadence.kind === 'quota' ||
    cycle.cadence.kind === 'milestones' ||
    (cycle.cadence.kind === 'anchored' && !/^\d{4}-\d{2}-\d{2}$/.test(cycle.cadence.anchor ?? ''))
      ? { ...cycle, cadence: { kind: 'rolling', every: 'P14D' } }
      : cycle,
  ),
  contacts: book.contacts.map(({ events: _events, ownerId, ...contact }) =>
    ownerId === undefined || book.owners.length === 0 ? contact : { ...contact, ownerId },
  ),
});

describe('evaluateColumns from columns agrees with the oracle', () => {
  it.each([
    ['random books', oracleBook.map(instantPauses)],
    ['books the integer path takes', oracleBook.map(instantPauses).map(integerPathBook)],
  ])('on %s: every row by its contact and cycle, and the errors', (_, books) => {
    fc.assert(
      fc.property(books, (book) => {
        const expected = oracle(book);
        const { policy, owners, snoozes, now } = wireInput(book);
        const result = evaluateColumns({ policy, owners, snoozes, now, ...columnsOf(book) });
        const got = new Map<string, unknown>();
        for (let row = 0; row < result.size; row++)
          got.set(`${result.contactId(row)}\u0000${result.cycleId(row)}`, {
            kind: 'item',
            status: STATUS_CODES[result.status[row]!],
            dueOn: result.dueDay[row] === NO_DUE_DAY ? null : result.dueOn(row),
            daysOverdue: result.daysOverdue[row],
            lastTouchMs: Number.isNaN(result.lastTouchMs[row]) ? null : result.lastTouchMs[row],
          });
        for (const [key, want] of expected) {
          if (want.kind === 'item') expect({ key, got: got.get(key) }).toEqual({ key, got: want });
          else {
            expect({ key, got: got.get(key) }).toEqual({ key, got: undefined });
            const contactId = key.split('\u0000')[0];
            expect(result.errors.some((error) => error.contactId === contactId && error.code === want.code)).toBe(true);
          }
          got.delete(key);
        }
        expect([...got.keys()]).toEqual([]);
        // The rows' contacts are the oracle's, in input order.
        const rowsOf = Array.from({ length: result.size }, (_, row) => book.contacts[result.contact[row]!]!.id);
        expect(rowsOf).toEqual(Array.from({ length: result.size }, (_, row) => result.contactId(row)));
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
