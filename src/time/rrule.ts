/**
 * RRULE text (RFC 5545 3.3.10): strict parsing and validation, and bounded expansion over floating
 * wall times.
 *
 * The expansion itself is `rrule-expand.ts`, the library's own: a floating wall time is read as
 * UTC, so it is exact and independent of the process time zone. UNTIL in UTC, DST gaps and
 * overlaps are handled by `occurrences.ts`, in real zones. Every expansion here is bounded by a
 * number of periods, so a rule that matches nothing ends with an error instead of a walk to the
 * year 9999.
 */
import { InputError } from '../errors/errors.js';
import { type ByDay, type Frequency, type RuleParts, walkRule } from './rrule-expand.js';

export type { Frequency } from './rrule-expand.js';
const FREQUENCIES: readonly Frequency[] = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY'];
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** UNTIL as written: an instant when it ends in `Z`, else a floating wall time (ms, read as UTC). */
export type Until = { kind: 'instant'; ms: number } | { kind: 'wall'; ms: number };

/** A validated RRULE: its text, COUNT and UNTIL, and the parts the expansion reads. */
export interface ParsedRule extends RuleParts {
  readonly text: string;
  readonly count: number | undefined;
  readonly until: Until | undefined;
}

const intList = (value: string, min: number, max: number, allowNegative: boolean): number[] | string => {
  const numbers: number[] = [];
  for (const part of value.split(',')) {
    if (!/^[+-]?\d{1,3}$/.test(part)) return `"${part}" is not a whole number`;
    const n = Number(part);
    const abs = Math.abs(n);
    if ((n < 0 && !allowNegative) || abs < min || abs > max || (allowNegative && n === 0)) {
      return `${n} is out of range (${allowNegative ? '±' : ''}${min}–${max})`;
    }
    numbers.push(n);
  }
  return numbers;
};

const UNTIL_PATTERN = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/;

/**
 * Parses and validates an RRULE value (with or without the `RRULE:` prefix) per RFC 5545 3.3.10.
 * Throws an `InputError` naming the part that is wrong.
 */
