/** occurrences in real zones: DST gaps and overlaps checked by hand, bad input, bounded work. */
import { describe, expect, it } from 'vitest';
import { compileDateRule, wallToInstant } from '../../src/time/occurrences.js';
import { formatDate, parseDate } from '../../src/time/dates.js';
import { zoneClock } from '../../src/time/zones.js';
import { InputError, occurrences } from '../../src/index.js';

describe('DST, checked by hand', () => {
  it.each([
    // New York springs forward 2026-03-08 02:00 EST → 03:00 EDT: 02:30 does not exist.
    [
      'New York gap: 02:30 moves forward to 03:30 EDT',
      'FREQ=DAILY;COUNT=3',
      '2026-03-07T02:30:00',
      'America/New_York',
      ['2026-03-07T02:30:00-05:00', '2026-03-08T03:30:00-04:00', '2026-03-09T02:30:00-04:00'],
    ],
    // New York falls back 2026-11-01 02:00 EDT → 01:00 EST: 01:30 happens twice; the first is EDT.
    [
      'New York overlap: 01:30 is the first (EDT) instant',
      'FREQ=DAILY;COUNT=3',
      '2026-10-31T01:30:00',
      'America/New_York',
      ['2026-10-31T01:30:00-04:00', '2026-11-01T01:30:00-04:00', '2026-11-02T01:30:00-05:00'],
    ],
    // London springs forward 2026-03-29 01:00 GMT → 02:00 BST.
    [
      'London gap: 01:15 moves to 02:15 BST',
      'FREQ=WEEKLY;COUNT=2',
      '2026-03-22T01:15:00',
      'Europe/London',
      ['2026-03-22T01:15:00+00:00', '2026-03-29T02:15:00+01:00'],
    ],
    // London falls back 2026-10-25 02:00 BST → 01:00 GMT.
    [
      'London overlap: 01:15 is the BST instant',
      'FREQ=WEEKLY;COUNT=2',
      '2026-10-18T01:15:00',
      'Europe/London',
      ['2026-10-18T01:15:00+01:00', '2026-10-25T01:15:00+01:00'],
    ],
    // Lord Howe shifts by 30 minutes: 2026-10-04 02:00 +10:30 → 02:30 +11:00.
    [
      'Lord Howe half-hour gap: 02:10 moves to 02:40',
      'FREQ=DAILY;COUNT=2',
      '2026-10-03T02:10:00',
      'Australia/Lord_Howe',
      ['2026-10-03T02:10:00+10:30', '2026-10-04T02:40:00+11:00'],
    ],
    // Lord Howe falls back 2026-04-05 02:00 +11:00 → 01:30 +10:30: 01:45 happens twice.
    [
      'Lord Howe half-hour overlap: 01:45 is the +11:00 instant',
      'FREQ=DAILY;COUNT=2',
      '2026-04-04T01:45:00',
      'Australia/Lord_Howe',
      ['2026-04-04T01:45:00+11:00', '2026-04-05T01:45:00+11:00'],
    ],
    // Samoa skipped 30 December 2011 entirely (−10:00 → +14:00): that day's occurrence moves a day
    // forward onto the 31st, which is already an occurrence: it counts once.
    [
      'Apia: 2011-12-30 never happened',
      'FREQ=DAILY;COUNT=4',
      '2011-12-28T10:00:00',
      'Pacific/Apia',
      ['2011-12-28T10:00:00-10:00', '2011-12-29T10:00:00-10:00', '2011-12-31T10:00:00+14:00', '2012-01-01T10:00:00+14:00'],
    ],
    [
      'first Tuesdays across the US change keep 09:00 local',
      'FREQ=MONTHLY;BYDAY=1TU;COUNT=3',
      '2026-02-01T09:00:00',
      'America/New_York',
      ['2026-02-03T09:00:00-05:00', '2026-03-03T09:00:00-05:00', '2026-04-07T09:00:00-04:00'],
    ],
    [
      'hourly through the gap: no impossible time, no duplicate',
      'FREQ=HOURLY;COUNT=4',
      '2026-03-08T00:30:00',
      'America/New_York',
      ['2026-03-08T00:30:00-05:00', '2026-03-08T01:30:00-05:00', '2026-03-08T03:30:00-04:00', '2026-03-08T04:30:00-04:00'],
    ],
  ])('%s', (_name, rule, dtstart, timeZone, expected) => {
    expect(occurrences(rule, { dtstart, timeZone })).toEqual(expected);
  });

  it('UNTIL in UTC is an instant: the same rule ends on different local days in Tokyo and New York', () => {
    const rule = 'FREQ=DAILY;UNTIL=20260304T160000Z';
    expect(occurrences(rule, { dtstart: '2026-03-01', timeZone: 'Asia/Tokyo' }).at(-1)).toBe('2026-03-05T00:00:00+09:00');
    expect(occurrences(rule, { dtstart: '2026-03-01', timeZone: 'America/New_York' }).at(-1)).toBe('2026-03-04T00:00:00-05:00');
  });

  it('UNTIL without Z is local wall time', () => {
    expect(occurrences('FREQ=DAILY;UNTIL=20260303T090000', { dtstart: '2026-03-01T09:00:00', timeZone: 'Asia/Tokyo' })).toHaveLength(3);
  });

  it('wallToInstant: a wall time in a gap is read with the offset before it', () => {
    const newYork = zoneClock('America/New_York')!;
    expect(new Date(wallToInstant(Date.UTC(2026, 2, 8, 2, 30), newYork)).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(new Date(wallToInstant(Date.UTC(2026, 10, 1, 1, 30), newYork)).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('after, before, count', () => {
  it('after and before are exclusive instants', () => {
    const result = occurrences('FREQ=DAILY', {
      dtstart: '2026-01-01T09:00:00',
      timeZone: 'UTC',
      after: '2026-01-02T09:00:00Z',
      before: '2026-01-05T09:00:00Z',
    });
    expect(result).toEqual(['2026-01-03T09:00:00+00:00', '2026-01-04T09:00:00+00:00']);
  });

  it('a daily rule started 30 years back gives the next 10 after now', () => {
    const result = occurrences('FREQ=DAILY;INTERVAL=3', {
      dtstart: '1996-11-23T09:00:00',
      timeZone: 'Europe/London',
      after: '2026-11-23T08:00:00Z',
      count: 10,
    });
    expect(result).toHaveLength(10);
    // 1996-11-23 + 3k days: 10957 days to 2026-11-23 is not a multiple of 3 (10957 = 3·3652 + 1), so the phase lands on the 25th.
    expect(result[0]).toBe('2026-11-25T09:00:00+00:00');
    expect(result[1]).toBe('2026-11-28T09:00:00+00:00');
  });

  it('COUNT counts in time order, whatever order BYHOUR is written in', () => {
    expect(occurrences('FREQ=DAILY;BYHOUR=15,9;COUNT=3', { dtstart: '2026-01-01', timeZone: 'UTC' })).toEqual([
      '2026-01-01T09:00:00+00:00',
      '2026-01-01T15:00:00+00:00',
      '2026-01-02T09:00:00+00:00',
    ]);
  });

  it('COUNT counts from DTSTART, not from after', () => {
    expect(occurrences('FREQ=DAILY;COUNT=5', { dtstart: '2026-01-01', timeZone: 'UTC', after: '2026-01-03T12:00:00Z' })).toEqual([
      '2026-01-04T00:00:00+00:00',
      '2026-01-05T00:00:00+00:00',
    ]);
  });
});

describe('bad input and bounded work', () => {
  it.each([
    ['FREQ=BOGUS', /FREQ/],
    ['FREQ=DAILY;COUNT=x', /COUNT/],
    ['FREQ=WEEKLY;BYDAY=XX', /BYDAY/],
    ['FREQ=DAILY;COUNT=2;UNTIL=20260101T000000Z', /COUNT and UNTIL/],
    ['FREQ=MONTHLY;BYMONTHDAY=32', /BYMONTHDAY/],
    ['FREQ=DAILY;FOO=1', /FOO/],
    ['BYDAY=MO', /FREQ/],
    ['FREQ=WEEKLY;BYDAY=1MO', /ordinal/],
    // RFC 5545 3.3.10: BYSETPOS MUST be used with another BYxxx part.
    ['FREQ=MONTHLY;BYSETPOS=1', /BYSETPOS/],
  ])('%s is refused', (rule, message) => {
    expect(() => occurrences(rule, { dtstart: '2026-01-01', timeZone: 'UTC', count: 1 })).toThrow(message);
  });

  it('an unknown zone and a bad dtstart are refused', () => {
    expect(() => occurrences('FREQ=DAILY', { dtstart: '2026-01-01', timeZone: 'Nowhere/City', count: 1 })).toThrow(InputError);
    expect(() => occurrences('FREQ=DAILY', { dtstart: '2026-02-30', timeZone: 'UTC', count: 1 })).toThrow(InputError);
  });

  it('an unbounded request is refused', () => {
    expect(() => occurrences('FREQ=DAILY', { dtstart: '2026-01-01', timeZone: 'UTC' })).toThrow(/unbounded/);
  });

  it('a rule that matches nothing, asked for a window, gives the empty window', () => {
    expect(
      occurrences('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', { dtstart: '2026-01-01', timeZone: 'UTC', before: '2030-01-01T00:00:00Z' }),
    ).toEqual([]);
    expect(occurrences('FREQ=MONTHLY;BYDAY=6MO;UNTIL=20300101T000000Z', { dtstart: '2026-01-01', timeZone: 'UTC' })).toEqual([]);
  });

  it('a rule that matches nothing stops with an error instead of running to the year 9999', () => {
    expect(() => occurrences('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', { dtstart: '2026-01-01', timeZone: 'UTC', count: 1 })).toThrow(
      /matches no further date/,
    );
  });
});

describe('compileDateRule', () => {
  const day = (text: string) => parseDate(text)!;
  const next = (rule: string, anchor: string, after: string, zone = 'UTC') => {
    const found = compileDateRule(rule, day(anchor), zoneClock(zone)!).firstAfter(day(after));
    return found === undefined ? undefined : formatDate(found);
  };
  it.each([
    ['first Tuesday', 'FREQ=MONTHLY;BYDAY=1TU', '2026-01-01', '2026-11-03', '2026-12-01'],
    ['last day of the month', 'FREQ=MONTHLY;BYMONTHDAY=-1', '2026-01-01', '2026-02-10', '2026-02-28'],
    ['every 31st skips 30-day months', 'FREQ=MONTHLY;BYMONTHDAY=31', '2026-01-01', '2026-03-31', '2026-05-31'],
    ['29 February yearly', 'FREQ=YEARLY', '2024-02-29', '2024-03-01', '2028-02-29'],
    ['quarterly, anchored decades back', 'FREQ=MONTHLY;INTERVAL=3', '1990-01-15', '2026-11-23', '2027-01-15'],
    ['COUNT exhausted', 'FREQ=MONTHLY;COUNT=3', '2026-01-15', '2026-03-15', undefined],
    ['UNTIL passed', 'FREQ=WEEKLY;UNTIL=20260301T000000Z', '2026-01-05', '2026-02-23', undefined],
  ])('%s', (_name, rule, anchor, after, expected) => {
    expect(next(rule, anchor, after)).toBe(expected);
  });
});
