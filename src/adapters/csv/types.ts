/** The public shapes of the CSV reader: the column mapping, its options, its sources and its result. */
import type { Outcome } from '../../core/types.js';
import type { Channel, Direction } from '../../schema/policy.js';
import type { AdapterError, AdapterErrorCode, AdapterResult, SkippedRecord } from '../shared/types.js';

/**
 * Which column holds each contact field. Unnamed fields use their wire-format name as the column.
 *
 * @example
 * const contacts: CsvContactColumns = { id: 'Contact ID', ownerId: 'Owner', attributes: { annualRevenue: 'Revenue' } };
 */
export interface CsvContactColumns {
  id?: string;
  /** The contact's name, for reasons and task bodies (column `name` by default). */
  name?: string;
  ownerId?: string;
  timeZone?: string;
  tier?: string;
  calendar?: string;
  createdAt?: string;
  doNotContact?: string;
  pausedUntil?: string;
  /** Attribute name → column, beside every `attributes.<name>` column, which is read as it is. */
  attributes?: Record<string, string>;
  /** Event name → column, beside every `events.<name>` column. */
  events?: Record<string, string>;
}

/**
 * Which column holds each touch field.
 *
 * @example
 * const touches: CsvTouchColumns = { contactId: 'Contact', at: 'Date', channel: 'Type', completed: 'Status' };
 */
export interface CsvTouchColumns {
  contactId?: string;
  at?: string;
  channel?: string;
  direction?: string;
  outcome?: string;
  purpose?: string;
  /**
   * A column saying whether the activity was done (`done`, `Status` …). Without this option the
   * first column named `completed`, `done` or `status` is used when there is one; rows it calls
   * open are skipped, not counted as touches.
   */
  completed?: string;
}

/**
 * Which column holds each owner field.
 *
 * @example
 * const owners: CsvOwnerColumns = { id: 'Rep', dailyCapacity: 'Calls per day' };
 */
export interface CsvOwnerColumns {
  id?: string;
  /** The rep's name (column `name` by default). */
  name?: string;
  timeZone?: string;
  calendar?: string;
  dailyCapacity?: string;
}

/**
 * The columns of each CSV, per collection; a collection left out reads every field from the column of its name.
 *
 * @example
 * const mapping: CsvMapping = { contacts: { id: 'Contact ID' }, touches: { contactId: 'Contact', at: 'Date' } };
 */
export interface CsvMapping {
  contacts?: CsvContactColumns;
  touches?: CsvTouchColumns;
  owners?: CsvOwnerColumns;
}

/**
 * How `fromCsv` and `fromCsvStream` read; docs/adapters/csv.md has the columns.
 *
 * @example
 * const options: FromCsvOptions = { delimiter: ';', localTimeZone: 'Europe/Berlin', channels: { Phone: 'call' } };
 */
export interface FromCsvOptions {
  /** Columns per field; by default each field is read from the column of its wire-format name. */
  mapping?: CsvMapping;
  /** The cell separator: `,` by default, `;` for spreadsheets in many European locales. */
  delimiter?: string;
  /**
   * IANA zone in which instants written without an offset (`2026-11-01 09:30`) were written; a
   * date alone is then read as noon in that zone. Without it such cells are errors, since their
   * meaning would depend on whoever reads them.
   */
  localTimeZone?: string;
  /** Values of the completion column that mean done, in any case. Default: `true yes y 1 x done completed complete closed held`. */
  completedValues?: readonly string[];
  /**
   * Values of the completion column that mean not done (the row is skipped as `open-activity`), in
   * any case. An empty cell is open too. Default: `false no n 0 open planned scheduled pending
   * not started in progress waiting on someone else deferred to do todo canceled cancelled`.
   */
  openValues?: readonly string[];
  /** Channel words of your export → the engine's channels (`{ Phone: 'call' }`); the engine's own names always work. */
  channels?: Record<string, Channel>;
  /**
   * Outcome words of your export → the engine's outcomes (`{ 'Left voicemail': 'voicemail',
   * 'Spoke to DM': 'connected' }`), compared in any case and before the built-in words
   * (docs/adapters/csv.md lists them). An outcome cell no word matches is a `bad-value` error of
   * its row, counted in `unmappedOutcomes`: read as it is, it would count as a conversation. A
   * custom outcome the policy counts is kept by mapping it to itself.
   */
  outcomes?: Record<string, Outcome>;
  /** Direction words of your export → `outbound`/`inbound` (`{ Out: 'outbound' }`). */
  directions?: Record<string, Direction>;
  /** Attributes kept as text even when a cell looks like a number (an account number …). */
  textAttributes?: readonly string[];
  /**
   * Splits a touch's contact cell into several contacts (`c1|c2|c3` with `'|'`), one touch
   * each, for activities with several people. Without it the cell is one id.
   */
  contactIdSeparator?: string;
}

