import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDuration,
  civilFromDays,
  daysFromCivil,
  formatDate,
  isoWeekday,
  MAX_EPOCH_DAY,
  MIN_EPOCH_DAY,
  parseDate,
  parseDuration,
  utcDayOf,
} from '../../src/time/dates.js';

const day = (text: string) => parseDate(text)!;

describe('civil dates', () => {
  it.each([
    ['1970-01-01', 0, 4],
    ['2026-01-01', 20454, 4],
    ['2026-11-23', 20780, 1],
    ['2024-02-29', 19782, 4],
    ['2000-03-01', 11017, 3],
    ['1969-12-31', -1, 3],
  ])('%s is epoch day %i, ISO weekday %i', (text, epochDay, weekday) => {
    expect(parseDate(text)).toBe(epochDay);
    expect(formatDate(epochDay)).toBe(text);
    expect(isoWeekday(epochDay)).toBe(weekday);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '26-01-01', '2026-1-1', ''])('rejects %j', (text) => {
    expect(parseDate(text)).toBeUndefined();
  });

  it('agrees with the platform calendar for every day of four centuries', () => {
    fc.assert(
      fc.property(fc.integer({ min: -150_000, max: 150_000 }), (epochDay) => {
        const date = new Date(epochDay * 86_400_000);
        expect(civilFromDays(epochDay)).toEqual([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
        expect(daysFromCivil(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())).toBe(epochDay);
        expect(isoWeekday(epochDay)).toBe(date.getUTCDay() === 0 ? 7 : date.getUTCDay());
      }),
    );
  });
});

describe('durations', () => {
  it.each([
    ['P14D', { years: 0, months: 0, weeks: 0, days: 14 }],
    ['P1M', { years: 0, months: 1, weeks: 0, days: 0 }],
    ['P1Y2M3W4D', { years: 1, months: 2, weeks: 3, days: 4 }],
  ])('parses %s', (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });

  it.each(['P', 'PT12H', 'P1DT1H', '14D', 'P-1D', 'P1.5D', 'p14d'])('refuses %j (no time parts, no fractions)', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it.each([
    ['2026-01-31', 'P1M', '2026-02-28'],
    ['2024-01-31', 'P1M', '2024-02-29'],
    ['2024-02-29', 'P1Y', '2025-02-28'],
    ['2024-02-29', 'P4Y', '2028-02-29'],
    ['2026-03-31', 'P1M', '2026-04-30'],
    ['2026-08-31', 'P3M', '2026-11-30'],
    ['2026-12-31', 'P2M', '2027-02-28'],
    ['2026-01-31', 'P1M1D', '2026-03-01'],
    ['2026-11-01', 'P14D', '2026-11-15'],
    ['2026-12-25', 'P2W', '2027-01-08'],
  ])('%s + %s = %s (months clamp to the month end, then days)', (from, duration, expected) => {
    expect(formatDate(addDuration(day(from), parseDuration(duration)!))).toBe(expected);
  });
});

describe('utcDayOf', () => {
  it('is the day by division at the first and last ms of every day of years 1000–9999', () => {
    // Between those two a whole number of ms lies a full ms inside its day, far beyond the
    // product's error; the boundaries are where a multiplication could land a day off.
    const DAY = 86_400_000;
    let misses = 0;
    for (let day = MIN_EPOCH_DAY; day <= MAX_EPOCH_DAY; day++) {
      const start = day * DAY;
      if (utcDayOf(start) !== day || utcDayOf(start + DAY - 1) !== day) misses++;
    }
    expect(misses).toBe(0);
    expect([utcDayOf(-1), utcDayOf(0), utcDayOf(Date.parse('2026-11-23T23:59:59.999Z'))]).toEqual([-1, 0, 20780]);
  });
});