export function parseRule(text: string): ParsedRule {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body === '') throw new InputError('an RRULE needs FREQ (e.g. FREQ=MONTHLY;BYDAY=1TU)');
  const seen = new Set<string>();
  const by: { -readonly [K in Exclude<keyof RuleParts, 'freq' | 'interval' | 'wkst'>]?: RuleParts[K] } = {};
  let freq: Frequency | undefined;
  let interval = 1;
  let count: number | undefined;
  let until: Until | undefined;
  let wkst = 0;
  for (const part of body.split(';')) {
    const match = /^([A-Za-z]+)=(.+)$/.exec(part);
    if (!match) throw new InputError(`"${part}" is not NAME=VALUE`);
    const name = match[1]!.toUpperCase();
    const value = match[2]!.toUpperCase();
    if (seen.has(name)) throw new InputError(`${name} is given twice`);
    seen.add(name);
    const fail = (message: string): never => {
      throw new InputError(`${name}: ${message}`);
    };
    const list = (min: number, max: number, negative: boolean) => {
      const result = intList(value, min, max, negative);
      return typeof result === 'string' ? fail(result) : result;
    };
    switch (name) {
      case 'FREQ':
        if (!FREQUENCIES.includes(value as Frequency)) fail(`"${value}" is not one of ${FREQUENCIES.join(', ')}`);
        freq = value as Frequency;
        break;
      case 'INTERVAL':
        if (!/^\d+$/.test(value) || Number(value) < 1) fail('must be a whole number of at least 1');
        interval = Number(value);
        break;
      case 'COUNT':
        if (!/^\d+$/.test(value) || Number(value) < 1) fail('must be a whole number of at least 1');
        count = Number(value);
        break;
      case 'UNTIL': {
        const until_ = UNTIL_PATTERN.exec(value);
        if (!until_) fail('must be a date (19971224) or a date-time (19971224T000000Z)');
        const [, y, mo, d, h = '0', mi = '0', s = '0', z] = until_!;
        const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
        const check = new Date(ms);
        if (
          check.getUTCMonth() + 1 !== Number(mo) ||
          check.getUTCDate() !== Number(d) ||
          Number(h) > 23 ||
          Number(mi) > 59 ||
          Number(s) > 60
        ) {
          fail(`"${value}" is not a real date and time`);
        }
        until = { kind: z ? 'instant' : 'wall', ms };
        break;
      }
      case 'BYSECOND':
        by.bysecond = list(0, 60, false);
        break;
      case 'BYMINUTE':
        by.byminute = list(0, 59, false);
        break;
      case 'BYHOUR':
        by.byhour = list(0, 23, false);
        break;
      case 'BYDAY': {
        const days = value.split(',').map((day): ByDay => {
          const parsed = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(day);
          if (!parsed) return fail(`"${day}" is not a weekday such as MO, 1TU or -1FR`);
          const weekday = WEEKDAYS.indexOf(parsed[2] as (typeof WEEKDAYS)[number]);
          if (parsed[1] === undefined) return { weekday, n: undefined };
          const n = Number(parsed[1]);
          if (n === 0 || Math.abs(n) > 53) fail(`"${day}": the ordinal must be ±1 to ±53`);
          return { weekday, n };
        });
        by.byday = days;
        break;
      }
      case 'BYMONTHDAY':
        by.bymonthday = list(1, 31, true);
        break;
      case 'BYYEARDAY':
        by.byyearday = list(1, 366, true);
        break;
      case 'BYWEEKNO':
        by.byweekno = list(1, 53, true);
        break;
      case 'BYMONTH':
        by.bymonth = list(1, 12, false);
        break;
      case 'BYSETPOS':
        by.bysetpos = list(1, 366, true);
        break;
      case 'WKST':
        if (!WEEKDAYS.includes(value as (typeof WEEKDAYS)[number])) fail(`"${value}" is not a weekday (MO…SU)`);
        wkst = WEEKDAYS.indexOf(value as (typeof WEEKDAYS)[number]);
        break;
      case 'DTSTART':
        fail('give the start as the cadence anchor or the dtstart option, not in the RRULE');
        break;
      default:
        fail('is not an RRULE part (RFC 5545 3.3.10)');
    }
  }
  if (freq === undefined) throw new InputError('an RRULE needs FREQ (e.g. FREQ=MONTHLY;BYDAY=1TU)');
  if (count !== undefined && until !== undefined) throw new InputError('COUNT and UNTIL cannot both be given (RFC 5545 3.3.10)');
  const ordinals = by.byday?.some((day) => day.n !== undefined);
  if (ordinals && freq !== 'MONTHLY' && freq !== 'YEARLY')
    throw new InputError('BYDAY: an ordinal (1TU) needs FREQ=MONTHLY or FREQ=YEARLY');
  if (ordinals && freq === 'YEARLY' && by.byweekno) throw new InputError('BYDAY: an ordinal cannot be used with BYWEEKNO');
  if (by.byweekno && freq !== 'YEARLY') throw new InputError('BYWEEKNO needs FREQ=YEARLY');
  const { bysetpos, ...others } = by;
  if (bysetpos && Object.values(others).every((list) => list === undefined))
    throw new InputError('BYSETPOS needs another BYxxx part to pick from (RFC 5545 3.3.10), e.g. BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1');
  if (by.byyearday && ['DAILY', 'WEEKLY', 'MONTHLY'].includes(freq)) throw new InputError(`BYYEARDAY cannot be used with FREQ=${freq}`);
  if (by.bymonthday && freq === 'WEEKLY') throw new InputError('BYMONTHDAY cannot be used with FREQ=WEEKLY');
  return {
    text,
    freq,
    interval,
    count,
    until,
    wkst,
    bymonth: by.bymonth,
    byweekno: by.byweekno,
    byyearday: by.byyearday,
    bymonthday: by.bymonthday,
    byday: by.byday,
    byhour: by.byhour,
    byminute: by.byminute,
    bysecond: by.bysecond,
    bysetpos: by.bysetpos,
  };
}

/**
 * Checks an RRULE value and returns a message when it is not valid RFC 5545; `undefined` when it
 * is fine.
 */
