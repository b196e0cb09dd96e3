/**
 * Evaluating a book at a moment, the way a test means it: `check(policy, book).at('2026-01-19')`
 * is each contact on 19 January in its own zone, then `.item('ana', 'check-in')` picks one item to
 * assert on.
 */
import { bookData, type BookData, type BookInput } from './book.js';
import { asOf, dateOf, instantOf, type Moment } from './moments.js';
import type { PolicyInput } from './policies.js';
import { evaluate } from '../core/evaluate.js';
import type { DueItem, EvaluateResult, IdInput } from '../core/types.js';
import { callList, plan, type CallListEntry, type Plan, type PlanOptions } from '../plan/plan.js';
import { parsePolicy, type Policy } from '../schema/policy.js';

/**
 * Marks an item check, recognised by the matchers without `instanceof` (one copy per import point).
 *
 * @example
 * check(policy, accounts).at('2026-01-19').item('acme').kind === ITEM_CHECK; // true
 */
export const ITEM_CHECK = 'calling-cycle/item-check' as const;

/**
 * One (contact, cycle) item with what it was evaluated from: the matchers that need to evaluate
 * again (`toBeSatisfiedBy`, `toBeOnCallList`, `toHaveOccurrences`) take this.
 */
export interface ItemCheck {
  readonly kind: typeof ITEM_CHECK;
  readonly item: DueItem;
  readonly evaluation: Evaluation;
}

/** A book evaluated at a moment. */
export interface Evaluation {
  readonly policy: Policy;
  readonly book: BookData;
  readonly moment: Moment;
  readonly items: DueItem[];
  readonly errors: EvaluateResult['errors'];
  /**
   * The item of a contact's cycle; the cycle may be left out when the contact has one item.
   * Throws, listing what there is, when there is no such item.
   */
  item(contactId: IdInput, cycleId?: string): ItemCheck;
  /** The items of one contact. */
  itemsOf(contactId: IdInput): DueItem[];
  /**
   * Each owner's call lists from the moment's date (in the owner's zone) for `days` days.
   */
  plan(options?: Partial<Pick<PlanOptions, 'days' | 'flexDays' | 'shares'>>): Plan;
  /** One owner's calls on a date, planned from the moment's date up to that date. */
  callList(ownerId: IdInput, date: string, options?: Partial<Pick<PlanOptions, 'flexDays' | 'shares'>>): CallListEntry[];
}

/**
 * `evaluate` at a moment. A local moment (a date or a local date-time) is read in each
 * contact's own zone: the book is evaluated once per distinct zone at that zone's instant of
 * the moment, and each contact's items come from its own zone's run. An instant is one run.
 *
 * @example
 * const { items } = evaluateAt(policy, book().contact('ana', { timeZone: 'Pacific/Apia' }), '2026-01-19');
 * // items[0] is ana's state at the end of 19 January in Apia
 */
export function evaluateAt(policyInput: PolicyInput, input: BookInput, when: string | number | Date | Moment): Evaluation {
  const policy = parsePolicy(policyInput);
  const data = bookData(input, policy);
  const moment = asOf(when);
  return evaluation(policy, data, moment, runAt(policy, data, moment));
}

/** A book under a policy, ready to be evaluated at any moment. */
export interface Check {
  readonly policy: Policy;
  readonly book: BookData;
  /** The book at a moment: a local date means that day in each contact's zone (see `asOf`). */
  at(when: string | number | Date | Moment): Evaluation;
}

/**
 * A book under a policy, to evaluate at one moment or several.
 *
 * @example
 * const policy = cadencePolicy({ every: 'P14D' }, { graceDays: 2 });
 * const accounts = book().contact('acme', { timeZone: 'Europe/Berlin' }).touch('acme', '2026-01-05 10:00', 'call');
 * expect(check(policy, accounts).at('2026-01-19').item('acme')).toBeDueOn('2026-01-19');
 * expect(check(policy, accounts).at('2026-01-22').item('acme')).toBeOverdueBy(3);
 */
export function check(policyInput: PolicyInput, input: BookInput): Check {
  const policy = parsePolicy(policyInput);
  const data = bookData(input, policy);
  return {
    policy,
    book: data,
    at: (when) => {
      const moment = asOf(when);
      return evaluation(policy, data, moment, runAt(policy, data, moment));
    },
  };
}

/**
 * The zone `evaluate` resolved for each contact, read back from the items' reasons.
 *
 * @example
 * contactZones(evaluate({ policy, contacts: [{ id: 'c1', timeZone: 'Asia/Tokyo' }], touches: [], now }).items); // Map { 'c1' => 'Asia/Tokyo' }
 */
