/**
 * `fromCsv`: contacts, touches and owners from CSV text (a spreadsheet export, a warehouse dump),
 * through a column mapping, into the engine's wire format. csv-parse reads the text (RFC 4180
 * quoting, a byte-order mark, any of CRLF, LF or CR line ends); this file decides what each cell
 * means and reports every row it cannot map by its line and column.
 */
import { type Options as ParseOptions, parse as parseStream } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { Contact, Owner, Touch } from '../../core/types.js';
import { isValidZone } from '../../core/zones.js';
import { InputError } from '../../errors/errors.js';
import { CHANNELS, type Channel, DIRECTIONS, type Direction } from '../../schema/policy.js';
import type { AdapterError, AdapterErrorCode, AdapterResult, SkippedRecord } from '../shared/types.js';
import { type CellResult, readAttribute, readBoolean, readCount, readDateOrInstant, readInstant, unneutralise } from './cells.js';

/** Which column holds each contact field. Unnamed fields use their wire-format name as the column. */
export interface CsvContactColumns {
  id?: string;
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

/** Which column holds each touch field. */
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

/** Which column holds each owner field. */
export interface CsvOwnerColumns {
  id?: string;
  timeZone?: string;
  calendar?: string;
  dailyCapacity?: string;
}

export interface CsvMapping {
  contacts?: CsvContactColumns;
  touches?: CsvTouchColumns;
  owners?: CsvOwnerColumns;
}

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

/** One bad cell (or a problem of the whole row, without a column). */
export interface CsvProblem {
  code: AdapterErrorCode;
  column?: string;
  message: string;
}

/**
 * An error naming the CSV line (1-based, the header is line 1) and the column. A row is one
 * error however many of its cells are bad: `code`, `column` and `path` name the first, `problems`
 * lists them all, and `message` says them all.
 */
export interface CsvError extends AdapterError {
  line: number;
  /** The column's header, when a cell is at fault. */
  column?: string;
  problems: CsvProblem[];
}

/** A row left out on purpose, with its line. */
export interface CsvSkipped extends SkippedRecord {
  line: number;
}

/** What `fromCsv` returns: the shared adapter result, with lines on errors and skipped rows. */
export interface CsvResult extends AdapterResult {
  errors: CsvError[];
  skipped: CsvSkipped[];
  /** Per collection, the header cells no field was read from (a misspelt header shows up here). */
  ignoredColumns: Record<string, string[]>;
}

/** The CSV texts to read; each is optional. */
export interface CsvSources {
  contacts?: string;
  touches?: string;
  owners?: string;
}

/** A CSV arriving in chunks: a Node readable stream, a web `ReadableStream`, any (async) iterable of text or bytes, or the whole text. */
export type CsvInput = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> | string;

/** The CSV streams to read; each is optional. */
export interface CsvStreamSources {
  contacts?: CsvInput;
  touches?: CsvInput;
  owners?: CsvInput;
}

const DEFAULT_COMPLETED = ['true', 'yes', 'y', '1', 'x', 'done', 'completed', 'complete', 'closed', 'held'];
const DEFAULT_OPEN = [
  'false',
  'no',
  'n',
  '0',
  'open',
  'planned',
  'scheduled',
  'pending',
  'not started',
  'in progress',
  'waiting on someone else',
  'deferred',
  'to do',
  'todo',
  'canceled',
  'cancelled',
];
const COMPLETED_COLUMN_NAMES = ['completed', 'done', 'status'];

/** One data row: its cells by column position, its place in the collection and its line. */
interface Row {
  cells: string[];
  index: number;
  line: number;
}

/** Header lookup: exact name first, then the same letters and digits in any case (`Time Zone` = `timeZone`). */
class Header {
  readonly names: string[];
  private readonly used = new Set<number>();
  private readonly exact = new Map<string, number>();
  private readonly loose = new Map<string, number>();

  constructor(names: string[]) {
    this.names = names;
    names.forEach((name, position) => {
      if (this.exact.has(name)) throw new InputError(`CSV header names the column ${JSON.stringify(name)} twice`);
      this.exact.set(name, position);
      const key = looseName(name);
      if (!this.loose.has(key)) this.loose.set(key, position);
    });
  }

