/**
 * Streamed input (`--records`, `records.ndjson`): the same output as the same book read whole, in
 * every format and chunk size, errors named by the line of their record; reading held back by a
 * slow output; what a stream cannot do refused as a usage error. The whole-book path (evaluated
 * into columns, items built as they are written) is held to the library's own items and CSV.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemsToCsv } from '../../src/adapters/csv/index.js';
import type { CliRecordError } from '../../src/cli/errors.js';
import { evaluate, parsePolicy } from '../../src/index.js';
import { NOW } from './build.js';
import {
  runInProcess,
  sampleRecords,
  sideInputs,
  type StreamRecordLike,
  streamablePolicy,
  touchRecordLines,
  writeBothWays,
} from './stream-book.js';

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'cc-cli-stream-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const records = sampleRecords(4);
let book: { whole: string; streamed: string };
beforeAll(() => {
  book = writeBothWays(join(scratch, 'book'), records);
});

/** The whole run's error, as the streamed run names it: records.ndjson, the line of its record. */
function asStreamed(error: CliRecordError): CliRecordError {
  if (error.record === 'contact') return { ...error, file: join(book.streamed, 'records.ndjson'), line: error.index + 1 };
  if (error.record === 'touch')
    return { ...error, file: join(book.streamed, 'records.ndjson'), line: touchRecordLines(records)[error.index]! };
  return { ...error, file: error.file!.replace(book.whole, book.streamed) };
}

const byPosition = (a: CliRecordError, b: CliRecordError) => a.record.localeCompare(b.record) || a.index - b.index;

/** The stderr lines of record errors, whatever their order (a stream reports unmatched snoozes last). */
const sortedLines = (text: string) => text.split('\n').sort();

