/**
 * `plan`: each rep's call list for the coming days, within their daily capacity.
 *
 * Per owner, day by day: the touches released by then (no earlier than `flexDays` before their due
 * date) compete for the day's slots. Late work goes first, highest priority first; work that can
 * still be on time goes earliest-due first, which is what keeps every touch on time whenever any
 * plan could. A planned touch of a recurring cycle releases its next occurrence, counted from the
 * planned day by the cycle's own rule.
 */
import { type CadenceFacts, compileCadence, type CompiledCadence } from '../core/cadences.js';
import { CalendarBook, shiftToWorkable, type WorkCalendar } from '../core/calendar.js';
import { type EpochDay, formatDate, parseDate } from '../core/dates.js';
import { explain } from '../core/explain.js';
import { ownerProblem } from '../core/records.js';
import type { DueItem, Owner, Reason } from '../core/types.js';
import { zoneClock } from '../core/zones.js';
import { InputError } from '../errors/errors.js';
import { type Cycle, parsePolicy, type Policy } from '../schema/policy.js';
import { MinHeap } from './heap.js';

/** Reserves a share of each day's capacity for a group of tiers. */
export interface CapacityShare {
  /** Tier ids served first from the reserved slots. */
  tiers: string[];
  /** Share of each day's capacity, 0–1; slots = floor(capacity × share). */
  share: number;
}

export interface PlanOptions {
  policy: Policy;
  /** Items from `evaluate`. Excluded and ended items are counted, not planned. */
  items: readonly DueItem[];
  owners: readonly Owner[];
  /** First day of the plan, `YYYY-MM-DD`. */
  from: string;
  /** Length of the horizon in calendar days. */
  days: number;
  /** Days before its due date a touch may be placed, unless its cycle says otherwise. */
  flexDays?: number;
  /** Capacity reserved per day for groups of tiers; unused reserved slots go to the rest that day. */
  shares?: readonly CapacityShare[];
}

/** One touch placed on a day. */
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
  /** weight × (days late + 1) / cycle length in days, on the planned day. */
  priority: number;
  /** 0 for the item's current due date, 1 for the next occurrence planned within the horizon … */
  occurrence: number;
  reason: Reason;
}

export interface PlanDay {
  date: string;
  capacity: number;
  touches: PlannedTouch[];
}

export interface OwnerPlan {
  ownerId: string;
  dailyCapacity: number;
  /** Workable days of the owner within the horizon, each with its ordered list. */
  days: PlanDay[];
  /** The smallest daily capacity with which every touch in the horizon is on time (late work on the first day). */
  neededCapacity: number;
  /** Items due after the horizon (beyond their flex window): nothing to do yet. */
  notYetDue: number;
}

/** A touch that could not be placed within the horizon. */
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

export interface PlanLoad {
  ownerId: string;
  date: string;
  planned: number;
  capacity: number;
}

export interface PlanError {
  record: 'item' | 'owner';
  index: number;
  ownerId?: string;
  contactId?: string;
  cycleId?: string;
  path: (string | number)[];
  message: string;
}

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

/** Default `flexDays`: a touch may be made up to 3 days before it is due. */
export const DEFAULT_FLEX_DAYS = 3;

interface CycleInfo {
  readonly cycle: Cycle;
  readonly weight: number;
  readonly cadence: CompiledCadence;
}

/** One touch to place: an item's due date, or a later occurrence of its cycle. */
interface Job {
  readonly item: DueItem;
  readonly info: CycleInfo;
  readonly calendar: WorkCalendar;
  readonly due: EpochDay;
  /** The last day the contact can be called on or before `due` (what "on time" can mean). */
  readonly deadline: EpochDay;
  readonly release: EpochDay;
  readonly occurrence: number;
  /** Earlier planned days of this (contact, cycle), for quota counts. */
  readonly plannedDays: readonly EpochDay[];
  /** Late when the plan starts: ordered by priority, not by deadline. */
  readonly late: boolean;
  readonly startPriority: number;
}

