/**
 * Local dates and times as a test writes them (`2026-01-05 10:00`, in the contact's zone), and the
 * moment a test evaluates at (`asOf('2026-01-19')`: that day in each contact's own zone).
 */
import { formatDate, MS_PER_DAY, parseDate } from '../time/dates.js';
import { parseInstant } from '../time/instant.js';
import { wallToInstant } from '../time/occurrences.js';
import { zoneClock } from '../time/zones.js';
import type { InstantInput } from '../core/types.js';

/**
 * A date or time as a test writes it: a local `YYYY-MM-DD`, `YYYY-MM-DD HH:mm` or
 * `YYYY-MM-DDTHH:mm[:ss]` (read in the record's zone), or an instant (ISO with an offset or `Z`,
 * epoch milliseconds, a `Date`), passed on unchanged.
 */
export type LocalOrInstant = string | number | Date;

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** A local date alone stands for local noon: the middle of the day, far from any DST change. */
const NOON_MS = 12 * 3_600_000;

/**
 * The wall-clock time written in `text`, as milliseconds read as if in UTC ("floating"), or
 * undefined when the text is not a local date or date-time (an instant with an offset, say).
 *
 * @example
 * localWall('2026-01-05 10:00'); // Date.UTC(2026, 0, 5, 10, 0)
 * localWall('2026-01-05T10:00:00Z'); // undefined: an instant, not a local time
 */
export function localWall(text: string, dateAloneAt: number = NOON_MS): number | undefined {
  const match = LOCAL_TIME.exec(text);
  if (!match) return undefined;
  const day = parseDate(match[1]!);
  if (day === undefined) return undefined;
  if (match[2] === undefined) return day * MS_PER_DAY + dateAloneAt;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  const seconds = match[4] === undefined ? 0 : Number(match[4]);
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return day * MS_PER_DAY + hours * 3_600_000 + minutes * 60_000 + seconds * 1000;
}

/**
 * The instant of a wall-clock time in an IANA zone, the way the engine reads recurrences: a time
 * in a DST gap moves forward by the gap, one in an overlap is its first instant.
 *
 * @example
 * instantOfWall(Date.UTC(2026, 0, 5, 10), 'Europe/Berlin'); // '2026-01-05T09:00:00.000Z'
 */
export function instantOfWall(wall: number, timeZone: string): string {
  const clock = zoneClock(timeZone);
  if (!clock) throw new Error(`"${timeZone}" is not a known IANA time zone`);
  return new Date(wallToInstant(wall, clock)).toISOString();
}

/**
 * A local date or time in `timeZone` as an ISO instant; instants pass through unchanged. `what`
 * names the record and field in the error a bad value gets.
 *
 * @example
 * toInstant('2026-01-05 10:00', 'Europe/Berlin', 'touch 0 at'); // '2026-01-05T09:00:00.000Z'
 * toInstant('2026-01-05T09:00:00Z', 'Europe/Berlin', 'touch 0 at'); // '2026-01-05T09:00:00Z'
 */
export function toInstant(value: LocalOrInstant, timeZone: string, what: string): InstantInput {
  if (typeof value !== 'string') return value;
  const wall = localWall(value);
  if (wall === undefined) {
    if (LOCAL_TIME.test(value)) throw new Error(`${what}: "${value}" is not a real local date and time`);
    return value; // an instant: the engine validates it and reports a bad one as a record error
  }
  if (!zoneClock(timeZone)) throw new Error(`${what}: "${value}" is a local time, but "${timeZone}" is not a known IANA time zone`);
  return instantOfWall(wall, timeZone);
}

/**
 * When a test evaluates: a local wall-clock moment, read in each contact's own zone (`local`), or
 * one instant for the whole book (`instant`).
 */
export type Moment =
  | { readonly kind: 'local'; readonly wall: number; readonly label: string }
  | { readonly kind: 'instant'; readonly ms: number; readonly label: string };

/** The last millisecond of a day: a date means "by the end of that day", so all its touches count. */
const END_OF_DAY_MS = MS_PER_DAY - 1;

/**
 * The moment to evaluate at. A local date (`'2026-01-19'`) means the end of that day in each
 * contact's own zone, so every contact's "today" is that date and every touch made that day
 * counts; a local date-time (`'2026-01-19 09:00'`) means that wall-clock time in each contact's
 * zone; an instant (`'2026-01-19T08:00:00Z'`, epoch ms, a `Date`) is one moment for everyone, so
 * contacts in far-apart zones may be on different dates.
 *
 * @example
 * asOf('2026-01-19'); // { kind: 'local', label: '2026-01-19', … }
 * asOf('2026-01-19T08:00:00Z'); // { kind: 'instant', label: '2026-01-19T08:00:00.000Z', … }
 */
export function asOf(when: string | number | Date | Moment): Moment {
  if (typeof when === 'object' && !(when instanceof Date)) return when;
  if (typeof when === 'string') {
    const wall = localWall(when, END_OF_DAY_MS);
    if (wall !== undefined) return { kind: 'local', wall, label: when };
  }
  const ms = parseInstant(when);
  if (ms === undefined) {
    throw new Error(
      `asOf: ${JSON.stringify(when)} is neither a local date ('2026-01-19'), a local date-time ('2026-01-19 09:00') nor an instant`,
    );
  }
  return { kind: 'instant', ms, label: new Date(ms).toISOString() };
}

/**
 * The date of a moment in a zone: the written date for a local moment, the zone's date of the
 * instant otherwise.
 *
 * @example
 * dateOf(asOf('2026-01-19'), 'Asia/Tokyo'); // '2026-01-19'
 * dateOf(asOf('2026-01-19T20:00:00Z'), 'Asia/Tokyo'); // '2026-01-20'
 */
export function dateOf(moment: Moment, timeZone: string): string {
  if (moment.kind === 'local') return formatDate(Math.floor(moment.wall / MS_PER_DAY));
  const clock = zoneClock(timeZone) ?? zoneClock('UTC')!;
  return formatDate(clock.localDay(moment.ms));
}

/**
 * The instant of a moment in a zone.
 *
 * @example
 * instantOf(asOf('2026-01-19 09:00'), 'Europe/Berlin'); // '2026-01-19T08:00:00.000Z'
 */
export function instantOf(moment: Moment, timeZone: string): string {
  return moment.kind === 'local' ? instantOfWall(moment.wall, timeZone) : new Date(moment.ms).toISOString();
}

/**
 * Days from one `YYYY-MM-DD` date to another.
 *
 * @example
 * daysBetween('2026-01-19', '2026-01-22'); // 3
 */
export function daysBetween(from: string, to: string): number {
  const start = parseDate(from);
  const end = parseDate(to);
  if (start === undefined || end === undefined) throw new Error(`not YYYY-MM-DD dates: ${from}, ${to}`);
  return end - start;
}

/**
 * A `YYYY-MM-DD` date moved by a number of days.
 *
 * @example
 * addDays('2026-01-31', 1); // '2026-02-01'
 */
export function addDays(date: string, days: number): string {
  const day = parseDate(date);
  if (day === undefined) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return formatDate(day + days);
}
