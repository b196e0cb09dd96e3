/**
 * Every produced file is read back with ical.js, and every value is compared with what went in.
 * The VTODO shape follows RFC 5545 section 3.6.2 (its first example:
 * `DUE;VALUE=DATE:20070501`, `DTSTAMP:20070313T123432Z`, `STATUS:NEEDS-ACTION`, `CATEGORIES:…`;
 * DTSTAMP and UID required exactly once, DUE and DURATION never together).
 */
import type ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { taskKey } from '../../src/adapters/shared/keys.js';
import { toICalendar } from '../../src/ical/index.js';
import { callList, type DueItem, evaluate, type Owner, type Plan, parsePolicy, plan } from '../../src/index.js';
import { deepFreeze } from '../helpers.js';
import { dueItem, physicalLines, readCalendar, text } from './helpers.js';

const policy = parsePolicy({
  version: 1,
  timeZone: 'Europe/Berlin',
  tiers: [{ id: 'key, accounts; "A"', weight: 2, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] }],
  defaultTier: 'key, accounts; "A"',
});

// Ids a CRM may well hold: commas, semicolons, backslashes, quotes, a line break, accents, CJK, emoji.
const trickyIds = ['Zoë, "Ltd"; Ø', 'back\\slash', '李小龍 🎉', 'two\nlines', 'plain'];
const owners: Owner[] = [{ id: 'u1', timeZone: 'Europe/Berlin', dailyCapacity: 3 }];
const now = '2026-11-23T08:00:00Z';
const stamp = '2026-11-27T18:30:05Z';

function weekPlan(): Plan {
  const contacts = trickyIds.map((id, index) => ({ id, ownerId: 'u1', createdAt: `2026-0${index + 1}-05T10:00:00Z` }));
  const { items, errors } = evaluate({ policy, contacts, touches: [], owners, now });
  expect(errors).toEqual([]);
  return plan({ policy, items, owners, from: '2026-11-30', days: 7 });
}

const plannedTouches = (week: Plan) =>
  week.owners.flatMap((owner) => owner.days.flatMap((day) => day.touches.map((touch) => ({ owner, day, touch }))));

