/**
 * One call per contact per day: a contact's cycles planned on one day are one call, taking one
 * slot. Tier K has two cycles (fortnightly check-in, monthly review). 2026-11-30 is a Monday.
 */
import { describe, expect, it } from 'vitest';
import { callList, type DueItem, type Plan, plan } from '../../src/index.js';
import { item, owner, planPolicy as policy } from './fixtures.js';

const FROM = '2026-11-30';
const days = (result: Plan) =>
  result.owners[0]!.days.map((day) => ({
    date: day.date,
    calls: day.calls,
    touches: day.touches.map((touch) => `${touch.call}:${touch.contactId}/${touch.cycleId}`),
  }));

describe('one call per contact per day', () => {
  it.each<{
    name: string;
    items: DueItem[];
    capacity: number;
    flexDays: number;
    expected: { date: string; calls: number; touches: string[] }[];
  }>([
    {
      // The sample plan booked c09 twice on one day (check-in and review), using two of the rep's slots.
      name: 'two cycles due the same day are one call and one slot',
      items: [
        item('c09', '2026-11-30', { tierId: 'K' }),
        item('c09', '2026-11-30', { tierId: 'K', cycleId: 'review' }),
        item('other', '2026-11-30'),
      ],
      capacity: 2,
      flexDays: 0,
      expected: [{ date: '2026-11-30', calls: 2, touches: ['1:c09/check-in', '1:c09/review', '2:other/check-in'] }],
    },
    {
      name: 'a cycle within its flex window joins the call made for another',
      items: [item('k', '2026-11-30', { tierId: 'K' }), item('k', '2026-12-02', { tierId: 'K', cycleId: 'review' })],
      capacity: 1,
      flexDays: 3,
      expected: [
        { date: '2026-11-30', calls: 1, touches: ['1:k/check-in', '1:k/review'] },
        { date: '2026-12-01', calls: 0, touches: [] },
        { date: '2026-12-02', calls: 0, touches: [] },
      ],
    },
    {
      name: 'a cycle not yet within its flex window waits for its own day',
      items: [item('k', '2026-11-30', { tierId: 'K' }), item('k', '2026-12-02', { tierId: 'K', cycleId: 'review' })],
      capacity: 1,
      flexDays: 1,
      expected: [
        { date: '2026-11-30', calls: 1, touches: ['1:k/check-in'] },
        { date: '2026-12-01', calls: 0, touches: [] },
        { date: '2026-12-02', calls: 1, touches: ['1:k/review'] },
      ],
    },
    {
      // Capacity 1: x's two cycles are one call, so y still fits on its due day.
      name: 'capacity counts calls: a two-cycle contact leaves room for another contact the next day',
      items: [
        item('x', '2026-11-30', { tierId: 'K' }),
        item('x', '2026-11-30', { tierId: 'K', cycleId: 'review' }),
        item('y', '2026-12-01'),
      ],
      capacity: 1,
      flexDays: 0,
      expected: [
        { date: '2026-11-30', calls: 1, touches: ['1:x/check-in', '1:x/review'] },
        { date: '2026-12-01', calls: 1, touches: ['1:y/check-in'] },
      ],
    },
    {
      name: "the most urgent cycle books the call and comes first on the contact's line",
      items: [
        item('k', '2026-11-30', { tierId: 'K', cycleId: 'review' }),
        item('k', '2026-11-20', { tierId: 'K' }),
        item('a', '2026-11-25', { tierId: 'A' }),
      ],
      capacity: 2,
      flexDays: 0,
      // k's check-in (10 days late, 3 × 11 / 14) before a (5 days late, 3 × 6 / 14); the review joins k's call.
      expected: [{ date: '2026-11-30', calls: 2, touches: ['1:k/check-in', '1:k/review', '2:a/check-in'] }],
    },
  ])('$name', ({ items, capacity, flexDays, expected }) => {
    const result = plan({ policy, items, owners: [owner(capacity)], from: FROM, days: expected.length, flexDays });
    expect(days(result)).toEqual(expected);
    expect(result.load.map((load) => [load.planned, load.touches])).toEqual(expected.map((day) => [day.calls, day.touches.length]));
  });

  it('the call list has one line per contact, listing every cycle the call serves', () => {
    const items = [
      item('c09', '2026-11-27', { tierId: 'K' }),
      item('c09', '2026-11-30', { tierId: 'K', cycleId: 'review' }),
      item('b', '2026-11-30'),
    ];
    const result = plan({ policy, items, owners: [owner(4)], from: FROM, days: 1, flexDays: 0 });
    const list = callList(result, 'u1', FROM);
    expect(
      list.map((entry) => [entry.position, entry.contactId, entry.timing, entry.cycles.map((cycle) => [cycle.cycleId, cycle.timing])]),
    ).toEqual([
      [
        1,
        'c09',
        '3 days late',
        [
          ['check-in', '3 days late'],
          ['review', 'due today'],
        ],
      ],
      [2, 'b', 'due today', [['check-in', 'due today']]],
    ]);
    expect(list[0]!.why).toMatch(/^c09 \/ check-in is overdue by 3 days.* c09 \/ review is due/);
    expect(list[0]!.priority).toBe(Math.max(...list[0]!.cycles.map((cycle) => cycle.priority)));
  });

  it("a rolling cycle made early in another cycle's call recurs from that day", () => {
    // The review (monthly) is due Wednesday 2 December, joins Monday's check-in call, so it is next due 30 December.
    const items = [item('k', '2026-11-30', { tierId: 'K' }), item('k', '2026-12-02', { tierId: 'K', cycleId: 'review' })];
    const result = plan({ policy, items, owners: [owner(1)], from: FROM, days: 35, flexDays: 3 });
    const reviews = result.owners[0]!.days.flatMap((day) => day.touches).filter((touch) => touch.cycleId === 'review');
    expect(reviews.map((touch) => [touch.plannedOn, touch.dueOn])).toEqual([
      ['2026-11-30', '2026-12-02'],
      ['2026-12-28', '2026-12-30'],
    ]);
  });

  it('the capacity needed counts calls: two cycles of a contact that can share a day need one slot', () => {
    // Four key accounts, each with a check-in and a review due Wednesday 2 December, flexDays 2:
    // four calls over Monday to Wednesday need 2 a day (8 touches would need 3).
    const items = ['k1', 'k2', 'k3', 'k4'].flatMap((id) => [
      item(id, '2026-12-02', { tierId: 'K' }),
      item(id, '2026-12-02', { tierId: 'K', cycleId: 'review' }),
    ]);
    const run = (capacity: number) => plan({ policy, items, owners: [owner(capacity)], from: FROM, days: 3, flexDays: 2 });
    expect(run(1).owners[0]!.neededCapacity).toBe(2);
    const atTwo = run(2);
    expect(atTwo.owners[0]!.days.map((day) => day.calls)).toEqual([2, 2, 0]);
    expect(atTwo.owners[0]!.days.flatMap((day) => day.touches).every((touch) => touch.lateness <= 0)).toBe(true);
    expect(
      run(1)
        .owners[0]!.days.flatMap((day) => day.touches)
        .some((touch) => touch.lateness > 0) || run(1).overflow.length > 0,
    ).toBe(true);
  });
});