  // Rows ask for the same few columns again and again: each answer is worked out once.
  private readonly found = new Map<string, number | undefined>();

  /** Whether a column of that name exists, without marking it used. */
  has(name: string): boolean {
    return this.exact.has(name) || this.loose.has(looseName(name));
  }

  /** The position of a column, marking it used. */
  find(name: string): number | undefined {
    if (this.found.has(name)) return this.found.get(name);
    const position = this.exact.get(name) ?? this.loose.get(looseName(name));
    if (position !== undefined) this.used.add(position);
    this.found.set(name, position);
    return position;
  }

  /** Columns whose header starts with `prefix` (`attributes.`), by the rest of their name. */
  prefixed(prefix: string): [string, number][] {
    const found: [string, number][] = [];
    this.names.forEach((name, position) => {
      if (name.length > prefix.length && name.toLowerCase().startsWith(prefix.toLowerCase())) {
        found.push([name.slice(prefix.length), position]);
        this.used.add(position);
      }
    });
    return found;
  }

  ignored(): string[] {
    return this.names.filter((_, position) => !this.used.has(position));
  }
}

/** Looks the fields' columns up once, so a file without rows still reports which headers it ignores. */
function markUsed(header: Header, columns: readonly string[]): void {
  for (const column of columns) header.find(column);
}

const looseName = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The collection a problem belongs to, and how to report it. */
class Collection {
  readonly errors: CsvError[] = [];
  readonly skipped: CsvSkipped[] = [];
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
 * Which line each record starts on. csv-parse reports the byte offset where a record ends, and its
 * own line count is where a record ends (counting a CRLF inside quotes twice), so lines are counted
 * here from the bytes as they are fed: a record starts on the first line with content after the
 * previous record's end. Only the lines not yet passed are kept, so a stream of any length needs
 * little memory.
 */
class LineTracker {
  private starts: number[] = [0];
  private empty: boolean[] = [true];
  private head = 0;
  private firstLine = 1;
  private fed = 0;
  private afterCarriageReturn = false;
  private previousEnd = 0;
  private notBefore = 0;

  feed(bytes: Uint8Array): void {
    for (let offset = 0; offset < bytes.length; offset++) {
      const byte = bytes[offset];
      const position = this.fed + offset;
      if (this.afterCarriageReturn) {
        this.afterCarriageReturn = false;
        if (byte === 10) {
          // CRLF is one line end: the line starts after the LF.
          this.starts[this.starts.length - 1] = position + 1;
          continue;
        }
      }
      if (byte === 13 || byte === 10) {
        this.starts.push(position + 1);
        this.empty.push(true);
        this.afterCarriageReturn = byte === 13;
      } else this.empty[this.empty.length - 1] = false;
    }
    this.fed += bytes.length;
  }

  /** The line of the record that ends at byte `end` (as csv-parse counts, from the start of the text). */
  recordLine(end: number): number {
    let line = this.head;
    while (line + 1 < this.starts.length && this.starts[line + 1]! <= this.previousEnd) line++;
    while (line + 1 < this.starts.length && this.empty[line] && this.starts[line]! >= this.previousEnd) line++;
    this.previousEnd = end;
    this.head = line;
    if (this.head > 4096) {
      this.starts.splice(0, this.head);
      this.empty.splice(0, this.head);
      this.firstLine += this.head;
      this.head = 0;
    }
    return Math.max(this.firstLine + line, this.notBefore + 1);
  }

  /** After a record csv-parse could not read, whose end it does not report: the next starts after that line. */
  brokenAt(line: number): void {
    this.notBefore = Math.max(this.notBefore, line);
  }
}

/** What reads one row of a collection: maps it, or reports it to the collection. */
type RowReader = (row: Row) => void;

/**
 * Takes csv-parse's records one by one, in file order: the first names the columns, each next is
 * checked (too many cells, all empty) and handed to the collection's reader. A record csv-parse
 * could not read (a stray quote) is an error of its own.
 */
class Intake {
  private collection: Collection | undefined;
  private reader: RowReader | undefined;
  private index = 0;
  private early: { line: number; message: string }[] = [];
  /** A problem that stops the whole file (a header naming a column twice), thrown once parsing ends. */
  private failure: unknown;

  constructor(
    private readonly source: string,
    private readonly makeReader: (collection: Collection) => RowReader,
  ) {}

