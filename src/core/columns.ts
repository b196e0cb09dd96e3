/**
 * `evaluateColumns`: `evaluate` for bulk callers. The same rows in the same order, the same
 * errors, but as typed arrays (status codes, due epoch days, days overdue, contact and cycle
 * indexes, last-touch instants, escalation indexes) instead of a million item and reason objects.
 * An item, its reason or its sentence is built on demand for the rows a caller asks about, by the
 * same code that builds `evaluate`'s items, so `result.item(row)` is exactly `evaluate`'s item.
 */
import type { ContactBalance } from './balance.js';
import type { CompiledCycle } from './compiled.js';
import { buildItem, computeCycle, CycleContext } from './cycle.js';
import { formatDate } from '../time/dates.js';
import { bookBalance, type EvaluateOptions, noTierError } from './evaluate.js';
import { explain } from './explain.js';
import { argumentError, type Book, checkArguments, openSession, readBook, type Session, snoozeEntries } from './intake.js';
import { fastColumns } from './column-fast.js';
import { IdTable } from './ids.js';
import { checkColumns, type ContactColumns, isContactColumns, readColumnBook, type TouchColumns } from './column-input.js';
import { isPlainObject, recordError } from './records.js';
import type { TierAssignment } from './tiers.js';
import type { Contact, DueItem, Reason, RecordError, Status, Touch } from './types.js';
import { InputError } from '../errors/errors.js';
import { IntakeScratch, type ScratchMemory } from './scratch.js';
import { columnAt, constantColumn, type IntColumn, isImplied, materialize, reused, sliced } from './column-values.js';

/**
 * The status codes of `EvaluateColumns.status`: the code is the position in this list.
 *
 * @example
 * const overdue = STATUS_CODES.indexOf('overdue'); // 3
 * const count = result.status.filter((code) => code === overdue).length;
 */
export const STATUS_CODES = ['upcoming', 'soon', 'due', 'overdue', 'paused', 'excluded', 'ended'] as const satisfies readonly Status[];

/** `dueDay` of a row with no due date (excluded or ended): the smallest 32-bit integer. */
export const NO_DUE_DAY = -2_147_483_648;

/** The code of a status: compares interned strings, cheaper per row than a keyed lookup. */
function statusCode(status: Status): number {
  if (status === 'upcoming') return 0;
  if (status === 'soon') return 1;
  if (status === 'due') return 2;
  if (status === 'overdue') return 3;
  if (status === 'paused') return 4;
  return status === 'excluded' ? 5 : 6;
}

/** One cycle of the policy as the `cycle` column numbers it. */
export interface ColumnCycle {
  readonly tierId: string;
  readonly cycleId: string;
}

/**
 * `evaluate`'s result as columns: row `r` is `evaluate`'s `items[r]`. Days are epoch days (whole
 * days since 1970-01-01: `new Date(day * 86_400_000)` is its UTC midnight; `dueOn(row)` the text).
 *
 * @example
 * const result = evaluateColumns({ policy, contacts, touches, now });
 * for (let row = 0; row < result.size; row++)
 *   if (result.status[row] === STATUS_CODES.indexOf('overdue') && result.daysOverdue[row] > 30) console.log(result.explain(row));
 */
