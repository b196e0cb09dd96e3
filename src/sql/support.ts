/**
 * What SQL is bad at, computed by the TypeScript core and shipped to the database as data:
 *
 * - zone offsets per (zone, UTC day), from the same time-zone data `evaluate` reads (luxon over
 *   Intl), so a database with older tzdata still turns a touch into the same local date;
 * - every unworkable day of every (owner calendar, contact calendar) pair with the date each
 *   shift moves it to, from the core's own calendar code.
 *
 * The query joins these on equality keys (zone and UTC day; calendars and date), which every
 * engine answers with a hash join, and which Citus answers locally when they are reference tables.
 */
import { CalendarBook, shiftToWorkable } from '../core/calendar.js';
import { addDuration, type EpochDay, formatDate, MS_PER_DAY, parseDate, parseDuration } from '../time/dates.js';
import { compileDateRule } from '../time/occurrences.js';
import { zoneClock } from '../time/zones.js';
import { InputError, type Issue } from '../errors/errors.js';
import { messages } from '../errors/messages.js';
import { parsePolicy, type Policy } from '../schema/policy.js';
import { type SqlDialect, sqlName, sqlString } from './dialect.js';
import { DEFAULT_SQL_TABLES, type SqlTables } from './names.js';
import { OCCURRENCES_ENDED, occurrenceKey, PER_CONTACT_ANCHOR } from './occurrence-key.js';
import { anchorShape } from './refusals.js';

/** Options of `sqlSupportTables`. */
export interface SqlSupportOptions {
  /** First date (`YYYY-MM-DD`) the data holds: the earliest touch, createdAt or due date. */
  from: string;
  /** Last date `now` may take (`YYYY-MM-DD`); past it (and past a day's margin) every row says `out-of-range`. */
  to: string;
  /** IANA zones of contacts and owners. The policy's zone and `UTC` are always added. */
  zones: readonly string[];
  /** How far past `to` due dates may fall, as an ISO duration (default `P11Y`: the longest cadence and a year). */
  dueHorizon?: string;
}

/** One stretch of a UTC day with one UTC offset. Most days are one row; a DST change day is two. */
export interface ZoneDayRow {
  /** The zone's name in lower case (`europe/london`): the query matches names without regard to case. */
  zone: string;
  /** Whole days since 1970-01-01 of the UTC day. */
  utcDay: number;
  /** First epoch millisecond of the stretch. */
  fromMs: number;
  /** First epoch millisecond after it. */
  toMs: number;
  /** UTC offset in milliseconds (local = UTC + offset). */
  offsetMs: number;
}

/** An unworkable day of a calendar pair, and where each shift moves it. Workable days are absent. */
export interface WorkDayRow {
  /** The owner's calendar (or the policy's), `''` for the built-in Monday–Friday one. */
  baseCalendar: string;
  /** The contact's own calendar, `''` when none. */
  contactCalendar: string;
  day: string;
  following: string;
  preceding: string;
  modifiedFollowing: string;
}

/**
 * An occurrence date of an anchored rule in a zone, from the core's own RFC 5545 code. Per rule
 * and zone: the first occurrence on or after the anchor, every one from `from` to the last day of
 * the range, and the first one after it; a rule that has ended gets a row dated 9999-12-31.
 */
export interface OccurrenceRow {
  /** `<anchor> <rrule>`, e.g. `2026-01-01 FREQ=MONTHLY;BYDAY=1TU`. */
  ruleKey: string;
  /** The zone's name in lower case. */
  zone: string;
  day: string;
}

/** The support tables' rows and the range they cover. */
export interface SqlSupportTables {
  /** The dates due dates may take: a row whose answer lies outside it says `out-of-range`. */
  range: { firstDay: string; lastDay: string };
  zoneDays: ZoneDayRow[];
  workDays: WorkDayRow[];
  occurrences: OccurrenceRow[];
}

