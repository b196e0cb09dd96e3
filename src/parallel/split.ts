/**
 * How `evaluateParallel` cuts a book into slices and puts their results back together in
 * `evaluate`'s order. No threads here: the tests run the slices in one thread many times over.
 */
import { ColumnResult, type EvaluateColumns } from '../core/columns.js';
import { concatColumns } from '../core/column-values.js';
import { compilePolicy } from '../core/compiled.js';
import { CycleContext } from '../core/cycle.js';
import type { EvaluateOptions } from '../core/evaluate.js';
import type { SnoozeEntry } from '../core/intake.js';
import { idText, isId, isPlainObject } from '../core/records.js';
import type { EvaluateResult, RecordError } from '../core/types.js';
import type { Policy } from '../schema/policy.js';
import { readSlice, type SliceResult, type SliceTask } from './slice.js';

interface Slice {
  readonly from: number;
  readonly to: number;
  readonly touchIndexes: number[];
  readonly snoozes: SnoozeEntry[];
}

/**
 * Cuts the contacts into contiguous slices and sends each touch and snooze to the slice of the
 * contact it names (an id no contact has: the first slice, which reports it). Undefined when a
 * contact id repeats: which of the two counts is decided by the whole book.
 */
export function sliceBook(options: EvaluateOptions, count: number): Slice[] | undefined {
  const { contacts } = options;
  const size = Math.ceil(contacts.length / count);
  const sliceOf = new Map<string, number>();
  const slices: Slice[] = [];
  for (let number = 0; number < count; number++) {
    const from = number * size;
    const to = Math.min(contacts.length, from + size);
    slices.push({ from, to, touchIndexes: [], snoozes: [] });
    for (let index = from; index < to; index++) {
      const contact = contacts[index];
      const id = isPlainObject(contact) && isId(contact.id) ? idText(contact.id) : undefined;
      if (id === undefined) continue;
      if (sliceOf.has(id)) return undefined;
      sliceOf.set(id, number);
    }
  }
  const target = (value: unknown): number => {
    const id = isPlainObject(value) && isId(value.contactId) ? idText(value.contactId) : undefined;
    return (id !== undefined ? sliceOf.get(id) : undefined) ?? 0;
  };
  const { touches } = options;
  for (let index = 0; index < touches.length; index++) slices[target(touches[index])]!.touchIndexes.push(index);
  // forEach, as evaluate reads snoozes: a hole in the array is skipped.
  (options.snoozes ?? []).forEach((snooze, index) => {
    slices[target(snooze)]!.snoozes.push({ index, snooze });
  });
  return slices;
}

/** The tasks of the slices, ready to post to workers; undefined when the book cannot be split. */
export function sliceTasks(
  options: EvaluateOptions,
  policy: Policy,
  nowMs: number,
  output: 'items' | 'columns',
  count: number,
): SliceTask[] | undefined {
  const slices = sliceBook(options, count);
  if (slices === undefined) return undefined;
  return slices.map(
    (slice): SliceTask => ({
      policy,
      owners: options.owners,
      nowMs,
      now: options.now,
      contacts: options.contacts.slice(slice.from, slice.to),
      contactBase: slice.from,
      touches: slice.touchIndexes.map((index) => options.touches[index]!),
      touchIndexes: Int32Array.from(slice.touchIndexes),
      snoozes: slice.snoozes,
      output,
    }),
  );
}

/** The errors of the slices in `evaluate`'s order: owners, contacts, touches, snoozes, then cycles. */
function mergeErrors(results: readonly SliceResult[]): RecordError[] {
  const byIndex = (a: RecordError, b: RecordError) => a.index - b.index;
  return [
    // Every worker read the owners; their errors are told once.
    ...results[0]!.ownerErrors,
    ...results.flatMap((result) => result.contactErrors),
    ...results.flatMap((result) => result.touchErrors).sort(byIndex),
    ...results.flatMap((result) => result.snoozeErrors).sort(byIndex),
    ...results.flatMap((result) => result.cycleErrors),
  ];
}

export function mergeItems(results: readonly SliceResult[]): EvaluateResult {
  const items = results.flatMap((result) => result.items ?? []);
  const errors = mergeErrors(results);
  if (results[0]!.balance === undefined) return { items, errors };
  return { items, errors, balance: results.flatMap((result) => result.balance ?? []) };
}

export function mergeColumns(tasks: readonly SliceTask[], results: readonly SliceResult[], policy: Policy): EvaluateColumns {
  const size = results.reduce((sum, result) => sum + result.columns!.size, 0);
  const parts = results.map((result) => result.columns!);
  const status = new Uint8Array(size);
  const dueDay = new Int32Array(size);
  const daysOverdue = new Int32Array(size);
  const lastTouchMs = new Float64Array(size);
  const escalations: string[] = [];
  const starts: number[] = [];
  // Escalation names are numbered by first appearance, as in one pass over all the rows.
  const renumbers: number[][] = [];
  let offset = 0;
  for (const [at, part] of parts.entries()) {
    starts.push(offset);
    status.set(part.status, offset);
    dueDay.set(part.dueDay, offset);
    daysOverdue.set(part.daysOverdue, offset);
    lastTouchMs.set(part.lastTouchMs, offset);
    renumbers.push(
      (results[at]!.escalations ?? []).map((name) => {
        let index = escalations.indexOf(name);
        if (index === -1) index = escalations.push(name) - 1;
        return index;
      }),
    );
    offset += part.size;
  }
  const arrays = {
    size,
    status,
    dueDay,
    daysOverdue,
    lastTouchMs,
    contact: concatColumns(
      parts.map((part) => part.contact),
      Int32Array,
    ),
    stateIndex: concatColumns(
      parts.map((part) => part.stateIndex),
      Int32Array,
    ),
    cycle: concatColumns(
      parts.map((part) => part.cycle),
      Int32Array,
    ),
    escalation: concatColumns(
      parts.map((part) => part.escalation),
      Int16Array,
      (escalation, part) => (escalation === -1 ? -1 : renumbers[part]![escalation]!),
    ),
    pausedDay: concatColumns(
      parts.map((part) => part.pausedDay),
      Int32Array,
    ),
  };
  const balance = results[0]!.balance === undefined ? undefined : results.flatMap((result) => result.balance ?? []);
  // A row's book is read again in this thread the first time one of its slice's rows is asked about.
  const contexts: (CycleContext | undefined)[] = new Array(tasks.length);
  const locate = (row: number): CycleContext => {
    let slice = starts.length - 1;
    while (slice > 0 && starts[slice]! > row) slice--;
    let context = contexts[slice];
    if (context === undefined) {
      const { session, book } = readSlice(tasks[slice]!, []);
      context = new CycleContext(book, session.compiled.calendars);
      contexts[slice] = context;
    }
    return context;
  };
  return new ColumnResult(arrays, escalations, mergeErrors(results), balance, compilePolicy(policy).cycles, locate);
}
