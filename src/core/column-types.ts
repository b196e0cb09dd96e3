/**
 * The shapes of a book given as columns (`ContactColumns`, `TouchColumns`, dictionary-encoded
 * `Coded` columns), the check of their shape, and the small readers of a coded value that the
 * contact and touch intakes share.
 */

import { MAX_INSTANT_MS, MIN_INSTANT_MS } from '../time/instant.js';
import { argumentError } from './intake.js';
import type { FieldProblem } from './records.js';
import { isPlainObject } from './records.js';
import type { IdInput } from './types.js';

/** Whole-number codes: positions in a dictionary. */
export type CodeArray = Uint8Array | Uint16Array | Uint32Array | Int8Array | Int16Array | Int32Array;

/**
 * A dictionary-encoded column: row `r` holds `values[codes[r]]`; a `null` value is "not given".
 * Apache Arrow's dictionary vectors have this shape.
 *
 * @example
 * const timeZone: Coded<string> = { codes: Uint8Array.of(0, 1, 0), values: ['Europe/Berlin', 'Asia/Tokyo'] };
 */
export interface Coded<T> {
  readonly codes: CodeArray;
  readonly values: readonly (T | null)[];
}

/**
 * Contacts as columns, one row per contact; every column but `id` is optional. Row `r` evaluates
 * as the contact object `{ id, timeZone, tier, ownerId, calendar, createdAt, pausedUntil,
 * doNotContact, attributes, events }` read from row `r`.
 *
 * @example
 * const contacts: ContactColumns = {
 *   id: Int32Array.of(101, 102),
 *   timeZone: { codes: Uint8Array.of(0, 1), values: ['Europe/Berlin', 'Asia/Tokyo'] },
 *   createdMs: Float64Array.of(Date.UTC(2025, 0, 15), Number.NaN),
 * };
 */
export interface ContactColumns {
  /**
   * The contact ids: text, or integers (`Int32Array`, `Uint32Array`, or `Float64Array` of safe
   * integers). Integers are the ids themselves (outputs carry them as text, `101` → `"101"`)
   * unless `idDictionary` is given, in which case the id of row `r` is `idDictionary[id[r]]`.
   */
  readonly id: readonly string[] | Int32Array | Uint32Array | Float64Array;
  readonly idDictionary?: readonly string[];
  readonly timeZone?: Coded<string>;
  readonly tier?: Coded<string>;
  readonly ownerId?: Coded<IdInput>;
  readonly calendar?: Coded<string>;
  /** `createdAt` as epoch ms; NaN when none. */
  readonly createdMs?: Float64Array;
  /** `pausedUntil` as an instant in epoch ms (read as a date in the contact's zone); NaN when none. */
  readonly pausedUntilMs?: Float64Array;
  /** 1 for do-not-contact, 0 otherwise. */
  readonly doNotContact?: Uint8Array;
  /** Per row the name a rep knows the contact by (reasons, task bodies), or null / undefined. */
  readonly name?: readonly (string | null | undefined)[];
  /** Per row the contact's attributes (for tier rules), or undefined. */
  readonly attributes?: readonly (Record<string, unknown> | null | undefined)[];
  /** Per row the contact's events (for event cadences), or undefined. */
  readonly events?: readonly (Record<string, string | number | Date> | null | undefined)[];
}

/**
 * Touches as columns, one row per touch. `contact` is the row of the touch's contact in the
 * contact columns (no id to look up); `atMs` its instant in epoch ms.
 *
 * @example
 * const touches: TouchColumns = {
 *   contact: Int32Array.of(0, 0, 1),
 *   atMs: Float64Array.of(Date.UTC(2026, 10, 2, 9), Date.UTC(2026, 10, 9, 9), Date.UTC(2026, 10, 3, 14)),
 *   channel: { codes: Uint8Array.of(0, 1, 0), values: ['call', 'email'] },
 *   outcome: { codes: Uint8Array.of(0, 1, 1), values: ['connected', null] },
 * };
 */
export interface TouchColumns {
  readonly contact: CodeArray | Float64Array;
  readonly atMs: Float64Array;
  readonly channel: Coded<string>;
  readonly direction?: Coded<string>;
  readonly outcome?: Coded<string>;
  readonly purpose?: Coded<string>;
}

/** Whether `contacts` is given as columns rather than an array of objects. */
export function isContactColumns(value: unknown): value is ContactColumns {
  return isPlainObject(value) && 'id' in value;
}