const priorityOf = (job: Job, day: EpochDay) => (job.info.weight * (Math.max(0, day - job.due) + 1)) / job.info.cadence.lengthDays;

/** Late work first by priority; then earliest deadline; then priority; then contact and cycle id. */
function before(a: Job, b: Job): boolean {
  if (a.late !== b.late) return a.late;
  if (!a.late && a.deadline !== b.deadline) return a.deadline < b.deadline;
  if (a.startPriority !== b.startPriority) return a.startPriority > b.startPriority;
  if (a.item.contactId !== b.item.contactId) return a.item.contactId < b.item.contactId;
  return a.item.cycleId < b.item.cycleId;
}

function lastWorkableOnOrBefore(day: EpochDay, calendar: WorkCalendar, floor: EpochDay): EpochDay {
  for (let candidate = day; candidate >= floor; candidate--) if (calendar.isWorkable(candidate)) return candidate;
  return day;
}

interface OwnerRun {
  days: PlanDay[];
  overflow: Job[];
  notYetDue: number;
}

/**
 * Plans each owner's calls for `days` days from `from`.
 *
 * @example
 * const { items } = evaluate({ policy, contacts, touches, owners, now: '2026-11-23T08:00:00Z' });
 * const result = plan({ policy, items, owners, from: '2026-11-23', days: 7 });
 * callList(result, 'u1', '2026-11-24'); // the ordered calls of rep u1 on 24 November
 */