  record(cells: string[], line: number): void {
    if (this.failure !== undefined) return;
    try {
      if (this.collection === undefined) {
        this.start(cells);
        return;
      }
      const row: Row = { cells, index: this.index++, line };
      const collection = this.collection;
      collection.read += 1;
      const width = collection.header.names.length;
      if (cells.slice(width).some((cell) => cell !== '')) {
        collection.error(row, 'bad-value', undefined, `the row has ${cells.length} cells but the header names ${width} columns`);
      } else if (cells.every((cell) => cell === '')) {
        collection.skip(row, 'empty-row');
      } else this.reader!(row);
    } catch (error) {
      // Thrown inside csv-parse's callback, an error would only skip the record: keep it for the end.
      this.failure = error;
    }
  }

  broken(line: number, message: string): void {
    if (this.collection === undefined) {
      this.early.push({ line, message });
      return;
    }
    this.collection.read += 1;
    this.collection.error({ cells: [], index: this.index++, line }, 'bad-value', undefined, `the CSV text cannot be read here: ${message}`);
  }

  finish(): Collection {
    if (this.failure !== undefined) throw this.failure;
    if (this.collection === undefined) this.start([]);
    if (this.failure !== undefined) throw this.failure;
    return this.collection!;
  }

  private start(names: string[]): void {
    this.collection = new Collection(this.source, new Header(names));
    this.reader = this.makeReader(this.collection);
    for (const entry of this.early) this.broken(entry.line, entry.message);
    this.early = [];
  }
}

/** csv-parse's options: records go straight to the intake, none is kept (so a stream holds no rows). */
function parseOptions(options: FromCsvOptions, intake: Intake, lines: LineTracker): ParseOptions {
  return {
    bom: true,
    delimiter: options.delimiter ?? ',',
    // Any of CRLF, LF and CR ends a record, also mixed in one file (one edited on two systems).
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    skip_records_with_error: true,
    // The callback's context has the byte count: `info: true` would add a copy per record.
    on_record: (record: string[], context: { bytes: number }) => {
      intake.record(record, lines.recordLine(context.bytes));
      return null;
    },
    on_skip: (error) => {
      if (!error) return;
      const line = typeof error.lines === 'number' ? error.lines : 0;
      lines.brokenAt(line);
      intake.broken(line, error.message);
    },
  };
}

function readText(source: string, text: string, options: FromCsvOptions, makeReader: (collection: Collection) => RowReader): Collection {
  const intake = new Intake(source, makeReader);
  const lines = new LineTracker();
  // csv-parse counts UTF-8 bytes, whatever it is given.
  lines.feed(new TextEncoder().encode(text));
  parseSync(text, parseOptions(options, intake, lines));
  return intake.finish();
}

async function readStream(
  source: string,
  input: CsvInput,
  options: FromCsvOptions,
  makeReader: (collection: Collection) => RowReader,
): Promise<Collection> {
  const intake = new Intake(source, makeReader);
  const lines = new LineTracker();
  const parser = parseStream(parseOptions(options, intake, lines));
  const ended = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  parser.resume();
  const encoder = new TextEncoder();
  // A whole text is one chunk, not a string iterated character by character.
  for await (const chunk of typeof input === 'string' ? [input] : input) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    // The lines of a chunk are known before csv-parse sees it: its records come out during write.
    lines.feed(bytes);
    parser.write(bytes);
  }
  parser.end();
  await ended;
  return intake.finish();
}

/** A row's cells by column name, with empty cells as missing and neutralised formulas undone. */
function cellOf(row: Row, position: number | undefined): string | undefined {
  if (position === undefined) return undefined;
  const cell = row.cells[position];
  return cell === undefined || cell === '' ? undefined : unneutralise(cell);
}

/** Reads one field of a row; a bad cell records an error and gives `null`. */
type Take = <T>(field: string, column: string, read: (cell: string) => CellResult<T>) => T | undefined | null;

function taker(collection: Collection, row: Row, problems: CsvProblem[]): Take {
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

const text = (cell: string): CellResult<string> => ({ ok: true, value: cell });
const zone = (cell: string): CellResult<string> =>
  isValidZone(cell)
    ? { ok: true, value: cell }
    : { ok: false, problem: { code: 'unknown-zone', message: `unknown IANA time zone ${JSON.stringify(cell)}` } };

function contactReader(collection: Collection, options: FromCsvOptions, contacts: Contact[]): RowReader {
  const columns = options.mapping?.contacts ?? {};
  const header = collection.header;
  const idColumn = columns.id ?? 'id';
  const idPosition = header.find(idColumn);
  const attributeColumns = new Map<string, number>(header.prefixed('attributes.'));
  for (const [name, column] of Object.entries(columns.attributes ?? {})) {
    const position = header.find(column);
    if (position !== undefined) attributeColumns.set(name, position);
  }
  const eventColumns = new Map<string, string>(header.prefixed('events.').map(([name, position]) => [name, header.names[position]!]));
  for (const [name, column] of Object.entries(columns.events ?? {})) eventColumns.set(name, column);
  markUsed(header, [
    columns.ownerId ?? 'ownerId',
    columns.timeZone ?? 'timeZone',
    columns.tier ?? 'tier',
    columns.calendar ?? 'calendar',
    columns.createdAt ?? 'createdAt',
    columns.doNotContact ?? 'doNotContact',
    columns.pausedUntil ?? 'pausedUntil',
    ...eventColumns.values(),
  ]);
  const textAttributes = new Set(options.textAttributes ?? []);
  const firstLine = new Map<string, number>();

  return (row) => {
    const id = cellOf(row, idPosition);
    if (id === undefined) {
      collection.error(
        row,
        'missing-id',
        header.names[idPosition ?? -1] ?? idColumn,
        idPosition === undefined ? `no column ${JSON.stringify(idColumn)} for the contact id` : 'the contact id is empty',
      );
      return;
    }
    const problems: CsvProblem[] = [];
    const take = taker(collection, row, problems);
    const contact: Contact = { id };
    const ownerId = take('ownerId', columns.ownerId ?? 'ownerId', text);
    if (ownerId) contact.ownerId = ownerId;
    const timeZone = take('timeZone', columns.timeZone ?? 'timeZone', zone);
    if (timeZone) contact.timeZone = timeZone;
    const tier = take('tier', columns.tier ?? 'tier', text);
    if (tier) contact.tier = tier;
    const calendar = take('calendar', columns.calendar ?? 'calendar', text);
    if (calendar) contact.calendar = calendar;
    const createdAt = take('createdAt', columns.createdAt ?? 'createdAt', (cell) => readInstant(cell, options.localTimeZone));
    if (createdAt) contact.createdAt = createdAt;
    const doNotContact = take('doNotContact', columns.doNotContact ?? 'doNotContact', readBoolean);
    if (typeof doNotContact === 'boolean') contact.doNotContact = doNotContact;
    const pausedUntil = take('pausedUntil', columns.pausedUntil ?? 'pausedUntil', (cell) => readDateOrInstant(cell, options.localTimeZone));
    if (pausedUntil) contact.pausedUntil = pausedUntil;
    const attributes: Record<string, unknown> = {};
    for (const [name, position] of attributeColumns) {
      const cell = cellOf(row, position);
      if (cell !== undefined) attributes[name] = textAttributes.has(name) ? cell : readAttribute(cell);
    }
    if (Object.keys(attributes).length > 0) contact.attributes = attributes;
    const events: Record<string, string> = {};
    for (const [name, column] of eventColumns) {
      const value = take(`events.${name}`, column, (cell) => readDateOrInstant(cell, options.localTimeZone));
      if (value) events[name] = value;
    }
    if (Object.keys(events).length > 0) contact.events = events;
    if (problems.length > 0) {
      collection.report(row, problems, id);
      return;
    }
    const first = firstLine.get(id);
    if (first !== undefined) {
      collection.error(
        row,
        'duplicate-id',
        header.names[idPosition!],
        `duplicate contact id ${JSON.stringify(id)}: first on line ${first}, only that one is kept`,
        id,
      );
      return;
    }
    firstLine.set(id, row.line);
    collection.mapped += 1;
    contacts.push(contact);
  };
}

function ownerReader(collection: Collection, options: FromCsvOptions, owners: Owner[]): RowReader {
  const columns = options.mapping?.owners ?? {};
  const idColumn = columns.id ?? 'id';
  const idPosition = collection.header.find(idColumn);
  markUsed(collection.header, [columns.timeZone ?? 'timeZone', columns.calendar ?? 'calendar', columns.dailyCapacity ?? 'dailyCapacity']);
  const seen = new Map<string, number>();
  return (row) => {
    const id = cellOf(row, idPosition);
    if (id === undefined) {
      collection.error(
        row,
        'missing-id',
        collection.header.names[idPosition ?? -1] ?? idColumn,
        idPosition === undefined ? `no column ${JSON.stringify(idColumn)} for the owner id` : 'the owner id is empty',
      );
      return;
    }
    const problems: CsvProblem[] = [];
    const take = taker(collection, row, problems);
    const owner: Owner = { id };
    const timeZone = take('timeZone', columns.timeZone ?? 'timeZone', zone);
    if (timeZone) owner.timeZone = timeZone;
    const calendar = take('calendar', columns.calendar ?? 'calendar', text);
    if (calendar) owner.calendar = calendar;
    const capacity = take('dailyCapacity', columns.dailyCapacity ?? 'dailyCapacity', readCount);
    if (typeof capacity === 'number') owner.dailyCapacity = capacity;
    if (problems.length > 0) {
      collection.report(row, problems, id);
      return;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      collection.error(
        row,
        'duplicate-id',
        collection.header.names[idPosition!],
        `duplicate owner id ${JSON.stringify(id)}: first on line ${first}, only that one is kept`,
        id,
      );
      return;
    }
    seen.set(id, row.line);
    collection.mapped += 1;
    owners.push(owner);
  };
}

/** Lower-cased words → value, from the engine's own names plus the caller's. */
function vocabulary<T extends string>(own: readonly T[], extra: Record<string, T> | undefined): Map<string, T> {
  const words = new Map<string, T>(own.map((word) => [word, word]));
  for (const [word, value] of Object.entries(extra ?? {})) words.set(word.toLowerCase(), value);
  return words;
}

function touchReader(
  collection: Collection,
  options: FromCsvOptions,
  knownContacts: Set<string> | undefined,
  failedContacts: Set<string>,
  touches: Touch[],
): RowReader {
  const header = collection.header;
  const columns = options.mapping?.touches ?? {};
  const contactColumn = columns.contactId ?? 'contactId';
  const contactPosition = header.find(contactColumn);
  const atColumn = columns.at ?? 'at';
  const channelColumn = columns.channel ?? 'channel';
  // The first of the usual names only: a `status` column beside `done` is not read, so it is listed as ignored.
  const completedName = columns.completed ?? COMPLETED_COLUMN_NAMES.find((name) => header.has(name));
  const completedPosition = completedName === undefined ? undefined : header.find(completedName);
  const completedWords = new Set((options.completedValues ?? DEFAULT_COMPLETED).map((word) => word.toLowerCase()));
  const openWords = new Set((options.openValues ?? DEFAULT_OPEN).map((word) => word.toLowerCase()));
  const channels = vocabulary(CHANNELS, options.channels);
  const directions = vocabulary(DIRECTIONS, options.directions);
  markUsed(header, [atColumn, channelColumn, columns.direction ?? 'direction', columns.outcome ?? 'outcome', columns.purpose ?? 'purpose']);
  const separator = options.contactIdSeparator;

  return (row) => {
    const contactId = cellOf(row, contactPosition);
    if (columns.completed !== undefined && completedPosition === undefined) {
      collection.error(
        row,
        'missing-field',
        columns.completed,
        `no column ${JSON.stringify(columns.completed)} saying whether the activity was done`,
        contactId,
      );
      return;
    }
    if (completedPosition !== undefined) {
      const state = (cellOf(row, completedPosition) ?? '').toLowerCase();
      if (state === '' || openWords.has(state)) {
        collection.skip(row, 'open-activity', contactId);
        return;
      }
      if (!completedWords.has(state)) {
        collection.error(
          row,
          'bad-value',
          header.names[completedPosition],
          `neither done (${[...completedWords].join(', ')}) nor open (${[...openWords].join(', ')}): ${JSON.stringify(state)}; the completedValues and openValues options add words`,
          contactId,
        );
        return;
      }
    }
    if (contactId === undefined) {
      collection.error(
        row,
        'missing-id',
        header.names[contactPosition ?? -1] ?? contactColumn,
        contactPosition === undefined ? `no column ${JSON.stringify(contactColumn)} for the contact id` : 'the contact id is empty',
      );
      return;
    }
    const problems: CsvProblem[] = [];
    const take = taker(collection, row, problems);
    const required = (field: string, column: string): boolean => {
      if (cellOf(row, header.find(column)) !== undefined) return true;
      const position = header.find(column);
      problems.push({
        code: 'missing-field',
        column: header.names[position ?? -1] ?? column,
        message: position === undefined ? `no column ${JSON.stringify(column)} for ${field}` : `${field} is empty`,
      });
      return false;
    };
    const hasAt = required('at', atColumn);
    const hasChannel = required('channel', channelColumn);
    const at = hasAt ? take('at', atColumn, (cell) => readInstant(cell, options.localTimeZone)) : undefined;
    const channel = hasChannel
      ? take('channel', channelColumn, (cell): CellResult<Channel> => {
          const value = channels.get(cell.toLowerCase());
          return value
            ? { ok: true, value }
            : {
                ok: false,
                problem: {
                  code: 'bad-value',
                  message: `unknown channel ${JSON.stringify(cell)} (${CHANNELS.join(', ')}; the channels option maps other words)`,
                },
              };
        })
      : undefined;
    const direction = take('direction', columns.direction ?? 'direction', (cell): CellResult<Direction> => {
      const value = directions.get(cell.toLowerCase());
      return value
        ? { ok: true, value }
        : {
            ok: false,
            problem: {
              code: 'bad-value',
              message: `unknown direction ${JSON.stringify(cell)} (outbound, inbound; the directions option maps other words)`,
            },
          };
    });
    const outcome = take('outcome', columns.outcome ?? 'outcome', text);
    const purpose = take('purpose', columns.purpose ?? 'purpose', text);
    if (problems.length > 0 || !at || !channel) {
      collection.report(
        row,
        problems.length > 0 ? problems : [{ code: 'missing-field', message: 'at and channel are required' }],
        contactId,
      );
      return;
    }
    // One activity may name several contacts (a meeting with three people): one touch each.
    const contactIds =
      separator === undefined
        ? [contactId]
        : [
            ...new Set(
              contactId
                .split(separator)
                .map((id) => id.trim())
                .filter((id) => id !== ''),
            ),
          ];
    if (contactIds.length === 0) {
      collection.error(
        row,
        'missing-id',
        header.names[contactPosition!],
        `no contact id between the separators: ${JSON.stringify(contactId)}`,
        contactId,
      );
      return;
    }
    const unknown = knownContacts === undefined ? [] : contactIds.filter((id) => !knownContacts.has(id));
    if (unknown.length > 0) {
      const why = (id: string) =>
        `${JSON.stringify(id)}: ${failedContacts.has(id) ? 'its row in the contacts CSV has an error' : 'it is not in the contacts CSV'}`;
      collection.error(row, 'unknown-contact', header.names[contactPosition!], `unknown contact ${unknown.map(why).join('; ')}`, contactId);
      return;
    }
    for (const id of contactIds) {
      const touch: Touch = { contactId: id, at, channel };
      if (direction) touch.direction = direction;
      if (outcome) touch.outcome = outcome;
      if (purpose) touch.purpose = purpose;
      touches.push(touch);
    }
    collection.mapped += 1;
  };
}

/**
 * Contacts, touches and owners from CSV text, in the engine's wire format. Each CSV is optional;
 * its first line names the columns. By default a field is read from the column of its wire-format
 * name (`id`, `timeZone`, `contactId`, `at` …, matched also as `Time Zone` or `time_zone`), every
 * `attributes.<name>` column becomes an attribute (a number when written as one) and every
 * `events.<name>` column an event date. Empty cells are missing values. Every row is mapped,
 * skipped (`open-activity`, `empty-row`) or an error naming its line and column; with a contacts
 * CSV, a touch of a contact not in it is an `unknown-contact` error.
 *
 * @example
 * const { contacts, touches, owners, errors } = fromCsv(
 *   { contacts: 'id,ownerId,timeZone,attributes.annualRevenue\nc1,u1,Europe/Berlin,120000\n',
 *     touches: 'contactId,at,channel,done\nc1,2026-11-02T09:30:00Z,call,yes\n' },
 * );
 * // contacts: [{ id: 'c1', ownerId: 'u1', timeZone: 'Europe/Berlin', attributes: { annualRevenue: 120000 } }]
 */
export function fromCsv(sources: CsvSources, options: FromCsvOptions = {}): CsvResult {
  checkOptions(options);
  for (const [name, text] of Object.entries(sources)) {
    if (text !== undefined && typeof text !== 'string')
      throw new InputError(`${name}: the CSV text must be a string (read the file first, or use fromCsvStream)`);
  }
  const book = new Book(options);
  if (sources.contacts !== undefined) book.add(readText('contacts', sources.contacts, options, book.contactReader));
  if (sources.owners !== undefined) book.add(readText('owners', sources.owners, options, book.ownerReader));
  if (sources.touches !== undefined) book.add(readText('touches', sources.touches, options, book.touchReader));
  return book.result();
}

/**
 * `fromCsv` for files too large to hold as text: each CSV is a stream of text or bytes (a Node
 * `fs.createReadStream`, a web `ReadableStream`, any async iterable of chunks), read as it
 * arrives. The result is the same as `fromCsv` on the whole text.
 *
 * @example
 * import { createReadStream } from 'node:fs';
 * const book = await fromCsvStream({ contacts: createReadStream('contacts.csv'), touches: createReadStream('touches.csv') });
 */
export async function fromCsvStream(sources: CsvStreamSources, options: FromCsvOptions = {}): Promise<CsvResult> {
  checkOptions(options);
  for (const [name, input] of Object.entries(sources)) {
    const iterable = input as { [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown } | undefined;
    if (
      input !== undefined &&
      typeof input !== 'string' &&
      (typeof iterable !== 'object' ||
        iterable === null ||
        (typeof iterable[Symbol.asyncIterator] !== 'function' && typeof iterable[Symbol.iterator] !== 'function'))
    ) {
      throw new InputError(`${name}: not a stream or an iterable of text or bytes`);
    }
  }
  const book = new Book(options);
  if (sources.contacts !== undefined) book.add(await readStream('contacts', sources.contacts, options, book.contactReader));
  if (sources.owners !== undefined) book.add(await readStream('owners', sources.owners, options, book.ownerReader));
  if (sources.touches !== undefined) book.add(await readStream('touches', sources.touches, options, book.touchReader));
  return book.result();
}

function checkOptions(options: FromCsvOptions): void {
  if (options.localTimeZone !== undefined && !isValidZone(options.localTimeZone)) {
    throw new InputError(`localTimeZone: unknown IANA time zone ${JSON.stringify(options.localTimeZone)}`);
  }
}

/** The result being built: contacts first, so touches can be checked against them. */
class Book {
  private readonly contacts: Contact[] = [];
  private readonly owners: Owner[] = [];
  private readonly touches: Touch[] = [];
  private readonly collections: Collection[] = [];
  private knownContacts: Set<string> | undefined;
  private readonly failedContacts = new Set<string>();

  constructor(private readonly options: FromCsvOptions) {}

  readonly contactReader = (collection: Collection): RowReader => contactReader(collection, this.options, this.contacts);
  readonly ownerReader = (collection: Collection): RowReader => ownerReader(collection, this.options, this.owners);
  readonly touchReader = (collection: Collection): RowReader =>
    touchReader(collection, this.options, this.knownContacts, this.failedContacts, this.touches);

  add(collection: Collection): void {
    this.collections.push(collection);
    if (collection.source !== 'contacts') return;
    this.knownContacts = new Set(this.contacts.map((contact) => String(contact.id)));
    for (const error of collection.errors) if (error.id !== undefined) this.failedContacts.add(error.id);
  }

  result(): CsvResult {
    const result: CsvResult = {
      contacts: this.contacts,
      touches: this.touches,
      owners: this.owners,
      errors: [],
      skipped: [],
      counts: {},
      ignoredColumns: {},
    };
    for (const collection of this.collections) {
      result.errors.push(...collection.sortedErrors());
      result.skipped.push(...collection.skipped);
      result.counts[collection.source] = collection.counts();
      result.ignoredColumns[collection.source] = collection.header.ignored();
    }
    return result;
  }
}
