/**
 * The planner's public shapes: what `plan` takes, what it returns, and what `callList` shows.
 */
import type { EvaluateColumns } from '../core/columns.js';
import type { DueItem, Owner, Reason } from '../core/types.js';
import type { CapacityShare, Policy } from '../schema/policy.js';

export type { CapacityShare };

/**
 * What `plan` takes.
 *
 * @example
 * const options: PlanOptions = { policy, items, owners, from: '2026-11-30', days: 5, flexDays: 2 };
 */
export interface PlanOptions {
  policy: Policy;
  /**
   * Items from `evaluate`, or the result of `evaluateColumns` (read from its arrays, reasons built
   * only for the touches planned). Excluded and ended items are counted, not planned.
   */
  items: readonly DueItem[] | EvaluateColumns;
  owners: readonly Owner[];
  /** First day of the plan, `YYYY-MM-DD`. */
  from: string;
  /** Length of the horizon in calendar days: a whole number from 1 to `MAX_PLAN_DAYS` (3660, ten years). */
  days: number;
  /**
   * Days before its due date a touch may be placed, unless its cycle says otherwise: a whole number
   * from 0 to `MAX_FLEX_DAYS` (366). 3 by default.
   */
  flexDays?: number;
  /**
   * Capacity reserved per day for groups of tiers; unused reserved slots go to the rest that day.
   * Replaces the policy's `shares` when given.
   */
  shares?: readonly CapacityShare[];
}

/**
 * One touch (one cycle of one contact) placed on a day. Several touches of one contact on one day
 * are one call: they share its `call` number and sit next to each other in `PlanDay.touches`.
 *
 * @example
 * const touch: PlannedTouch = plan(options).owners[0].days[0].touches[0];
 * `${touch.contactId} ${touch.cycleId}: call ${touch.call}, ${touch.lateness} days late`;
 */
export interface PlannedTouch {
  contactId: string;
  cycleId: string;
  tierId: string;
  /** When the touch is due (`YYYY-MM-DD`). */
  dueOn: string;
  /** The planned day. */
  plannedOn: string;
  /** plannedOn − dueOn in days: negative when early, positive when late. */
  lateness: number;
  /** weight × (min(days late, cycle length) + 1) / cycle length in days, on the planned day. */
  priority: number;
  /** 0 for the item's current due date, 1 for the next occurrence planned within the horizon … */
  occurrence: number;
  /** Position (from 1) of the call this touch is made in, that day. */
  call: number;
  reason: Reason;
}

/**
 * One workable day of one rep.
 *
 * @example
 * const day: PlanDay = plan(options).owners[0].days[0];
 * `${day.date}: ${day.calls} of ${day.capacity} calls, ${day.touches.length} cycles served`;
 */
export interface PlanDay {
  date: string;
  /** Calls the rep can make that day (`dailyCapacity`). */
  capacity: number;
  /** Calls planned: distinct contacts, never above `capacity`. */
  calls: number;
  /**
   * One per cycle served, in call order; a contact's touches are adjacent and share `call`. Built
   * the first time it is read (then the same array on every read), so a plan of millions of
   * touches costs only the days a caller looks at; JSON, spreads and `structuredClone` read it
   * like a plain field.
   */
  touches: PlannedTouch[];
}

/**
 * One rep's plan.
 *
 * @example
 * const { ownerId, neededCapacity, dailyCapacity } = plan(options).owners[0];
 */
export interface OwnerPlan {
  ownerId: string;
  dailyCapacity: number;
  /** Workable days of the owner within the horizon, each with its ordered list. */
  days: PlanDay[];
  /**
   * The daily capacity (calls) the book needs: the smallest with which every touch not yet late
   * is made on time and the backlog (touches already late) is worked off within the horizon,
   * spread over it. The plan itself takes the backlog first, so at exactly this capacity on-time
   * work may wait while a backlog clears; with no backlog the plan at this capacity has nothing late.
   */
  neededCapacity: number;
  /** Items due after the horizon (beyond their flex window): nothing to do yet. */
  notYetDue: number;
}

/**
 * A touch that could not be placed within the horizon.
 *
 * @example
 * for (const entry of plan(options).overflow) console.log(entry.contactId, entry.lateness, entry.cause);
 */
