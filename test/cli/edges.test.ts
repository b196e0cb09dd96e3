/**
 * The command line at its edges, run as a user runs it (the built file in a child process): an
 * output file is replaced only by a run that succeeded, never by a failed, refused or killed one;
 * an output that is one of the inputs is refused; the exit codes tell "some records failed" from
 * "nothing was usable"; usage errors come before the book is read; each command has its help;
 * NDJSON lines stay lines for every line reader.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, type CliRun, NOW, runBuilt } from './build.js';

let cli = '';
let scratch = '';
const run = (args: readonly string[], options: { stdin?: string; cwd?: string } = {}): CliRun => runBuilt(cli, args, options);

beforeAll(async () => {
  cli = await buildCli();
  scratch = mkdtempSync(join(tmpdir(), 'cc-edges-'));
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const POLICY = {
  version: 1,
  timeZone: 'UTC',
  tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] }],
  defaultTier: 'A',
};

/** A folder holding a policy, one owner (u1) and the given contacts (NDJSON, owned by u1), and `out.json` holding "yesterday". */
function book(contacts: readonly unknown[]): { dir: string; out: string } {
  const dir = mkdtempSync(join(scratch, 'book-'));
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(POLICY));
  writeFileSync(join(dir, 'owners.json'), JSON.stringify([{ id: 'u1', timeZone: 'UTC', dailyCapacity: 10 }]));
  writeFileSync(
    join(dir, 'contacts.ndjson'),
    contacts.map((contact) => JSON.stringify({ ownerId: 'u1', ...(contact as object) })).join('\n'),
  );
  const out = join(dir, 'out.json');
  writeFileSync(out, 'YESTERDAY\n');
  return { dir, out };
}

/** Files left beside the output that are not the book's (temporary files the run did not remove). */
const leftovers = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

