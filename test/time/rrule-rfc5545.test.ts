/**
 * Every example of RFC 5545 section 3.8.5.3, in America/New_York as the RFC assumes. Expected
 * occurrences are written as the RFC prints them: "EDT 1997 Sep 2-30; Oct 1-25 | EST 1997 Oct 26-31".
 * Where the RFC says "forever" or "...", the listed prefix is checked with `count`.
 */
import { describe, expect, it } from 'vitest';
import { occurrences } from '../../src/index.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const OFFSETS: Record<string, string> = { EDT: '-04:00', EST: '-05:00' };

/** "EDT 1997 Sep 2,4; Oct 1-3 | EST 1998 Jan 6" → zoned ISO strings at `time`. */
function rfc(text: string, time = '09:00'): string[] {
  const result: string[] = [];
  for (const group of text.split('|')) {
    const [zone, year, ...rest] = group.trim().split(/\s+/);
    for (const monthSpec of rest.join(' ').split(';')) {
      const [monthName, days] = monthSpec.trim().split(/\s+/);
      const month = String(MONTHS.indexOf(monthName!) + 1).padStart(2, '0');
      for (const part of days!.split(',')) {
        const [from, to = from] = part.split('-').map(Number);
        for (let day = from!; day <= to!; day++)
          result.push(`${year}-${month}-${String(day).padStart(2, '0')}T${time}:00${OFFSETS[zone!]}`);
      }
    }
  }
  return result;
}

/** Times on one day: "EDT 1997-09-02 09:00,12:00". */
function times(zone: string, date: string, list: string): string[] {
  return list.split(',').map((time) => `${date}T${time}:00${OFFSETS[zone]}`);
}

// The RFC gives the same occurrences for its daily and minutely forms of "every 20 minutes".
const EVERY_20_MINUTES = [
  ...times(
    'EDT',
    '1997-09-02',
    '09:00,09:20,09:40,10:00,10:20,10:40,11:00,11:20,11:40,12:00,12:20,12:40,13:00,13:20,13:40,14:00,14:20,14:40,15:00,15:20,15:40,16:00,16:20,16:40',
  ),
  ...times('EDT', '1997-09-03', '09:00,09:20'),
];

const NY = 'America/New_York';
type Row = [name: string, rule: string, dtstart: string, expected: string[], count?: number];

