/**
 * A small, restricted RRULE family expanded straight from RFC 5545 section 3.3.10, for the oracle
 * only: FREQ DAILY, WEEKLY, MONTHLY or YEARLY; INTERVAL; BYDAY (plain weekdays, or ordinals in
 * MONTHLY and in YEARLY with BYMONTH); BYMONTHDAY (negative from the month's end); BYMONTH (YEARLY);
 * COUNT; UNTIL in UTC or as a date. WKST is Monday. The rules are generated as objects, never parsed, so nothing
 * outside the family can reach it. DTSTART is local midnight of the anchor date in the contact's
 * zone; the generator only makes anchors that are occurrences themselves (RFC 5545 leaves a
 * DTSTART off the rule undefined).
 *
 * Expansion, as the RFC describes it: periods of FREQ from the one holding DTSTART, every
 * INTERVAL-th; in each, the dates the BY parts give (a part absent takes DTSTART's value); dates
 * before DTSTART dropped, invalid dates (30 February) skipped; UNTIL and COUNT end the set.
 */
import { dayFromParts, monthLength, startOfLocalDay, weekdayOf, ymd } from './civil.js';

export type Freq = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export interface WeekdayPart {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** The nth of the month (negative from the end); absent for every such weekday. */
  nth?: number;
}

export interface OracleRule {
  freq: Freq;
  interval: number;
  byDay?: WeekdayPart[];
  byMonthDay?: number[];
  byMonth?: number[];
  count?: number;
  /** UNTIL as `YYYYMMDDTHHMMSSZ` (an instant) or `YYYYMMDD` (the last date, inclusive). */
  until?: string;
}

