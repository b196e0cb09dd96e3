/**
 * The planner numbers an owner's items in (contact id, cycle id) order from packed leading
 * characters, comparing strings only where those tie: the order must be exactly the string order,
 * whatever the ids (shared prefixes, code units past ASCII, ids that are prefixes of others, more
 * items than the packed number has room for beside the position).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDate, parseDate } from '../../src/time/dates.js';
import { plan } from '../../src/index.js';
import { orderByPacked, packLeading, sharedPrefixLength } from '../../src/plan/id-order.js';
import { item, owner, planPolicy as policy, shuffledBy } from './fixtures.js';

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Ids as CRMs write them and worse: digits, a shared prefix, accents, astral characters, ~ and DEL. */
const idArbitrary = fc.oneof(
  fc.nat({ max: 5000 }).map((number) => `c${number}`),
  fc.string({ unit: fc.constantFrom('0', '1', '9', 'A', 'a', 'z', '~', '\u007f', 'é', 'ü', '\u{1F600}'), minLength: 1, maxLength: 9 }),
  fc.string({ minLength: 1, maxLength: 12 }).map((tail) => `003Ak00000${tail}`),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
);

function naiveOrder(contactIds: readonly string[], cycleIds: readonly string[]): number[] {
  return contactIds
    .map((_, position) => position)
    .sort((a, b) => compareText(contactIds[a]!, contactIds[b]!) || compareText(cycleIds[a]!, cycleIds[b]!) || a - b);
}

function packedOrder(contactIds: readonly string[], cycleIds: readonly string[]): number[] {
  const shared = sharedPrefixLength(contactIds.length, (index) => contactIds[index]!);
  const packed = Float64Array.from(contactIds, (id) => packLeading(id, shared));
  const order = orderByPacked(
    packed,
    (a, b) => compareText(contactIds[a]!, contactIds[b]!) || compareText(cycleIds[a]!, cycleIds[b]!) || a - b,
  );
  return Array.from(order);
}

describe('orderByPacked', () => {
  it('orders as the string comparison does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(idArbitrary, fc.constantFrom('check-in', 'review', 'nurture')), { maxLength: 300 }), (rows) => {
        const contactIds = rows.map(([id]) => id);
        const cycleIds = rows.map(([, cycle]) => cycle);
        expect(packedOrder(contactIds, cycleIds)).toEqual(naiveOrder(contactIds, cycleIds));
      }),
    );
  });

  it('orders books larger than the position bits beside six packed characters (2,048 items)', () => {
    fc.assert(
      fc.property(fc.array(idArbitrary, { minLength: 2049, maxLength: 5000 }), (contactIds) => {
        const cycleIds = contactIds.map(() => 'check-in');
        expect(packedOrder(contactIds, cycleIds)).toEqual(naiveOrder(contactIds, cycleIds));
      }),
      { numRuns: 8 },
    );
  });

  it('packs an id that is a prefix of another below it, and ids differing past a wide code unit alike', () => {
    expect(packLeading('c1', 0)).toBeLessThan(packLeading('c10', 0));
    expect(packLeading('c12', 0)).toBeLessThan(packLeading('c2', 0));
    expect(packLeading('é2', 0)).toBe(packLeading('ü1', 0));
    expect(sharedPrefixLength(3, (index) => ['003Ak01', '003Ak02', '003Ax'][index]!)).toBe(4);
  });
});

describe('plan numbering with any contact ids', () => {
  it('gives the same plan whatever the order of the items', () => {
    const FROM = '2026-11-30';
    const from = parseDate(FROM)!;
    fc.assert(
      fc.property(
        fc.uniqueArray(idArbitrary, { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: -5, max: 10 }), { minLength: 40, maxLength: 40 }),
        fc.integer({ min: 1, max: 3 }),
        fc.infiniteStream(fc.nat()),
        (contactIds, offsets, capacity, randoms) => {
          const items = contactIds.flatMap((contactId, index) => {
            const dueOn = formatDate(from + offsets[index]!);
            return index % 3 === 0
              ? [item(contactId, dueOn, { tierId: 'K' }), item(contactId, dueOn, { tierId: 'K', cycleId: 'review' })]
              : [item(contactId, dueOn, { tierId: 'A' })];
          });
          const shuffled = shuffledBy(items, randoms);
          const options = { policy, owners: [owner(capacity)], from: FROM, days: 10, flexDays: 2 };
          expect(plan({ ...options, items: shuffled })).toEqual(plan({ ...options, items }));
        },
      ),
    );
  });
});
