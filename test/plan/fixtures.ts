/** Due items built directly, so planner tests say exactly what they plan. */
import { type DueItem, parsePolicy, type Policy, type Status } from '../../src/index.js';

/**
 * Tiers: A (weight 3, fortnightly), B (weight 1, yearly: never recurs within a test horizon), prospect (weight 1, monthly),
 * Q (quarterly quota), M (first Tuesdays), K (key accounts, weight 3: a fortnightly check-in and a monthly review, two cycles).
 */
export const planPolicy: Policy = parsePolicy({
  version: 1,
  calendars: { office: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR'], holidays: ['2026-12-25'] }, jp: { holidays: ['2026-12-02'] } },
  calendar: 'office',
  tiers: [
    { id: 'A', weight: 3, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] },
    { id: 'B', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P1Y' } }] },
    { id: 'prospect', weight: 1, cycles: [{ id: 'nurture', cadence: { every: 'P1M' } }] },
    { id: 'Q', weight: 2, cycles: [{ id: 'review', cadence: { per: 'quarter', times: 1 }, shift: 'preceding' }] },
    { id: 'M', weight: 2, cycles: [{ id: 'check-in', cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2026-01-01' } }] },
    {
      id: 'K',
      weight: 3,
      cycles: [
        { id: 'check-in', cadence: { every: 'P14D' } },
        { id: 'review', cadence: { every: 'P1M' } },
      ],
    },
  ],
  defaultTier: 'B',
});

const CYCLES: Record<string, string> = { A: 'check-in', B: 'check-in', prospect: 'nurture', Q: 'review', M: 'check-in', K: 'check-in' };

export function item(
  contactId: string,
  dueOn: string,
  options: {
    tierId?: string;
    /** For tier K: 'check-in' (the default) or 'review'. */
    cycleId?: string;
    ownerId?: string | null;
    status?: Status;
    calendar?: string;
    pausedUntil?: string;
    detail?: Record<string, string | number>;
  } = {},
): DueItem {
  const tierId = options.tierId ?? 'B';
  const cycleId = options.cycleId ?? CYCLES[tierId]!;
  const cadence = planPolicy.tiers.find((tier) => tier.id === tierId)!.cycles.find((cycle) => cycle.id === cycleId)!.cadence;
  const status = options.status ?? 'upcoming';
  const dated = status === 'excluded' || status === 'ended' ? ({ status, dueOn: null } as const) : ({ status, dueOn } as const);
  return {
    contactId,
    cycleId,
    tierId,
    ownerId: options.ownerId === undefined ? 'u1' : options.ownerId,
    ...dated,
    daysOverdue: 0,
    lastTouchAt: null,
    escalation: null,
    reason: {
      tierId,
      tier: { by: 'explicit' },
      cycleId,
      cadence,
      timeZone: 'UTC',
      contactCalendar: options.calendar ?? null,
      basis: 'touch',
      lastTouchOn: null,
      rawDue: dueOn,
      shiftedTo: null,
      shift: 'following',
      pausedUntil: options.pausedUntil ?? null,
      snoozedUntil: null,
      ...(options.detail ? { detail: options.detail } : {}),
    },
  };
}

export const owner = (dailyCapacity: number | undefined, id = 'u1') => ({
  id,
  timeZone: 'UTC',
  calendar: 'office',
  ...(dailyCapacity !== undefined ? { dailyCapacity } : {}),
});

/** `values` in the order of the random numbers drawn for them (fast-check's `infiniteStream`). */
export function shuffledBy<T>(values: readonly T[], randoms: Iterator<number>): T[] {
  return values
    .map((value) => [randoms.next().value as number, value] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, value]) => value);
}
