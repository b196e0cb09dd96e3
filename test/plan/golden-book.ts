/**
 * A fixed book for the planner's golden test: every cadence kind of the test policy (rolling,
 * quota, anchored RRULE, a tier with two cycles), backlog, paused items, contacts with their own
 * calendar, excluded and ended items, an owner without capacity, shares, and days that overflow.
 * `test/plan/golden-plan.json` holds the plans of this book as the planner gave them before its
 * output was rebuilt for speed; `golden.test.ts` holds the planner to them field by field.
 *
 * Regenerate only on a deliberate change of the planner's results:
 * `npx tsx test/plan/golden-book.ts > test/plan/golden-plan.json`.
 */
import { type DueItem, type Plan, plan, type PlanOptions, type Status } from '../../src/index.js';
import { item, owner, planPolicy } from './fixtures.js';

/** Deterministic numbers (a linear congruential generator), so the book is the same on every run. */
function numbers(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const DAY_MS = 86_400_000;
const FROM = Date.UTC(2026, 10, 30);
const date = (offset: number) => new Date(FROM + offset * DAY_MS).toISOString().slice(0, 10);

/** 360 contacts over three owners (one without capacity) and an unknown one. */
export function goldenItems(): DueItem[] {
  const next = numbers(14);
  const items: DueItem[] = [];
  const owners = ['u1', 'u2', 'u3', 'u-none'];
  for (let index = 0; index < 360; index++) {
    const contactId = `c${String(Math.floor(next() * 1000)).padStart(3, '0')}-${index}`;
    const tierId = (['A', 'A', 'B', 'prospect', 'prospect', 'Q', 'M', 'K'] as const)[Math.floor(next() * 8)]!;
    const ownerId = index === 7 ? 'ghost' : owners[index % 13 === 0 ? 3 : index % 3]!;
    const offset = Math.floor(next() * 50) - 20;
    const roll = next();
    const status: Status = roll < 0.03 ? 'excluded' : roll < 0.05 ? 'ended' : roll < 0.1 ? 'paused' : offset < 0 ? 'overdue' : 'upcoming';
    const options: Parameters<typeof item>[2] = {
      tierId,
      ownerId,
      status,
      ...(next() < 0.15 ? { calendar: 'jp' } : {}),
      ...(status === 'paused' ? { pausedUntil: date(offset + 3 + Math.floor(next() * 10)) } : {}),
      ...(tierId === 'M' ? { detail: { anchorOn: '2026-01-01' } } : {}),
      ...(tierId === 'Q' ? { detail: { periodStart: '2026-10-01', touchesInPeriod: 0, needed: 1 } } : {}),
    };
    items.push(item(contactId, date(offset), options));
    if (tierId === 'K') items.push(item(contactId, date(offset + Math.floor(next() * 12)), { ...options, cycleId: 'review' }));
  }
  return items;
}

/** The plans the golden file holds: the book as is, with a prospect share, and with tighter capacity and flex. */
export function goldenPlans(): Record<string, PlanOptions> {
  const items = goldenItems();
  const owners = [owner(9, 'u1'), owner(7, 'u2'), { ...owner(5, 'u3'), calendar: 'jp' }, owner(undefined, 'u-none')];
  return {
    plain: { policy: planPolicy, items, owners, from: date(0), days: 45 },
    shares: { policy: planPolicy, items, owners, from: date(0), days: 45, shares: [{ tiers: ['prospect'], share: 0.3 }] },
    tight: { policy: planPolicy, items, owners: owners.map((one) => ({ ...one, dailyCapacity: 3 })), from: date(2), days: 30, flexDays: 1 },
  };
}

/**
 * A plan as the golden file keeps it: each planned touch's `reason` replaced by the position of its
 * item in `items` (the plan hands over the item's own reason), which keeps the file small.
 */
export function goldenForm(result: Plan, items: readonly DueItem[]): unknown {
  const positions = new Map(items.map((one, index) => [one.reason, index]));
  return {
    ...result,
    owners: result.owners.map((ownerPlan) => ({
      ...ownerPlan,
      days: ownerPlan.days.map((day) => ({
        ...day,
        touches: day.touches.map((touch) => ({ ...touch, reason: positions.get(touch.reason) ?? 'not an item reason' })),
      })),
    })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const plans = Object.fromEntries(
    Object.entries(goldenPlans()).map(([name, options]) => [name, goldenForm(plan(options), options.items as DueItem[])]),
  );
  process.stdout.write(`${JSON.stringify(plans)}\n`);
}
