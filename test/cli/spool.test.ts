/**
 * The spool that keeps a JSON document's errors and balance for its end: past its memory budget the
 * lines go to a temporary file, and they come back in the order they were added, file first.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { CliRecordError } from '../../src/cli/errors.js';
import { Spool } from '../../src/cli/spool.js';
import { NOW } from './build.js';
import { runInProcess, streamablePolicy } from './stream-book.js';

const spoolFolders = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('calling-cycle-spool-')));

describe('Spool', () => {
  it.each([
    ['within the budget', 1_000_000],
    ['past the budget, in a temporary file', 50],
  ])('%s: every line back, in order', async (_, budget) => {
    const before = spoolFolders();
    const spool = new Spool(budget);
    const lines = Array.from({ length: 500 }, (__, index) => JSON.stringify({ index, text: 'é"\\'.repeat(index % 7) }));
    for (const line of lines) spool.add(line);
    expect(spool.size).toBe(500);
    const created = [...spoolFolders()].filter((name) => !before.has(name));
    expect(created.length).toBe(budget < 1000 ? 1 : 0);
    const back: string[] = [];
    for await (const line of spool.lines()) back.push(line);
    expect(back).toEqual(lines);
    spool.dispose();
    expect([...spoolFolders()].filter((name) => created.includes(name))).toEqual([]);
  });

  it('an empty spool gives no lines', async () => {
    const spool = new Spool(10);
    const back: string[] = [];
    for await (const line of spool.lines()) back.push(line);
    expect(back).toEqual([]);
  });
});

describe('a streamed book with more errors than the spool holds in memory', () => {
  it('--format json still lists every error, in order, after the items', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-spool-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(streamablePolicy()));
    // Forty thousand lines that are not JSON: about 10 MB of errors, past the 8 MB kept in memory.
    const bad = 40_000;
    const lines = [JSON.stringify({ contact: { id: 'k0', timeZone: 'Europe/London' } })];
    for (let index = 0; index < bad; index++) lines.push(`{"contact": ${'x'.repeat(index % 50)}`);
    writeFileSync(join(dir, 'records.ndjson'), lines.join('\n'));
    const result = await runInProcess(['evaluate', dir, '--now', NOW, '--format', 'json', '--chunk-size', '1000']);
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout) as { items: { contactId: string }[]; errors: CliRecordError[] };
    expect(output.items.map((item) => item.contactId)).toContain('k0');
    expect(output.errors).toHaveLength(bad);
    expect(output.errors.map((error) => error.line)).toEqual(Array.from({ length: bad }, (_, index) => index + 2));
    expect(new Set(output.errors.map((error) => error.code))).toEqual(new Set(['bad-json']));
  });
});
