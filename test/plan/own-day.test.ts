/**
 * Each rep plans in their own day: with `now`, a rep's first day is `now`'s date in the rep's
 * zone, so a Tokyo rep whose Monday ended before a London run starts begins on Tuesday, and no
 * writer stamps a task due before `now`. The oracle for local dates is `Intl`, not the library.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callListRows } from '../../src/adapters/csv/index.js';
import { toHubSpotTasks } from '../../src/adapters/hubspot/index.js';
import { toPipedriveActivities } from '../../src/adapters/pipedrive/index.js';
import { toSalesforceTasks } from '../../src/adapters/salesforce/index.js';
import { toICalendar } from '../../src/ical/index.js';
import { type Contact, evaluate, evaluateColumns, InputError, type Owner, parsePolicy, plan, type Plan } from '../../src/index.js';

const policy = parsePolicy({
  version: 1,
  timeZone: 'Europe/London',
  calendars: { all: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] } },
  calendar: 'all',
  tiers: [{ id: 'A', weight: 2, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] }],
  defaultTier: 'A',
});

/** `now`'s date in a zone, read by `Intl` (no code shared with the library). */
function localDate(now: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(now));
  const part = (type: string) => parts.find((entry) => entry.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const ZONES = [
  'Europe/London',
  'Asia/Tokyo',
  'Pacific/Kiritimati', // UTC+14, the first to start a day
  'Pacific/Pago_Pago', // UTC−11, the other side of the date line
  'Etc/GMT+12', // UTC−12, the last to end one
  'America/New_York',
  'America/Los_Angeles',
  'Australia/Lord_Howe', // half-hour DST
  'Asia/Kathmandu',
  'America/St_Johns',
];

function bookFor(zones: readonly string[]): { owners: Owner[]; contacts: Contact[] } {
  const owners = zones.map((timeZone, index) => ({ id: `u${index}`, timeZone, dailyCapacity: 3 }));
  const contacts: Contact[] = [];
  zones.forEach((timeZone, index) => {
    for (let n = 0; n < 4; n++) {
      contacts.push({ id: `c${index}-${n}`, ownerId: `u${index}`, timeZone, createdAt: '2025-01-05T10:00:00Z' });
    }
  });
  return { owners, contacts };
}

function planAt(now: string, zones: readonly string[] = ZONES, extra: { from?: string; days?: number } = {}): Plan {
  const { owners, contacts } = bookFor(zones);
  const { items, errors } = evaluate({ policy, contacts, touches: [], owners, now });
  expect(errors).toEqual([]);
  return plan({ policy, items, owners, now, days: extra.days ?? 3, ...(extra.from !== undefined ? { from: extra.from } : {}) });
}

describe('plan with now: each rep starts on their own today', () => {
  it('a Tokyo rep whose Monday is over starts on Tuesday; a London rep on Monday', () => {
    const result = planAt('2026-11-23T16:00:00Z', ['Europe/London', 'Asia/Tokyo']);
    const byOwner = Object.fromEntries(result.owners.map((owner) => [owner.ownerId, owner]));
    expect(byOwner.u0!.from).toBe('2026-11-23');
    expect(byOwner.u1!.from).toBe('2026-11-24');
    expect(byOwner.u1!.days.map((day) => day.date)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26']);
    expect(result.from).toBe('2026-11-23');
    expect(result.now).toBe('2026-11-23T16:00:00.000Z');
  });

  it.each([
    ['both sides of the date line: three dates at once', '2026-11-23T11:30:00Z'],
    ['spring forward in New York (02:00 EST does not exist)', '2026-03-08T06:30:00Z'],
    ['spring forward in London', '2026-03-29T00:30:00Z'],
    ['fall back in New York (01:30 happens twice)', '2026-11-01T05:30:00Z'],
    ['Lord Howe moves half an hour', '2026-04-04T14:45:00Z'],
    ['midnight UTC', '2026-12-31T00:00:00Z'],
  ])('%s: each rep starts on now’s date in their zone', (_name, now) => {
    const result = planAt(now);
    for (const owner of result.owners) {
      const zone = ZONES[Number(owner.ownerId.slice(1))]!;
      expect(owner.from, owner.ownerId).toBe(localDate(now, zone));
      expect(owner.days[0]!.date).toBe(owner.from);
      expect(owner.days).toHaveLength(3);
    }
    expect(result.from).toBe([...result.owners.map((owner) => owner.from)].sort()[0]);
  });

  it('from and now: no rep starts before from, nor before their own today', () => {
    const now = '2026-11-23T16:00:00Z';
    const later = planAt(now, ['Europe/London', 'Asia/Tokyo'], { from: '2026-11-30' });
    expect(later.owners.map((owner) => owner.from)).toEqual(['2026-11-30', '2026-11-30']);
    expect(later.from).toBe('2026-11-30');
    const earlier = planAt(now, ['Europe/London', 'Asia/Tokyo'], { from: '2026-11-20' });
    expect(earlier.owners.map((owner) => owner.from)).toEqual(['2026-11-23', '2026-11-24']);
  });

  it('from alone keeps its meaning: the same first day for every rep, and no now in the plan', () => {
    const { owners, contacts } = bookFor(['Europe/London', 'Asia/Tokyo']);
    const { items } = evaluate({ policy, contacts, touches: [], owners, now: '2026-11-23T16:00:00Z' });
    const result = plan({ policy, items, owners, from: '2026-11-23', days: 3 });
    expect(result.owners.map((owner) => owner.from)).toEqual(['2026-11-23', '2026-11-23']);
    expect('now' in result).toBe(false);
  });

  it('a rep without a zone takes the policy’s, then UTC', () => {
    const now = '2026-11-23T23:30:00Z';
    const owners: Owner[] = [{ id: 'u0', dailyCapacity: 2 }];
    const contacts: Contact[] = [{ id: 'c0', ownerId: 'u0', createdAt: '2026-01-05T10:00:00Z' }];
    const tokyoPolicy = parsePolicy({ ...policy, timeZone: 'Asia/Tokyo' });
    const { items } = evaluate({ policy: tokyoPolicy, contacts, touches: [], owners, now });
    expect(plan({ policy: tokyoPolicy, items, owners, now, days: 2 }).owners[0]!.from).toBe('2026-11-24');
    const utcPolicy = parsePolicy({ ...policy, timeZone: undefined });
    expect(plan({ policy: utcPolicy, items, owners, now, days: 2 }).owners[0]!.from).toBe('2026-11-23');
  });

  it('plans from evaluateColumns exactly what it plans from the items', () => {
    for (const now of ['2026-11-23T11:30:00Z', '2026-03-08T06:30:00Z', '2026-11-01T05:30:00Z']) {
      const { owners, contacts } = bookFor(ZONES);
      const { items } = evaluate({ policy, contacts, touches: [], owners, now });
      const columns = evaluateColumns({ policy, contacts, touches: [], owners, now });
      expect(JSON.stringify(plan({ policy, items: columns, owners, now, days: 5 }))).toBe(
        JSON.stringify(plan({ policy, items, owners, now, days: 5 })),
      );
    }
  });

  it('refuses a call with neither from nor now, and a now that is not an instant', () => {
    const call = (extra: Record<string, unknown>) => () => plan({ policy, items: [], owners: [], days: 3, ...extra } as never);
    expect(call({})).toThrow(InputError);
    expect(call({})).toThrow(/from/);
    expect(call({ now: 'Monday' })).toThrow(/now/);
    expect(call({ now: '2026-11-23' })).toThrow(/now/);
    expect(call({ now: Date.UTC(2026, 10, 23) })).not.toThrow();
  });
});

describe('no writer stamps a task of a plan made at now before now', () => {
  const zonesArb = fc.subarray(ZONES, { minLength: 1, maxLength: 4 });
  const nowArb = fc
    .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) })
    .map((ms) => new Date(Math.floor(ms / 60_000) * 60_000 + 17_000).toISOString());

  it('HubSpot, Salesforce, Pipedrive, CSV and iCalendar, in any zone on any day', () => {
    fc.assert(
      fc.property(zonesArb, nowArb, fc.integer({ min: 0, max: 23 }), (zones, now, hour) => {
        const { owners } = bookFor(zones);
        const result = planAt(now, zones, { days: 2 });
        const nowMs = Date.parse(now);
        const todayOf = new Map(owners.map((owner) => [String(owner.id), localDate(now, owner.timeZone!)]));
        let planned = 0;
        for (const task of toHubSpotTasks(result, { owners, policy, hour })) {
          expect(Date.parse(task.properties.hs_timestamp!)).toBeGreaterThanOrEqual(nowMs);
          planned++;
        }
        expect(planned).toBeGreaterThan(0);
        for (const task of toSalesforceTasks(result)) expect(task.ActivityDate >= todayOf.get(task.OwnerId!)!).toBe(true);
        for (const activity of toPipedriveActivities(result, { owners, time: `${String(hour).padStart(2, '0')}:00` })) {
          expect(Date.parse(`${activity.due_date}T${activity.due_time}:00Z`)).toBeGreaterThanOrEqual(Math.floor(nowMs / 60_000) * 60_000);
        }
        for (const activity of toPipedriveActivities(result)) expect(activity.due_date >= todayOf.get(String(activity.owner_id))!).toBe(true);
        for (const row of callListRows(result)) expect(row.date >= todayOf.get(row.ownerId)!).toBe(true);
        const ics = toICalendar(result, { stamp: now, mode: 'event', owners, slot: { start: `${String(hour).padStart(2, '0')}:00`, minutes: 20 } });
        // The events' DTSTART, not those of the VTIMEZONE rules; the lines are short enough not to fold.
        const events = ics.split('BEGIN:VEVENT').slice(1).map((event) => event.split('END:VEVENT')[0]!);
        expect(events.length).toBe(planned);
        for (const line of events.flatMap((event) => event.split('\r\n')).filter((text) => text.startsWith('DTSTART'))) {
          expect(icsInstant(line)).toBeGreaterThanOrEqual(Math.floor(nowMs / 60_000) * 60_000);
        }
        const dues = toICalendar(result, { stamp: now }).split('\r\n').filter((text) => text.startsWith('DUE;VALUE=DATE:'));
        expect(dues.length).toBe(planned);
        const earliest = [...todayOf.values()].sort()[0]!.replace(/-/g, '');
        for (const line of dues) expect(line.slice('DUE;VALUE=DATE:'.length) >= earliest).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

/** The UTC offset of a zone at an instant, in minutes, read by `Intl`. */
function offsetAt(zone: string, ms: number): number {
  const shown = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const part = (type: string) => shown.find((entry) => entry.type === type)!.value;
  const wall = Date.parse(`${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:00Z`);
  return Math.round((wall - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/**
 * The instant of a `DTSTART;TZID=…:YYYYMMDDTHHMMSS` or `DTSTART:…Z` line as RFC 5545 reads it:
 * a wall time that happens twice is the first; one that never happens takes the offset before the gap.
 */
function icsInstant(line: string): number {
  const [head, value] = line.split(':') as [string, string];
  const wall = Date.parse(`${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${value.slice(9, 11)}:${value.slice(11, 13)}:00Z`);
  if (value.endsWith('Z')) return wall;
  const zone = /TZID=([^;:]+)/.exec(head)![1]!;
  const before = offsetAt(zone, wall - 26 * 3_600_000);
  const after = offsetAt(zone, wall + 26 * 3_600_000);
  const valid = [...new Set([before, after])].map((offset) => wall - offset * 60_000).filter((ms) => wall - offsetAt(zone, ms) * 60_000 === ms);
  return valid.length > 0 ? Math.min(...valid) : wall - before * 60_000;
}

describe('the command line plans each rep from their own date at --now', () => {
  async function runCliJson(args: string[]): Promise<Record<string, unknown>> {
    const { PassThrough, Readable } = await import('node:stream');
    const { runCli } = await import('../../src/cli/run.js');
    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    await runCli(args, {
      stdin: Readable.from([]),
      stdout,
      stderr: new PassThrough(),
      stdoutIsTTY: false,
      stderrIsTTY: false,
      clock: () => new Date('2026-11-23T08:00:00Z'),
      version: '0.0.0-test',
    });
    return JSON.parse(text) as Record<string, unknown>;
  }

  it('plan: London has moved on to Tuesday, New York is still on Monday', async () => {
    const now = '2026-11-24T02:00:00Z';
    const result = await runCliJson(['plan', 'examples/data', '--now', now, '--days', '3', '--format', 'json']);
    const owners = result.owners as { ownerId: string; from: string; days: { date: string }[] }[];
    expect(Object.fromEntries(owners.map((owner) => [owner.ownerId, owner.from]))).toEqual({
      'u-london': localDate(now, 'Europe/London'),
      'u-newyork': localDate(now, 'America/New_York'),
    });
    expect(localDate(now, 'Europe/London')).toBe('2026-11-24');
    expect(localDate(now, 'America/New_York')).toBe('2026-11-23');
    for (const owner of owners) for (const day of owner.days) expect(day.date >= owner.from).toBe(true);
  });
});