export interface EvaluateColumns {
  /** Number of rows (items). */
  readonly size: number;
  /** Index into `STATUS_CODES`. */
  readonly status: Uint8Array;
  /** Due date as an epoch day; `NO_DUE_DAY` for excluded and ended rows. */
  readonly dueDay: Int32Array;
  /** `today − due` in calendar days when overdue, else 0. */
  readonly daysOverdue: Int32Array;
  /** Position of the row's contact in the input `contacts` (in a stream: in the whole stream). */
  readonly contact: Int32Array;
  /** Index into `cycles`: the row's tier and cycle. */
  readonly cycle: Int32Array;
  /** The last qualifying touch, epoch ms; NaN when there is none. */
  readonly lastTouchMs: Float64Array;
  /** Index into `escalations`; −1 when none. */
  readonly escalation: Int16Array;
  /** The pause that holds the due date (`reason.pausedUntil`) as an epoch day; `NO_DUE_DAY` when none. */
  readonly pausedDay: Int32Array;
  /** Every cycle of the policy, tier by tier. */
  readonly cycles: readonly ColumnCycle[];
  /** Escalation targets met so far, in order of first appearance. */
  readonly escalations: readonly string[];
  readonly errors: RecordError[];
  /** Relationship balance per evaluated contact, when the policy has a `balance` section. */
  readonly balance?: ContactBalance[];
  /** The row's contact id (as text). */
  contactId(row: number): string;
  /** The row's owner id, or null. */
  ownerId(row: number): string | null;
  tierId(row: number): string;
  cycleId(row: number): string;
  /** The zone the row's dates are in. */
  timeZone(row: number): string;
  /** The contact's own calendar name, or null. */
  contactCalendar(row: number): string | null;
  /** `dueOn` as `YYYY-MM-DD`, or null for excluded and ended rows. */
  dueOn(row: number): string | null;
  /** The row as `evaluate` gives it, reason included: built now, equal to `evaluate`'s item. */
  item(row: number): DueItem;
  /** The row's reason, built now. */
  reason(row: number): Reason;
  /** The row's reason as one sentence (`explain(item(row))`). */
  explain(row: number): string;
}

/**
 * The memory a result's rows are written into. `status`, `dueDay`, `daysOverdue` and
 * `lastTouchMs` are typed arrays from the start; `escalation` and `pausedDay` start as constants
 * (no escalation, no pause) and become arrays at the first row that differs (`escalationRows`,
 * `pausedRows`); the integer path also leaves `contact`, `stateIndex` and `cycle` as rules on the
 * row number while they follow one (see column-values.ts).
 */
export class ColumnBuffers {
  size = 0;
  status: Uint8Array;
  dueDay: Int32Array;
  daysOverdue: Int32Array;
  lastTouchMs: Float64Array;
  contact: IntColumn;
  stateIndex: IntColumn;
  cycle: IntColumn;
  escalation: IntColumn<Int16Array>;
  pausedDay: IntColumn;
  /** The memory of the intake's arrays of the run before, when it was still in memory (see scratch.ts). */
  intake: ScratchMemory | undefined;

  /**
   * `stateIndexIsContact`: the two columns hold the same numbers, so they share one array.
   * `reuse`: the memory of an earlier result, written over where it is large enough (memory
   * touched for the first time costs more than the rows written into it). `impliedRows`: the
   * contact and cycle columns are left to the caller to set (the integer path's rules).
   */
  constructor(
    readonly capacity: number,
    stateIndexIsContact = false,
    private readonly reuse?: ColumnBuffers,
    impliedRows = false,
  ) {
    this.status = reused(reuse?.status, Uint8Array, capacity);
    this.dueDay = reused(reuse?.dueDay, Int32Array, capacity);
    this.daysOverdue = reused(reuse?.daysOverdue, Int32Array, capacity);
    this.lastTouchMs = reused(reuse?.lastTouchMs, Float64Array, capacity);
    this.escalation = constantColumn(-1, capacity);
    this.pausedDay = constantColumn(NO_DUE_DAY, capacity);
    this.intake = reuse?.intake;
    if (impliedRows) {
      this.contact = this.stateIndex = this.cycle = constantColumn(0, capacity);
      return;
    }
    this.contact = reused(arrayOf(reuse?.contact), Int32Array, capacity);
    // Two columns that shared one array before (two views of one buffer) must not share now.
    const previousState = arrayOf(reuse?.stateIndex);
    const sharedBefore = previousState !== undefined && previousState.buffer === arrayOf(reuse?.contact)?.buffer;
    this.stateIndex = stateIndexIsContact ? this.contact : reused(sharedBefore ? undefined : previousState, Int32Array, capacity);
    this.cycle = reused(arrayOf(reuse?.cycle), Int32Array, capacity);
  }

