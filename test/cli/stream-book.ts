/**
 * A book for the streamed-input tests, written both ways: as contacts.ndjson + touches.ndjson (the
 * whole book) and as records.ndjson (a contact with its touches a line), record `i` on line `i + 1`
 * of records.ndjson and of contacts.ndjson, touches in the order of their records. The command
 * line runs in this process (runCli) with stand-in streams.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { type CliIo, runCli } from '../../src/cli/run.js';
import type { Contact, Owner, Snooze, Touch } from '../../src/index.js';
import { NOW, sampleDir } from './build.js';

const read = <T>(name: string): T => JSON.parse(readFileSync(join(sampleDir, name), 'utf8')) as T;

/** The sample policy without its top-N rule, which a stream cannot decide. */
export function streamablePolicy(): Record<string, unknown> {
  const policy = read<{ assign: { top?: unknown }[] }>('policy.json');
  return { ...policy, assign: policy.assign.filter((rule) => rule.top === undefined) };
}

export interface StreamRecordLike {
  contact: Contact;
  touches: Touch[];
}

/**
 * The sample contacts `copies` times over (ids `c01-0` …), each with its touches, and some wrong
 * on purpose: an unknown zone, a duplicate id next to the first, a touch with a bad instant, a
 * touch naming a contact that does not exist.
 */
export function sampleRecords(copies: number): StreamRecordLike[] {
  const contacts = read<Contact[]>('contacts.json');
  const touches = read<Touch[]>('touches.json');
  const records: StreamRecordLike[] = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const contact of contacts) {
      const id = `${contact.id}-${copy}`;
      records.push({
        contact: { ...contact, id },
        touches: touches.filter((touch) => touch.contactId === contact.id).map((touch) => ({ ...touch, contactId: id })),
      });
    }
  }
  records[5] = { ...records[5]!, contact: { ...records[5]!.contact, timeZone: 'Mars/Base' } };
  records[10] = { ...records[10]!, contact: { ...records[10]!.contact, id: records[9]!.contact.id } };
  records[14]!.touches.push({ contactId: records[14]!.contact.id, at: 'not a time', channel: 'call' });
  records[20]!.touches.push({ contactId: 'elsewhere', at: '2026-11-01T00:00:00Z', channel: 'call' });
  return records;
}

/** Owners (one with an unknown zone) and snoozes (one of a contact that never comes). */
export function sideInputs(): { owners: Owner[]; snoozes: Snooze[] } {
  return {
    owners: [...read<Owner[]>('owners.json'), { id: 'u-bad', timeZone: 'Mars/Base' }],
    snoozes: [
      { contactId: 'c05-1', cycleId: 'check-in', until: '2026-11-27' },
      { contactId: 'ghost', cycleId: 'check-in', until: '2026-11-27' },
    ],
  };
}

const ndjson = (rows: readonly unknown[]) => rows.map((row) => `${JSON.stringify(row)}\n`).join('');

/** Writes the book into `dir/whole` and `dir/streamed`; returns the two folders. */
export function writeBothWays(
  dir: string,
  records: readonly StreamRecordLike[],
  policy: unknown = streamablePolicy(),
): { whole: string; streamed: string } {
  const whole = join(dir, 'whole');
  const streamed = join(dir, 'streamed');
  const { owners, snoozes } = sideInputs();
  for (const folder of [whole, streamed]) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'policy.json'), JSON.stringify(policy));
    writeFileSync(join(folder, 'owners.json'), JSON.stringify(owners));
    writeFileSync(join(folder, 'snoozes.json'), JSON.stringify(snoozes));
  }
  writeFileSync(join(whole, 'contacts.ndjson'), ndjson(records.map((record) => record.contact)));
  writeFileSync(join(whole, 'touches.ndjson'), ndjson(records.flatMap((record) => record.touches)));
  writeFileSync(join(streamed, 'records.ndjson'), ndjson(records));
  return { whole, streamed };
}

/** Line of records.ndjson holding each touch, by the touch's position in touches.ndjson. */
export function touchRecordLines(records: readonly StreamRecordLike[]): number[] {
  return records.flatMap((record, index) => record.touches.map(() => index + 1));
}

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in this process; `stdin` is text, or a stream of its own. */
export async function runInProcess(
  args: readonly string[],
  options: { stdin?: string | Readable; stdout?: PassThrough; stdoutIsTTY?: boolean } = {},
): Promise<InProcessRun> {
  const stdout = options.stdout ?? new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const stdin = typeof options.stdin === 'string' ? Readable.from([options.stdin]) : (options.stdin ?? Readable.from([]));
  const io: CliIo = {
    stdin,
    stdout,
    stderr,
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: false,
    clock: () => new Date(NOW),
    version: '0.0.0-test',
  };
  const code = await runCli(args, io);
  return { code, stdout: out, stderr: err };
}
