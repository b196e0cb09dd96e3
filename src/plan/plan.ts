/**
 * `plan`: each rep's call list for the coming days, within their daily capacity.
 *
 * Per owner, day by day: each day takes what is due by then and as many touches more as the days
 * to come cannot hold, chosen from those released (no earlier than `flexDays` before their due
 * date). Late work goes first, highest priority first; work that can still be on time goes
 * earliest-due first. A planned touch of a recurring cycle releases its next occurrence, counted
 * from the planned day by the cycle's own rule. docs/planning.md walks through a week.
 */
import { type CadenceFacts, compileCadence, type CompiledCadence } from '../core/cadences.js';
import { CalendarBook, shiftToWorkable, type WorkCalendar, workableDays } from '../core/calendar.js';
import { addDuration, type CalendarDuration, type EpochDay, formatDate, parseDate, parseDuration } from '../core/dates.js';
import { explain } from '../core/explain.js';
import { ownerProblem } from '../core/records.js';
import type { DueItem, Owner, Reason } from '../core/types.js';
import { zoneClock } from '../core/zones.js';
import { InputError } from '../errors/errors.js';
import { type CapacityShare, capacityShareIssues, type Cycle, parsePolicy, type Policy, type Shift } from '../schema/policy.js';
import { JobHeap, JobTable } from './jobs.js';

export type { CapacityShare };

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
  /**
   * Capacity reserved per day for groups of tiers; unused reserved slots go to the rest that day.
   * Replaces the policy's `shares` when given.
   */
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
  /**
   * The daily capacity the book needs: the smallest with which every touch not yet late is made on
   * time and the backlog (touches already late) is worked off within the horizon, spread over it.
   * The plan itself takes the backlog first, so at exactly this capacity on-time work may wait
   * while a backlog clears; with no backlog the plan at this capacity has nothing late.
   */
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

/** What the planner needs of one cycle of one tier, compiled once per plan. */
interface CycleInfo {
  readonly cycle: Cycle;
  readonly weight: number;
  readonly cadence: CompiledCadence;
  /** Rolling cycles only: the next occurrence is the planned day plus this. */
  readonly every: CalendarDuration | undefined;
  readonly flexDays: number;
  readonly shift: Shift;
}

/**
 * An owner's items as columns, numbered in (contact id, cycle id) order so the number breaks ties
 * between rows. The day loop reads these arrays rather than a million objects scattered over the
 * heap: copying `contactIds[i]` into a planned touch does not touch the item at all.
 */
interface OwnerWork {
  readonly items: readonly DueItem[];
  readonly contactIds: readonly string[];
  readonly cycleIds: readonly string[];
  readonly tierIds: readonly string[];
  readonly reasons: readonly Reason[];
  readonly infos: readonly CycleInfo[];
  /** The owner's calendar combined with the contact's. */
  readonly calendars: readonly WorkCalendar[];
  /** Rolling cycles: the next occurrence by planned day. */
  readonly rolling: readonly (RollingNext | undefined)[];
  /** Index of the capacity share whose tiers include the item's tier; the number of shares for the rest. */
  readonly groupOf: Int32Array;
  /** 1 where the contact's calendar adds to the owner's, so each day has to be checked for the contact too. */
  readonly ownCalendar: Uint8Array;
  readonly jobs: JobTable;
}

/** An owner's accepted items in input order, before numbering. */
interface OwnerBook {
  readonly calendar: WorkCalendar;
  readonly indexes: number[];
  readonly items: DueItem[];
  readonly infos: CycleInfo[];
  readonly calendars: WorkCalendar[];
  readonly dues: EpochDay[];
  /** Not before this day: the plan's start, or the day a pause ends. */
  readonly notBefore: EpochDay[];
}

interface RunContext {
  readonly from: EpochDay;
  readonly horizonEnd: EpochDay;
  /** Days past the horizon whose touches may still be released within it: the largest flexDays. */
  readonly lookahead: number;
  /** The owner's calendar: which days have slots at all. */
  readonly calendar: WorkCalendar;
  /** Share of each day reserved per group; the last group (the rest) has none. */
  readonly reserved: readonly number[];
}