  /** The escalation column as an array to write rows into: built (every row −1) at the first row that escalates. */
  escalationRows(): Int16Array {
    if (isImplied(this.escalation)) this.escalation = materialize(this.escalation, Int16Array, this.capacity, this.reuse?.escalation);
    return this.escalation;
  }

  /** The pause column as an array to write rows into: built (every row `NO_DUE_DAY`) at the first paused row. */
  pausedRows(): Int32Array {
    if (isImplied(this.pausedDay)) this.pausedDay = materialize(this.pausedDay, Int32Array, this.capacity, this.reuse?.pausedDay);
    return this.pausedDay;
  }

  /** The cycle column as an array to write rows into: its rule so far written out. */
  cycleRows(): Int32Array {
    if (isImplied(this.cycle)) this.cycle = materialize(this.cycle, Int32Array, this.capacity, this.reuse?.cycle);
    return this.cycle;
  }
}

const arrayOf = <T extends Int32Array | Int16Array>(column: IntColumn<T> | undefined): T | undefined =>
  column === undefined || isImplied(column) ? undefined : column;

/** `evaluateColumns`' options: `evaluate`'s, with contacts and touches as objects or as columns. */
export interface EvaluateColumnsOptions extends Omit<EvaluateOptions, 'contacts' | 'touches'> {
  /** Contact objects, or contact columns (then `touches` are columns too). */
  contacts: readonly Contact[] | ContactColumns;
  touches: readonly Touch[] | TouchColumns;
  /**
   * An earlier result of `evaluateColumns` whose memory this one may write over: its columns are
   * overwritten, and it answers nothing more (its methods throw). For a caller evaluating day
   * after day, or chunk after chunk, who is done with the result before.
   */
  reuse?: EvaluateColumns;
  /**
   * A table for the contact ids, kept by the caller from one evaluation to the next: for a book
   * given as columns with text ids, the ids are hashed into it again each run, over its memory
   * rather than a new table's. The result does not keep it. Ignored for objects and integer ids.
   */
  idTable?: ContactIdTable;
}

/**
 * The id table `evaluateColumns` indexes text ids in, for a caller who evaluates book after book
 * (day after day, chunk after chunk) and would rather not allocate a table of a million ids each
 * time. Holds nothing between runs but memory: each run empties it first. One evaluation at a
 * time per table.
 *
 * @example
 * const ids = new ContactIdTable();
 * for (const now of days) {
 *   const result = evaluateColumns({ policy, contacts, touches, now, idTable: ids });
 *   report(result);
 * }
 */
export class ContactIdTable {
  /** Not read: a table holds its memory in `idTables`, out of the public shape. */
  readonly kind = 'contact-id-table';
}

/** The memory of each caller's id table. */
const idTables = new WeakMap<ContactIdTable, IdTable>();

/** The caller's table emptied for a book of `size` ids. */
function takeIdTable(holder: ContactIdTable, size: number): IdTable {
  const table = idTables.get(holder);
  if (table === undefined) {
    const created = new IdTable(size);
    idTables.set(holder, created);
    return created;
  }
  table.reset(size);
  return table;
}

/** The buffers of an earlier result handed back by the caller; that result is retired. */
export function previousBuffers(previous: EvaluateColumns | undefined): ColumnBuffers | undefined {
  if (previous === undefined) return undefined;
  if (!(previous instanceof ColumnResult))
    throw argumentError(['reuse'], 'reuse, when given, must be an earlier result of evaluateColumns');
  return previous.retire();
}

