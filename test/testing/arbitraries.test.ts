/**
 * The arbitraries draw what they promise, and the ready-made invariants hold for sound policies
 * and catch a policy that breaks one.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { arbitraries, cadencePolicy, checkInvariants, invariants, ODD_ZONES } from '../../src/testing/index.js';
import { evaluate } from '../../src/index.js';

const arb = arbitraries(fc);

describe('arbitraries', () => {
  test('zones lean toward the odd ones: three in four draws', () => {
    const zones = fc.sample(arb.zone(), { numRuns: 2000, seed: 7 });
    const odd = zones.filter((zone) => (ODD_ZONES as readonly string[]).includes(zone)).length / zones.length;
    expect(odd).toBeGreaterThan(0.68);
    expect(odd).toBeLessThan(0.82);
    for (const zone of ['Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Apia', 'Pacific/Chatham']) expect(zones).toContain(zone);
  });

  test('random policies are valid, and random books of them evaluate without a record error', () => {
    fc.assert(
      fc.property(
        arb.policy().chain((policy) => fc.tuple(fc.constant(policy), arb.book(policy), arb.instant())),
        ([policy, book, now]) => {
          const result = evaluate({ policy, ...book, now });
          expect(result.errors).toEqual([]);
          const cyclesOf = (tier: string | undefined) =>
            policy.tiers.find((entry) => entry.id === (tier ?? policy.defaultTier))!.cycles.length;
          expect(result.items).toHaveLength(book.contacts.reduce((sum, contact) => sum + cyclesOf(contact.tier), 0));
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });

  test('touch histories stay in their span and belong to their contact', () => {
    fc.assert(
      fc.property(arb.touchHistory('c1', { from: '2026-01-01', to: '2026-01-31', maxTouches: 4 }), (touches) => {
        expect(touches.length).toBeLessThanOrEqual(4);
        for (const touch of touches) {
          expect(touch.contactId).toBe('c1');
          expect(String(touch.at) >= '2026-01-01T00:00' && String(touch.at) < '2026-02-01').toBe(true);
        }
      }),
      { numRuns: 50, seed: 3 },
    );
  });
});

describe('invariants', () => {
  test('a fortnightly check-in keeps all four', () => {
    expect(() => checkInvariants(fc, cadencePolicy({ every: 'P14D' }, { graceDays: 2 }), { numRuns: 40, seed: 5 })).not.toThrow();
  });

  test('random policies keep all four', () => {
    fc.assert(
      fc.property(arb.policy(), (policy) => {
        checkInvariants(fc, policy, { numRuns: 8 });
      }),
      { numRuns: 12, seed: 17 },
    );
  });

  test('catch a policy whose first-touch window is longer than its cadence: the first touch pulls the due date in', () => {
    // Created on day 0, due on day 60; touched on day 1, due on day 15: earlier.
    const slowStart = cadencePolicy({ every: 'P14D' }, { firstTouchWithin: 'P60D' });
    expect(() => checkInvariants(fc, slowStart, { numRuns: 300, seed: 1 })).toThrow(
      /^invariant touchNeverMovesDueEarlier failed for this policy:\n/,
    );
    // Each invariant is a property of its own too.
    expect(() => fc.assert(invariants(fc, slowStart).planNeverExceedsCapacity, { numRuns: 20, seed: 2 })).not.toThrow();
  });
});
