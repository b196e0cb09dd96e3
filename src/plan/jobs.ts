/**
 * The planner's working set: every touch to place (an item's due date, or a later occurrence of
 * its cycle) as a row of parallel typed arrays, and a heap of row numbers. A million contacts over
 * ninety days make millions of rows; numbers in typed arrays keep that to a few compact buffers and
 * every comparison to a few number loads.
 */
import type { EpochDay } from '../time/dates.js';

/** A row's state: not released yet; released (waiting in a heap); planned. */
export const WAITING = 0;
export const RELEASED = 1;
export const PLACED = 2;

/** Orders rows: late work first (`primary` −∞), then by deadline; then priority (higher first); then `source`. */
export class JobTable {
  size = 0;
  /** Index of the item the row belongs to; items are numbered in (contact id, cycle id) order, so it breaks ties. */
  source: Int32Array;
  due: Int32Array;
  /** The last day the contact can be called on or before `due`: what "on time" can mean. */
  deadline: Int32Array;
  /** First day the row may be planned: `flexDays` before `due`, never before the plan starts or a pause ends. */
  release: Int32Array;
  /** 0 for the item's current due date, 1 for the next occurrence, … */
  occurrence: Int32Array;
  /** −Infinity for work already late when the plan starts (ordered by priority alone), else the deadline. */
  primary: Float64Array;
  /** Priority on the release day (for late work, on the first day of the plan). */
  priority: Float64Array;
  /** `WAITING` until its release day, then `RELEASED` (in a heap), then `PLACED` once planned. */
  state: Uint8Array;
  /** Days this item was planned on earlier in the run, for cadences that count touches (quota, anchored). */
  history: (readonly EpochDay[] | undefined)[] = [];

  constructor(rows = 64) {
    const size = Math.max(16, rows);
    this.source = new Int32Array(size);
    this.due = new Int32Array(size);
    this.deadline = new Int32Array(size);
    this.release = new Int32Array(size);
    this.occurrence = new Int32Array(size);
    this.primary = new Float64Array(size);
    this.priority = new Float64Array(size);
    this.state = new Uint8Array(size);
  }

  add(
    source: number,
    due: EpochDay,
    deadline: EpochDay,
    release: EpochDay,
    occurrence: number,
    late: boolean,
    priority: number,
    history?: readonly EpochDay[],
  ): number {
    if (this.size === this.source.length) this.grow(this.size * 2);
    const row = this.size++;
    this.source[row] = source;
    this.due[row] = due;
    this.deadline[row] = deadline;
    this.release[row] = release;
    this.occurrence[row] = occurrence;
    this.primary[row] = late ? Number.NEGATIVE_INFINITY : deadline;
    this.priority[row] = priority;
    this.state[row] = WAITING;
    if (history !== undefined) this.history[row] = history;
    return row;
  }

  /** Empties the table for reuse, with room for `rows` rows. */
  clear(rows: number): void {
    this.size = 0;
    this.history = [];
    if (rows > this.source.length) this.grow(rows);
  }

  /**
   * A copy to run on, so one set of starting rows serves several simulations: into `into` when
   * given (a table reused from owner to owner, grown when too small), else a new table.
   */
  copy(into?: JobTable): JobTable {
    const copy = into ?? new JobTable(this.source.length);
    if (copy.source.length < this.size) copy.grow(this.source.length);
    copy.size = this.size;
    copy.source.set(this.source.subarray(0, this.size));
    copy.due.set(this.due.subarray(0, this.size));
    copy.deadline.set(this.deadline.subarray(0, this.size));
    copy.release.set(this.release.subarray(0, this.size));
    copy.occurrence.set(this.occurrence.subarray(0, this.size));
    copy.primary.set(this.primary.subarray(0, this.size));
    copy.priority.set(this.priority.subarray(0, this.size));
    copy.state.set(this.state.subarray(0, this.size));
    copy.history = this.history.length > 0 ? this.history.slice() : [];
    return copy;
  }

  /** Whether row `a` is placed before row `b` when both are ready. */
  comesBefore(a: number, b: number): boolean {
    const primaryA = this.primary[a]!;
    const primaryB = this.primary[b]!;
    if (primaryA !== primaryB) return primaryA < primaryB;
    const priorityA = this.priority[a]!;
    const priorityB = this.priority[b]!;
    if (priorityA !== priorityB) return priorityA > priorityB;
    const sourceA = this.source[a]!;
    const sourceB = this.source[b]!;
    return sourceA !== sourceB ? sourceA < sourceB : a < b;
  }