/**
 * Evaluates a book into columns: the rows of `evaluate`'s `items`, in the same order, with the
 * same `errors` (and `balance`). Use it when the caller reads a few fields of many rows (counts,
 * filters, exports, `plan`); build objects for the rows it shows with `item`, `reason` or `explain`.
 *
 * A separate function rather than an `output` option of `evaluate`: each has one precise return
 * type, and a bundle that uses one does not carry the other.
 *
 * @example
 * const result = evaluateColumns({ policy, contacts, touches, now: '2026-11-23T08:00:00Z' });
 * result.size;                       // as many rows as evaluate(…).items.length
 * STATUS_CODES[result.status[0]];    // 'overdue'
 * result.dueOn(0);                  // '2026-11-16' (result.dueDay[0] is its epoch day)
 * result.item(0);                    // deep-equal to evaluate(…).items[0]
 */
export function evaluateColumns(options: EvaluateColumnsOptions): EvaluateColumns {
  const columnar = isPlainObject(options) && isContactColumns(options.contacts);
  const nowMs = checkArguments(options, columnar ? [] : ['contacts', 'touches']);
  let reuse = previousBuffers(options.reuse);
  const scratch = new IntakeScratch(reuse?.intake);
  if (columnar) checkColumns(options.contacts as ContactColumns, options.touches as TouchColumns);
  const errors: RecordError[] = [];
  const session = openSession(options.policy, options.owners, nowMs, errors);
  const snoozes = snoozeEntries(options.snoozes ?? []);
  // The book is read again, from the caller's input, when a row's item, reason or ids are asked
  // for: the result keeps its columns, not the intake (ids, grouped touches, parsed instants).
  const read = (into: RecordError[], memory?: IntakeScratch): Book =>
    columnar
      ? readColumnBook(session, options.contacts as ContactColumns, options.touches as TouchColumns, snoozes, into, undefined, memory)
      : readBook(session, options.contacts as readonly Contact[], options.touches as readonly Touch[], snoozes, 0, 0, into, memory);
  // The caller's id table serves this run only: a row asked for later reads the book again with
  // a table of its own, since the next run empties the caller's.
  const idTable = callerIdTable(options.idTable, columnar ? (options.contacts as ContactColumns) : undefined);
  if (columnar) {
    // The integer path first: it answers the books it can exactly as below, or gives up.
    const buffers: { current: ColumnBuffers | undefined } = { current: reuse };
    const contacts = options.contacts as ContactColumns;
    const fast = fastColumns(session, contacts, options.touches as TouchColumns, snoozes.length, reuse, idTable?.(), buffers);
    if (fast !== undefined)
      return new ColumnResult(
        fast.arrays,
        fast.escalations,
        errors,
        undefined,
        session.compiled.cycles,
        rereading(session, undefined, () => read([])),
      );
    reuse = buffers.current;
  }
  const book =
    idTable !== undefined
      ? readColumnBook(session, options.contacts as ContactColumns, options.touches as TouchColumns, snoozes, errors, idTable(), scratch)
      : read(errors, scratch);
  const { arrays, escalations } = computeColumns(session, book, errors, true, reuse);
  const balance = bookBalance(session, book);
  return new ColumnResult(
    arrays,
    escalations,
    errors,
    balance,
    session.compiled.cycles,
    rereading(session, idTable === undefined ? book : undefined, () => read([])),
    scratch,
  );
}

/** For text ids and a caller's `idTable`: a function that empties and hands over its table; else undefined. */
function callerIdTable(holder: unknown, contacts: ContactColumns | undefined): (() => IdTable) | undefined {
  if (holder === undefined) return undefined;
  if (!(holder instanceof ContactIdTable)) throw argumentError(['idTable'], 'idTable, when given, must be a ContactIdTable');
  if (contacts === undefined || !Array.isArray(contacts.id)) return undefined;
  const size = contacts.id.length;
  return () => takeIdTable(holder, size);
}

/**
 * A locator that holds the book only weakly: while it lives (the call that made it, a caller
 * reading rows now) rows are built from it; once collected, or when none was read (the integer
 * path reads none), the first row asked for reads the input again (deterministic: the same
 * book) and holds that one weakly in turn.
 */
