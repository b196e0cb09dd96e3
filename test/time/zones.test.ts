import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/time/dates.js';
import { isValidZone, zoneClock } from '../../src/time/zones.js';

// Zones with whole-hour, half-hour and 45-minute offsets, southern DST, Lord Howe's 30-minute DST
// and Apia, which skipped 2011-12-30 entirely.
const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'Asia/Kathmandu',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'UTC',
];

const luxonDate = (ms: number, zone: string): string => DateTime.fromMillis(ms, { zone }).toISODate()!;
const luxonOffset = (ms: number, zone: string): number => DateTime.fromMillis(ms, { zone }).offset;

describe('zoneClock', () => {
  it('gives the civil date and offset luxon gives, at any instant in any zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2080, 0, 1) }), (zone, ms) => {
        const clock = zoneClock(zone)!;
        expect(clock.offsetMinutes(ms)).toBe(luxonOffset(ms, zone));
        expect(formatDate(clock.localDay(ms))).toBe(luxonDate(ms, zone));
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    // US spring forward: 02:00 EST becomes 03:00 EDT at 07:00 UTC.
    ['America/New_York', '2026-03-08T07:00:00.000Z', -300, -240],
    // Fall back: 02:00 EDT becomes 01:00 EST at 06:00 UTC.
    ['America/New_York', '2026-11-01T06:00:00.000Z', -240, -300],
    // Lord Howe moves by half an hour: 02:00 +10:30 becomes 02:30 +11:00 at 15:00 UTC the day before.
    ['Australia/Lord_Howe', '2026-10-03T15:30:00.000Z', 630, 660],
    // Apia jumped from UTC−10 to UTC+14 at midnight local time, skipping 2011-12-30.
    ['Pacific/Apia', '2011-12-30T10:00:00.000Z', -600, 840],
  ])('%s changes offset exactly at %s', (zone, at, before, after) => {
    const clock = zoneClock(zone)!;
    const ms = Date.parse(at);
    expect(clock.offsetMinutes(ms - 1)).toBe(before);
    expect(clock.offsetMinutes(ms)).toBe(after);
    expect(luxonOffset(ms - 1, zone)).toBe(before);
    expect(luxonOffset(ms, zone)).toBe(after);
  });

  it('agrees with luxon minute by minute through transition days, asked in any order', () => {
    const days = [
      ['America/New_York', '2026-03-08'],
      ['Europe/London', '2026-10-25'],
      ['Australia/Lord_Howe', '2026-04-05'],
      ['Pacific/Apia', '2011-12-30'],
    ] as const;
    for (const [zone, date] of days) {
      const start = Date.parse(`${date}T00:00:00Z`) - 86_400_000;
      const minutes = Array.from({ length: 3 * 24 * 60 }, (_, index) => start + index * 60_000);
      // Backwards, so a day's first question is not its start.
      for (const ms of minutes.reverse()) {
        const clock = zoneClock(zone)!;
        expect(clock.offsetMinutes(ms), `${zone} ${new Date(ms).toISOString()}`).toBe(luxonOffset(ms, zone));
        expect(formatDate(clock.localDay(ms))).toBe(luxonDate(ms, zone));
      }
    }
  });

  // The engine reads offsets from Intl itself rather than through luxon; luxon stays the oracle,
  // over the whole range of dates the wire format allows and zones whose offsets are not whole
  // minutes (local mean time before standard time).
  it('agrees with luxon from year 1000 to 9999, local mean time included', () => {
    const zones = [...ZONES, 'Europe/Amsterdam', 'America/St_Johns', 'Africa/Monrovia', 'Asia/Kathmandu', 'Antarctica/Troll', 'Etc/GMT+12'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }), (zone, ms) => {
        expect(zoneClock(zone)!.offsetMinutes(ms)).toBe(IANAZone.create(zone).offset(ms));
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    'Europe/London',
    'europe/london',
    'UTC',
    'Etc/UTC',
    'EST5EDT',
    'Mars/Olympus',
    '',
    'Europe/London ',
    'GMT+1',
    '+01:00',
    'Asia/Calcutta',
  ])('knows the zone %j exactly when luxon does', (name) => {
    expect(isValidZone(name)).toBe(IANAZone.isValidZone(name));
  });
});