export function plan(options: PlanOptions): Plan {
  const from = typeof options.from === 'string' ? parseDate(options.from) : undefined;
  if (from === undefined)
    throw new InputError('from is not a YYYY-MM-DD date', [{ code: 'invalid_date', path: ['from'], message: 'not a YYYY-MM-DD date' }]);
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > 3660) {
    throw new InputError('days must be a whole number from 1 to 3660', [
      { code: 'too_small', path: ['days'], message: 'a whole number from 1 to 3660' },
    ]);
  }
  const defaultFlex = options.flexDays ?? DEFAULT_FLEX_DAYS;
  if (!Number.isInteger(defaultFlex) || defaultFlex < 0) throw new InputError('flexDays must be a whole number, 0 or more');
  const shares = options.shares ?? [];
  if (shares.some((share) => !(share.share >= 0 && share.share <= 1)) || shares.reduce((sum, share) => sum + share.share, 0) > 1) {
    throw new InputError('shares must each be between 0 and 1 and add up to at most 1');
  }
  const policy = parsePolicy(options.policy);
  const calendars = new CalendarBook(policy);
  const cycles = new Map<string, CycleInfo>();
  for (const tier of policy.tiers) {
    for (const cycle of tier.cycles) {
      cycles.set(`${tier.id}\u0000${cycle.id}`, {
        cycle,
        weight: tier.weight ?? 1,
        cadence: compileCadence(cycle.cadence, cycle.firstTouchWithin),
      });
    }
  }
  const horizonEnd = from + options.days - 1;
  const errors: PlanError[] = [];

  const owners = new Map<string, Owner>();
  options.owners.forEach((owner, index) => {
    const problem = ownerProblem(owner, (name) => calendars.has(name));
    if (problem)
      errors.push({ record: 'owner', index, ownerId: (owner as Partial<Owner> | null)?.id, path: problem.path, message: problem.message });
    else if (owners.has(owner.id))
      errors.push({ record: 'owner', index, ownerId: owner.id, path: ['id'], message: `duplicate owner id "${owner.id}"` });
    else {
      owners.set(owner.id, owner);
      if (owner.dailyCapacity === undefined) {
        errors.push({
          record: 'owner',
          index,
          ownerId: owner.id,
          path: ['dailyCapacity'],
          message: "no dailyCapacity: this owner's touches cannot be planned and are listed in overflow",
        });
      }
    }
  });

  const skipped = { excluded: 0, ended: 0 };
  const jobsByOwner = new Map<string, Job[]>();
  options.items.forEach((item, index) => {
    if (item.status === 'excluded' || item.status === 'ended') {
      skipped[item.status]++;
      return;
    }
    const owner = item.ownerId !== null ? owners.get(item.ownerId) : undefined;
    const info = cycles.get(`${item.tierId}\u0000${item.cycleId}`);
    const ids = { contactId: item.contactId, cycleId: item.cycleId };
    if (!owner) {
      const message = item.ownerId === null ? 'the item has no owner to plan it for' : `unknown owner "${item.ownerId}"`;
      errors.push({
        record: 'item',
        index,
        ...ids,
        ...(item.ownerId !== null ? { ownerId: item.ownerId } : {}),
        path: ['ownerId'],
        message,
      });
      return;
    }
    const due = item.dueOn !== null ? parseDate(item.dueOn) : undefined;
    if (!info || due === undefined) {
      errors.push({
        record: 'item',
        index,
        ...ids,
        ownerId: owner.id,
        path: info ? ['dueOn'] : ['cycleId'],
        message: info ? 'no due date' : `tier "${item.tierId}" has no cycle "${item.cycleId}" in this policy`,
      });
      return;
    }
    const calendar = calendars.forContact(owner.calendar, item.reason.contactCalendar ?? undefined);
    const paused = item.reason.pausedUntil !== null ? parseDate(item.reason.pausedUntil) : undefined;
    const job = makeJob(item, info, calendar, due, 0, [], from, defaultFlex, paused);
    let list = jobsByOwner.get(owner.id);
    if (!list) {
      list = [];
      jobsByOwner.set(owner.id, list);
    }
    list.push(job);
  });

  const result: Plan = { from: formatDate(from), days: options.days, owners: [], overflow: [], load: [], skipped, errors };
  for (const ownerId of [...jobsByOwner.keys(), ...owners.keys()].filter((id, i, all) => all.indexOf(id) === i).sort()) {
    const owner = owners.get(ownerId)!;
    const jobs = jobsByOwner.get(ownerId) ?? [];
    const calendar = calendars.forContact(owner.calendar, undefined);
    const context: RunContext = { from, horizonEnd, calendar, defaultFlex, shares, calendars, ownerCalendar: owner.calendar };
    if (owner.dailyCapacity === undefined) {
      for (const job of jobs) if (job.due <= horizonEnd) result.overflow.push(toOverflow(job, ownerId, horizonEnd, 'no-capacity'));
      continue;
    }
    const run = runOwner(jobs, owner.dailyCapacity, context);
    result.owners.push({
      ownerId,
      dailyCapacity: owner.dailyCapacity,
      days: run.days,
      neededCapacity: neededCapacity(jobs, owner.dailyCapacity, context),
      notYetDue: run.notYetDue,
    });
    for (const job of run.overflow) result.overflow.push(toOverflow(job, ownerId, horizonEnd, 'capacity'));
    for (const day of run.days) result.load.push({ ownerId, date: day.date, planned: day.touches.length, capacity: day.capacity });
  }
  return result;
}

function makeJob(
  item: DueItem,
  info: CycleInfo,
  calendar: WorkCalendar,
  due: EpochDay,
  occurrence: number,
  plannedDays: readonly EpochDay[],
  from: EpochDay,
  defaultFlex: number,
  notBefore?: EpochDay,
): Job {
  const flex = info.cycle.flexDays ?? defaultFlex;
  const late = due < from;
  const release = Math.max(from, due - flex, notBefore ?? from);
  const job: Job = {
    item,
    info,
    calendar,
    due,
    deadline: lastWorkableOnOrBefore(due, calendar, release),
    release,
    occurrence,
    plannedDays,
    late,
    startPriority: 0,
  };
  return { ...job, startPriority: priorityOf(job, Math.max(from, release)) };
}

interface RunContext {
  readonly from: EpochDay;
  readonly horizonEnd: EpochDay;
  readonly calendar: WorkCalendar;
  readonly defaultFlex: number;
  readonly shares: readonly CapacityShare[];
  readonly calendars: CalendarBook;
  readonly ownerCalendar: string | undefined;
}