describe('--out is replaced only by a run that succeeded', () => {
  const failures: [string, (dir: string) => string[]][] = [
    ['a usage error (a bad --now)', (dir) => ['evaluate', dir, '--now', 'yesterday']],
    ['an unknown flag', (dir) => ['evaluate', dir, '--nope']],
    ['an invalid policy', (dir) => ['evaluate', dir, '--now', NOW, '--policy', join(dir, 'bad-policy.json')]],
    ['a missing input', (dir) => ['evaluate', dir, '--now', NOW, '--touches', join(dir, 'none.json')]],
    ['a bad --days, after the file was named', (dir) => ['plan', dir, '--now', NOW, '--days', '0']],
  ];
  for (const [name, args] of failures) {
    it(`${name}: exit 2, the old file untouched, no temporary file left`, () => {
      const { dir, out } = book([{ id: 'c1' }]);
      writeFileSync(join(dir, 'bad-policy.json'), JSON.stringify({ version: 1, tiers: [] }));
      const result = run([...args(dir), '--out', out]);
      expect(result.code).toBe(2);
      expect(readFileSync(out, 'utf8')).toBe('YESTERDAY\n');
      expect(leftovers(dir)).toEqual([]);
    });
  }

  it('a run that succeeds replaces the file, keeping its permissions; exit 1 (some errors) replaces it too', () => {
    const { dir, out } = book([{ id: 'c1' }, { id: 'c2', timeZone: 'Mars/Base' }]);
    chmodSync(out, 0o640);
    const result = run(['evaluate', dir, '--now', NOW, '--out', out]);
    expect(result.code).toBe(1);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { items: { contactId: string }[]; errors: unknown[] };
    expect(written.items.map((item) => item.contactId)).toEqual(['c1']);
    expect(written.errors).toHaveLength(1);
    expect(statSync(out).mode & 0o777).toBe(0o640);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a run where no record was usable exits 65 and leaves the old file', () => {
    const { dir, out } = book([
      { id: 'c1', timeZone: 'Mars/Base' },
      { id: 'c2', timeZone: 'Nowhere/Town' },
    ]);
    const result = run(['evaluate', dir, '--now', NOW, '--out', out]);
    expect(result.code).toBe(65);
    expect(readFileSync(out, 'utf8')).toBe('YESTERDAY\n');
    // The errors are on stderr, since the output is not kept.
    expect(result.stderr).toMatch(/contact #0 \(c1\): timeZone: .*\(unknown-zone\)/);
    expect(result.stderr).toMatch(/was left as it was/);
  });

  it('report --html: a failed run leaves the old page', () => {
    const { dir } = book([{ id: 'c1' }]);
    const page = join(dir, 'report.html');
    writeFileSync(page, 'OLD PAGE');
    const result = run(['report', dir, '--now', 'never', '--html', page]);
    expect(result.code).toBe(2);
    expect(readFileSync(page, 'utf8')).toBe('OLD PAGE');
  });

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGKILL'] as const) {
    it(`a run killed mid-write (${signal}) leaves the old file whole`, async () => {
      const dir = mkdtempSync(join(scratch, 'killed-'));
      writeFileSync(join(dir, 'policy.json'), JSON.stringify(POLICY));
      const lines: string[] = [];
      for (let index = 0; index < 150_000; index++) lines.push(JSON.stringify({ contact: { id: `c${index}` }, touches: [] }));
      writeFileSync(join(dir, 'records.ndjson'), `${lines.join('\n')}\n`);
      const out = join(dir, 'out.ndjson');
      writeFileSync(out, 'YESTERDAY\n');
      const child = spawn(
        process.execPath,
        [cli, 'evaluate', dir, '--now', NOW, '--format', 'ndjson', '--chunk-size', '1000', '--out', out],
        {
          stdio: 'ignore',
        },
      );
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signalName) => resolve({ code, signal: signalName })),
      );
      // Wait until the run has written part of its output, then stop it.
      let writing = false;
      for (let attempt = 0; attempt < 2000 && !writing; attempt++) {
        const partial = leftovers(dir).find((name) => statSync(join(dir, name)).size > 100_000);
        if (partial !== undefined || readFileSync(out, 'utf8') !== 'YESTERDAY\n') writing = true;
        else await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(writing).toBe(true);
      child.kill(signal);
      const ended = await exited;
      expect(readFileSync(out, 'utf8')).toBe('YESTERDAY\n');
      if (signal === 'SIGKILL') {
        expect(ended.signal).toBe('SIGKILL');
      } else {
        // The unfinished file is removed, and the exit says which signal stopped the run.
        expect(ended.code).toBe(signal === 'SIGTERM' ? 143 : 130);
        expect(leftovers(dir)).toEqual([]);
      }
    }, 60_000);
  }
});

