/**
 * The plan's days, with their lists built when first read. A million contacts over ninety days
 * make about two million planned touches; built up front, those objects were most of the plan's
 * time and memory (each one allocated, then copied by every young-generation collection that
 * finds it alive). The day loop records each touch as two numbers (its row and its call), and a
 * day's `touches` is built from them, once, the first time it is read: a rep's call list for one
 * day builds that day only, and a caller who reads every day gets the same objects as before.
 */
import { type EpochDay, formatDate } from '../core/dates.js';
import type { OwnerWork } from './book.js';
import type { JobTable } from './jobs.js';
import { priorityOn } from './rules.js';
import type { PlanDay, PlannedTouch } from './types.js';

/**
 * One owner's planned touches, day after day, as (row, call) pairs. The rows' fields a touch shows
 * (item, due date, occurrence) never change once a row is added, so a list built late is the list
 * the day loop placed.
 */
export class TouchLog {
  private rows = new Int32Array(256);
  private calls = new Int32Array(256);
  private size = 0;

  constructor(
    private readonly jobs: JobTable,
    private readonly work: OwnerWork,
  ) {}

  /** Where the next touch goes: a day's touches are the pairs from its start to the next day's. */
  get length(): number {
    return this.size;
  }

  add(row: number, call: number): void {
    if (this.size === this.rows.length) {
      const rows = new Int32Array(this.size * 2);
      rows.set(this.rows);
      this.rows = rows;
      const calls = new Int32Array(this.size * 2);
      calls.set(this.calls);
      this.calls = calls;
    }
    this.rows[this.size] = row;
    this.calls[this.size] = call;
    this.size++;
  }

  /**
   * Puts a contact's touches side by side when a cycle joined a call booked earlier in the day
   * (rare: its contact's own calendar): a stable sort of the day's pairs by call.
   */
  groupByCall(start: number): void {
    const order = Array.from({ length: this.size - start }, (_, index) => start + index);
    const { rows, calls } = this;
    order.sort((a, b) => calls[a]! - calls[b]! || a - b);
    const sortedRows = order.map((index) => rows[index]!);
    const sortedCalls = order.map((index) => calls[index]!);
    rows.set(sortedRows, start);
    calls.set(sortedCalls, start);
  }

  /** The day's entry: counts now, `touches` (pairs `start` to the log's current end) on first read. */
  day(day: EpochDay, capacity: number, calls: number, start: number): PlanDay {
    const end = this.size;
    const build = () => this.touches(day, start, end);
    let touches: PlannedTouch[] | undefined;
    // An accessor pair in the literal keeps the key order (date, capacity, calls, touches) and
    // lets JSON, spreads, structuredClone and deep equality read the list like a plain field; an
    // assignment replaces it, as it would a plain field.
    return {
      date: formatDate(day),
      capacity,
      calls,
      get touches(): PlannedTouch[] {
        if (touches === undefined) touches = build();
        return touches;
      },
      set touches(value: PlannedTouch[]) {
        touches = value;
      },
    };
  }

  /** The touches of pairs `start` to `end` on `day`, in the order the day loop placed them. */
  touches(day: EpochDay, start: number, end: number): PlannedTouch[] {
    const { jobs, work, rows, calls } = this;
    const list: PlannedTouch[] = [];
    const plannedOn = formatDate(day);
    for (let index = start; index < end; index++) {
      const row = rows[index]!;
      const source = jobs.source[row]!;
      const due = jobs.due[row]!;
      list.push({
        contactId: work.contactIds[source]!,
        cycleId: work.cycleIds[source]!,
        tierId: work.tierIds[source]!,
        dueOn: formatDate(due),
        plannedOn,
        lateness: day - due,
        priority: priorityOn(work.infos[source]!, due, day),
        occurrence: jobs.occurrence[row]!,
        call: calls[index]!,
        reason: work.reasonOf(source),
      });
    }
    return list;
  }
}
