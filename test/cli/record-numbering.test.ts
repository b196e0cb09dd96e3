/**
 * One numbering for a file: an error's `index` counts the file's records as its reader does
 * (NDJSON: every line that is not blank, one that is not JSON included; CSV: every data row, one
 * the reader refused included), whether the reader or the engine found the error, so no two
 * records of a file share an index and each index names the line beside it. Whole books and
 * streamed records alike (docs/cli.md).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, NOW, runBuilt } from './build.js';

let cli = '';
let scratch = '';
beforeAll(async () => {
  cli = await buildCli();
  scratch = mkdtempSync(join(tmpdir(), 'cc-numbering-'));
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const POLICY = {
  version: 1,
  timeZone: 'UTC',
  tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] }],
  defaultTier: 'A',
};

interface Located {
  record: string;
  index: number;
  line?: number;
  code: string;
}

function errorsOf(dir: string, files: Record<string, string>): Located[] {
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(POLICY));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const result = runBuilt(cli, ['evaluate', dir, '--now', NOW, '--format', 'json']);
  expect(result.code).toBe(1);
  const output = JSON.parse(result.stdout) as { errors: Located[] };
  return output.errors.map(({ record, index, line, code }) => ({ record, index, line, code }));
}

describe('error indexes count the records of the file, as its reader does', () => {
  it('contacts.ndjson and touches.ndjson: a line that is not JSON takes its place; the engine errors after it keep theirs', () => {
    const dir = mkdtempSync(join(scratch, 'ndjson-'));
    const errors = errorsOf(dir, {
      'contacts.ndjson': ['{"id":"c0"}', '{"id":', '', '{"id":"c2","timeZone":"Mars/Base"}', 'nope', '{"id":"c4","tier":"Z"}'].join('\n'),
      'touches.ndjson': ['not json', '{"contactId":"c0","at":"2026-11-01T10:00:00Z","channel":"call"}', '{"contactId":"c0","at":"yesterday","channel":"call"}'].join(
        '\n',
      ),
    });
    expect(errors).toEqual([
      { record: 'contact', index: 1, line: 2, code: 'bad-json' },
      { record: 'contact', index: 3, line: 5, code: 'bad-json' },
      { record: 'touch', index: 0, line: 1, code: 'bad-json' },
      { record: 'contact', index: 2, line: 4, code: 'unknown-zone' },
      { record: 'contact', index: 4, line: 6, code: 'unknown-tier' },
      { record: 'touch', index: 2, line: 3, code: 'bad-instant' },
    ]);
    // Each record of a file has its own index, and each index one line.
    for (const record of ['contact', 'touch']) {
      const mine = errors.filter((error) => error.record === record);
      expect(new Set(mine.map((error) => error.index)).size).toBe(mine.length);
    }
  });

  it('contacts.csv: a row the reader refused takes its place; the engine errors after it keep theirs', () => {
    const dir = mkdtempSync(join(scratch, 'csv-'));
    const errors = errorsOf(dir, { 'contacts.csv': 'id,timeZone,tier\nc0,UTC,\n,UTC,\nc2,Mars/Base,\nc3,UTC,Z\n' });
    expect(errors).toEqual([
      { record: 'contact', index: 1, line: 3, code: 'missing-id' },
      { record: 'contact', index: 2, line: 4, code: 'unknown-zone' },
      { record: 'contact', index: 3, line: 5, code: 'unknown-tier' },
    ]);
  });

  it('records.ndjson, streamed in chunks of two: the same numbering', () => {
    const dir = mkdtempSync(join(scratch, 'stream-'));
    const record = (contact: object) => JSON.stringify({ contact, touches: [] });
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(POLICY));
    writeFileSync(
      join(dir, 'records.ndjson'),
      [record({ id: 'r0' }), '{"contact":', record({ id: 'r2', timeZone: 'Mars/Base' }), 'nope', '', record({ id: 'r4', tier: 'Z' })].join('\n'),
    );
    const result = runBuilt(cli, ['evaluate', dir, '--now', NOW, '--format', 'json', '--chunk-size', '2']);
    expect(result.code).toBe(1);
    const errors = (JSON.parse(result.stdout) as { errors: Located[] }).errors.map(({ record: kind, index, line, code }) => ({
      record: kind,
      index,
      line,
      code,
    }));
    expect(errors).toEqual([
      { record: 'contact', index: 1, line: 2, code: 'bad-json' },
      { record: 'contact', index: 2, line: 3, code: 'unknown-zone' },
      { record: 'contact', index: 3, line: 4, code: 'bad-json' },
      { record: 'contact', index: 4, line: 6, code: 'unknown-tier' },
    ]);
  });
});
