/**
 * How results leave the command line: a readable table on a terminal, or `json`, `ndjson` and
 * `csv` for programs. Everything is written in chunks that respect the stream's backpressure, so a
 * million items are never one string.
 */
import type { Writable } from 'node:stream';

export const OUTPUT_FORMATS = ['table', 'json', 'ndjson', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const CHUNK = 64 * 1024;

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
    this.buffer += text;
    if (this.buffer.length >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const text = this.buffer;
    this.buffer = '';
    if (!this.stream.write(text)) await new Promise<void>((resolve) => this.stream.once('drain', resolve));
  }

  /** Flushes what is left; the stream itself stays open (it may be stdout). */
  async end(): Promise<void> {
    await this.flush();
  }
}

/** A list written as a JSON array inside the document: its name and its rows. */
export type JsonList = readonly [name: string, rows: Iterable<unknown>];

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
  const fields = Object.entries(head).map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
  await sink.write(`{${fields.join(',')}`);
  let first = fields.length === 0;
  for (const [name, rows] of lists) {
    await sink.write(`${first ? '' : ','}\n${JSON.stringify(name)}:[`);
    first = false;
    let separator = '\n';
    for (const row of rows) {
      await sink.write(`${separator}${JSON.stringify(row)}`);
      separator = ',\n';
    }
    await sink.write(separator === '\n' ? ']' : '\n]');
  }
  for (const [key, value] of Object.entries(tail)) {
    await sink.write(`${first ? '' : ','}\n${JSON.stringify(key)}:${JSON.stringify(value)}`);
    first = false;
  }
  await sink.write('\n}\n');
}

/**
 * NDJSON: a header line (`{"calling-cycle":…,"command":…,"now":…}`, so a run can be replayed),
 * then one line per row.
 *
 * @example
 * await writeNdjson(sink, { command: 'evaluate', now }, items);
 */
export async function writeNdjson(sink: Sink, header: Record<string, unknown>, rows: Iterable<unknown>): Promise<void> {
  await sink.write(`${JSON.stringify(header)}\n`);
  for (const row of rows) await sink.write(`${JSON.stringify(row)}\n`);
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
