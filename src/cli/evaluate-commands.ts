/**
 * `evaluate` and `explain`: every due item of the book at --now, filtered by owner, contact and
 * status, as a table, JSON, NDJSON or the csv adapter's rows; `explain` adds why each is due.
 * A whole book is evaluated into columns and each written row's item built as it is written; a
 * book of streamed records (evaluate-stream.ts) chunk by chunk, through the same writer.
 */
import { evaluate } from '../core/evaluate.js';
import { type EvaluateColumns, evaluateColumns } from '../core/columns.js';
import type { EvaluateResult } from '../core/types.js';
import { type Book, locate } from './book.js';
import { type CliRecordError, type ExitCode, UsageError } from './errors.js';
import { runStreamedItems } from './evaluate-stream.js';
import { type ItemCommand, ItemWriter, rowFilter } from './item-writer.js';
import { bookFilesOf, noteSkipped, nowOf, readBook, type Run } from './run-context.js';

/** What `evaluate` and `evaluateColumns` take of a book read from files. */
function evaluateOptions(book: Book, now: string) {
  return { policy: book.policy, contacts: book.contacts, touches: book.touches, owners: book.owners, snoozes: book.snoozes, now };
}

/**
 * Evaluates the book at `now`; its errors are the book's and the engine's, located in their files.
 * For the command that shows the items as objects (report).
 *
 * @example
 * const { result, errors } = evaluateBook(run, book, now);
 */
export function evaluateBook(run: Run, book: Book, now: string): { result: EvaluateResult; errors: CliRecordError[] } {
  run.progress.step(`evaluating ${book.contacts.length.toLocaleString('en')} contacts`);
  const result = evaluate(evaluateOptions(book, now));
  noteSkipped(run, book);
  return { result, errors: [...book.errors, ...result.errors.map((error) => locate(error, book))] };
}

/**
 * `evaluateBook` as columns: the same rows and errors, an item built only for a row asked about.
 * For the commands that write some of the items or plan them (evaluate, explain, plan, ics).
 *
 * @example
 * const { columns, errors } = evaluateBookColumns(run, book, now);
 */
export function evaluateBookColumns(run: Run, book: Book, now: string): { columns: EvaluateColumns; errors: CliRecordError[] } {
  run.progress.step(`evaluating ${book.contacts.length.toLocaleString('en')} contacts`);
  const columns = evaluateColumns(evaluateOptions(book, now));
  noteSkipped(run, book);
  return { columns, errors: [...book.errors, ...columns.errors.map((error) => locate(error, book))] };
}

/**
 * Runs `evaluate`, or `explain` (the same items, each with its explanation).
 *
 * @example
 * const code = await runEvaluate(run, 'explain');
 */
export async function runEvaluate(run: Run, command: ItemCommand): Promise<ExitCode> {
  const now = nowOf(run);
  const filter = rowFilter(run);
  const files = bookFilesOf(run);
  if (files.records !== undefined) return runStreamedItems(run, command, now, filter, files, files.records);
  if (run.args.values['chunk-size'] !== undefined)
    throw new UsageError('--chunk-size applies to streamed records (--records <file>, or records.ndjson in the folder)');
  const book = await readBook(run, files);
  const { columns, errors } = evaluateBookColumns(run, book, now);
  run.progress.step(`writing ${columns.size.toLocaleString('en')} items`);
  const writer = new ItemWriter(run, command, now, filter);
  await writer.start();
  await writer.write(columns, errors);
  return writer.finish();
}
