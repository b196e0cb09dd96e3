/**
 * The dashboard a sales manager opens: per owner and per tier, how many items are in each status,
 * compliance, mean days overdue and one-way contacts.
 */
import type { ContactBalance } from './balance.js';
import type { DueItem, EvaluateResult, RecordError, Status } from './types.js';
import { InputError } from '../errors/errors.js';

export type StatusCounts = Record<Status, number>;

/** Figures for one group of items (an owner, a tier, or everything). */
export interface GroupSummary {
  items: number;
  statuses: StatusCounts;
  /**
   * Share (0–1) of active items (upcoming, soon, due, overdue) that are not overdue; null when
   * the group has no active item. Paused, excluded and ended items are not held against anyone.
   */
  compliance: number | null;
  /** Mean `daysOverdue` of the overdue items; 0 when none is overdue. */
  meanDaysOverdue: number;
  /** Contacts flagged one-way (needs the policy's `balance` section). */
  oneWayContacts: number;
}

export interface Summary {
  total: GroupSummary;
  /** By owner id (items without an owner under `null`), sorted by id. */
  /**
   * Per owner. `known` is false for an owner id that `evaluate` reported as not among the given
   * owners (an `unknown-owner` error in the result), so a dashboard does not show it as a real rep.
   */
  owners: (GroupSummary & { ownerId: string | null; known: boolean })[];
  /** By tier id, sorted by id. */
  tiers: (GroupSummary & { tierId: string })[];
}

const STATUSES: readonly Status[] = ['upcoming', 'soon', 'due', 'overdue', 'paused', 'excluded', 'ended'];

class Accumulator {
  items = 0;
  statuses = Object.fromEntries(STATUSES.map((status) => [status, 0])) as StatusCounts;
  overdueDays = 0;
  oneWay = new Set<string>();

  add(item: DueItem, oneWay: boolean): void {
    this.items++;
    this.statuses[item.status]++;
    if (item.status === 'overdue') this.overdueDays += item.daysOverdue;
    if (oneWay) this.oneWay.add(item.contactId);
  }

  result(): GroupSummary {
    const s = this.statuses;
    const active = s.upcoming + s.soon + s.due + s.overdue;
    return {
      items: this.items,
      statuses: { ...s },
      compliance: active === 0 ? null : (active - s.overdue) / active,
      meanDaysOverdue: s.overdue === 0 ? 0 : this.overdueDays / s.overdue,
      oneWayContacts: this.oneWay.size,
    };
  }
}

const byKey = <K extends string | null>(a: [K, unknown], b: [K, unknown]) => {
  if (a[0] === b[0]) return 0;
  if (a[0] === null) return 1;
  if (b[0] === null) return -1;
  return a[0] < b[0] ? -1 : 1;
};

function groupOf<K>(groups: Map<K, Accumulator>, key: K): Accumulator {
  let group = groups.get(key);
  if (!group) {
    group = new Accumulator();
    groups.set(key, group);
  }
  return group;
}

/**
 * Summarises an evaluation per owner and per tier.
 *
 * @example
 * const result = evaluate({ policy, contacts, touches, now });
 * const { owners } = summarize(result);
 * // owners[0] → { ownerId: 'u1', items: 40, compliance: 0.85, meanDaysOverdue: 6.5, oneWayContacts: 2, statuses: { … } }
 */
export function summarize(
  result: Pick<EvaluateResult, 'items'> & { balance?: readonly ContactBalance[]; errors?: readonly RecordError[] },
): Summary {
  if (typeof result !== 'object' || result === null || !Array.isArray(result.items)) {
    const message = 'summarize takes the result of evaluate: { items, errors?, balance? }';
    throw new InputError(message, [{ code: 'invalid-argument', path: ['result'], message }]);
  }
  const unknownOwners = new Set(
    (result.errors ?? []).filter((error) => error.code === 'unknown-owner' && error.ownerId !== undefined).map((error) => error.ownerId),
  );
  const oneWay = new Set((result.balance ?? []).filter((entry) => entry.oneWay).map((entry) => entry.contactId));
  const total = new Accumulator();
  const owners = new Map<string | null, Accumulator>();
  const tiers = new Map<string, Accumulator>();
  for (const item of result.items) {
    const flagged = oneWay.has(item.contactId);
    total.add(item, flagged);
    groupOf(owners, item.ownerId).add(item, flagged);
    groupOf(tiers, item.tierId).add(item, flagged);
  }
  return {
    total: total.result(),
    owners: [...owners]
      .sort(byKey)
      .map(([ownerId, group]) => ({ ownerId, known: ownerId === null || !unknownOwners.has(ownerId), ...group.result() })),
    tiers: [...tiers].sort(byKey).map(([tierId, group]) => ({ tierId, ...group.result() })),
  };
}
