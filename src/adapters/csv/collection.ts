/**
 * One CSV being read: its rows, and the account of each row's fate (mapped, skipped with its line,
 * or one error listing every bad cell of the row), so `read = mapped + skipped + errors` holds.
 */
import type { AdapterErrorCode, AdapterWarning } from '../shared/types.js';
import type { Header } from './header.js';
import type { CsvError, CsvProblem, CsvSkipped } from './types.js';

/**
 * One data row: its cells by column position, its place in the collection and its line.
 *
 * @example
 * const row: Row = { cells: ['c1', 'Europe/Berlin'], index: 0, line: 2 };
 */
export interface Row {
  cells: string[];
  index: number;
  line: number;
  /**
   * The row's text held a lone UTF-16 surrogate (a text built in JavaScript can), which csv-parse
   * reads as U+FFFD: an id cell holding U+FFFD in such a row is not the id that was given.
   */
  illFormed?: true;
}

/**
 * The collection a problem belongs to, and how to report it: every row read is mapped, skipped
 * (with its line) or one error listing each of its bad cells.
 *
 * @example
 * const collection = new Collection('touches', new Header(['contactId', 'at']));
 * collection.skip({ cells: ['c1', ''], index: 0, line: 2 }, 'open-activity');
 */
export class Collection {
  readonly errors: CsvError[] = [];
  readonly skipped: CsvSkipped[] = [];
  /** Columns the mapping names that the header lacks: no row can have them. */
  readonly warnings: AdapterWarning[] = [];
  read = 0;
  mapped = 0;

  constructor(
    readonly source: string,
    readonly header: Header,
  ) {}

  error(row: Row, code: AdapterErrorCode, column: string | undefined, message: string, id?: string): void {
    this.report(row, [{ code, ...(column === undefined ? {} : { column }), message }], id);
  }

  /** One error entry for a row, listing each of its problems. */
  report(row: Row, problems: readonly CsvProblem[], id: string | undefined): void {
    const first = problems[0]!;
    const told = problems.map((problem) =>
      problem.column === undefined ? problem.message : `column ${JSON.stringify(problem.column)}: ${problem.message}`,
    );
    this.errors.push({
      code: first.code,
      source: this.source,
      index: row.index,
      ...(id === undefined ? {} : { id }),
      path: first.column === undefined ? [] : [first.column],
      line: row.line,
      ...(first.column === undefined ? {} : { column: first.column }),
      problems: [...problems],
      message:
        problems.length === 1 && first.column === undefined
          ? `${this.source} line ${row.line}: ${first.message}`
          : `${this.source} line ${row.line}, ${told.join('; ')}`,
    });
  }

  /** A column the mapping names for `field` that the header lacks. */
  missingColumn(field: string, column: string): void {
    this.warnings.push({
      code: 'field-never-set',
      source: this.source,
      path: [column],
      message: `${this.source}: the mapping reads ${field} from the column ${JSON.stringify(column)}, which the CSV does not have`,
    });
  }

  skip(row: Row, reason: string, id?: string): void {
    this.skipped.push({ source: this.source, index: row.index, ...(id === undefined ? {} : { id }), reason, line: row.line });
  }

  /** Errors in row order, whichever check found them. */
  sortedErrors(): CsvError[] {
    return [...this.errors].sort((a, b) => a.index - b.index);
  }

  counts() {
    return { read: this.read, mapped: this.mapped, skipped: this.skipped.length, errors: this.errors.length };
  }
}

/**
 * What reads one row of a collection: maps it, or reports it to the collection.
 *
 * @example
 * const reader: RowReader = (row) => collection.skip(row, 'empty-row');
 */
export type RowReader = (row: Row) => void;
