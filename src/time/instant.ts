/**
 * Instants arrive as ISO 8601 strings with an offset or `Z`, as epoch milliseconds, or as
 * JavaScript `Date` objects, from 1000-01-02 to 9999-12-30 UTC: within years 1000–9999 (the range
 * every output can be written in) in every zone.
 *
 * A CRM export can hold millions of them, so the common shape
 * (`2026-11-01T09:30:00Z`, `2026-11-01T09:30:00.123+09:00`) is read digit by digit; anything
 * else is checked against one strict pattern. A string without an offset is refused: its
 * meaning would depend on the zone of whoever reads it.
 */
import { daysFromCivil, daysInMonth, formatDate, MS_PER_DAY, parseDate } from './dates.js';

const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * 1000-01-02T00:00:00Z: the first supported instant. A day inside the years 1000–9999 at each
 * end, so that an instant's date is within them in every zone (no zone is a day off UTC): an
 * instant of 1000-01-01 would be 31 December 999 in New York, a date no output may hold.
 */
export const MIN_INSTANT_MS = -30_610_137_600_000;
/** 9999-12-30T23:59:59.999Z: the last supported instant (its date in Kiritimati is 9999-12-31). */
export const MAX_INSTANT_MS = 253_402_214_399_999;

const inRange = (ms: number): number | undefined => (ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS ? ms : undefined);

/** Whether a value is a `Date`, also one made in another realm (a worker, a vm context). */
export function isDate(value: unknown): value is Date {
  return value instanceof Date || Object.prototype.toString.call(value) === '[object Date]';
}

// Answers of the common shape pass through typed arrays, not return values: a double returned
// from a function that is not inlined is boxed, one short-lived object per instant, and a
// million of them cost the collector more than the parse. `PARSED[0]`: the last parse; `LAST`:
// the text read last by the common shape, and its answer when `lastValid`.
const PARSED = new Float64Array(1);
const LAST = new Float64Array(1);
let lastText = '';
let lastValid = false;

/** Reads `text` as the common shape into `LAST` (and `lastText`), or returns false when it is not that shape. */
function readCommon(text: string): boolean {
  if (!parseCommonInstant(text)) return false;
  const ms = PARSED[0]!;
  lastText = text;
  lastValid = ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS;
  LAST[0] = ms;
  return true;
}

/**
 * Epoch milliseconds of an instant, or `undefined` when it is not a valid instant or lies outside
 * years 1000–9999 (`instantProblem` tells which).
 */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? inRange(Math.trunc(value)) : undefined;
  if (typeof value !== 'string') return isDate(value) ? parseInstant(Date.prototype.getTime.call(value)) : undefined;
  // The same text as the call before (a bulk import stamps every contact with one createdAt, a
  // sync many touches with one instant): its answer again. Telling two different instants apart
  // takes the first differing character, a few reads against the twenty-odd of a parse.
  if (value === lastText || readCommon(value)) return lastValid ? LAST[0] : undefined;
  const match = INSTANT_PATTERN.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const fraction = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone!.replace(':', '');
    const hours = Number(digits.slice(1, 3));
    const minutes = digits.length > 3 ? Number(digits.slice(3, 5)) : 0;
    if (minutes > 59) return undefined;
    offsetMinutes = (zone![0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  if (Number(y) < 1000) return undefined;
  const ms = compose(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0), fraction, offsetMinutes);
  return Number.isNaN(ms) ? undefined : inRange(ms);
}

/**
 * `parseInstant` for loops that keep instants in typed arrays: writes the instant's epoch ms to
 * `target[at]` and returns true, or returns false (leaving `target[at]` as it was) when the value
 * is not an instant within years 1000–9999. The common shape passes no number through a return
 * value, so nothing is allocated per instant.
 *
 * @example
 * const ms = new Float64Array(1);
 * parseInstantInto('2026-11-01T09:30:00Z', ms, 0); // true; ms[0] === Date.UTC(2026, 10, 1, 9, 30)
 * parseInstantInto('2026-11-01', ms, 0); // false: a date, not an instant
 */
export function parseInstantInto(value: unknown, target: Float64Array, at: number): boolean {
  if (typeof value === 'string' && (value === lastText || readCommon(value))) {
    if (!lastValid) return false;
    target[at] = LAST[0]!;
    return true;
  }
  const ms = parseInstant(value);
  if (ms === undefined) return false;
  target[at] = ms;
  return true;
}

