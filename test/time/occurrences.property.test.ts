/**
 * Invariants of occurrences on random rules and zones: strictly increasing unique instants, every
 * one on a wall date the rule's BY parts allow, and, on the CI's runs under TZ=Pacific/Apia and
 * TZ=Australia/Lord_Howe, the same answers.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { occurrences } from '../../src/index.js';

const zones = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Kolkata', 'America/Santiago'];
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const ruleArbitrary = fc.record({
  freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
  interval: fc.integer({ min: 1, max: 4 }),
  byday: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
  bymonth: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }), { nil: undefined }),
  bymonthday: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 28 }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.constantFrom(0, 15, 30, 45),
});

describe('occurrences invariants', () => {
  it('strictly increasing, unique, and every one on a wall date the BY parts allow', () => {
    fc.assert(
      fc.property(
        ruleArbitrary,
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        (spec, timeZone, start) => {
          const parts = [`FREQ=${spec.freq}`, `INTERVAL=${spec.interval}`];
          if (spec.byday) parts.push(`BYDAY=${spec.byday.map((d) => WEEKDAYS[d]).join(',')}`);
          if (spec.bymonth) parts.push(`BYMONTH=${spec.bymonth.join(',')}`);
          if (spec.bymonthday && spec.freq !== 'WEEKLY') parts.push(`BYMONTHDAY=${spec.bymonthday.join(',')}`);
          const dtstart = `${start.toISOString().slice(0, 10)}T${String(spec.hour).padStart(2, '0')}:${String(spec.minute).padStart(2, '0')}:00`;
          const result = occurrences(parts.join(';'), { dtstart, timeZone, count: 12 });
          const instants = result.map((text) => Date.parse(text));
          for (let i = 1; i < instants.length; i++) expect(instants[i]!).toBeGreaterThan(instants[i - 1]!);
          for (const text of result) {
            // The wall date as printed, before the offset.
            const wall = new Date(`${text.slice(0, 10)}T00:00:00Z`);
            if (spec.byday) expect(spec.byday).toContain((wall.getUTCDay() + 6) % 7);
            if (spec.bymonth) expect(spec.bymonth).toContain(wall.getUTCMonth() + 1);
            if (spec.bymonthday && spec.freq !== 'WEEKLY') expect(spec.bymonthday).toContain(wall.getUTCDate());
            expect(Date.parse(text)).toBeGreaterThanOrEqual(Date.parse(`${dtstart}Z`) - 15 * 3_600_000);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('asking from a later point gives the tail of the same sequence (jumping ahead loses nothing)', () => {
    fc.assert(
      fc.property(ruleArbitrary, fc.constantFrom(...zones), fc.integer({ min: 1, max: 30 }), (spec, timeZone, skip) => {
        const rule = `FREQ=${spec.freq};INTERVAL=${spec.interval}${spec.byday ? `;BYDAY=${spec.byday.map((d) => WEEKDAYS[d]).join(',')}` : ''}`;
        const dtstart = `2001-03-10T${String(spec.hour).padStart(2, '0')}:00:00`;
        const all = occurrences(rule, { dtstart, timeZone, count: skip + 5 });
        const tail = occurrences(rule, { dtstart, timeZone, after: all[skip - 1]!, count: 5 });
        expect(tail).toEqual(all.slice(skip, skip + 5));
      }),
      { numRuns: 150 },
    );
  });

  it('a far-back DTSTART gives the same next occurrences as expanding every one from the start', () => {
    fc.assert(
      fc.property(
        ruleArbitrary,
        fc.constantFrom(...zones),
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2000-12-31T00:00:00Z'), noInvalidDate: true }),
        (spec, timeZone, start) => {
          const parts = [`FREQ=${spec.freq}`, `INTERVAL=${spec.interval}`];
          if (spec.byday) parts.push(`BYDAY=${spec.byday.map((d) => WEEKDAYS[d]).join(',')}`);
          if (spec.bymonth) parts.push(`BYMONTH=${spec.bymonth.join(',')}`);
          const rule = parts.join(';');
          const dtstart = `${start.toISOString().slice(0, 10)}T${String(spec.hour).padStart(2, '0')}:00:00`;
          const after = '2026-11-23T08:00:00Z';
          // Without `after` nothing is skipped: every occurrence from DTSTART up to `before` is expanded.
          const everyOne = occurrences(rule, { dtstart, timeZone, before: '2028-06-01T00:00:00Z' }).filter(
            (text) => Date.parse(text) > Date.parse(after),
          );
          fc.pre(everyOne.length >= 3);
          expect(occurrences(rule, { dtstart, timeZone, after, count: 3 })).toEqual(everyOne.slice(0, 3));
        },
      ),
      { numRuns: 60 },
    );
  });
});

// Rules with every day-level part the policy accepts, in zones with DST gaps, overlaps and skipped days.
const richRule = fc
  .record(
    {
      freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
      interval: fc.integer({ min: 1, max: 3 }),
      bymonth: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }),
      bymonthday: fc.uniqueArray(
        fc.integer({ min: -31, max: 31 }).filter((n) => n !== 0),
        { minLength: 1, maxLength: 4 },
      ),
      byyearday: fc.uniqueArray(
        fc.integer({ min: -366, max: 366 }).filter((n) => n !== 0),
        { minLength: 1, maxLength: 4 },
      ),
      byweekno: fc.uniqueArray(
        fc.integer({ min: -53, max: 53 }).filter((n) => n !== 0),
        { minLength: 1, maxLength: 3 },
      ),
      byday: fc.uniqueArray(
        fc.record({
          weekday: fc.integer({ min: 0, max: 6 }),
          n: fc.option(
            fc.integer({ min: -5, max: 5 }).filter((n) => n !== 0),
            { nil: undefined },
          ),
        }),
        { minLength: 1, maxLength: 3, selector: (day) => `${day.n ?? ''}${day.weekday}` },
      ),
      bysetpos: fc.uniqueArray(
        fc.integer({ min: -4, max: 4 }).filter((n) => n !== 0),
        { minLength: 1, maxLength: 2 },
      ),
      wkst: fc.integer({ min: 0, max: 6 }),
    },
    { requiredKeys: ['freq', 'interval', 'wkst'] },
  )
  .map((spec) => {
    const yearly = spec.freq === 'YEARLY';
    const ordinals = spec.freq === 'MONTHLY' || (yearly && !spec.byweekno);
    const byday = spec.byday?.map((day) => `${ordinals && day.n !== undefined ? day.n : ''}${WEEKDAYS[day.weekday]}`);
    const parts = [
      `FREQ=${spec.freq}`,
      `INTERVAL=${spec.interval}`,
      `WKST=${WEEKDAYS[spec.wkst]}`,
      spec.bymonth && `BYMONTH=${spec.bymonth.join(',')}`,
      spec.bymonthday && spec.freq !== 'WEEKLY' && `BYMONTHDAY=${spec.bymonthday.join(',')}`,
      spec.byyearday && yearly && `BYYEARDAY=${spec.byyearday.join(',')}`,
      spec.byweekno && yearly && `BYWEEKNO=${spec.byweekno.join(',')}`,
      byday && `BYDAY=${[...new Set(byday)].join(',')}`,
    ].filter(Boolean);
    if (spec.bysetpos && parts.length > 3) parts.push(`BYSETPOS=${spec.bysetpos.join(',')}`);
    return parts.join(';');
  });
const gapZones = [
  'America/New_York',
  'Pacific/Apia',
  'Pacific/Kiritimati',
  'Australia/Lord_Howe',
  'America/Havana',
  'America/Sao_Paulo',
  'Europe/London',
];

describe('any accepted rule', () => {
  it('occurrences after any instant is the tail of the whole expansion from DTSTART', () => {
    fc.assert(
      fc.property(
        richRule,
        fc.constantFrom(...gapZones),
        fc.date({ min: new Date('1993-01-01T00:00:00Z'), max: new Date('2013-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 3 * 365 * 24 }),
        (rule, timeZone, start, hour, afterHours) => {
          const dtstart = `${start.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00`;
          const startMs = Date.parse(`${dtstart}Z`);
          const before = new Date(startMs + 4 * 366 * 86_400_000).toISOString();
          const after = startMs + afterHours * 3_600_000;
          const all = occurrences(rule, { dtstart, timeZone, before });
          const tail = all.filter((text) => Date.parse(text) > after).slice(0, 5);
          expect(occurrences(rule, { dtstart, timeZone, after, before, count: 5 })).toEqual(tail);
        },
      ),
      { numRuns: 150 },
    );
  });
});