function rereading(session: Session, book: Book | undefined, read: () => Book): RowLocator {
  let held = book === undefined ? undefined : new WeakRef(new CycleContext(book, session.compiled.calendars));
  return () => {
    let context = held?.deref();
    if (context === undefined) {
      context = new CycleContext(read(), session.compiled.calendars);
      held = new WeakRef(context);
    }
    return context;
  };
}

/** The columns of one book read against a session; `errors` already holds the intake's. */
export function columnsOfBook(session: Session, book: Book, errors: RecordError[], reuse?: ColumnBuffers): EvaluateColumns {
  const { arrays, escalations, context } = computeColumns(session, book, errors, true, reuse);
  return new ColumnResult(arrays, escalations, errors, bookBalance(session, book), session.compiled.cycles, () => context, book.scratch);
}

/**
 * The typed arrays of one book, its escalation names, and the context its rows were computed in.
 * `shareArrays`: when every contact is at its own input position (none refused, not a later chunk
 * of a stream), the `stateIndex` and `contact` columns are one array, 4 bytes a row fewer outside
 * the JavaScript heap (see ContactBook); not for results whose buffers are transferred one by one.
 */
export function computeColumns(
  session: Session,
  book: Book,
  errors: RecordError[],
  shareArrays = false,
  reuse?: ColumnBuffers,
): { arrays: ColumnArrays; escalations: string[]; context: CycleContext } {
  const { states, tiers } = book;
  const { compiled } = session;
  let capacity = 0;
  for (let index = 0; index < states.size; index++) {
    const assignment = tiers[index];
    if (assignment !== undefined) capacity += compiled.tiers.get(assignment.tierId)!.cycles.length;
  }
  const columns = new ColumnBuffers(
    capacity,
    shareArrays && states.inputInOrder && (states.size === 0 || states.inputIndex(0) === 0),
    reuse,
  );
  const escalations: string[] = [];
  const escalationIndex = new Map<string, number>();
  const context = new CycleContext(book, compiled.calendars);
  let row = 0;
  // Most contacts share their tier with the one before: its cycles are looked up once per run of them.
  let lastAssignment: TierAssignment | undefined;
  let cycles: readonly CompiledCycle[] = [];
  const {
    status,
    dueDay,
    daysOverdue,
    contact,
    stateIndex,
    cycle: cycleColumn,
    lastTouchMs,
  } = columns as ColumnBuffers & { contact: Int32Array; stateIndex: Int32Array; cycle: Int32Array };
  for (let index = 0; index < states.size; index++) {
    const assignment = tiers[index];
    if (assignment === undefined) {
      errors.push(noTierError(book, index));
      continue;
    }
    if (assignment !== lastAssignment) {
      cycles = compiled.tiers.get(assignment.tierId)!.cycles;
      lastAssignment = assignment;
    }
    const inputIndex = states.inputIndex(index);
    for (let at = 0; at < cycles.length; at++) {
      const cycle = cycles[at]!;
      const outcome = computeCycle(context, index, cycle);
      if (outcome.problem !== undefined) {
        errors.push(recordError('contact', inputIndex, outcome.problem, { contactId: states.id(index) }));
        continue;
      }
      status[row] = statusCode(outcome.status);
      dueDay[row] = Number.isNaN(outcome.due) ? NO_DUE_DAY : outcome.due;
      daysOverdue[row] = outcome.daysOverdue;
      contact[row] = inputIndex;
      stateIndex[row] = index;
      cycleColumn[row] = cycle.number;
      lastTouchMs[row] = outcome.lastMs;
      if (!Number.isNaN(outcome.pausedUntil)) columns.pausedRows()[row] = outcome.pausedUntil;
      if (outcome.escalation !== null) {
        let escalation = escalationIndex.get(outcome.escalation) ?? -1;
        if (escalation === -1) {
          escalation = escalations.length;
          escalations.push(outcome.escalation);
          escalationIndex.set(outcome.escalation, escalation);
        }
        columns.escalationRows()[row] = escalation;
      }
      row++;
    }
  }
  columns.size = row;
  return { arrays: filled(columns), escalations, context };
}