/**
 * The next occurrence of a rolling cycle planned on each day of the horizon: its shifted due date
 * and deadline depend only on the cycle, the calendar and the planned day, so a million contacts
 * share a few such tables, filled as the plan reaches each day.
 */
class RollingNext {
  private readonly dues: Float64Array;
  private readonly deadlines: Float64Array;

  constructor(
    private readonly info: CycleInfo,
    private readonly calendar: WorkCalendar,
    private readonly from: EpochDay,
    span: number,
  ) {
    this.dues = new Float64Array(span).fill(Number.NaN);
    this.deadlines = new Float64Array(span);
  }

  /** The due date of the next occurrence when the cycle is planned on `day`. */
  due(day: EpochDay): EpochDay {
    const index = day - this.from;
    if (Number.isNaN(this.dues[index]!)) {
      const raw = addDuration(day, this.info.every!);
      let due = shiftToWorkable(raw, this.calendar, this.info.shift);
      // A preceding shift must not fold the next occurrence back onto the planned day.
      if (due <= day) due = raw;
      this.dues[index] = due;
      this.deadlines[index] = lastWorkableOnOrBefore(due, this.calendar, Math.max(this.from, due - this.info.flexDays));
    }
    return this.dues[index]!;
  }

  /** Its deadline: the last day on or before the due date the contact can be called (after `due(day)`). */
  deadline(day: EpochDay): EpochDay {
    return this.deadlines[day - this.from]!;
  }
}

/** One `RollingNext` per (cycle, calendar) for the whole plan. */
class RollingTables {
  private readonly tables = new Map<CycleInfo, Map<WorkCalendar, RollingNext>>();

  constructor(
    private readonly from: EpochDay,
    private readonly span: number,
  ) {}

  get(info: CycleInfo, calendar: WorkCalendar): RollingNext {
    let byCalendar = this.tables.get(info);
    if (!byCalendar) {
      byCalendar = new Map();
      this.tables.set(info, byCalendar);
    }
    let table = byCalendar.get(calendar);
    if (!table) {
      table = new RollingNext(info, calendar, this.from, this.span);
      byCalendar.set(calendar, table);
    }
    return table;
  }
}

/** weight × (days late + 1) / cycle length, on `day`. */
const priorityOn = (info: CycleInfo, due: EpochDay, day: EpochDay) =>
  (info.weight * (Math.max(0, day - due) + 1)) / info.cadence.lengthDays;

function lastWorkableOnOrBefore(day: EpochDay, calendar: WorkCalendar, floor: EpochDay): EpochDay {
  for (let candidate = day; candidate >= floor; candidate--) if (calendar.isWorkable(candidate)) return candidate;
  return day;
}

