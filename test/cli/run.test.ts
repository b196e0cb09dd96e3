/**
 * What only a terminal shows, checked in-process with stand-in streams: a child process never has
 * a TTY. The table is the default on a terminal; progress goes to stderr only when it is one.
 */
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../src/cli/run.js';

/** Carriage return and "erase to end of line": how a progress line is drawn and cleared. */
const CLEAR_LINE = '\r\u001b[K';

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return () => text;
}

async function runWith(args: string[], terminal: { stdout: boolean; stderr: boolean }) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  const io: CliIo = {
    stdin: Readable.from([]),
    stdout,
    stderr,
    stdoutIsTTY: terminal.stdout,
    stderrIsTTY: terminal.stderr,
    clock: () => new Date('2026-11-23T08:00:00Z'),
    version: '0.0.0-test',
  };
  const code = await runCli(args, io);
  return { code, stdout: out(), stderr: err() };
}

describe('runCli on a terminal and off it', () => {
  it('a terminal gets a table; a pipe gets JSON', async () => {
    const onTerminal = await runWith(['evaluate', 'examples/data'], { stdout: true, stderr: false });
    expect(onTerminal.stdout.split('\n')[1]).toMatch(/^status\s+late\s+due/);
    const piped = await runWith(['evaluate', 'examples/data'], { stdout: false, stderr: false });
    expect(JSON.parse(piped.stdout).now).toBe('2026-11-23T08:00:00.000Z');
  });

  it('progress on stderr only when stderr is a terminal, erased before the summary', async () => {
    const quiet = await runWith(['evaluate', 'examples/data'], { stdout: false, stderr: false });
    expect(quiet.stderr).not.toContain('\r');
    const shown = await runWith(['evaluate', 'examples/data'], { stdout: false, stderr: true });
    expect(shown.stderr).toContain(`${CLEAR_LINE}evaluating 29 contacts`);
    // The line is cleared before the errors are written, so they do not run into it.
    const cleared = shown.stderr.lastIndexOf(CLEAR_LINE);
    expect(cleared).toBeGreaterThan(shown.stderr.indexOf('evaluating'));
    expect(shown.stderr.indexOf('calling-cycle: 1 record had errors')).toBeGreaterThan(cleared);
  });

  it('the clock gives the default now, written with the result', async () => {
    const result = await runWith(['evaluate', 'examples/data', '--format', 'ndjson'], { stdout: false, stderr: false });
    expect(JSON.parse(result.stdout.split('\n')[0]!)).toMatchObject({ now: '2026-11-23T08:00:00.000Z', 'calling-cycle': '0.0.0-test' });
  });
});

describe('runCli when the tool itself fails', () => {
  it('exits 70 with a message asking for a report, not 1 or 2', async () => {
    const stderr = new PassThrough();
    const err = collect(stderr);
    const broken = {
      write() {
        throw new Error('the disk is on fire');
      },
    } as unknown as PassThrough;
    const code = await runCli(['schema', 'policy'], {
      stdin: Readable.from([]),
      stdout: broken,
      stderr,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      clock: () => new Date('2026-11-23T08:00:00Z'),
      version: '0.0.0-test',
    });
    expect(code).toBe(70);
    expect(err()).toMatch(/^calling-cycle 0\.0\.0-test: internal error, please report it.*\n.*the disk is on fire/s);
  });
});
