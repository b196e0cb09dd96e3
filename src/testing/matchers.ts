/**
 * The matchers, free of any test framework: each takes the received value and the expectation
 * and returns `{ pass, message }`, the shape `expect.extend` wants in vitest and jest alike. A
 * message says what was expected, what came out and why (the item's `explain` sentence), in the
 * direction that failed (`.not` included).
 */
import { bookData } from './book.js';
import { ITEM_CHECK, evaluateAt, type ItemCheck, planFrom, startDate } from './check.js';
import { instantOfWall, localWall, type LocalOrInstant } from './moments.js';
import { explain } from '../core/explain.js';
import { occurrences } from '../time/occurrences.js';
import { parseInstant } from '../time/instant.js';
import type { DueItem, IdInput, Status, Touch } from '../core/types.js';
import { touchShapeForCycle } from '../adapters/shared/cycle-touch.js';
import { ATTEMPT_OUTCOMES, type Channel, type Direction, type Policy } from '../schema/policy.js';
import { callList } from '../plan/plan.js';
import { withArticle } from '../errors/messages.js';

/** What a matcher returns: the framework shows `message()` when the assertion fails. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** A touch to try against an item: `at` is a local time in the contact's zone or an instant. */
export interface TouchInput {
  at: LocalOrInstant;
  channel?: Channel;
  direction?: Direction;
  outcome?: string;
  purpose?: string;
}

/** An RFC 5545 rule in a zone, for `toHaveOccurrences`. */
export interface RuleInput {
  rrule: string;
  dtstart: string;
  timeZone: string;
}

const STATUSES: readonly Status[] = ['upcoming', 'soon', 'due', 'overdue', 'paused', 'excluded', 'ended'];

function isDueItem(value: unknown): value is DueItem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<DueItem>;
  return (
    typeof candidate.contactId === 'string' &&
    typeof candidate.cycleId === 'string' &&
    STATUSES.includes(candidate.status as Status) &&
    typeof candidate.reason === 'object'
  );
}

function isItemCheck(value: unknown): value is ItemCheck {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === ITEM_CHECK;
}

function itemOf(received: unknown): DueItem | undefined {
  if (isItemCheck(received)) return received.item;
  return isDueItem(received) ? received : undefined;
}

function show(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(value);
  }
}

const NOT_AN_ITEM = 'a due item: check(policy, book).at(date).item(contact, cycle), or one of the items evaluate returns';

function notAnItem(matcher: string, received: unknown, needsContext = false): MatcherResult {
  const wanted = needsContext ? 'an item check: check(policy, book).at(date).item(contact, cycle)' : NOT_AN_ITEM;
  return {
    pass: false,
    message: () => `${matcher} expects ${wanted}\nreceived: ${show(received)}`,
  };
}

/** The item's state in a few words: `overdue by 3 days, due on 2026-01-19`. */
function stateOf(item: DueItem): string {
  switch (item.status) {
    case 'overdue':
      return `overdue by ${item.daysOverdue} day${item.daysOverdue === 1 ? '' : 's'}, due on ${item.dueOn}`;
    case 'excluded':
      return 'excluded (do not contact), no due date';
    case 'ended':
      return 'ended, no due date';
    default:
      return `${item.status}, due on ${item.dueOn}`;
  }
}

function name(item: DueItem): string {
  return `${item.contactId} / ${item.cycleId}`;
}

function result(pass: boolean, item: DueItem, expected: string, received: string, extra: string[] = []): MatcherResult {
  return {
    pass,
    message: () =>
      [`expected ${name(item)} ${pass ? 'not ' : ''}to ${expected}`, `received: ${received}`, ...extra, `reason: ${explain(item)}`].join(
        '\n',
      ),
  };
}

/**
 * The item is due on `date` (`YYYY-MM-DD` in the contact's zone), whatever its status.
 *
 * @example
 * toBeDueOn(check(policy, accounts).at('2026-01-19').item('acme'), '2026-01-19').pass; // true
 */
export function toBeDueOn(received: unknown, date: string): MatcherResult {
  const item = itemOf(received);
  if (!item) return notAnItem('toBeDueOn', received);
  return result(item.dueOn === date, item, `be due on ${date}`, stateOf(item));
}

/**
 * The item is overdue by exactly `days` days (today − due date, in the contact's zone).
 *
 * @example
 * toBeOverdueBy(check(policy, accounts).at('2026-01-22').item('acme'), 3).pass; // true
 */
export function toBeOverdueBy(received: unknown, days: number): MatcherResult {
  const item = itemOf(received);
  if (!item) return notAnItem('toBeOverdueBy', received);
  const pass = item.status === 'overdue' && item.daysOverdue === days;
  return result(pass, item, `be overdue by ${days} day${days === 1 ? '' : 's'}`, stateOf(item));
}