export const isCodeArray = (value: unknown): value is CodeArray =>
  value instanceof Uint8Array ||
  value instanceof Uint16Array ||
  value instanceof Uint32Array ||
  value instanceof Int8Array ||
  value instanceof Int16Array ||
  value instanceof Int32Array;

/**
 * Checks the shape of the columns (types and lengths) before any row is read: a malformed call is
 * an `InputError` naming the column, never a wrong row. Returns the number of contacts.
 */
export function checkColumns(contacts: ContactColumns, touches: TouchColumns | readonly []): number {
  const { id } = contacts;
  const size = id?.length;
  if (!(Array.isArray(id) || id instanceof Int32Array || id instanceof Uint32Array || id instanceof Float64Array))
    throw argumentError(['contacts', 'id'], 'contacts.id must be an array of strings, an Int32Array, a Uint32Array or a Float64Array');
  if (contacts.idDictionary !== undefined && (Array.isArray(id) || !Array.isArray(contacts.idDictionary)))
    throw argumentError(
      ['contacts', 'idDictionary'],
      'contacts.idDictionary, when given, must be an array of strings and contacts.id integer codes',
    );
  for (const name of ['timeZone', 'tier', 'ownerId', 'calendar'] as const) checkCoded(contacts[name], ['contacts', name], size, false);
  for (const name of ['createdMs', 'pausedUntilMs'] as const) checkTyped(contacts[name], Float64Array, ['contacts', name], size, false);
  checkTyped(contacts.doNotContact, Uint8Array, ['contacts', 'doNotContact'], size, false);
  for (const name of ['name', 'attributes', 'events'] as const) {
    const column = contacts[name];
    if (column !== undefined && (!Array.isArray(column) || column.length !== size))
      throw argumentError(['contacts', name], `contacts.${name}, when given, must be an array with one entry per contact`);
  }
  if (Array.isArray(touches) && touches.length === 0) return size;
  if (!isPlainObject(touches)) throw argumentError(['touches'], 'with contacts as columns, touches must be columns too (or [])');
  const touchColumns = touches as TouchColumns;
  const count = touchColumns.atMs?.length;
  checkTyped(touchColumns.atMs, Float64Array, ['touches', 'atMs'], count, true);
  if (!(isCodeArray(touchColumns.contact) || touchColumns.contact instanceof Float64Array) || touchColumns.contact.length !== count)
    throw argumentError(
      ['touches', 'contact'],
      'touches.contact must be an integer typed array (or a Float64Array) of contact rows, one per touch',
    );
  checkCoded(touchColumns.channel, ['touches', 'channel'], count, true);
  for (const name of ['direction', 'outcome', 'purpose'] as const) checkCoded(touchColumns[name], ['touches', name], count, false);
  return size;
}

function checkCoded(column: Coded<unknown> | undefined, path: string[], size: number, required: boolean): void {
  if (column === undefined && !required) return;
  if (!isPlainObject(column) || !isCodeArray(column.codes) || !Array.isArray(column.values) || column.codes.length !== size)
    throw argumentError(
      path,
      `${path.join('.')} must be { codes, values }: an integer typed array with one code per row and the array of values they index`,
    );
}

function checkTyped(
  column: unknown,
  type: Float64ArrayConstructor | Uint8ArrayConstructor,
  path: string[],
  size: number,
  required: boolean,
): void {
  if (column === undefined && !required) return;
  if (!(column instanceof type) || column.length !== size)
    throw argumentError(path, `${path.join('.')} must be a ${type.name} with one entry per row`);
}

export const inRange = (ms: number): boolean => ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS;

/** A code that is no position in its dictionary: a problem of the row, with the column's name. */
export const codeProblem = (path: string, code: number): FieldProblem => ({
  code: 'bad-value',
  path: [path],
  message: `code ${code} is not a position in the ${path} values`,
});

/** A dictionary value, or undefined when the code is null or not a position. */
export function valueAt<T>(column: Coded<T> | undefined, row: number): T | undefined {
  if (column === undefined) return undefined;
  const value = column.values[column.codes[row]!];
  return value === null ? undefined : value;
}

export const codeInRange = (column: Coded<unknown> | undefined, row: number): boolean =>
  column === undefined || (column.codes[row]! >= 0 && column.codes[row]! < column.values.length);

/** Per value of a coded column, whether a row with only that value would be fine (null: `nullGood`). */
export function goodValues<T>(column: Coded<T> | undefined, good: (value: T) => boolean, nullGood = true): Uint8Array {
  const result = new Uint8Array(column?.values.length ?? 0);
  column?.values.forEach((value, code) => {
    result[code] = (value === null ? nullGood : good(value)) ? 1 : 0;
  });
  return result;
}
