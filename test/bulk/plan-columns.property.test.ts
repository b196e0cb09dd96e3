/**
 * `plan` fed `evaluateColumns`' result plans exactly what it plans from `evaluate`'s items: the
 * same days, calls, reasons, overflow, load, skipped counts and errors, on random books.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateColumns } from '../../src/core/columns.js';
import { evaluate, plan } from '../../src/index.js';
import { bookArb, NOW, policyArb, weeklyPolicy } from './books.js';

const owners = [{ id: 'u1', calendar: 'sixDays', timeZone: 'Asia/Tokyo', dailyCapacity: 2 }, { id: 'u2', dailyCapacity: 1 }, { id: 'u3' }];

describe('plan from columns', () => {
  it('gives the plan it gives from the items', () => {
    fc.assert(
      fc.property(
        policyArb,
        bookArb({ duplicates: true, maxContacts: 14 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 5 }),
        (policy, book, days, flexDays) => {
          const options = { policy, contacts: book.contacts, touches: book.touches, owners, snoozes: book.snoozes, now: NOW };
          const { items } = evaluate(options);
          const columns = evaluateColumns(options);
          const planOptions = { policy, owners, from: '2026-11-23', days, flexDays };
          expect(plan({ ...planOptions, items: columns })).toEqual(plan({ ...planOptions, items }));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses something that is neither items nor columns, naming items', () => {
    const run = () => plan({ policy: weeklyPolicy(), owners: [], from: '2026-11-23', days: 7, items: { size: 3 } as never });
    expect(run).toThrow(expect.objectContaining({ name: 'InputError', issues: [expect.objectContaining({ path: ['items'] })] }));
  });
});
