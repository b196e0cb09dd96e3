/**
 * `evaluate` against the oracle (a slow reference written from SPEC.md, sharing no code with
 * src/) on random books: every cadence kind and shift, never-touched contacts with and without
 * createdAt, pauses, snoozes, touch filters, nine zones, `now` on DST days and period boundaries.
 * A larger run: `npm run oracle -- --runs 5000` (docs/testing.md).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import { oracleBook } from './books.js';
import { disagreements, wireInput } from './compare.js';

describe('evaluate agrees with the oracle written from SPEC.md', () => {
  it('on random books: status, dueOn, daysOverdue and lastTouchAt of every (contact, cycle)', () => {
    fc.assert(
      fc.property(oracleBook, (book) => {
        expect(disagreements(book)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('on books of never-touched contacts without createdAt (the answers issue 18 corrected)', () => {
    const neverTouched = oracleBook.map((book) => ({
      ...book,
      touches: [],
      contacts: book.contacts.map(({ createdAt: _created, ...contact }) => contact),
    }));
    fc.assert(
      fc.property(neverTouched, (book) => {
        expect(disagreements(book)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('the same input gives the same due date on every now; only "due today" of a contact with no history moves', () => {
    // SPEC "Never touched": apart from that due today, only the status moves with `now`. The
    // touches are the ones done by both instants, so the input is truly the same.
    fc.assert(
      fc.property(oracleBook, fc.integer({ min: 1, max: 60 * 24 * 40 }), (book, minutesLater) => {
        const earlier = Date.parse(book.now);
        const later = new Date(earlier + minutesLater * 60_000).toISOString();
        const touches = book.touches.filter((touch) => Date.parse(touch.at) <= earlier);
        const before = evaluate(wireInput({ ...book, touches }));
        const after = new Map(
          evaluate(wireInput({ ...book, touches, now: later })).items.map((item) => [`${item.contactId} ${item.cycleId}`, item]),
        );
        for (const item of before.items) {
          const next = after.get(`${item.contactId} ${item.cycleId}`)!;
          if (item.reason.basis === 'no-history' || next.reason.basis === 'no-history') continue;
          expect({ id: `${item.contactId} ${item.cycleId}`, dueOn: next.dueOn }).toEqual({
            id: `${item.contactId} ${item.cycleId}`,
            dueOn: item.dueOn,
          });
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
