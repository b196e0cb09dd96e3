/**
 * Where a run's data comes from: a folder laid out like examples/data/ (`policy.json`,
 * `contacts.json|.ndjson|.csv`, `touches.*`, `owners.*`, `snoozes.*`, or `records.ndjson` in place
 * of contacts and touches), explicit files, or stdin (`-`). JSON arrays, NDJSON (one record a
 * line, read as it streams in, so the text is never held beside the records) and CSV (through
 * calling-cycle/csv's reader). Records (`{ contact, touches }` a line) are streamed by
 * record-stream.ts rather than read here.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { FromCsvOptions } from '../adapters/csv/index.js';
import type { CliRecordError } from './errors.js';
import { UsageError } from './errors.js';
import { ndjsonLines } from './ndjson-lines.js';

export const RECORD_KINDS = ['contacts', 'touches', 'owners', 'snoozes'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export type InputFormat = 'json' | 'ndjson' | 'csv';

/** What a folder or the flags name: a path per input, or `-` for stdin. */
export type InputPaths = { policy?: string; records?: string } & Partial<Record<RecordKind, string>>;

/** Singular names, as record errors name them. */
export const RECORD_NAME: Record<RecordKind, 'contact' | 'touch' | 'owner' | 'snooze'> = {
  contacts: 'contact',
  touches: 'touch',
  owners: 'owner',
  snoozes: 'snooze',
};

const EXTENSIONS: Record<string, InputFormat> = { '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.csv': 'csv' };

/** A folder's streamed records: NDJSON only, since a JSON array or CSV cannot hold a contact with its touches a line. */
const RECORDS_FILES = ['records.ndjson', 'records.jsonl'];

/**
 * Fills in what the flags left out from a folder: `<kind>.json`, `.ndjson`, `.jsonl` or `.csv`,
 * and `records.ndjson` (or `.jsonl`). Two candidates for one input is a usage error (which one
 * did you mean?); so are records beside contacts or touches, unless a flag chose one of them.
 *
 * @example
 * resolveInputs('examples/data', {}); // { policy: 'examples/data/policy.json', contacts: 'examples/data/contacts.json', … }
 */
export function resolveInputs(folder: string | undefined, flags: InputPaths): InputPaths {
  if (flags.records !== undefined && (flags.contacts !== undefined || flags.touches !== undefined)) {
    throw new UsageError(`--records holds each contact with its touches: pass either --records or --contacts and --touches, not both`);
  }
  const paths: InputPaths = { ...flags };
  if (folder === undefined) return paths;
  if (!existsSync(folder)) throw new UsageError(`${folder}: no such file or folder`);
  if (!statSync(folder).isDirectory()) {
    throw new UsageError(
      `${folder} is a file: pass a folder holding policy.json and contacts.json, or name files with --policy, --contacts …`,
    );
  }
  const policy = join(folder, 'policy.json');
  if (paths.policy === undefined && existsSync(policy)) paths.policy = policy;
  // A flag naming the contacts, the touches or the records chooses how the book is read: the
  // folder's files of the other way are left alone.
  const bookFromFlags = flags.records !== undefined || flags.contacts !== undefined || flags.touches !== undefined;
  for (const kind of RECORD_KINDS) {
    if (paths[kind] !== undefined) continue;
    if (flags.records !== undefined && (kind === 'contacts' || kind === 'touches')) continue;
    const found = Object.keys(EXTENSIONS)
      .map((extension) => join(folder, `${kind}${extension}`))
      .filter((candidate) => existsSync(candidate));
    if (found.length > 1)
      throw new UsageError(`${folder} holds ${found.map((file) => basename(file)).join(' and ')}: choose one with --${kind} <file>`);
    if (found.length === 1) paths[kind] = found[0];
  }
  if (!bookFromFlags) {
    const records = RECORDS_FILES.map((name) => join(folder, name)).filter((candidate) => existsSync(candidate));
    if (records.length > 1) throw new UsageError(`${folder} holds ${RECORDS_FILES.join(' and ')}: choose one with --records <file>`);
    const other = paths.contacts ?? paths.touches;
    if (records.length === 1 && other !== undefined) {
      throw new UsageError(
        `${folder} holds ${basename(records[0]!)} and ${basename(other)}: choose the records with --records <file>, or the contacts and touches with --contacts <file>`,
      );
    }
    if (records.length === 1) paths.records = records[0];
  }
  return paths;
}

