/**
 * Lines kept for the end of a run: a JSON document puts its errors (and the balance) after the
 * items, but a streamed book finds them as it goes. Up to a budget they stay in memory; past it
 * they go to a temporary file, so a book whose every record is wrong does not undo the bounded
 * memory of the stream.
 */
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Characters held in memory before the lines go to a temporary file. */
const MEMORY_BUDGET = 8 * 1024 * 1024;

/**
 * An append-only list of one-line texts (serialised JSON never holds a raw line break), read
 * back once in the order they came.
 *
 * @example
 * const spool = new Spool();
 * spool.add(JSON.stringify(error));
 * for await (const line of spool.lines()) await sink.write(`${line}\n`);
 * spool.dispose();
 */
export class Spool {
  private held: string[] = [];
  private heldChars = 0;
  private folder: string | undefined;
  private fd: number | undefined;
  private count = 0;

  constructor(private readonly budget = MEMORY_BUDGET) {}

  get size(): number {
    return this.count;
  }

  add(line: string): void {
    this.count++;
    this.held.push(line);
    this.heldChars += line.length;
    if (this.heldChars >= this.budget) this.spill();
  }

  private spill(): void {
    if (this.fd === undefined) {
      this.folder = mkdtempSync(join(tmpdir(), 'calling-cycle-spool-'));
      this.fd = openSync(join(this.folder, 'lines'), 'w+');
    }
    writeSync(this.fd, `${this.held.join('\n')}\n`);
    this.held = [];
    this.heldChars = 0;
  }

  /** The lines in the order they were added: those written out first, then those still held. */
  async *lines(): AsyncGenerator<string> {
    if (this.folder !== undefined) {
      let rest = '';
      for await (const piece of createReadStream(join(this.folder, 'lines'), { encoding: 'utf8' })) {
        const text = rest + (piece as string);
        const lines = text.split('\n');
        rest = lines.pop()!;
        yield* lines;
      }
    }
    yield* this.held;
  }

  /** Removes the temporary file, if there is one. */
  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.folder !== undefined) rmSync(this.folder, { recursive: true, force: true });
    this.fd = undefined;
    this.folder = undefined;
    this.held = [];
  }
}
