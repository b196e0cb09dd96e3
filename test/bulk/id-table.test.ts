/**
 * `ContactIdTable`: a caller's table for text ids, kept from one evaluation to the next. Each run
 * must answer as a run without it (the same rows, the same duplicate errors), whatever the books
 * before it, and a result must not read the table after a later run emptied it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContactIdTable, evaluateColumns } from '../../src/index.js';
import { NOW, weeklyPolicy } from './books.js';

const policy = weeklyPolicy();
const DAY = 86_400_000;
const NOW_MS = Date.parse(NOW);

const bookArb = fc.record({
  ids: fc.array(fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6', ''), { maxLength: 10 }),
  touches: fc.array(fc.record({ contact: fc.nat(20), ago: fc.integer({ min: 0, max: 40 }) }), { maxLength: 12 }),
});

const columns = (book: { ids: string[]; touches: { contact: number; ago: number }[] }) => ({
  contacts: { id: book.ids },
  touches: {
    contact: Int32Array.from(book.touches, (touch) => (book.ids.length === 0 ? 0 : touch.contact % book.ids.length)),
    atMs: Float64Array.from(book.touches, (touch) => NOW_MS - touch.ago * DAY),
    channel: { codes: new Uint8Array(book.touches.length), values: ['call'] },
  },
});

const rows = (result: ReturnType<typeof evaluateColumns>) => ({
  status: Array.from(result.status),
  dueDay: Array.from(result.dueDay),
  contact: Array.from(result.contact),
  lastTouchMs: Array.from(result.lastTouchMs),
  errors: result.errors,
});

describe('evaluateColumns with a ContactIdTable', () => {
  it('answers each book of a sequence as without the table, and earlier results keep their rows', () => {
    fc.assert(
      fc.property(fc.array(bookArb, { minLength: 1, maxLength: 4 }), (books) => {
        const table = new ContactIdTable();
        const results = books.map((book) => {
          const input = columns(book);
          const withTable = evaluateColumns({ policy, ...input, now: NOW, idTable: table });
          expect(rows(withTable)).toEqual(rows(evaluateColumns({ policy, ...input, now: NOW })));
          return { withTable, input };
        });
        // Rows asked for after later runs read their own book, not the emptied table.
        for (const { withTable, input } of results)
          for (let row = 0; row < withTable.size; row++)
            expect(withTable.item(row)).toEqual(evaluateColumns({ policy, ...input, now: NOW }).item(row));
      }),
      { numRuns: 150 },
    );
  });

  it('refuses an idTable that is not a ContactIdTable', () => {
    expect(() =>
      evaluateColumns({ policy, contacts: { id: ['c1'] }, touches: [], now: NOW, idTable: {} as unknown as ContactIdTable }),
    ).toThrow(/idTable/);
  });
});