/** The typed arrays of a columnar result, filled to `size`. */
export interface ColumnArrays {
  readonly size: number;
  readonly status: Uint8Array;
  readonly dueDay: Int32Array;
  readonly daysOverdue: Int32Array;
  readonly contact: IntColumn;
  /** Per row the contact's number in its book (not public: the position in `contact` is). */
  readonly stateIndex: IntColumn;
  readonly cycle: IntColumn;
  readonly lastTouchMs: Float64Array;
  readonly escalation: IntColumn<Int16Array>;
  readonly pausedDay: IntColumn;
}

/**
 * The row columns of a result as it holds them, for the library's readers (with `columnAt`):
 * a column that is a rule stays one. A result not made here has its arrays read as they are.
 */
export function heldRows(result: EvaluateColumns): Pick<ColumnArrays, 'contact' | 'cycle' | 'escalation' | 'pausedDay'> {
  return result instanceof ColumnResult ? result.rows : result;
}

/** The book (and the context to compute in) a row's contact belongs to. */
export type RowLocator = (row: number) => CycleContext;

/** The columns of `arrays` filled to `size`, as views. */
export function filled(arrays: ColumnBuffers): ColumnArrays {
  const { size } = arrays;
  return {
    size,
    status: arrays.status.subarray(0, size),
    dueDay: arrays.dueDay.subarray(0, size),
    daysOverdue: arrays.daysOverdue.subarray(0, size),
    contact: sliced(arrays.contact, size),
    stateIndex: sliced(arrays.stateIndex, size),
    cycle: sliced(arrays.cycle, size),
    lastTouchMs: arrays.lastTouchMs.subarray(0, size),
    escalation: sliced(arrays.escalation, size),
    pausedDay: sliced(arrays.pausedDay, size),
  };
}

/**
 * A columnar result over typed arrays; `locate` finds the book of a row's contact when an item,
 * a reason or an id is asked for (one book here; one per worker slice for a parallel result).
 *
 * `contact`, `cycle`, `escalation` and `pausedDay` are read through getters: a column that
 * follows a rule on the row number (see column-values.ts) is written out as a typed array the
 * first time a caller reads it, and kept. The library's own readers go through `rows`.
 */
export class ColumnResult implements EvaluateColumns {
  readonly size: number;
  readonly status: Uint8Array;
  readonly dueDay: Int32Array;
  readonly daysOverdue: Int32Array;
  readonly lastTouchMs: Float64Array;
  readonly cycles: readonly ColumnCycle[];
  readonly balance?: ContactBalance[];
  /** The columns as they are held: arrays, or rules not written out. */
  #rows: ColumnArrays;
  readonly #intake: WeakRef<IntakeScratch> | undefined;

  constructor(
    columns: ColumnArrays,
    readonly escalations: readonly string[],
    readonly errors: RecordError[],
    balance: ContactBalance[] | undefined,
    private readonly compiledCycles: readonly CompiledCycle[],
    private readonly locate: RowLocator,
    intake?: IntakeScratch,
  ) {
    // Weakly: the result keeps nothing of the intake alive; `retire` hands its memory on if it is still there.
    this.#intake = intake === undefined ? undefined : new WeakRef(intake);
    this.size = columns.size;
    this.status = columns.status;
    this.dueDay = columns.dueDay;
    this.daysOverdue = columns.daysOverdue;
    this.lastTouchMs = columns.lastTouchMs;
    this.#rows = columns;
    this.cycles = compiledCycles.map((cycle) => Object.freeze({ tierId: cycle.tierId, cycleId: cycle.cycle.id }));
    if (balance !== undefined) this.balance = balance;
  }

  /** The columns as held, for the library's readers (`columnAt`): reading them writes nothing out. */
  get rows(): ColumnArrays {
    return this.#rows;
  }

