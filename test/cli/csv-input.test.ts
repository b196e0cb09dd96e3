/**
 * The CLI's CSV input for teams that do not write JavaScript: a column mapping (a JSON file or
 * flags), the zone of local times, channel and outcome words, the columns it ignored, and engine
 * errors on CSV records named by the CSV's own line and row. In-process, with files in a scratch
 * folder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../src/cli/run.js';

const NOW = '2026-11-23T08:00:00.000Z';
const policy = {
  version: 1,
  timeZone: 'Europe/London',
  tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] }],
  defaultTier: 'A',
};

async function run(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const io: CliIo = {
    stdin: Readable.from([]),
    stdout,
    stderr,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    clock: () => new Date(NOW),
    version: '0.0.0-test',
  };
  const code = await runCli(args, io);
  return { code, stdout: out, stderr: err };
}

function book(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cc-csv-input-'));
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

interface Item {
  contactId: string;
  lastTouchAt: string | null;
}
const itemsOf = (stdout: string) => (JSON.parse(stdout) as { items: Item[] }).items;
const errorsOf = (stdout: string) => (JSON.parse(stdout) as { errors: { index: number; line?: number; code: string }[] }).errors;

describe('CLI: engine errors on CSV records', () => {
  it('carry the CSV line and the row index the reader counts, past rows it refused', async () => {
    const dir = book({ 'contacts.csv': 'id,timeZone,tier\nk1,Mars/Base,A\nk2,UTC,Z\nk3,UTC,A\n' });
    const result = await run(['evaluate', dir, '--now', NOW, '--format', 'json']);
    expect(result.code).toBe(1);
    const errors = errorsOf(result.stdout).map((error) => [error.code, error.index, error.line]);
    expect(errors).toEqual([
      ['unknown-zone', 0, 2],
      ['unknown-tier', 1, 3],
    ]);
  });
});

describe('CLI: CSV reader options', () => {
  const touches = 'Contact,When,Type,Result\nk1,2026-11-20 09:30,Phone,Left voicemail\nk2,2026-11-20 09:30,Phone,Spoke\n';
  const contacts = 'Contact ID,Name,Region\nk1,Ada,EU\nk2,Grace,EU\n';
  const mapping = {
    contacts: { id: 'Contact ID', name: 'Name' },
    touches: { contactId: 'Contact', at: 'When', channel: 'Type', outcome: 'Result' },
  };

  it('--mapping, --local-time-zone, --channel and --outcome read an export as it is', async () => {
    const dir = book({ 'contacts.csv': contacts, 'touches.csv': touches, 'mapping.json': JSON.stringify(mapping) });
    const result = await run([
      'evaluate',
      dir,
      '--now',
      NOW,
      '--format',
      'json',
      '--mapping',
      join(dir, 'mapping.json'),
      '--local-time-zone',
      'Europe/Berlin',
      '--channel',
      'Phone=call',
      '--outcome',
      'Left voicemail=voicemail',
      '--outcome',
      'spoke=connected',
    ]);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const last = Object.fromEntries(itemsOf(result.stdout).map((item) => [item.contactId, item.lastTouchAt]));
    // The voicemail does not count; the conversation, at 09:30 in Berlin, does.
    expect(last).toEqual({ k1: null, k2: '2026-11-20T08:30:00.000Z' });
    expect(result.stderr).toContain('contacts.csv: columns not read: Region');
  });

  it('--column maps one field without a file', async () => {
    const dir = book({ 'contacts.csv': 'Contact ID\nk1\n' });
    const result = await run(['evaluate', dir, '--now', NOW, '--format', 'json', '--column', 'contacts.id=Contact ID']);
    expect(result.code).toBe(0);
    expect(itemsOf(result.stdout).map((item) => item.contactId)).toEqual(['k1']);
  });

  it('outcome words nobody mapped are counted on stderr', async () => {
    const dir = book({
      'contacts.csv': 'id\nk1\n',
      'touches.csv': 'contactId,at,channel,outcome\nk1,2026-11-20T09:30:00Z,call,Gatekeeper\nk1,2026-11-21T09:30:00Z,call,gatekeeper\n',
    });
    const result = await run(['evaluate', dir, '--now', NOW, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('touches.csv: outcome words not mapped (--outcome "<word>=<outcome>"): "Gatekeeper" ×2');
  });

  it.each([
    [['--channel', 'Phone'], /--channel Phone: write <word>=<channel>/],
    [['--channel', 'Phone=phone'], /--channel Phone=phone: .*call, meeting/],
    [['--outcome', 'Left voicemail'], /--outcome Left voicemail: write <word>=<outcome>/],
    [['--local-time-zone', 'Mars/Base'], /--local-time-zone Mars\/Base: unknown IANA time zone/],
    [['--mapping', '/nonexistent/mapping.json'], /--mapping \/nonexistent\/mapping\.json: cannot read/],
    [['--column', 'contacts.id'], /--column contacts\.id: write <csv>\.<field>=<column>/],
    [['--column', 'deals.id=X'], /--column deals\.id=X: .*contacts, touches or owners/],
  ])('a bad %j is a usage error (exit 2)', async (flags, message) => {
    const dir = book({ 'contacts.csv': 'id\nk1\n' });
    const result = await run(['evaluate', dir, '--now', NOW, ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('a mapping file that is not a mapping is a usage error naming the file', async () => {
    const dir = book({ 'contacts.csv': 'id\nk1\n', 'mapping.json': '{"contacts": {"id": 7}}' });
    const result = await run(['evaluate', dir, '--now', NOW, '--mapping', join(dir, 'mapping.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/mapping\.json: not a CSV mapping/);
    expect(result.stderr).toMatch(/contacts\.id/);
  });
});
