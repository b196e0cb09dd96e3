/**
 * The columnar result is `evaluate`'s result in other clothes: on random books (every cadence
 * kind, odd zones, owners, snoozes, tier rules, bad records of every family) each row holds the
 * numbers of `evaluate`'s item at the same position, `item(row)` is that item, and the errors and
 * balance are the same, in the same order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateColumns, NO_DUE_DAY, STATUS_CODES } from '../../src/core/columns.js';
import { parseDate } from '../../src/time/dates.js';
import { type DueItem, evaluate, explain } from '../../src/index.js';
import { deepFreeze } from '../helpers.js';
import { bookArb, NOW, policyArb, weeklyPolicy } from './books.js';

const NOT_REFUSING = new Set(['unknown-owner', 'no-occurrence', 'unknown-event', 'missing-anchor', 'date-out-of-range']);
const dayOf = (date: string | null) => (date === null ? NO_DUE_DAY : parseDate(date)!);

function expectRowMatches(result: ReturnType<typeof evaluateColumns>, row: number, item: DueItem, contactIndex: number): void {
  expect(STATUS_CODES[result.status[row]!]).toBe(item.status);
  expect(result.dueDay[row]).toBe(dayOf(item.dueOn));
  expect(result.dueOn(row)).toBe(item.dueOn);
  expect(result.daysOverdue[row]).toBe(item.daysOverdue);
  expect(result.cycles[result.cycle[row]!]).toEqual({ tierId: item.tierId, cycleId: item.cycleId });
  expect(result.tierId(row)).toBe(item.tierId);
  expect(result.cycleId(row)).toBe(item.cycleId);
  expect(result.contactId(row)).toBe(item.contactId);
  expect(result.contact[row]).toBe(contactIndex);
  expect(result.ownerId(row)).toBe(item.ownerId);
  expect(result.timeZone(row)).toBe(item.reason.timeZone);
  expect(result.contactCalendar(row)).toBe(item.reason.contactCalendar);
  const last = result.lastTouchMs[row]!;
  if (item.lastTouchAt === null) expect(Number.isNaN(last)).toBe(true);
  else expect(last).toBe(Date.parse(item.lastTouchAt));
  const escalation = result.escalation[row]!;
  expect(escalation === -1 ? null : result.escalations[escalation]).toBe(item.escalation);
  expect(result.pausedDay[row]).toBe(dayOf(item.reason.pausedUntil));
}

describe('evaluateColumns', () => {
  it('holds, row by row, the numbers of evaluate’s items; item(row) is the item; same errors and balance', () => {
    fc.assert(
      fc.property(policyArb, bookArb({ duplicates: true }), (policy, book) => {
        const options = { policy, contacts: book.contacts, touches: book.touches, owners: book.owners, snoozes: book.snoozes, now: NOW };
        const expected = evaluate(options);
        const result = evaluateColumns(deepFreeze(options));
        expect(result.size).toBe(expected.items.length);
        expect(result.errors).toEqual(expected.errors);
        expect(result.balance).toEqual(expected.balance);
        // The position of each item's contact: the first with its id that the intake did not
        // refuse (an unknown owner or a cycle that fails does not refuse the contact).
        const positions = new Map<string, number>();
        book.contacts.forEach((contact, index) => {
          const id = contact !== null && typeof contact === 'object' ? String(contact.id) : '';
          const refused = expected.errors.some(
            (error) => error.record === 'contact' && error.index === index && !NOT_REFUSING.has(error.code),
          );
          if (!positions.has(id) && !refused) positions.set(id, index);
        });
        expected.items.forEach((item, row) => {
          expectRowMatches(result, row, item, positions.get(item.contactId)!);
          expect(result.item(row)).toEqual(item);
          expect(result.explain(row)).toBe(explain(item));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a row that is not one of its rows with an InputError naming row', () => {
    const policy = weeklyPolicy();
    const result = evaluateColumns({ policy, contacts: [{ id: 'c1' }], touches: [], now: NOW });
    expect(result.size).toBe(1);
    for (const row of [-1, 1, 0.5, Number.NaN])
      expect(() => result.item(row)).toThrow(
        expect.objectContaining({ name: 'InputError', issues: [expect.objectContaining({ path: ['row'] })] }),
      );
  });

  it('checks its arguments as evaluate does', () => {
    expect(() => evaluateColumns({ policy: null, contacts: [], touches: [], now: NOW } as never)).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
    expect(() => evaluateColumns({ policy: {}, contacts: null, touches: [], now: NOW } as never)).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
  });
});
