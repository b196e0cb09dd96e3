/** The CSV and iCalendar examples run as a user runs them, and print what they should. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { CALL_LIST_COLUMNS, parseTaskKey } from '../src/adapters/csv/index.js';
import { type Contact, evaluate, type Owner, parsePolicy, plan, type Snooze, type Touch } from '../src/index.js';

const root = new URL('../', import.meta.url);
const run = (file: string, ...args: string[]) => {
  const result = spawnSync(new URL('node_modules/.bin/tsx', root).pathname, [new URL(file, root).pathname, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Pacific/Kiritimati' },
  });
  expect(result.status, result.stderr).toBe(0);
  return { stdout: result.stdout, stderr: result.stderr };
};
const data = <T>(name: string): T => JSON.parse(readFileSync(new URL(`examples/data/${name}`, root), 'utf8')) as T;

describe('examples/csv-import.ts', () => {
  it('prints next week as a call-list CSV and reports on stderr what it left out, by line', () => {
    const { stdout, stderr } = run('examples/csv-import.ts');
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(stdout.split('\r\n')[0]).toBe(CALL_LIST_COLUMNS.join(','));
    expect(rows.length).toBeGreaterThan(4);
    for (const row of rows) {
      expect(row.date! >= '2026-11-30' && row.date! <= '2026-12-06').toBe(true);
      expect(parseTaskKey(row.key)).toEqual({ contactId: row.contactId, cycleId: row.cycleId, dueOn: row.dueOn });
      // The export's name column is read, so the sentence names the contact: "Øresund Shipping (k02) / check-in …".
      expect(row.reason).toMatch(new RegExp(`^.+ \\(${row.contactId}\\) / ${row.cycleId}[ :]`));
    }
    // Three calls a day per rep: positions 1 to 3.
    for (const row of rows) expect(['1', '2', '3']).toContain(row.position);
    // k05 is do-not-call; k09's zone does not exist.
    expect(rows.some((row) => row.contactId === 'k05' || row.contactId === 'k09')).toBe(false);
    // Checked by hand from crm-touches.csv (times in London): k01's last connected check-in was
    // 10 Nov, every 14 days → due Tue 24 Nov; k08's last call 19 Nov (a date alone, noon London)
    // → due Thu 3 Dec; k03's open task of 30 Nov does not count, its last call 20 Oct → 3 Nov.
    const keys = rows.map((row) => row.key);
    expect(keys).toContain('cc1:k01:check-in:2026-11-24');
    expect(keys).toContain('cc1:k08:check-in:2026-12-03');
    expect(keys).toContain('cc1:k03:check-in:2026-11-03');

    expect(stderr).toContain('contacts: 9 read, 8 mapped, 0 skipped, 1 errors');
    expect(stderr).toContain('touches: 12 read, 10 mapped, 1 skipped, 1 errors');
    expect(stderr).toContain('error unknown-zone: contacts line 10, column "Time Zone"');
    expect(stderr).toContain('error bad-instant: touches line 13, column "Date"');
    expect(stderr).toContain('skipped touches line 7: open-activity');
    // Every column of the export is read now, the contact's name included.
    expect(stderr).not.toContain('columns not read');
    expect(stderr).not.toContain('engine');
  });
});

describe('examples/ical-export.ts', () => {
  const week = () => {
    const policy = parsePolicy(data('policy.json'));
    const owners = data<Owner[]>('owners.json');
    const { items } = evaluate({
      policy,
      contacts: data<Contact[]>('contacts.json'),
      touches: data<Touch[]>('touches.json'),
      owners,
      snoozes: data<Snooze[]>('snoozes.json'),
      now: '2026-11-23T08:00:00Z',
    });
    return plan({ policy, items, owners, from: '2026-11-30', days: 7 });
  };

  const checkFile = (text: string) => {
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const calendar = new ICAL.Component(ICAL.parse(text));
    ICAL.TimezoneService.reset();
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    return calendar;
  };

  it('prints one VTODO per planned call of the week, with stable UIDs and the given stamp', () => {
    const calendar = checkFile(run('examples/ical-export.ts').stdout);
    const todos = calendar.getAllSubcomponents('vtodo');
    const planned = week().owners.flatMap((owner) => owner.days.flatMap((day) => day.touches.map((touch) => ({ day, touch }))));
    expect(todos).toHaveLength(planned.length);
    expect(planned.length).toBeGreaterThan(10);
    for (const [index, { day, touch }] of planned.entries()) {
      const todo = todos[index]!;
      expect(String(todo.getFirstPropertyValue('uid'))).toBe(`cc1:${touch.contactId}:${touch.cycleId}:${touch.dueOn}@calls.example.com`);
      expect((todo.getFirstPropertyValue('due') as ICAL.Time).toString()).toBe(day.date);
      expect((todo.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString()).toBe('2026-11-27T18:00:00.000Z');
      const contact = touch.reason.contactName === undefined ? touch.contactId : `${touch.reason.contactName} (${touch.contactId})`;
      expect(String(todo.getFirstPropertyValue('description'))).toContain(`${contact} / ${touch.cycleId}`);
    }
    expect(String(calendar.getFirstPropertyValue('x-wr-calname'))).toBe('Calls\\, week of 30 November');
  });

  it('--events u-newyork: 15-minute events from 09:00 New York time, for that rep only', () => {
    const calendar = checkFile(run('examples/ical-export.ts', '--events', 'u-newyork').stdout);
    expect(calendar.getAllSubcomponents('vtodo')).toHaveLength(0);
    expect(calendar.getAllSubcomponents('vtimezone').map((zone) => String(zone.getFirstPropertyValue('tzid')))).toEqual([
      'America/New_York',
    ]);
    const events = calendar.getAllSubcomponents('vevent');
    const newYork = week().owners.find((owner) => owner.ownerId === 'u-newyork')!;
    expect(events).toHaveLength(newYork.days.reduce((sum, day) => sum + day.touches.length, 0));
    // Monday 30 November, 09:00 EST (UTC−5) is 14:00 UTC: the first call of the week.
    const first = events[0]!.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(first.toJSDate().toISOString()).toBe('2026-11-30T14:00:00.000Z');
    const end = events[0]!.getFirstPropertyValue('dtend') as ICAL.Time;
    expect(end.toJSDate().toISOString()).toBe('2026-11-30T14:15:00.000Z');
  });
});