/**
 * Why a value that `parseInstant` refused is not an instant: `instant-out-of-range` for a real
 * instant outside the supported range, `bad-instant` for anything else. Only asked on the error path.
 */
export function instantProblem(value: unknown): 'bad-instant' | 'instant-out-of-range' {
  const ms = typeof value === 'number' ? value : isDate(value) ? Date.prototype.getTime.call(value) : undefined;
  if (ms !== undefined) return Number.isFinite(ms) ? 'instant-out-of-range' : 'bad-instant';
  if (typeof value === 'string') {
    const match = INSTANT_PATTERN.exec(value);
    if (match)
      return Number(match[1]) < 1000 || (parseInstant(value) === undefined && looksReal(value)) ? 'instant-out-of-range' : 'bad-instant';
    if (/^[+-]\d{6}-\d{2}-\d{2}T/.test(value)) return 'instant-out-of-range';
  }
  return 'bad-instant';
}

// A well-formed instant near the edge (9999-12-31T23:00:00-05:00 is in year 10000 UTC).
function looksReal(text: string): boolean {
  const ms = Date.parse(text);
  return Number.isFinite(ms) && (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS);
}

function compose(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
  offsetMinutes: number,
): number {
  // NaN, not undefined, for a date or time that does not exist: the result stays one type, a double.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 24 || minute > 59 || second > 59 || (hour === 24 && (minute > 0 || second > 0 || millisecond > 0))) {
    return Number.NaN;
  }
  return monthStart(year, month) + (day - 1) * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millisecond;
}

// Instants of a book fall in a few hundred months: their starts (epoch ms) are computed once.
const MONTHS_FROM_YEAR = 1900;
const CACHED_MONTHS = 300 * 12;
const monthStarts = new Float64Array(CACHED_MONTHS).fill(Number.NaN);

/** Epoch ms of the first of a month, 00:00 UTC. */
function monthStart(year: number, month: number): number {
  const slot = (year - MONTHS_FROM_YEAR) * 12 + month - 1;
  if (slot < 0 || slot >= CACHED_MONTHS) return daysFromCivil(year, month, 1) * MS_PER_DAY;
  let start = monthStarts[slot]!;
  if (Number.isNaN(start)) {
    start = daysFromCivil(year, month, 1) * MS_PER_DAY;
    monthStarts[slot] = start;
  }
  return start;
}

/** Whether a char code minus 48 is a decimal digit (a negative one wraps to a large unsigned number). */
const isDigit = (code: number): boolean => code >>> 0 < 10;

// `YYYY-MM-DDTHH:MM:SS` then `Z`, `.sss Z`, or `±HH:MM`: the shapes CRMs actually export, read
// into `PARSED[0]`; false when the text is not of this shape or not a real date and time. Every
// character is read once and tested inline: a book holds two instants per contact and touch, and
// this is the intake's single most frequent call.
function parseCommonInstant(text: string): boolean {
  const length = text.length;
  if (length < 20) return false;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84) return false;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return false;
  const y0 = text.charCodeAt(0) - 48;
  const y1 = text.charCodeAt(1) - 48;
  const y2 = text.charCodeAt(2) - 48;
  const y3 = text.charCodeAt(3) - 48;
  const mo0 = text.charCodeAt(5) - 48;
  const mo1 = text.charCodeAt(6) - 48;
  const d0 = text.charCodeAt(8) - 48;
  const d1 = text.charCodeAt(9) - 48;
  const h0 = text.charCodeAt(11) - 48;
  const h1 = text.charCodeAt(12) - 48;
  const mi0 = text.charCodeAt(14) - 48;
  const mi1 = text.charCodeAt(15) - 48;
  const s0 = text.charCodeAt(17) - 48;
  const s1 = text.charCodeAt(18) - 48;
  if (
    !(
      isDigit(y0) &&
      isDigit(y1) &&
      isDigit(y2) &&
      isDigit(y3) &&
      isDigit(mo0) &&
      isDigit(mo1) &&
      isDigit(d0) &&
      isDigit(d1) &&
      isDigit(h0) &&
      isDigit(h1) &&
      isDigit(mi0) &&
      isDigit(mi1) &&
      isDigit(s0) &&
      isDigit(s1)
    )
  )
    return false;
  let index = 19;
  let millisecond = 0;
  if (text.charCodeAt(19) === 46) {
    if (length < 24) return false;
    const ms0 = text.charCodeAt(20) - 48;
    const ms1 = text.charCodeAt(21) - 48;
    const ms2 = text.charCodeAt(22) - 48;
    if (!(isDigit(ms0) && isDigit(ms1) && isDigit(ms2))) return false;
    millisecond = ms0 * 100 + ms1 * 10 + ms2;
    index = 23;
  }
  let offsetMinutes = 0;
  const sign = text.charCodeAt(index);
  if (sign === 90) {
    if (length !== index + 1) return false;
  } else if ((sign === 43 || sign === 45) && length === index + 6 && text.charCodeAt(index + 3) === 58) {
    const oh0 = text.charCodeAt(index + 1) - 48;
    const oh1 = text.charCodeAt(index + 2) - 48;
    const om0 = text.charCodeAt(index + 4) - 48;
    const om1 = text.charCodeAt(index + 5) - 48;
    if (!(isDigit(oh0) && isDigit(oh1) && isDigit(om0) && isDigit(om1))) return false;
    const offsetMins = om0 * 10 + om1;
    if (offsetMins > 59) return false;
    offsetMinutes = (sign === 45 ? -1 : 1) * ((oh0 * 10 + oh1) * 60 + offsetMins);
  } else return false;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  if (year < 1000) return false;
  const ms = compose(year, mo0 * 10 + mo1, d0 * 10 + d1, h0 * 10 + h1, mi0 * 10 + mi1, s0 * 10 + s1, millisecond, offsetMinutes);
  if (Number.isNaN(ms)) return false;
  PARSED[0] = ms;
  return true;
}

