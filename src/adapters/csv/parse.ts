/**
 * Parsing CSV text, whole or as a stream, with csv-parse (RFC 4180 quoting, a byte-order mark, any
 * of CRLF, LF or CR line ends), and handing each record with its line to the collection's reader.
 */
import { type Options as ParseOptions, parse as parseStream } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { isWellFormedText } from '../../schema/text.js';
import { Collection, type Row, type RowReader } from './collection.js';
import { Header } from './header.js';
import type { CsvInput, FromCsvOptions } from './types.js';

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
    const line = this.nextStart();
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

  /** Where the next record starts, as a position in `starts`: the first line with content after the previous record. */
  private nextStart(): number {
    let line = this.head;
    while (line + 1 < this.starts.length && this.starts[line + 1]! <= this.previousEnd) line++;
    while (line + 1 < this.starts.length && this.empty[line] && this.starts[line]! >= this.previousEnd) line++;
    return line;
  }

  /**
   * The line of a record csv-parse could not read. Its own line count is no use here (inside an
   * unclosed quote it counts a CRLF as two lines, and so names a line past the end of the file):
   * the broken record starts where the next record would, after any broken one before it. The
   * record after it starts on a later line.
   */
  brokenLine(): number {
    const line = Math.max(this.firstLine + this.nextStart(), this.notBefore + 1);
    this.notBefore = line;
    return line;
  }
}

/**
 * Where the text fed so far held a lone UTF-16 surrogate, as UTF-8 byte offsets (csv-parse reads
 * text as UTF-8, which turns each into U+FFFD, so the cell it gives back is another text). A record
 * whose bytes hold one is marked, and its id cells are refused (`bad-id`) rather than read as a
 * different id. Only offsets not yet passed are kept.
 */
class LoneSurrogates {
  private offsets: number[] = [];
  private head = 0;
  private fed = 0;
  private previousEnd = 0;
  private readonly encoder = new TextEncoder();

  /** The UTF-8 bytes of a chunk of text, noting where its lone surrogates are. */
  encode(chunk: string): Uint8Array {
    const bytes = this.encoder.encode(chunk);
    if (!isWellFormedText(chunk)) {
      let from = 0;
      let offset = this.fed;
      for (const match of chunk.matchAll(LONE_SURROGATES)) {
        offset += this.encoder.encode(chunk.slice(from, match.index)).length;
        this.offsets.push(offset);
        // U+FFFD, as the encoder wrote it: three bytes.
        offset += 3;
        from = match.index + 1;
      }
    }
    return bytes;
  }

  /** Counts bytes fed without text (a chunk of bytes holds no lone surrogate). */
  fedBytes(length: number): void {
    this.fed += length;
  }

  /** Whether the record ending at byte `end` (as csv-parse counts) held a lone surrogate. */
  inRecord(end: number): boolean {
    let found = false;
    while (this.head < this.offsets.length && this.offsets[this.head]! < end) {
      if (this.offsets[this.head]! >= this.previousEnd) found = true;
      this.head++;
    }
    if (this.head > 4096) {
      this.offsets.splice(0, this.head);
      this.head = 0;
    }
    this.previousEnd = end;
    return found;
  }
}

const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

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

  private recordSinceBroken = false;

  /** Whether a record was read since the last broken one (and forgets it). */
  readSince(): boolean {
    const read = this.recordSinceBroken;
    this.recordSinceBroken = false;
    return read;
  }

  record(cells: string[], line: number, illFormed: boolean): void {
    this.recordSinceBroken = true;
    if (this.failure !== undefined) return;
    try {
      if (this.collection === undefined) {
        this.start(cells);
        return;
      }
      const row: Row = { cells, index: this.index++, line };
      if (illFormed) row.illFormed = true;
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
function parseOptions(options: FromCsvOptions, intake: Intake, lines: LineTracker, lone: LoneSurrogates): ParseOptions {
  let lastBroken: number | undefined;
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
      intake.record(record, lines.recordLine(context.bytes), lone.inRecord(context.bytes));
      return null;
    },
    on_skip: (error) => {
      if (!error) return;
      // csv-parse reports a stray quote inside an unquoted cell once per quote, all on one line,
      // with no record between: one broken row, one error.
      const parseLine = typeof error.lines === 'number' ? error.lines : 0;
      const readSince = intake.readSince();
      if (lastBroken === parseLine && !readSince) return;
      lastBroken = parseLine;
      intake.broken(lines.brokenLine(), error.message);
    },
  };
}

/**
 * Reads a whole CSV text: its first record names the columns, each next one goes to the reader
 * `makeReader` gives for the collection.
 *
 * @example
 * const collection = readText('owners', 'id,timeZone\nu1,Europe/Paris\n', {}, (c) => ownerReader(c, {}, owners));
 */
export function readText(
  source: string,
  text: string,
  options: FromCsvOptions,
  makeReader: (collection: Collection) => RowReader,
): Collection {
  const intake = new Intake(source, makeReader);
  const lines = new LineTracker();
  const lone = new LoneSurrogates();
  // csv-parse counts UTF-8 bytes, whatever it is given.
  lines.feed(lone.encode(text));
  parseSync(text, parseOptions(options, intake, lines, lone));
  return intake.finish();
}

/**
 * `readText` for a CSV arriving in chunks of text or bytes; no row is kept once read, so a file of
 * any length needs little memory.
 *
 * @example
 * const collection = await readStream('touches', createReadStream('touches.csv'), {}, makeReader);
 */
export async function readStream(
  source: string,
  input: CsvInput,
  options: FromCsvOptions,
  makeReader: (collection: Collection) => RowReader,
): Promise<Collection> {
  const intake = new Intake(source, makeReader);
  const lines = new LineTracker();
  const lone = new LoneSurrogates();
  const parser = parseStream(parseOptions(options, intake, lines, lone));
  const ended = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  parser.resume();
  // A whole text is one chunk, not a string iterated character by character.
  for await (const chunk of typeof input === 'string' ? [input] : input) {
    const bytes = typeof chunk === 'string' ? lone.encode(chunk) : chunk;
    lone.fedBytes(bytes.length);
    // The lines of a chunk are known before csv-parse sees it: its records come out during write.
    lines.feed(bytes);
    parser.write(bytes);
  }
  parser.end();
  await ended;
  return intake.finish();
}