const UTC = 'UTC';

/**
 * How the support tables key a zone: its name in lower case, as the query lowers a contact's
 * zone, so `europe/london` finds `Europe/London` as it does in evaluate.
 *
 * @example
 * zoneKey('Europe/London') // 'europe/london'
 */
export function zoneKey(name: string): string {
  return name.toLowerCase();
}

/**
 * The widest `from`–`to` range `sqlSupportTables` takes, in years. The tables hold a row per zone
 * and day (and per workable day, and per occurrence): years 1000–9999 would be millions of rows
 * and tens of minutes, for data that spans decades at most.
 *
 * @example
 * sqlSupportTables(policy, { from: '1990-01-01', to: '2089-12-31', zones: [] }); // the widest range taken
 */
export const MAX_SUPPORT_YEARS = 100;
const MAX_SUPPORT_DAYS = Math.round(MAX_SUPPORT_YEARS * 365.2425);

/**
 * Computes the support tables for a policy over a date range and a set of zones.
 *
 * @example
 * const support = sqlSupportTables(policy, { from: '2020-01-01', to: '2027-12-31', zones: ['Europe/London', 'Asia/Tokyo'] });
 * for (const statement of supportTableStatements(support, { dialect: 'postgres' })) await client.query(statement);
 */
export function sqlSupportTables(policyInput: Policy, options: SqlSupportOptions): SqlSupportTables {
  const policy = parsePolicy(policyInput);
  const issues: Issue[] = [];
  const from = parseDate(options.from);
  const to = parseDate(options.to);
  if (from === undefined) issues.push({ code: 'invalid_date', path: ['from'], message: messages.badDate });
  if (to === undefined) issues.push({ code: 'invalid_date', path: ['to'], message: messages.badDate });
  if (from !== undefined && to !== undefined && to < from)
    issues.push({ code: 'invalid_range', path: ['to'], message: 'to is before from' });
  if (from !== undefined && to !== undefined && to - from > MAX_SUPPORT_DAYS)
    issues.push({
      code: 'too_big',
      path: ['to'],
      message: `from ${options.from} to ${options.to} is more than ${MAX_SUPPORT_YEARS} years: the tables hold a row per zone and day, so give the dates the data and now really span`,
    });
  const horizon = parseDuration(options.dueHorizon ?? 'P11Y');
  if (horizon === undefined) issues.push({ code: 'invalid_duration', path: ['dueHorizon'], message: messages.badDuration });
  options.zones.forEach((zone, index) => {
    if (zoneClock(zone) === undefined) issues.push({ code: 'unknown-zone', path: ['zones', index], message: messages.unknownZone(zone) });
  });
  // Zone names match without regard to case, as evaluate reads them (europe/london is London):
  // the tables key each zone by its name in lower case, and the query lowers the contact's.
  const zones = [
    ...new Map([...options.zones, ...(policy.timeZone ? [policy.timeZone] : []), UTC].map((zone) => [zoneKey(zone), zone])).values(),
  ].sort();
  if (issues.length > 0) throw new InputError(`bad support table options: ${issues.map((issue) => issue.message).join('; ')}`, issues);
  const lastDay = addDuration(to!, horizon!);
  return {
    range: { firstDay: formatDate(from!), lastDay: formatDate(lastDay) },
    zoneDays: zones.flatMap((zone) => zoneDayRows(zone, from! - 1, to! + 1)),
    workDays: workDayRows(policy, from!, lastDay),
    occurrences: occurrenceRows(policy, zones, from!, lastDay),
  };
}

// A daily rule over a few decades stays well under this; more would be a table nobody wants.
const MAX_OCCURRENCES_PER_SERIES = 100_000;