/**
 * The item has a status: `upcoming`, `soon`, `due`, `overdue`, `paused`, `excluded` or `ended`.
 *
 * @example
 * toHaveStatus(check(policy, accounts).at('2026-01-20').item('acme'), 'due').pass; // true
 */
export function toHaveStatus(received: unknown, status: Status): MatcherResult {
  const item = itemOf(received);
  if (!item) return notAnItem('toHaveStatus', received);
  return result(item.status === status, item, `have status ${status}`, stateOf(item));
}

/**
 * Logging `touch` settles the item: evaluated again with the touch (at the later of the check's
 * moment and the touch's date), the due date moves past the current one, or the cycle ends. When
 * it does not, the message says which of the cycle's `counts` the touch misses.
 *
 * @example
 * toBeSatisfiedBy(check(policy, accounts).at('2026-01-22').item('acme'), { at: '2026-01-22 09:00', channel: 'call' }).pass; // true
 */
export function toBeSatisfiedBy(received: unknown, touch: TouchInput): MatcherResult {
  if (!isItemCheck(received)) return notAnItem('toBeSatisfiedBy', received, true);
  const { item, evaluation } = received;
  if (item.dueOn === null) {
    return result(false, item, `be satisfied by ${describeTouch(touch)}`, `${stateOf(item)}: there is nothing to satisfy`);
  }
  const zone = item.reason.timeZone;
  const at = touchInstant(touch.at, zone);
  const logged: Touch = {
    contactId: item.contactId,
    at,
    channel: touch.channel ?? 'call',
    direction: touch.direction ?? 'outbound',
    outcome: touch.outcome ?? 'connected',
    ...(touch.purpose !== undefined ? { purpose: touch.purpose } : {}),
  };
  const book = bookData(evaluation.book);
  const withTouch = { ...book, touches: [...book.touches, logged] };
  // A touch after the moment has not happened yet; look at the day it is made.
  const when = (parseInstant(at) ?? 0) > (parseInstant(momentInstant(received)) ?? 0) ? at : evaluation.moment;
  const after = evaluateAt(evaluation.policy, withTouch, when)
    .itemsOf(item.contactId)
    .find((next) => next.cycleId === item.cycleId);
  const pass = after !== undefined && (after.status === 'ended' || (after.dueOn !== null && after.dueOn > item.dueOn));
  const extra: string[] = [];
  const miss = countsProblem(evaluation.policy, item, logged);
  if (!pass && miss) extra.push(`why: ${miss}`);
  if (after) extra.push(`with the touch: ${explain(after)}`);
  return result(
    pass,
    item,
    `be satisfied by ${describeTouch(touch)}`,
    after ? `${stateOf(item)} before the touch; ${stateOf(after)} with it` : `${stateOf(item)}; with the touch the item is gone`,
    extra,
  );
}

function momentInstant(check: ItemCheck): string {
  const moment = check.evaluation.moment;
  return moment.kind === 'instant' ? new Date(moment.ms).toISOString() : instantOfWall(moment.wall, check.item.reason.timeZone);
}

function touchInstant(at: LocalOrInstant, zone: string): string {
  if (typeof at === 'string') {
    const wall = localWall(at);
    if (wall !== undefined) return instantOfWall(wall, zone);
  }
  const ms = parseInstant(at);
  if (ms === undefined) throw new Error(`toBeSatisfiedBy: touch at ${show(at)} is neither a local date-time nor an instant`);
  return new Date(ms).toISOString();
}

function describeTouch(touch: TouchInput): string {
  const fields = [touch.channel ?? 'call', touch.direction, touch.outcome, touch.purpose && `purpose ${touch.purpose}`].filter(Boolean);
  return `a touch at ${touch.at instanceof Date ? touch.at.toISOString() : String(touch.at)} (${fields.join(', ')})`;
}