/**
 * Whether an input instant is already in the canonical UTC form `Date#toISOString` writes (the
 * form most CRM APIs send), so it can be passed on as it is.
 */
export function isCanonicalInstant(input: unknown): input is string {
  return (
    typeof input === 'string' &&
    input.length === 24 &&
    input.charCodeAt(23) === 90 &&
    input.charCodeAt(19) === 46 &&
    // `2026-11-01 09:30:00.000Z` parses but is not the canonical form: the T must be there.
    input.charCodeAt(10) === 84 &&
    input.charCodeAt(4) === 45 &&
    input.charCodeAt(13) === 58 &&
    // 24:00 is accepted as input but written as 00:00 of the next day.
    !(input.charCodeAt(11) === 50 && input.charCodeAt(12) === 52)
  );
}

/**
 * The instant as a canonical UTC ISO string, reusing the input when it already is one: one fewer
 * string per item on large books.
 */
export function canonicalInstant(input: unknown, ms: number): string {
  return isCanonicalInstant(input) ? input : formatInstant(ms);
}

/**
 * Formats epoch milliseconds as a UTC ISO string (`2026-11-01T09:30:00.000Z`), the same text as
 * `Date#toISOString` for years 0–9999. Items carry one each, so it builds the string from char
 * codes in one allocation: a template literal makes a rope of eight pieces per call, which on a
 * million items costs more in garbage collection than all the date arithmetic.
 */
export function formatInstant(ms: number): string {
  const day = Math.floor(ms / MS_PER_DAY);
  const date = formatDate(day);
  if (date.length !== 10) return new Date(ms).toISOString();
  let rest = ms - day * MS_PER_DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return String.fromCharCode(
    date.charCodeAt(0),
    date.charCodeAt(1),
    date.charCodeAt(2),
    date.charCodeAt(3),
    45,
    date.charCodeAt(5),
    date.charCodeAt(6),
    45,
    date.charCodeAt(8),
    date.charCodeAt(9),
    84,
    48 + Math.floor(hours / 10),
    48 + (hours % 10),
    58,
    48 + Math.floor(minutes / 10),
    48 + (minutes % 10),
    58,
    48 + Math.floor(seconds / 10),
    48 + (seconds % 10),
    46,
    48 + Math.floor(millis / 100),
    48 + (Math.floor(millis / 10) % 10),
    48 + (millis % 10),
    90,
  );
}

/** A `YYYY-MM-DD` date or an instant (string, epoch ms or Date), within years 1000–9999. */
export function isDateOrInstant(value: unknown): boolean {
  return (typeof value === 'string' && parseDate(value) !== undefined) || parseInstant(value) !== undefined;
}
