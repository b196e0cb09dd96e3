/**
 * `evaluate` against the oracle (a slow reference written from SPEC.md, sharing no code with
 * src/) on random books: every cadence kind and shift, never-touched contacts with and without
 * createdAt, pauses, snoozes, touch filters, nine zones, `now` on DST days and period boundaries.
 * A larger run: `npm run oracle -- --runs 5000` (docs/testing.md).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oracleBook } from './books.js';
import { disagreements } from './compare.js';

describe('evaluate agrees with the oracle written from SPEC.md', () => {
  it('on random books: status, dueOn, daysOverdue and lastTouchAt of every (contact, cycle)', () => {
    fc.assert(
      fc.property(oracleBook, (book) => {
        expect(disagreements(book)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
