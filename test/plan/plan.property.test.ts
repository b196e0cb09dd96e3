/**
 * Planner invariants on random books, and a comparison with exhaustive search on small ones.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { callList, type DueItem, type Plan, plan } from '../../src/index.js';
import { formatDate, parseDate } from '../../src/time/dates.js';
import { item, owner, planPolicy as policy, shuffledBy } from './fixtures.js';

const FROM = '2026-11-30'; // a Monday
const fromDay = parseDate(FROM)!;
const isWeekday = (day: number) => (((day + 3) % 7) + 7) % 7 < 5;

/**
 * Random books: one item per contact, or for tier K (two cycles) a check-in and, often, a review
 * of the same contact, so a day may serve several cycles of one contact in one call.
 */
const itemsArbitrary = (maxLength: number, spread: number) =>
  fc
    .array(
      fc.record({
        offset: fc.integer({ min: -10, max: spread }),
        tier: fc.constantFrom('A', 'B', 'prospect', 'K'),
        jp: fc.boolean(),
        review: fc.option(fc.integer({ min: -10, max: spread })),
      }),
      { minLength: 1, maxLength },
    )
    .map((rows) =>
      rows.flatMap((row, index) => {
        const contactId = `c${String(index).padStart(3, '0')}`;
        const options = { tierId: row.tier, ...(row.jp ? { calendar: 'jp' } : {}) };
        const first = item(contactId, formatDate(fromDay + row.offset), options);
        if (row.tier !== 'K' || row.review === null) return [first];
        return [first, item(contactId, formatDate(fromDay + row.review), { ...options, cycleId: 'review' })];
      }),
    );

const placed = (result: Plan) => result.owners.flatMap((o) => o.days.flatMap((day) => day.touches));