describe('streamed records give the output of the same book read whole', () => {
  const base = ['--now', NOW];

  it.each([
    ['evaluate', 'ndjson', 1000],
    ['evaluate', 'ndjson', 4],
    ['evaluate', 'csv', 1000],
    ['evaluate', 'csv', 11],
    ['explain', 'ndjson', 4],
    ['explain', 'csv', 1000],
  ])('%s --format %s, chunks of %i: the same bytes out, the same errors on stderr', async (command, format, chunkSize) => {
    const whole = await runInProcess([command, book.whole, ...base, '--format', format]);
    const streamed = await runInProcess([command, book.streamed, ...base, '--format', format, '--chunk-size', String(chunkSize)]);
    expect(whole.code).toBe(1);
    expect(streamed.code).toBe(1);
    expect(streamed.stdout.length).toBeGreaterThan(1000);
    expect(streamed.stdout).toBe(whole.stdout);
    // The same errors, each at the line of its record in records.ndjson.
    const wholeLines = whole.stderr
      .split(join(book.whole, 'contacts.ndjson'))
      .join('RECORDS')
      .split(join(book.whole, 'touches.ndjson'))
      .join('RECORDS')
      .split(book.whole)
      .join('FOLDER');
    const streamedLines = streamed.stderr.split(join(book.streamed, 'records.ndjson')).join('RECORDS').split(book.streamed).join('FOLDER');
    const touchLines = touchRecordLines(records);
    const relined = wholeLines.replace(/RECORDS line (\d+): touch #(\d+)/g, (_, _line, index: string) => {
      return `RECORDS line ${touchLines[Number(index)]}: touch #${index}`;
    });
    expect(sortedLines(streamedLines)).toEqual(sortedLines(relined));
    expect(streamed.stderr).toMatch(/records\.ndjson line 6: contact #5 \(c06-0\): timeZone: unknown IANA time zone/);
    expect(streamed.stderr).toMatch(/records\.ndjson line 15: touch #\d+ \(c15-0\): at: .* \(bad-instant\)/);
    expect(streamed.stderr).toMatch(/snoozes\.json: snooze #1 \(ghost\)/);
  });

  it.each([1000, 4])(
    'json, chunks of %i: the items array streamed byte for byte, then every error with its file and line, and the balance',
    async (chunkSize) => {
      const whole = await runInProcess(['evaluate', book.whole, ...base, '--format', 'json']);
      const streamed = await runInProcess(['evaluate', book.streamed, ...base, '--format', 'json', '--chunk-size', String(chunkSize)]);
      expect([whole.code, streamed.code]).toEqual([1, 1]);
      const itemsText = (text: string) => text.slice(0, text.indexOf('\n"errors":['));
      expect(itemsText(streamed.stdout)).toBe(itemsText(whole.stdout));
      const wholeJson = JSON.parse(whole.stdout) as { errors: CliRecordError[]; balance: unknown[] };
      const streamedJson = JSON.parse(streamed.stdout) as { errors: CliRecordError[]; balance: unknown[] };
      expect([...streamedJson.errors].sort(byPosition)).toEqual(wholeJson.errors.map(asStreamed).sort(byPosition));
      expect(new Set(streamedJson.errors.map((error) => error.code))).toEqual(
        new Set(['unknown-zone', 'duplicate-id', 'unknown-contact', 'bad-instant']),
      );
      // One balance per evaluated contact: all but the one with an unknown zone and the duplicate.
      expect(streamedJson.balance.length).toBe(records.length - 2);
      expect(streamedJson.balance).toEqual(wholeJson.balance);
      expect(streamed.stderr).toBe(`calling-cycle: ${wholeJson.errors.length} records had errors; see "errors" in the output\n`);
    },
  );

  it('explain --format json: the same document apart from where the errors were found', async () => {
    const whole = await runInProcess(['explain', book.whole, ...base, '--format', 'json']);
    const streamed = await runInProcess(['explain', book.streamed, ...base, '--format', 'json', '--chunk-size', '9']);
    const cut = (text: string) => text.slice(0, text.indexOf('\n"errors":['));
    expect(cut(streamed.stdout)).toBe(cut(whole.stdout));
    expect(JSON.parse(streamed.stdout).items[0]).toHaveProperty('explanation');
  });

  it.each([
    [['--owner', 'u-london']],
    [['--status', 'overdue,due']],
    [['--contact', 'c09-2']],
    [['--owner', 'u-newyork', '--status', 'upcoming']],
  ])('filters %j apply to streamed rows as to whole ones', async (filter) => {
    const whole = await runInProcess(['evaluate', book.whole, ...base, '--format', 'ndjson', ...filter]);
    const streamed = await runInProcess(['evaluate', book.streamed, ...base, '--format', 'ndjson', '--chunk-size', '7', ...filter]);
    expect(streamed.stdout.split('\n').length).toBeGreaterThan(2);
    expect(streamed.stdout).toBe(whole.stdout);
  });

  it('--records - reads the records from stdin, and --records <file> wins over a folder', async () => {
    const text = records.map((record) => JSON.stringify(record)).join('\n');
    const whole = await runInProcess(['evaluate', book.whole, ...base, '--format', 'ndjson']);
    const fromStdin = await runInProcess(
      [
        'evaluate',
        '--policy',
        join(book.streamed, 'policy.json'),
        '--owners',
        join(book.streamed, 'owners.json'),
        '--snoozes',
        join(book.streamed, 'snoozes.json'),
        '--records',
        '-',
        ...base,
        '--format',
        'ndjson',
      ],
      { stdin: text },
    );
    expect(fromStdin.code).toBe(1);
    expect(fromStdin.stdout).toBe(whole.stdout);
    expect(fromStdin.stderr).toMatch(/^stdin line 6: contact #5 \(c06-0\)/m);
    const flagged = await runInProcess([
      'evaluate',
      book.whole,
      '--records',
      join(book.streamed, 'records.ndjson'),
      ...base,
      '--format',
      'ndjson',
    ]);
    expect(flagged.stdout).toBe(whole.stdout);
    expect(flagged.stderr).toContain(`${join(book.streamed, 'records.ndjson')} line 6`);
  });
});

describe('the whole book is written from columns, each item as the library builds it', () => {
  const policy = parsePolicy(streamablePolicy());
  const { owners, snoozes } = sideInputs();
  const expected = () =>
    evaluate({
      policy,
      contacts: records.map((record) => record.contact),
      touches: records.flatMap((record) => record.touches),
      owners,
      snoozes,
      now: NOW,
    });

  it("ndjson: after the header, each line is JSON.stringify of evaluate's item, in evaluate's order", async () => {
    const result = await runInProcess(['evaluate', book.whole, '--now', NOW, '--format', 'ndjson']);
    const lines = result.stdout.split('\n').slice(1, -1);
    expect(lines).toEqual(expected().items.map((item) => JSON.stringify(item)));
  });

  it("csv: the csv adapter's text for evaluate's items", async () => {
    const result = await runInProcess(['evaluate', book.whole, '--now', NOW, '--format', 'csv']);
    expect(result.stdout).toBe(itemsToCsv(expected().items));
  });
});

describe('streamed records are read as the output is written', () => {
  const size = 3000;
  const chunkSize = 100;
  const line = (index: number) =>
    `${JSON.stringify({
      contact: { id: `s${index}`, timeZone: 'Europe/London', createdAt: '2026-01-05T10:00:00Z' },
      touches: [{ contactId: `s${index}`, at: '2026-11-01T09:00:00Z', channel: 'call' }],
    })}\n`;
  const policyDir = () => {
    const dir = join(scratch, 'slow');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(streamablePolicy()));
    return dir;
  };
  /** `evaluate` of records on stdin to NDJSON, a chunk of `chunkSize` at a time. */
  const streamedNdjson = () => [
    'evaluate',
    '--policy',
    join(policyDir(), 'policy.json'),
    '--records',
    '-',
    '--now',
    NOW,
    '--format',
    'ndjson',
    '--chunk-size',
    String(chunkSize),
  ];

  it('a slow reader of the output holds the input back: never more than about a chunk read ahead of what was written', async () => {
    let pulled = 0;
    const stdin = Readable.from(
      (function* () {
        for (let index = 0; index < size; index++) {
          pulled++;
          yield line(index);
        }
      })(),
    );
    // A pipe that takes 1 kB at a time, slowly: each write waits a turn of the event loop.
    let written = '';
    const readAhead: number[] = [];
    const stdout = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString('utf8');
        const lastContact = [...written.matchAll(/"contactId":"s(\d+)"/g)].pop();
        readAhead.push(pulled - (lastContact === undefined ? 0 : Number(lastContact[1]) + 1));
        setImmediate(done);
      },
    }) as unknown as PassThrough;
    const result = await runInProcess(streamedNdjson(), { stdin, stdout });
    // What the pipe still holds is taken before counting.
    await new Promise<void>((resolve) => stdout.end(resolve));
    expect(result.code).toBe(0);
    expect(pulled).toBe(size);
    expect(written.split('\n').length - 2).toBe(size);
    // The first output left long before the input was read to its end …
    expect(readAhead.length).toBeGreaterThan(10);
    // … and at every write the records read but not yet written stay within a chunk and a little.
    expect(Math.max(...readAhead)).toBeLessThanOrEqual(2 * chunkSize + 32);
  });

  it('the first chunk is written before the input has ended', async () => {
    // An input that gives half the records, then waits until the output has seen the first chunk.
    let sawOutput: () => void = () => {};
    const outputSeen = new Promise<'seen'>((resolve) => {
      sawOutput = () => resolve('seen');
    });
    // Had the reading waited for the end of the input before writing, the input would wait in
    // vain: it gives up after a while, so the test fails rather than hangs.
    let waited: 'seen' | 'gave up' = 'gave up';
    const stdin = Readable.from(
      (async function* () {
        for (let index = 0; index < size / 2; index++) yield line(index);
        waited = await Promise.race([outputSeen, new Promise<'gave up'>((resolve) => setTimeout(() => resolve('gave up'), 5000))]);
        for (let index = size / 2; index < size; index++) yield line(index);
      })(),
    );
    const stdout = new PassThrough();
    stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('"contactId":"s0"')) sawOutput();
    });
    const result = await runInProcess(streamedNdjson(), { stdin, stdout });
    expect(waited).toBe('seen');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').length - 2).toBe(size);
  });
});

