/**
 * The priority of late work: tier weight × (min(days late, cycle length) + 1) / cycle length in days,
 * ties by contact id (spec, Planning). Fixture tiers: A weight 3 every 14 days; prospect weight 1
 * every month (30.436875 days nominal); B weight 1 every year (365.25 days).
 */
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/index.js';
import { item, owner, planPolicy as policy } from './fixtures.js';

const FROM = '2026-11-30';
const MONTH = 30.436875;

describe('priority saturates at one cycle length', () => {
  it.each([
    // [tier, due date, days late on 30 Nov, priority by hand]
    ['A', '2026-11-30', 0, 3 / 14],
    ['A', '2026-11-29', 1, (3 * 2) / 14],
    ['A', '2026-11-16', 14, (3 * 15) / 14],
    ['A', '2026-10-25', 36, (3 * 15) / 14],
    ['prospect', '2026-11-10', 20, 21 / MONTH],
    ['prospect', '2024-01-01', 1064, (MONTH + 1) / MONTH],
    ['B', '2025-11-30', 365, 366 / 365.25],
    ['B', '2023-11-30', 1096, 366.25 / 365.25],
  ])('%s due %s (%i days late) has priority %d', (tierId, dueOn, late, priority) => {
    const result = plan({ policy, items: [item('x', dueOn, { tierId })], owners: [owner(1)], from: FROM, days: 1 });
    const touch = result.owners[0]!.days[0]!.touches[0]!;
    expect(touch.lateness).toBe(late);
    expect(touch.priority).toBeCloseTo(priority, 12);
  });

  it('a tier-A check-in 36 days late goes ahead of a prospect never touched since 2024 (1,064 days late)', () => {
    const items = [item('c25', '2024-01-01', { tierId: 'prospect' }), item('c09', '2026-10-25', { tierId: 'A' })];
    const result = plan({ policy, items, owners: [owner(1)], from: FROM, days: 1 });
    expect(result.owners[0]!.days[0]!.touches.map((touch) => touch.contactId)).toEqual(['c09']);
    expect(result.overflow.map((entry) => entry.contactId)).toEqual(['c25']);
  });

  it.each([
    // Both a cycle or more late: equal priority, so the contact id decides, not the years.
    ['prospects both saturated', ['p-b', '2024-01-01', 'prospect'], ['p-a', '2025-06-01', 'prospect'], ['p-a', 'p-b']],
    // Below saturation lateness still counts: 20 days beats 10.
    ['prospects below a cycle late', ['p-a', '2026-11-20', 'prospect'], ['p-b', '2026-11-10', 'prospect'], ['p-b', 'p-a']],
    // A weight-3 fortnightly cycle 14 days late (3 × 15 / 14 ≈ 3.2) beats a yearly one 3 years late (366.25 / 365.25 ≈ 1).
    ['key account against a long-neglected yearly', ['b', '2023-11-30', 'B'], ['a', '2026-11-16', 'A'], ['a', 'b']],
  ] as const)('late work order: %s', (_name, first, second, order) => {
    const items = [first, second].map(([id, dueOn, tierId]) => item(id, dueOn, { tierId }));
    const result = plan({ policy, items, owners: [owner(1)], from: FROM, days: 2, flexDays: 0 });
    expect(result.owners[0]!.days.map((day) => day.touches[0]!.contactId)).toEqual(order);
  });

  it('overflow reports the saturated priority it will have after the horizon', () => {
    const items = [item('a', '2026-11-30', { tierId: 'A' }), item('b', '2026-11-30', { tierId: 'A' })];
    const result = plan({ policy, items, owners: [owner(1)], from: FROM, days: 1, flexDays: 0 });
    expect(result.overflow).toEqual([expect.objectContaining({ contactId: 'b', lateness: 1, priority: (3 * 2) / 14 })]);
  });
});
