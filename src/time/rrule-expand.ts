/**
 * The RFC 5545 (3.3.10) expansion of a recurrence rule over floating wall times.
 *
 * Wall times are milliseconds read as UTC, so the process zone never matters; `occurrences.ts`
 * turns them into instants in a real zone. The rule is walked period by period (a year, a month,
 * a week starting on WKST, a day, an hour, a minute, a second, every INTERVAL-th one counted from
 * DTSTART). Each period's candidates follow the RFC's table of BYxxx parts: parts finer than the
 * period expand it, parts as coarse or coarser limit it, BYSETPOS picks from the period's sorted
 * set. BYDAY is the union of its entries, so `1MO,FR` is the first Monday and every Friday (a
 * reading python-dateutil and rrule.js get wrong: they intersect ordinal and plain days).
 *
 * Built for two uses: a walk from DTSTART (COUNT counts from there), and a walk that starts at
 * the period holding some later wall time, which costs the same however far back DTSTART lies.
 */
import { civilFromDays, daysFromCivil, daysInMonth, type EpochDay, isLeapYear, MS_PER_DAY } from './dates.js';

export type Frequency = 'YEARLY' | 'MONTHLY' | 'WEEKLY' | 'DAILY' | 'HOURLY' | 'MINUTELY' | 'SECONDLY';

/** A BYDAY entry: a weekday (0 = Monday … 6 = Sunday), with an ordinal (`1MO`, `-1FR`) or without (`MO`). */
export interface ByDay {
  readonly weekday: number;
  readonly n: number | undefined;
}

/** The parts of a validated rule the expansion reads. */
export interface RuleParts {
  readonly freq: Frequency;
  readonly interval: number;
  /** Week start, 0 = Monday … 6 = Sunday. */
  readonly wkst: number;
  readonly bymonth: readonly number[] | undefined;
  readonly byweekno: readonly number[] | undefined;
  readonly byyearday: readonly number[] | undefined;
  readonly bymonthday: readonly number[] | undefined;
  readonly byday: readonly ByDay[] | undefined;
  readonly byhour: readonly number[] | undefined;
  readonly byminute: readonly number[] | undefined;
  readonly bysecond: readonly number[] | undefined;
  readonly bysetpos: readonly number[] | undefined;
}

/** How a walk goes: where it starts, when it must stop. */
export interface WalkOptions {
  /** Start at the period holding this wall time (or one before it) instead of at DTSTART. Only for a rule counted from nowhere (no COUNT). */
  readonly from?: number;
  /** At most this many periods; `true` is returned when the walk stopped here. */
  readonly periods: number;
  /** No wall time after this one is visited (inclusive bound). */
  readonly last: number;
}

const MS_PER_HOUR = 3_600_000;
const MS_PER_MINUTE = 60_000;
const SUB_DAILY_UNIT: Partial<Record<Frequency, number>> = { HOURLY: MS_PER_HOUR, MINUTELY: MS_PER_MINUTE, SECONDLY: 1000 };

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
const weekdayOf = (day: EpochDay): number => (((day + 3) % 7) + 7) % 7;
const floorDiv = (a: number, b: number): number => Math.floor(a / b);

/** The first day of week 1 of `year` for a week starting on `wkst`: the first week with 4 or more days in the year. */
function weekOneStart(year: number, wkst: number): EpochDay {
  const jan1 = daysFromCivil(year, 1, 1);
  const into = (weekdayOf(jan1) - wkst + 7) % 7;
  return into <= 3 ? jan1 - into : jan1 - into + 7;
}

/**
 * Whether a day's week number (RFC 5545 BYWEEKNO, weeks starting on WKST, week 1 the first with
 * four days in its year) is listed. A day belongs to one numbered week of one year, which may be
 * the calendar year before or after its own (29 December can be in week 1).
 */
function weekNumberListed(day: EpochDay, year: number, wkst: number, byweekno: readonly number[]): boolean {
  let weekYear = year;
  let start = weekOneStart(year, wkst);
  if (day < start) {
    weekYear = year - 1;
    start = weekOneStart(weekYear, wkst);
  } else {
    const next = weekOneStart(year + 1, wkst);
    if (day >= next) {
      weekYear = year + 1;
      start = next;
    }
  }
  const week = floorDiv(day - start, 7) + 1;
  const weeks = (weekOneStart(weekYear + 1, wkst) - start) / 7;
  return byweekno.some((n) => (n > 0 ? n === week : weeks + 1 + n === week));
}