export function contactZones(items: readonly DueItem[]): Map<string, string> {
  const zones = new Map<string, string>();
  for (const item of items) zones.set(item.contactId, item.reason.timeZone);
  return zones;
}

interface Run {
  items: DueItem[];
  errors: EvaluateResult['errors'];
}

function runAt(policy: Policy, data: BookData, moment: Moment): Run {
  const options = { policy, contacts: data.contacts, touches: data.touches, owners: data.owners, snoozes: data.snoozes };
  if (moment.kind === 'instant') {
    const { items, errors } = evaluate({ ...options, now: moment.ms });
    return { items, errors };
  }
  // The zones are those `evaluate` itself resolves (contact → owner → policy → UTC): a first run
  // at the moment read as UTC tells them, and its errors (bad records do not depend on `now`).
  const probe = evaluate({ ...options, now: instantOf(moment, 'UTC') });
  const zones = contactZones(probe.items);
  const distinct = [...new Set(zones.values())];
  if (distinct.length === 1 && distinct[0] === 'UTC') return { items: probe.items, errors: probe.errors };
  const byZone = new Map<string, DueItem[]>();
  for (const zone of distinct) {
    const run = evaluate({ ...options, now: instantOf(moment, zone) });
    byZone.set(
      zone,
      run.items.filter((item) => item.reason.timeZone === zone),
    );
  }
  // Contacts in the probe's order (the input order), each with its own zone's items.
  const itemsByContact = new Map<string, DueItem[]>();
  for (const items of byZone.values()) {
    for (const item of items) {
      const list = itemsByContact.get(item.contactId);
      if (list) list.push(item);
      else itemsByContact.set(item.contactId, [item]);
    }
  }
  const items: DueItem[] = [];
  for (const contactId of zones.keys()) items.push(...(itemsByContact.get(contactId) ?? []));
  return { items, errors: probe.errors };
}

function evaluation(policy: Policy, data: BookData, moment: Moment, run: Run): Evaluation {
  const self: Evaluation = {
    policy,
    book: data,
    moment,
    items: run.items,
    errors: run.errors,
    itemsOf: (contactId) => run.items.filter((item) => item.contactId === String(contactId)),
    item: (contactId, cycleId) => {
      const own = self.itemsOf(contactId);
      const matching = cycleId === undefined ? own : own.filter((item) => item.cycleId === cycleId);
      if (matching.length === 1) return { kind: ITEM_CHECK, item: matching[0]!, evaluation: self };
      const what = cycleId === undefined ? `contact "${contactId}"` : `contact "${contactId}", cycle "${cycleId}"`;
      if (matching.length > 1) {
        throw new Error(`${what} has ${matching.length} items (${matching.map((item) => item.cycleId).join(', ')}): name the cycle`);
      }
      const errors = run.errors.filter((error) => error.contactId === String(contactId));
      const known = own.length > 0 ? `its items are ${own.map((item) => item.cycleId).join(', ')}` : 'it has no items';
      throw new Error(
        `no item for ${what} at ${moment.label}: ${known}${errors.length > 0 ? `; errors: ${errors.map((error) => `${error.path.join('.')}: ${error.message}`).join('; ')}` : ''}`,
      );
    },
    plan: (options = {}) => planFrom(self, options.days ?? 7, options),
    callList: (ownerId, date, options = {}) => {
      const from = startDate(self);
      const days = daysFrom(from, date);
      if (days < 1) return [];
      return callList(planFrom(self, days, options), String(ownerId), date);
    },
  };
  return self;
}

/**
 * The plan's first day: the moment's date, in the first owner's zone for an instant.
 *
 * @example
 * startDate(check(policy, accounts).at('2026-01-19')); // '2026-01-19'
 */
export function startDate(evaluation: Pick<Evaluation, 'moment' | 'book' | 'policy'>): string {
  const zone = evaluation.book.owners[0]?.timeZone ?? evaluation.policy.timeZone ?? 'UTC';
  return dateOf(evaluation.moment, zone);
}

function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * Plans the evaluation's items from its date for `days` days, with the book's owners.
 *
 * @example
 * planFrom(check(policy, accounts).at('2026-01-19'), 5).owners[0].days[0].date; // '2026-01-19'
 */
export function planFrom(
  evaluation: Pick<Evaluation, 'moment' | 'book' | 'policy' | 'items'>,
  days: number,
  options: Partial<Pick<PlanOptions, 'flexDays' | 'shares'>> = {},
): Plan {
  return plan({
    policy: evaluation.policy,
    items: evaluation.items,
    owners: evaluation.book.owners,
    from: startDate(evaluation),
    days,
    ...options,
  });
}
