/**
 * Every NDJSON input is read in work linear in its text, whatever the length of a line: the
 * characters the readers search and cut (String.prototype's searching and slicing methods, counted
 * by their receiver's length) are counted, not timed, for one long line given in small pieces.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { readRecords } from '../../src/cli/inputs.js';
import { ndjsonLines } from '../../src/cli/ndjson-lines.js';
import { RecordStream } from '../../src/cli/record-stream.js';

const METHODS = [
  'indexOf',
  'lastIndexOf',
  'includes',
  'split',
  'slice',
  'substring',
  'trim',
  'trimStart',
  'trimEnd',
  'replace',
  'concat',
] as const;
type Method = (typeof METHODS)[number];
const originals = new Map<Method, (...args: unknown[]) => unknown>();

/** Characters of the strings the methods above were called on, while `count` runs. */
async function countWork(count: () => Promise<void>): Promise<number> {
  let work = 0;
  for (const name of METHODS) {
    const original = String.prototype[name] as (...args: unknown[]) => unknown;
    originals.set(name, original);
    Object.defineProperty(String.prototype, name, {
      configurable: true,
      writable: true,
      value(this: string, ...args: unknown[]) {
        work += this.length;
        return original.apply(this, args);
      },
    });
  }
  try {
    await count();
  } finally {
    restore();
  }
  return work;
}

function restore(): void {
  for (const [name, original] of originals)
    Object.defineProperty(String.prototype, name, { configurable: true, writable: true, value: original });
  originals.clear();
}
afterEach(restore);

const PIECE = 64 * 1024;

/** A text of one line of `length` characters and a short one, in pieces of 64 KiB (as a file stream gives them). */
function longLine(length: number, wrap: (filler: string) => unknown): string[] {
  const text = `${JSON.stringify(wrap('x'.repeat(length)))}\n${JSON.stringify(wrap('y'))}\n`;
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += PIECE) pieces.push(text.slice(at, at + PIECE));
  return pieces;
}

describe('reading a long NDJSON line is linear in its length', () => {
  const sizes = [2 * 1024 * 1024, 8 * 1024 * 1024];

  it('contacts.ndjson (readRecords)', async () => {
    const work: number[] = [];
    for (const size of sizes) {
      // A real file: read in the pieces a file stream gives (64 KiB).
      const file = join(mkdtempSync(join(tmpdir(), 'cc-long-')), 'contacts.ndjson');
      writeFileSync(file, longLine(size, (note) => ({ id: 'c', attributes: { note } })).join(''));
      work.push(
        await countWork(async () => {
          const input = await readRecords(file, 'contacts', Readable.from([]), []);
          expect(input.records).toHaveLength(2);
        }),
      );
      rmSync(dirname(file), { recursive: true, force: true });
    }
    // Four times the line, at most about four times the work (quadratic reading gives sixteen).
    expect(work[1]! / work[0]!).toBeLessThan(5);
    expect(work[1]!).toBeLessThan(10 * sizes[1]!);
  });

  it('contacts from stdin (no extension)', async () => {
    const size = 8 * 1024 * 1024;
    const pieces = longLine(size, (note) => ({ id: 'c', attributes: { note } }));
    const work = await countWork(async () => {
      const input = await readRecords('-', 'contacts', Readable.from(pieces), []);
      expect(input.records).toHaveLength(2);
    });
    expect(work).toBeLessThan(10 * size);
  });

  it('records.ndjson (RecordStream)', async () => {
    const work: number[] = [];
    for (const size of sizes) {
      const pieces = longLine(size, (note) => ({ contact: { id: 'c', attributes: { note } }, touches: [] }));
      work.push(
        await countWork(async () => {
          const stream = new RecordStream('-', Readable.from(pieces));
          await stream.open();
          const records: unknown[] = [];
          for await (const record of stream) records.push(record);
          expect(records).toHaveLength(2);
        }),
      );
    }
    expect(work[1]! / work[0]!).toBeLessThan(5);
    expect(work[1]!).toBeLessThan(10 * sizes[1]!);
  });
});

describe('ndjsonLines', () => {
  async function collect(pieces: readonly string[]) {
    const lines: { number: number; text: string }[] = [];
    for await (const line of ndjsonLines(Readable.from(pieces, { objectMode: true }))) lines.push(line);
    return lines;
  }

  it('gives the lines of the text however it is cut into pieces', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', '\uFEFF', 'é') }), { maxLength: 8 }),
        fc.array(fc.nat({ max: 20 }), { maxLength: 10 }),
        async (parts, cuts) => {
          const text = parts.join('');
          // The oracle: split the whole text at once.
          const expected = text === '' ? [] : text.split('\n');
          if (expected.length > 0 && expected.at(-1) === '') expected.pop();
          const want = expected.map((line, index) => {
            let clean = line.endsWith('\r') ? line.slice(0, -1) : line;
            if (index === 0 && clean.startsWith('\uFEFF')) clean = clean.slice(1);
            return { number: index + 1, text: clean };
          });
          const pieces: string[] = [];
          let at = 0;
          for (const cut of cuts) {
            pieces.push(text.slice(at, at + cut));
            at += cut;
          }
          pieces.push(text.slice(at));
          expect(await collect(pieces)).toEqual(want);
        },
      ),
    );
  });
});
