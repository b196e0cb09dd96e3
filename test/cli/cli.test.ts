/**
 * The built command line, run as a user runs it, on the bundled sample book. Results are checked
 * against the library called directly, and against RFC 5545's own examples where it applies.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Contact, evaluate, explain, type Owner, parsePolicy, plan, type Snooze, type Touch } from '../../src/index.js';
import { jsonSchemaFor } from '../../src/schema-json/index.js';
import { buildCli, type CliRun, NOW, packageVersion, repoRoot, runBuilt, sampleDir } from './build.js';

const read = <T>(name: string): T => JSON.parse(readFileSync(join(sampleDir, name), 'utf8')) as T;
const policyJson = read<unknown>('policy.json');
const contacts = read<Contact[]>('contacts.json');
const touches = read<Touch[]>('touches.json');
const owners = read<Owner[]>('owners.json');
const snoozes = read<Snooze[]>('snoozes.json');
const expected = evaluate({ policy: parsePolicy(policyJson), contacts, touches, owners, snoozes, now: NOW });

let cli = '';
let scratch = '';
const run = (args: readonly string[], options: { stdin?: string; cwd?: string } = {}): CliRun => runBuilt(cli, args, options);
const json = (result: CliRun) => JSON.parse(result.stdout) as Record<string, unknown>;
const lines = (text: string) => text.split('\n').filter((line) => line !== '');

beforeAll(async () => {
  cli = await buildCli();
  scratch = mkdtempSync(join(tmpdir(), 'cc-cli-'));
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder with the sample book minus its deliberately bad touch, so a run can exit 0. */
function cleanBook(): string {
  const dir = mkdtempSync(join(scratch, 'clean-'));
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(policyJson));
  writeFileSync(join(dir, 'contacts.json'), JSON.stringify(contacts));
  writeFileSync(join(dir, 'touches.json'), JSON.stringify(touches.filter((touch) => touch.contactId !== 'c99')));
  writeFileSync(join(dir, 'owners.json'), JSON.stringify(owners));
  return dir;
}

