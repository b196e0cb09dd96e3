/**
 * Result columns that are not stored while every row's value follows from its row number: the
 * cycle of a book whose contacts all have the same cycles, the contact of a book where each
 * contact has its rows at its own position, the escalation when nothing escalates, the pause
 * when nothing is paused. Fresh memory costs more than the rows written into it (each page is
 * touched for the first time), and these columns are a third of a result's bytes; they are
 * built, as typed arrays, the first time a row differs or a caller reads the column itself.
 * Everything that reads a result's rows reads them through `columnAt`.
 */

/**
 * A column given by a rule on the row number: `floor(row / per)` (0 when `per` is 0) plus
 * `pattern[row % pattern.length]`. A constant is `{ per: 0, pattern: [value] }`; a contact
 * column with `k` rows per contact `{ per: k, pattern: [0] }`. Plain data, so it crosses to and
 * from a worker as it is.
 */
export interface ImpliedColumn {
  readonly implied: true;
  readonly length: number;
  readonly per: number;
  readonly pattern: readonly number[];
}

/** A whole-number column of a result: a typed array, or its rule while no row differs from it. */
export type IntColumn<T extends Int32Array | Int16Array = Int32Array> = T | ImpliedColumn;

/** The column whose rows all hold `value`. */
export const constantColumn = (value: number, length: number): ImpliedColumn => ({ implied: true, length, per: 0, pattern: [value] });

export const isImplied = (column: IntColumn<Int32Array | Int16Array>): column is ImpliedColumn =>
  (column as Partial<ImpliedColumn>).implied === true;

/** Row `row`'s value. */
export function columnAt(column: IntColumn<Int32Array | Int16Array>, row: number): number {
  if (!isImplied(column)) return column[row]!;
  const { per, pattern } = column;
  return (per === 0 ? 0 : Math.floor(row / per)) + pattern[row % pattern.length]!;
}

type IntArrayOf<T> = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  new (length: number): T;
  BYTES_PER_ELEMENT: number;
};

/** A view of `length` elements over an earlier column's whole buffer when it is large enough, else a new array. */
export function reused<T>(previous: { buffer: ArrayBufferLike } | undefined, type: IntArrayOf<T>, length: number): T {
  if (
    previous !== undefined &&
    previous.buffer.byteLength >= length * type.BYTES_PER_ELEMENT &&
    !(previous.buffer instanceof SharedArrayBuffer)
  )
    return new type(previous.buffer, 0, length);
  return new type(length);
}

/**
 * The column as a typed array of `length` rows (over `previous`'s memory when it is large
 * enough): the column itself when it is one, else its rule written out.
 */
export function materialize<T extends Int32Array | Int16Array>(
  column: IntColumn<T>,
  type: IntArrayOf<T>,
  length: number,
  previous?: IntColumn<T>,
): T {
  if (!isImplied(column)) return column;
  const array = reused(previous !== undefined && !isImplied(previous) ? previous : undefined, type, length);
  const { per, pattern } = column;
  if (per === 0 && pattern.length === 1) {
    array.fill(pattern[0]!);
    return array;
  }
  const period = pattern.length;
  for (let row = 0; row < length; row++) array[row] = (per === 0 ? 0 : Math.floor(row / per)) + pattern[row % period]!;
  return array;
}

/** The first `length` rows of a column: a view of an array, or the rule with that length. */
export function sliced<T extends Int32Array | Int16Array>(column: IntColumn<T>, length: number): IntColumn<T> {
  return isImplied(column) ? { ...column, length } : (column.subarray(0, length) as T);
}

/**
 * Columns of consecutive parts as one: still a constant when every part is the same constant,
 * else an array with each part's rows, `map` applied to each value.
 */
export function concatColumns<T extends Int32Array | Int16Array>(
  parts: readonly IntColumn<T>[],
  type: IntArrayOf<T>,
  map: (value: number, part: number) => number = (value) => value,
): IntColumn<T> {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const first = parts[0];
  const constant = (part: IntColumn<T>) => isImplied(part) && part.per === 0 && part.pattern.length === 1;
  if (first !== undefined && parts.every((part, at) => constant(part) && map(columnAt(part, 0), at) === map(columnAt(first, 0), 0)))
    return constantColumn(map(columnAt(first, 0), 0), length);
  const array = new type(length);
  let offset = 0;
  parts.forEach((part, at) => {
    for (let row = 0; row < part.length; row++) array[offset + row] = map(columnAt(part, row), at);
    offset += part.length;
  });
  return array;
}