describe('lines of a records file that are not records', () => {
  it('each is an error at its line, at the position of the record it would have been; the others are evaluated', async () => {
    const dir = join(scratch, 'bad-lines');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(streamablePolicy()));
    const good = (id: string) => JSON.stringify({ contact: { id, timeZone: 'Europe/London' }, touches: [] });
    const lines = [
      good('r0'),
      '{"contact": {"id": "r1"', // cut short
      '',
      good('r1'),
      '[1, 2]', // JSON, not a record
      '{"contact": {"id": "r3", "timeZone": "Europe/London"}, "touches": "none"}',
      `${good('r4')}\r`,
      '{"contact": {"id": "r5", "timeZone": "Europe/London"}, "touches": [{"contactId": "r5", "at": "yesterday", "channel": "call"}]}',
    ];
    writeFileSync(join(dir, 'records.ndjson'), `\uFEFF${lines.join('\n')}`);
    const result = await runInProcess(['evaluate', dir, '--now', NOW, '--format', 'json', '--chunk-size', '2']);
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout) as { items: { contactId: string }[]; errors: CliRecordError[] };
    expect([...new Set(output.items.map((item) => item.contactId))]).toEqual(['r0', 'r1', 'r4', 'r5']);
    const file = join(dir, 'records.ndjson');
    expect(
      output.errors.map(({ record, index, file: where, line, code, path }) => ({ record, index, file: where, line, code, path })),
    ).toEqual([
      // One numbering for the file: every line that is not blank is a record, the one that is not JSON included.
      { record: 'contact', index: 1, file, line: 2, code: 'bad-json', path: [] },
      { record: 'contact', index: 3, file, line: 5, code: 'not-an-object', path: [] },
      { record: 'contact', index: 4, file, line: 6, code: 'bad-value', path: ['touches'] },
      { record: 'touch', index: 0, file, line: 8, code: 'bad-instant', path: ['at'] },
    ]);
    expect(output.errors[0]!.message).toMatch(/^not a JSON object on one line/);
  });

  it('a records file holding a JSON array is refused before anything is written', async () => {
    const dir = join(scratch, 'array');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(streamablePolicy()));
    writeFileSync(join(dir, 'records.ndjson'), JSON.stringify(records.slice(0, 2)));
    const result = await runInProcess(['evaluate', dir, '--now', NOW, '--format', 'ndjson']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(
      /records\.ndjson is not NDJSON records: write one \{ "contact": \{…\}, "touches": \[\.\.\.\] \} object a line, not a JSON array/,
    );
  });
});

