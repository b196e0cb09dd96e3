/**
 * The plan's days, with their lists built when first read. A million contacts over ninety days
 * make about two million planned touches; built up front, those objects (and, from a columnar
 * result, their reasons) were a large part of the plan's time and memory, and each young-generation
 * collection that found them alive copied them. The day loop records each touch as four numbers
 * (item, due day, occurrence, call), and a day's `touches` is built from them, once, the first
 * time it is read: a rep's call list for one day builds that day only, and a caller who reads
 * every day gets the same touches as before.
 */
import { type EpochDay, formatDate } from '../time/dates.js';
import type { ItemTexts } from './book.js';
import type { JobTable } from './jobs.js';
import { type CycleInfo, priorityOn } from './rules.js';
import type { Reused } from './scratch.js';
import type { PlanDay, PlannedTouch } from './types.js';
import type { OwnerWork } from './work.js';

/** Where a day keeps what builds its list, out of sight of JSON, spreads and `structuredClone`. */
const LAZY = Symbol('touches');

/** A day's touches in the log, and the list once built (or assigned). */
interface LazyTouches {
  readonly log: TouchLog;
  readonly day: EpochDay;
  readonly start: number;
  readonly end: number;
  list: PlannedTouch[] | undefined;
}

type LazyDay = PlanDay & { readonly [LAZY]: LazyTouches };

/** `touches` of every day: built from the log on first read, then kept. */
const TOUCHES: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: LazyDay): PlannedTouch[] {
    const state = this[LAZY];
    state.list ??= state.log.list(state.day, state.start, state.end);
    return state.list;
  },
  set(this: LazyDay, value: PlannedTouch[]) {
    this[LAZY].list = value;
  },
};

/** Numbers kept per touch: item, due day, occurrence, call. */
const FIELDS = 4;

/**
 * One owner's planned touches, day after day: per touch its item, due day, occurrence and call,
 * 16 bytes. It keeps those and what a touch shows of its item (input position, cycle, the texts),
 * not the day loop's rows, so an owner's working set is freed once its days are planned.
 */
export class TouchLog {
  /** The touches, `FIELDS` numbers each: a reused array while the run records, then a copy of the exact size. */
  private touches: Int32Array;
  private size = 0;
  private readonly inputIndexes: Int32Array;
  private readonly infos: readonly CycleInfo[];
  private readonly texts: ItemTexts;
  /** The reused array the run records into, until `seal`. */
  private recording: Reused<Int32Array> | undefined;

  /** `expected`: about how many touches the owner's days will hold (grown past it when needed). */
  constructor(work: OwnerWork, scratch: Reused<Int32Array>, expected: number) {
    this.recording = scratch;
    this.touches = scratch.take(Math.max(16, expected) * FIELDS);
    this.inputIndexes = work.inputIndexes;
    this.infos = work.infos;
    this.texts = work.texts;
  }

  /** Where the next touch goes: a day's touches are those from its start to the next day's. */
  get length(): number {
    return this.size;
  }

  /** Records `row` of `jobs`, placed in call `call`. */
  add(jobs: JobTable, row: number, call: number): void {
    let at = this.size * FIELDS;
    if (at === this.touches.length) this.touches = this.recording!.grow(at * 2, at);
    const { touches } = this;
    touches[at++] = jobs.source[row]!;
    touches[at++] = jobs.due[row]!;
    touches[at++] = jobs.occurrence[row]!;
    touches[at] = call;
    this.size++;
  }

  /**
   * Puts a contact's touches side by side when a cycle joined a call booked earlier in the day
   * (rare: its contact's own calendar): a stable sort of the day's touches by call.
   */
  groupByCall(start: number): void {
    const { touches } = this;
    const order = Array.from({ length: this.size - start }, (_, index) => start + index);
    order.sort((a, b) => touches[a * FIELDS + 3]! - touches[b * FIELDS + 3]! || a - b);
    const sorted = order.flatMap((index) => Array.from(touches.subarray(index * FIELDS, (index + 1) * FIELDS)));
    touches.set(sorted, start * FIELDS);
  }

  /** The run has ended: keeps the touches at their exact size and hands the reused array back. */
  seal(): void {
    this.touches = this.touches.slice(0, this.size * FIELDS);
    this.recording = undefined;
  }

  /** The day's entry: counts now, `touches` (those from `start` to the log's current end) on first read. */
  day(day: EpochDay, capacity: number, calls: number, start: number): PlanDay {
    const entry = { date: formatDate(day), capacity, calls } as PlanDay;
    // An accessor shared by every day (a day holds its state, not closures of its own) keeps the
    // key order (date, capacity, calls, touches) and lets JSON, spreads, structuredClone and deep
    // equality read the list like a plain field; an assignment replaces it, as it would a plain field.
    Object.defineProperty(entry, 'touches', TOUCHES);
    const state: LazyTouches = { log: this, day, start, end: this.size, list: undefined };
    Object.defineProperty(entry, LAZY, { value: state });
    return entry;
  }

  /** The touches recorded from `start` to `end` on `day`, in the order the day loop placed them. */
  list(day: EpochDay, start: number, end: number): PlannedTouch[] {
    const { touches, inputIndexes, infos, texts } = this;
    const list: PlannedTouch[] = [];
    const plannedOn = formatDate(day);
    for (let index = start; index < end; index++) {
      const at = index * FIELDS;
      const source = touches[at]!;
      const due = touches[at + 1]!;
      const info = infos[source]!;
      const inputIndex = inputIndexes[source]!;
      list.push({
        contactId: texts.contactId(inputIndex),
        cycleId: info.cycle.id,
        tierId: info.tierId,
        dueOn: formatDate(due),
        plannedOn,
        lateness: day - due,
        priority: priorityOn(info, due, day),
        occurrence: touches[at + 2]!,
        call: touches[at + 3]!,
        reason: texts.reason(inputIndex),
      });
    }
    return list;
  }
}