  private grow(rows: number): void {
    if (rows <= this.source.length) return;
    const widen = <T extends Int32Array | Float64Array | Uint8Array>(array: T): T => {
      const wider = new (array.constructor as new (length: number) => T)(rows);
      wider.set(array);
      return wider;
    };
    this.source = widen(this.source);
    this.due = widen(this.due);
    this.deadline = widen(this.deadline);
    this.release = widen(this.release);
    this.occurrence = widen(this.occurrence);
    this.primary = widen(this.primary);
    this.priority = widen(this.priority);
    this.state = widen(this.state);
  }
}

/**
 * A binary min-heap of rows of one `JobTable`, in `comesBefore` order. A row planned while still in
 * the heap (it joined another cycle's call to the same contact) is dropped when it reaches the top,
 * which costs less than finding it inside the heap.
 */
export class JobHeap {
  private rows = new Int32Array(64);
  private count = 0;

  constructor(private table: JobTable) {}

  /** Empties the heap for a run over `table`, keeping its array. */
  reset(table: JobTable): void {
    this.table = table;
    this.count = 0;
  }

  /** Whether no unplanned row is left. */
  isEmpty(): boolean {
    this.dropPlaced();
    return this.count === 0;
  }

  /** The first unplanned row, or −1 when empty. */
  peek(): number {
    this.dropPlaced();
    return this.count > 0 ? this.rows[0]! : -1;
  }

  push(row: number): void {
    if (this.count === this.rows.length) {
      const wider = new Int32Array(this.count * 2);
      wider.set(this.rows);
      this.rows = wider;
    }
    const { rows } = this;
    const { primary, priority, source } = this.table;
    // The new row's keys read once: it is compared with each parent on its way up.
    const rowPrimary = primary[row]!;
    const rowPriority = priority[row]!;
    const rowSource = source[row]!;
    let index = this.count++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const above = rows[parent]!;
      if (!before(rowPrimary, rowPriority, rowSource, row, primary[above]!, priority[above]!, source[above]!, above)) break;
      rows[index] = above;
      index = parent;
    }
    rows[index] = row;
  }

  /** Removes and returns the first unplanned row, or −1 when empty. */
  pop(): number {
    this.dropPlaced();
    return this.count > 0 ? this.removeTop() : -1;
  }

  /** The unplanned rows left, in no particular order. */
  remaining(): number[] {
    const state = this.table.state;
    return Array.from(this.rows.subarray(0, this.count)).filter((row) => state[row] !== PLACED);
  }

  private dropPlaced(): void {
    const state = this.table.state;
    while (this.count > 0 && state[this.rows[0]!] === PLACED) this.removeTop();
  }

  /**
   * Takes the top off: the hole it leaves goes down to a leaf along the children that come first
   * (one comparison a level), and the last row goes into it and up as far as it belongs (rarely
   * far: it came from the bottom). Fewer comparisons than sifting the last row down from the top,
   * and the same rows come out in the same order: `comesBefore` is a strict total order, so any
   * heap gives the first row first.
   */
  private removeTop(): number {
    const { rows } = this;
    const { primary, priority, source } = this.table;
    const top = rows[0]!;
    const size = --this.count;
    if (size === 0) return top;
    const last = rows[size]!;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (right < size) {
        const a = rows[right]!;
        const b = rows[left]!;
        if (before(primary[a]!, priority[a]!, source[a]!, a, primary[b]!, priority[b]!, source[b]!, b)) child = right;
      }
      rows[index] = rows[child]!;
      index = child;
    }
    const lastPrimary = primary[last]!;
    const lastPriority = priority[last]!;
    const lastSource = source[last]!;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const above = rows[parent]!;
      if (!before(lastPrimary, lastPriority, lastSource, last, primary[above]!, priority[above]!, source[above]!, above)) break;
      rows[index] = above;
      index = parent;
    }
    rows[index] = last;
    return top;
  }
}

/** `JobTable.comesBefore` on keys already read: late work first, then deadline, priority (higher first), item, row. */
function before(
  primaryA: number,
  priorityA: number,
  sourceA: number,
  a: number,
  primaryB: number,
  priorityB: number,
  sourceB: number,
  b: number,
): boolean {
  if (primaryA !== primaryB) return primaryA < primaryB;
  if (priorityA !== priorityB) return priorityA > priorityB;
  return sourceA !== sourceB ? sourceA < sourceB : a < b;
}
