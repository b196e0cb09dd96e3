/**
 * What every part of the compiled query shares: the context the query writers pass along, the touch
 * filters, expressions that fail the query with a message, and calendar arithmetic on dates.
 */
import type { CalendarDuration } from '../time/dates.js';
import { ATTEMPT_OUTCOMES, type Counts, type Policy } from '../schema/policy.js';
import { type DialectSpelling, sqlName, sqlString } from './dialect.js';
import type { SqlColumns, SqlTables } from './names.js';

const ATTEMPTS = ATTEMPT_OUTCOMES.map(sqlString).join(', ');

/** Everything the query writers share. */
export interface Context {
  readonly say: DialectSpelling;
  readonly tables: Omit<SqlTables, 'owners' | 'snoozes'> & { owners: string | null; snoozes: string | null };
  readonly columns: SqlColumns;
  readonly policy: Policy;
  /** Touch filters by canonical key; index 0 is the default filter (lapsed rules use it). */
  readonly filters: Map<string, { index: number; counts: Counts | undefined }>;
  /** How `due_on` and `last_touch_at` are written: as text (the default) or as DATE and TIMESTAMPTZ. */
  readonly values: SqlValues;
}

/**
 * How the compiled query writes `due_on` and `last_touch_at`: `text` as `evaluate`'s items
 * spell them (`'2026-11-16'`, `'2026-11-01T09:30:00.000Z'`), `typed` as a DATE and a
 * TIMESTAMPTZ, which the database need not format.
 */
export type SqlValues = 'text' | 'typed';

/**
 * The `due_on` and `last_touch_at` expressions of a row, and the typed NULLs of each.
 *
 * @example
 * itemValues(context).dueOn('u.due') // "strftime(u.due, '%Y-%m-%d')" in DuckDB, text values
 */
export function itemValues(context: Pick<Context, 'say' | 'values'>): {
  dueOn(date: string): string;
  lastTouchAt(ms: string): string;
  noDueOn: string;
  noLastTouchAt: string;
} {
  const { say } = context;
  if (context.values === 'typed') {
    return {
      dueOn: (date) => `CAST(${date} AS DATE)`,
      lastTouchAt: (ms) => say.instantFromMs(ms),
      noDueOn: 'CAST(NULL AS DATE)',
      noLastTouchAt: 'CAST(NULL AS TIMESTAMPTZ)',
    };
  }
  return {
    dueOn: (date) => say.dateText(date),
    lastTouchAt: (ms) => say.isoFromMs(ms),
    noDueOn: say.dateText('CAST(NULL AS DATE)'),
    noLastTouchAt: 'CAST(NULL AS VARCHAR)',
  };
}

/**
 * The key that names a touch filter: two cycles counting the same touches share one.
 *
 * @example
 * filterKey(undefined) // 'default'
 */
export function filterKey(counts: Counts | undefined): string {
  if (!counts) return 'default';
  const sorted = (list: readonly string[] | undefined) => (list ? [...new Set(list)].sort() : null);
  return JSON.stringify([sorted(counts.channels), sorted(counts.directions), sorted(counts.outcomes), sorted(counts.purposes)]);
}

/**
 * The SQL condition a touch (alias `t`) meets to count for a filter, as `compileTouchFilter`.
 *
 * @example
 * `max(CASE WHEN ${filterSql(context, cycle.counts)} THEN t."at" END)`
 */
export function filterSql(context: Context, counts: Counts | undefined): string {
  const column = (name: keyof SqlColumns['touches']) => `t.${sqlName(context.columns.touches[name])}`;
  const among = (name: keyof SqlColumns['touches'], values: readonly string[]) =>
    `${column(name)} IN (${values.map(sqlString).join(', ')})`;
  const parts: string[] = [];
  if (counts?.channels) parts.push(among('channel', counts.channels));
  if (counts?.directions) parts.push(among('direction', counts.directions));
  // By default an attempt without contact does not count, and a touch with no outcome does.
  parts.push(
    counts?.outcomes ? among('outcome', counts.outcomes) : `(${column('outcome')} IS NULL OR ${column('outcome')} NOT IN (${ATTEMPTS}))`,
  );
  if (counts?.purposes) parts.push(among('purpose', counts.purposes));
  return parts.join(' AND ');
}

/**
 * An expression that fails the query with `message` (SQL text) when evaluated, typed as a date.
 *
 * @example
 * `CASE WHEN o.day IS NULL THEN ${failDate("'calling-cycle: no occurrence for ' || s.zone")} ELSE o.day END`
 */
export function failDate(message: string): string {
  // The message always holds a column value, so no planner folds the cast ahead of time.
  return `(DATE '1970-01-01' + CAST(${message} AS INTEGER))`;
}

/**
 * A date expression plus a calendar duration, as `addDuration` in the core.
 *
 * @example
 * addDurationSql(context, 's.last_day_0', parseDuration('P1M')!) // the dialect's "plus one month", clamped to the month's end
 */
export function addDurationSql(context: Context, date: string, duration: CalendarDuration): string {
  const months = duration.years * 12 + duration.months;
  const days = duration.weeks * 7 + duration.days;
  // Years and months first, the day clamped to the month's end, then days: as `addDuration`.
  const withMonths = months === 0 ? date : context.say.addMonths(date, months);
  return days === 0 ? withMonths : `(${withMonths} + ${days})`;
}

/**
 * Whether a tier may depend on a date the zone table could not place: only `lapsed` rules read
 * dates. Without them no tier CTE carries the `tier_lost` column.
 *
 * @example
 * const columns = tracksLostTiers(context) ? 'tier_id, tier_lost' : 'tier_id';
 */
export function tracksLostTiers(context: Context): boolean {
  return (context.policy.assign ?? []).some((rule) => rule.when !== undefined && 'lapsed' in rule.when);
}
