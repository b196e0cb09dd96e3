/**
 * `evaluate` and `explain` over streamed records (`--records`, or `records.ndjson` in the folder):
 * the records are read as they arrive, evaluated `--chunk-size` at a time by `evaluateStream`, and
 * each chunk's rows are written (waiting on the output when it is slow) before more are read. So
 * memory is bounded by the chunk and the policy, whatever the size of the book.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_CHUNK_SIZE, type EvaluateStreamOptions, evaluateStream, MAX_CHUNK_SIZE, type StreamRecord } from '../core/stream.js';
import { formatPath, InputError } from '../errors/errors.js';
import { loadStreamedBook } from './book.js';
import { type ExitCode, UsageError } from './errors.js';
import type { InputPaths } from './inputs.js';
import { type ItemCommand, ItemWriter, type RowFilter } from './item-writer.js';
import { wholeNumber } from './options.js';
import { RecordStream } from './record-stream.js';
import { csvOptionsFor, noteCsvColumns, noteSkipped, readingProgress, type Run } from './run-context.js';

/**
 * Evaluates streamed records chunk by chunk and writes each chunk's items as it comes. The
 * table is refused (it sorts every item); so is a policy whose tier rules rank the whole book.
 *
 * @example
 * const files = bookFilesOf(run);
 * if (files.records !== undefined) return runStreamedItems(run, 'evaluate', now, rowFilter(run), files, files.records);
 */
export async function runStreamedItems(
  run: Run,
  command: ItemCommand,
  now: string,
  filter: RowFilter,
  files: InputPaths,
  records: string,
): Promise<ExitCode> {
  if (run.format === 'table') {
    throw new UsageError(
      `the table sorts every item, and streamed records (${records}) never hold them all at once: pass --format ndjson, csv or json`,
    );
  }
  const chunkSize = wholeNumber('chunk-size', run.args.values['chunk-size'], 1, MAX_CHUNK_SIZE, DEFAULT_CHUNK_SIZE);
  const book = await loadStreamedBook(files, run.io.stdin, readingProgress(run), await csvOptionsFor(run.args.values));
  noteCsvColumns(run, book);
  const input = new RecordStream(records, run.io.stdin);
  const chunks = openChunks(input, { policy: book.policy, owners: book.owners, snoozes: book.snoozes, now, chunkSize });
  await input.open();
  const writer = new ItemWriter(run, command, now, filter);
  await writer.start();
  const started = performance.now();
  let first = true;
  let evaluated = 0;
  for await (const chunk of chunks) {
    const lines = input.take();
    // Lines that were not records first, as for a whole book: its readers' errors come before the engine's.
    const errors = [...lines.errors, ...(first ? book.errors : []), ...chunk.errors.map((error) => input.locate(error, lines, book))];
    first = false;
    await writer.write(chunk, errors);
    // Out before the next records are read: a slow reader of the output holds the input back.
    await run.sink.flush();
    evaluated += lines.contactLines.length;
    const seconds = (performance.now() - started) / 1000;
    run.progress.step(
      `evaluated ${evaluated.toLocaleString('en')} contacts (${Math.round(evaluated / Math.max(seconds, 1e-3)).toLocaleString('en')}/s)`,
    );
  }
  noteSkipped(run, book);
  return writer.finish();
}

/** `evaluateStream` over the records; a policy it cannot stream is a usage error of the command line. */
function openChunks(input: RecordStream, options: Omit<EvaluateStreamOptions, 'output'>) {
  try {
    // The records are checked by evaluateStream itself: a line that is not one is an error of its record.
    // Each chunk is written out (its items built, its errors and balance taken) before the next is
    // asked for, so the next may write over its memory.
    return evaluateStream(input as AsyncIterable<StreamRecord>, { ...options, output: 'columns', reuseChunks: true });
  } catch (error) {
    const issue = error instanceof InputError ? error.issues.find((each) => each.code === 'unsupported-in-stream') : undefined;
    if (issue === undefined) throw error;
    throw new UsageError(
      `${formatPath(issue.path)} ranks contacts over the whole book, which streamed records never hold at once: give those contacts an explicit tier, or pass the book whole with --contacts and --touches`,
    );
  }
}