/** Adds a row for a touch due on `due`: released `flexDays` before, never before the plan starts or `notBefore`. */
function addRow(
  jobs: JobTable,
  source: number,
  info: CycleInfo,
  calendar: WorkCalendar,
  due: EpochDay,
  occurrence: number,
  from: EpochDay,
  notBefore: EpochDay,
  history?: readonly EpochDay[],
): number {
  const release = Math.max(from, due - info.flexDays, notBefore);
  const deadline = lastWorkableOnOrBefore(due, calendar, release);
  return jobs.add(source, due, deadline, release, occurrence, due < from, priorityOn(info, due, release), history);
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
  if (!Number.isInteger(defaultFlex) || defaultFlex < 0) {
    throw new InputError('flexDays must be a whole number, 0 or more', [
      { code: 'too_small', path: ['flexDays'], message: 'a whole number, 0 or more' },
    ]);
  }
  const policy = parsePolicy(options.policy);
  // The policy's own shares were checked by parsePolicy; a `shares` option meets the same rules.
  if (options.shares !== undefined) {
    const problems = capacityShareIssues(options.shares, new Set(policy.tiers.map((tier) => tier.id)));
    if (problems.length > 0) {
      throw new InputError(
        `invalid shares: ${problems.map((issue) => `${['shares', ...issue.path].join('.')}: ${issue.message}`).join('; ')}`,
        problems.map((issue) => ({ ...issue, path: ['shares', ...issue.path] })),
      );
    }
  }
  const shares = options.shares ?? policy.shares ?? [];
  const groupOfTier = new Map<string, number>();
  shares.forEach((share, index) => {
    for (const tier of share.tiers) groupOfTier.set(tier, index);
  });

  const calendars = new CalendarBook(policy);
  const cycles = new Map<string, Map<string, CycleInfo>>();
  for (const tier of policy.tiers) {
    const byId = new Map<string, CycleInfo>();
    for (const cycle of tier.cycles) {
      byId.set(cycle.id, {
        cycle,
        weight: tier.weight ?? 1,
        cadence: compileCadence(cycle.cadence, cycle.firstTouchWithin),
        every: 'every' in cycle.cadence ? parseDuration(cycle.cadence.every) : undefined,
        flexDays: cycle.flexDays ?? defaultFlex,
        shift: cycle.shift ?? 'following',
      });
    }
    cycles.set(tier.id, byId);
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

  const rollingTables = new RollingTables(from, options.days);
  const skipped = { excluded: 0, ended: 0 };
  const books = new Map<string, OwnerBook>();
  for (const owner of owners.values()) {
    books.set(owner.id, {
      calendar: calendars.forContact(owner.calendar, undefined),
      indexes: [],
      items: [],
      infos: [],
      calendars: [],
      dues: [],
      notBefore: [],
    });
  }
  options.items.forEach((item, index) => {
    if (item.status === 'excluded' || item.status === 'ended') {
      skipped[item.status]++;
      return;
    }
    const book = item.ownerId !== null ? books.get(item.ownerId) : undefined;
    const { contactId, cycleId } = item;
    if (!book) {
      const message = item.ownerId === null ? 'the item has no owner to plan it for' : `unknown owner "${item.ownerId}"`;
      errors.push({
        record: 'item',
        index,
        contactId,
        cycleId,
        ...(item.ownerId !== null ? { ownerId: item.ownerId } : {}),
        path: ['ownerId'],
        message,
      });
      return;
    }
    const info = cycles.get(item.tierId)?.get(cycleId);
    const due = item.dueOn !== null ? parseDate(item.dueOn) : undefined;
    if (!info || due === undefined) {
      errors.push({
        record: 'item',
        index,
        contactId,
        cycleId,
        ownerId: item.ownerId!,
        path: info ? ['dueOn'] : ['cycleId'],
        message: info ? 'no due date' : `tier "${item.tierId}" has no cycle "${cycleId}" in this policy`,
      });
      return;
    }
    const contactCalendar = item.reason.contactCalendar;
    const paused = item.reason.pausedUntil !== null ? parseDate(item.reason.pausedUntil) : undefined;
    book.indexes.push(index);
    book.items.push(item);
    book.infos.push(info);
    book.calendars.push(
      contactCalendar !== null ? calendars.forContact(owners.get(item.ownerId!)!.calendar, contactCalendar) : book.calendar,
    );
    book.dues.push(due);
    book.notBefore.push(paused ?? from);
  });

  let lookahead = defaultFlex;
  for (const byId of cycles.values()) for (const info of byId.values()) lookahead = Math.max(lookahead, info.flexDays);
  const reserved = shares.map((share) => share.share);
  const result: Plan = { from: formatDate(from), days: options.days, owners: [], overflow: [], load: [], skipped, errors };
  for (const ownerId of [...owners.keys()].sort()) {
    const owner = owners.get(ownerId)!;
    const book = books.get(ownerId)!;
    const work = ownerWork(book, from);
    const context: RunContext = { from, horizonEnd, lookahead, calendar: book.calendar, reserved };
    if (owner.dailyCapacity === undefined) {
      const { jobs } = work;
      for (let row = 0; row < jobs.size; row++) {
        if (jobs.due[row]! <= horizonEnd) result.overflow.push(toOverflow(jobs, row, work, ownerId, context, 'no-capacity'));
      }
      continue;
    }
    const run = runOwner(work, owner.dailyCapacity, context, true);
    result.owners.push({
      ownerId,
      dailyCapacity: owner.dailyCapacity,
      days: run.days,
      neededCapacity: neededCapacity(work, owner.dailyCapacity, context),
      notYetDue: run.notYetDue,
    });
    for (const row of run.overflow) result.overflow.push(toOverflow(run.jobs, row, work, ownerId, context, 'capacity'));
    for (const day of run.days) result.load.push({ ownerId, date: day.date, planned: day.touches.length, capacity: day.capacity });
  }
  return result;

  /** Numbers an owner's items in (contact id, cycle id) order as columns and makes their first rows; a repeated pair is an error. */
  function ownerWork(book: OwnerBook, start: EpochDay): OwnerWork {
    const contactIdsIn = book.items.map((item) => item.contactId);
    const cycleIdsIn = book.items.map((item) => item.cycleId);
    const order = Array.from(contactIdsIn.keys()).sort(
      (a, b) => compareText(contactIdsIn[a]!, contactIdsIn[b]!) || compareText(cycleIdsIn[a]!, cycleIdsIn[b]!) || a - b,
    );
    const work = {
      items: [] as DueItem[],
      contactIds: [] as string[],
      cycleIds: [] as string[],
      tierIds: [] as string[],
      reasons: [] as Reason[],
      infos: [] as CycleInfo[],
      calendars: [] as WorkCalendar[],
      rolling: [] as (RollingNext | undefined)[],
      groupOf: new Int32Array(order.length),
      ownCalendar: new Uint8Array(order.length),
      jobs: new JobTable(order.length * 2),
    };
    let previous = -1;
    for (const at of order) {
      const item = book.items[at]!;
      if (previous >= 0 && contactIdsIn[previous] === item.contactId && cycleIdsIn[previous] === item.cycleId) {
        errors.push({
          record: 'item',
          index: book.indexes[at]!,
          contactId: item.contactId,
          cycleId: item.cycleId,
          ownerId: item.ownerId ?? undefined,
          path: ['cycleId'],
          message: `duplicate of item ${book.indexes[previous]} (same contact and cycle): planned once`,
        });
        continue;
      }
      previous = at;
      const number = work.items.length;
      const info = book.infos[at]!;
      const calendar = book.calendars[at]!;
      work.items.push(item);
      work.contactIds.push(item.contactId);
      work.cycleIds.push(item.cycleId);
      work.tierIds.push(item.tierId);
      work.reasons.push(item.reason);
      work.infos.push(info);
      work.calendars.push(calendar);
      work.rolling.push(info.every ? rollingTables.get(info, calendar) : undefined);
      work.groupOf[number] = groupOfTier.get(item.tierId) ?? shares.length;
      work.ownCalendar[number] = calendar !== book.calendar ? 1 : 0;
      addRow(work.jobs, number, info, calendar, book.dues[at]!, 0, start, book.notBefore[at]!);
    }
    return work;
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface OwnerRun {
  days: PlanDay[];
  /** Rows not placed although due within the horizon, in placing order. */
  overflow: number[];
  jobs: JobTable;
  notYetDue: number;
  /** Touches placed after their due date, plus overflow. */
  late: number;
}

/**
 * Simulates one owner's days. Pure (it runs on a copy of the rows), so `neededCapacity` can rerun
 * it; `record` false skips building the lists.
 *
 * Each workable day takes as few touches as keeps the rest feasible: everything due by then, and
 * as many more (earliest due first) as the days to come cannot hold: for every later day t, the
 * touches due by t minus the slots until t. A touch therefore lands on its due date unless the
 * days before it are needed, and a rolling cycle keeps its rhythm instead of drifting earlier
 * whenever there is room. With one calendar for the owner and its contacts this places every
 * touch on time whenever any plan can: the count covers every window that starts tomorrow, and
 * windows that start later hold only touches not released yet, which today's choice cannot change.
 */
function runOwner(work: OwnerWork, capacity: number, context: RunContext, record: boolean): OwnerRun {
  return new OwnerSimulation(work, capacity, context).run(record, false);
}

/** Whether `capacity` keeps every touch on time; stops at the first late one. */
function keepsOnTime(work: OwnerWork, capacity: number, context: RunContext): boolean {
  return new OwnerSimulation(work, capacity, context).run(false, true).late === 0;
}

/**
 * The state of one run. A class rather than closures: its methods are compiled once for every
 * owner and rerun, where fresh closures per run would each start cold.
 */
class OwnerSimulation {
  private readonly jobs: JobTable;
  private readonly from: EpochDay;
  private readonly horizonEnd: EpochDay;
  /** Days counted for what is needed: the horizon, and past it as far as a touch released within it can be due. */
  private readonly counted: number;
  private readonly workable: Uint8Array;
  /** Rows waiting for their release day: the first row of each day's list, and each row's next. */
  private readonly releasedFirst: Int32Array;
  private releasedNext: Int32Array;
  /** Unplanned rows by the day they are needed by (deadline, not before release): what the days to come must hold. */
  private readonly neededBy: Int32Array;
  private neededTotal = 0;
  private notYetDue = 0;
  private readonly heaps: JobHeap[];

  constructor(
    private readonly work: OwnerWork,
    private readonly capacity: number,
    private readonly context: RunContext,
  ) {
    this.jobs = work.jobs.copy();
    this.from = context.from;
    this.horizonEnd = context.horizonEnd;
    const span = this.horizonEnd - this.from + 1;
    this.counted = span + context.lookahead;
    this.workable = workableDays(context.calendar, this.from, this.counted);
    this.releasedFirst = new Int32Array(span).fill(-1);
    this.releasedNext = new Int32Array(Math.max(16, this.jobs.size * 2));
    this.neededBy = new Int32Array(this.counted);
    this.heaps = Array.from({ length: context.reserved.length + 1 }, () => new JobHeap(this.jobs));
  }

  /** Plans every day of the horizon; `record` builds the lists, `stopWhenLate` gives up at the first late touch. */
  run(record: boolean, stopWhenLate: boolean): OwnerRun {
    const { jobs, from, horizonEnd, capacity, heaps, workable } = this;
    const { groupOf, contactIds, cycleIds, tierIds, reasons, infos } = this.work;
    const { reserved } = this.context;
    for (let row = 0; row < jobs.size; row++) this.queue(row, from);
    const days: PlanDay[] = [];
    const chosen: number[] = [];
    const waiting: number[] = [];
    let late = 0;
    for (let day = from; day <= horizonEnd; day++) {
      for (let row = this.releasedFirst[day - from]!; row >= 0; row = this.releasedNext[row]!)
        heaps[groupOf[jobs.source[row]!]!]!.push(row);
      if (workable[day - from] === 0) continue;
      const target = Math.min(capacity, this.neededOn(day));
      chosen.length = 0;
      waiting.length = 0;
      // A full day is where shares matter: reserved slots first, each share from its own tiers;
      // what a share leaves unused is free.
      if (target === capacity) {
        for (let group = 0; group < reserved.length; group++) {
          const heap = heaps[group]!;
          const slots = Math.floor(capacity * reserved[group]!);
          for (let taken = 0; taken < slots && heap.size > 0; ) {
            const row = heap.pop();
            if (this.canCall(row, day)) {
              chosen.push(row);
              taken++;
            } else waiting.push(row);
          }
        }
      }
      while (chosen.length < target) {
        const heap = this.firstHeap();
        if (heap === undefined) break;
        const row = heap.pop();
        if (this.canCall(row, day)) chosen.push(row);
        else waiting.push(row);
      }
      for (const row of waiting) heaps[groupOf[jobs.source[row]!]!]!.push(row);
      const touches: PlannedTouch[] = [];
      for (const row of chosen) {
        const source = jobs.source[row]!;
        const due = jobs.due[row]!;
        if (day > due) late++;
        this.countNeeded(row, -1);
        if (record) {
          touches.push({
            contactId: contactIds[source]!,
            cycleId: cycleIds[source]!,
            tierId: tierIds[source]!,
            dueOn: formatDate(due),
            plannedOn: formatDate(day),
            lateness: day - due,
            priority: priorityOn(infos[source]!, due, day),
            occurrence: jobs.occurrence[row]!,
            reason: reasons[source]!,
          });
        }
        const next = nextOccurrence(jobs, row, this.work, day, this.context);
        if (next >= 0) this.queue(next, day + 1);
      }
      if (record) days.push({ date: formatDate(day), capacity, touches });
      if (stopWhenLate && late > 0) return { days, overflow: [], jobs, notYetDue: this.notYetDue, late };
    }
    const overflow: number[] = [];
    for (const heap of heaps) {
      for (const row of heap.remaining()) {
        if (jobs.due[row]! <= horizonEnd) overflow.push(row);
        else this.notYetDue++;
      }
    }
    late += overflow.length;
    overflow.sort((a, b) => (jobs.comesBefore(a, b) ? -1 : 1));
    return { days, overflow, jobs, notYetDue: this.notYetDue, late };
  }

  /** Files a row under its release day (not before `earliest`), or counts it as not yet due. */
  private queue(row: number, earliest: EpochDay): void {
    const day = Math.max(this.jobs.release[row]!, earliest);
    if (day > this.horizonEnd) {
      this.notYetDue++;
      return;
    }
    if (row >= this.releasedNext.length) {
      const wider = new Int32Array(this.releasedNext.length * 2);
      wider.set(this.releasedNext);
      this.releasedNext = wider;
    }
    this.releasedNext[row] = this.releasedFirst[day - this.from]!;
    this.releasedFirst[day - this.from] = row;
    this.countNeeded(row, 1);
  }

  private countNeeded(row: number, change: 1 | -1): void {
    const index = Math.max(this.jobs.deadline[row]!, this.jobs.release[row]!) - this.from;
    if (index < this.counted) {
      this.neededBy[Math.max(0, index)]! += change;
      this.neededTotal += change;
    }
  }

  /** How many touches `day` must take: the largest shortfall of any window from the next day, counting what is due by `day`. */
  private neededOn(day: EpochDay): number {
    const { neededBy, workable, capacity, counted } = this;
    const today = day - this.from;
    let needed = 0;
    for (let index = 0, dueBy = 0, slots = 0; index < counted; index++) {
      dueBy += neededBy[index]!;
      if (index < today) continue;
      if (index > today && workable[index] === 1) slots += capacity;
      if (dueBy - slots > needed) needed = dueBy - slots;
      // Later windows can only add the rows not counted yet.
      if (this.neededTotal - slots <= needed) break;
    }
    return needed;
  }

  /** The heap whose first row comes first, or undefined when all are empty. */
  private firstHeap(): JobHeap | undefined {
    const { heaps } = this;
    if (heaps.length === 1) return heaps[0]!.size > 0 ? heaps[0] : undefined;
    let best: JobHeap | undefined;
    for (const heap of heaps) if (heap.size > 0 && (best === undefined || this.jobs.comesBefore(heap.peek(), best.peek()))) best = heap;
    return best;
  }

  private canCall(row: number, day: EpochDay): boolean {
    const index = this.jobs.source[row]!;
    return this.work.ownCalendar[index] === 0 || this.work.calendars[index]!.isWorkable(day);
  }
}

/**
 * Adds the row of the next occurrence of a cycle planned on `day`, or returns −1 when there is
 * none: the cycle's own rule with the planned day as the last touch (rolling: day + every;
 * anchored: the next occurrence; quota: the period's count; milestones: the next offset), shifted
 * to a workable day as `evaluate` would.
 */
function nextOccurrence(jobs: JobTable, row: number, work: OwnerWork, day: EpochDay, context: RunContext): number {
  const source = jobs.source[row]!;
  const info = work.infos[source]!;
  const occurrence = jobs.occurrence[row]! + 1;
  const rolling = work.rolling[source];
  if (rolling) {
    const due = rolling.due(day);
    return jobs.add(
      source,
      due,
      rolling.deadline(day),
      Math.max(context.from, due - info.flexDays),
      occurrence,
      false,
      priorityOn(info, due, due),
    );
  }
  const item = work.items[source]!;
  const calendar = work.calendars[source]!;
  const zone = zoneClock(item.reason.timeZone);
  if (!zone) return -1;
  const history = [...(jobs.history[row] ?? []), day];
  const detail = item.reason.detail ?? {};
  const periodStart = typeof detail.periodStart === 'string' ? parseDate(detail.periodStart) : undefined;
  // Touches already made this period (from evaluate) count towards the quota with the planned ones.
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
    touchDays: () => [...earlier, ...history].sort((a, b) => a - b),
    eventDay: () => eventOn,
  };
  const outcome = info.cadence.due(facts);
  if (outcome.kind !== 'due' || outcome.rawDue <= day) return -1;
  let due = shiftToWorkable(outcome.rawDue, calendar, info.shift);
  if (due <= day) due = outcome.rawDue;
  return addRow(jobs, source, info, calendar, due, occurrence, context.from, context.from, history);
}

/**
 * The smallest daily capacity with which nothing more becomes late: every touch not late when
 * the plan starts is made on time, and the work already late is made within the horizon. (Late
 * work counts as due on the contact's last workable day of the horizon: the backlog is spread
 * over it, not demanded all on the first day.) A touch that no workable day allows before its due
 * date counts as due on the first day it can be made.
 *
 * Found by simulation, starting from the densest window: for every run of days, the touches that
 * can only be made within it over its workable days. For the touches known at the start that
 * bound is exact (no plan does with less, and the planner needs no more); their rolling
 * recurrences, counted at their latest on-time days, make it an estimate, so the simulation
 * checks it and searches from there, usually in two or three runs.
 */
function neededCapacity(work: OwnerWork, capacity: number, context: RunContext): number {
  const { from, horizonEnd, calendar } = context;
  const jobs = work.jobs.copy();
  const windows = new WindowCounts(from, horizonEnd, calendar);
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
    windows.add(release, deadline, false);
    // Its rolling recurrences if each touch is made on the last day it is on time.
    for (let day = deadline; rolling && day <= horizonEnd; ) {
      const due = rolling.due(day);
      const nextRelease = Math.max(day + 1, due - work.infos[source]!.flexDays);
      const deadline = rolling.deadline(day);
      day = Math.max(nextRelease, deadline);
      windows.add(nextRelease, day, true);
    }
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
 * Touches by the run of days they can be made in (release to deadline), for the densest-window
 * bound: no plan keeps them on time with fewer than ⌈touches within [a, b] / workable days in
 * [a, b]⌉ a day, and with one calendar that is also enough (Hall's condition for unit jobs).
 * Every window is checked for horizons up to `EVERY_WINDOW_DAYS`; longer ones check the windows
 * that start on the first day.
 */
class WindowCounts {
  private readonly span: number;
  private readonly known: Int32Array;
  private readonly projected: Int32Array;
  private readonly workable: Uint8Array;
  private readonly everyWindow: boolean;

  constructor(
    private readonly from: EpochDay,
    horizonEnd: EpochDay,
    calendar: WorkCalendar,
  ) {
    this.span = horizonEnd - from + 1;
    this.everyWindow = this.span <= EVERY_WINDOW_DAYS;
    const cells = this.everyWindow ? this.span * this.span : this.span;
    this.known = new Int32Array(cells);
    this.projected = new Int32Array(cells);
    this.workable = workableDays(calendar, from, this.span);
  }

  /** A touch that can be made from `release` to `deadline`; `projected` for a recurrence only estimated. */
  add(release: EpochDay, deadline: EpochDay, projected: boolean): void {
    const last = deadline - this.from;
    if (last >= this.span || last < 0) return;
    const first = Math.min(last, Math.max(0, release - this.from));
    const cell = this.everyWindow ? first * this.span + last : last;
    (projected ? this.projected : this.known)[cell]!++;
  }

  /** The bound from the touches known at the start (`exact`) and with the projected recurrences (`estimate`). */
  bounds(): { exact: number; estimate: number } {
    const { span, workable } = this;
    let exact = 1;
    let estimate = 1;
    const byLast = new Float64Array(span * 2);
    for (let start = this.everyWindow ? span - 1 : 0; start >= 0; start--) {
      // Touches that can start no earlier than `start`, by last day: known in [0, span), all in [span, 2 span).
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

function toOverflow(
  jobs: JobTable,
  row: number,
  work: OwnerWork,
  ownerId: string,
  context: RunContext,
  cause: Overflow['cause'],
): Overflow {
  const source = jobs.source[row]!;
  const due = jobs.due[row]!;
  return {
    contactId: work.contactIds[source]!,
    cycleId: work.cycleIds[source]!,
    tierId: work.tierIds[source]!,
    ownerId,
    dueOn: formatDate(due),
    lateness: Math.max(0, context.horizonEnd + 1 - due),
    priority: priorityOn(work.infos[source]!, due, context.horizonEnd + 1),
    occurrence: jobs.occurrence[row]!,
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