function occurrenceRows(policy: Policy, zones: readonly string[], firstDay: EpochDay, lastDay: EpochDay): OccurrenceRow[] {
  const rows: OccurrenceRow[] = [];
  const seen = new Set<string>();
  for (const tier of policy.tiers) {
    for (const cycle of tier.cycles) {
      const cadence = cycle.cadence;
      if (!('rrule' in cadence)) continue;
      const shape = anchorShape(cadence).kind;
      // A per-contact series starts at the first day the tables cover: the query reads it from
      // each contact's anchor on, and refuses an anchor before it.
      const anchorDay = shape === 'fixed' ? parseDate(cadence.anchor!) : shape === 'series' ? firstDay : undefined;
      if (anchorDay === undefined) continue;
      const ruleKey = occurrenceKey(cadence.rrule, shape === 'fixed' ? cadence.anchor! : PER_CONTACT_ANCHOR);
      if (seen.has(ruleKey)) continue;
      seen.add(ruleKey);
      for (const zone of zones) {
        const rule = compileDateRule(cadence.rrule, anchorDay, zoneClock(zone)!);
        const days = new Set<EpochDay>();
        const first = rule.firstOnOrAfter(anchorDay);
        if (first !== undefined) days.add(first);
        let day = rule.firstOnOrAfter(firstDay);
        while (day !== undefined && day <= lastDay) {
          days.add(day);
          if (days.size > MAX_OCCURRENCES_PER_SERIES) {
            throw new InputError(
              `the rule ${cadence.rrule} has more than ${MAX_OCCURRENCES_PER_SERIES} occurrences in the range: narrow from/to`,
            );
          }
          day = rule.firstAfter(day);
        }
        // The first occurrence past the range answers every query from within it; none means ended.
        if (day !== undefined) days.add(day);
        for (const occurrence of [...days].sort((a, b) => a - b)) rows.push({ ruleKey, zone: zoneKey(zone), day: formatDate(occurrence) });
        if (day === undefined) rows.push({ ruleKey, zone: zoneKey(zone), day: OCCURRENCES_ENDED });
      }
    }
  }
  return rows;
}

function zoneDayRows(name: string, firstDay: EpochDay, lastDay: EpochDay): ZoneDayRow[] {
  const zone = zoneClock(name)!;
  const rows: ZoneDayRow[] = [];
  for (let utcDay = firstDay; utcDay <= lastDay; utcDay++) {
    let start = utcDay * MS_PER_DAY;
    const end = start + MS_PER_DAY;
    // The day's stretches of one offset, found the way the core reads them: an offset change
    // inside the day is located to the millisecond by bisection.
    while (start < end) {
      const offset = zone.offsetMinutes(start);
      let stretchEnd = end;
      if (zone.offsetMinutes(end - 1) !== offset) {
        let low = start;
        let high = end - 1;
        while (high - low > 1) {
          const middle = Math.floor((low + high) / 2);
          if (zone.offsetMinutes(middle) === offset) low = middle;
          else high = middle;
        }
        stretchEnd = high;
      }
      rows.push({ zone: zoneKey(name), utcDay, fromMs: start, toMs: stretchEnd, offsetMs: Math.round(offset * 60_000) });
      start = stretchEnd;
    }
  }
  return rows;
}

function workDayRows(policy: Policy, firstDay: EpochDay, lastDay: EpochDay): WorkDayRow[] {
  const book = new CalendarBook(policy);
  const names = Object.keys(policy.calendars ?? {}).sort();
  const rows: WorkDayRow[] = [];
  for (const base of ['', ...names]) {
    for (const own of ['', ...names]) {
      const calendar = book.forContact(base === '' ? undefined : base, own === '' ? undefined : own);
      for (let day = firstDay; day <= lastDay; day++) {
        if (calendar.isWorkable(day)) continue;
        rows.push({
          baseCalendar: base,
          contactCalendar: own,
          day: formatDate(day),
          following: formatDate(shiftToWorkable(day, calendar, 'following')),
          preceding: formatDate(shiftToWorkable(day, calendar, 'preceding')),
          modifiedFollowing: formatDate(shiftToWorkable(day, calendar, 'modified-following')),
        });
      }
    }
  }
  return rows;
}

