/**
 * `evaluateParallel` gives exactly `evaluate`'s (or `evaluateColumns`') result. The split and the
 * merge are checked on many random books with the slices run in this thread; real worker threads
 * on a few books (each worker is a fresh Node thread, slow to start under the test runner).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateColumns } from '../../src/core/columns.js';
import { parseInstant } from '../../src/time/instant.js';
import { evaluateParallel } from '../../src/parallel/index.js';
import { evaluateSlice } from '../../src/parallel/slice.js';
import { mergeColumns, mergeItems, sliceTasks } from '../../src/parallel/split.js';
import { type DueItem, evaluate, parsePolicy } from '../../src/index.js';
import { bookArb, NOW, policyArb, weeklyPolicy } from './books.js';

const rowsOf = (result: ReturnType<typeof evaluateColumns>): DueItem[] => Array.from({ length: result.size }, (_, row) => result.item(row));

describe('evaluateParallel: split and merge', () => {
  it('slices evaluated apart and merged give evaluate’s items, errors and balance, in order', () => {
    fc.assert(
      fc.property(policyArb, bookArb({ duplicates: false, maxContacts: 16 }), fc.integer({ min: 2, max: 5 }), (policy, book, workers) => {
        const options = { policy, contacts: book.contacts, touches: book.touches, owners: book.owners, snoozes: book.snoozes, now: NOW };
        const tasks = sliceTasks(options, policy, parseInstant(NOW)!, 'items', workers)!;
        expect(tasks).toBeDefined();
        expect(mergeItems(tasks.map(evaluateSlice))).toEqual(evaluate(options));
        const columnTasks = sliceTasks(options, policy, parseInstant(NOW)!, 'columns', workers)!;
        const merged = mergeColumns(columnTasks, columnTasks.map(evaluateSlice), policy);
        const single = evaluateColumns(options);
        expect(merged.errors).toEqual(single.errors);
        expect(merged.balance).toEqual(single.balance);
        for (const name of ['status', 'dueDay', 'daysOverdue', 'contact', 'cycle', 'lastTouchMs', 'escalation', 'pausedDay'] as const)
          expect(Array.from(merged[name])).toEqual(Array.from(single[name]));
        expect(merged.escalations).toEqual(single.escalations);
        expect(rowsOf(merged)).toEqual(rowsOf(single));
      }),
      { numRuns: 300 },
    );
  });

  it('does not split a book whose contact ids repeat (the whole book decides which counts)', () => {
    const policy = weeklyPolicy();
    const contacts = [{ id: 'c1' }, { id: 'c2' }, { id: 'c1', timeZone: 'Asia/Tokyo' }];
    expect(sliceTasks({ policy, contacts, touches: [], now: NOW }, policy, parseInstant(NOW)!, 'items', 2)).toBeUndefined();
  });
});

describe('evaluateParallel on worker threads', () => {
  it('resolves to evaluate’s result and to evaluateColumns’ rows on a book split over two workers', async () => {
    const [policy, book] = fc
      .sample(fc.tuple(policyArb, bookArb({ duplicates: false, maxContacts: 40 })), { seed: 14, numRuns: 30 })
      .reduce((largest, candidate) => (candidate[1].contacts.length > largest[1].contacts.length ? candidate : largest));
    const options = { policy, contacts: book.contacts, touches: book.touches, owners: book.owners, snoozes: book.snoozes, now: NOW };
    expect(book.contacts.length).toBeGreaterThan(4);
    const items = await evaluateParallel(options, { workers: 2, minContactsPerWorker: 1 });
    expect(items).toEqual(evaluate(options));
    const columns = await evaluateParallel(options, { workers: 2, minContactsPerWorker: 1, output: 'columns' });
    const single = evaluateColumns(options);
    expect(Array.from(columns.dueDay)).toEqual(Array.from(single.dueDay));
    expect(columns.errors).toEqual(single.errors);
    expect(rowsOf(columns)).toEqual(rowsOf(single));
  }, 60_000);

  it('evaluates a top-N policy in the calling thread, with the same result', async () => {
    const policy = parsePolicy({
      version: 1,
      tiers: [
        { id: 'A', cycles: [{ id: 'x', cadence: { every: 'P7D' } }] },
        { id: 'B', cycles: [{ id: 'y', cadence: { every: 'P1M' } }] },
      ],
      assign: [{ top: { by: 'revenue', n: 2 }, tier: 'A' }],
      defaultTier: 'B',
    });
    const contacts = [5, 9, 1, 7].map((revenue, index) => ({ id: `c${index}`, attributes: { revenue } }));
    const options = { policy, contacts, touches: [], now: NOW };
    const result = await evaluateParallel(options, { workers: 2, minContactsPerWorker: 1 });
    expect(result).toEqual(evaluate(options));
    expect(result.items.filter((item) => item.tierId === 'A').map((item) => item.contactId)).toEqual(['c1', 'c3']);
  });

  it('checks its settings, naming the bad one', async () => {
    const options = { policy: weeklyPolicy(), contacts: [], touches: [], now: NOW };
    await expect(evaluateParallel(options, { workers: 0 })).rejects.toMatchObject({
      name: 'InputError',
      issues: [{ path: ['settings', 'workers'] }],
    });
    await expect(evaluateParallel(options, { output: 'rows' as never })).rejects.toMatchObject({
      issues: [{ path: ['settings', 'output'] }],
    });
    await expect(evaluateParallel({ ...options, now: 'later' })).rejects.toMatchObject({ issues: [{ path: ['now'] }] });
  });
});