/** Whether `day` is the n-th `weekday` of the span [first, last] (n < 0 counts from its end). */
function isNthWeekday(day: EpochDay, weekday: number, n: number, first: EpochDay, last: EpochDay): boolean {
  const target =
    n > 0 ? first + ((weekday - weekdayOf(first) + 7) % 7) + (n - 1) * 7 : last - ((weekdayOf(last) - weekday + 7) % 7) + (n + 1) * 7;
  return day === target && target >= first && target <= last;
}

/** A rule with the BYxxx parts RFC 5545 takes from DTSTART filled in, ready to walk. */
interface Plan {
  readonly parts: RuleParts;
  readonly bymonth: readonly number[] | undefined;
  readonly bymonthday: readonly number[] | undefined;
  readonly byday: readonly ByDay[] | undefined;
  /** Plain weekdays of BYDAY, as a mask (bit 0 = Monday); ordinal entries are checked one by one. */
  readonly plainDays: number;
  readonly ordinalDays: readonly ByDay[];
  /** Milliseconds into a day of each candidate time, sorted (day-level frequencies only). */
  readonly times: readonly number[];
  readonly hours: readonly number[];
  readonly minutes: readonly number[];
  readonly seconds: readonly number[];
  readonly millisecond: number;
}

function plan(parts: RuleParts, dtstart: number): Plan {
  const day = floorDiv(dtstart, MS_PER_DAY);
  const [, month, dayOfMonth] = civilFromDays(day);
  const timeOfDay = dtstart - day * MS_PER_DAY;
  const millisecond = timeOfDay % 1000;
  const hour = floorDiv(timeOfDay, MS_PER_HOUR);
  const minute = floorDiv(timeOfDay % MS_PER_HOUR, MS_PER_MINUTE);
  const second = floorDiv(timeOfDay % MS_PER_MINUTE, 1000);
  let { bymonth, bymonthday, byday } = parts;
  // RFC 5545 3.3.10: what the rule leaves out at the level of days is taken from DTSTART.
  if (!parts.byweekno && !parts.byyearday && !bymonthday && !byday) {
    if (parts.freq === 'YEARLY') {
      bymonth ??= [month];
      bymonthday = [dayOfMonth];
    } else if (parts.freq === 'MONTHLY') {
      bymonthday = [dayOfMonth];
    } else if (parts.freq === 'WEEKLY') {
      byday = [{ weekday: weekdayOf(day), n: undefined }];
    }
  }
  const rank = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY'].indexOf(parts.freq);
  const sorted = (list: readonly number[]) => [...new Set(list)].sort((a, b) => a - b);
  // Finer than the period: listed values or DTSTART's. As fine or coarser: a limit (all values pass).
  const hours = parts.byhour ? sorted(parts.byhour) : rank < 4 ? [hour] : [];
  const minutes = parts.byminute ? sorted(parts.byminute) : rank < 5 ? [minute] : [];
  const seconds = parts.bysecond ? sorted(parts.bysecond) : rank < 6 ? [second] : [];
  const times: number[] = [];
  if (rank <= 3) {
    for (const h of hours)
      for (const m of minutes) for (const s of seconds) times.push(h * MS_PER_HOUR + m * MS_PER_MINUTE + s * 1000 + millisecond);
    times.sort((a, b) => a - b);
  }
  let plainDays = 0;
  const ordinalDays: ByDay[] = [];
  for (const entry of byday ?? []) {
    if (entry.n === undefined) plainDays |= 1 << entry.weekday;
    else ordinalDays.push(entry);
  }
  return { parts, bymonth, bymonthday, byday, plainDays, ordinalDays, times, hours, minutes, seconds, millisecond };
}

/**
 * Whether a day passes the day-level parts. `span` is where an ordinal BYDAY counts: the month
 * (MONTHLY, or YEARLY with BYMONTH) or the year (YEARLY).
 */
function dayMatches(
  p: Plan,
  day: EpochDay,
  year: number,
  month: number,
  dayOfMonth: number,
  spanFirst: EpochDay,
  spanLast: EpochDay,
): boolean {
  const { parts } = p;
  if (p.bymonth && !p.bymonth.includes(month)) return false;
  if (p.bymonthday) {
    const length = daysInMonth(year, month);
    if (!p.bymonthday.some((n) => (n > 0 ? n === dayOfMonth : length + 1 + n === dayOfMonth))) return false;
  }
  if (parts.byyearday) {
    const ordinal = day - daysFromCivil(year, 1, 1) + 1;
    const length = isLeapYear(year) ? 366 : 365;
    if (!parts.byyearday.some((n) => (n > 0 ? n === ordinal : length + 1 + n === ordinal))) return false;
  }
  if (parts.byweekno && !weekNumberListed(day, year, parts.wkst, parts.byweekno)) return false;
  if (p.byday) {
    const weekday = weekdayOf(day);
    if (
      !(p.plainDays & (1 << weekday)) &&
      !p.ordinalDays.some((d) => d.weekday === weekday && isNthWeekday(day, weekday, d.n!, spanFirst, spanLast))
    )
      return false;
  }
  return true;
}

