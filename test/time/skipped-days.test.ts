/**
 * Dates a zone skipped. Kiritimati (Line Islands) went from −10:00 to +14:00 at the end of
 * 30 December 1994: 31 December 1994 never happened there. Samoa (Pacific/Apia) did the same on
 * 30 December 2011. An occurrence written for such a date moves forward with the gap (the spec's
 * "DST gaps shift forward") onto the next day, and it is the same occurrence whichever day a search
 * starts from, also when the move carries it into the next year.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileDateRule } from '../../src/time/occurrences.js';
import { formatDate, parseDate } from '../../src/time/dates.js';
import { zoneClock } from '../../src/time/zones.js';
import { occurrences } from '../../src/index.js';
import { evaluateOne, policyWith } from '../helpers.js';

const day = (text: string) => parseDate(text)!;
/** Calendar dates from `from` to `to` inclusive, by the platform's own UTC calendar. */
function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += 86_400_000)
    dates.push(new Date(ms).toISOString().slice(0, 10));
  return dates;
}

describe('a date the zone skipped', () => {
  it('Kiritimati: 31 December 1994 yearly lands on 1 January 1995, found from either side of New Year', () => {
    const rule = compileDateRule('FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31', day('1990-12-31'), zoneClock('Pacific/Kiritimati')!);
    for (const from of datesBetween('1994-12-20', '1995-01-01'))
      expect([from, formatDate(rule.firstOnOrAfter(day(from))!)]).toEqual([from, '1995-01-01']);
    expect(formatDate(rule.firstOnOrAfter(day('1995-01-02'))!)).toBe('1995-12-31');
    expect(formatDate(rule.firstAfter(day('1994-12-30'))!)).toBe('1995-01-01');
  });

  it('occurrences writes the moved date with the new offset', () => {
    expect(
      occurrences('FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31;COUNT=3', { dtstart: '1993-12-31T09:00:00', timeZone: 'Pacific/Kiritimati' }),
    ).toEqual(['1993-12-31T09:00:00-10:00', '1995-01-01T09:00:00+14:00', '1995-12-31T09:00:00+14:00']);
  });

  it('a contact created on 1 January 1995 in Kiritimati is due that day, not at the end of 1995', () => {
    const item = evaluateOne({
      policy: policyWith({ cadence: { rrule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31', anchor: '1990-12-31' }, shift: 'none' }),
      // 1994-12-31T10:00Z is 1995-01-01 00:00 in Kiritimati.
      contact: { timeZone: 'Pacific/Kiritimati', createdAt: '1994-12-31T10:00:00Z' },
      now: '1995-01-03T00:00:00Z',
    });
    expect(item).toMatchObject({ dueOn: '1995-01-01', status: 'overdue', daysOverdue: 2 });
  });
});

// Zones with a skipped date, and zones whose DST gap swallows midnight (the anchor's 00:00).
const zones = ['Pacific/Kiritimati', 'Pacific/Apia', 'Pacific/Kanton', 'America/Sao_Paulo', 'America/Havana', 'Asia/Beirut'];
const rules = [
  'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31',
  'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=30,31',
  'FREQ=MONTHLY;BYMONTHDAY=-1',
  'FREQ=MONTHLY;BYMONTHDAY=-2,-1',
  'FREQ=DAILY;INTERVAL=3',
  'FREQ=WEEKLY;BYDAY=FR,SA',
  'FREQ=MONTHLY;BYDAY=-1SA,FR',
  'FREQ=YEARLY;BYDAY=-1FR,-1SA',
  'FREQ=YEARLY;BYWEEKNO=1,-1',
  'FREQ=DAILY;UNTIL=19950105',
];

describe('the same occurrence whichever day the search starts on', () => {
  it('firstOnOrAfter(d) is the first date on or after d of the whole expansion from the anchor', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...rules),
        fc.constantFrom(...zones),
        fc.integer({ min: -900, max: 0 }),
        fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 1, maxLength: 6 }),
        (rrule, timeZone, anchorOffset, queryOffsets) => {
          // Around each zone's skipped New Year or its midnight gaps: years 1994–1995 and 2011–2012.
          const center = timeZone === 'Pacific/Apia' ? '2011-12-30' : timeZone.startsWith('Pacific') ? '1994-12-31' : '2011-10-16';
          const centerMs = Date.parse(`${center}T00:00:00Z`);
          const anchor = new Date(centerMs + anchorOffset * 86_400_000).toISOString().slice(0, 10);
          // The whole set from DTSTART (no jump ahead), as local dates.
          const all = occurrences(rrule, { dtstart: anchor, timeZone, before: new Date(centerMs + 500 * 86_400_000).toISOString() }).map(
            (text) => text.slice(0, 10),
          );
          const compiled = compileDateRule(rrule, day(anchor), zoneClock(timeZone)!);
          for (const offset of queryOffsets) {
            const from = new Date(centerMs + offset * 86_400_000).toISOString().slice(0, 10);
            const expected = all.find((date) => date >= from);
            const found = compiled.firstOnOrAfter(day(from));
            expect([from, found === undefined ? undefined : formatDate(found)]).toEqual([from, expected]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('occurrences after any instant is the tail of the expansion from DTSTART, across skipped dates', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...rules.filter((rule) => !rule.includes('UNTIL'))),
        fc.constantFrom(...zones),
        fc.integer({ min: -900, max: 0 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: -40 * 24, max: 40 * 24 }),
        (rrule, timeZone, anchorOffset, hour, afterHours) => {
          const center = timeZone === 'Pacific/Apia' ? '2011-12-30' : timeZone.startsWith('Pacific') ? '1994-12-31' : '2011-10-16';
          const centerMs = Date.parse(`${center}T00:00:00Z`);
          const dtstart = `${new Date(centerMs + anchorOffset * 86_400_000).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00`;
          const after = centerMs + afterHours * 3_600_000;
          const before = new Date(centerMs + 500 * 86_400_000).toISOString();
          const all = occurrences(rrule, { dtstart, timeZone, before });
          const tail = all.filter((text) => Date.parse(text) > after).slice(0, 4);
          expect(occurrences(rrule, { dtstart, timeZone, after, before, count: 4 })).toEqual(tail);
        },
      ),
      { numRuns: 200 },
    );
  });
});