/** The rule as RFC 5545 text. */
export function ruleText(rule: OracleRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byMonth) parts.push(`BYMONTH=${rule.byMonth.join(',')}`);
  if (rule.byMonthDay) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byDay) parts.push(`BYDAY=${rule.byDay.map((part) => `${part.nth ?? ''}${WEEKDAYS[part.weekday - 1]}`).join(',')}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  if (rule.until !== undefined) parts.push(`UNTIL=${rule.until}`);
  return parts.join(';');
}

/** UNTIL as an instant (ms), or as a day number for the date form. */
function untilMs(until: string): number {
  if (until.length === 8) return dayFromParts(Number(until.slice(0, 4)), Number(until.slice(4, 6)), Number(until.slice(6, 8)));
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(until)!;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** Days of one month that the BYDAY parts select (ordinals counted within the month). */
function weekdaysInMonth(year: number, month: number, parts: readonly WeekdayPart[]): number[] {
  const first = dayFromParts(year, month, 1);
  const length = monthLength(year, month);
  const days: number[] = [];
  for (const part of parts) {
    const matching: number[] = [];
    for (let date = 0; date < length; date++) if (weekdayOf(first + date) === part.weekday) matching.push(first + date);
    if (part.nth === undefined) days.push(...matching);
    else {
      const pick = part.nth > 0 ? matching[part.nth - 1] : matching[matching.length + part.nth];
      if (pick !== undefined) days.push(pick);
    }
  }
  return days;
}

/** Days of one month that the BYMONTHDAY parts select (invalid ones skipped). */
function monthDays(year: number, month: number, parts: readonly number[]): number[] {
  const length = monthLength(year, month);
  const days: number[] = [];
  for (const part of parts) {
    const date = part > 0 ? part : length + 1 + part;
    if (date >= 1 && date <= length) days.push(dayFromParts(year, month, date));
  }
  return days;
}

/** The candidate dates of one month under BYMONTHDAY and BYDAY (both: the dates both give). */
function inMonth(rule: OracleRule, year: number, month: number, startDate: number): number[] {
  if (rule.byMonthDay && rule.byDay) {
    const byDay = new Set(weekdaysInMonth(year, month, rule.byDay));
    return monthDays(year, month, rule.byMonthDay).filter((day) => byDay.has(day));
  }
  if (rule.byMonthDay) return monthDays(year, month, rule.byMonthDay);
  if (rule.byDay) return weekdaysInMonth(year, month, rule.byDay);
  return startDate <= monthLength(year, month) ? [dayFromParts(year, month, startDate)] : [];
}

/** Index of the FREQ period holding a day (consecutive periods, consecutive indexes). */
export function periodIndex(freq: Freq, day: number): number {
  if (freq === 'DAILY') return day;
  if (freq === 'WEEKLY') return Math.floor((day - (weekdayOf(day) - 1) - dayFromParts(1970, 1, 5)) / 7);
  const [year, month] = ymd(day);
  return freq === 'MONTHLY' ? year * 12 + month - 1 : year;
}

/** The candidate dates of the period with this index, sorted, before COUNT, UNTIL and DTSTART. */
export function candidates(rule: OracleRule, index: number, start: number): number[] {
  const [, startMonth, startDate] = ymd(start);
  let days: number[];
  if (rule.freq === 'DAILY') {
    const day = index;
    const [year, month] = ymd(day);
    const ok =
      (!rule.byMonth || rule.byMonth.includes(month)) &&
      (!rule.byMonthDay || monthDays(year, month, rule.byMonthDay).includes(day)) &&
      (!rule.byDay || rule.byDay.some((part) => part.weekday === weekdayOf(day)));
    days = ok ? [day] : [];
  } else if (rule.freq === 'WEEKLY') {
    const monday = dayFromParts(1970, 1, 5) + index * 7;
    const weekdays = rule.byDay ? rule.byDay.map((part) => part.weekday) : [weekdayOf(start)];
    days = weekdays.map((weekday) => monday + weekday - 1).filter((day) => !rule.byMonth || rule.byMonth.includes(ymd(day)[1]));
  } else if (rule.freq === 'MONTHLY') {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    days = !rule.byMonth || rule.byMonth.includes(month) ? inMonth(rule, year, month, startDate) : [];
  } else {
    const year = index;
    const months = rule.byMonth ?? [startMonth];
    days = months.flatMap((month) =>
      rule.byMonthDay || rule.byDay
        ? inMonth(rule, year, month, startDate)
        : startDate <= monthLength(year, month)
          ? [dayFromParts(year, month, startDate)]
          : [],
    );
  }
  return [...new Set(days)].sort((a, b) => a - b);
}

/** True when the day is one of the dates its own period gives with itself as DTSTART. */
export function isOccurrenceOfItself(rule: OracleRule, day: number): boolean {
  return candidates(rule, periodIndex(rule.freq, day), day).includes(day);
}

/** The first day on or after `day` that is an occurrence of the rule started on itself (a DTSTART in step with the rule). */
export function inStep(rule: OracleRule, day: number): number {
  for (let candidate = day; candidate < day + 366 * 9; candidate++) if (isOccurrenceOfItself(rule, candidate)) return candidate;
  throw new Error(`oracle: ${ruleText(rule)} has no date within nine years of ${day}`);
}

/** Every occurrence of the rule from `start` (an occurrence itself) in the zone, ascending, lazily; at most 400 years of periods. */
export function* occurrences(rule: OracleRule, start: number, zone: string): Generator<number> {
  const first = periodIndex(rule.freq, start);
  const limit = rule.freq === 'DAILY' ? 146_100 : rule.freq === 'WEEKLY' ? 20_872 : rule.freq === 'MONTHLY' ? 4800 : 400;
  const until = rule.until !== undefined ? untilMs(rule.until) : undefined;
  let count = 0;
  for (let period = first; period - first < limit; period += rule.interval) {
    for (const day of candidates(rule, period, start)) {
      if (day < start) continue;
      if (until !== undefined && (rule.until!.length === 8 ? day > until : startOfLocalDay(day, zone) > until)) return;
      yield day;
      count++;
      if (rule.count !== undefined && count >= rule.count) return;
    }
  }
}

/** The first occurrence on or after `day`, if any. */
export function firstOnOrAfter(rule: OracleRule, start: number, zone: string, day: number): number | undefined {
  for (const occurrence of occurrences(rule, start, zone)) if (occurrence >= day) return occurrence;
  return undefined;
}
