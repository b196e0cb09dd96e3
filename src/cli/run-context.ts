/**
 * What every command shares for one run: the streams and clock it talks to, the parsed flags, the
 * output sink and progress line, the flags read the same way by every command (--now, the book
 * folder), and how record errors end a run.
 */
import type { FromCsvOptions } from '../adapters/csv/index.js';
import { formatInstant, parseInstant } from '../time/instant.js';
import { type Book, bookFiles, loadBook } from './book.js';
import type { CsvFlagValues } from './csv-flags.js';
import { type CliRecordError, EXIT, type ExitCode, formatRecordError, UsageError } from './errors.js';
import type { InputPaths, OnProgress, RecordKind } from './inputs.js';
import { CSV_INPUT, type ParsedArgs } from './options.js';
import type { OutputFormat, Sink } from './outputs.js';
import type { CliIo, Progress } from './progress.js';

export type { CliIo } from './progress.js';
export { Progress } from './progress.js';

/** Per-run context shared by the commands. */
export interface Run {
  readonly io: CliIo;
  readonly args: ParsedArgs;
  readonly format: OutputFormat;
  readonly sink: Sink;
  readonly progress: Progress;
}

/**
 * The instant the run evaluates at: --now, else the clock; an unreadable --now is a usage error.
 *
 * @example
 * const now = nowOf(run); // '2026-11-23T08:00:00.000Z'
 */
export function nowOf(run: Run): string {
  const flag = run.args.values.now;
  if (flag === undefined) return run.io.clock().toISOString();
  const ms = parseInstant(flag);
  if (ms === undefined) throw new UsageError(`--now ${flag}: give an ISO 8601 instant with an offset or Z, e.g. 2026-11-23T08:00:00Z`);
  return formatInstant(ms);
}

function folderOf(run: Run, max = 1): string | undefined {
  if (run.args.positionals.length > max)
    throw new UsageError(`${run.args.command} takes at most ${max} folder; got ${run.args.positionals.join(' ')}`);
  return run.args.positionals[0];
}

/**
 * The inputs the command line names (a folder, per-file flags or stdin), not read yet.
 *
 * @example
 * const files = bookFilesOf(run); // { policy: 'book/policy.json', records: 'book/records.ndjson', … }
 */
export function bookFilesOf(run: Run): InputPaths {
  const { values } = run.args;
  return bookFiles(folderOf(run), {
    policy: values.policy,
    contacts: values.contacts,
    touches: values.touches,
    owners: values.owners,
    snoozes: values.snoozes,
    records: values.records,
  });
}

/**
 * Progress of the readers: records read so far, per kind.
 *
 * @example
 * await readRecords(path, 'owners', stdin, errors, readingProgress(run)('owners'));
 */
export function readingProgress(run: Run): (kind: RecordKind) => OnProgress {
  return (kind) => (read) => run.progress.step(`reading ${kind}: ${read.toLocaleString('en')}`);
}

/**
 * Reads the whole book the command line names, with progress.
 *
 * @example
 * const book = await readBook(run);
 */
export async function readBook(run: Run, files: InputPaths = bookFilesOf(run)): Promise<Book> {
  const book = await loadBook(files, run.io.stdin, readingProgress(run), run.args.command, await csvOptionsFor(run.args.values));
  noteCsvColumns(run, book);
  return book;
}

/**
 * The CSV reader's options from the CSV flags. csv-flags.ts (and zod, for a mapping file) is
 * loaded only when one of them is given: a run without them does not pay for it.
 *
 * @example
 * const csv = await csvOptionsFor(run.args.values); // {} without CSV flags
 */
export async function csvOptionsFor(values: CsvFlagValues): Promise<FromCsvOptions> {
  if (!CSV_INPUT.some((flag) => values[flag] !== undefined)) return {};
  return (await import('./csv-flags.js')).csvOptionsOf(values);
}

/**
 * Says on stderr what a CSV input held that nothing read: header cells no field was read from (a
 * misspelt column, a mapping to fix) and outcome words nothing mapped, with their row counts.
 *
 * @example
 * noteCsvColumns(run, book);
 */
export function noteCsvColumns(run: Run, book: Pick<Book, 'inputs'>): void {
  for (const input of Object.values(book.inputs)) {
    if (input?.ignoredColumns && input.ignoredColumns.length > 0) {
      run.io.stderr.write(`calling-cycle: ${input.file}: columns not read: ${input.ignoredColumns.join(', ')}\n`);
    }
    const outcomes = Object.entries(input?.unmappedOutcomes ?? {});
    if (input && outcomes.length > 0) {
      const counted = outcomes.map(([word, rows]) => `${JSON.stringify(word)} ×${rows}`).join(', ');
      run.io.stderr.write(`calling-cycle: ${input.file}: outcome words not mapped (--outcome "<word>=<outcome>"): ${counted}\n`);
    }
  }
}

/**
 * Says on stderr which inputs had rows a CSV reader left out on purpose (an open activity …).
 *
 * @example
 * noteSkipped(run, book);
 */
export function noteSkipped(run: Run, book: Pick<Book, 'inputs'>): void {
  for (const input of Object.values(book.inputs)) {
    if (input?.skipped && input.skipped.length > 0) {
      const reasons = [...new Set(input.skipped.map((row) => row.reason))].join(', ');
      run.io.stderr.write(`calling-cycle: ${input.file}: ${input.skipped.length} row(s) skipped on purpose (${reasons})\n`);
    }
  }
}

/** Record errors written to stderr at most; the JSON output always holds them all. */
export const STDERR_ERROR_LINES = 50;

/**
 * Writes record errors: on stderr (text), and returns the exit code they mean. `total`: how many
 * there were, when `errors` holds only the first ones (a stream keeps no more than it shows).
 * `usable`: how many results the run had (items, mapped records) before any filter; records with
 * errors and nothing usable is exit 65, and the errors then go to stderr whatever the format,
 * since the output is not kept.
 *
 * @example
 * return reportErrors(run, errors, run.format === 'json', errors.length, columns.size);
 */
export function reportErrors(
  run: Run,
  errors: readonly CliRecordError[],
  inDocument: boolean,
  total = errors.length,
  usable = 1,
): ExitCode {
  if (total === 0) return EXIT.ok;
  run.progress.done();
  const records = `${total} record${total === 1 ? '' : 's'}`;
  if (inDocument && usable > 0) {
    run.io.stderr.write(`calling-cycle: ${records} had errors; see "errors" in the output\n`);
    return EXIT.recordErrors;
  }
  // A whole file of bad records would bury the terminal: the first ones say what is wrong.
  for (const error of errors.slice(0, STDERR_ERROR_LINES)) run.io.stderr.write(`${formatRecordError(error)}\n`);
  if (total > STDERR_ERROR_LINES) {
    run.io.stderr.write(`… and ${total - STDERR_ERROR_LINES} more; --format json lists every one under "errors"\n`);
  }
  if (usable === 0) {
    run.io.stderr.write(`calling-cycle: ${records} had errors and none was usable: nothing to write (exit 65)\n`);
    return EXIT.nothingUsable;
  }
  run.io.stderr.write(`calling-cycle: ${records} had errors; the others were processed\n`);
  return EXIT.recordErrors;
}

/**
 * The fields a command's JSON or NDJSON output starts with: version, command and now.
 *
 * @example
 * await writeNdjson(run.sink, header(run, now), items);
 */
export function header(run: Run, now: string): Record<string, unknown> {
  return { 'calling-cycle': run.io.version, command: run.args.command, now };
}