describe('toICalendar: to-dos (default)', () => {
  it('has the calendar frame: VERSION 2.0, PRODID, CALSCALE GREGORIAN, CRLF, lines of at most 75 octets', () => {
    const ics = toICalendar(weekPlan(), { stamp });
    const lines = physicalLines(ics);
    expect(lines.slice(0, 4)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//calling-cycle//calling-cycle//EN',
      'CALSCALE:GREGORIAN',
    ]);
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    const calendar = readCalendar(ics);
    expect(text(calendar, 'version')).toBe('2.0');
  });

  it('one VTODO per planned call, each with the RFC 5545 3.6.2 shape', () => {
    const week = weekPlan();
    const planned = plannedTouches(week);
    expect(planned.length).toBe(trickyIds.length);
    const ics = toICalendar(week, { stamp });
    const todos = readCalendar(ics).getAllSubcomponents('vtodo');
    expect(todos).toHaveLength(planned.length);
    for (const todo of todos) {
      for (const required of ['uid', 'dtstamp']) expect(todo.getAllProperties(required)).toHaveLength(1);
      expect(todo.getAllProperties('duration')).toHaveLength(0);
      expect(text(todo, 'status')).toBe('NEEDS-ACTION');
    }
    // As in the RFC's example: a date-valued DUE and a UTC DTSTAMP, in basic format.
    expect(ics).toMatch(/\r\nDUE;VALUE=DATE:\d{8}\r\n/);
    expect(ics).toContain('\r\nDTSTAMP:20261127T183005Z\r\n');
  });

  it('reads back DUE, UID, DTSTAMP, SUMMARY, DESCRIPTION, PRIORITY and CATEGORIES exactly', () => {
    const week = weekPlan();
    const todos = readCalendar(toICalendar(week, { stamp, domain: 'crm.example.com' })).getAllSubcomponents('vtodo');
    const planned = plannedTouches(week);
    for (const [index, { owner, day, touch }] of planned.entries()) {
      const todo = todos[index]!;
      const due = todo.getFirstPropertyValue('due') as ICAL.Time;
      expect(due.isDate).toBe(true);
      expect(due.toString()).toBe(day.date);
      expect(text(todo, 'uid')).toBe(
        `${taskKey({ contactId: touch.contactId, cycleId: touch.cycleId, dueOn: touch.dueOn })}@crm.example.com`,
      );
      const dtstamp = todo.getFirstPropertyValue('dtstamp') as ICAL.Time;
      expect(dtstamp.toJSDate().toISOString()).toBe('2026-11-27T18:30:05.000Z');
      const late = touch.lateness;
      const timing = late === 0 ? 'due today' : `${Math.abs(late)} day${Math.abs(late) === 1 ? '' : 's'} ${late > 0 ? 'late' : 'early'}`;
      expect(text(todo, 'summary')).toBe(`Call ${touch.contactId}: check-in (${timing})`);
      const call = callList(week, owner.ownerId, day.date)[touch.call - 1]!;
      expect(call.contactId).toBe(touch.contactId);
      const why = call.cycles.find((cycle) => cycle.cycleId === touch.cycleId)!.why;
      expect(text(todo, 'description')).toBe(why);
      expect(todo.getFirstPropertyValue('priority')).toBe(late > 0 ? 1 : late === 0 ? 5 : 9);
      expect(todo.getFirstProperty('categories')!.getValues()).toEqual(['key, accounts; "A"']);
    }
    // Every tricky id came back whole somewhere in a SUMMARY.
    const summaries = todos.map((todo) => text(todo, 'summary'));
    for (const id of trickyIds) expect(summaries.some((summary) => summary.includes(id))).toBe(true);
  });

  it('round-trips any SUMMARY text given by the caller: commas, semicolons, backslashes, newlines, non-ASCII', () => {
    const texts = [
      'Ring Zoë, then Ødegaard; ask about "Q4" \\ budget',
      'Line one\nLine two\n\nafter a blank line',
      '田中さんに電話する，確認；🎉👩‍👩‍👧‍👦 family emoji',
      `${'long text, '.repeat(20)}ending with é`,
      'ends with a backslash \\',
    ];
    const items = texts.map((_, index) => dueItem(`c${index}`, '2026-11-30', 'u1'));
    const ics = toICalendar(items, { stamp, summary: (entry) => texts[Number(entry.contactId.slice(1))]! });
    physicalLines(ics);
    const todos = readCalendar(ics).getAllSubcomponents('vtodo');
    expect(todos.map((todo) => text(todo, 'summary')).sort()).toEqual([...texts].sort());
  });

  it('the same input and stamp give the same bytes; UIDs are unique and stable', () => {
    const first = toICalendar(weekPlan(), { stamp });
    expect(toICalendar(weekPlan(), { stamp })).toBe(first);
    const uids = readCalendar(first)
      .getAllSubcomponents('vtodo')
      .map((todo) => text(todo, 'uid'));
    expect(new Set(uids).size).toBe(uids.length);
    // Another stamp changes DTSTAMP only.
    const later = toICalendar(weekPlan(), { stamp: Date.parse('2026-11-28T00:00:00Z') });
    expect(later.replace(/DTSTAMP:\w+/g, '')).toBe(first.replace(/DTSTAMP:\w+/g, ''));
    expect(later).toContain('DTSTAMP:20261128T000000Z');
  });

  it('does not mutate the plan, the items or the options', () => {
    const week = deepFreeze(weekPlan());
    const items = deepFreeze([dueItem('c1', '2026-11-30', 'u1')]);
    const options = deepFreeze({
      stamp,
      mode: 'event' as const,
      slot: { start: '09:00', minutes: 15 },
      owners: [{ id: 'u1', timeZone: 'Europe/Berlin' }],
    });
    expect(() => toICalendar(week, options)).not.toThrow();
    expect(() => toICalendar(items, options)).not.toThrow();
  });

  it('takes the stamp as an ISO string, epoch milliseconds or a Date, and never the clock', () => {
    const items = [dueItem('c1', '2026-11-30', 'u1')];
    const fromString = toICalendar(items, { stamp: '2026-11-27T19:30:05+01:00' });
    expect(toICalendar(items, { stamp: Date.UTC(2026, 10, 27, 18, 30, 5) })).toBe(fromString);
    expect(toICalendar(items, { stamp: new Date(Date.UTC(2026, 10, 27, 18, 30, 5)) })).toBe(fromString);
    expect(fromString).toContain('DTSTAMP:20261127T183005Z');
  });

  it('from items: the due and overdue ones (or the statuses asked for), on their due date, optionally one owner', () => {
    const items: DueItem[] = [
      dueItem('due', '2026-11-30', 'u1'),
      dueItem('late', '2026-11-20', 'u2', { status: 'overdue', daysOverdue: 10 }),
      dueItem('soon', '2026-12-02', 'u1', { status: 'soon' }),
      dueItem('gone', '2026-12-02', 'u1', { status: 'excluded', dueOn: null } as Partial<DueItem>),
    ];
    const dueOf = (ics: string) =>
      readCalendar(ics)
        .getAllSubcomponents('vtodo')
        .map((todo) => `${text(todo, 'uid').split(':')[1]} ${(todo.getFirstPropertyValue('due') as ICAL.Time).toString()}`);
    expect(dueOf(toICalendar(items, { stamp }))).toEqual(['due 2026-11-30', 'late 2026-11-20']);
    expect(dueOf(toICalendar(items, { stamp, statuses: ['soon'] }))).toEqual(['soon 2026-12-02']);
    expect(dueOf(toICalendar(items, { stamp, ownerId: 'u2' }))).toEqual(['late 2026-11-20']);
    expect(dueOf(toICalendar([dueItem('n', '2026-11-30', '42')], { stamp, ownerId: 42 }))).toEqual(['n 2026-11-30']);
    const late = readCalendar(toICalendar(items, { stamp, ownerId: 'u2' })).getFirstSubcomponent('vtodo')!;
    expect(late.getFirstPropertyValue('priority')).toBe(1);
    expect(text(late, 'summary')).toBe('Call late: check-in (10 days late)');
  });

  it('names the calendar when asked (X-WR-CALNAME), escaped as TEXT', () => {
    const calendar = readCalendar(toICalendar([], { stamp, name: 'Calls; week 49, Zoë' }));
    // ical.js does not know this extension's value type, so it hands back the TEXT as written.
    expect(text(calendar, 'x-wr-calname')).toBe('Calls\\; week 49\\, Zoë');
    expect(calendar.getAllSubcomponents('vtodo')).toHaveLength(0);
  });

  it.each([
    ['a stamp that is not an instant', { stamp: 'yesterday' }, /stamp/],
    ['a slot outside event mode', { stamp, slot: { start: '09:00', minutes: 15 } }, /mode: 'event'/],
    ['a slot start that is not HH:mm', { stamp, mode: 'event' as const, slot: { start: '9am', minutes: 15 } }, /slot\.start/],
    ['a slot of no minutes', { stamp, mode: 'event' as const, slot: { start: '09:00', minutes: 0 } }, /slot\.minutes/],
    ['an unknown zone', { stamp, mode: 'event' as const, timeZone: 'Mars/Olympus' }, /Mars\/Olympus/],
    ['a mode it does not know', { stamp, mode: 'journal' as 'event' }, /mode/],
  ])('refuses %s', (_name, options, message) => {
    expect(() => toICalendar([dueItem('c1', '2026-11-30', 'u1')], options)).toThrow(message);
  });
});

