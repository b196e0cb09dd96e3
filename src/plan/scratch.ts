/**
 * Working arrays reused from owner to owner and run to run. A million contacts are hundreds of
 * owners, each simulated more than once; fresh typed arrays for each run were tens of thousands
 * of allocations outside the heap, and V8 starts a full collection when such memory grows fast.
 */
import { type WorkCalendar, workableDays } from '../core/calendar.js';
import type { EpochDay } from '../time/dates.js';
import { JobHeap, JobTable } from './jobs.js';

/** One typed array handed out again and again, as a view of the length each use needs. */
export class Reused<T extends Int32Array | Float64Array> {
  private buffer: T;

  constructor(private readonly make: (length: number) => T) {
    this.buffer = make(64);
  }

  /** A view of `length` elements; what it holds is left from the last use. */
  take(length: number): T {
    if (this.buffer.length < length) this.buffer = this.make(Math.max(length, this.buffer.length * 2));
    return this.buffer.subarray(0, length) as T;
  }

  /** A longer view, keeping what the first `keep` elements held (the last view's, at most its length). */
  grow(length: number, keep: number): T {
    if (this.buffer.length < length) {
      const wider = this.make(Math.max(length, this.buffer.length * 2));
      wider.set(this.buffer.subarray(0, keep));
      this.buffer = wider;
    }
    return this.buffer.subarray(0, length) as T;
  }
}

export const int32s = () => new Reused((length) => new Int32Array(length));

/** Everything a plan reuses: job tables, the day loop's arrays, and each calendar's workable days. */
export class PlanScratch {
  /** An owner's first rows, made by `ownerWork`. */
  readonly start = new JobTable();
  /** The recorded run's rows: read for overflow until the next owner. */
  readonly main = new JobTable();
  /** A trial run's rows (the capacity search). */
  readonly trial = new JobTable();
  /** The rows the capacity search starts from. */
  readonly base = new JobTable();
  readonly releasedFirst = int32s();
  readonly releasedNext = int32s();
  readonly neededBy = int32s();
  readonly live = int32s();
  readonly callNumber = int32s();
  readonly calledOn = new Reused((length) => new Float64Array(length));
  /** The touches a recorded run logs, before they are copied out at their exact size. */
  readonly log = int32s();
  private readonly heaps: JobHeap[] = [];
  /** Per first day, per calendar: reps on both sides of the date line start on different days. */
  private readonly workable = new Map<EpochDay, Map<WorkCalendar, Uint8Array>>();

  constructor(
    /** Days counted from a rep's first day: the horizon and the lookahead past it. */
    private readonly counted: number,
  ) {}

  /** `count` empty heaps over `table`. */
  heapsFor(table: JobTable, count: number): JobHeap[] {
    while (this.heaps.length < count) this.heaps.push(new JobHeap(table));
    const heaps = this.heaps.slice(0, count);
    for (const heap of heaps) heap.reset(table);
    return heaps;
  }

  /** 1 for each workable day of `calendar` from `from` (a rep's first day): owners share a few calendars. */
  workableDays(calendar: WorkCalendar, from: EpochDay): Uint8Array {
    let byCalendar = this.workable.get(from);
    if (byCalendar === undefined) {
      byCalendar = new Map();
      this.workable.set(from, byCalendar);
    }
    let days = byCalendar.get(calendar);
    if (days === undefined) {
      days = workableDays(calendar, from, this.counted);
      byCalendar.set(calendar, days);
    }
    return days;
  }
}