/** Simulates one owner's days; pure, so `neededCapacity` can rerun it. */
function runOwner(initial: readonly Job[], capacity: number, context: RunContext, record = true): OwnerRun & { late: number } {
  const { from, horizonEnd, calendar } = context;
  const pending = new MinHeap<Job>((a, b) => a.release < b.release || (a.release === b.release && before(a, b)));
  let notYetDue = 0;
  for (const job of initial) {
    if (job.release > horizonEnd) notYetDue++;
    else pending.push(job);
  }
  const ready = new MinHeap<Job>(before);
  const days: PlanDay[] = [];
  let late = 0;
  for (let day = from; day <= horizonEnd; day++) {
    while (pending.size > 0 && pending.peek()!.release <= day) ready.push(pending.pop()!);
    if (!calendar.isWorkable(day)) continue;
    const chosen: Job[] = [];
    const waiting: Job[] = [];
    // Reserved slots first, each group from its own tiers; what a group leaves unused is free.
    for (const share of context.shares) {
      const slots = Math.floor(capacity * share.share);
      const tiers = new Set(share.tiers);
      const others: Job[] = [];
      let taken = 0;
      while (taken < slots && ready.size > 0) {
        const job = ready.pop()!;
        if (!tiers.has(job.item.tierId)) others.push(job);
        else if (!job.calendar.isWorkable(day)) waiting.push(job);
        else {
          chosen.push(job);
          taken++;
        }
      }
      for (const job of others) ready.push(job);
    }
    while (chosen.length < capacity && ready.size > 0) {
      const job = ready.pop()!;
      if (job.calendar.isWorkable(day)) chosen.push(job);
      else waiting.push(job);
    }
    for (const job of waiting) ready.push(job);
    const touches: PlannedTouch[] = [];
    for (const job of chosen) {
      if (day > job.due) late++;
      if (record) {
        touches.push({
          contactId: job.item.contactId,
          cycleId: job.item.cycleId,
          tierId: job.item.tierId,
          dueOn: formatDate(job.due),
          plannedOn: formatDate(day),
          lateness: day - job.due,
          priority: priorityOf(job, day),
          occurrence: job.occurrence,
          reason: job.item.reason,
        });
      }
      const next = nextOccurrence(job, day, context);
      if (next) {
        if (next.release > horizonEnd) notYetDue++;
        else pending.push(next);
      }
    }
    if (record) days.push({ date: formatDate(day), capacity, touches });
  }
  const overflow: Job[] = [];
  for (const job of [...ready.drain(), ...pending.drain()]) {
    if (job.due <= horizonEnd) overflow.push(job);
    else notYetDue++;
  }
  late += overflow.length;
  overflow.sort((a, b) => (before(a, b) ? -1 : 1));
  return { days, overflow, notYetDue, late };
}

/**
 * The next occurrence of a job's cycle once it is planned on `day`: the cycle's own rule with the
 * planned day as the last touch (rolling: day + every; anchored: the next occurrence; quota: the
 * period's count; milestones: the next offset), shifted to a workable day as `evaluate` would.
 */
function nextOccurrence(job: Job, day: EpochDay, context: RunContext): Job | undefined {
  const { item } = job;
  const detail = item.reason.detail ?? {};
  const zone = zoneClock(item.reason.timeZone);
  if (!zone) return undefined;
  const plannedDays = [...job.plannedDays, day];
  const periodStart = typeof detail.periodStart === 'string' ? parseDate(detail.periodStart) : undefined;
  const earlier =
    typeof detail.touchesInPeriod === 'number' && periodStart !== undefined
      ? new Array<EpochDay>(detail.touchesInPeriod).fill(periodStart)
      : [];
  const eventOn =
    typeof detail.eventOn === 'string'
      ? parseDate(detail.eventOn)
      : typeof detail.anchorOn === 'string'
        ? parseDate(detail.anchorOn)
        : undefined;
  const facts: CadenceFacts = {
    today: day,
    zone,
    createdDay: undefined,
    lastTouchDay: day,
    touchDays: () => [...earlier, ...plannedDays].sort((a, b) => a - b),
    eventDay: () => eventOn,
  };
  const outcome = job.info.cadence.due(facts);
  if (outcome.kind !== 'due' || outcome.rawDue <= day) return undefined;
  const due = shiftToWorkable(outcome.rawDue, job.calendar, job.info.cycle.shift ?? 'following');
  return makeJob(item, job.info, job.calendar, due, job.occurrence + 1, plannedDays, context.from, context.defaultFlex);
}