describe('plan invariants', () => {
  it('calls never exceed capacity, one call per contact a day; nothing lands on an unworkable day or before its flex window', () => {
    fc.assert(
      fc.property(
        itemsArbitrary(40, 30),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 30 }),
        (items, capacity, flexDays, days) => {
          const result = plan({ policy, items, owners: [owner(capacity)], from: FROM, days, flexDays });
          for (const day of result.owners[0]!.days) {
            const contacts = day.touches.map((touch) => touch.contactId);
            const distinct = new Set(contacts);
            expect(day.calls).toBe(distinct.size);
            expect(day.calls).toBeLessThanOrEqual(capacity);
            // A contact's touches are adjacent and share one call number; calls are numbered 1, 2, … in order.
            const runs = contacts.filter((contactId, index) => index === 0 || contacts[index - 1] !== contactId);
            expect(runs).toHaveLength(distinct.size);
            expect(day.touches.map((touch) => touch.call)).toEqual(day.touches.map((touch) => runs.indexOf(touch.contactId) + 1));
            // The call list has a line per call, at the position of the call's number.
            const list = callList(result, 'u1', day.date);
            expect(list.map((entry) => [entry.position, entry.contactId])).toEqual(runs.map((contactId, index) => [index + 1, contactId]));
            for (const touch of day.touches) expect(list[touch.call - 1]!.cycles.map((cycle) => cycle.cycleId)).toContain(touch.cycleId);
          }
          for (const touch of placed(result)) {
            const day = parseDate(touch.plannedOn)!;
            expect(isWeekday(day)).toBe(true);
            expect(touch.plannedOn).not.toBe('2026-12-25');
            if (touch.reason.contactCalendar === 'jp') expect(touch.plannedOn).not.toBe('2026-12-02');
            expect(day).toBeGreaterThanOrEqual(Math.min(parseDate(touch.dueOn)! - flexDays, Math.max(fromDay, parseDate(touch.dueOn)!)));
            expect(day).toBeGreaterThanOrEqual(fromDay);
          }
        },
      ),
    );
  });

  it('with the capacity it says is needed, a book without backlog is planned entirely on time; one less is not enough', () => {
    fc.assert(
      fc.property(itemsArbitrary(30, 30), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 5, max: 40 }), (book, flexDays, days) => {
        // Due dates as evaluate gives them: on workable days (a raw Saturday may have no day before it at all),
        // none before the plan starts (a backlog is spread over the horizon in the figure, taken first in the plan),
        // and no contact holidays (a touch due on one has no day at all).
        const items = book.filter((candidate) => {
          const due = parseDate(candidate.dueOn!)!;
          return due >= fromDay && isWeekday(due) && candidate.dueOn !== '2026-12-25' && candidate.reason.contactCalendar === null;
        });
        const needed = plan({ policy, items, owners: [owner(1)], from: FROM, days, flexDays }).owners[0]!.neededCapacity;
        const onTime = (capacity: number) => {
          const result = plan({ policy, items, owners: [owner(capacity)], from: FROM, days, flexDays });
          return result.overflow.length === 0 && placed(result).every((touch) => touch.lateness <= 0);
        };
        expect(onTime(needed)).toBe(true);
        if (needed > 1) expect(onTime(needed - 1)).toBe(false);
      }),
    );
  });

  it('every item is planned, in overflow, or not yet due: exactly once per due occurrence', () => {
    fc.assert(
      fc.property(itemsArbitrary(40, 40), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 20 }), (items, capacity, days) => {
        const result = plan({ policy, items, owners: [owner(capacity)], from: FROM, days, flexDays: 2 });
        const seen = new Map<string, number>();
        const key = (entry: { contactId: string; cycleId: string; occurrence: number }) =>
          `${entry.contactId}/${entry.cycleId}#${entry.occurrence}`;
        for (const entry of [...placed(result), ...result.overflow]) seen.set(key(entry), (seen.get(key(entry)) ?? 0) + 1);
        for (const count of seen.values()) expect(count).toBe(1);
        // Whatever is due within the horizon is planned or in overflow; only later work may be neither.
        const neither = items.filter((candidate) => !seen.has(key({ ...candidate, occurrence: 0 })));
        for (const candidate of neither) expect(parseDate(candidate.dueOn!)!).toBeGreaterThan(fromDay + days - 1);
        expect(neither.length).toBeLessThanOrEqual(result.owners[0]!.notYetDue);
      }),
    );
  });

  it('the plan does not depend on the order of items', () => {
    fc.assert(
      fc.property(itemsArbitrary(30, 20), fc.integer({ min: 1, max: 4 }), fc.infiniteStream(fc.nat()), (items, capacity, randoms) => {
        const shuffled = shuffledBy(items, randoms);
        const options = { policy, owners: [owner(capacity)], from: FROM, days: 15, flexDays: 3 };
        expect(plan({ ...options, items: shuffled })).toEqual(plan({ ...options, items }));
      }),
    );
  });
});

/** Every assignment of jobs to (day or unplaced) within capacity: the best total weighted lateness. */
function exhaustive(items: DueItem[], capacity: number, days: number, flexDays: number): { feasible: boolean; best: number } {
  const weight: Record<string, number> = { A: 3, B: 1, prospect: 1 };
  const end = fromDay + days - 1;
  const workdays = Array.from({ length: days }, (_, i) => fromDay + i).filter(isWeekday);
  const jobs = items.map((candidate) => {
    const due = parseDate(candidate.dueOn!)!;
    const release = Math.max(fromDay, due - flexDays);
    const choices = workdays.filter(
      (day) => day >= release && !(candidate.reason.contactCalendar === 'jp' && formatDate(day) === '2026-12-02'),
    );
    return { due, weight: weight[candidate.tierId]!, choices };
  });
  const used = new Map<number, number>();
  let best = Number.POSITIVE_INFINITY;
  let feasible = false;
  const visit = (index: number, cost: number, allOnTime: boolean) => {
    if (cost >= best && !(allOnTime && !feasible)) return;
    if (index === jobs.length) {
      best = Math.min(best, cost);
      if (allOnTime) feasible = true;
      return;
    }
    const job = jobs[index]!;
    for (const day of job.choices) {
      if ((used.get(day) ?? 0) >= capacity) continue;
      used.set(day, (used.get(day) ?? 0) + 1);
      visit(index + 1, cost + job.weight * Math.max(0, day - job.due), allOnTime && day <= job.due);
      used.set(day, used.get(day)! - 1);
    }
    // Not placed within the horizon: late by at least the days to the horizon's end (if due by then).
    if (job.due <= end) visit(index + 1, cost + job.weight * (end + 1 - job.due), false);
    else visit(index + 1, cost, allOnTime);
  };
  visit(0, 0, true);
  return { feasible, best };
}

