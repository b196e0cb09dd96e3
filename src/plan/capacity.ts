/**
 * The daily capacity (calls) a book needs: the figure a manager reads as "you need 27 calls a day,
 * you have 20".
 */
import type { EpochDay } from '../time/dates.js';
import { lastWorkableOnOrBefore } from './rules.js';
import { keepsOnTime, type RunContext } from './simulate.js';
import type { OwnerWork } from './work.js';

/**
 * The smallest daily capacity with which nothing more becomes late: every touch not late when
 * the plan starts is made on time, and the work already late is made within the horizon. (Late
 * work counts as due on the contact's last workable day of the horizon: the backlog is spread
 * over it, not demanded all on the first day.) A touch that no workable day allows before its due
 * date counts as due on the first day it can be made.
 *
 * Found by simulation, starting from the densest window: for every run of days, the contacts that
 * must be called within it over its workable days. For the touches known at the start that bound
 * is a true lower bound (no plan does with less; with one cycle per contact and one calendar the
 * planner needs no more); their rolling recurrences, counted at their latest on-time days, make it
 * an estimate, so the simulation checks it and searches from there, usually in two or three runs.
 */
export function neededCapacity(work: OwnerWork, capacity: number, context: RunContext): number {
  const { from, horizonEnd, calendar, scratch } = context;
  const jobs = work.jobs.copy(scratch.base);
  const windows = new WindowCounts(from, horizonEnd, scratch.workableDays(calendar, from));
  for (let row = 0; row < jobs.size; row++) {
    // A contact's calendar is the owner's combined with its own, so one check covers both.
    const source = jobs.source[row]!;
    const contactCalendar = work.calendars[source]!;
    const rolling = work.rolling[source];
    const release = jobs.release[row]!;
    let deadline = jobs.deadline[row]!;
    if (jobs.primary[row] === Number.NEGATIVE_INFINITY) deadline = lastWorkableOnOrBefore(horizonEnd, contactCalendar, release);
    if (!contactCalendar.isWorkable(deadline) || deadline < release) {
      deadline = release;
      while (deadline <= horizonEnd && !contactCalendar.isWorkable(deadline)) deadline++;
    }
    jobs.due[row] = deadline;
    jobs.deadline[row] = deadline;
    jobs.primary[row] = deadline;
    // Its rolling recurrences if each touch is made on the last day it is on time.
    for (let day = deadline; rolling && day <= horizonEnd; ) {
      const due = rolling.due(day);
      const nextRelease = Math.max(day + 1, due - work.infos[source]!.flexDays);
      const deadline = rolling.deadline(day);
      day = Math.max(nextRelease, deadline);
      windows.add(nextRelease, day, 1, true);
    }
  }
  // The rows known at the start, once per contact and window: one call serves all of a contact's
  // cycles that may be made that day, so a window needs a call per contact, not per touch.
  const { contactFirst } = work;
  for (let contact = 0; contact + 1 < contactFirst.length; contact++) {
    const first = contactFirst[contact]!;
    const end = contactFirst[contact + 1]!;
    if (end - first === 1) windows.add(jobs.release[first]!, jobs.deadline[first]!, 1, false);
    else windows.addContact(jobs.release.subarray(first, end), jobs.deadline.subarray(first, end));
  }
  const { exact, estimate } = windows.bounds();
  const trial: OwnerWork = { ...work, jobs };
  const isEnough = (candidate: number) => keepsOnTime(trial, candidate, context);
  const ceiling = Math.max(estimate + 1, capacity, jobs.size * 2);
  // Bracket the answer between a capacity that is not enough (`low`) and one that is (`high`).
  let low: number;
  let high: number;
  if (isEnough(estimate)) {
    high = estimate;
    low = exact - 1;
    for (let step = 1; high - low > 1; step *= 2) {
      const candidate = Math.max(low + 1, estimate - step);
      if (!isEnough(candidate)) {
        low = candidate;
        break;
      }
      high = candidate;
    }
  } else {
    low = estimate;
    high = estimate + 1;
    for (let step = 2; !isEnough(high); step *= 2) {
      if (high >= ceiling) return high;
      low = high;
      high = Math.min(ceiling, estimate + step);
    }
  }
  while (high - low > 1) {
    const middle = low + ((high - low) >> 1);
    if (isEnough(middle)) high = middle;
    else low = middle;
  }
  return Math.max(1, high);
}

