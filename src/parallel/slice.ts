/**
 * One slice of a book evaluated on its own, as a worker does it: what goes in (structured-clone
 * friendly) and what comes out (typed arrays that transfer without a copy, errors by phase).
 * Shared by the worker and by the main thread when it runs a slice itself.
 */
import type { ColumnArrays } from '../core/columns.js';
import { computeColumns } from '../core/columns.js';
import { bookBalance, evaluateBookItems } from '../core/evaluate.js';
import { type Book, openSession, readBook, type Session, type SnoozeEntry } from '../core/intake.js';
import type { ContactBalance } from '../core/balance.js';
import type { Contact, DueItem, InstantInput, Owner, RecordError, Touch } from '../core/types.js';
import type { Policy } from '../schema/policy.js';

/** What a worker is sent for one slice. */
export interface SliceTask {
  readonly policy: Policy;
  readonly owners: readonly Owner[] | undefined;
  readonly nowMs: number;
  readonly now: InstantInput;
  readonly contacts: readonly Contact[];
  readonly contactBase: number;
  readonly touches: readonly Touch[];
  /** Each touch's position in the caller's array. */
  readonly touchIndexes: Int32Array;
  readonly snoozes: readonly SnoozeEntry[];
  readonly output: 'items' | 'columns';
}

/** What a worker sends back for one slice. */
export interface SliceResult {
  readonly ownerErrors: RecordError[];
  readonly contactErrors: RecordError[];
  readonly touchErrors: RecordError[];
  readonly snoozeErrors: RecordError[];
  /** Errors of accepted contacts (no tier, a cycle that fails), in contact order. */
  readonly cycleErrors: RecordError[];
  readonly items?: DueItem[];
  readonly columns?: ColumnArrays;
  readonly escalations?: string[];
  readonly balance?: ContactBalance[];
}

/** The book of a slice, read as the worker read it (the main thread reads it again to build reasons). */
export function readSlice(task: SliceTask, errors: RecordError[]): { session: Session; book: Book; ownerErrorCount: number } {
  const session = openSession(task.policy, task.owners, task.nowMs, errors);
  const ownerErrorCount = errors.length;
  const book = readBook(session, task.contacts, task.touches, task.snoozes, task.contactBase, task.touchIndexes, errors);
  return { session, book, ownerErrorCount };
}

/** Evaluates one slice. */
export function evaluateSlice(task: SliceTask): SliceResult {
  const errors: RecordError[] = [];
  const { session, book, ownerErrorCount } = readSlice(task, errors);
  const intakeEnd = errors.length;
  let items: DueItem[] | undefined;
  let columns: ColumnArrays | undefined;
  let escalations: string[] | undefined;
  if (task.output === 'items') items = evaluateBookItems(session, book, errors);
  else ({ arrays: columns, escalations } = computeColumns(session, book, errors));
  const intake = errors.slice(ownerErrorCount, intakeEnd);
  const result: SliceResult = {
    ownerErrors: errors.slice(0, ownerErrorCount),
    contactErrors: intake.filter((error) => error.record === 'contact'),
    touchErrors: intake.filter((error) => error.record === 'touch'),
    snoozeErrors: intake.filter((error) => error.record === 'snooze'),
    cycleErrors: errors.slice(intakeEnd),
  };
  const balance = bookBalance(session, book);
  return {
    ...result,
    ...(items !== undefined ? { items } : {}),
    ...(columns !== undefined ? { columns, escalations } : {}),
    ...(balance !== undefined ? { balance } : {}),
  };
}
