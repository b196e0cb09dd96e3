import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdTable } from '../../src/core/ids.js';

describe('IdTable', () => {
  it('numbers ids in order of first addition, refuses duplicates and finds each, as a Map would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 300 }),
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 50 }),
        fc.nat({ max: 400 }),
        fc.integer({ min: -2, max: 400 }),
        (ids, probes, expected, near) => {
          // `expected` is often far below the count: the table must grow without losing ids.
          const table = new IdTable(expected);
          const reference = new Map<string, number>();
          for (const id of ids) {
            const position = table.add(id);
            if (reference.has(id)) expect(position).toBe(-1);
            else {
              expect(position).toBe(reference.size);
              reference.set(id, reference.size);
            }
          }
          expect(table.size).toBe(reference.size);
          for (const id of [...ids, ...probes]) {
            expect(table.indexOf(id)).toBe(reference.get(id) ?? -1);
            expect(table.indexOfNear(id, near)).toBe(reference.get(id) ?? -1);
          }
        },
      ),
    );
  });

  it('tells apart ids whose characters hash alike and ids that differ only in case or width', () => {
    const table = new IdTable(4);
    const ids = ['a', 'A', 'ａ', 'a ', ' a', '', '\u0000', 'c10', 'c01', '😀', '\ud83d'];
    for (const [index, id] of ids.entries()) expect(table.add(id)).toBe(index);
    for (const [index, id] of ids.entries()) expect(table.indexOf(id)).toBe(index);
    expect(table.indexOf('b')).toBe(-1);
  });
});

describe('IdTable.reset', () => {
  it('empties the table for the next book, over its memory, whatever the sizes before and after', () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.string({ maxLength: 4 }), { maxLength: 60 }), { minLength: 1, maxLength: 4 }), (books) => {
        const table = new IdTable(books[0]!.length);
        for (const ids of books) {
          table.reset(ids.length);
          expect(table.size).toBe(0);
          for (const [position, id] of ids.entries()) expect(table.add(id)).toBe(position);
          for (const [position, id] of ids.entries()) expect(table.indexOf(id)).toBe(position);
          for (const other of books.flat()) if (!ids.includes(other)) expect(table.indexOf(other)).toBe(-1);
        }
      }),
    );
  });
});