/**
 * The input files a folder holds (those of them that exist): what an output must not replace.
 *
 * @example
 * folderInputs('examples/data'); // ['examples/data/policy.json', 'examples/data/contacts.json', …]
 */
export function folderInputs(folder: string): string[] {
  const names = [
    'policy.json',
    ...RECORDS_FILES,
    ...RECORD_KINDS.flatMap((kind) => Object.keys(EXTENSIONS).map((extension) => `${kind}${extension}`)),
  ];
  return names.map((name) => join(folder, name)).filter((path) => existsSync(path));
}

/**
 * Decoded text of a stream, chunk by chunk. A read that fails (an I/O error, a file that cannot
 * be read) is a usage error naming the input, not an internal error.
 *
 * @example
 * for await (const text of textChunks(openInput('contacts.csv', process.stdin), 'contacts.csv')) console.log(text.length);
 */
export async function* textChunks(stream: Readable, name = 'input'): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream) yield typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new UsageError(`${name}: cannot read it (${code}: ${(error as Error).message}); check the file and its permissions`);
  }
  const end = decoder.end();
  if (end) yield end;
}

/**
 * A file, or stdin for `-`; a missing file or a folder is a usage error. `highWaterMark`: bytes
 * read at a time (a large file is read faster in larger pieces).
 *
 * @example
 * const stream = openInput('contacts.ndjson', process.stdin);
 */
export function openInput(path: string, stdin: Readable, highWaterMark?: number): Readable {
  if (path === '-') return stdin;
  if (!existsSync(path)) throw new UsageError(`${path}: no such file; check the path, or pass - to read stdin`);
  if (statSync(path).isDirectory()) throw new UsageError(`${path} is a folder: name a file, or pass the folder as the first argument`);
  return createReadStream(path, highWaterMark === undefined ? {} : { highWaterMark });
}

/**
 * The whole text of a file, or of stdin for `-`, without a byte-order mark.
 *
 * @example
 * const text = await readText('records.json', process.stdin);
 */
export async function readText(path: string, stdin: Readable): Promise<string> {
  const pieces: string[] = [];
  for await (const chunk of textChunks(openInput(path, stdin), label(path))) pieces.push(chunk);
  return pieces.join('').replace(/^\uFEFF/, '');
}

/** How errors name an input: its path, or `stdin`. */
export const label = (path: string) => (path === '-' ? 'stdin' : path);

/**
 * A policy file (JSON). Its content is validated later, with every issue listed.
 *
 * @example
 * const json = await readPolicy('examples/data/policy.json', process.stdin);
 */
