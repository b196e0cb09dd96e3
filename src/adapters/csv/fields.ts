/** Reading one field of a row through the column mapping: a bad cell becomes a problem of the row. */
import { messages } from '../../errors/messages.js';
import { isWellFormedText } from '../../schema/text.js';
import { isValidZone } from '../../time/zones.js';
import { type CellResult, unneutralise } from './cells.js';
import type { Collection, Row } from './collection.js';
import type { CsvProblem } from './types.js';

/**
 * A row's cell at a column position, with an empty cell as missing and a neutralised formula undone.
 *
 * @example
 * cellOf({ cells: ["'=1+1", ''], index: 0, line: 2 }, 0) // '=1+1'
 */
export function cellOf(row: Row, position: number | undefined): string | undefined {
  if (position === undefined) return undefined;
  const cell = row.cells[position];
  return cell === undefined || cell === '' ? undefined : unneutralise(cell);
}

/**
 * Records a row as a `missing-id` error: its id column is absent from the header, or its cell is
 * empty.
 *
 * @example
 * if (contactId === undefined) return reportMissingId(collection, row, position, 'contactId', 'contact');
 */
export function reportMissingId(collection: Collection, row: Row, position: number | undefined, column: string, what: string): void {
  collection.error(
    row,
    'missing-id',
    collection.header.names[position ?? -1] ?? column,
    position === undefined ? `no column ${JSON.stringify(column)} for the ${what} id` : `the ${what} id is empty`,
  );
}

/**
 * A row's id cell (a contact's, an owner's), or undefined after recording the row as a
 * `missing-id` error, or a `bad-id` one when it holds a lone UTF-16 surrogate (a text built in
 * JavaScript can; no output could carry it: docs/errors.md).
 *
 * @example
 * const id = idCellOf(collection, row, collection.header.find('id'), 'id', 'contact');
 */
export function idCellOf(collection: Collection, row: Row, position: number | undefined, column: string, what: string): string | undefined {
  const id = cellOf(row, position);
  if (id === undefined) reportMissingId(collection, row, position, column, what);
  else if (!isWritableId(id, row)) {
    collection.error(row, 'bad-id', collection.header.names[position!] ?? column, `the ${what} id ${messages.illFormedId}`);
    return undefined;
  }
  return id;
}

/**
 * Reads one field of a row; a bad cell records a problem and gives `null`.
 *
 * @example
 * const tier: string | undefined | null = take('tier', 'tier', text);
 */
export type Take = <T>(field: string, column: string, read: (cell: string) => CellResult<T>) => T | undefined | null;

/**
 * The `Take` of one row: each bad cell adds a problem naming its column, so the row becomes one
 * error listing them all.
 *
 * @example
 * const problems: CsvProblem[] = [];
 * const take = taker(collection, row, problems);
 * const timeZone = take('timeZone', 'timeZone', zone);
 */
export function taker(collection: Collection, row: Row, problems: CsvProblem[]): Take {
  return (field, column, read) => {
    const position = collection.header.find(column);
    const cell = cellOf(row, position);
    if (cell === undefined) return undefined;
    const result = read(cell);
    if (result.ok) return result.value;
    problems.push({
      code: result.problem.code,
      column: collection.header.names[position!] ?? column,
      message: `${field}: ${result.problem.message}`,
    });
    return null;
  };
}

/**
 * A cell read as it is.
 *
 * @example
 * text('gold') // { ok: true, value: 'gold' }
 */
export const text = (cell: string): CellResult<string> => ({ ok: true, value: cell });

/**
 * Whether an id cell is the id that was given: no lone UTF-16 surrogate, and no U+FFFD in a row
 * whose text held one (csv-parse reads a lone surrogate as U+FFFD, so that cell may be another id;
 * ambiguous, it is refused).
 *
 * @example
 * isWritableId('c1', row) // true
 */
export function isWritableId(cell: string, row: Row): boolean {
  return isWellFormedText(cell) && !(row.illFormed === true && cell.includes('\uFFFD'));
}

/**
 * The reader of a cell naming another record (a contact's owner): text, unless it is not the id
 * that was given (`isWritableId`).
 *
 * @example
 * take('ownerId', 'ownerId', idText(row)) // a bad-id problem for 'u\ud800'
 */
export const idText =
  (row: Row) =>
  (cell: string): CellResult<string> =>
    isWritableId(cell, row) ? { ok: true, value: cell } : { ok: false, problem: { code: 'bad-id', message: messages.illFormedId } };

/**
 * A cell naming an IANA time zone.
 *
 * @example
 * zone('Mars/Olympus') // { ok: false, problem: { code: 'unknown-zone', … } }
 */
export const zone = (cell: string): CellResult<string> =>
  isValidZone(cell)
    ? { ok: true, value: cell }
    : { ok: false, problem: { code: 'unknown-zone', message: `unknown IANA time zone ${JSON.stringify(cell)}` } };
