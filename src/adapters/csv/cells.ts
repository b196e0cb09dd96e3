/**
 * What a CSV cell means: text in, a typed value or a problem out. A spreadsheet holds only text,
 * so every number, boolean, date and instant the engine needs is read here, with one rule each,
 * and a cell that does not fit becomes a problem naming what was expected.
 */
import { DateTime } from 'luxon';
import { parseDate } from '../../time/dates.js';
import { formatInstant, parseInstant } from '../../time/instant.js';
import { epochDigits } from '../shared/values.js';
import type { AdapterErrorCode } from '../shared/types.js';

/** A cell that could not be read: the error code and what was expected. */
export interface CellProblem {
  code: AdapterErrorCode;
  message: string;
}

export type CellResult<T> = { ok: true; value: T } | { ok: false; problem: CellProblem };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = (code: AdapterErrorCode, message: string): CellResult<never> => ({ ok: false, problem: { code, message } });

/**
 * A cell the writer guards: one that starts like a formula (`=`, `+`, `-`, `@`, tab, carriage
 * return: OWASP's list for CSV injection), after any number of apostrophes. Apostrophes count so
 * that the guard can be undone exactly: `=x` is written `'=x`, and `'=x` itself `''=x`, so
 * reading back (one `'` off each guarded cell) gives each its own text again.
 */
const GUARDED = /^'*[=+\-@\t\r]/;

/**
 * Undoes the neutralisation the CSV writer applies: one `'` off a cell that is apostrophes then
 * a formula start, so a file this library wrote reads back to the same ids (`''=x` → `'=x`).
 *
 * @example
 * unneutralise("'-42") // '-42'
 * unneutralise("''=x") // "'=x"
 * unneutralise("'plain") // "'plain"
 */
export function unneutralise(cell: string): string {
  return cell.charCodeAt(0) === 39 && GUARDED.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/**
 * Prefixes a `'` to a text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, carriage return first), as OWASP recommends, and to one that already reads as guarded (an
 * apostrophe before such a start), so `unneutralise` gives every cell back exactly.
 *
 * @example
 * neutralise('=SUM(A1)') // "'=SUM(A1)"
 * neutralise("'=x") // "''=x"
 */
export function neutralise(cell: string): string {
  return GUARDED.test(cell) ? `'${cell}` : cell;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/**
 * `true`/`yes`/`y`/`1` and `false`/`no`/`n`/`0`, in any case.
 *
 * @example
 * readBoolean('Yes') // { ok: true, value: true }
 */
export function readBoolean(cell: string): CellResult<boolean> {
  const word = cell.toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return fail('bad-value', `not a boolean (true/false, yes/no, 1/0): ${JSON.stringify(cell)}`);
}

// A number as a person or a spreadsheet writes it, without leading zeros: `02134` is a postcode.
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * The cell as a number when it is written as one (no leading zeros, no thousands separators), else as text.
 *
 * @example
 * readAttribute('120000') // 120000
 * readAttribute('02134') // '02134'
 */
export function readAttribute(cell: string): string | number {
  if (!NUMBER.test(cell)) return cell;
  const value = Number(cell);
  return Number.isFinite(value) ? value : cell;
}

/**
 * A non-negative integer (a daily capacity).
 *
 * @example
 * readCount('20') // { ok: true, value: 20 }
 */
export function readCount(cell: string): CellResult<number> {
  return /^\d{1,9}$/.test(cell) ? ok(Number(cell)) : fail('bad-value', `not a whole number of 0 or more: ${JSON.stringify(cell)}`);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?)?$/;

/**
 * An instant as the canonical UTC ISO string. Text with an offset or `Z` is read as it is, and so
 * are epoch milliseconds (12 to 16 digits: fewer are epoch seconds or a `yyyymmdd` date); text
 * without one (`2026-11-01 09:30`, a date alone) only when `localTimeZone` says where it was
 * written: a date alone is then read as noon there, so its local date survives in nearby zones.
 *
 * @example
 * readInstant('2026-11-02 09:30', 'Europe/Berlin') // { ok: true, value: '2026-11-02T08:30:00.000Z' }
 */
export function readInstant(cell: string, localTimeZone: string | undefined): CellResult<string> {
  // Epoch milliseconds, as `evaluate` takes them; a spreadsheet holds them as digits.
  const ms = parseInstant(epochDigits(cell) ?? cell);
  if (ms !== undefined) return ok(formatInstant(ms));
  const local = localTimeZone === undefined ? null : LOCAL.exec(cell);
  if (local && localTimeZone !== undefined) {
    const [, year, month, day, hour, minute, second, fraction] = local;
    const time = DateTime.fromObject(
      {
        year: Number(year),
        month: Number(month),
        day: Number(day),
        hour: hour === undefined ? 12 : Number(hour),
        minute: Number(minute ?? 0),
        second: Number(second ?? 0),
        millisecond: fraction === undefined ? 0 : Number(fraction.padEnd(3, '0')),
      },
      { zone: localTimeZone },
    );
    if (time.isValid && time.year === Number(year) && time.month === Number(month) && time.day === Number(day)) {
      return ok(formatInstant(time.toMillis()));
    }
  }
  const hint =
    localTimeZone === undefined && LOCAL.test(cell)
      ? ' (it has no offset: add one, or pass the localTimeZone option to say where it was written)'
      : '';
  return fail('bad-instant', `not an ISO 8601 instant with an offset or Z, nor epoch milliseconds: ${JSON.stringify(cell)}${hint}`);
}

/**
 * A `YYYY-MM-DD` date as it is, or an instant as its canonical UTC form (the engine takes both).
 *
 * @example
 * readDateOrInstant('2026-12-01', undefined) // { ok: true, value: '2026-12-01' }
 */
export function readDateOrInstant(cell: string, localTimeZone: string | undefined): CellResult<string> {
  if (parseDate(cell) !== undefined) return ok(cell);
  const instant = readInstant(cell, undefined);
  if (instant.ok) return instant;
  if (localTimeZone !== undefined && LOCAL.test(cell)) return readInstant(cell, localTimeZone);
  return fail('bad-date', `not a YYYY-MM-DD date nor an ISO 8601 instant: ${JSON.stringify(cell)}`);
}
