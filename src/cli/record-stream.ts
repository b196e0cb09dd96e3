/**
 * Streamed input: NDJSON records, one `{ "contact": {…}, "touches": [...] }` a line, read as they
 * arrive and handed to `evaluateStream` one by one, so the book is never held. What each record's
 * line was is kept only for the chunk being evaluated, to name it in that chunk's errors.
 */
import type { Readable } from 'node:stream';
import { isPlainObject } from '../core/records.js';
import type { RecordError } from '../core/types.js';
import { type Book, locate } from './book.js';
import { type CliRecordError, UsageError } from './errors.js';
import { label, openInput, textChunks } from './inputs.js';
import { ndjsonLines } from './ndjson-lines.js';

/** Bytes read from a file at a time: large pieces read a large file faster, and stay small beside a chunk. */
const READ_SIZE = 1 << 20;

/** The lines of one chunk's records and touches, and the lines that were not records. */
export interface ChunkLines {
  /** Stream position of the chunk's first record, and of its first touch. */
  readonly contactBase: number;
  readonly touchBase: number;
  /** Line of each record of the chunk, in order. */
  readonly contactLines: readonly number[];
  /** Place of each record of the chunk in the file, lines that were not JSON counted (as bad-json errors name them). */
  readonly contactIndexes: readonly number[];
  /** Line of the record each touch of the chunk came in, in order. */
  readonly touchLines: readonly number[];
  /** Lines read with this chunk that were not JSON (`bad-json`). */
  readonly errors: readonly CliRecordError[];
}

/**
 * Where the records handed over so far came from. `evaluateStream` reads the next record only
 * once a chunk has been handed over, so what is noted between two chunks is exactly the second
 * chunk's records.
 */
class RecordLines {
  private contactBase = 0;
  private touchBase = 0;
  private contactLines: number[] = [];
  private contactIndexes: number[] = [];
  private touchLines: number[] = [];
  private errors: CliRecordError[] = [];
  /** Lines read that were not blank, records or not: the place the next one takes in the file. */
  private position = 0;

  /** The place in the file of the line just read (every line that is not blank counts). */
  next(): number {
    return this.position++;
  }

  record(line: number, index: number, record: unknown): void {
    this.contactLines.push(line);
    this.contactIndexes.push(index);
    // Counted as evaluateStream counts touches: only those of a record it can read.
    const touches = isPlainObject(record) && Array.isArray(record.touches) ? record.touches.length : 0;
    for (let touch = 0; touch < touches; touch++) this.touchLines.push(line);
  }

  badLine(error: CliRecordError): void {
    this.errors.push(error);
  }

  /** The lines noted since the last call, for the chunk just evaluated. */
  take(): ChunkLines {
    const chunk: ChunkLines = {
      contactBase: this.contactBase,
      touchBase: this.touchBase,
      contactLines: this.contactLines,
      contactIndexes: this.contactIndexes,
      touchLines: this.touchLines,
      errors: this.errors,
    };
    this.contactBase += this.contactLines.length;
    this.touchBase += this.touchLines.length;
    this.contactLines = [];
    this.contactIndexes = [];
    this.touchLines = [];
    this.errors = [];
    return chunk;
  }
}

/**
 * The records of one NDJSON file (or stdin for `-`), parsed a line at a time as they are asked
 * for. A line that is not JSON is an error (`bad-json`) and is skipped; a blank line is skipped.
 * Every line that is not blank takes a place in the file's numbering (docs/cli.md): errors name
 * records by it, whichever reader found them.
 *
 * @example
 * const input = new RecordStream('book/records.ndjson', process.stdin);
 * await input.open();
 * for await (const chunk of evaluateStream(input, { policy, now, output: 'columns' })) {
 *   const lines = input.take(); // the lines of this chunk's records
 * }
 */
export class RecordStream implements AsyncIterable<unknown> {
  /** How errors name the input: its path, or `stdin`. */
  readonly file: string;
  private readonly lines = new RecordLines();
  private readonly pieces: AsyncGenerator<string>;
  private first = '';
  private started = false;

  constructor(path: string, stdin: Readable) {
    this.file = label(path);
    this.pieces = textChunks(openInput(path, stdin, READ_SIZE), this.file);
  }

  /**
   * Reads up to the first character, so that a file that is not NDJSON (a JSON array) stops the
   * run before any output is written.
   */
  async open(): Promise<void> {
    while (this.first.trim() === '') {
      const next = await this.pieces.next();
      if (next.done) return;
      this.first += next.value;
    }
    const start = this.first.replace(/^\uFEFF/, '').trimStart()[0];
    if (start !== '{') {
      // Closes the file: the run stops here.
      await this.pieces.return(undefined);
      throw new UsageError(
        `${this.file} is not NDJSON records: write one { "contact": {…}, "touches": [...] } object a line${start === '[' ? ', not a JSON array' : ''}`,
      );
    }
  }

  /** The lines of the records handed over since the last call: call it as each chunk comes. */
  take(): ChunkLines {
    return this.lines.take();
  }

  /**
   * A chunk's record error with the file and line of its record: contacts and touches by the
   * chunk's lines, owners and snoozes by the files they were read from.
   */
  locate(error: RecordError, chunk: ChunkLines, book: Pick<Book, 'inputs'>): CliRecordError {
    let line: number | undefined;
    let index: number | undefined;
    if (error.record === 'contact') {
      line = chunk.contactLines[error.index - chunk.contactBase];
      index = chunk.contactIndexes[error.index - chunk.contactBase];
    } else if (error.record === 'touch') line = chunk.touchLines[error.index - chunk.touchBase];
    else return locate(error, book);
    return { ...error, ...(index !== undefined ? { index } : {}), file: this.file, ...(line !== undefined ? { line } : {}) };
  }

  [Symbol.asyncIterator](): AsyncGenerator<unknown> {
    if (this.started) throw new Error('a RecordStream is read once');
    this.started = true;
    return this.records();
  }

  private async *records(): AsyncGenerator<unknown> {
    const first = this.first;
    this.first = '';
    const pieces = this.pieces;
    async function* all(): AsyncGenerator<string> {
      yield first;
      yield* pieces;
    }
    // One parse per line; a record is noted as handed over only when it is yielded, so the
    // records parsed ahead belong to the chunk that takes them.
    for await (const { number, text } of ndjsonLines(all())) {
      if (text.trim() === '') continue;
      const index = this.lines.next();
      let value: unknown;
      try {
        value = JSON.parse(text) as unknown;
      } catch (error) {
        this.lines.badLine({
          record: 'contact',
          index,
          file: this.file,
          line: number,
          code: 'bad-json',
          path: [],
          message: `not a JSON object on one line (${(error as Error).message})`,
        });
        continue;
      }
      this.lines.record(number, index, value);
      yield value;
    }
  }
}
