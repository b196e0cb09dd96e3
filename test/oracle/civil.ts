/**
 * Civil dates for the oracle, written from scratch (no code shared with src/): a date is its
 * `YYYY-MM-DD` text or a day number counted from 1970-01-01; zones go through luxon only.
 */
import { DateTime } from 'luxon';

const MS_PER_DAY = 86_400_000;

/** Day number of a `YYYY-MM-DD` date. */
export function dayOf(text: string): number {
  const [y, m, d] = text.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / MS_PER_DAY;
}

/** `YYYY-MM-DD` of a day number. */
export function textOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function ymd(day: number): [number, number, number] {
  const date = new Date(day * MS_PER_DAY);
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

export function dayFromParts(year: number, month: number, date: number): number {
  return Date.UTC(year, month - 1, date) / MS_PER_DAY;
}

export function monthLength(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: number): number {
  const sundayIsZero = new Date(day * MS_PER_DAY).getUTCDay();
  return sundayIsZero === 0 ? 7 : sundayIsZero;
}

/** The local date of an instant in a zone. */
export function localDay(ms: number, zone: string): number {
  return dayOf(DateTime.fromMillis(ms, { zone }).toISODate()!);
}

/** The instant a local date starts (midnight; a midnight the zone skipped moves forward). */
export function startOfLocalDay(day: number, zone: string): number {
  const [year, month, date] = ymd(day);
  return DateTime.fromObject({ year, month, day: date }, { zone }).toMillis();
}

/** A date or an instant given as text, as a local date in the zone. */
export function dateOrInstantDay(value: string, zone: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayOf(value) : localDay(Date.parse(value), zone);
}

/** Adds an ISO duration (`P1Y2M3W4D`): years and months first, the day clamped to the month's end, then weeks and days. */
export function addDuration(day: number, duration: string): number {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(duration);
  if (!match) throw new Error(`oracle: unsupported duration ${duration}`);
  const [, years = '0', months = '0', weeks = '0', days = '0'] = match;
  const [y, m, d] = ymd(day);
  const monthIndex = y * 12 + (m - 1) + Number(years) * 12 + Number(months);
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return dayFromParts(year, month, Math.min(d, monthLength(year, month))) + Number(weeks) * 7 + Number(days);
}
