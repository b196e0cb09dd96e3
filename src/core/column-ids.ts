/**
 * The contact ids of a columnar book, whatever their form (text, integers, integer codes into a
 * dictionary of text): validity and text per row, and the table from id to accepted contact that
 * duplicates, touches of refused rows and snoozes are matched through.
 */
import type { ContactColumns } from './column-types.js';
import { IdTable } from './ids.js';
import { IntIdTable } from './int-ids.js';
import { NONE } from './intake.js';
import { idText, isId } from './records.js';

/** The ids of the contact rows: text per row, validity, and a table from id to accepted contact. */
export interface IdReader {
  /** Whether row `row`'s id is a valid id (its code a position, the value a non-empty string or safe integer). */
  valid(row: number): boolean;
  /** Row `row`'s id as text (only for valid rows). */
  text(row: number): string;
  /** The raw id value for the object form of the row (a code out of range: undefined). */
  raw(row: number): unknown;
  /** Adds the row's id for the next accepted contact; false when already there. */
  add(row: number): boolean;
  /** The accepted contact with the row's id, or NONE. */
  stateOfRow(row: number): number;
  /** The accepted contact with this id text, or NONE. */
  indexOf(id: string): number;
  /** True when every id is known valid and distinct up front (integers in increasing order): no row need be checked or added. */
  readonly distinct?: boolean;
}

/** Whether every id is a safe integer greater than the one before. */
function increasing(codes: Int32Array | Uint32Array | Float64Array): boolean {
  let previous = Number.NEGATIVE_INFINITY;
  for (let row = 0; row < codes.length; row++) {
    const value = codes[row]!;
    if (!(value > previous)) return false;
    previous = value;
  }
  return codes instanceof Float64Array ? codes.every(Number.isSafeInteger) : true;
}

/**
 * The reader of the ids of `columns`. `stateOfAcceptedRow`: the accepted contact of a row that
 * was accepted (for ids in increasing order, found by row rather than by a table).
 */
export function idReader(columns: ContactColumns, idTable: IdTable | undefined, stateOfAcceptedRow: (row: number) => number): IdReader {
  const { id, idDictionary } = columns;
  if (Array.isArray(id)) {
    // Text ids; a safe integer among them reads as its text, as in a contact object.
    const ids = id as readonly unknown[];
    const table = idTable ?? new IdTable(ids.length);
    return {
      // As a contact object's id: a text holding a lone surrogate is no id.
      valid: (row) => isId(ids[row]),
      text: (row) => {
        const value = ids[row];
        return typeof value === 'string' ? value : String(value);
      },
      raw: (row) => ids[row],
      add: (row) => table.add(idText(ids[row] as string | number)) !== NONE,
      stateOfRow: (row) => (isId(ids[row]) ? table.indexOf(idText(ids[row] as string | number)) : NONE),
      indexOf: (text) => table.indexOf(text),
    };
  }
  const codes = id as Int32Array | Uint32Array | Float64Array;
  if (idDictionary !== undefined) {
    // Dictionary ids: equal text is the same contact, so codes are mapped to the first code of
    // their text once, and contacts compared by that code.
    const dictionaryTable = new IdTable(idDictionary.length);
    const firstCode = new Int32Array(idDictionary.length);
    for (let code = 0; code < idDictionary.length; code++) {
      const text = idDictionary[code];
      if (typeof text !== 'string' || !isId(text)) firstCode[code] = -1;
      else {
        const added = dictionaryTable.add(text);
        firstCode[code] = added === NONE ? firstCode[dictionaryTable.indexOf(text)]! : code;
      }
    }
    // `dictionaryTable` positions count only valid texts; map them back to codes.
    const codeOfPosition = new Int32Array(dictionaryTable.size);
    for (let code = 0, position = 0; code < idDictionary.length; code++) if (firstCode[code] === code) codeOfPosition[position++] = code;
    const stateOfCode = new Int32Array(idDictionary.length).fill(NONE);
    let states = 0;
    const codeOf = (row: number): number => {
      const code = codes[row]!;
      return Number.isInteger(code) && code >= 0 && code < idDictionary.length ? firstCode[code]! : -1;
    };
    return {
      valid: (row) => codeOf(row) >= 0,
      text: (row) => idDictionary[codeOf(row)]!,
      raw: (row) => {
        const code = codes[row]!;
        return Number.isInteger(code) && code >= 0 && code < idDictionary.length ? idDictionary[code] : undefined;
      },
      add: (row) => {
        const code = codeOf(row);
        if (stateOfCode[code] !== NONE) return false;
        stateOfCode[code] = states++;
        return true;
      },
      stateOfRow: (row) => {
        const code = codeOf(row);
        return code < 0 ? NONE : stateOfCode[code]!;
      },
      indexOf: (text) => {
        const position = dictionaryTable.indexOf(text);
        return position === NONE ? NONE : stateOfCode[codeOfPosition[position]!]!;
      },
    };
  }
  const safe = !(codes instanceof Float64Array);
  if (increasing(codes)) {
    // Ids in increasing order (a table read by its key, a database export): no two alike, so no
    // table to build; an id is found by bisection, its contact by its row.
    const rowOf = (value: number): number => {
      let low = 0;
      let high = codes.length - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const found = codes[middle]!;
        if (found === value) return middle;
        if (found < value) low = middle + 1;
        else high = middle - 1;
      }
      return NONE;
    };
    return {
      distinct: true,
      valid: () => true,
      text: (row) => String(codes[row]),
      raw: (row) => codes[row],
      add: () => true,
      stateOfRow: () => NONE,
      indexOf: (text) => {
        const value = Number(text);
        const row = Number.isSafeInteger(value) && String(value) === text ? rowOf(value) : NONE;
        return row === NONE ? NONE : stateOfAcceptedRow(row);
      },
    };
  }
  const table = new IntIdTable(codes.length);
  return {
    valid: (row) => safe || Number.isSafeInteger(codes[row]),
    text: (row) => String(codes[row]),
    raw: (row) => codes[row],
    add: (row) => table.add(codes[row]!) !== NONE,
    stateOfRow: (row) => (safe || Number.isSafeInteger(codes[row]) ? table.indexOf(codes[row]!) : NONE),
    indexOf: (text) => {
      const value = Number(text);
      return Number.isSafeInteger(value) && String(value) === text ? table.indexOf(value) : NONE;
    },
  };
}