describe('what a stream cannot do is a usage error (exit 2), before any record is read', () => {
  function untouchedStdin(): { stdin: Readable; wasRead: () => boolean } {
    let read = false;
    const stdin = new Readable({
      read() {
        read = true;
        this.push(null);
      },
    });
    return { stdin, wasRead: () => read };
  }

  it('a policy with a top-N tier rule, named by its path, with what to do instead', async () => {
    const dir = join(scratch, 'top');
    mkdirSync(dir, { recursive: true });
    const policy = streamablePolicy() as { assign: unknown[] };
    const ranked = { ...policy, assign: [...policy.assign, { tier: 'A', top: { by: 'annualRevenue', n: 3 } }] };
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(ranked));
    const { stdin, wasRead } = untouchedStdin();
    const result = await runInProcess(
      ['evaluate', '--policy', join(dir, 'policy.json'), '--records', '-', '--now', NOW, '--format', 'ndjson'],
      {
        stdin,
      },
    );
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(
      `calling-cycle: policy.assign[${policy.assign.length}].top ranks contacts over the whole book, which streamed records never hold at once: give those contacts an explicit tier, or pass the book whole with --contacts and --touches\n`,
    );
    expect(wasRead()).toBe(false);
  });

  it('the table (it sorts every item), also when it is the default on a terminal', async () => {
    for (const format of [['--format', 'table'], []]) {
      const result = await runInProcess(['evaluate', book.streamed, '--now', NOW, ...format], { stdoutIsTTY: true });
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toMatch(/the table sorts every item, .* pass --format ndjson, csv or json/);
    }
  });

  it.each([
    [['--records', 'a.ndjson', '--contacts', 'b.ndjson'], /pass either --records or --contacts and --touches, not both/],
    [['--chunk-size', '10'], /--chunk-size applies to streamed records/],
  ])('%j', async (flags, message) => {
    const result = await runInProcess(['evaluate', book.whole, '--now', NOW, '--format', 'ndjson', ...flags]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(message);
  });

  it.each(['0', '1000001', 'ten'])('--chunk-size %s', async (size) => {
    const result = await runInProcess(['evaluate', book.streamed, '--now', NOW, '--format', 'ndjson', '--chunk-size', size]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain(`--chunk-size ${size}: give a whole number from 1 to 1000000`);
  });

  it('a folder holding records.ndjson beside contacts: which one?', async () => {
    const dir = writeBothWays(join(scratch, 'both'), records.slice(0, 3)).whole;
    writeFileSync(join(dir, 'records.ndjson'), '');
    const result = await runInProcess(['evaluate', dir, '--now', NOW, '--format', 'ndjson']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/holds records\.ndjson and contacts\.ndjson: choose the records with --records <file>, or the contacts/);
    // A flag settles it.
    const chosen = await runInProcess(['evaluate', dir, '--contacts', join(dir, 'contacts.ndjson'), '--now', NOW, '--format', 'ndjson']);
    expect(chosen.code).toBe(1);
  });

  it('plan needs the whole book, and says so of a folder of records', async () => {
    const result = await runInProcess(['plan', book.streamed, '--now', NOW, '--format', 'json']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(
      /records\.ndjson holds streamed records, which only evaluate and explain read; plan needs the whole book/,
    );
    const flag = await runInProcess(['plan', book.whole, '--records', 'x.ndjson']);
    expect(flag.stderr).toMatch(/--records does not apply to plan/);
  });

  it('an empty records file is a book without contacts: a header, no items, exit 65 (nothing usable) for the snooze of no contact', async () => {
    const dir = writeBothWays(join(scratch, 'empty'), [] as StreamRecordLike[]).streamed;
    const result = await runInProcess(['evaluate', dir, '--now', NOW, '--format', 'ndjson']);
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.code).toBe(65);
    expect(result.stderr).toMatch(/snooze #0 \(c05-1\)/);
  });
});