const rows: Row[] = [
  ['Daily for 10 occurrences', 'FREQ=DAILY;COUNT=10', '1997-09-02T09:00:00', rfc('EDT 1997 Sep 2-11')],
  [
    'Daily until December 24, 1997',
    'FREQ=DAILY;UNTIL=19971224T000000Z',
    '1997-09-02T09:00:00',
    rfc('EDT 1997 Sep 2-30; Oct 1-25 | EST 1997 Oct 26-31; Nov 1-30; Dec 1-23'),
  ],
  [
    'Every other day - forever',
    'FREQ=DAILY;INTERVAL=2',
    '1997-09-02T09:00:00',
    rfc(
      'EDT 1997 Sep 2,4,6,8,10,12,14,16,18,20,22,24,26,28,30; Oct 2,4,6,8,10,12,14,16,18,20,22,24 | EST 1997 Oct 26,28,30; Nov 1,3,5,7,9,11,13,15,17,19,21,23,25,27,29; Dec 1,3',
    ),
    47,
  ],
  ['Every 10 days, 5 occurrences', 'FREQ=DAILY;INTERVAL=10;COUNT=5', '1997-09-02T09:00:00', rfc('EDT 1997 Sep 2,12,22; Oct 2,12')],
  [
    'Every day in January, for 3 years (yearly form)',
    'FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA',
    '1998-01-01T09:00:00',
    rfc('EST 1998 Jan 1-31 | EST 1999 Jan 1-31 | EST 2000 Jan 1-31'),
  ],
  [
    'Every day in January, for 3 years (daily form)',
    'FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1',
    '1998-01-01T09:00:00',
    rfc('EST 1998 Jan 1-31 | EST 1999 Jan 1-31 | EST 2000 Jan 1-31'),
  ],
  [
    'Weekly for 10 occurrences',
    'FREQ=WEEKLY;COUNT=10',
    '1997-09-02T09:00:00',
    rfc('EDT 1997 Sep 2,9,16,23,30; Oct 7,14,21 | EST 1997 Oct 28; Nov 4'),
  ],
  [
    'Weekly until December 24, 1997',
    'FREQ=WEEKLY;UNTIL=19971224T000000Z',
    '1997-09-02T09:00:00',
    rfc('EDT 1997 Sep 2,9,16,23,30; Oct 7,14,21 | EST 1997 Oct 28; Nov 4,11,18,25; Dec 2,9,16,23'),
  ],
  [
    'Every other week - forever',
    'FREQ=WEEKLY;INTERVAL=2;WKST=SU',
    '1997-09-02T09:00:00',
    rfc('EDT 1997 Sep 2,16,30; Oct 14 | EST 1997 Oct 28; Nov 11,25; Dec 9,23 | EST 1998 Jan 6,20; Feb 3,17'),
    13,
  ],
  [
    'Weekly on Tuesday and Thursday for five weeks (UNTIL)',
    'FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH',
    '1997-09-02T09:00:00',
    rfc('EDT 1997 Sep 2,4,9,11,16,18,23,25,30; Oct 2'),
  ],
  [
    'Weekly on Tuesday and Thursday for five weeks (COUNT)',
    'FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH',
    '1997-09-02T09:00:00',
    rfc('EDT 1997 Sep 2,4,9,11,16,18,23,25,30; Oct 2'),
  ],
  [
    'Every other week on Monday, Wednesday, and Friday until December 24, 1997',
    'FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR',
    '1997-09-01T09:00:00',
    rfc('EDT 1997 Sep 1,3,5,15,17,19,29; Oct 1,3,13,15,17 | EST 1997 Oct 27,29,31; Nov 10,12,14,24,26,28; Dec 8,10,12,22'),
  ],
  [
    'Every other week on Tuesday and Thursday, for 8 occurrences',
    'FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH',
    '1997-09-02T09:00:00',
    rfc('EDT 1997 Sep 2,4,16,18,30; Oct 2,14,16'),
  ],
  [
    'Monthly on the first Friday for 10 occurrences',
    'FREQ=MONTHLY;COUNT=10;BYDAY=1FR',
    '1997-09-05T09:00:00',
    rfc('EDT 1997 Sep 5; Oct 3 | EST 1997 Nov 7; Dec 5 | EST 1998 Jan 2; Feb 6; Mar 6; Apr 3 | EDT 1998 May 1; Jun 5'),
  ],
  [
    'Monthly on the first Friday until December 24, 1997',
    'FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR',
    '1997-09-05T09:00:00',
    rfc('EDT 1997 Sep 5; Oct 3 | EST 1997 Nov 7; Dec 5'),
  ],
  [
    'Every other month on the first and last Sunday for 10 occurrences',
    'FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU',
    '1997-09-07T09:00:00',
    rfc('EDT 1997 Sep 7,28 | EST 1997 Nov 2,30 | EST 1998 Jan 4,25; Mar 1,29 | EDT 1998 May 3,31'),
  ],
  [
    'Monthly on the second-to-last Monday for 6 months',
    'FREQ=MONTHLY;COUNT=6;BYDAY=-2MO',
    '1997-09-22T09:00:00',
    rfc('EDT 1997 Sep 22; Oct 20 | EST 1997 Nov 17; Dec 22 | EST 1998 Jan 19; Feb 16'),
  ],
  [
    'Monthly on the third-to-the-last day, forever',
    'FREQ=MONTHLY;BYMONTHDAY=-3',
    '1997-09-28T09:00:00',
    rfc('EDT 1997 Sep 28 | EST 1997 Oct 29; Nov 28; Dec 29 | EST 1998 Jan 29; Feb 26'),
    6,
  ],
  [
    'Monthly on the 2nd and 15th for 10 occurrences',
    'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15',
    '1997-09-02T09:00:00',
    rfc('EDT 1997 Sep 2,15; Oct 2,15 | EST 1997 Nov 2,15; Dec 2,15 | EST 1998 Jan 2,15'),
  ],
  [
    'Monthly on the first and last day for 10 occurrences',
    'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1',
    '1997-09-30T09:00:00',
    rfc('EDT 1997 Sep 30; Oct 1 | EST 1997 Oct 31; Nov 1,30; Dec 1,31 | EST 1998 Jan 1,31; Feb 1'),
  ],
  [
    'Every 18 months on the 10th thru 15th for 10 occurrences',
    'FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15',
    '1997-09-10T09:00:00',
    rfc('EDT 1997 Sep 10-15 | EST 1999 Mar 10-13'),
  ],
  [
    'Every Tuesday, every other month',
    'FREQ=MONTHLY;INTERVAL=2;BYDAY=TU',
    '1997-09-02T09:00:00',
    rfc('EDT 1997 Sep 2,9,16,23,30 | EST 1997 Nov 4,11,18,25 | EST 1998 Jan 6,13,20,27; Mar 3,10,17,24,31'),
    18,
  ],
  [
    'Yearly in June and July for 10 occurrences',
    'FREQ=YEARLY;COUNT=10;BYMONTH=6,7',
    '1997-06-10T09:00:00',
    rfc('EDT 1997 Jun 10; Jul 10 | EDT 1998 Jun 10; Jul 10 | EDT 1999 Jun 10; Jul 10 | EDT 2000 Jun 10; Jul 10 | EDT 2001 Jun 10; Jul 10'),
  ],
  [
    'Every other year on January, February, and March for 10 occurrences',
    'FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3',
    '1997-03-10T09:00:00',
    rfc('EST 1997 Mar 10 | EST 1999 Jan 10; Feb 10; Mar 10 | EST 2001 Jan 10; Feb 10; Mar 10 | EST 2003 Jan 10; Feb 10; Mar 10'),
  ],
  [
    'Every third year on the 1st, 100th, and 200th day for 10 occurrences',
    'FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200',
    '1997-01-01T09:00:00',
    rfc(
      'EST 1997 Jan 1 | EDT 1997 Apr 10; Jul 19 | EST 2000 Jan 1 | EDT 2000 Apr 9; Jul 18 | EST 2003 Jan 1 | EDT 2003 Apr 10; Jul 19 | EST 2006 Jan 1',
    ),
  ],
  [
    'Every 20th Monday of the year, forever',
    'FREQ=YEARLY;BYDAY=20MO',
    '1997-05-19T09:00:00',
    rfc('EDT 1997 May 19 | EDT 1998 May 18 | EDT 1999 May 17'),
    3,
  ],
  [
    'Monday of week number 20, forever',
    'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
    '1997-05-12T09:00:00',
    rfc('EDT 1997 May 12 | EDT 1998 May 11 | EDT 1999 May 17'),
    3,
  ],
  [
    'Every Thursday in March, forever',
    'FREQ=YEARLY;BYMONTH=3;BYDAY=TH',
    '1997-03-13T09:00:00',
    rfc('EST 1997 Mar 13,20,27 | EST 1998 Mar 5,12,19,26 | EST 1999 Mar 4,11,18,25'),
    11,
  ],
  [
    'Every Thursday, but only during June, July, and August, forever',
    'FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8',
    '1997-06-05T09:00:00',
    rfc(
      'EDT 1997 Jun 5,12,19,26; Jul 3,10,17,24,31; Aug 7,14,21,28 | EDT 1998 Jun 4,11,18,25; Jul 2,9,16,23,30; Aug 6,13,20,27 | EDT 1999 Jun 3,10,17,24; Jul 1,8,15,22,29; Aug 5,12,19,26',
    ),
    39,
  ],
  // The RFC excludes DTSTART (not a Friday the 13th) with EXDATE; without it DTSTART is no occurrence either, as RRULE alone never yields a non-matching DTSTART here.
  [
    'Every Friday the 13th, forever',
    'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13',
    '1997-09-02T09:00:00',
    rfc('EST 1998 Feb 13; Mar 13; Nov 13 | EDT 1999 Aug 13 | EDT 2000 Oct 13'),
    5,
  ],
  [
    'The first Saturday that follows the first Sunday of the month, forever',
    'FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13',
    '1997-09-13T09:00:00',
    rfc('EDT 1997 Sep 13; Oct 11 | EST 1997 Nov 8; Dec 13 | EST 1998 Jan 10; Feb 7; Mar 7 | EDT 1998 Apr 11; May 9; Jun 13'),
    10,
  ],
  [
    'U.S. Presidential Election day, forever',
    'FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8',
    '1996-11-05T09:00:00',
    rfc('EST 1996 Nov 5 | EST 2000 Nov 7 | EST 2004 Nov 2'),
    3,
  ],
  [
    'The third instance of Tuesday, Wednesday or Thursday, for 3 months',
    'FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3',
    '1997-09-04T09:00:00',
    rfc('EDT 1997 Sep 4; Oct 7 | EST 1997 Nov 6'),
  ],
  [
    'The second-to-last weekday of the month',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2',
    '1997-09-29T09:00:00',
    rfc('EDT 1997 Sep 29 | EST 1997 Oct 30; Nov 27; Dec 30 | EST 1998 Jan 29; Feb 26; Mar 30'),
    7,
  ],
  // The RFC prints 09:00, 12:00, 15:00, but UNTIL=19970902T170000Z is 13:00 EDT and UNTIL is
  // inclusive, so 15:00 EDT (19:00Z) is past it: UNTIL read as an instant gives two occurrences.
  [
    'Every 3 hours from 9:00 AM to 5:00 PM on a specific day',
    'FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z',
    '1997-09-02T09:00:00',
    times('EDT', '1997-09-02', '09:00,12:00'),
  ],
  [
    'Every 15 minutes for 6 occurrences',
    'FREQ=MINUTELY;INTERVAL=15;COUNT=6',
    '1997-09-02T09:00:00',
    times('EDT', '1997-09-02', '09:00,09:15,09:30,09:45,10:00,10:15'),
  ],
  [
    'Every hour and a half for 4 occurrences',
    'FREQ=MINUTELY;INTERVAL=90;COUNT=4',
    '1997-09-02T09:00:00',
    times('EDT', '1997-09-02', '09:00,10:30,12:00,13:30'),
  ],
  [
    'Every 20 minutes from 9:00 AM to 4:40 PM every day (daily form)',
    'FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40',
    '1997-09-02T09:00:00',
    EVERY_20_MINUTES,
    26,
  ],
  [
    'Every 20 minutes from 9:00 AM to 4:40 PM every day (minutely form)',
    'FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16',
    '1997-09-02T09:00:00',
    EVERY_20_MINUTES,
    26,
  ],
  [
    'WKST=MO: the days generated differ',
    'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO',
    '1997-08-05T09:00:00',
    rfc('EDT 1997 Aug 5,10,19,24'),
  ],
  [
    'WKST=SU: the days generated differ',
    'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU',
    '1997-08-05T09:00:00',
    rfc('EDT 1997 Aug 5,17,19,31'),
  ],
  [
    'An invalid date (February 30) is ignored',
    'FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5',
    '2007-01-15T09:00:00',
    rfc('EST 2007 Jan 15,30; Feb 15 | EDT 2007 Mar 15,30'),
  ],
];

describe('RFC 5545 3.8.5.3 examples, America/New_York', () => {
  it.each(rows)('%s: %s', (_name, rule, dtstart, expected, count) => {
    expect(occurrences(rule, { dtstart, timeZone: NY, ...(count ? { count } : {}) })).toEqual(expected);
  });

  it('the election-day rule asked for occurrences after 2020 starts there, not in 1996', () => {
    expect(
      occurrences('FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8', {
        dtstart: '1996-11-05T09:00:00',
        timeZone: NY,
        after: '2020-01-01T00:00:00Z',
        count: 2,
      }),
    ).toEqual(['2020-11-03T09:00:00-05:00', '2024-11-05T09:00:00-05:00']);
  });
});