  get contact(): Int32Array {
    const column = this.#rows.contact;
    if (!isImplied(column)) return column;
    const array = materialize(column, Int32Array, this.size);
    // The contact and state columns of one book are one rule: written out once, shared.
    this.#rows = { ...this.#rows, contact: array, ...(this.#rows.stateIndex === column ? { stateIndex: array } : {}) };
    return array;
  }

  get cycle(): Int32Array {
    const column = this.#rows.cycle;
    if (!isImplied(column)) return column;
    const array = materialize(column, Int32Array, this.size);
    this.#rows = { ...this.#rows, cycle: array };
    return array;
  }

  get escalation(): Int16Array {
    const column = this.#rows.escalation;
    if (!isImplied(column)) return column;
    const array = materialize(column, Int16Array, this.size);
    this.#rows = { ...this.#rows, escalation: array };
    return array;
  }

  get pausedDay(): Int32Array {
    const column = this.#rows.pausedDay;
    if (!isImplied(column)) return column;
    const array = materialize(column, Int32Array, this.size);
    this.#rows = { ...this.#rows, pausedDay: array };
    return array;
  }

  private retired = false;

  /**
   * Hands this result's memory over to a new evaluation: from now on its rows are another
   * result's, so its methods throw rather than answer from them.
   */
  retire(): ColumnBuffers {
    if (this.retired) throw argumentError(['reuse'], 'this result was already handed back to an evaluation (reuse)');
    this.retired = true;
    const rows = this.#rows;
    const buffers = new ColumnBuffers(0);
    buffers.status = rows.status;
    buffers.dueDay = rows.dueDay;
    buffers.daysOverdue = rows.daysOverdue;
    buffers.contact = rows.contact;
    buffers.stateIndex = rows.stateIndex;
    buffers.cycle = rows.cycle;
    buffers.lastTouchMs = rows.lastTouchMs;
    buffers.escalation = rows.escalation;
    buffers.pausedDay = rows.pausedDay;
    buffers.intake = this.#intake?.deref()?.memory;
    return buffers;
  }

  private checkRow(row: number): number {
    if (this.retired) throw argumentError(['reuse'], 'this result was handed back to a later evaluation (reuse): its rows are gone');
    if (!Number.isSafeInteger(row) || row < 0 || row >= this.size) {
      const message = `row must be a whole number from 0 to ${this.size - 1}`;
      throw new InputError(message, [{ code: 'invalid-argument', path: ['row'], message }]);
    }
    return columnAt(this.#rows.stateIndex, row);
  }

  private states(row: number) {
    return this.locate(row).book.states;
  }

  contactId(row: number): string {
    return this.states(row).contact(this.checkRow(row)).id;
  }

  ownerId(row: number): string | null {
    return this.states(row).contact(this.checkRow(row)).ownerId ?? null;
  }

  tierId(row: number): string {
    this.checkRow(row);
    return this.compiledCycles[columnAt(this.#rows.cycle, row)]!.tierId;
  }

  cycleId(row: number): string {
    this.checkRow(row);
    return this.compiledCycles[columnAt(this.#rows.cycle, row)]!.cycle.id;
  }

  timeZone(row: number): string {
    return this.states(row).zone(this.checkRow(row)).name;
  }

  contactCalendar(row: number): string | null {
    return this.states(row).contact(this.checkRow(row)).calendar ?? null;
  }

  dueOn(row: number): string | null {
    this.checkRow(row);
    const day = this.dueDay[row]!;
    return day === NO_DUE_DAY ? null : formatDate(day);
  }

  item(row: number): DueItem {
    const stateIndex = this.checkRow(row);
    const context = this.locate(row);
    const cycle = this.compiledCycles[columnAt(this.#rows.cycle, row)]!;
    // The row was computed once without its reason; computing it again is deterministic and
    // gives the numbers the reason is built from.
    computeCycle(context, stateIndex, cycle);
    return buildItem(context, stateIndex, context.book.tiers[stateIndex]!, cycle);
  }

  reason(row: number): Reason {
    return this.item(row).reason;
  }

  explain(row: number): string {
    return explain(this.item(row));
  }
}
