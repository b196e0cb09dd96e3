/**
 * What every Pipedrive collection's reading shares: a record as a row, the verdict on it (mapped,
 * skipped for a reason, or one problem), the ledger that counts each verdict per collection so
 * read = mapped + skipped + errors, and the problems every collection can have.
 */
import type { Contact } from '../../core/types.js';
import { ILL_FORMED_ID, illFormedIdMessage, wellFormed } from '../shared/ids.js';
import type { AdapterError, AdapterErrorCode, AdapterResult, AdapterWarning, SkippedRecord } from '../shared/types.js';
import { unreadable, unreadableMessage } from '../shared/values.js';
import { idOf } from './fields.js';

/**
 * The collections `fromPipedrive` reads.
 *
 * @example
 * for (const name of COLLECTIONS) console.log(name, result.counts[name]);
 */
export const COLLECTIONS = ['persons', 'users', 'activities', 'deals'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/**
 * One record as the API gives it.
 *
 * @example
 * const row: Row = { id: 1001, name: 'Ana Lima' };
 */
export type Row = Record<string, unknown>;

/**
 * A record's problem: the error entry is built from it with the record's place.
 *
 * @example
 * const problem: Problem = { code: 'missing-field', path: ['due_date'], message: 'done, but no due_date' };
 */
export interface Problem {
  code: AdapterErrorCode;
  path: (string | number)[];
  message: string;
}

/**
 * What became of one record.
 *
 * @example
 * const verdict: Verdict = skip('1001', 'deleted');
 */
export type Verdict =
  | { kind: 'mapped' }
  | { kind: 'skipped'; id: string; reason: string }
  | { kind: 'error'; id: string | undefined; problem: Problem };

/**
 * The verdict on a record that was mapped.
 *
 * @example
 * return MAPPED;
 */
export const MAPPED: Verdict = { kind: 'mapped' };

/**
 * The verdict on a record left out for a named reason.
 *
 * @example
 * return skip(id, 'open-activity');
 */
export function skip(id: string, reason: string): Verdict {
  return { kind: 'skipped', id, reason };
}

/**
 * The verdict on a record in error, named by its id when it has a usable one.
 *
 * @example
 * return fail(undefined, notAnObject('person'));
 */
export function fail(id: string | undefined, problem: Problem): Verdict {
  return { kind: 'error', id, problem };
}

/**
 * Counts and lists each record's fate, collection by collection.
 *
 * @example
 * const ledger = new Ledger();
 * ledger.each('persons', rows, (row) => (isRow(row) ? MAPPED : fail(undefined, notAnObject('person'))));
 */
export class Ledger {
  readonly errors: AdapterError[] = [];
  readonly skipped: SkippedRecord[] = [];
  readonly warnings: AdapterWarning[] = [];
  readonly counts: AdapterResult['counts'] = {};

  constructor() {
    for (const name of COLLECTIONS) this.counts[name] = { read: 0, mapped: 0, skipped: 0, errors: 0 };
  }

  /** Reads every record of a collection through `handle`, counting what became of each. */
  each(source: CollectionName, rows: readonly unknown[], handle: (row: unknown) => Verdict): void {
    const count = this.counts[source]!;
    for (let index = 0; index < rows.length; index++) {
      count.read += 1;
      // A record that refers to itself or nests past any API record's depth: an error, before anything reads it.
      const unsafe = unreadable(rows[index]);
      const verdict: Verdict =
        unsafe === undefined
          ? handle(rows[index])
          : fail(isRow(rows[index]) ? plainIdOf(rows[index] as Row) : undefined, {
              code: 'bad-value',
              path: unsafe.path.slice(0, 1),
              message: `${source}[${index}]: ${unreadableMessage(unsafe)}`,
            });
      if (verdict.kind === 'mapped') count.mapped += 1;
      else if (verdict.kind === 'skipped') {
        count.skipped += 1;
        this.skipped.push({ source, index, id: verdict.id, reason: verdict.reason });
      } else {
        count.errors += 1;
        const { code, path, message } = verdict.problem;
        const entry: AdapterError = { code, source, index, path, message };
        if (verdict.id !== undefined) entry.id = verdict.id;
        this.errors.push(entry);
      }
    }
  }
}

/** A record's own id when it is a plain number or text (never read out of a nested value). */
function plainIdOf(row: Row): string | undefined {
  const id = row.id;
  return typeof id === 'number' || typeof id === 'string' ? wellFormed(idOf(id)) : undefined;
}

/**
 * Whether a value is a record (an object, not a list).
 *
 * @example
 * isRow({ id: 1 }) // true
 */
export function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a record says it was deleted. v1 persons, users and activities say `active_flag: false`
 * once deleted, v2 `is_deleted: true`; v1 deals say `deleted: true` (their `active` is false for
 * every won or lost deal, so it is not read).
 *
 * @example
 * isDeleted({ id: 1, is_deleted: true }) // true
 */
export function isDeleted(row: Row): boolean {
  return row.is_deleted === true || row.active_flag === false || row.deleted === true;
}

/**
 * A bad value as a message shows it: short, and never throwing (a value may be cyclic or a bigint).
 *
 * @example
 * describe({ value: 1 }) // 'an object'
 */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * The persons read: those mapped, by id, and those read but left out.
 *
 * @example
 * const book: PersonBook = { mapped: new Map(), unmapped: new Set() };
 */
export interface PersonBook {
  mapped: Map<string, Contact>;
  /** Persons read but not mapped (skipped or in error): their activities and deals are not theirs to report. */
  unmapped: Set<string>;
}

/**
 * The problem of a record that is not an object.
 *
 * @example
 * notAnObject('deal') // { code: 'not-an-object', path: [], message: 'a deal must be an object' }
 */
export function notAnObject(what: string): Problem {
  return { code: 'not-an-object', path: [], message: `a ${what} must be an object` };
}

/**
 * A record without an id of its own, or with one no output can carry (`bad-id`, worded as fromCsv's).
 *
 * @example
 * missingId('person', null, undefined) // { code: 'missing-id', path: ['id'], … }
 */
export function missingId(what: string, value: unknown, reading: undefined | typeof ILL_FORMED_ID): Problem {
  if (reading === ILL_FORMED_ID) return illFormed('id', `the ${what} id`);
  return { code: 'missing-id', path: ['id'], message: `${what} has no id (got ${describe(value)})` };
}

/**
 * The `bad-id` problem of an id field holding a lone UTF-16 surrogate.
 *
 * @example
 * illFormed('person_id', 'deal 905: person_id') // { code: 'bad-id', path: ['person_id'], … }
 */
export function illFormed(path: string | (string | number)[], what: string): Problem {
  return { code: 'bad-id', path: typeof path === 'string' ? [path] : path, message: illFormedIdMessage(what) };
}