/**
 * Calls by the run of days they can be made in (release to deadline), for the densest-window
 * bound: no plan keeps them on time with fewer than ⌈calls within [a, b] / workable days in
 * [a, b]⌉ a day, and with one calendar and one touch per contact that is also enough (Hall's
 * condition for unit jobs). Every window is checked for horizons up to `EVERY_WINDOW_DAYS`; longer
 * ones check the windows that start on the first day.
 */
class WindowCounts {
  private readonly span: number;
  private readonly known: Int32Array;
  private readonly projected: Int32Array;
  private readonly everyWindow: boolean;

  /** `workable`: 1 for each workable day of the owner's calendar from `from`, through `horizonEnd` at least. */
  constructor(
    private readonly from: EpochDay,
    horizonEnd: EpochDay,
    private readonly workable: Uint8Array,
  ) {
    this.span = horizonEnd - from + 1;
    this.everyWindow = this.span <= EVERY_WINDOW_DAYS;
    const cells = this.everyWindow ? this.span * this.span : this.span;
    this.known = new Int32Array(cells);
    this.projected = new Int32Array(cells);
  }

  /** `count` calls that can be made from `release` to `deadline`; `projected` for a recurrence only estimated. */
  add(release: EpochDay, deadline: EpochDay, count: number, projected: boolean): void {
    const last = deadline - this.from;
    if (last >= this.span || last < 0) return;
    const first = Math.min(last, Math.max(0, release - this.from));
    this.addCell(first, last, count, projected);
  }

  /**
   * One contact's touches: each window counts the contact once if it holds any of them. A window
   * [s, L] holds a touch [f, l] when s ≤ f and l ≤ L. Dropping every touch that holds another
   * (a window holding it holds the smaller one) leaves touches ordered by both ends, and then the
   * windows holding at least one are counted exactly by adding each touch and taking away each
   * neighbouring pair's span (a window holds a run i … j of them: j − i + 1 touches, j − i pairs).
   */
  addContact(releases: Int32Array, deadlines: Int32Array): void {
    const touches: [number, number][] = [];
    for (let index = 0; index < releases.length; index++) {
      const last = deadlines[index]! - this.from;
      if (last >= this.span || last < 0) continue;
      touches.push([Math.min(last, Math.max(0, releases[index]! - this.from)), last]);
    }
    // By start, and for one start the longest first; then from the right, a touch is kept only
    // when it ends before every touch kept so far (all of which start no earlier).
    touches.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const kept: [number, number][] = [];
    let firstEnd = Number.POSITIVE_INFINITY;
    for (let index = touches.length - 1; index >= 0; index--) {
      const touch = touches[index]!;
      if (touch[1] >= firstEnd) continue;
      firstEnd = touch[1];
      kept.push(touch);
    }
    kept.reverse();
    for (let index = 0; index < kept.length; index++) {
      this.addCell(kept[index]![0], kept[index]![1], 1, false);
      if (index > 0) this.addCell(kept[index - 1]![0], kept[index]![1], -1, false);
    }
  }

  private addCell(first: number, last: number, count: number, projected: boolean): void {
    const cell = this.everyWindow ? first * this.span + last : last;
    (projected ? this.projected : this.known)[cell]! += count;
  }

  /** The bound from the calls known at the start (`exact`) and with the projected recurrences (`estimate`). */
  bounds(): { exact: number; estimate: number } {
    const { span, workable } = this;
    let exact = 1;
    let estimate = 1;
    const byLast = new Float64Array(span * 2);
    for (let start = this.everyWindow ? span - 1 : 0; start >= 0; start--) {
      // Calls that can start no earlier than `start`, by last day: known in [0, span), all in [span, 2 span).
      for (let last = start; last < span; last++) {
        const cell = this.everyWindow ? start * span + last : last;
        byLast[last] = byLast[last]! + this.known[cell]!;
        byLast[span + last] = byLast[span + last]! + this.known[cell]! + this.projected[cell]!;
      }
      for (let last = start, known = 0, all = 0, days = 0; last < span; last++) {
        known += byLast[last]!;
        all += byLast[span + last]!;
        days += workable[last]!;
        if (days > 0) {
          exact = Math.max(exact, Math.ceil(known / days));
          estimate = Math.max(estimate, Math.ceil(all / days));
        }
      }
    }
    return { exact, estimate };
  }
}

/** Horizons up to this many days check every window for the needed-capacity bound. */
const EVERY_WINDOW_DAYS = 400;
