/**
 * `fromCsv`: contacts, touches and owners from CSV text (a spreadsheet export, a warehouse dump),
 * through a column mapping, into the engine's wire format. parse.ts reads the text, header.ts finds
 * the columns, contacts.ts, owners.ts and touches.ts decide what each row means (cells.ts what each
 * cell means), and collection.ts reports every row that cannot be mapped by its line and column.
 * This file reads the CSVs in order: contacts first, so touches can be checked against them.
 */
import type { Contact, Owner, Touch } from '../../core/types.js';
import { isValidZone } from '../../time/zones.js';
import { InputError } from '../../errors/errors.js';
import type { Collection, RowReader } from './collection.js';
import { contactReader } from './contacts.js';
import { ownerReader } from './owners.js';
import { readStream, readText } from './parse.js';
import { touchReader } from './touches.js';
import { isPlainRecord, refuseUnknownOptions, unknownCollectionMessage, unknownCollections } from '../shared/values.js';
import type { CsvError, CsvOrigin, CsvResult, CsvSources, CsvStreamSources, FromCsvOptions } from './types.js';

/** The CSVs `fromCsv` reads, in the order it reads them. */
const COLLECTIONS = ['contacts', 'touches', 'owners'] as const;

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
  checkSources('fromCsv', sources);
  checkOptions('fromCsv', options);
  for (const name of COLLECTIONS) {
    const text = sources[name];
    if (text !== undefined && typeof text !== 'string')
      throw new InputError(`${name}: the CSV text must be a string (read the file first, or use fromCsvStream)`);
  }
  const book = new Book(options, unknownSources('fromCsv', sources));
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
  checkSources('fromCsvStream', sources);
  checkOptions('fromCsvStream', options);
  for (const name of COLLECTIONS) {
    const input = sources[name];
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
  const book = new Book(options, unknownSources('fromCsvStream', sources));
  if (sources.contacts !== undefined) book.add(await readStream('contacts', sources.contacts, options, book.contactReader));
  if (sources.owners !== undefined) book.add(await readStream('owners', sources.owners, options, book.ownerReader));
  if (sources.touches !== undefined) book.add(await readStream('touches', sources.touches, options, book.touchReader));
  return book.result();
}

function checkSources(reader: string, sources: unknown): void {
  if (!isPlainRecord(sources)) throw new InputError(`${reader}: sources must be an object such as { contacts, touches, owners }`);
}

/**
 * A key of `sources` that names no CSV the reader reads (`Contacts`, `calls`): read as nothing it
 * would give all-zero counts and no error, so it is one record read in error, as in the CRM
 * adapters. Nothing of it was read, so its line is 1 (the header line).
 */
function unknownSources(reader: string, sources: object): CsvError[] {
  const errors: CsvError[] = [];
  for (const entry of unknownCollections(sources, COLLECTIONS)) {
    if ((sources as Record<string, unknown>)[entry.key] === undefined) continue;
    const message = unknownCollectionMessage(reader, entry, COLLECTIONS).replace(/records\./, 'sources.');
    errors.push({ code: 'unknown-collection', source: entry.key, index: 0, path: [entry.key], line: 1, problems: [{ code: 'unknown-collection', message }], message });
  }
  return errors;
}

/** Every option fromCsv and fromCsvStream takes (typed against FromCsvOptions, so a new option must be listed here). */
const OPTION_NAMES: Record<keyof FromCsvOptions, true> = {
  mapping: true,
  delimiter: true,
  localTimeZone: true,
  completedValues: true,
  openValues: true,
  channels: true,
  outcomes: true,
  directions: true,
  textAttributes: true,
  contactIdSeparator: true,
};

function checkOptions(reader: string, options: FromCsvOptions): void {
  refuseUnknownOptions(reader, options, OPTION_NAMES);
  if (options.localTimeZone !== undefined && !isValidZone(options.localTimeZone)) {
    throw new InputError(`localTimeZone: unknown IANA time zone ${JSON.stringify(options.localTimeZone)}`);
  }
  for (const [word, outcome] of Object.entries(options.outcomes ?? {})) {
    if (typeof outcome !== 'string' || outcome.trim() === '')
      throw new InputError(`outcomes: ${JSON.stringify(word)} must map to an outcome name (connected, voicemail, no-answer, bounced, or your own)`);
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
  private readonly origins = { contacts: [] as CsvOrigin[], touches: [] as CsvOrigin[], owners: [] as CsvOrigin[] };
  private readonly unmappedOutcomes = new Map<string, { word: string; rows: number }>();

  constructor(
    private readonly options: FromCsvOptions,
    private readonly unknownSources: readonly CsvError[],
  ) {}

  readonly contactReader = (collection: Collection): RowReader =>
    contactReader(collection, this.options, this.contacts, this.origins.contacts);
  readonly ownerReader = (collection: Collection): RowReader => ownerReader(collection, this.options, this.owners, this.origins.owners);
  readonly touchReader = (collection: Collection): RowReader =>
    touchReader(
      collection,
      this.options,
      this.knownContacts,
      this.failedContacts,
      this.touches,
      this.origins.touches,
      this.unmappedOutcomes,
    );

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
      warnings: [],
      counts: {},
      ignoredColumns: {},
      unmappedOutcomes: Object.fromEntries([...this.unmappedOutcomes.values()].map(({ word, rows }) => [word, rows])),
      origins: this.origins,
    };
    for (const error of this.unknownSources) {
      result.errors.push(error);
      result.counts[error.source] = { read: 1, mapped: 0, skipped: 0, errors: 1 };
    }
    for (const collection of this.collections) {
      result.errors.push(...collection.sortedErrors());
      result.skipped.push(...collection.skipped);
      result.warnings.push(...collection.warnings);
      result.counts[collection.source] = collection.counts();
      result.ignoredColumns[collection.source] = collection.header.ignored();
    }
    return result;
  }
}
