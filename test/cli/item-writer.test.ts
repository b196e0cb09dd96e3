/**
 * `itemLine` writes each reason's JSON once and reuses it: the line must be `JSON.stringify(item)`
 * with U+0085, U+2028 and U+2029 escaped, byte for byte, for every item the engine builds. The
 * expected line is made here by JSON.stringify and a regular expression, not by the library.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemLine } from '../../src/cli/item-writer.js';
import { type DueItem, evaluate, evaluateColumns, parsePolicy } from '../../src/index.js';
import { bookArb, NOW, policyArb } from '../bulk/books.js';

const expectedLine = (value: unknown) =>
  JSON.stringify(value).replace(/[\u0085\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);

describe('itemLine', () => {
  it('is the item’s JSON line, byte for byte, for every item of random books, from evaluate and from columns', () => {
    fc.assert(
      fc.property(policyArb, bookArb({ duplicates: true }), (policy, book) => {
        const options = { policy, contacts: book.contacts, touches: book.touches, owners: book.owners, snoozes: book.snoozes, now: NOW };
        const columns = evaluateColumns(options);
        const items: DueItem[] = [...evaluate(options).items, ...Array.from({ length: columns.size }, (_, row) => columns.item(row))];
        // Twice: the second line of an item comes from the reason's remembered JSON.
        for (const item of [...items, ...items]) expect(itemLine(item)).toBe(expectedLine(item));
      }),
      { numRuns: 80 },
    );
  });

  it('escapes line separators and quotes in ids, names and escalations as JSON.stringify does', () => {
    const policy = parsePolicy({
      version: 1,
      tiers: [{ id: 'T\u2028"', cycles: [{ id: 'c\u0085\\', cadence: { every: 'P7D' }, escalate: [{ afterDays: 1, to: 'boss\u2029' }] }] }],
      defaultTier: 'T\u2028"',
    });
    const { items } = evaluate({
      policy,
      contacts: [{ id: 'a\u2028"b\\', ownerId: 'o\u0085', timeZone: 'UTC', name: 'Zoë\u2029 "Z"' }],
      touches: [{ contactId: 'a\u2028"b\\', at: '2026-10-01T10:00:00Z', channel: 'call' }],
      now: NOW,
    });
    expect(items).toHaveLength(1);
    expect(items[0]!.escalation).toBe('boss\u2029');
    const line = itemLine(items[0]!);
    expect(line).toBe(expectedLine(items[0]));
    expect(line).not.toMatch(/[\u0085\u2028\u2029]/);
    expect(JSON.parse(line)).toEqual(items[0]);
  });

  it('writes a reason that is not frozen afresh each time (it may have changed)', () => {
    const { items } = evaluate({
      policy: parsePolicy({ version: 1, tiers: [{ id: 'A', cycles: [{ id: 'x', cadence: { every: 'P7D' } }] }], defaultTier: 'A' }),
      contacts: [{ id: 'c', timeZone: 'UTC' }],
      touches: [],
      now: NOW,
    });
    const item: DueItem = { ...items[0]!, reason: { ...items[0]!.reason } };
    expect(itemLine(item)).toBe(expectedLine(item));
    item.reason.lastTouchOn = '2026-01-01';
    expect(itemLine(item)).toBe(expectedLine(item));
  });
});