/** Which of the cycle's `counts` a touch misses, in words; undefined when it counts. */
function countsProblem(policy: Policy, item: DueItem, touch: Touch): string | undefined {
  const cycle = policy.tiers.find((tier) => tier.id === item.tierId)?.cycles.find((candidate) => candidate.id === item.cycleId);
  const counts = cycle?.counts ?? {};
  if (counts.channels && !counts.channels.includes(touch.channel)) {
    return `the cycle counts channels ${counts.channels.join(', ')}; the touch is ${withArticle(touch.channel)}`;
  }
  if (counts.directions && !counts.directions.includes(touch.direction as Direction)) {
    return `the cycle counts directions ${counts.directions.join(', ')}; the touch is ${touch.direction ?? 'without a direction'}`;
  }
  if (counts.outcomes && !counts.outcomes.includes(String(touch.outcome))) {
    return `the cycle counts outcomes ${counts.outcomes.join(', ')}; the touch's outcome is ${touch.outcome ?? 'not given'}`;
  }
  if (!counts.outcomes && (ATTEMPT_OUTCOMES as readonly string[]).includes(String(touch.outcome))) {
    return `an attempt without contact (${touch.outcome}) does not count unless the cycle lists it in counts.outcomes`;
  }
  if (counts.purposes && !counts.purposes.includes(String(touch.purpose))) {
    return `the cycle counts purposes ${counts.purposes.join(', ')}; the touch's purpose is ${touch.purpose ?? 'not given'}`;
  }
  return undefined;
}

/**
 * The item is on `ownerId`'s call list on `date`, planned from the check's date (with the plan's
 * default `flexDays` unless given). The message shows where the item went instead and the list.
 *
 * @example
 * toBeOnCallList(check(policy, accounts).at('2026-01-19').item('acme'), 'u1', '2026-01-19').pass; // true
 */
export function toBeOnCallList(received: unknown, ownerId: IdInput, date: string, options: { flexDays?: number } = {}): MatcherResult {
  if (!isItemCheck(received)) return notAnItem('toBeOnCallList', received, true);
  const { item, evaluation } = received;
  const from = startDate(evaluation);
  const owner = String(ownerId);
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  if (!(days >= 1)) {
    return result(false, item, `be on ${owner}'s call list on ${date}`, `the plan starts on ${from}, after ${date}`);
  }
  const planned = planFrom(evaluation, days, options.flexDays !== undefined ? { flexDays: options.flexDays } : {});
  const list = callList(planned, owner, date);
  const pass = list.some((entry) => entry.contactId === item.contactId && entry.cycles.some((cycle) => cycle.cycleId === item.cycleId));
  const where: string[] = [];
  for (const ownerPlan of planned.owners) {
    for (const day of ownerPlan.days) {
      for (const touch of day.touches) {
        if (touch.contactId === item.contactId && touch.cycleId === item.cycleId && touch.occurrence === 0) {
          where.push(`planned for ${ownerPlan.ownerId} on ${day.date}`);
        }
      }
    }
  }
  for (const overflow of planned.overflow) {
    if (overflow.contactId === item.contactId && overflow.cycleId === item.cycleId && overflow.occurrence === 0) {
      where.push(`did not fit ${overflow.ownerId}'s days up to ${date} (${overflow.cause})`);
    }
  }
  for (const error of planned.errors) {
    if (error.contactId === item.contactId && error.cycleId === item.cycleId) where.push(`not planned: ${error.message}`);
  }
  if (item.status === 'excluded' || item.status === 'ended') where.push(`not planned: the item is ${item.status}`);
  const listText =
    list.length === 0
      ? `${owner} has no calls on ${date}`
      : `${owner}'s list on ${date}: ${list.map((entry) => `${entry.position}. ${entry.contactId} / ${entry.cycles.map((cycle) => cycle.cycleId).join(' + ')} (${entry.timing})`).join(', ')}`;
  return result(
    pass,
    item,
    `be on ${owner}'s call list on ${date}`,
    where.length > 0 ? where.join('; ') : `not in the plan from ${from} to ${date}`,
    [listText],
  );
}

/**
 * The due dates (or, for a rule, the occurrences) come in this order. For an item check: its
 * current due date, then the next one after a touch made on each due date, and so on. For
 * `{ rrule, dtstart, timeZone }`: the rule's first occurrences. A `YYYY-MM-DD` entry is compared
 * with the local date, a full ISO entry with the zoned instant.
 *
 * @example
 * toHaveOccurrences(check(policy, accounts).at('2026-01-06').item('acme'), ['2026-01-19', '2026-02-02', '2026-02-16']).pass; // true
 * toHaveOccurrences({ rrule: 'FREQ=MONTHLY;BYDAY=1TU', dtstart: '2026-01-01T09:00:00', timeZone: 'Europe/Berlin' }, ['2026-01-06', '2026-02-03']).pass; // true
 */