describe('an output that is one of the inputs is refused', () => {
  it('--out naming the contacts file, directly, through the folder, or through a symbolic link', () => {
    const { dir } = book([{ id: 'c1' }]);
    const contacts = join(dir, 'contacts.ndjson');
    const before = readFileSync(contacts, 'utf8');
    const link = join(dir, 'link.ndjson');
    symlinkSync(contacts, link);
    for (const args of [
      ['evaluate', '--policy', join(dir, 'policy.json'), '--contacts', contacts, '--out', contacts],
      ['evaluate', dir, '--out', contacts],
      ['evaluate', dir, '--out', link],
      ['plan', dir, '--out', join(dir, '.', 'policy.json')],
    ]) {
      const result = run([...args, '--now', NOW]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/is also an input/);
    }
    expect(readFileSync(contacts, 'utf8')).toBe(before);
    expect(JSON.parse(readFileSync(join(dir, 'policy.json'), 'utf8'))).toEqual(POLICY);
  });

  it('report --html naming an input', () => {
    const { dir } = book([{ id: 'c1' }]);
    const result = run(['report', dir, '--now', NOW, '--html', join(dir, 'contacts.ndjson')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--html .* is also an input/);
    expect(readFileSync(join(dir, 'contacts.ndjson'), 'utf8')).toBe(JSON.stringify({ ownerId: 'u1', id: 'c1' }));
  });
});

describe('inputs that cannot be read are usage errors naming the file', () => {
  it('a file whose read fails (EIO) is exit 2 naming it, not an internal error', () => {
    // /proc/self/mem exists and opens, but reading its first page fails with EIO.
    const { dir } = book([{ id: 'c1' }]);
    const result = run(['evaluate', dir, '--now', NOW, '--touches', '/proc/self/mem']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^calling-cycle: \/proc\/self\/mem: cannot read it \(EIO/);
  });

  it('test /missing/path is a usage error, not a failed scenario', () => {
    const result = run(['test', join(scratch, 'no-such-scenarios')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no-such-scenarios: no such file or folder/);
    expect(result.stdout).toBe('');
  });

  it("a scenario with a bad now is a failure naming the file's field `now`", () => {
    const file = join(scratch, 'bad-now.json');
    writeFileSync(file, JSON.stringify({ name: 'bad now', policy: POLICY, contacts: [{ id: 'c1' }], now: 'someday', expect: {} }));
    const result = run(['test', file, '--format', 'json']);
    expect(result.code).toBe(1);
    const failures = (JSON.parse(result.stdout) as { results: { failures: string[] }[] }).results[0]!.failures;
    expect(failures).toEqual([expect.stringMatching(/^now: "someday" is neither/)]);
  });
});

describe('usage errors come before the book is read', () => {
  it('a bad --days, --from or --flex-days is named even when the contacts file is broken', () => {
    const { dir } = book([]);
    writeFileSync(join(dir, 'contacts.ndjson'), '');
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ not json');
    for (const [flag, value] of [
      ['--days', '3661'],
      ['--from', 'monday'],
      ['--flex-days', '367'],
    ] as const) {
      for (const command of ['plan', 'ics', 'report']) {
        const extra = command === 'report' ? ['--html', join(dir, 'r.html')] : [];
        const result = run([command, dir, '--contacts', broken, '--now', NOW, flag, value, ...extra]);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(new RegExp(`^calling-cycle: ${flag} ${value}:`));
      }
    }
  });

  it('--days has the bound plan has: 3660 is planned, 3661 is refused', () => {
    const { dir } = book([{ id: 'c1' }]);
    const longest = run(['plan', dir, '--now', NOW, '--days', '3660', '--from', '2026-01-01']);
    expect(longest.code).toBe(0);
    expect((JSON.parse(longest.stdout) as { days: number }).days).toBe(3660);
    const past = run(['plan', dir, '--now', NOW, '--days', '3661']);
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/--days 3661: give a whole number from 1 to 3660/);
  });
});

describe('calling-cycle <command> --help', () => {
  const commands = ['validate', 'evaluate', 'explain', 'plan', 'occurrences', 'ics', 'schema', 'report', 'sync', 'test'];
  for (const command of commands) {
    it(`${command} --help shows how it is called and only its own flags; exit 0`, () => {
      const result = run([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: calling-cycle ${command}\\b`));
      expect(result.stdout).toContain('--out <file>');
      expect(result.stdout).toContain('Exit codes');
      // A flag the command refuses is not offered.
      if (command !== 'report') expect(result.stdout).not.toContain('--html');
      if (command !== 'occurrences') expect(result.stdout).not.toContain('--dtstart');
    });
  }

  it('the help of plan names the flags plan takes', () => {
    const help = run(['plan', '--help']).stdout;
    for (const flag of ['--days', '--from', '--flex-days', '--owner', '--now', '--policy']) expect(help).toContain(flag);
    expect(help).not.toContain('--status');
  });
});

describe('NDJSON: one record a line for every line reader', () => {
  // Python's str.splitlines breaks at these besides \n and \r.
  const breaks = new RegExp(`\\r\\n|[${['\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029'].join('')}]`);
  const splitlines = (text: string) => text.split(breaks).filter((line) => line !== '');

  it('ids holding U+2028, U+2029 and U+0085 stay on their line, and read back equal', () => {
    const ids = ['a\u2028b', 'c\u2029d', 'e\u0085f', 'plain'];
    const { dir } = book(ids.map((id) => ({ id })));
    for (const command of ['evaluate', 'explain']) {
      const result = run([command, dir, '--now', NOW, '--format', 'ndjson']);
      expect(result.code).toBe(0);
      const lines = splitlines(result.stdout);
      expect(lines).toHaveLength(1 + ids.length);
      expect(
        lines
          .slice(1)
          .map((line) => (JSON.parse(line) as { contactId: string }).contactId)
          .sort(),
      ).toEqual([...ids].sort());
    }
    const planned = run(['plan', dir, '--now', NOW, '--format', 'ndjson', '--from', '2026-11-23']);
    const planLines = splitlines(planned.stdout);
    expect(
      planLines
        .slice(1)
        .map((line) => (JSON.parse(line) as { contactId: string }).contactId)
        .sort(),
    ).toEqual([...ids].sort());
    const document = run(['evaluate', dir, '--now', NOW, '--format', 'json']);
    expect(document.stdout).not.toMatch(/[\u0085\u2028\u2029]/);
  });
});

describe('an id no output can carry', () => {
  it('a contact id holding a lone surrogate is a bad-id record error; every format is written, exit 1', () => {
    const { dir } = book([]);
    // Written as JSON escapes: the file itself is valid UTF-8.
    writeFileSync(join(dir, 'contacts.ndjson'), '{"id":"a\\ud800","ownerId":"u1"}\n{"id":"fine","ownerId":"u1"}\n');
    for (const [command, format] of [
      ['evaluate', 'csv'],
      ['evaluate', 'ndjson'],
      ['explain', 'json'],
      ['plan', 'csv'],
      ['ics', undefined],
    ] as const) {
      const result = run([command, dir, '--now', NOW, ...(format ? ['--format', format] : [])]);
      expect(result.code).toBe(1);
      expect(result.stderr + result.stdout).toMatch(/bad-id/);
      expect(result.stdout).toContain('fine');
    }
  });

  it('a policy tier or cycle id holding a lone surrogate is a usage error naming its path, never an internal error', () => {
    const { dir, out } = book([{ id: 'c1' }]);
    const tier = { ...POLICY, tiers: [{ ...POLICY.tiers[0]!, id: 'A\ud800' }], defaultTier: 'A\ud800' };
    const cycle = { ...POLICY, tiers: [{ ...POLICY.tiers[0]!, cycles: [{ id: '\udc00x', cadence: { every: 'P14D' } }] }] };
    for (const [policy, path] of [
      [tier, 'tiers[0].id'],
      [cycle, 'tiers[0].cycles[0].id'],
    ] as const) {
      writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
      for (const command of [['evaluate', '--format', 'csv'], ['plan', '--format', 'csv'], ['ics']]) {
        const result = run([command[0]!, dir, '--now', NOW, '--out', out, ...command.slice(1)]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(`${path}: holds a lone UTF-16 surrogate`);
        expect(result.stderr).not.toMatch(/internal error|URIError/);
        expect(readFileSync(out, 'utf8')).toBe('YESTERDAY\n');
      }
    }
  });
});

describe('the report', () => {
  it('carries a Content-Security-Policy that allows no script and no fetch', () => {
    const { dir } = book([{ id: 'c1' }]);
    const page = join(dir, 'r.html');
    expect(run(['report', dir, '--now', NOW, '--html', page]).code).toBe(0);
    const html = readFileSync(page, 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBeDefined();
    const directives = new Map(
      csp!
        .split(';')
        .map((part) => part.trim().split(/\s+/) as [string, ...string[]])
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.has('script-src')).toBe(false);
    // It is in the head, before anything it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });
});

describe('long NDJSON lines', () => {
  it('a contacts.ndjson line of 16 MB is read (one contact, its attribute whole)', () => {
    const dir = mkdtempSync(join(scratch, 'long-'));
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(POLICY));
    const note = 'x'.repeat(16 * 1024 * 1024);
    writeFileSync(join(dir, 'contacts.ndjson'), `${JSON.stringify({ id: 'long', attributes: { note } })}\n{"id":"short"}\n`);
    const result = run(['evaluate', dir, '--now', NOW, '--format', 'ndjson']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(3);
  }, 60_000);
});