describe('toICalendar: events', () => {
  it('all-day: DTSTART and DTEND are dates, DTEND the next day (also across a month and a year end)', () => {
    const items = [dueItem('a', '2026-11-30', 'u1'), dueItem('b', '2026-12-31', 'u1'), dueItem('c', '2028-02-28', 'u1')];
    const ics = toICalendar(items, { stamp, mode: 'event' });
    physicalLines(ics);
    expect(ics).not.toContain('VTODO');
    expect(ics).not.toContain('VTIMEZONE');
    const events = readCalendar(ics).getAllSubcomponents('vevent');
    const spans = events.map((event) => {
      const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
      const end = event.getFirstPropertyValue('dtend') as ICAL.Time;
      expect(start.isDate && end.isDate).toBe(true);
      return `${start.toString()}/${end.toString()}`;
    });
    expect(spans).toEqual(['2026-11-30/2026-12-01', '2026-12-31/2027-01-01', '2028-02-28/2028-02-29']);
    for (const event of events) expect(text(event, 'transp')).toBe('TRANSPARENT');
  });

  /**
   * Days around each zone's offset changes in 2026 (from the IANA rules): Berlin 29 Mar / 25 Oct,
   * New York 8 Mar / 1 Nov, Lord Howe 5 Apr (+11 → +10:30) / 4 Oct (half-hour DST), Kathmandu
   * none (+05:45 all year), and slots before 01:00 on New York's fall-back day, still in EDT.
   * (Times from 01:00 to 02:00 that day happen twice: RFC 5545 3.3.5 means the first, ical.js
   * reads the second, so no slot here falls in that hour.)
   */
  const zoneCases: [string, string, string, number][] = [
    ['Europe/Berlin', '2026-03-29', '09:00', 20],
    ['Europe/Berlin', '2026-03-28', '09:00', 20],
    ['Europe/Berlin', '2026-10-25', '09:00', 20],
    ['Europe/Berlin', '2026-10-24', '23:30', 20],
    ['America/New_York', '2026-03-08', '09:00', 20],
    ['America/New_York', '2026-11-01', '00:00', 15],
    ['America/New_York', '2026-11-01', '09:00', 20],
    ['Australia/Lord_Howe', '2026-04-05', '09:00', 20],
    ['Australia/Lord_Howe', '2026-04-04', '09:00', 20],
    ['Australia/Lord_Howe', '2026-10-04', '09:00', 20],
    ['Asia/Kathmandu', '2026-06-15', '09:00', 20],
    ['Asia/Kathmandu', '2027-01-04', '08:45', 20],
  ];

  it.each(zoneCases)(
    'timed slots in %s on %s from %s, %i minutes each: ical.js finds the instants luxon gives',
    (zone, date, start, minutes) => {
      const items = ['c1', 'c2', 'c3'].map((id) => dueItem(id, date, 'rep'));
      const ics = toICalendar(items, { stamp, mode: 'event', slot: { start, minutes }, owners: [{ id: 'rep', timeZone: zone }] });
      physicalLines(ics);
      const calendar = readCalendar(ics);
      expect(calendar.getAllSubcomponents('vtimezone').map((component) => text(component, 'tzid'))).toEqual([zone]);
      const events = calendar.getAllSubcomponents('vevent');
      expect(events).toHaveLength(3);
      const [hour, minute] = start.split(':').map(Number) as [number, number];
      const [year, month, day] = date.split('-').map(Number) as [number, number, number];
      for (const [position, event] of events.entries()) {
        const dtstart = event.getFirstPropertyValue('dtstart') as ICAL.Time;
        const dtend = event.getFirstPropertyValue('dtend') as ICAL.Time;
        expect(event.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(zone);
        const expected = DateTime.fromObject({ year, month, day, hour, minute }, { zone }).plus({ minutes: minutes * position });
        expect(dtstart.toUnixTime() * 1000).toBe(expected.toMillis());
        expect(dtend.toUnixTime() * 1000).toBe(expected.plus({ minutes }).toMillis());
        expect(text(event, 'transp')).toBe('OPAQUE');
      }
    },
  );

  it('the VTIMEZONE covers every year of the file: EU rules, last Sundays of March and October at 01:00 UTC', () => {
    const items = [dueItem('c1', '2026-12-01', 'rep'), dueItem('c2', '2027-06-01', 'rep')];
    const ics = toICalendar(items, { stamp, mode: 'event', slot: { start: '09:00', minutes: 15 }, timeZone: 'Europe/Berlin' });
    const zone = ics.slice(ics.indexOf('BEGIN:VTIMEZONE'), ics.indexOf('END:VTIMEZONE'));
    const observances = [
      ...zone.matchAll(/BEGIN:(STANDARD|DAYLIGHT)\r\nDTSTART:(\d{8}T\d{6})\r\nTZOFFSETFROM:([+-]\d{4})\r\nTZOFFSETTO:([+-]\d{4})/g),
    ].map((match) => match.slice(1).join(' '));
    expect(observances).toEqual([
      'STANDARD 20251231T010000 +0100 +0100',
      'DAYLIGHT 20260329T020000 +0100 +0200',
      'STANDARD 20261025T030000 +0200 +0100',
      'DAYLIGHT 20270328T020000 +0100 +0200',
      'STANDARD 20271031T030000 +0200 +0100',
    ]);
  });

  it('Lord Howe and Kathmandu: half-hour DST offsets and a zone without DST', () => {
    const lordHowe = toICalendar([dueItem('c1', '2026-06-01', 'rep')], {
      stamp,
      mode: 'event',
      slot: { start: '09:00', minutes: 15 },
      timeZone: 'Australia/Lord_Howe',
    });
    expect(lordHowe).toContain('TZOFFSETFROM:+1100\r\nTZOFFSETTO:+1030');
    expect(lordHowe).toContain('TZOFFSETFROM:+1030\r\nTZOFFSETTO:+1100');
    expect(lordHowe).toContain('DTSTART:20260405T020000\r\n');
    expect(lordHowe).toContain('DTSTART:20261004T020000\r\n');
    const kathmandu = toICalendar([dueItem('c1', '2026-06-01', 'rep')], {
      stamp,
      mode: 'event',
      slot: { start: '09:00', minutes: 15 },
      timeZone: 'Asia/Kathmandu',
    });
    const zone = readCalendar(kathmandu).getFirstSubcomponent('vtimezone')!;
    expect(zone.getAllSubcomponents('daylight')).toHaveLength(0);
    const standard = zone.getAllSubcomponents('standard');
    expect(standard).toHaveLength(1);
    expect(standard[0]!.getFirstProperty('tzoffsetto')!.toICALString()).toBe('TZOFFSETTO:+0545');
  });

  it('slots follow each owner in their own zone, one after another per day, and UTC owners get Z times', () => {
    const items = [dueItem('b1', '2026-11-30', 'berlin'), dueItem('b2', '2026-11-30', 'berlin'), dueItem('u1', '2026-11-30', 'utc')];
    const ics = toICalendar(items, {
      stamp,
      mode: 'event',
      slot: { start: '14:00', minutes: 30 },
      owners: [{ id: 'berlin', timeZone: 'Europe/Berlin' }, { id: 'utc' }],
    });
    expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20261130T140000');
    expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20261130T143000');
    expect(ics).toContain('DTSTART:20261130T140000Z');
    const starts = readCalendar(ics)
      .getAllSubcomponents('vevent')
      .map((event) => (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString());
    expect(starts).toEqual(['2026-11-30T13:00:00.000Z', '2026-11-30T13:30:00.000Z', '2026-11-30T14:00:00.000Z']);
  });

  it('a plan as events: every planned call once, on its planned day, in call order', () => {
    const week = weekPlan();
    const ics = toICalendar(week, { stamp, mode: 'event', slot: { start: '09:00', minutes: 15 }, owners });
    const events = readCalendar(ics).getAllSubcomponents('vevent');
    const planned = plannedTouches(week);
    expect(events).toHaveLength(planned.length);
    for (const [index, { day }] of planned.entries()) {
      const start = events[index]!.getFirstPropertyValue('dtstart') as ICAL.Time;
      expect(start.toString().slice(0, 10)).toBe(day.date);
      // One slot per call: the touches of one call share it.
      const position = planned[index]!.touch.call - 1;
      const expected = DateTime.fromISO(`${day.date}T09:00`, { zone: 'Europe/Berlin' }).plus({ minutes: 15 * position });
      expect(start.toUnixTime() * 1000).toBe(expected.toMillis());
    }
  });
});