/**
 * A small book for exhaustive search: every tier on a yearly cycle (so nothing recurs within the
 * 7-day horizon) but keeping its weight, planned against the exhaustive optimum.
 */
function versusOptimum(rows: { offset: number; tier: string; jp: boolean }[], capacity: number, flexDays: number) {
  const items = rows.map((row, index) => ({
    ...item(`c${index}`, formatDate(fromDay + row.offset), { tierId: 'B', ...(row.jp ? { calendar: 'jp' } : {}) }),
    tierId: row.tier,
  }));
  const yearly = structuredClone(policy);
  for (const tier of yearly.tiers) tier.cycles = [{ id: 'check-in', cadence: { every: 'P1Y' } }];
  const result = plan({ policy: yearly, items, owners: [owner(capacity)], from: FROM, days: 7, flexDays });
  const weight: Record<string, number> = { A: 3, B: 1, prospect: 1 };
  const cost =
    placed(result).reduce((sum, touch) => sum + weight[touch.tierId]! * Math.max(0, touch.lateness), 0) +
    result.overflow.reduce((sum, entry) => sum + weight[entry.tierId]! * entry.lateness, 0);
  return { result, cost, optimum: exhaustive(items, capacity, 7, flexDays) };
}

describe('plan against exhaustive search', () => {
  // Contacts here share the owner's calendar: there, earliest-due-first is optimal for being on time.
  // Contact-specific holidays can defeat it (docs/planning.md shows the case); the next test measures that.
  it('puts every item on time whenever some plan can, and reports its weighted lateness against the optimum', () => {
    let worst = 1;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ offset: fc.integer({ min: 0, max: 6 }), tier: fc.constantFrom('A', 'B', 'prospect'), jp: fc.constant(false) }),
          { minLength: 1, maxLength: 7 },
        ),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 0, max: 3 }),
        (rows, capacity, flexDays) => {
          const { result, cost, optimum } = versusOptimum(rows, capacity, flexDays);
          if (optimum.feasible) expect(placed(result).every((touch) => touch.lateness <= 0) && result.overflow.length === 0).toBe(true);
          expect(cost).toBeGreaterThanOrEqual(optimum.best);
          if (optimum.best > 0) worst = Math.max(worst, cost / optimum.best);
          else expect(cost).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
    // No bound is proven for weighted lateness (priority, not weighted-lateness optimality, decides
    // among late work); the figure is printed so a change that worsens it shows.
    console.log(`plan vs exhaustive search: worst weighted-lateness ratio seen ${worst.toFixed(2)}`);
  });
});

describe('plan against exhaustive search, contacts with their own holidays', () => {
  it('reports how often and by how much contact holidays make it miss the optimum', () => {
    let missed = 0;
    let runs = 0;
    let worst = 1;
    fc.assert(
      fc.property(
        fc.array(fc.record({ offset: fc.integer({ min: 0, max: 6 }), tier: fc.constantFrom('A', 'B', 'prospect'), jp: fc.boolean() }), {
          minLength: 1,
          maxLength: 7,
        }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 0, max: 3 }),
        (rows, capacity, flexDays) => {
          const { cost, optimum } = versusOptimum(rows, capacity, flexDays);
          runs++;
          expect(cost).toBeGreaterThanOrEqual(optimum.best);
          if (cost > optimum.best) missed++;
          if (optimum.best > 0) worst = Math.max(worst, cost / optimum.best);
        },
      ),
      { numRuns: 300 },
    );
    console.log(
      `plan vs exhaustive search with contact holidays: above the optimum in ${missed} of ${runs} books, worst ratio ${worst.toFixed(2)}`,
    );
    expect(runs).toBe(300);
  });
});
