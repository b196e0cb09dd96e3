/**
 * `calling-cycle/arrow`: Apache Arrow tables in and out of `evaluateColumns`. A book read from
 * DuckDB, Parquet or Polars as Arrow goes in without copying the columns that already have the
 * input's layout (one chunk, no nulls: integer ids and rows, `Float64` instants, dictionary codes),
 * and the result comes out as an Arrow table over the result's own arrays.
 *
 * Its own import point, with `apache-arrow` an optional peer: the core entry never loads it.
 */
import {
  type Data,
  DateDay,
  Dictionary,
  Float64,
  Int16,
  Int32,
  makeData,
  makeVector,
  Table,
  Type,
  Uint8,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import type { CodeArray, Coded, ContactColumns, TouchColumns } from '../core/column-input.js';
import { type EvaluateColumns, type EvaluateColumnsOptions, evaluateColumns, NO_DUE_DAY, STATUS_CODES } from '../core/columns.js';
import { InputError } from '../errors/errors.js';

/** Column names in an Arrow table of contacts, when they are not the field names of `ContactColumns`. */
export type ContactColumnNames = Partial<
  Record<'id' | 'timeZone' | 'tier' | 'ownerId' | 'calendar' | 'createdMs' | 'pausedUntilMs' | 'doNotContact', string>
>;
/** Column names in an Arrow table of touches, when they are not the field names of `TouchColumns`. */
export type TouchColumnNames = Partial<Record<'contact' | 'atMs' | 'channel' | 'direction' | 'outcome' | 'purpose', string>>;

const columnError = (path: string[], message: string) => new InputError(message, [{ code: 'invalid-argument', path, message }]);

/** The one `Data` of a column, chunks joined (a copy) only when there are several. */
function single(vector: Vector, path: string[]): Data {
  if (vector.data.length === 1) return vector.data[0]!;
  if (vector.data.length === 0) return makeVector(new Int32Array(0)).data[0]!;
  throw columnError(
    path,
    `${path.join('.')} has ${vector.data.length} chunks: read it as one (table.combineChunks or a single record batch)`,
  );
}

function column(table: Table, path: string[], name: string, required: boolean): Vector | undefined {
  const vector = table.getChild(name);
  if (vector === null) {
    if (required) throw columnError(path, `the table has no column "${name}"`);
    return undefined;
  }
  return vector;
}

const isValid = (data: Data, index: number): boolean => {
  if (data.nullCount === 0 || data.nullBitmap === undefined || data.nullBitmap.length === 0) return true;
  const bit = data.offset + index;
  return (data.nullBitmap[bit >> 3]! & (1 << (bit & 7))) !== 0;
};

/**
 * How instant columns are read. `timestampsWithoutZone: 'utc'`: a timestamp column whose type
 * names no zone holds UTC (as a warehouse that stores UTC in a plain `TIMESTAMP` does); without
 * it such a column is refused, since Arrow reads it as wall-clock time in a zone it does not say.
 */
export interface ArrowReading {
  readonly timestampsWithoutZone?: 'utc';
}

/**
 * Epoch ms of an instant column: `Float64` as it lies (nulls as NaN, a copy then); timestamps and
 * 64-bit integers converted. A `Date` column is refused: a date has no zone, and read as its UTC
 * midnight it would fall on the day before for every contact west of UTC (a pause ending a day
 * early), where the same date given to `evaluate` stays that date. A timestamp without a zone is
 * refused for the same reason unless the caller says it holds UTC (`ArrowReading`).
 */
function instants(vector: Vector, path: string[], reading: ArrowReading): Float64Array {
  const data = single(vector, path);
  const { typeId } = data.type;
  if (typeId === Type.Date)
    throw columnError(
      path,
      `${path.join('.')} is a date column, which has no zone: its midnight is a different instant in each contact's zone. Give the instant (epoch milliseconds as Float64, or a timestamp), e.g. the pause's end at midnight in the contact's zone`,
    );
  const zone = typeId === Type.Timestamp ? (data.type as unknown as { timezone?: string | null }).timezone : undefined;
  if (typeId === Type.Timestamp && (zone === undefined || zone === null || zone === '') && reading.timestampsWithoutZone !== 'utc')
    throw columnError(
      path,
      `${path.join('.')} is a timestamp without a zone, which Arrow reads as wall-clock time in a zone it does not say. Give it a zone (TIMESTAMPTZ, or a timestamp type with timezone 'UTC'), give epoch milliseconds as Float64, or pass timestampsWithoutZone: 'utc' when it holds UTC`,
    );
  if (typeId === Type.Float && data.values instanceof Float64Array) {
    const values = data.values.subarray(0, data.length);
    if (data.nullCount === 0) return values;
    const copy = Float64Array.from(values);
    for (let index = 0; index < copy.length; index++) if (!isValid(data, index)) copy[index] = Number.NaN;
    return copy;
  }
  if (typeId === Type.Timestamp || typeId === Type.Int) {
    // 64-bit integers in their unit (a timestamp's, or ms): one pass into doubles, a copy.
    const unit = typeId === Type.Timestamp ? (data.type as unknown as { unit: number }).unit : 1;
    const scale = [1_000, 1, 1e-3, 1e-6][unit] ?? 1;
    const result = new Float64Array(data.length);
    const { values } = data;
    if (values instanceof BigInt64Array) {
      for (let index = 0; index < data.length; index++) result[index] = isValid(data, index) ? Number(values[index]!) * scale : Number.NaN;
      return result;
    }
    for (let index = 0; index < data.length; index++) {
      const value = vector.get(index) as number | bigint | Date | null;
      result[index] =
        value === null ? Number.NaN : value instanceof Date ? value.getTime() : Number(value) * (typeId === Type.Timestamp ? scale : 1);
    }
    return result;
  }
  throw columnError(path, `${path.join('.')} must be epoch milliseconds (Float64) or a timestamp`);
}

/** Integer codes or ids as they lie when they are 32-bit without nulls; 64-bit integers converted. */
function integers(vector: Vector, path: string[]): Int32Array | Uint32Array | Float64Array {
  const data = single(vector, path);
  const { values } = data;
  if (data.nullCount === 0 && (values instanceof Int32Array || values instanceof Uint32Array || values instanceof Float64Array))
    return values.subarray(0, data.length);
  if (data.nullCount > 0) throw columnError(path, `${path.join('.')} has nulls`);
  if (data.type.typeId === Type.Int || data.type.typeId === Type.Float)
    return Float64Array.from({ length: data.length }, (_, index) => Number(vector.get(index)));
  throw columnError(path, `${path.join('.')} must be integers`);
}

/**
 * A coded column from a dictionary column (its indices as they lie, its dictionary read once) or
 * from a plain text column (encoded, one pass). Nulls become a code whose value is null.
 */
function coded<T>(vector: Vector, path: string[]): Coded<T> {
  const data = single(vector, path);
  if (data.type.typeId === Type.Dictionary && data.dictionary !== undefined) {
    const values = [...data.dictionary.toArray()] as (T | null)[];
    const indices = (data.values as CodeArray).subarray(0, data.length) as CodeArray;
    if (data.nullCount === 0) return { codes: indices, values };
    const codes = Int32Array.from(indices);
    const nullCode = values.length;
    for (let index = 0; index < codes.length; index++) if (!isValid(data, index)) codes[index] = nullCode;
    return { codes, values: [...values, null] };
  }
  const codes = new Int32Array(data.length);
  const values: (T | null)[] = [];
  const codeOf = new Map<unknown, number>();
  for (let index = 0; index < data.length; index++) {
    const value = vector.get(index) as T | null;
    let code = codeOf.get(value);
    if (code === undefined) {
      code = values.length;
      values.push(value);
      codeOf.set(value, code);
    }
    codes[index] = code;
  }
  return { codes, values };
}

/**
 * Contact columns over an Arrow table: `id` (integers, or text), `timeZone`, `tier`, `ownerId`,
 * `calendar` (dictionary or text columns), `createdMs`, `pausedUntilMs` (Float64 epoch ms, or
 * timestamps), `doNotContact` (booleans); other names through `names`.
 *
 * @example
 * const contacts = contactColumnsFromArrow(tableFromIPC(bytes), { id: 'contact_id', createdMs: 'created_at' });
 */
export function contactColumnsFromArrow(table: Table, names: ContactColumnNames = {}, reading: ArrowReading = {}): ContactColumns {
  const name = (field: keyof ContactColumnNames) => names[field] ?? field;
  const path = (field: string) => ['contacts', field];
  const idVector = column(table, path('id'), name('id'), true)!;
  const idData = single(idVector, path('id'));
  const id =
    idData.type.typeId === Type.Utf8 || idData.type.typeId === Type.LargeUtf8 || idData.type.typeId === Type.Dictionary
      ? (idVector.toArray() as string[]).map((value) => value ?? '')
      : integers(idVector, path('id'));
  const result: { -readonly [K in keyof ContactColumns]: ContactColumns[K] } = { id: Array.isArray(id) ? [...id] : id };
  for (const field of ['timeZone', 'tier', 'ownerId', 'calendar'] as const) {
    const vector = column(table, path(field), name(field), false);
    if (vector !== undefined) (result as Record<string, unknown>)[field] = coded(vector, path(field));
  }
  for (const field of ['createdMs', 'pausedUntilMs'] as const) {
    const vector = column(table, path(field), name(field), false);
    if (vector !== undefined) result[field] = instants(vector, path(field), reading);
  }
  const doNotContact = column(table, path('doNotContact'), name('doNotContact'), false);
  if (doNotContact !== undefined)
    result.doNotContact = Uint8Array.from({ length: doNotContact.length }, (_, index) => (doNotContact.get(index) === true ? 1 : 0));
  return result;
}

/**
 * Touch columns over an Arrow table: `contact` (the contact's row, integers), `atMs` (Float64
 * epoch ms, or timestamps), `channel`, `direction`, `outcome`, `purpose` (dictionary or text).
 *
 * @example
 * const touches = touchColumnsFromArrow(touchTable, { atMs: 'happened_at' });
 */
export function touchColumnsFromArrow(table: Table, names: TouchColumnNames = {}, reading: ArrowReading = {}): TouchColumns {
  const name = (field: keyof TouchColumnNames) => names[field] ?? field;
  const path = (field: string) => ['touches', field];
  const contact = integers(column(table, path('contact'), name('contact'), true)!, path('contact'));
  const result: { -readonly [K in keyof TouchColumns]: TouchColumns[K] } = {
    contact: contact instanceof Float64Array ? contact : (contact as CodeArray),
    atMs: instants(column(table, path('atMs'), name('atMs'), true)!, path('atMs'), reading),
    channel: coded(column(table, path('channel'), name('channel'), true)!, path('channel')),
  };
  for (const field of ['direction', 'outcome', 'purpose'] as const) {
    const vector = column(table, path(field), name(field), false);
    if (vector !== undefined) result[field] = coded(vector, path(field));
  }
  return result;
}

/** `evaluateColumns`' options with the contacts and touches as Arrow tables. */
export interface EvaluateArrowOptions extends Omit<EvaluateColumnsOptions, 'contacts' | 'touches'>, ArrowReading {
  contacts: Table;
  touches: Table;
  contactNames?: ContactColumnNames;
  touchNames?: TouchColumnNames;
}

/**
 * `evaluateColumns` on Arrow tables: the columns read as `contactColumnsFromArrow` and
 * `touchColumnsFromArrow` read them, evaluated as columns.
 *
 * @example
 * const result = evaluateArrow({ policy, contacts: contactTable, touches: touchTable, now: '2026-11-23T08:00:00Z' });
 * const out = resultToArrow(result); // status, dueDay, … as an Arrow table
 */
export function evaluateArrow(options: EvaluateArrowOptions): EvaluateColumns {
  const { contacts, touches, contactNames, touchNames, timestampsWithoutZone, ...rest } = options;
  if (!(contacts instanceof Table) || !(touches instanceof Table))
    throw columnError(['contacts'], 'contacts and touches must be Arrow tables (apache-arrow Table)');
  const reading: ArrowReading = timestampsWithoutZone !== undefined ? { timestampsWithoutZone } : {};
  return evaluateColumns({
    ...rest,
    contacts: contactColumnsFromArrow(contacts, contactNames, reading),
    touches: touchColumnsFromArrow(touches, touchNames, reading),
  });
}

/** Validity bitmap of the rows whose value is not `none`, or undefined when every row has one. */
function validity(values: Int32Array | Int16Array, none: number): Uint8Array | undefined {
  let missing = 0;
  for (let index = 0; index < values.length; index++) if (values[index] === none) missing++;
  if (missing === 0) return undefined;
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  for (let index = 0; index < values.length; index++) if (values[index] !== none) bitmap[index >> 3]! |= 1 << (index & 7);
  return bitmap;
}

const countNulls = (bitmap: Uint8Array | undefined, length: number, values: Int32Array | Int16Array, none: number) => {
  if (bitmap === undefined) return 0;
  let count = 0;
  for (let index = 0; index < length; index++) if (values[index] === none) count++;
  return count;
};

/**
 * The rows of a columnar result as an Arrow table over the result's own arrays (no copy but the
 * validity bitmaps of the date and escalation columns): `contact` (the row of the contact in the
 * input), `tierId`, `cycleId` and `status` (dictionary columns), `dueDay` and `pausedDay`
 * (`DateDay`, null when none), `daysOverdue`, `lastTouchMs` (NaN when none), `escalation`
 * (dictionary, null when none).
 *
 * @example
 * const table = resultToArrow(evaluateColumns({ policy, contacts, touches, now }));
 * table.getChild('status')?.get(0); // 'overdue'
 */
export function resultToArrow(result: EvaluateColumns): Table {
  const { size } = result;
  const dictionary = <T extends Int32Array | Int16Array | Uint8Array>(
    indices: T,
    values: readonly string[],
    indexType: Int32 | Int16 | Uint8,
    nullBitmap?: Uint8Array,
    nullCount = 0,
  ) =>
    makeVector(
      makeData({
        type: new Dictionary(new Utf8(), indexType),
        length: size,
        nullCount,
        ...(nullBitmap ? { nullBitmap } : {}),
        data: indices,
        dictionary: vectorFromArray([...values], new Utf8()),
      }),
    );
  const date = (days: Int32Array) => {
    const nullBitmap = validity(days, NO_DUE_DAY);
    return makeVector(
      makeData({
        type: new DateDay(),
        length: size,
        nullCount: countNulls(nullBitmap, size, days, NO_DUE_DAY),
        ...(nullBitmap ? { nullBitmap } : {}),
        data: days,
      }),
    );
  };
  const escalationBitmap = validity(result.escalation, -1);
  return new Table({
    contact: makeVector(makeData({ type: new Int32(), length: size, data: result.contact })),
    tierId: dictionary(
      result.cycle,
      result.cycles.map((cycle) => cycle.tierId),
      new Int32(),
    ),
    cycleId: dictionary(
      result.cycle,
      result.cycles.map((cycle) => cycle.cycleId),
      new Int32(),
    ),
    status: dictionary(result.status, STATUS_CODES, new Uint8()),
    dueDay: date(result.dueDay),
    daysOverdue: makeVector(makeData({ type: new Int32(), length: size, data: result.daysOverdue })),
    lastTouchMs: makeVector(makeData({ type: new Float64(), length: size, data: result.lastTouchMs })),
    escalation: dictionary(
      result.escalation,
      result.escalations,
      new Int16(),
      escalationBitmap,
      countNulls(escalationBitmap, size, result.escalation, -1),
    ),
    pausedDay: date(result.pausedDay),
  });
}
