/**
 * How results leave the command line: a readable table on a terminal, or `json`, `ndjson` and
 * `csv` for programs. Everything is written in chunks that respect the stream's backpressure, so a
 * million items are never one string.
 */
import type { Writable } from 'node:stream';

export const OUTPUT_FORMATS = ['table', 'json', 'ndjson', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const CHUNK = 64 * 1024;

/** Line breaks JSON leaves raw in strings that some line readers split on (Python's `str.splitlines`). */
const LINE_SEPARATORS = /[\u0085\u2028\u2029]/g;

/**
 * A value as JSON on one line for every line reader: `JSON.stringify`, with U+0085, U+2028 and
 * U+2029 written as `\u` escapes (JSON allows them raw, but Python's `splitlines` and others break
 * a line there). Control characters and lone surrogates are already escaped by `JSON.stringify`.
 *
 * @example
 * jsonLine({ id: 'a\u2028b' }); // '{"id":"a\\u2028b"}'
 */
export function jsonLine(value: unknown, space?: number): string {
  return oneLine(JSON.stringify(value, null, space));
}

/**
 * JSON text with U+0085, U+2028 and U+2029 written as `\u` escapes (`jsonLine` without the
 * `JSON.stringify`), for a line put together from pieces already JSON.
 *
 * @example
 * oneLine('{"id":"a\u2028b"}'); // '{"id":"a\\u2028b"}'
 */
export function oneLine(json: string): string {
  return json.replace(LINE_SEPARATORS, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A buffered writer that waits for `drain` when the stream asks it to.
 *
 * @example
 * const sink = new Sink(process.stdout);
 * await sink.write('hello\n');
 * await sink.end();
 */
export class Sink {
  private buffer = '';
  constructor(private readonly stream: Writable) {}

  async write(text: string): Promise<void> {
    if (this.add(text)) await this.flush();
  }

  /**
   * Adds text without waiting, for callers writing many small rows: true when the buffer is full,
   * and `flush` should be awaited before adding more.
   */
  add(text: string): boolean {
    this.buffer += text;
    return this.buffer.length >= CHUNK;
  }

  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const text = this.buffer;
    this.buffer = '';
    if (this.stream.write(text)) return;
    // A stream that fails (a full disk) never drains: its error ends the wait and the run.
    await new Promise<void>((resolve, reject) => {
      const drained = () => {
        this.stream.off('error', failed);
        resolve();
      };
      const failed = (error: Error) => {
        this.stream.off('drain', drained);
        reject(error);
      };
      this.stream.once('drain', drained);
      this.stream.once('error', failed);
    });
  }

  /** Flushes what is left; the stream itself stays open (it may be stdout). */
  async end(): Promise<void> {
    await this.flush();
  }
}

/** A list written as a JSON array inside the document: its name and its rows. */
export type JsonList = readonly [name: string, rows: Iterable<unknown> | AsyncIterable<unknown>];

/**
 * One JSON document written piece by piece: the head fields, then lists with one element a line,
 * then more fields. Lists and fields are written in the order they are called, so the items of a
 * stream can go out before the errors that are only known at its end.
 *
 * @example
 * const document = new JsonDocumentWriter(sink);
 * await document.start({ command: 'evaluate', now });
 * await document.openList('items');
 * for (const item of items) if (document.element(JSON.stringify(item))) await sink.flush();
 * await document.closeList();
 * await document.end();
 */
export class JsonDocumentWriter {
  private first = true;
  private separator = '\n';
  constructor(private readonly sink: Sink) {}

  async start(head: Record<string, unknown>): Promise<void> {
    const fields = Object.entries(head).map(([key, value]) => `${jsonLine(key)}:${jsonLine(value)}`);
    this.first = fields.length === 0;
    await this.sink.write(`{${fields.join(',')}`);
  }

  async openList(name: string): Promise<void> {
    await this.sink.write(`${this.first ? '' : ','}\n${jsonLine(name)}:[`);
    this.first = false;
    this.separator = '\n';
  }

  /** One element of the open list, already serialised; true when the sink should be flushed (as `Sink.add`). */
  element(json: string): boolean {
    const full = this.sink.add(`${this.separator}${json}`);
    this.separator = ',\n';
    return full;
  }

  async closeList(): Promise<void> {
    await this.sink.write(this.separator === '\n' ? ']' : '\n]');
  }

  /** A field after the lists, its value already serialised (or written by `writeValue`). */
  async field(key: string, writeValue: string | ((sink: Sink) => Promise<void>)): Promise<void> {
    await this.sink.write(`${this.first ? '' : ','}\n${jsonLine(key)}:`);
    this.first = false;
    if (typeof writeValue === 'string') await this.sink.write(writeValue);
    else await writeValue(this.sink);
  }

  async end(): Promise<void> {
    await this.sink.write('\n}\n');
  }
}

/**
 * One JSON document: the `head` fields, then each list with one element a line, then the `tail`
 * fields. Valid JSON (`JSON.parse` reads it), streamed.
 *
 * @example
 * await writeJsonDocument(sink, { command: 'evaluate', now }, [['items', items], ['errors', errors]]);
 */
export async function writeJsonDocument(
  sink: Sink,
  head: Record<string, unknown>,
  lists: readonly JsonList[],
  tail: Record<string, unknown> = {},
): Promise<void> {
  const document = new JsonDocumentWriter(sink);
  await document.start(head);
  for (const [name, rows] of lists) {
    await document.openList(name);
    if (Symbol.iterator in rows) {
      for (const row of rows) if (document.element(jsonLine(row))) await sink.flush();
    } else {
      for await (const row of rows) if (document.element(jsonLine(row))) await sink.flush();
    }
    await document.closeList();
  }
  for (const [key, value] of Object.entries(tail)) await document.field(key, jsonLine(value));
  await document.end();
}

/**
 * NDJSON: a header line (`{"calling-cycle":…,"command":…,"now":…}`, so a run can be replayed),
 * then one line per row.
 *
 * @example
 * await writeNdjson(sink, { command: 'evaluate', now }, items);
 */
export async function writeNdjson(sink: Sink, header: Record<string, unknown>, rows: Iterable<unknown>): Promise<void> {
  await sink.write(`${jsonLine(header)}\n`);
  for (const row of rows) await sink.write(`${jsonLine(row)}\n`);
}

/** A column of a table: its heading and how to read a cell from a row. */
export interface Column<Row> {
  heading: string;
  cell: (row: Row) => string | number | null;
  /** Right-align (numbers). */
  right?: boolean;
}

const WIDTH_SAMPLE = 1000;

/**
 * A plain-text table, widths from the first rows, so it can stream.
 *
 * @example
 * await writeTable(sink, [{ heading: 'contact', cell: (item) => item.contactId }], items);
 */
export async function writeTable<Row>(sink: Sink, columns: readonly Column<Row>[], rows: Iterable<Row>): Promise<void> {
  const iterator = rows[Symbol.iterator]();
  const sample: Row[] = [];
  let next = iterator.next();
  while (!next.done && sample.length < WIDTH_SAMPLE) {
    sample.push(next.value);
    next = iterator.next();
  }
  const text = (value: string | number | null) => (value === null ? '-' : String(value));
  const widths = columns.map((column) => Math.max(column.heading.length, ...sample.map((row) => text(column.cell(row)).length)));
  const line = (cells: string[]) =>
    `${cells
      .map((cell, index) => (columns[index]!.right ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!)))
      .join('  ')
      .trimEnd()}\n`;
  await sink.write(line(columns.map((column) => column.heading)));
  for (const row of sample) await sink.write(line(columns.map((column) => text(column.cell(row)))));
  while (!next.done) {
    const row = next.value;
    await sink.write(line(columns.map((column) => text(column.cell(row)))));
    next = iterator.next();
  }
}

/**
 * Rows in slices, so a CSV writer that takes a whole list gets bounded pieces.
 *
 * @example
 * for (const slice of slices(items, 10_000)) await sink.write(itemsToCsv(slice));
 */
export function* slices<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}
