/**
 * The plan's days, with their lists built when first read. A million contacts over ninety days
 * make about two million planned touches; built up front, those objects (and, from a columnar
 * result, their reasons) were a large part of the plan's time and memory, and each young-generation
 * collection that found them alive copied them. The day loop records each touch as four numbers
 * (item, due day, occurrence, call), and a day's `touches` is built from them, once, the first
 * time it is read: a rep's call list for one day builds that day only, and a caller who reads
 * every day gets the same touches as before.
 */
import { type EpochDay, formatDate } from '../core/dates.js';
import type { OwnerWork } from './book.js';
import type { Reason } from '../core/types.js';
import type { JobTable } from './jobs.js';
import { type CycleInfo, priorityOn } from './rules.js';
import type { PlanDay, PlannedTouch } from './types.js';

/** What a planned touch shows of its item, by item number: a slice of an owner's work. */
interface TouchSources {
  readonly contactIds: readonly string[];
  readonly cycleIds: readonly string[];
  readonly tierIds: readonly string[];
  readonly infos: readonly CycleInfo[];
  reasonOf(source: number): Reason;
}

/**
 * One owner's planned touches, day after day: per touch its item, due day, occurrence and call,
 * 16 bytes. It keeps those and the item columns a touch shows, not the day loop's rows, so an
 * owner's working set is freed once its days are planned.
 */
export class TouchLog {
  private sources: Int32Array;
  private dues: Int32Array;
  private occurrences: Int32Array;
  private calls: Int32Array;
  private size = 0;
  private readonly items: TouchSources;

  /** `expected`: about how many touches the owner's days will hold (grown past it when needed). */
  constructor(work: OwnerWork, expected: number) {
    const size = Math.max(16, expected);
    this.sources = new Int32Array(size);
    this.dues = new Int32Array(size);
    this.occurrences = new Int32Array(size);
    this.calls = new Int32Array(size);
    this.items = {
      contactIds: work.contactIds,
      cycleIds: work.cycleIds,
      tierIds: work.tierIds,
      infos: work.infos,
      reasonOf: work.reasonOf,
    };
  }

  /** Where the next touch goes: a day's touches are the pairs from its start to the next day's. */
  get length(): number {
    return this.size;
  }

  /** Records `row` of `jobs`, placed in call `call`. */
  add(jobs: JobTable, row: number, call: number): void {
    if (this.size === this.calls.length) {
      this.sources = widen(this.sources);
      this.dues = widen(this.dues);
      this.occurrences = widen(this.occurrences);
      this.calls = widen(this.calls);
    }
    this.sources[this.size] = jobs.source[row]!;
    this.dues[this.size] = jobs.due[row]!;
    this.occurrences[this.size] = jobs.occurrence[row]!;
    this.calls[this.size] = call;
    this.size++;
  }

  /**
   * Puts a contact's touches side by side when a cycle joined a call booked earlier in the day
   * (rare: its contact's own calendar): a stable sort of the day's touches by call.
   */
  groupByCall(start: number): void {
    const order = Array.from({ length: this.size - start }, (_, index) => start + index);
    const { calls } = this;
    order.sort((a, b) => calls[a]! - calls[b]! || a - b);
    for (const column of [this.sources, this.dues, this.occurrences, this.calls]) {
      column.set(
        order.map((index) => column[index]!),
        start,
      );
    }
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

  /** The touches recorded from `start` to `end` on `day`, in the order the day loop placed them. */
  touches(day: EpochDay, start: number, end: number): PlannedTouch[] {
    const { items, sources, dues, occurrences, calls } = this;
    const list: PlannedTouch[] = [];
    const plannedOn = formatDate(day);
    for (let index = start; index < end; index++) {
      const source = sources[index]!;
      const due = dues[index]!;
      list.push({
        contactId: items.contactIds[source]!,
        cycleId: items.cycleIds[source]!,
        tierId: items.tierIds[source]!,
        dueOn: formatDate(due),
        plannedOn,
        lateness: day - due,
        priority: priorityOn(items.infos[source]!, due, day),
        occurrence: occurrences[index]!,
        call: calls[index]!,
        reason: items.reasonOf(source),
      });
    }
    return list;
  }
}

function widen(column: Int32Array): Int32Array {
  const wider = new Int32Array(column.length * 2);
  wider.set(column);
  return wider;
}
