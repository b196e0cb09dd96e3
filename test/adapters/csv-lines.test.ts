/**
 * fromCsv's account of broken text (a stray quote, an unclosed one) by line, in LF and CRLF
 * files, and the formula guard of the writers undone exactly: ids written by itemsToCsv come back
 * as they were, `=x` and `'=x` distinct.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromCsv, itemsToCsv } from '../../src/adapters/csv/index.js';
import { dueItem } from '../ical/helpers.js';

const crlf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
const lf = (lines: string[]) => `${lines.join('\n')}\n`;

describe('fromCsv: broken quotes by line', () => {
  it.each([
    ['LF', lf],
    ['CRLF', crlf],
  ])('an unclosed quote is reported on the line it opens (%s)', (_, join) => {
    const result = fromCsv({ contacts: join(['id,tier', 'c1,A', '"c2,B', 'c3,A']) });
    expect(result.contacts.map((contact) => contact.id)).toEqual(['c1']);
    expect(result.errors.map((error) => [error.line, error.index])).toEqual([[3, 1]]);
    expect(result.counts.contacts).toEqual({ read: 2, mapped: 1, skipped: 0, errors: 1 });
  });

  it.each([
    ['LF', lf],
    ['CRLF', crlf],
  ])('quotes inside an unquoted cell: one error for the row, the next row read (%s)', (_, join) => {
    const result = fromCsv({ contacts: join(['id,tier', 'c1,A "x" "y" "z"', 'c2,B']) });
    expect(result.contacts.map((contact) => contact.id)).toEqual(['c2']);
    expect(result.errors.map((error) => [error.line, error.index])).toEqual([[2, 0]]);
    expect(result.counts.contacts).toEqual({ read: 2, mapped: 1, skipped: 0, errors: 1 });
  });

  it('two broken rows in a row are two errors on their own lines', () => {
    const result = fromCsv({ contacts: crlf(['id,tier', 'c1,say "hi" there', 'c2,5" disk', 'c3,B']) });
    expect(result.contacts.map((contact) => contact.id)).toEqual(['c3']);
    expect(result.errors.map((error) => [error.line, error.index])).toEqual([
      [2, 0],
      [3, 1],
    ]);
    expect(result.counts.contacts).toEqual({ read: 3, mapped: 1, skipped: 0, errors: 2 });
  });

  it('tells each mapped record\'s line and row index, so an engine error on it can name them', () => {
    const result = fromCsv({ contacts: lf(['id,timeZone', 'c1,Mars', '', 'c2,UTC', 'c3,UTC']) });
    expect(result.contacts.map((contact) => contact.id)).toEqual(['c2', 'c3']);
    expect(result.origins.contacts).toEqual([
      { index: 1, line: 4 },
      { index: 2, line: 5 },
    ]);
  });

  it('a row naming several contacts gives each touch the row\'s origin', () => {
    const result = fromCsv({ touches: lf(['contactId,at,channel', 'c1|c2,2026-11-02T09:00:00Z,call']) }, { contactIdSeparator: '|' });
    expect(result.origins.touches).toEqual([
      { index: 0, line: 2 },
      { index: 0, line: 2 },
    ]);
  });
});

describe('the formula guard is undone exactly', () => {
  const readBack = (ids: string[]) => {
    const csv = itemsToCsv(
      ids.map((id) => dueItem(id, '2026-11-30', 'u1')),
      { columns: ['contactId'] },
    );
    return fromCsv({ contacts: csv }, { mapping: { contacts: { id: 'contactId' } } });
  };

  it("=x and '=x come back distinct", () => {
    const result = readBack(['=x', "'=x", "''=x", "'x", '-7', "'-7"]);
    expect(result.errors).toEqual([]);
    expect(result.contacts.map((contact) => contact.id)).toEqual(['=x', "'=x", "''=x", "'x", '-7', "'-7"]);
  });

  it('any id survives itemsToCsv → fromCsv', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 6 }), (ids) => {
        const result = readBack(ids);
        expect(result.errors).toEqual([]);
        expect(result.contacts.map((contact) => contact.id)).toEqual(ids);
      }),
      { numRuns: 300 },
    );
  });
});