describe('calling-cycle (built)', () => {
  it('--help lists the commands and exits 0; no command prints the same', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['validate', 'evaluate', 'explain', 'plan', 'occurrences', 'schema', 'report'])
      expect(help.stdout).toContain(command);
    expect(run([]).stdout).toBe(help.stdout);
  });

  it('--version prints the package version', () => {
    expect(run(['--version'])).toMatchObject({ code: 0, stdout: `${packageVersion}\n` });
  });

  describe('evaluate', () => {
    it('writes JSON when stdout is not a terminal: every item, the record error, the now used; exit 1', () => {
      const result = run(['evaluate', 'examples/data', '--now', NOW]);
      expect(result.code).toBe(1);
      const output = json(result);
      expect(output.now).toBe(NOW);
      expect(output.command).toBe('evaluate');
      expect(output.items).toEqual(JSON.parse(JSON.stringify(expected.items)));
      expect(output.errors).toEqual([
        expect.objectContaining({ record: 'touch', index: 82, code: 'unknown-contact', file: 'examples/data/touches.json' }),
      ]);
      expect(result.stderr).toMatch(/1 record had errors/);
    });

    it('exits 0 on a book without bad records', () => {
      const result = run(['evaluate', cleanBook(), '--now', NOW]);
      expect(result.code).toBe(0);
      expect(json(result).errors).toEqual([]);
      expect(result.stderr).toBe('');
    });

    it('defaults --now to the current time and prints it, so the run can be replayed', () => {
      const before = Date.now();
      const first = json(run(['evaluate', 'examples/data']));
      const after = Date.now();
      const now = Date.parse(first.now as string);
      expect(now).toBeGreaterThanOrEqual(before - 1000);
      expect(now).toBeLessThanOrEqual(after);
      const replay = json(run(['evaluate', 'examples/data', '--now', first.now as string]));
      expect(replay.items).toEqual(first.items);
    });

    it('ndjson: a header line with the now used, then one line per item', () => {
      const result = run(['evaluate', 'examples/data', '--now', NOW, '--format', 'ndjson']);
      expect(result.code).toBe(1);
      const [head, ...rows] = lines(result.stdout).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(head).toEqual({ 'calling-cycle': packageVersion, command: 'evaluate', now: NOW });
      expect(rows).toEqual(JSON.parse(JSON.stringify(expected.items)));
      expect(result.stderr).toContain('touch #82 (c99)');
    });

    it('csv: a header and one row per item', () => {
      const result = run(['evaluate', 'examples/data', '--now', NOW, '--format', 'csv']);
      const rows = result.stdout.trimEnd().split('\r\n');
      expect(rows[0]).toBe('contactId,cycleId,tierId,ownerId,status,dueOn,daysOverdue,lastTouchAt,escalation,reason');
      expect(rows).toHaveLength(expected.items.length + 1);
      expect(result.stderr).toContain(`now ${NOW}`);
    });

    it('table: overdue first, most overdue on top, with a count by status', () => {
      const result = run(['evaluate', 'examples/data', '--now', NOW, '--format', 'table']);
      const body = lines(result.stdout);
      expect(body[0]).toContain(NOW);
      expect(body[1]).toMatch(/^status\s+late\s+due\s+owner\s+contact/);
      const mostOverdue = Math.max(...expected.items.map((item) => item.daysOverdue));
      expect(body[2]).toMatch(new RegExp(`^overdue\\s+${mostOverdue}d`));
      const overdue = expected.items.filter((item) => item.status === 'overdue').length;
      expect(body.at(-1)).toContain(`overdue ${overdue}`);
    });

    it('filters by --owner and --status', () => {
      const output = json(run(['evaluate', 'examples/data', '--now', NOW, '--owner', 'u-london', '--status', 'overdue,due']));
      const want = expected.items.filter((item) => item.ownerId === 'u-london' && (item.status === 'overdue' || item.status === 'due'));
      expect(output.items).toEqual(JSON.parse(JSON.stringify(want)));
      expect(want.length).toBeGreaterThan(0);
    });

    it('reads explicit files, and a JSON array or NDJSON on stdin', () => {
      const files = [
        '--policy',
        'examples/data/policy.json',
        '--touches',
        'examples/data/touches.json',
        '--owners',
        'examples/data/owners.json',
        '--snoozes',
        'examples/data/snoozes.json',
        '--now',
        NOW,
      ];
      const asArray = run(['evaluate', ...files, '--contacts', '-'], { stdin: JSON.stringify(contacts) });
      const asNdjson = run(['evaluate', ...files, '--contacts', '-'], {
        stdin: contacts.map((contact) => JSON.stringify(contact)).join('\n'),
      });
      for (const result of [asArray, asNdjson]) {
        expect(result.code).toBe(1);
        expect(json(result).items).toEqual(JSON.parse(JSON.stringify(expected.items)));
      }
    });

    it('reads contacts from CSV: the same items as the same contacts in JSON', () => {
      const dir = mkdtempSync(join(scratch, 'csv-'));
      writeFileSync(join(dir, 'policy.json'), JSON.stringify(policyJson));
      writeFileSync(join(dir, 'owners.json'), JSON.stringify(owners));
      writeFileSync(
        join(dir, 'contacts.csv'),
        'id,ownerId,timeZone,createdAt,attributes.annualRevenue,attributes.lifecycle\nk1,u-london,Europe/London,2026-01-05T10:00:00Z,5000,prospect\nk2,u-newyork,Asia/Tokyo,2026-01-05T10:00:00Z,9000,customer\n',
      );
      const same: Contact[] = [
        {
          id: 'k1',
          ownerId: 'u-london',
          timeZone: 'Europe/London',
          createdAt: '2026-01-05T10:00:00Z',
          attributes: { annualRevenue: 5000, lifecycle: 'prospect' },
        },
        {
          id: 'k2',
          ownerId: 'u-newyork',
          timeZone: 'Asia/Tokyo',
          createdAt: '2026-01-05T10:00:00Z',
          attributes: { annualRevenue: 9000, lifecycle: 'customer' },
        },
      ];
      const result = run(['evaluate', dir, '--now', NOW]);
      expect(result.code).toBe(0);
      const want = evaluate({ policy: parsePolicy(policyJson), contacts: same, touches: [], owners, now: NOW });
      expect(json(result).items).toEqual(JSON.parse(JSON.stringify(want.items)));
    });

    it('bad CSV cells are errors with their line and column; the other rows are evaluated (exit 1)', () => {
      const dir = mkdtempSync(join(scratch, 'csv-bad-'));
      writeFileSync(join(dir, 'policy.json'), JSON.stringify(policyJson));
      writeFileSync(join(dir, 'owners.json'), JSON.stringify(owners));
      writeFileSync(
        join(dir, 'contacts.csv'),
        'id,ownerId,timeZone,createdAt\nk1,u-london,Europe/London,2026-01-05T10:00:00Z\nk2,u-london,Mars/Base,2026-01-05T10:00:00Z\nk3,u-london,Europe/Paris,last tuesday\n',
      );
      const result = run(['evaluate', dir, '--now', NOW, '--format', 'ndjson']);
      expect(result.code).toBe(1);
      const contactIds = new Set(
        lines(result.stdout)
          .slice(1)
          .map((line) => (JSON.parse(line) as { contactId: string }).contactId),
      );
      expect([...contactIds]).toEqual(['k1']);
      expect(result.stderr).toMatch(/contacts\.csv line 3: contact #1: timeZone: unknown IANA time zone "Mars\/Base" \(unknown-zone\)/);
      expect(result.stderr).toMatch(/contacts\.csv line 4: contact #2: createdAt: .*"last tuesday" \(bad-instant\)/);
    });

    it('a bad NDJSON line is an error with its line; every other record is still evaluated (exit 1)', () => {
      const dir = mkdtempSync(join(scratch, 'ndjson-'));
      writeFileSync(join(dir, 'policy.json'), JSON.stringify(policyJson));
      const good = contacts.slice(0, 3).map((contact) => JSON.stringify(contact));
      writeFileSync(
        join(dir, 'contacts.ndjson'),
        [good[0], '{"id": "broken",', good[1], '', good[2], '{"id":"z9","timeZone":"Mars/Base"}'].join('\n'),
      );
      const result = run(['evaluate', dir, '--now', NOW, '--format', 'ndjson']);
      expect(result.code).toBe(1);
      const contactIds = new Set(
        lines(result.stdout)
          .slice(1)
          .map((line) => (JSON.parse(line) as { contactId: string }).contactId),
      );
      expect([...contactIds].sort()).toEqual(
        contacts
          .slice(0, 3)
          .map((contact) => contact.id)
          .sort(),
      );
      expect(result.stderr).toMatch(/contacts\.ndjson line 2: contact #1: not a JSON object on one line .*\(bad-json\)/);
      // The engine's error names the line of the record it is about (line 6; line 4 is blank), and
      // its position counts the file's records as the reader does, the line that was not JSON included.
      expect(result.stderr).toMatch(
        /contacts\.ndjson line 6: contact #4 \(z9\): timeZone: unknown IANA time zone "Mars\/Base" \(unknown-zone\)/,
      );
    });

    it('stops quietly when the reader closes the pipe early (| head)', () => {
      const file = join(scratch, 'many.ndjson');
      writeFileSync(
        file,
        Array.from({ length: 20_000 }, (_, index) => JSON.stringify({ id: `m${index}`, ownerId: 'u-london' })).join('\n'),
      );
      const piped = spawnSync(
        'sh',
        [
          '-c',
          `"${process.execPath}" "${cli}" evaluate --policy examples/data/policy.json --owners examples/data/owners.json --contacts "${file}" --now ${NOW} --format ndjson | head -n 2`,
        ],
        { cwd: repoRoot, encoding: 'utf8' },
      );
      expect(piped.stdout.split('\n').filter(Boolean)).toHaveLength(2);
      expect(piped.stderr).not.toMatch(/EPIPE|Unhandled/);
    });

    it('--out writes the result to a file', () => {
      const out = join(scratch, 'out.json');
      const result = run(['evaluate', 'examples/data', '--now', NOW, '--out', out]);
      expect(result.stdout).toBe('');
      expect((JSON.parse(readFileSync(out, 'utf8')) as { items: unknown[] }).items).toHaveLength(expected.items.length);
    });
  });

  describe('usage and input errors exit 2 and say what to fix', () => {
    it.each([
      ['an unknown flag', ['evaluate', 'examples/data', '--bogus'], /Unknown option '--bogus'.*--help/],
      ['a flag the command does not take', ['evaluate', 'examples/data', '--days', '3'], /--days does not apply to evaluate/],
      ['an unknown command', ['evaluat'], /unknown command "evaluat": use one of/],
      ['a missing folder', ['evaluate', 'no/such/folder'], /no\/such\/folder: no such file or folder/],
      [
        'a missing file',
        ['evaluate', '--policy', 'examples/data/policy.json', '--contacts', 'nope.json'],
        /nope\.json: no such file; check the path/,
      ],
      [
        'no policy',
        ['evaluate', '--contacts', 'examples/data/contacts.json'],
        /no policy: pass a folder holding policy\.json, or --policy <file>/,
      ],
      ['a bad --now', ['evaluate', 'examples/data', '--now', 'yesterday'], /--now yesterday: give an ISO 8601 instant/],
      ['a bad --format', ['evaluate', 'examples/data', '--format', 'xml'], /--format xml: use one of table, json, ndjson, csv/],
      ['a bad --status', ['evaluate', 'examples/data', '--status', 'late'], /--status late: use one or more of/],
      ['a bad --days', ['plan', 'examples/data', '--days', 'seven'], /--days seven: give a whole number/],
      ['two stdin inputs', ['evaluate', '--policy', '-', '--contacts', '-'], /only one input can be stdin/],
      ['an unknown schema', ['schema', 'deal'], /no schema "deal": use one of policy, contact, touch, owner, snooze/],
      [
        'an --out in a missing folder',
        ['schema', 'policy', '--out', 'no/such/dir/x.json'],
        /--out no\/such\/dir\/x\.json: cannot write there \(ENOENT\)/,
      ],
      [
        'an --html in a missing folder',
        ['report', 'examples/data', '--html', 'no/such/dir/r.html'],
        /--html no\/such\/dir\/r\.html: cannot write there \(ENOENT\)/,
      ],
    ])('%s', (_name, args, message) => {
      const result = run(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
    });

    it('leaves no --out file behind when nothing was processed', () => {
      const out = join(scratch, 'not-written.json');
      const result = run(['evaluate', 'examples/data', '--now', 'soon', '--out', out]);
      expect(result.code).toBe(2);
      expect(() => readFileSync(out)).toThrow(/ENOENT/);
    });

    it('a bad policy lists every issue with its path', () => {
      const dir = mkdtempSync(join(scratch, 'bad-policy-'));
      writeFileSync(
        join(dir, 'policy.json'),
        JSON.stringify({
          version: 1,
          tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'fortnightly' }, graceDays: -1 }] }],
          defaultTier: 'Z',
        }),
      );
      writeFileSync(join(dir, 'contacts.json'), '[]');
      const result = run(['evaluate', dir, '--now', NOW]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('is not a valid policy (3 issues)');
      expect(result.stderr).toContain('tiers[0].cycles[0].cadence.every: not an ISO 8601 duration');
      expect(result.stderr).toContain('tiers[0].cycles[0].graceDays');
      expect(result.stderr).toContain('defaultTier: unknown tier "Z"');
    });

    it('a file that is not JSON stops the run', () => {
      const file = join(scratch, 'contacts.json');
      writeFileSync(file, '{"id": 1');
      const result = run(['evaluate', '--policy', 'examples/data/policy.json', '--contacts', file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/contacts\.json is not valid JSON .*write a JSON array of contacts, or NDJSON/);
    });
  });

  describe('validate', () => {
    it('a valid policy: exit 0', () => {
      const result = run(['validate', 'examples/data/policy.json', '--format', 'table']);
      expect(result).toMatchObject({ code: 0, stdout: 'examples/data/policy.json: valid policy (4 tiers, 6 cycles)\n' });
      expect(json(run(['validate', 'examples/data']))).toMatchObject({ valid: true, issues: [] });
    });

    it('an invalid policy from stdin: every issue with its path, exit 2', () => {
      const bad = { version: 2, tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P14D', per: 'month' } }] }], calendar: 'uk' };
      const result = run(['validate', '-'], { stdin: JSON.stringify(bad) });
      expect(result.code).toBe(2);
      const output = json(result) as { valid: boolean; issues: { at: string; message: string }[] };
      expect(output.valid).toBe(false);
      expect(output.issues.map((issue) => issue.at).sort()).toEqual(['calendar', 'tiers[0].cycles[0].cadence', 'version']);
    });
  });

  describe('explain', () => {
    it('gives each item its sentence', () => {
      const output = json(run(['explain', 'examples/data', '--now', NOW])) as {
        items: { contactId: string; cycleId: string; explanation: string }[];
      };
      expect(output.items.map((item) => item.explanation)).toEqual(expected.items.map((item) => explain(item)));
    });

    it('as a table: one sentence a line', () => {
      const result = run(['explain', 'examples/data', '--now', NOW, '--status', 'overdue', '--format', 'table']);
      const sentences = lines(result.stdout).slice(1, -1);
      const overdue = expected.items.filter((item) => item.status === 'overdue').map((item) => explain(item));
      expect(sentences.sort()).toEqual(overdue.sort());
    });
  });

  describe('plan', () => {
    const week = plan({ policy: parsePolicy(policyJson), items: expected.items, owners, from: '2026-11-30', days: 7 });

    it('json: the same plan as the library, never above capacity', () => {
      const result = run(['plan', 'examples/data', '--now', NOW, '--from', '2026-11-30', '--days', '7']);
      expect(result.code).toBe(1);
      const output = json(result) as { from: string; days: number; owners: unknown[]; overflow: unknown[] };
      expect(output.from).toBe('2026-11-30');
      expect(output.owners).toEqual(JSON.parse(JSON.stringify(week.owners)));
      expect(output.overflow).toEqual(JSON.parse(JSON.stringify(week.overflow)));
      for (const owner of week.owners) for (const day of owner.days) expect(day.calls).toBeLessThanOrEqual(day.capacity);
    });

    it('ndjson: one line per call, for one owner', () => {
      const result = run(['plan', 'examples/data', '--now', NOW, '--from', '2026-11-30', '--owner', 'u-newyork', '--format', 'ndjson']);
      const rows = lines(result.stdout)
        .slice(1)
        .map((line) => JSON.parse(line) as { ownerId: string; date: string });
      const calls = week.owners.find((owner) => owner.ownerId === 'u-newyork')!.days.reduce((sum, day) => sum + day.calls, 0);
      expect(rows).toHaveLength(calls);
      expect(new Set(rows.map((row) => row.ownerId))).toEqual(new Set(['u-newyork']));
    });

    it("csv: the csv adapter's call-list rows, one per cycle served, now on stderr", () => {
      const result = run(['plan', 'examples/data', '--now', NOW, '--from', '2026-11-30', '--format', 'csv']);
      const rows = result.stdout.trimEnd().split('\r\n');
      expect(rows[0]).toBe('ownerId,date,position,contactId,cycleId,tierId,dueOn,lateness,priority,key,reason');
      const touchesPlanned = week.owners.reduce((sum, owner) => sum + owner.days.reduce((days, day) => days + day.touches.length, 0), 0);
      expect(rows).toHaveLength(touchesPlanned + 1);
      expect(result.stderr).toContain(`now ${NOW}`);
    });

    it('table: each rep, each day with calls over capacity', () => {
      const result = run(['plan', 'examples/data', '--now', NOW, '--from', '2026-11-30', '--format', 'table']);
      const london = week.owners.find((owner) => owner.ownerId === 'u-london')!;
      expect(result.stdout).toContain(
        `u-london: ${london.dailyCapacity} calls a day; ${london.neededCapacity} a day would keep every cycle on time`,
      );
      expect(result.stdout).toContain(`${london.days[0]!.date} (${london.days[0]!.calls}/${london.days[0]!.capacity})`);
    });
  });

  describe('occurrences', () => {
    it('RFC 5545 §3.8.5.3 "Daily for 10 occurrences" from 1997-09-02 09:00 New York', () => {
      const result = run([
        'occurrences',
        'FREQ=DAILY;COUNT=10',
        '--dtstart',
        '1997-09-02T09:00:00',
        '--time-zone',
        'America/New_York',
        '--format',
        'ndjson',
      ]);
      expect(result.code).toBe(0);
      const ats = lines(result.stdout)
        .slice(1)
        .map((line) => (JSON.parse(line) as { at: string }).at);
      expect(ats).toEqual(Array.from({ length: 10 }, (_, index) => `1997-09-${String(2 + index).padStart(2, '0')}T09:00:00-04:00`));
    });

    it('"Monthly on the first Friday until December 24, 1997" as JSON', () => {
      const result = run([
        'occurrences',
        'FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR',
        '--dtstart',
        '1997-09-05T09:00:00',
        '--time-zone',
        'America/New_York',
      ]);
      expect((json(result) as { occurrences: string[] }).occurrences).toEqual([
        '1997-09-05T09:00:00-04:00',
        '1997-10-03T09:00:00-04:00',
        '1997-11-07T09:00:00-05:00',
        '1997-12-05T09:00:00-05:00',
      ]);
    });

    it('a bad rule exits 2 with the reason', () => {
      const result = run(['occurrences', 'FREQ=SOMETIMES', '--dtstart', '2026-01-01']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/FREQ/);
    });
  });

  describe('schema', () => {
    it('prints the JSON Schema of a policy', () => {
      const result = run(['schema', 'policy']);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(jsonSchemaFor('policy'));
    });

    it('lists the names without one', () => {
      expect(JSON.parse(run(['schema']).stdout)).toEqual(['policy', 'contact', 'touch', 'owner', 'snooze', 'scenario']);
    });
  });

  describe('report', () => {
    it('writes one self-contained page: no script, nothing fetched from elsewhere', () => {
      const out = join(scratch, 'report.html');
      const result = run(['report', 'examples/data', '--now', NOW, '--from', '2026-11-30', '--html', out]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`wrote ${out}`);
      const html = readFileSync(out, 'utf8');
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).not.toMatch(/<script|<link|@import|@font-face|url\(["']?(https?:)?\/\//i);
      expect(html).not.toMatch(/\s(src|href)=/i);
      expect(html).toContain('data-owner="u-london"');
    });

    it('needs --html', () => {
      expect(run(['report', 'examples/data']).stderr).toMatch(/report needs --html <file>/);
    });
  });
});

describe('calling-cycle ics and sync (built)', () => {
  it('ics: the plan as iCalendar, stamped with the run’s now, the same as toICalendar', async () => {
    const { toICalendar } = await import('../../src/ical/index.js');
    const week = plan({ policy: parsePolicy(policyJson), items: expected.items, owners, from: '2026-11-30', days: 7 });
    const result = run(['ics', 'examples/data', '--now', NOW, '--from', '2026-11-30', '--owner', 'u-london']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(toICalendar(week, { stamp: NOW, owners, ownerId: 'u-london' }));
    expect(result.stdout).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(result.stdout).toContain('DTSTAMP:20261123T080000Z');
  });

  it('sync --from hubspot: a dry run giving what fromHubSpot gives, errors and all', async () => {
    const { fromHubSpot } = await import('../../src/adapters/hubspot/index.js');
    const { hubSpotBook } = await import('../adapters/hubspot/book.js');
    const records = hubSpotBook();
    const file = join(scratch, 'hubspot.json');
    writeFileSync(file, JSON.stringify(records));
    const want = fromHubSpot(JSON.parse(JSON.stringify(records)));
    const result = run(['sync', '--from', 'hubspot', file]);
    expect(result.code).toBe(want.errors.length > 0 ? 1 : 0);
    const output = json(result);
    expect(output).toMatchObject({ command: 'sync', from: 'hubspot', dryRun: true });
    expect(output.contacts).toEqual(JSON.parse(JSON.stringify(want.contacts)));
    expect(output.touches).toEqual(JSON.parse(JSON.stringify(want.touches)));
    expect(output.counts).toEqual(want.counts);
    expect(want.contacts.length).toBeGreaterThan(0);
  });

  it('sync needs a known CRM', () => {
    const result = run(['sync', '--from', 'zoho', 'x.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/sync needs --from hubspot\|salesforce\|pipedrive/);
  });

  it('a file full of bad records: the first 50 on stderr, the count, and all of them in JSON; none usable is exit 65', () => {
    const dir = mkdtempSync(join(scratch, 'many-bad-'));
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(policyJson));
    writeFileSync(
      join(dir, 'contacts.ndjson'),
      Array.from({ length: 120 }, (_, index) => JSON.stringify({ id: `x${index}`, timeZone: 'Nowhere/Town' })).join('\n'),
    );
    const text = run(['evaluate', dir, '--now', NOW, '--format', 'ndjson']);
    expect(text.code).toBe(65);
    expect(lines(text.stderr).filter((line) => line.includes('(unknown-zone)'))).toHaveLength(50);
    expect(text.stderr).toContain('… and 70 more; --format json lists every one under "errors"');
    expect((json(run(['evaluate', dir, '--now', NOW])).errors as unknown[]).length).toBe(120);
  });
});

describe('calling-cycle test (built)', () => {
  // Hand-checked: a touch on Monday 2026-01-05 plus 14 days is due Monday 2026-01-19; on the 22nd it is 3 days overdue.
  const scenario = (status: string) => ({
    name: `fortnightly call, ${status}`,
    policy: { version: 1, tiers: [{ id: 'A', cycles: [{ id: 'call', cadence: { every: 'P14D' } }] }], defaultTier: 'A' },
    contacts: [{ id: 'acme', timeZone: 'UTC', createdAt: '2026-01-01T10:00:00Z' }],
    touches: [{ contactId: 'acme', at: '2026-01-05T10:00:00Z', channel: 'call' }],
    now: '2026-01-22',
    expect: { items: [{ contactId: 'acme', status, dueOn: '2026-01-19', ...(status === 'overdue' ? { daysOverdue: 3 } : {}) }] },
  });

  it('runs scenario files: exit 0 when all pass, 1 when one fails, with a line per scenario', () => {
    const dir = mkdtempSync(join(scratch, 'scenarios-'));
    writeFileSync(join(dir, 'a-pass.json'), JSON.stringify(scenario('overdue')));
    const passing = run(['test', dir, '--format', 'table']);
    expect(passing.code).toBe(0);
    expect(passing.stdout).toBe(`PASS fortnightly call, overdue (${join(dir, 'a-pass.json')})\n1 passed, 0 failed\n`);
    writeFileSync(join(dir, 'b-fail.json'), JSON.stringify(scenario('due')));
    const failing = run(['test', dir]);
    expect(failing.code).toBe(1);
    const output = json(failing) as { passed: number; failed: number; results: { name: string; passed: boolean }[] };
    expect(output).toMatchObject({ passed: 1, failed: 1 });
    expect(output.results.map((result) => [result.name, result.passed])).toEqual([
      ['fortnightly call, overdue', true],
      ['fortnightly call, due', false],
    ]);
  });

  it('needs a folder or file', () => {
    expect(run(['test'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/test needs scenario files or folders/) });
  });
});