export function toHaveOccurrences(received: unknown, expected: readonly string[]): MatcherResult {
  if (isRuleInput(received)) {
    const found = occurrences(received.rrule, { dtstart: received.dtstart, timeZone: received.timeZone, count: expected.length });
    const actual = found.map((instant, index) => (expected[index]?.length === 10 ? instant.slice(0, 10) : instant));
    const pass = same(actual, expected);
    return {
      pass,
      message: () =>
        [
          `expected ${received.rrule} from ${received.dtstart} in ${received.timeZone} ${pass ? 'not ' : ''}to have the occurrences ${expected.join(', ')}`,
          `received: ${actual.join(', ') || 'none'}`,
          ...(pass ? [] : [firstDifference(actual, expected)]),
        ].join('\n'),
    };
  }
  if (!isItemCheck(received)) return notAnItem('toHaveOccurrences', received, true);
  const { item, evaluation } = received;
  const actual = dueSequence(received, expected.length);
  const pass = same(actual.dates, expected);
  return result(
    pass,
    item,
    `have the due dates ${expected.join(', ')}`,
    `${actual.dates.join(', ') || 'none'}${actual.stop ? ` (${actual.stop})` : ''}`,
    [pass ? 'each due date met by a touch made on it' : firstDifference(actual.dates, expected), `counted from ${evaluation.moment.label}`],
  );
}

function isRuleInput(value: unknown): value is RuleInput {
  return typeof value === 'object' && value !== null && typeof (value as RuleInput).rrule === 'string';
}

function same(actual: readonly string[], expected: readonly string[]): boolean {
  return actual.length === expected.length && actual.every((value, index) => value === expected[index]);
}

function firstDifference(actual: readonly string[], expected: readonly string[]): string {
  const index = expected.findIndex((value, at) => actual[at] !== value);
  if (index === -1) return `${actual.length - expected.length} more than expected`;
  return `first difference at #${index + 1}: expected ${expected[index]}, received ${actual[index] ?? 'nothing'}`;
}

/** The item's due dates: the current one, then each next after touching on the one before. */
function dueSequence(check: ItemCheck, count: number): { dates: string[]; stop?: string } {
  const { item, evaluation } = check;
  const dates: string[] = [];
  if (item.dueOn === null) return { dates, stop: `the item is ${item.status}` };
  const shape = touchShapeForCycle(evaluation.policy, item.cycleId) ?? {
    channel: 'call' as const,
    direction: 'outbound' as const,
    outcome: 'connected',
  };
  const zone = item.reason.timeZone;
  const base = bookData(evaluation.book);
  const touches = [...base.touches];
  let due = item.dueOn;
  dates.push(due);
  // A quota of several touches a period needs several touches on the day; a bound keeps a cycle
  // that never moves from looping.
  const maxTouchesPerDate = 12;
  while (dates.length < count) {
    let next: DueItem | undefined;
    for (let attempt = 0; attempt < maxTouchesPerDate; attempt++) {
      const wall = localWall(`${due} 10:00`)! + attempt * 60_000;
      touches.push({ contactId: item.contactId, at: instantOfWall(wall, zone), ...shape });
      next = evaluateAt(evaluation.policy, { ...base, touches }, due)
        .itemsOf(item.contactId)
        .find((candidate) => candidate.cycleId === item.cycleId);
      if (!next || next.dueOn === null || next.dueOn > due) break;
    }
    if (!next) return { dates, stop: 'the item is gone' };
    if (next.dueOn === null) return { dates, stop: `then ${next.status}` };
    if (next.dueOn <= due) return { dates, stop: `a touch on ${due} does not move it` };
    due = next.dueOn;
    dates.push(due);
  }
  return { dates };
}

/**
 * Every matcher by name, ready for `expect.extend`.
 *
 * @example
 * import { expect } from 'vitest';
 * import { callingCycleMatchers } from 'calling-cycle/testing';
 * expect.extend(callingCycleMatchers); // what 'calling-cycle/testing/vitest' does for you
 */
export const callingCycleMatchers = {
  toBeDueOn,
  toBeOverdueBy,
  toHaveStatus,
  toBeSatisfiedBy,
  toBeOnCallList,
  toHaveOccurrences,
};

/**
 * The matchers as a test framework types them: `R` is what an assertion returns.
 *
 * @example
 * interface Assertion<T> extends CallingCycleMatchers<T> {}
 */
export interface CallingCycleMatchers<R = unknown> {
  /** The item is due on this `YYYY-MM-DD` date (in the contact's zone). */
  toBeDueOn(date: string): R;
  /** The item is overdue by exactly this many days. */
  toBeOverdueBy(days: number): R;
  /** The item has this status. */
  toHaveStatus(status: Status): R;
  /** Logging this touch moves the item's due date past the current one (or ends the cycle). */
  toBeSatisfiedBy(touch: TouchInput): R;
  /** The item is on this owner's call list on this date, planned from the check's date. */
  toBeOnCallList(ownerId: IdInput, date: string, options?: { flexDays?: number }): R;
  /** The item's successive due dates (or a rule's occurrences) are these. */
  toHaveOccurrences(expected: readonly string[]): R;
}
