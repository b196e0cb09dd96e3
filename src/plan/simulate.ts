/**
 * The day loop: one owner's days, one after the other, each taking as many calls as keeps the
 * days to come feasible. A call is to one contact and serves every cycle of it that is released
 * (within its flex window) that day, so capacity counts calls, not cycles.
 */
import type { WorkCalendar } from '../core/calendar.js';
import type { EpochDay } from '../time/dates.js';
import { TouchLog } from './days.js';
import type { JobHeap, JobTable } from './jobs.js';
import { PLACED, RELEASED } from './jobs.js';
import { nextOccurrence } from './rules.js';
import type { PlanScratch } from './scratch.js';
import type { OwnerWork } from './work.js';
import type { PlanDay } from './types.js';

export interface RunContext {
  readonly from: EpochDay;
  readonly horizonEnd: EpochDay;
  /** Days past the horizon whose touches may still be released within it: the largest flexDays. */
  readonly lookahead: number;
  /** The owner's calendar: which days have slots at all. */
  readonly calendar: WorkCalendar;
  /** Share of each day reserved per group; the last group (the rest) has none. */
  readonly reserved: readonly number[];
  /** Tables and arrays reused from owner to owner and run to run (see scratch.ts). */
  readonly scratch: PlanScratch;
}

export interface OwnerRun {
  /** The days, each with its touches built when first read (see days.ts). */
  days: PlanDay[];
  /** Touches (cycles served) per day of `days`: what `days[i].touches.length` will be. */
  touchCounts: number[];
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
 * whenever there is room. With one calendar for the owner and its contacts, and one cycle per
 * contact, this places every touch on time whenever any plan can: the count covers every window
 * that starts tomorrow, and windows that start later hold only touches not released yet, which
 * today's choice cannot change. Counting touches where the slots hold calls is on the safe side
 * when a contact has several cycles: a call may serve more than one.
 */
export function runOwner(work: OwnerWork, capacity: number, context: RunContext, record: boolean): OwnerRun {
  return new OwnerSimulation(work, capacity, context, true).run(record, false);
}

/** Whether `capacity` keeps every touch on time; stops at the first late one. */
export function keepsOnTime(work: OwnerWork, capacity: number, context: RunContext): boolean {
  return new OwnerSimulation(work, capacity, context, false).run(false, true).late === 0;
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
  /** Each item's current row (its latest occurrence), or −1. */
  private readonly live: Int32Array;
  /** Per contact: the day of its latest call, and that call's number on the day. */
  private readonly calledOn: Float64Array;
  private readonly callNumber: Int32Array;
  /** The day's planned rows and the call each belongs to. */
  private readonly chosen: number[] = [];
  private readonly callOf: number[] = [];
  private rowsTaken = 0;
  private callsMade = 0;
  /** Whether a row joined a call booked earlier in the day after other calls were booked (rare: its contact's calendar). */
  private joinedLate = false;

  constructor(
    private readonly work: OwnerWork,
    private readonly capacity: number,
    private readonly context: RunContext,
    recorded: boolean,
  ) {
    const { scratch } = context;
    this.jobs = work.jobs.copy(recorded ? scratch.main : scratch.trial);
    this.from = context.from;
    this.horizonEnd = context.horizonEnd;
    const span = this.horizonEnd - this.from + 1;
    this.counted = span + context.lookahead;
    this.workable = scratch.workableDays(context.calendar);
    this.releasedFirst = scratch.releasedFirst.take(span).fill(-1);
    // Rows are added as occurrences recur: about two per item over a quarter.
    this.releasedNext = scratch.releasedNext.take(Math.max(16, this.jobs.size * 3));
    this.neededBy = scratch.neededBy.take(this.counted).fill(0);
    this.heaps = scratch.heapsFor(this.jobs, context.reserved.length + 1);
    this.live = scratch.live.take(work.size).fill(-1);
    const contacts = work.contactFirst.length - 1;
    this.calledOn = scratch.calledOn.take(contacts).fill(Number.NaN);
    this.callNumber = scratch.callNumber.take(contacts);
  }

  /** Plans every day of the horizon; `record` builds the lists, `stopWhenLate` gives up at the first late touch. */
  run(record: boolean, stopWhenLate: boolean): OwnerRun {
    const { jobs, from, horizonEnd, capacity, heaps, workable, chosen, callOf } = this;
    const { groupOf } = this.work;
    const { reserved } = this.context;
    for (let row = 0; row < jobs.size; row++) this.queue(row, from);
    const days: PlanDay[] = [];
    const touchCounts: number[] = [];
    const log = record ? new TouchLog(this.work, this.context.scratch.log, jobs.size * 3) : undefined;
    const waiting: number[] = [];
    let late = 0;
    for (let day = from; day <= horizonEnd; day++) {
      for (let row = this.releasedFirst[day - from]!; row >= 0; row = this.releasedNext[row]!) {
        jobs.state[row] = RELEASED;
        heaps[groupOf[jobs.source[row]!]!]!.push(row);
      }
      if (workable[day - from] === 0) continue;
      const target = this.neededOn(day);
      chosen.length = 0;
      callOf.length = 0;
      waiting.length = 0;
      this.rowsTaken = 0;
      this.callsMade = 0;
      this.joinedLate = false;
      // A full day is where shares matter: reserved calls first, each share from its own tiers;
      // what a share leaves unused is free.
      if (target >= capacity) {
        for (let group = 0; group < reserved.length; group++) {
          const heap = heaps[group]!;
          const slots = Math.floor(capacity * reserved[group]!);
          const before = this.callsMade;
          while (this.callsMade - before < slots && this.callsMade < capacity && !heap.isEmpty()) {
            const row = heap.pop();
            if (!this.canCall(row, day) || !this.take(row, day)) waiting.push(row);
          }
        }
      }
      while (this.rowsTaken < target && this.callsMade < capacity) {
        const heap = this.firstHeap();
        if (heap === undefined) break;
        const row = heap.pop();
        if (!this.canCall(row, day) || !this.take(row, day)) waiting.push(row);
      }
      for (const row of waiting) heaps[groupOf[jobs.source[row]!]!]!.push(row);
      const start = log !== undefined ? log.length : 0;
      for (let index = 0; index < chosen.length; index++) {
        const row = chosen[index]!;
        if (day > jobs.due[row]!) late++;
        this.countNeeded(row, -1);
        if (log !== undefined) log.add(jobs, row, callOf[index]!);
        const next = nextOccurrence(jobs, row, this.work, day, from);
        if (next >= 0) this.queue(next, day + 1);
      }
      if (log !== undefined) {
        // A contact's touches side by side: the call that booked it, then those that joined it.
        if (this.joinedLate) log.groupByCall(start);
        days.push(log.day(day, capacity, this.callsMade, start));
        touchCounts.push(chosen.length);
      }
      if (stopWhenLate && late > 0) return { days, touchCounts, overflow: [], jobs, notYetDue: this.notYetDue, late };
    }
    log?.seal();
    const overflow: number[] = [];
    for (const heap of heaps) {
      for (const row of heap.remaining()) {
        if (jobs.due[row]! <= horizonEnd) overflow.push(row);
        else this.notYetDue++;
      }
    }
    late += overflow.length;
    overflow.sort((a, b) => (jobs.comesBefore(a, b) ? -1 : 1));
    return { days, touchCounts, overflow, jobs, notYetDue: this.notYetDue, late };
  }

  /**
   * Plans `row` on `day`: in the call already booked for its contact that day, else in a new call
   * when there is a slot left (false when there is none). A new call also takes the contact's
   * other released rows: one call serves every cycle that may be made that day. Those count
   * towards none of the day's target: the target is met by rows in placing order, so the days
   * to come stay feasible whichever rows join a call.
   */
  private take(row: number, day: EpochDay): boolean {
    const { jobs, chosen, callOf, calledOn, callNumber } = this;
    const { contactOf, contactFirst } = this.work;
    const source = jobs.source[row]!;
    const contact = contactOf[source]!;
    if (calledOn[contact] === day) {
      if (callNumber[contact] !== this.callsMade) this.joinedLate = true;
      jobs.state[row] = PLACED;
      chosen.push(row);
      callOf.push(callNumber[contact]!);
      this.rowsTaken++;
      return true;
    }
    if (this.callsMade >= this.capacity) return false;
    const call = ++this.callsMade;
    calledOn[contact] = day;
    callNumber[contact] = call;
    jobs.state[row] = PLACED;
    chosen.push(row);
    callOf.push(call);
    this.rowsTaken++;
    for (let sibling = contactFirst[contact]!, end = contactFirst[contact + 1]!; sibling < end; sibling++) {
      const other = this.live[sibling]!;
      if (sibling === source || other < 0 || jobs.state[other] !== RELEASED || !this.canCall(other, day)) continue;
      jobs.state[other] = PLACED;
      chosen.push(other);
      callOf.push(call);
    }
    return true;
  }

  /** Files a row under its release day (not before `earliest`), or counts it as not yet due. */
  private queue(row: number, earliest: EpochDay): void {
    this.live[this.jobs.source[row]!] = row;
    const day = Math.max(this.jobs.release[row]!, earliest);
    if (day > this.horizonEnd) {
      this.notYetDue++;
      return;
    }
    if (row >= this.releasedNext.length) this.releasedNext = this.context.scratch.releasedNext.grow(row * 2, this.releasedNext.length);
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
    if (heaps.length === 1) return heaps[0]!.isEmpty() ? undefined : heaps[0];
    let best: JobHeap | undefined;
    for (const heap of heaps) if (!heap.isEmpty() && (best === undefined || this.jobs.comesBefore(heap.peek(), best.peek()))) best = heap;
    return best;
  }

  private canCall(row: number, day: EpochDay): boolean {
    const index = this.jobs.source[row]!;
    return this.work.ownCalendar[index] === 0 || this.work.calendars[index]!.isWorkable(day);
  }
}