export function rruleProblem(text: string): string | undefined {
  try {
    parseRule(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** How many periods one expansion may step through before it is stopped with an error. */
export const EXPANSION_PERIOD_LIMIT = 200_000;

/**
 * Periods stepped through by every expansion so far: a measure of work that tests read to check a
 * call stays bounded without timing it.
 */
export const expansionWork = { periods: 0 };

/** The last wall time (floating ms) an expansion visits: 9999-12-31T23:59:59.999, the last day the library writes. */
export const LAST_WALL_MS = 253_402_300_799_999;

/** Periods of a frequency in one year, rounded up: how many steps cover a span of years. */
const PERIODS_PER_YEAR: Record<Frequency, number> = {
  YEARLY: 1,
  MONTHLY: 12,
  WEEKLY: 53,
  DAILY: 366,
  HOURLY: 366 * 24,
  MINUTELY: 366 * 1440,
  SECONDLY: 366 * 86_400,
};

/** How many periods of a rule cover `years` years, with a period to spare at each end. */
export function periodsInYears(rule: ParsedRule, years: number): number {
  return Math.ceil((PERIODS_PER_YEAR[rule.freq] * years) / rule.interval) + 2;
}

/** Options of one bounded expansion. */
export interface ExpansionBound {
  /** At most this many periods. */
  readonly periods: number;
  /** `throw` (the default) an `InputError` when the bound is reached, or `stop` quietly. */
  readonly onLimit: 'throw' | 'stop';
}

/** The wall times (floating ms) a caller wants, so the walk can start late and stop early. */
export interface ExpansionWindow {
  /**
   * A rule without COUNT starts at the period holding this wall time (one before it), keeping its
   * phase from DTSTART; wall times before it may still be visited.
   */
  readonly from?: number;
  /** No wall time after this one is wanted: the walk ends there, quietly, whether or not it found any. */
  readonly last?: number;
}

/**
 * Expands a rule from a floating DTSTART (ms, wall clock read as UTC), calling `visit` with each
 * occurrence's floating wall time until it returns false, COUNT or a wall-clock UNTIL ends the
 * set, or the period limit is reached (an `InputError`: a rule that matches nothing, such as
 * BYMONTH=2;BYMONTHDAY=30, would otherwise step to the year 9999). A window narrows the walk:
 * see `ExpansionWindow`.
 */
export function expandFloating(
  rule: ParsedRule,
  dtstartWall: number,
  visit: (wall: number) => boolean,
  count = rule.count,
  bound: ExpansionBound = { periods: EXPANSION_PERIOD_LIMIT, onLimit: 'throw' },
  window: ExpansionWindow = {},
): void {
  if (count === 0) return;
  const last = Math.min(rule.until?.kind === 'wall' ? rule.until.ms : LAST_WALL_MS, window.last ?? LAST_WALL_MS, LAST_WALL_MS);
  const { from } = window;
  let left = count ?? Number.POSITIVE_INFINITY;
  const { limited, periods } = walkRule(
    rule,
    dtstartWall,
    (wall) => {
      if (!visit(wall)) return false;
      return --left > 0;
    },
    // COUNT counts from DTSTART: a counted rule is always walked from there.
    { periods: bound.periods, last, ...(count === undefined && from !== undefined ? { from } : {}) },
  );
  expansionWork.periods += periods;
  if (limited && bound.onLimit === 'throw') {
    throw new InputError(
      `the rule ${rule.text} was stopped after ${bound.periods.toLocaleString('en')} periods: it matches no further date, or its COUNT reaches too far`,
    );
  }
}

/** Years from its anchor within which a cadence's rule must yield an occurrence. */
export const OCCURRENCE_HORIZON_YEARS = 400;

/**
 * Whether a rule started at a floating DTSTART yields an occurrence within `years` years, found
 * with a bounded number of periods (never the 200,000-period walk to year 9999 of a rule that
 * matches nothing, such as BYMONTH=2;BYMONTHDAY=30).
 */
export function hasOccurrenceWithin(rule: ParsedRule, dtstartWall: number, years = OCCURRENCE_HORIZON_YEARS): boolean {
  let found = false;
  // UNTIL in UTC is an instant, compared in a zone by the caller: a wall time is at most 14 hours
  // ahead of its instant, so one that far past UNTIL cannot be in the set in any zone.
  const untilInstant = rule.until?.kind === 'instant' ? rule.until.ms : undefined;
  expandFloating(
    rule,
    dtstartWall,
    (wall) => {
      found = untilInstant === undefined || wall - 14 * 3_600_000 <= untilInstant;
      return false;
    },
    rule.count,
    { periods: periodsInYears(rule, years), onLimit: 'stop' },
  );
  return found;
}
