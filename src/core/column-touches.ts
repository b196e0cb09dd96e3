/**
 * The touches of a columnar book: each row checked (a row that fails a fast check is checked as
 * the touch object it stands for), grouped by contact, its filter bits worked out once per
 * combination of codes.
 */
import type { IdReader } from './column-ids.js';
import type { ColumnContactBook } from './column-input.js';
import { type Coded, codeInRange, codeProblem, goodValues, inRange, type TouchColumns, valueAt } from './column-types.js';
import { NONE, passesArray, type Session, type TouchBook, type TouchFields } from './intake.js';
import type { IntakeScratch } from './scratch.js';
import { checkTouchInto, type FieldProblem, recordError } from './records.js';
import type { RecordError, Touch } from './types.js';

/** The row of a touch as a whole number, or −1 when it is not one. */
const asRow = (value: number, size: number): number => (Number.isInteger(value) && value >= 0 && value < size ? value : -1);

const NO_CANONICAL: (string | undefined)[] = [];

export function readTouchColumns(
  session: Session,
  ids: IdReader,
  states: ColumnContactBook,
  size: number,
  refused: readonly number[],
  input: TouchColumns | readonly [],
  errors: RecordError[],
  scratch: IntakeScratch,
): TouchBook {
  const { compiled, nowMs } = session;
  const { touchFilters } = compiled;
  // Per contact row its accepted contact: its own, or for a refused row the accepted contact
  // with the same id (as a touch naming that id would find), or NONE (its error covers it).
  const stateOfRow = scratch.take('stateOfRow', Int32Array, size);
  if (states.rows === undefined) for (let row = 0; row < states.size; row++) stateOfRow[row] = row;
  else {
    stateOfRow.fill(NONE);
    for (let at = 0; at < states.size; at++) stateOfRow[states.rows[at]!] = at;
  }
  for (const row of refused) stateOfRow[row] = ids.stateOfRow(row);

  const columns = Array.isArray(input) ? undefined : (input as TouchColumns);
  const count = columns?.atMs.length ?? 0;
  const ms = scratch.take('touchMs', Float64Array, count);
  const first = scratch.take('first', Int32Array, states.size).fill(NONE);
  const next = scratch.take('next', Int32Array, count);
  const passes = passesArray(count, touchFilters, scratch);
  const fields = new TouchFieldCache(columns);
  const book: TouchBook = { touch: (index) => fields.of(index), ms, passes, canonicalAt: NO_CANONICAL, first, next };
  if (columns === undefined) return book;

  const { contact, atMs, channel } = columns;
  const channelGood = goodValues(channel, (value) => touchProbe({ channel: value }), false);
  const directionGood = goodValues(columns.direction, (value) => touchProbe({ channel: 'call', direction: value }));
  const outcomeGood = goodValues(columns.outcome, (value) => touchProbe({ channel: 'call', outcome: value }));
  const purposeGood = goodValues(columns.purpose, (value) => touchProbe({ channel: 'call', purpose: value }));
  const passesOfKey = new Map<number, number>();
  let lastKey = -1;
  let lastPasses = 0;
  for (let index = 0; index < count; index++) {
    const rawRow = contact[index]!;
    const row = asRow(rawRow, size);
    const at = atMs[index]!;
    const key = fields.key(index);
    const good =
      row >= 0 &&
      inRange(at) &&
      key >= 0 &&
      channelGood[channel.codes[index]!] === 1 &&
      codeGood(columns.direction, directionGood, index) &&
      codeGood(columns.outcome, outcomeGood, index) &&
      codeGood(columns.purpose, purposeGood, index);
    if (!good) {
      const problems = touchRowProblems(columns, row, rawRow, index);
      if (problems.length > 0) {
        errors.push(recordError('touch', index, problems, { contactId: row >= 0 && ids.valid(row) ? ids.text(row) : undefined }));
        continue;
      }
    }
    const stateIndex = stateOfRow[row]!;
    if (stateIndex === NONE) continue;
    const instant = Math.trunc(at);
    // A touch dated after now is planned, not done.
    if (instant > nowMs) continue;
    ms[index] = instant;
    if (key !== lastKey) {
      let known = passesOfKey.get(key);
      if (known === undefined) {
        known = 0;
        const touch = fields.of(index);
        for (const filter of touchFilters) if (filter.filter(touch)) known |= filter.mask;
        passesOfKey.set(key, known);
      }
      lastKey = key;
      lastPasses = known;
    }
    passes[index] = lastPasses;
    next[index] = first[stateIndex]!;
    first[stateIndex] = index;
  }
  return book;
}