/** The days of one day-level period that pass, sorted. */
function periodDays(p: Plan, index: number): EpochDay[] {
  const { freq } = p.parts;
  const days: EpochDay[] = [];
  const monthDays = (year: number, month: number, spanFirst: EpochDay, spanLast: EpochDay) => {
    const first = daysFromCivil(year, month, 1);
    const length = daysInMonth(year, month);
    if (p.bymonthday && !p.byday && !p.parts.byyearday && !p.parts.byweekno) {
      // Only BYMONTHDAY: its days, not the whole month (the common monthly cadence).
      const picked = new Set<number>();
      for (const n of p.bymonthday) {
        const dayOfMonth = n > 0 ? n : length + 1 + n;
        if (dayOfMonth >= 1 && dayOfMonth <= length) picked.add(dayOfMonth);
      }
      for (const dayOfMonth of [...picked].sort((a, b) => a - b)) days.push(first + dayOfMonth - 1);
      return;
    }
    for (let dayOfMonth = 1; dayOfMonth <= length; dayOfMonth++) {
      const day = first + dayOfMonth - 1;
      if (dayMatches(p, day, year, month, dayOfMonth, spanFirst, spanLast)) days.push(day);
    }
  };
  if (freq === 'YEARLY') {
    const year = index;
    const yearFirst = daysFromCivil(year, 1, 1);
    const yearLast = daysFromCivil(year, 12, 31);
    for (let month = 1; month <= 12; month++) {
      if (p.bymonth && !p.bymonth.includes(month)) continue;
      // An ordinal BYDAY counts within the month when BYMONTH is given, else within the year.
      const inMonth = p.bymonth !== undefined;
      monthDays(
        year,
        month,
        inMonth ? daysFromCivil(year, month, 1) : yearFirst,
        inMonth ? daysFromCivil(year, month, daysInMonth(year, month)) : yearLast,
      );
    }
  } else if (freq === 'MONTHLY') {
    const year = floorDiv(index, 12);
    const month = index - year * 12 + 1;
    if (!p.bymonth || p.bymonth.includes(month))
      monthDays(year, month, daysFromCivil(year, month, 1), daysFromCivil(year, month, daysInMonth(year, month)));
  } else {
    const first = index;
    const count = freq === 'WEEKLY' ? 7 : 1;
    for (let day = first; day < first + count; day++) {
      const [year, month, dayOfMonth] = civilFromDays(day);
      if (dayMatches(p, day, year, month, dayOfMonth, day, day)) days.push(day);
    }
  }
  return days;
}

/** BYSETPOS: the listed positions of a period's sorted set (negative from its end), in order, once each. */
function pickPositions(set: readonly number[], positions: readonly number[]): number[] {
  const picked = new Set<number>();
  for (const n of positions) {
    const at = n > 0 ? n - 1 : set.length + n;
    if (at >= 0 && at < set.length) picked.add(set[at]!);
  }
  return [...picked].sort((a, b) => a - b);
}

/**
 * Walks the rule's wall times from DTSTART (or from the period holding `options.from`) in order,
 * calling `visit` with each until it returns false. Wall times before DTSTART are not part of the
 * set (a DTSTART that the rule does not match is not an occurrence either, as in dateutil and
 * rrule.js). Returns whether the walk stopped at the period limit, and how many periods it took.
 */