export interface Overflow {
  contactId: string;
  cycleId: string;
  tierId: string;
  ownerId: string;
  dueOn: string;
  /** Days late it will be on the first day after the horizon (0 or more). */
  lateness: number;
  priority: number;
  occurrence: number;
  /** `capacity`: the days were full; `no-capacity`: the owner has no dailyCapacity. */
  cause: 'capacity' | 'no-capacity';
}

/**
 * Calls planned against capacity, per owner per workable day.
 *
 * @example
 * const busiest = plan(options).load.reduce((a, b) => (b.planned > a.planned ? b : a));
 */
export interface PlanLoad {
  ownerId: string;
  date: string;
  /** Calls planned (distinct contacts). */
  planned: number;
  /** Touches (cycles served) in those calls: `planned` or more. */
  touches: number;
  capacity: number;
}

/**
 * Stable codes of the planner's record errors; match on these, show `message` to people.
 *
 * - `bad-item`: the item is not an object or a field the planner reads is missing or malformed.
 * - `no-owner`: the item has no owner to plan it for.
 * - `unknown-owner`: the item's owner is not among `owners` (or was refused).
 * - `unknown-cycle`: the item's tier has no such cycle in the policy.
 * - `duplicate-item`: the (contact, cycle) was given already; planned once.
 * - `bad-owner`: the owner is not an object or has a bad field.
 * - `duplicate-owner`: an owner id given twice; the first counts.
 * - `no-capacity`: the owner has no `dailyCapacity`; its touches go to overflow.
 *
 * @example
 * const unplannable = plan(options).errors.filter((error) => error.code === 'unknown-owner');
 */
export type PlanErrorCode =
  | 'bad-item'
  | 'no-owner'
  | 'unknown-owner'
  | 'unknown-cycle'
  | 'duplicate-item'
  | 'bad-owner'
  | 'duplicate-owner'
  | 'no-capacity';

/**
 * One item or owner the planner could not take as given; every other record is still planned.
 *
 * @example
 * for (const error of plan(options).errors) console.warn(error.code, error.record, error.index, error.path.join('.'), error.message);
 */
export interface PlanError {
  code: PlanErrorCode;
  record: 'item' | 'owner';
  index: number;
  ownerId?: string;
  contactId?: string;
  cycleId?: string;
  path: (string | number)[];
  message: string;
}

/**
 * What `plan` returns.
 *
 * @example
 * const result: Plan = plan(options);
 */
export interface Plan {
  from: string;
  days: number;
  owners: OwnerPlan[];
  overflow: Overflow[];
  load: PlanLoad[];
  /** Items not planned because there is nothing to plan: excluded (do not contact) or ended. */
  skipped: { excluded: number; ended: number };
  errors: PlanError[];
}

/**
 * One cycle a call serves, as a call list shows it.
 *
 * @example
 * callList(result, 'u1', '2026-12-01')[0].cycles.map((cycle) => `${cycle.cycleId} ${cycle.timing}`);
 */
export interface CallListCycle {
  cycleId: string;
  dueOn: string;
  /** plannedOn − dueOn in days: negative when early, positive when late. */
  lateness: number;
  /** `3 days late`, `due today`, `due in 2 days`. */
  timing: string;
  priority: number;
  occurrence: number;
  /** Why this cycle is on the list, in one sentence. */
  why: string;
}

/**
 * One line of a rep's list for a day: one call to one contact, with every cycle it serves.
 *
 * @example
 * for (const entry of callList(result, 'u1', '2026-12-01'))
 *   console.log(entry.position, entry.contactId, entry.cycles.map((cycle) => cycle.cycleId).join(' + '), entry.timing);
 */
export interface CallListEntry {
  /** From 1: the `call` number of the entry's touches in `PlanDay.touches`. */
  position: number;
  contactId: string;
  /** The contact's name, when the CRM gave one (`reason.contactName`); absent otherwise. */
  contactName?: string;
  tierId: string;
  /** Every cycle the call serves; the one that booked the call first, the others in cycle id order. */
  cycles: CallListCycle[];
  /** The first cycle's timing. */
  timing: string;
  /** The highest priority among the cycles. */
  priority: number;
  /** The cycles' reasons, one sentence each. */
  why: string;
}