/** Options of `supportTableStatements`. */
export interface SupportStatementOptions {
  dialect: SqlDialect;
  /** Names of the support tables (defaults: `cc_zone_days`, `cc_work_days`, `cc_support_range`). */
  tables?: Partial<Pick<SqlTables, 'zoneDays' | 'workDays' | 'supportRange' | 'occurrences'>>;
  /** Rows per INSERT statement (default 1000). */
  batchSize?: number;
  /**
   * Which tables to write (default all). Zone offsets change with tzdata releases, work days with
   * the policy's calendars: each can be refreshed alone.
   */
  only?: readonly ('zoneDays' | 'workDays' | 'supportRange' | 'occurrences')[];
}

/**
 * SQL statements that (re)create the support tables and fill them: `DROP TABLE IF EXISTS`,
 * `CREATE TABLE`, then multi-row `INSERT`s. Run them in order.
 *
 * @example
 * for (const statement of supportTableStatements(support, { dialect: 'duckdb' })) await connection.run(statement);
 */
export function supportTableStatements(support: SqlSupportTables, options: SupportStatementOptions): string[] {
  const tables = { ...DEFAULT_SQL_TABLES, ...options.tables };
  const batchSize = options.batchSize ?? 1000;
  const statements: string[] = [];
  const only = new Set(options.only ?? ['zoneDays', 'workDays', 'supportRange', 'occurrences']);
  const table = (key: 'zoneDays' | 'workDays' | 'supportRange' | 'occurrences', columns: string, rows: string[]) => {
    if (!only.has(key)) return;
    const name = tables[key];
    statements.push(`DROP TABLE IF EXISTS ${sqlName(name)}`, `CREATE TABLE ${sqlName(name)} (${columns})`);
    for (let start = 0; start < rows.length; start += batchSize) {
      statements.push(`INSERT INTO ${sqlName(name)} VALUES\n${rows.slice(start, start + batchSize).join(',\n')}`);
    }
    // PostgreSQL answers the next-occurrence lookup per row: an index makes it a seek.
    if (key === 'occurrences' && options.dialect === 'postgres') {
      statements.push(`CREATE INDEX ON ${sqlName(name)} (rule_key, zone, day)`);
    }
  };
  table(
    'zoneDays',
    'zone TEXT NOT NULL, utc_day INTEGER NOT NULL, from_ms BIGINT NOT NULL, to_ms BIGINT NOT NULL, offset_ms BIGINT NOT NULL',
    support.zoneDays.map((row) => `(${sqlString(row.zone)}, ${row.utcDay}, ${row.fromMs}, ${row.toMs}, ${row.offsetMs})`),
  );
  table(
    'workDays',
    'base_calendar TEXT NOT NULL, contact_calendar TEXT NOT NULL, day DATE NOT NULL, following DATE NOT NULL, preceding DATE NOT NULL, modified_following DATE NOT NULL',
    support.workDays.map(
      (row) =>
        `(${sqlString(row.baseCalendar)}, ${sqlString(row.contactCalendar)}, ${sqlString(row.day)}, ${sqlString(row.following)}, ${sqlString(row.preceding)}, ${sqlString(row.modifiedFollowing)})`,
    ),
  );
  table(
    'occurrences',
    'rule_key TEXT NOT NULL, zone TEXT NOT NULL, day DATE NOT NULL',
    support.occurrences.map((row) => `(${sqlString(row.ruleKey)}, ${sqlString(row.zone)}, ${sqlString(row.day)})`),
  );
  table('supportRange', 'first_day DATE NOT NULL, last_day DATE NOT NULL', [
    `(${sqlString(support.range.firstDay)}, ${sqlString(support.range.lastDay)})`,
  ]);
  return statements;
}