const codeGood = (column: Coded<string> | undefined, good: Uint8Array, index: number): boolean =>
  column === undefined || good[column.codes[index]!] === 1;

const touchProbe = (touch: object): boolean => checkTouchInto({ contactId: 'x', at: 0, ...touch }, new Float64Array(1), 0) === undefined;

/** Every problem of a touch row, as the object it stands for would have them, plus codes out of range. */
function touchRowProblems(columns: TouchColumns, row: number, rawRow: number, index: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (row < 0) problems.push({ code: 'unknown-contact', path: ['contact'], message: `contact row ${rawRow} is not a row of the contacts` });
  for (const name of ['channel', 'direction', 'outcome', 'purpose'] as const)
    if (!codeInRange(columns[name], index)) problems.push(codeProblem(name, columns[name]!.codes[index]!));
  // The touch's own contact id is that of a row: a refused row's error covers its id.
  const touch: Record<string, unknown> = { contactId: 'x', at: columns.atMs[index]!, channel: valueAt(columns.channel, index) };
  for (const name of ['direction', 'outcome', 'purpose'] as const) {
    const value = valueAt(columns[name], index);
    if (value !== undefined) touch[name] = value;
  }
  problems.push(...(checkTouchInto(touch as Partial<Touch>, new Float64Array(1), 0) ?? []));
  return problems;
}

/**
 * The fields of a touch row as one object shared by every touch with the same codes: filters and
 * reasons read `channel`, `direction`, `outcome` and `purpose`, and a book has few combinations.
 */
class TouchFieldCache {
  private readonly byKey = new Map<number, TouchFields>();
  private readonly channels: number;
  private readonly directions: number;
  private readonly outcomes: number;
  private readonly purposes: number;

  constructor(private readonly columns: TouchColumns | undefined) {
    this.channels = columns?.channel.values.length ?? 0;
    this.directions = (columns?.direction?.values.length ?? 0) + 1;
    this.outcomes = (columns?.outcome?.values.length ?? 0) + 1;
    this.purposes = (columns?.purpose?.values.length ?? 0) + 1;
  }

  /** One number per combination of codes, or −1 when a code is out of range. */
  key(index: number): number {
    const columns = this.columns!;
    const { channels, directions, outcomes, purposes } = this;
    const channel = columns.channel.codes[index]!;
    const direction = columns.direction === undefined ? 0 : columns.direction.codes[index]!;
    const outcome = columns.outcome === undefined ? 0 : columns.outcome.codes[index]!;
    const purpose = columns.purpose === undefined ? 0 : columns.purpose.codes[index]!;
    if (channel < 0 || direction < 0 || outcome < 0 || purpose < 0) return -1;
    if (channel >= channels || direction >= directions || outcome >= outcomes || purpose >= purposes) return -1;
    return ((channel * directions + direction) * outcomes + outcome) * purposes + purpose;
  }

  of(index: number): TouchFields {
    const key = this.key(index);
    let fields = this.byKey.get(key);
    if (fields === undefined) {
      const columns = this.columns!;
      const touch: Record<string, string> = { channel: valueAt(columns.channel, index)! };
      for (const name of ['direction', 'outcome', 'purpose'] as const) {
        const value = valueAt(columns[name], index);
        if (value !== undefined) touch[name] = value;
      }
      fields = Object.freeze(touch) as unknown as TouchFields;
      this.byKey.set(key, fields);
    }
    return fields;
  }
}