/** The smallest capacity with which nothing is late, found by bisection over the same simulation. */
function neededCapacity(jobs: readonly Job[], capacity: number, context: RunContext): number {
  // Late at the start cannot be helped; count those as due on the first day they can be made.
  const firstWorkable = (job: Job) => {
    for (let day = context.from; day <= context.horizonEnd; day++)
      if (context.calendar.isWorkable(day) && job.calendar.isWorkable(day)) return day;
    return context.horizonEnd;
  };
  const onTime = jobs.map((job) => {
    if (!job.late) return job;
    const day = firstWorkable(job);
    return { ...job, late: false, due: day, deadline: day };
  });
  const isEnough = (candidate: number) => runOwner(onTime, candidate, context, false).late === 0;
  let high = Math.max(1, capacity);
  while (!isEnough(high)) {
    if (high > onTime.length * 4 + 4) return high;
    high *= 2;
  }
  let low = 0;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (isEnough(middle)) high = middle;
    else low = middle;
  }
  return high;
}

function toOverflow(job: Job, ownerId: string, horizonEnd: EpochDay, cause: Overflow['cause']): Overflow {
  return {
    contactId: job.item.contactId,
    cycleId: job.item.cycleId,
    tierId: job.item.tierId,
    ownerId,
    dueOn: formatDate(job.due),
    lateness: Math.max(0, horizonEnd + 1 - job.due),
    priority: priorityOf(job, horizonEnd + 1),
    occurrence: job.occurrence,
    cause,
  };
}

/** One line of a rep's list for a day. */
export interface CallListEntry {
  position: number;
  contactId: string;
  cycleId: string;
  tierId: string;
  dueOn: string;
  /** `3 days late`, `due today`, `due in 2 days`. */
  timing: string;
  priority: number;
  /** Why the call is on the list, in one sentence. */
  why: string;
}

/**
 * The ordered list of one rep's calls on one day, ready to show.
 *
 * @example
 * for (const entry of callList(result, 'u1', '2026-11-24')) console.log(entry.position, entry.contactId, entry.timing, entry.why);
 */
export function callList(result: Plan, ownerId: string, date: string): CallListEntry[] {
  const day = result.owners.find((owner) => owner.ownerId === ownerId)?.days.find((candidate) => candidate.date === date);
  if (!day) return [];
  return day.touches.map((touch, index) => ({
    position: index + 1,
    contactId: touch.contactId,
    cycleId: touch.cycleId,
    tierId: touch.tierId,
    dueOn: touch.dueOn,
    timing: timingText(touch.lateness),
    priority: touch.priority,
    why:
      touch.occurrence === 0
        ? explain({
            contactId: touch.contactId,
            cycleId: touch.cycleId,
            tierId: touch.tierId,
            ownerId,
            status: touch.lateness > 0 ? 'overdue' : 'due',
            dueOn: touch.dueOn,
            daysOverdue: Math.max(0, touch.lateness),
            lastTouchAt: null,
            escalation: null,
            reason: touch.reason,
          })
        : `${touch.contactId} / ${touch.cycleId}: the next occurrence after the touch planned earlier in this plan, due ${touch.dueOn}.`,
  }));
}

function timingText(lateness: number): string {
  if (lateness === 0) return 'due today';
  const days = Math.abs(lateness);
  const unit = days === 1 ? 'day' : 'days';
  return lateness > 0 ? `${days} ${unit} late` : `due in ${days} ${unit}`;
}
