/**
 * Hostile input to the planner: whatever a caller sends, `plan` and `callList` either answer or
 * throw a library error (never a TypeError or RangeError), every item is accounted for, and no
 * number in the output is NaN or infinite.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callList, isCallingCycleError, type PlanOptions, plan } from '../../src/index.js';
import { item, owner, planPolicy as policy } from './fixtures.js';

const FROM = '2026-11-30';

const hostileValue = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -1e17,
    1e9,
    -1,
    0,
    '',
    '__proto__',
    'constructor',
    '9999-12-31',
    '0999-01-01',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
);

/** A good item with one field (possibly inside its reason or detail) replaced by a hostile value. */
const spoiledItem = fc
  .record({
    id: fc.integer({ min: 0, max: 30 }),
    offset: fc.integer({ min: -2000, max: 60 }),
    tier: fc.constantFrom('A', 'B', 'prospect', 'Q', 'M', 'K'),
    field: fc.constantFrom(
      'status',
      'contactId',
      'cycleId',
      'tierId',
      'ownerId',
      'dueOn',
      'reason',
      'reason.timeZone',
      'reason.contactCalendar',
      'reason.pausedUntil',
      'reason.detail',
      'reason.detail.touchesInPeriod',
      'reason.detail.periodStart',
      'none',
    ),
    value: hostileValue,
  })
  .map(({ id, offset, tier, field, value }) => {
    const good = item(`c${id}`, new Date(Date.UTC(2026, 10, 30 + offset)).toISOString().slice(0, 10), {
      tierId: tier,
      ...(tier === 'Q' ? { detail: { periodStart: '2026-10-01', touchesInPeriod: 0, needed: 1 } } : {}),
    }) as unknown as Record<string, unknown>;
    if (field === 'none') return good;
    const path = field.split('.');
    let target = good;
    for (const part of path.slice(0, -1)) {
      target[part] = { ...((target[part] as Record<string, unknown>) ?? {}) };
      target = target[part] as Record<string, unknown>;
    }
    target[path[path.length - 1]!] = value;
    return good;
  });

const finite = (value: unknown): boolean => {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(finite);
  if (value !== null && typeof value === 'object') return Object.values(value).every(finite);
  return true;
};

describe('plan on hostile input', () => {
  it('answers or throws a library error; every item is planned, skipped, not yet due, in overflow or an error', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(spoiledItem, hostileValue), { maxLength: 25 }),
        fc.array(fc.oneof(fc.constant(owner(2)), fc.constant(owner(undefined, 'u2')), hostileValue), { maxLength: 3 }),
        fc.record({
          days: fc.oneof(fc.integer({ min: 1, max: 40 }), hostileValue),
          flexDays: fc.oneof(fc.integer({ min: 0, max: 5 }), hostileValue),
        }),
        (items, owners, { days, flexDays }) => {
          const options = { policy, items, owners, from: FROM, days, flexDays } as unknown as PlanOptions;
          let result: ReturnType<typeof plan>;
          try {
            result = plan(options);
          } catch (error) {
            expect(isCallingCycleError(error), String(error)).toBe(true);
            return;
          }
          expect(
            finite(
              result.owners.map((o) => [
                o.neededCapacity,
                o.notYetDue,
                o.days.map((d) => [d.calls, d.touches.map((t) => [t.priority, t.lateness])]),
              ]),
            ),
          ).toBe(true);
          expect(finite(result.overflow.map((entry) => [entry.priority, entry.lateness]))).toBe(true);
          for (const day of result.owners.flatMap((o) => o.days)) expect(day.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          // Each input item is accounted for once: an error, skipped, or a first occurrence planned, in overflow or not yet due.
          const errored = new Set(result.errors.filter((error) => error.record === 'item').map((error) => error.index));
          const firsts = [...result.owners.flatMap((o) => o.days.flatMap((d) => d.touches)), ...result.overflow].filter(
            (t) => t.occurrence === 0,
          );
          const notYetDue = result.owners.reduce((sum, o) => sum + o.notYetDue, 0);
          const accounted = errored.size + result.skipped.excluded + result.skipped.ended + firsts.length;
          expect(accounted).toBeLessThanOrEqual(items.length);
          expect(accounted + notYetDue).toBeGreaterThanOrEqual(items.length);
          for (const o of result.owners) for (const d of o.days) expect(() => callList(result, o.ownerId, d.date)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });
});