/**
 * One bad cell (or a problem of the whole row, without a column).
 *
 * @example
 * const problem: CsvProblem = { code: 'unknown-zone', column: 'timeZone', message: 'timeZone: unknown IANA time zone "Mars"' };
 */
export interface CsvProblem {
  code: AdapterErrorCode;
  column?: string;
  message: string;
}

/**
 * An error naming the CSV line (1-based, the header is line 1) and the column. A row is one
 * error however many of its cells are bad: `code`, `column` and `path` name the first, `problems`
 * lists them all, and `message` says them all.
 *
 * @example
 * for (const error of result.errors) console.warn(`${error.source} line ${error.line}: ${error.message}`);
 */
export interface CsvError extends AdapterError {
  line: number;
  /** The column's header, when a cell is at fault. */
  column?: string;
  problems: CsvProblem[];
}

/**
 * A row left out on purpose, with its line.
 *
 * @example
 * const skipped: CsvSkipped = { source: 'touches', index: 4, reason: 'open-activity', line: 6 };
 */
export interface CsvSkipped extends SkippedRecord {
  line: number;
}

/**
 * What `fromCsv` returns: the shared adapter result, with lines on errors and skipped rows.
 *
 * @example
 * const { contacts, touches, errors, ignoredColumns } = fromCsv(sources);
 */
export interface CsvResult extends AdapterResult {
  errors: CsvError[];
  skipped: CsvSkipped[];
  /** Per collection, the header cells no field was read from (a misspelt header shows up here). */
  ignoredColumns: Record<string, string[]>;
  /**
   * Outcome words no built-in word nor the `outcomes` option maps, each with the number of rows
   * it refused (words compared in any case, listed under their first spelling): the entries to
   * add to `outcomes`.
   */
  unmappedOutcomes: Record<string, number>;
  /**
   * Where each record of `contacts`, `touches` and `owners` came from, index for index: its row
   * (`index`, as errors count rows) and `line`. An engine error names a record by its position in
   * what it was given; this turns it back into the CSV's row and line.
   */
  origins: { contacts: CsvOrigin[]; touches: CsvOrigin[]; owners: CsvOrigin[] };
}

/**
 * The row a mapped record came from: its index among the CSV's data rows and its line.
 *
 * @example
 * const { line } = result.origins.contacts[engineError.index]!;
 */
export interface CsvOrigin {
  index: number;
  line: number;
}

/**
 * The CSV texts to read; each is optional.
 *
 * @example
 * const sources: CsvSources = { contacts: readFileSync('contacts.csv', 'utf8'), touches: readFileSync('touches.csv', 'utf8') };
 */
export interface CsvSources {
  contacts?: string;
  touches?: string;
  owners?: string;
}

/**
 * A CSV arriving in chunks: a Node readable stream, a web `ReadableStream`, any (async) iterable of text or bytes, or the whole text.
 *
 * @example
 * const input: CsvInput = createReadStream('touches.csv');
 */
export type CsvInput = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> | string;

/**
 * The CSV streams to read; each is optional.
 *
 * @example
 * const sources: CsvStreamSources = { touches: createReadStream('touches.csv') };
 */
export interface CsvStreamSources {
  contacts?: CsvInput;
  touches?: CsvInput;
  owners?: CsvInput;
}
