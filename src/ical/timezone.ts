/**
 * VTIMEZONE components from the IANA database (through luxon), so a calendar that has never heard
 * of a zone still turns `DTSTART;TZID=…` into the right instant.
 *
 * Rather than guess yearly RRULEs, each offset change within the years the file covers is written
 * as its own observance (STANDARD or DAYLIGHT with one DTSTART), found by asking the zone its
 * offset day by day and narrowing each change to the second. That is exact for every zone: a
 * half-hour shift (Australia/Lord_Howe), no DST at all (Asia/Kathmandu), rules that changed over
 * the years. An opening observance holds the offset in force before the first change.
 */
import { IANAZone } from 'luxon';
import { MS_PER_DAY } from '../time/dates.js';
import { contentLine } from './lines.js';

interface Transition {
  /** Epoch ms of the change. */
  at: number;
  /** Offsets in minutes east of UTC before and after. */
  before: number;
  after: number;
}

function transitionsBetween(zone: IANAZone, startMs: number, endMs: number): Transition[] {
  const found: Transition[] = [];
  let previous = zone.offset(startMs);
  for (let day = startMs + MS_PER_DAY; day <= endMs; day += MS_PER_DAY) {
    const offset = zone.offset(day);
    if (offset === previous) continue;
    // The change lies in (day − 1 day, day]: narrow it down to the second.
    let low = day - MS_PER_DAY;
    let high = day;
    while (high - low > 1000) {
      const middle = low + Math.floor((high - low) / 2000) * 1000;
      if (zone.offset(middle) === previous) low = middle;
      else high = middle;
    }
    found.push({ at: high, before: previous, after: offset });
    previous = offset;
  }
  return found;
}

/** `+0530`, `-0400`, `+054500` when seconds are needed (section 3.3.14). */
function utcOffset(minutes: number): string {
  const totalSeconds = Math.round(minutes * 60);
  const sign = totalSeconds < 0 ? '-' : '+';
  const absolute = Math.abs(totalSeconds);
  const hours = Math.floor(absolute / 3600);
  const mins = Math.floor((absolute % 3600) / 60);
  const seconds = absolute % 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${sign}${pad(hours)}${pad(mins)}${seconds === 0 ? '' : pad(seconds)}`;
}

/** Local date-time `YYYYMMDDTHHMMSS` of an instant at a given offset. */
function localStamp(ms: number, offsetMinutes: number): string {
  const shifted = new Date(ms + Math.round(offsetMinutes * 60) * 1000);
  return shifted.toISOString().slice(0, 19).replace(/[-:]/g, '');
}

/** The zone's standard offset in a year: the smaller of its January and July offsets (as luxon decides DST). */
function standardOffset(zone: IANAZone, year: number): number {
  return Math.min(zone.offset(Date.UTC(year, 0, 1)), zone.offset(Date.UTC(year, 6, 1)));
}

function observance(zone: IANAZone, at: number, before: number, after: number): string[] {
  const kind = after > standardOffset(zone, new Date(at).getUTCFullYear()) ? 'DAYLIGHT' : 'STANDARD';
  return [
    `BEGIN:${kind}`,
    contentLine('DTSTART', localStamp(at, before)),
    contentLine('TZOFFSETFROM', utcOffset(before)),
    contentLine('TZOFFSETTO', utcOffset(after)),
    `END:${kind}`,
  ];
}

/**
 * The lines of a VTIMEZONE for `zoneName` covering years `fromYear` to `toYear`: an opening
 * observance from the last day of the year before, then one per offset change.
 *
 * @example
 * vtimezone('Asia/Kathmandu', 2026, 2026) // BEGIN:VTIMEZONE, TZID, one STANDARD at +0545, END:VTIMEZONE
 */
export function vtimezone(zoneName: string, fromYear: number, toYear: number): string[] {
  const zone = IANAZone.create(zoneName);
  const startMs = Date.UTC(fromYear, 0, 1) - MS_PER_DAY;
  const endMs = Date.UTC(toYear + 1, 0, 1) + MS_PER_DAY;
  const opening = zone.offset(startMs);
  const lines = ['BEGIN:VTIMEZONE', contentLine('TZID', zoneName), ...observance(zone, startMs, opening, opening)];
  for (const change of transitionsBetween(zone, startMs, endMs)) lines.push(...observance(zone, change.at, change.before, change.after));
  lines.push('END:VTIMEZONE');
  return lines;
}