export function walkRule(
  parts: RuleParts,
  dtstart: number,
  visit: (wall: number) => boolean,
  options: WalkOptions,
): { limited: boolean; periods: number } {
  const p = plan(parts, dtstart);
  const { freq, interval } = parts;
  const startDay = floorDiv(dtstart, MS_PER_DAY);
  const unit = SUB_DAILY_UNIT[freq];
  const from = options.from !== undefined && options.from > dtstart ? options.from : undefined;
  let periods = 0;

  if (unit === undefined) {
    // Period index of DTSTART and of `from`, in years, months (year·12 + month − 1) or days.
    const [startYear, startMonth] = civilFromDays(startDay);
    const weekStart = (day: EpochDay) => day - ((weekdayOf(day) - parts.wkst + 7) % 7);
    const indexOf = (day: EpochDay): number => {
      if (freq === 'YEARLY') return civilFromDays(day)[0];
      if (freq === 'MONTHLY') {
        const [year, month] = civilFromDays(day);
        return year * 12 + month - 1;
      }
      return freq === 'WEEKLY' ? weekStart(day) : day;
    };
    const origin = freq === 'YEARLY' ? startYear : freq === 'MONTHLY' ? startYear * 12 + startMonth - 1 : indexOf(startDay);
    const step = (freq === 'WEEKLY' ? 7 : 1) * interval;
    let k = from !== undefined ? Math.max(0, floorDiv(indexOf(floorDiv(from, MS_PER_DAY)) - origin, step) - 1) : 0;
    for (; ; k++) {
      if (periods >= options.periods) return { limited: true, periods };
      periods++;
      const index = origin + k * step;
      const firstDay =
        freq === 'YEARLY'
          ? daysFromCivil(index, 1, 1)
          : freq === 'MONTHLY'
            ? daysFromCivil(floorDiv(index, 12), (index % 12) + 1, 1)
            : index;
      if (firstDay * MS_PER_DAY > options.last) return { limited: false, periods };
      const days = periodDays(p, index);
      if (days.length === 0) continue;
      let set: number[] = [];
      for (const day of days) for (const time of p.times) set.push(day * MS_PER_DAY + time);
      if (p.parts.bysecond?.includes(60)) set.sort((a, b) => a - b);
      if (parts.bysetpos) set = pickPositions(set, parts.bysetpos);
      for (const wall of set) {
        if (wall < dtstart) continue;
        if (wall > options.last) return { limited: false, periods };
        if (!visit(wall)) return { limited: false, periods };
      }
    }
  }

  // Sub-daily: each period is one hour, minute or second from DTSTART's; parts as coarse as the
  // period limit it, finer ones (BYMINUTE in an hour, BYSECOND in a minute) expand it.
  const span = unit * interval;
  const firstPeriod =
    freq === 'HOURLY'
      ? floorDiv(dtstart, MS_PER_HOUR) * MS_PER_HOUR
      : freq === 'MINUTELY'
        ? floorDiv(dtstart, MS_PER_MINUTE) * MS_PER_MINUTE
        : floorDiv(dtstart, 1000) * 1000;
  // The first period starting at or after a wall time: where a walk goes when a whole day, hour
  // or minute cannot match.
  const periodAtOrAfter = (wall: number) => Math.max(0, Math.ceil((wall - firstPeriod) / span));
  let k = from !== undefined ? Math.max(0, floorDiv(from - firstPeriod, span) - 1) : 0;
  let dayCache = Number.NaN;
  let dayPasses = false;
  for (;;) {
    if (periods >= options.periods) return { limited: true, periods };
    periods++;
    const start = firstPeriod + k * span;
    if (start > options.last) return { limited: false, periods };
    const day = floorDiv(start, MS_PER_DAY);
    if (day !== dayCache) {
      const [year, month, dayOfMonth] = civilFromDays(day);
      dayCache = day;
      dayPasses = dayMatches(p, day, year, month, dayOfMonth, day, day);
    }
    if (!dayPasses) {
      k = periodAtOrAfter((day + 1) * MS_PER_DAY);
      continue;
    }
    const hour = floorDiv(start - day * MS_PER_DAY, MS_PER_HOUR);
    if (parts.byhour && !parts.byhour.includes(hour)) {
      k = Math.max(k + 1, periodAtOrAfter(day * MS_PER_DAY + (hour + 1) * MS_PER_HOUR));
      continue;
    }
    const minute = floorDiv(start % MS_PER_HOUR, MS_PER_MINUTE);
    if (freq !== 'HOURLY' && parts.byminute && !parts.byminute.includes(minute)) {
      k = Math.max(k + 1, periodAtOrAfter(start - (start % MS_PER_MINUTE) + MS_PER_MINUTE));
      continue;
    }
    const second = floorDiv(start % MS_PER_MINUTE, 1000);
    if (freq === 'SECONDLY' && parts.bysecond && !parts.bysecond.includes(second)) {
      k++;
      continue;
    }
    let set: number[] = [];
    const hourStart = day * MS_PER_DAY + hour * MS_PER_HOUR;
    if (freq === 'HOURLY') {
      for (const m of p.minutes) for (const s of p.seconds) set.push(hourStart + m * MS_PER_MINUTE + s * 1000 + p.millisecond);
    } else if (freq === 'MINUTELY') {
      for (const s of p.seconds) set.push(hourStart + minute * MS_PER_MINUTE + s * 1000 + p.millisecond);
    } else {
      set.push(start + p.millisecond);
    }
    if (parts.bysetpos) set = pickPositions(set, parts.bysetpos);
    for (const wall of set) {
      if (wall < dtstart) continue;
      if (wall > options.last) return { limited: false, periods };
      if (!visit(wall)) return { limited: false, periods };
    }
    k++;
  }
}