export async function readPolicy(path: string, stdin: Readable): Promise<unknown> {
  const text = await readText(path, stdin);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${label(path)} is not valid JSON (${(error as Error).message}); a policy is one JSON object`);
  }
}

/** Records read from one input, with the line each came from for NDJSON. */
export interface RecordInput {
  records: unknown[];
  /** 1-based source line of each record (NDJSON), so later errors can name it. */
  lines?: number[];
  file: string;
  /** Rows a CSV reader left out on purpose (an open activity …), by line and reason. */
  skipped?: { line: number; reason: string }[];
  /**
   * The input position of each record, where it differs from its place in `records`: a CSV row
   * the reader refused is no record, so the engine's index is turned back into the row's.
   */
  indexes?: number[];
  /** CSV header cells no field was read from. */
  ignoredColumns?: string[];
  /** CSV outcome words nothing mapped, with the rows each refused. */
  unmappedOutcomes?: Record<string, number>;
}

/** Called now and then with the number of records read so far. */
export type OnProgress = (read: number) => void;

function formatOf(path: string, firstText: string): InputFormat {
  const byExtension = EXTENSIONS[extname(path).toLowerCase()];
  if (byExtension) return byExtension;
  // stdin or an unknown extension: a JSON array starts with `[`, NDJSON with `{`; else CSV.
  const first = firstText.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '[' ? 'json' : first === '{' ? 'ndjson' : 'csv';
}

/**
 * Reads one kind of record. NDJSON lines that are not JSON become errors (`bad-json`) and the
 * other lines are still read; a JSON file that is not an array, or a missing file, stops the run.
 *
 * @example
 * const errors = [];
 * const { records } = await readRecords('contacts.ndjson', 'contacts', process.stdin, errors);
 */
export async function readRecords(
  path: string,
  kind: RecordKind,
  stdin: Readable,
  errors: CliRecordError[],
  onProgress: OnProgress = () => {},
  csv: FromCsvOptions = {},
): Promise<RecordInput> {
  const file = label(path);
  const chunks = textChunks(openInput(path, stdin), file);
  // The format: by the extension, else by the first character that is not blank.
  let format = EXTENSIONS[extname(path).toLowerCase()];
  const head: string[] = [];
  while (format === undefined) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    if (/\S/.test(next.value)) format = formatOf(path, head.join(''));
  }
  async function* all(): AsyncGenerator<string> {
    yield* head;
    yield* chunks;
  }
  if (format === 'ndjson' || format === undefined) {
    const records: unknown[] = [];
    const lines: number[] = [];
    // One numbering for the file, as the CSV reader counts rows: every line that is not blank is
    // a record, one that is not JSON included, so an engine error's index is its line's place.
    const indexes: number[] = [];
    let position = 0;
    for await (const { number, text } of ndjsonLines(all())) {
      if (text.trim() === '') continue;
      const index = position++;
      try {
        records.push(JSON.parse(text));
        lines.push(number);
        indexes.push(index);
        if (records.length % 50_000 === 0) onProgress(records.length);
      } catch (error) {
        errors.push({
          record: RECORD_NAME[kind],
          index,
          file,
          line: number,
          code: 'bad-json',
          path: [],
          message: `not a JSON object on one line (${(error as Error).message})`,
        });
      }
    }
    return { records, lines, indexes, file };
  }
  const pieces: string[] = [];
  for await (const piece of all()) pieces.push(piece);
  const text = pieces.join('').replace(/^\uFEFF/, '');
  // The CSV reader (and csv-parse) is loaded for a CSV input only.
  if (format === 'csv') return { ...readCsv((await import('../adapters/csv/index.js')).fromCsv, text, kind, file, errors, csv), file };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${file} is not valid JSON (${(error as Error).message}); write a JSON array of ${kind}, or NDJSON (one per line)`,
    );
  }
  if (!Array.isArray(parsed)) throw new UsageError(`${file} is not a JSON array: write [ {…}, {…} ] of ${kind}, or NDJSON (one per line)`);
  return { records: parsed, file };
}

function readCsv(
  fromCsv: typeof import('../adapters/csv/index.js').fromCsv,
  text: string,
  kind: RecordKind,
  file: string,
  errors: CliRecordError[],
  options: FromCsvOptions,
): Omit<RecordInput, 'file'> {
  if (kind === 'snoozes') throw new UsageError(`${file}: snoozes are read from JSON or NDJSON, not CSV`);
  const result = fromCsv({ [kind]: text }, options);
  for (const error of result.errors) {
    const path = error.column !== undefined ? [error.column] : error.path;
    // The reader's message names the line and column itself; here the file, line and field are
    // written once, in front, like every other record error.
    const rest = error.message.replace(/^\S+ line \d+(?:, column "[^"]*")?: /, '');
    const field = `${path.join('.')}: `;
    const message = rest.startsWith(field) ? rest.slice(field.length) : rest;
    errors.push({ record: RECORD_NAME[kind], index: error.index, file, line: error.line, code: error.code, path, message });
  }
  const origins = result.origins[kind];
  return {
    records: result[kind],
    lines: origins.map((origin) => origin.line),
    indexes: origins.map((origin) => origin.index),
    skipped: result.skipped.map((row) => ({ line: row.line, reason: row.reason })),
    ignoredColumns: result.ignoredColumns[kind] ?? [],
    unmappedOutcomes: result.unmappedOutcomes,
  };
}
