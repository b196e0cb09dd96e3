/**
 * Civil-date arithmetic on epoch days (whole days since 1970-01-01).
 *
 * Every due date in the library is a civil date in some zone, so the engine works on plain
 * integers: adding days is addition, comparing is `<`, and no time zone can shift a date by
 * accident. Conversion to and from `YYYY-MM-DD` uses Howard Hinnant's civil-calendar algorithms
 * (proleptic Gregorian), which are exact for every year the library meets.
 */

/** A civil date as whole days since 1970-01-01. */
export type EpochDay = number;

/** A parsed ISO 8601 duration restricted to calendar units: cadences move dates, never hours. */
export interface CalendarDuration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
}

export const MS_PER_DAY = 86_400_000;
const DAYS_PER_MS = 1 / MS_PER_DAY;

/**
 * The UTC day of a whole number of epoch ms within years 1000–9999: `floor(ms / MS_PER_DAY)`,
 * by a multiplication, several times cheaper than the division in a loop over a million rows.
 * Exact there: the product is within a hundredth of a ms of the quotient, and a whole number of
 * ms short of a day's start is a full ms short (tested at the first and last ms of every day).
 */
export const utcDayOf = (ms: number): EpochDay => Math.floor(ms * DAYS_PER_MS);

/** 1000-01-01 and 9999-12-31: the dates the library reads and writes. */
export const MIN_EPOCH_DAY: EpochDay = -354_285;
export const MAX_EPOCH_DAY: EpochDay = 2_932_896;

/** Whether an epoch day lies within years 1000–9999. */
export function isSupportedDay(day: EpochDay): boolean {
  return day >= MIN_EPOCH_DAY && day <= MAX_EPOCH_DAY;
}

/** Days from 1970-01-01 to the given civil date. Months are 1-based. */
export function daysFromCivil(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The civil date of an epoch day, as `[year, month (1-12), day]`. */
export function civilFromDays(epochDay: EpochDay): [number, number, number] {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_LENGTHS[month - 1]!;
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(epochDay: EpochDay): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/**
 * The number written by `count` digits from `index` of `text`, or −1 when one of them is not a
 * digit. Dates and instants arrive by the million, so they are read by char codes, not a regex.
 */
export function digitsAt(text: string, index: number, count: number): number {
  let value = 0;
  for (let at = index; at < index + count; at++) {
    const digit = text.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Parses `YYYY-MM-DD` (a real calendar date) to an epoch day, or undefined. */
export function parseDate(text: string): EpochDay | undefined {
  if (typeof text !== 'string' || text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  // Years 1000–9999: the range every output can be written in.
  if (year < 1000) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

// Output dates are few and repeat across millions of items: format each one once. The cache is a
// plain array indexed by day over 1900–2199 (a map lookup per item cost more than the formatting
// it saved); dates outside that span are formatted each time.
const CACHED_FROM: EpochDay = -25_567; // 1900-01-01
const CACHED_DAYS = 109_573; // to 2199-12-31
const formattedDates: (string | undefined)[] = [];

/** Formats an epoch day as `YYYY-MM-DD`. */
export function formatDate(epochDay: EpochDay): string {
  const slot = epochDay - CACHED_FROM;
  if (slot >= 0 && slot < CACHED_DAYS) {
    const cached = formattedDates[slot];
    if (cached !== undefined) return cached;
  }
  const [year, month, day] = civilFromDays(epochDay);
  // Years beyond 0–9999 take ISO 8601's expanded form, as Date#toISOString writes them.
  const yearText =
    year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
  const text = `${yearText}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
  if (slot >= 0 && slot < CACHED_DAYS) {
    // Fill from the start so the array stays packed (a sparse one falls back to a dictionary).
    while (formattedDates.length < slot) formattedDates.push(undefined);
    formattedDates[slot] = text;
  }
  return text;
}

const DURATION_PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/**
 * Parses an ISO 8601 duration made of years, months, weeks and days (`P14D`, `P1M`, `P1Y2M`).
 * Time parts (`PT12H`) are refused: the library moves civil dates, and adding hours to move days
 * is exactly the mistake that breaks on DST-change days.
 */
export function parseDuration(text: string): CalendarDuration | undefined {
  const match = DURATION_PATTERN.exec(text);
  if (!match || text === 'P') return undefined;
  return {
    years: Number(match[1] ?? 0),
    months: Number(match[2] ?? 0),
    weeks: Number(match[3] ?? 0),
    days: Number(match[4] ?? 0),
  };
}

/**
 * Adds a calendar duration to a date: years and months first with the day clamped to the end of
 * the month (Jan 31 + P1M = Feb 28 or 29), then weeks and days. This is luxon's and Temporal's
 * order, so a CRM that checks a date with either gets the same answer.
 */
export function addDuration(epochDay: EpochDay, duration: CalendarDuration, sign: 1 | -1 = 1): EpochDay {
  let result = epochDay;
  const totalMonths = duration.years * 12 + duration.months;
  if (totalMonths !== 0) result = addMonths(result, sign * totalMonths);
  return result + sign * (duration.weeks * 7 + duration.days);
}

/** Adds whole months, clamping the day to the end of the target month. */
export function addMonths(epochDay: EpochDay, months: number): EpochDay {
  const [year, month, day] = civilFromDays(epochDay);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return daysFromCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** Nominal length of a duration in days, used only to weigh priorities (a month counts 30.44). */
export function nominalDays(duration: CalendarDuration): number {
  return duration.years * 365.25 + duration.months * 30.436875 + duration.weeks * 7 + duration.days;
}
