/**
 * `compileSql`: a policy as one SQL query that yields, inside the database, the rows `evaluate`
 * yields as items. Plain SQL (CTEs, CASE, window functions) over the caller's tables and the
 * support tables of `sqlSupportTables`; no extension, no stored procedure, no recursion.
 *
 * The query follows `evaluate` step by step, and each step is a CTE named after it:
 *   cc_now → cc_last (last qualifying touch per contact and touch filter) → cc_contacts (zone,
 *   calendars) → cc_local (today and local dates through the zone table) → cc_tier_* (explicit
 *   tier, then the assign rules in order, top-N as window functions) → one SELECT per cycle (raw
 *   due by cadence, shift through the work-day table, pause, snooze, status) joined by UNION ALL.
 */
import { type CalendarDuration, parseDate, parseDuration } from '../core/dates.js';
import { parseInstant } from '../core/instant.js';
import type { InstantInput } from '../core/types.js';
import { InputError, type Issue, isCallingCycleError } from '../errors/errors.js';
import { messages } from '../errors/messages.js';
import {
  ATTEMPT_OUTCOMES,
  type AssignRule,
  type Counts,
  type Cycle,
  parsePolicy,
  type Policy,
  type QuotaCadence,
} from '../schema/policy.js';
import { type DialectSpelling, SQL_DIALECTS, type SqlDialect, spellings, sqlDate, sqlName, sqlNumber, sqlString } from './dialect.js';
import { OCCURRENCES_ENDED, occurrenceKey } from './occurrence-key.js';
import { resolveNames, type SqlColumns, type SqlNameOptions, type SqlTables } from './names.js';

/**
 * A policy part the SQL compiler does not cover: refused, never computed differently. `issues`
 * lists each part by its policy path.
 *
 * @example
 * catch (error) { if (error instanceof SqlUnsupportedError) console.log(error.issues.map((issue) => issue.path.join('.'))) }
 */
export class SqlUnsupportedError extends InputError {
  override name = 'SqlUnsupportedError';
  constructor(issues: readonly Issue[]) {
    super(
      `compileSql does not cover:\n${issues
        .map(
          (issue) =>
            `  ${issue.path
              .map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`))
              .join('')
              .slice(1)}: ${issue.message}`,
        )
        .join('\n')}`,
      issues,
    );
  }
}

/**
 * True for a `SqlUnsupportedError`, even one from another copy of the library (where
 * `instanceof` would not see it).
 *
 * @example
 * try { compileSql(policy, { dialect: 'postgres' }) } catch (error) { if (isSqlUnsupported(error)) for (const issue of error.issues) console.log(issue.path) }
 */
export function isSqlUnsupported(value: unknown): value is SqlUnsupportedError {
  return isCallingCycleError(value) && value.name === 'SqlUnsupportedError';
}

/** Options of `compileSql`. */
export interface CompileSqlOptions extends Omit<SqlNameOptions, 'tables'> {
  dialect: SqlDialect;
  /**
   * The instant to evaluate at. Omitted: the query takes it as parameter `$1` (an ISO instant
   * string or a timestamptz), so one prepared statement serves every day. An instant: written
   * into the query as a literal. `{ sql }`: an SQL expression such as `current_timestamp`, for a
   * view or a dbt model.
   */
  now?: InstantInput | { sql: string };
  /**
   * What to do with cycles the compiler does not cover: `refuse` (default) throws
   * `SqlUnsupportedError`; `omit` leaves them out of the query and lists them in
   * `omittedCycles`, so a caller computes those with `evaluate` and the rest in the database.
   * Parts that touch every cycle (assign rules) are always refused.
   */
  unsupportedCycles?: 'refuse' | 'omit';
  /** Table names; `owners` or `snoozes` may be `null` when there is no such table. */
  tables?: Partial<Omit<SqlTables, 'owners' | 'snoozes'>> & { owners?: string | null; snoozes?: string | null };
}

/** The compiled query. */
export interface CompiledSql {
  dialect: SqlDialect;
  /** One SELECT statement, no trailing semicolon. */
  sql: string;
  /** Query parameters in order: `['now']` when `now` was omitted, else `[]`. */
  parameters: string[];
  /** The columns each row has, in order. */
  columns: readonly SqlItemColumn[];
  /** Cycles left out of the query (only with `unsupportedCycles: 'omit'`): their items are not in the rows. */
  omittedCycles: OmittedCycle[];
}

/** A cycle `compileSql` left out, and why. */
export interface OmittedCycle {
  tierId: string;
  cycleId: string;
  path: (string | number)[];
  message: string;
}

/**
 * Output columns: the item fields of `evaluate`, snake_case.
 *
 * @example
 * const header = SQL_ITEM_COLUMNS.join(','); // 'contact_id,cycle_id,tier_id,…'
 */
export const SQL_ITEM_COLUMNS = [
  'contact_id',
  'cycle_id',
  'tier_id',
  'owner_id',
  'status',
  'due_on',
  'days_overdue',
  'last_touch_at',
  'escalation',
] as const;
export type SqlItemColumn = (typeof SQL_ITEM_COLUMNS)[number];

const ATTEMPTS = ATTEMPT_OUTCOMES.map(sqlString).join(', ');

/** Everything the query writers share. */
interface Context {
  readonly say: DialectSpelling;
  readonly tables: Omit<SqlTables, 'owners' | 'snoozes'> & { owners: string | null; snoozes: string | null };
  readonly columns: SqlColumns;
  readonly policy: Policy;
  /** Touch filters by canonical key; index 0 is the default filter (lapsed rules use it). */
  readonly filters: Map<string, { index: number; counts: Counts | undefined }>;
}

/**
 * Compiles a policy to one SQL query for PostgreSQL (15+, Citus) or DuckDB. Throws
 * `PolicyError` for an invalid policy and `SqlUnsupportedError` (listing every path) for the
 * parts it does not cover.
 *
 * @example
 * const { sql } = compileSql(policy, { dialect: 'postgres' });
 * const { rows } = await client.query(sql, ['2026-11-23T08:00:00Z']);
 * // rows[0] → { contact_id: 'c1', cycle_id: 'check-in', status: 'overdue', due_on: '2026-11-16', … }
 */
export function compileSql(policyInput: Policy, options: CompileSqlOptions): CompiledSql {
  const policy = parsePolicy(policyInput);
  if (!SQL_DIALECTS.includes(options.dialect)) {
    throw new InputError(`unknown dialect "${String(options.dialect)}"`, [
      { code: 'invalid_value', path: ['dialect'], message: `one of ${SQL_DIALECTS.join(', ')}` },
    ]);
  }
  const unsupported = coverageIssues(policy);
  const omitting = options.unsupportedCycles === 'omit';
  const isCyclePart = (issue: Issue) => issue.path[0] === 'tiers' && issue.path[2] === 'cycles';
  const refused = omitting ? unsupported.filter((issue) => !isCyclePart(issue)) : unsupported;
  if (refused.length > 0) throw new SqlUnsupportedError(refused);
  const omittedCycles: OmittedCycle[] = unsupported.filter(isCyclePart).map((issue) => {
    const tier = policy.tiers[issue.path[1] as number]!;
    return { tierId: tier.id, cycleId: tier.cycles[issue.path[3] as number]!.id, path: [...issue.path], message: issue.message };
  });
  const isOmitted = (tierId: string, cycleId: string) =>
    omittedCycles.some((cycle) => cycle.tierId === tierId && cycle.cycleId === cycleId);
  if (omittedCycles.length === policy.tiers.reduce((total, tier) => total + tier.cycles.length, 0)) {
    throw new SqlUnsupportedError(unsupported);
  }
  const names = resolveNames({ ...options, tables: undefined });
  const tables = {
    ...names.tables,
    ...options.tables,
    owners: options.tables?.owners === undefined ? names.tables.owners : options.tables.owners,
    snoozes: options.tables?.snoozes === undefined ? names.tables.snoozes : options.tables.snoozes,
  };
  const filters = new Map<string, { index: number; counts: Counts | undefined }>([[filterKey(undefined), { index: 0, counts: undefined }]]);
  for (const tier of policy.tiers) {
    for (const cycle of tier.cycles) {
      if (isOmitted(tier.id, cycle.id)) continue;
      const key = filterKey(cycle.counts);
      if (!filters.has(key)) filters.set(key, { index: filters.size, counts: cycle.counts });
    }
  }
  const context: Context = { say: spellings[options.dialect], tables, columns: names.columns, policy, filters };
  const nowSql = nowExpression(options.now, context.say);
  const ctes: [string, string][] = [];
  ctes.push([
    'cc_now',
    `SELECT now_at, ${context.say.epochMs('now_at')} AS now_ms FROM (SELECT CAST(${nowSql} AS TIMESTAMPTZ) AS now_at) AS given`,
  ]);
  ctes.push(['cc_last', lastTouchesSql(context)]);
  ctes.push(['cc_contacts', contactsSql(context)]);
  ctes.push(['cc_local', localSql(context)]);
  const tiered = tierCtes(context, ctes);
  const branches: string[] = [];
  policy.tiers.forEach((tier) => {
    tier.cycles.forEach((cycle) => {
      if (isOmitted(tier.id, cycle.id)) return;
      const name = `cc_q_${branches.length}`;
      branches.push(cycleSql(context, tiered, tier.id, cycle, name, ctes));
    });
  });
  const sql = `WITH\n${ctes.map(([name, body]) => `${name} AS (\n${indent(body)}\n)`).join(',\n')}\n${branches.join('\nUNION ALL\n')}`;
  return { dialect: options.dialect, sql, parameters: options.now === undefined ? ['now'] : [], columns: SQL_ITEM_COLUMNS, omittedCycles };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

function nowExpression(now: CompileSqlOptions['now'], say: DialectSpelling): string {
  if (now === undefined) return say.nowParameter;
  if (typeof now === 'object' && !(now instanceof Date)) return `(${now.sql})`;
  const ms = parseInstant(now instanceof Date ? now.getTime() : now);
  if (ms === undefined) throw new InputError(messages.badNow, [{ code: 'invalid_instant', path: ['now'], message: messages.badNow }]);
  return sqlString(new Date(ms).toISOString());
}

// Names go into JSON paths and messages: plain ones only, so no quoting rule of either dialect
// can change what they mean.
const PLAIN_NAME = /^[A-Za-z0-9_][A-Za-z0-9_ .:-]*$/;

/** Every policy part `compileSql` refuses, by path. */
function coverageIssues(policy: Policy): Issue[] {
  const issues: Issue[] = [];
  policy.tiers.forEach((tier, tierIndex) => {
    tier.cycles.forEach((cycle, cycleIndex) => {
      const path = ['tiers', tierIndex, 'cycles', cycleIndex, 'cadence'];
      if ('rrule' in cycle.cadence && !(cycle.cadence.anchor !== undefined && parseDate(cycle.cadence.anchor) !== undefined)) {
        // The occurrence table holds one series per (rule, anchor, zone); a series per contact
        // (anchored on its createdAt or an event) would be a table as large as the book.
        issues.push({
          code: 'sql-unsupported',
          path: [...path, 'anchor'],
          message: 'anchored (RRULE) cadences compile to SQL only with a fixed anchor date; evaluate this cycle with evaluate()',
        });
      }
      if ('after' in cycle.cadence && !PLAIN_NAME.test(cycle.cadence.after)) {
        issues.push({
          code: 'sql-unsupported',
          path: [...path, 'after'],
          message: 'event names in SQL are letters, digits, _ . : - and spaces',
        });
      }
    });
  });
  (policy.assign ?? []).forEach((rule, index) => {
    const attribute = rule.when && 'attribute' in rule.when ? rule.when.attribute : undefined;
    if (attribute !== undefined && !PLAIN_NAME.test(attribute)) {
      issues.push({
        code: 'sql-unsupported',
        path: ['assign', index, 'when', 'attribute'],
        message: 'attribute names in SQL are letters, digits, _ . : - and spaces',
      });
    }
    if (rule.top && !PLAIN_NAME.test(rule.top.by)) {
      issues.push({
        code: 'sql-unsupported',
        path: ['assign', index, 'top', 'by'],
        message: 'attribute names in SQL are letters, digits, _ . : - and spaces',
      });
    }
  });
  return issues;
}

function filterKey(counts: Counts | undefined): string {
  if (!counts) return 'default';
  const sorted = (list: readonly string[] | undefined) => (list ? [...new Set(list)].sort() : null);
  return JSON.stringify([sorted(counts.channels), sorted(counts.directions), sorted(counts.outcomes), sorted(counts.purposes)]);
}

/** The SQL condition a touch (alias `t`) meets to count for a filter, as `compileTouchFilter`. */
function filterSql(context: Context, counts: Counts | undefined): string {
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

function lastTouchesSql(context: Context): string {
  const at = `t.${sqlName(context.columns.touches.at)}`;
  const lasts = [...context.filters.values()].map(
    ({ index, counts }) => `max(CASE WHEN ${filterSql(context, counts)} THEN ${at} END) AS last_at_${index}`,
  );
  return [
    `SELECT t.${sqlName(context.columns.touches.contactId)} AS contact_id,`,
    ...lasts.map((line, index) => `  ${line}${index < lasts.length - 1 ? ',' : ''}`),
    `FROM ${sqlName(context.tables.touches)} AS t CROSS JOIN cc_now AS n`,
    `-- A touch dated after now is planned, not done.`,
    `WHERE ${at} <= n.now_at`,
    `GROUP BY t.${sqlName(context.columns.touches.contactId)}`,
  ].join('\n');
}

/** An expression that fails the query with `message` (SQL text) when evaluated, typed as a date. */
function failDate(message: string): string {
  // The message always holds a column value, so no planner folds the cast ahead of time.
  return `(DATE '1970-01-01' + CAST(${message} AS INTEGER))`;
}

function failText(message: string): string {
  return `CAST(CAST(${message} AS INTEGER) AS VARCHAR)`;
}

function contactsSql(context: Context): string {
  const { policy, say } = context;
  const c = (name: keyof SqlColumns['contacts']) => `c.${sqlName(context.columns.contacts[name])}`;
  const o = (name: keyof SqlColumns['owners']) => `o.${sqlName(context.columns.owners[name])}`;
  const hasOwners = context.tables.owners !== null;
  const calendars = Object.keys(policy.calendars ?? {});
  const known = (expression: string, what: string) =>
    calendars.length === 0
      ? `CASE WHEN ${expression} IS NULL THEN NULL ELSE ${failText(`'calling-cycle: unknown calendar "' || ${expression} || '" (${what})'`)} END`
      : `CASE WHEN ${expression} IS NULL OR ${expression} IN (${calendars.map(sqlString).join(', ')}) THEN ${expression} ELSE ${failText(`'calling-cycle: unknown calendar "' || ${expression} || '" (${what})'`)} END`;
  const ownerZone = hasOwners ? `${o('timeZone')}, ` : '';
  const ownerCalendar = hasOwners ? `${known(o('calendar'), 'owner calendar')}, ` : '';
  const lasts = [...context.filters.values()].map(({ index }) => `${say.epochMs(`l.last_at_${index}`)} AS last_ms_${index}`);
  return [
    `SELECT ${c('id')} AS contact_id, ${c('ownerId')} AS owner_id,`,
    `  -- The contact's zone: its own, its owner's, the policy's, UTC.`,
    `  COALESCE(${c('timeZone')}, ${ownerZone}${sqlString(policy.timeZone ?? 'UTC')}) AS zone,`,
    `  ${c('tier')} AS explicit_tier,`,
    `  COALESCE(${ownerCalendar}${sqlString(policy.calendar ?? '')}) AS base_calendar,`,
    `  COALESCE(${known(c('calendar'), 'contact calendar')}, '') AS contact_calendar,`,
    `  COALESCE(${c('doNotContact')}, FALSE) AS do_not_contact, ${c('pausedUntil')} AS paused_until,`,
    `  ${c('attributes')} AS attributes, ${c('events')} AS events,`,
    `  ${say.epochMs(c('createdAt'))} AS created_ms, n.now_ms AS now_ms,`,
    `  ${lasts.join(', ')}`,
    `FROM ${sqlName(context.tables.contacts)} AS c`,
    ...(hasOwners ? [`LEFT JOIN ${sqlName(context.tables.owners!)} AS o ON ${o('id')} = ${c('ownerId')}`] : []),
    `LEFT JOIN cc_last AS l ON l.contact_id = ${c('id')}`,
    `CROSS JOIN cc_now AS n`,
  ].join('\n');
}

/** Join to the zone table for the stretch holding `ms` in the row's zone. */
function zoneJoin(context: Context, alias: string, ms: string): string {
  return (
    `LEFT JOIN ${sqlName(context.tables.zoneDays)} AS ${alias} ON ${alias}.zone = x.zone` +
    ` AND ${alias}.utc_day = CAST(floor(${ms} / 86400000.0) AS INTEGER) AND ${ms} >= ${alias}.from_ms AND ${ms} < ${alias}.to_ms`
  );
}

/** The local date of `ms` through a zone join, failing the query when the zone table lacks it. */
function localDay(alias: string, ms: string, what: string): string {
  return (
    `CASE WHEN ${ms} IS NULL THEN NULL WHEN ${alias}.zone IS NULL THEN ` +
    failDate(
      `'calling-cycle: no offset for zone ' || x.zone || ' at epoch ms ' || CAST(${ms} AS VARCHAR) || ' (${what}): add the zone or widen from/to in sqlSupportTables'`,
    ) +
    ` ELSE DATE '1970-01-01' + CAST(floor((${ms} + ${alias}.offset_ms) / 86400000.0) AS INTEGER) END`
  );
}

const STATE_COLUMNS = [
  'contact_id',
  'owner_id',
  'zone',
  'base_calendar',
  'contact_calendar',
  'do_not_contact',
  'paused_until',
  'attributes',
  'events',
  'today',
  'created_day',
];

function localSql(context: Context): string {
  const filters = [...context.filters.values()].map(({ index }) => index);
  return [
    `SELECT x.contact_id, x.owner_id, x.zone, x.base_calendar, x.contact_calendar, x.do_not_contact, x.paused_until, x.attributes, x.events,`,
    `  ${localDay('zn', 'x.now_ms', 'now')} AS today,`,
    `  ${localDay('zc', 'x.created_ms', 'createdAt')} AS created_day,`,
    ...filters.map((index) => `  x.last_ms_${index}, ${localDay(`z${index}`, `x.last_ms_${index}`, 'touch')} AS last_day_${index},`),
    `  x.explicit_tier AS tier_id`,
    `FROM cc_contacts AS x`,
    zoneJoin(context, 'zn', 'x.now_ms'),
    zoneJoin(context, 'zc', 'x.created_ms'),
    ...filters.map((index) => zoneJoin(context, `z${index}`, `x.last_ms_${index}`)),
  ].join('\n');
}

function stateColumns(context: Context): string[] {
  return [...STATE_COLUMNS, ...[...context.filters.values()].flatMap(({ index }) => [`last_ms_${index}`, `last_day_${index}`])];
}

function addDurationSql(context: Context, date: string, duration: CalendarDuration): string {
  const months = duration.years * 12 + duration.months;
  const days = duration.weeks * 7 + duration.days;
  // Years and months first, the day clamped to the month's end, then days: as `addDuration`.
  const withMonths = months === 0 ? date : context.say.addMonths(date, months);
  return days === 0 ? withMonths : `(${withMonths} + ${days})`;
}

/** The number a JSON member holds, or NULL when it holds anything else. */
function jsonNumber(context: Context, column: string, member: string): string {
  return `CASE WHEN ${context.say.jsonIs(column, member, 'number')} THEN CAST(${context.say.jsonText(column, member)} AS DOUBLE PRECISION) END`;
}

function jsonEquals(context: Context, column: string, member: string, value: string | number | boolean): string {
  const { say } = context;
  if (typeof value === 'number') return `(${jsonNumber(context, column, member)} = ${sqlNumber(value)})`;
  if (typeof value === 'boolean') return `(${say.jsonIs(column, member, 'boolean')} AND ${say.jsonText(column, member)} = '${value}')`;
  return `(${say.jsonIs(column, member, 'string')} AND ${say.jsonText(column, member)} = ${sqlString(value)})`;
}

/** An assign rule's `when`, over a state row (`s`), as `matches` in the core. */
function conditionSql(context: Context, condition: NonNullable<AssignRule['when']>): string {
  if ('lapsed' in condition) {
    // Never touched: lapsed once its age passes the duration; with no createdAt, lapsed.
    const since = 'COALESCE(s.last_day_0, s.created_day)';
    return `(${since} IS NULL OR ${addDurationSql(context, since, parseDuration(condition.lapsed)!)} <= s.today)`;
  }
  const { say } = context;
  const member = condition.attribute;
  // Present: there, and not a JSON null (as `value !== undefined && value !== null`).
  const present = `(${say.jsonHas('s.attributes', member)} AND NOT ${say.jsonIs('s.attributes', member, 'null')})`;
  const parts: string[] = [];
  if (condition.exists !== undefined) parts.push(condition.exists ? present : `NOT ${present}`);
  if (condition.eq !== undefined) parts.push(jsonEquals(context, 's.attributes', member, condition.eq));
  if (condition.in !== undefined)
    parts.push(`(${condition.in.map((value) => jsonEquals(context, 's.attributes', member, value)).join(' OR ')})`);
  if (condition.gte !== undefined) parts.push(`(${jsonNumber(context, 's.attributes', member)} >= ${sqlNumber(condition.gte)})`);
  if (condition.lte !== undefined) parts.push(`(${jsonNumber(context, 's.attributes', member)} <= ${sqlNumber(condition.lte)})`);
  return parts.length === 0 ? 'TRUE' : `COALESCE(${parts.join(' AND ')}, FALSE)`;
}

/**
 * The assign rules in order, first match, over the contacts not yet tiered: runs of plain rules
 * fold into one CASE; each top-N rule is a window function over the contacts it may take.
 * Returns the name of the CTE whose `tier_id` is final.
 */
function tierCtes(context: Context, ctes: [string, string][]): string {
  const rules = context.policy.assign ?? [];
  const columns = stateColumns(context);
  const keep = columns.map((column) => `s.${column}`).join(', ');
  let previous = 'cc_local';
  let pending: { rule: AssignRule; index: number }[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const name = `cc_tier_${pending[0]!.index}`;
    const cases = pending.map(
      ({ rule, index }) =>
        `    WHEN ${rule.when ? conditionSql(context, rule.when) : 'TRUE'} THEN ${sqlString(rule.tier)} -- assign[${index}]`,
    );
    ctes.push([
      name,
      [`SELECT ${keep},`, `  CASE WHEN s.tier_id IS NOT NULL THEN s.tier_id`, ...cases, `  END AS tier_id`, `FROM ${previous} AS s`].join(
        '\n',
      ),
    ]);
    previous = name;
    pending = [];
  };
  rules.forEach((rule, index) => {
    if (!rule.top) {
      pending.push({ rule, index });
      return;
    }
    flush();
    const { by, n, per } = rule.top;
    const value = jsonNumber(context, 's.attributes', by);
    const eligible = `(s.tier_id IS NULL${rule.when ? ` AND ${conditionSql(context, rule.when)}` : ''} AND ${value} IS NOT NULL)`;
    const partition = per === 'owner' ? `${eligible}, COALESCE(s.owner_id, '')` : eligible;
    const name = `cc_tier_${index}`;
    ctes.push([
      name,
      [
        `-- assign[${index}]: the top ${n} by ${by}${per === 'owner' ? ' per owner' : ' overall'}, highest first, ties by contact id.`,
        `SELECT ${columns.map((column) => `r.${column}`).join(', ')},`,
        `  CASE WHEN r.tier_id IS NULL AND r.top_rank <= ${n} THEN ${sqlString(rule.tier)} ELSE r.tier_id END AS tier_id`,
        `FROM (`,
        `  SELECT ${keep}, s.tier_id,`,
        `    CASE WHEN ${eligible} THEN row_number() OVER (PARTITION BY ${partition} ORDER BY ${value} DESC, ${context.say.binaryOrder('s.contact_id')}) END AS top_rank`,
        `  FROM ${previous} AS s`,
        `) AS r`,
      ].join('\n'),
    ]);
    previous = name;
  });
  flush();
  const fallback = context.policy.defaultTier;
  ctes.push([
    'cc_tiered',
    `SELECT ${keep}, ${fallback !== undefined ? `COALESCE(s.tier_id, ${sqlString(fallback)})` : 's.tier_id'} AS tier_id\nFROM ${previous} AS s`,
  ]);
  return 'cc_tiered';
}

/** Index of the calendar period holding a date: consecutive periods have consecutive indexes. */
function periodIndex(context: Context, date: string, per: QuotaCadence['per']): string {
  const year = `CAST(extract(year FROM ${date}) AS INTEGER)`;
  const month = `CAST(extract(month FROM ${date}) AS INTEGER)`;
  if (per === 'week') return `CAST(floor((${context.say.daysBetween(date, "DATE '1970-01-01'")} - 4) / 7.0) AS INTEGER)`; // 1970-01-05 was a Monday
  if (per === 'month') return `(${year} * 12 + ${month} - 1)`;
  if (per === 'quarter') return `(${year} * 4 + CAST(floor((${month} - 1) / 3.0) AS INTEGER))`;
  return year;
}

/** First day of the period with this index. */
function periodStart(index: string, per: QuotaCadence['per']): string {
  if (per === 'week') return `(DATE '1970-01-01' + CAST((${index}) * 7 + 4 AS INTEGER))`;
  const year = (size: number) => `CAST(floor((${index}) / ${size}.0) AS INTEGER)`;
  if (per === 'month') return `make_date(${year(12)}, CAST((${index}) - ${year(12)} * 12 + 1 AS INTEGER), 1)`;
  if (per === 'quarter') return `make_date(${year(4)}, CAST(((${index}) - ${year(4)} * 4) * 3 + 1 AS INTEGER), 1)`;
  return `make_date(CAST(${index} AS INTEGER), 1, 1)`;
}

/**
 * Quota support: per contact of the tier, how many periods in a row from the start period have
 * met their quota (a period's touches counted once per instant and channel). The first unmet
 * period follows that run. Windows are partitioned by contact: no cross-shard step.
 */
function quotaCtes(
  context: Context,
  tiered: string,
  tierId: string,
  cadence: QuotaCadence,
  filterIndex: number,
  counts: Counts | undefined,
  name: string,
  ctes: [string, string][],
): void {
  const { say } = context;
  const touches = context.columns.touches;
  const start = `COALESCE(s.last_day_${filterIndex}, s.created_day, s.today)`;
  ctes.push([
    `${name}_start`,
    `SELECT s.contact_id, s.zone, ${periodIndex(context, start, cadence.per)} AS start_period\nFROM ${tiered} AS s\nWHERE s.tier_id = ${sqlString(tierId)}`,
  ]);
  ctes.push([
    `${name}_touches`,
    [
      `-- The same touch synced twice (same contact, instant and channel) counts once.`,
      `SELECT DISTINCT t.${sqlName(touches.contactId)} AS contact_id, ${say.epochMs(`t.${sqlName(touches.at)}`)} AS ms, t.${sqlName(touches.channel)} AS channel`,
      `FROM ${sqlName(context.tables.touches)} AS t CROSS JOIN cc_now AS n`,
      `WHERE t.${sqlName(touches.at)} <= n.now_at AND ${filterSql(context, counts)}`,
    ].join('\n'),
  ]);
  const day = localDay('z', 'd.ms', 'touch');
  ctes.push([
    `${name}_met`,
    [
      `SELECT x.contact_id, x.start_period, ${periodIndex(context, day, cadence.per)} AS period`,
      `FROM ${name}_touches AS d JOIN ${name}_start AS x ON x.contact_id = d.contact_id`,
      zoneJoin(context, 'z', 'd.ms'),
      `GROUP BY x.contact_id, x.start_period, ${periodIndex(context, day, cadence.per)}`,
      `HAVING count(*) >= ${cadence.times}`,
    ].join('\n'),
  ]);
  ctes.push([
    `${name}_run`,
    [
      `SELECT m.contact_id, CAST(count(*) AS INTEGER) AS met_in_a_row`,
      `FROM (`,
      `  SELECT contact_id, start_period, period, row_number() OVER (PARTITION BY contact_id ORDER BY period) AS position`,
      `  FROM ${name}_met WHERE period >= start_period`,
      `) AS m`,
      `WHERE m.period - m.start_period = m.position - 1`,
      `GROUP BY m.contact_id`,
    ].join('\n'),
  ]);
}

/** One cycle's items: raw due by cadence, then shift, pause, snooze and status. */
function cycleSql(context: Context, tiered: string, tierId: string, cycle: Cycle, name: string, ctes: [string, string][]): string {
  const { say } = context;
  const filter = context.filters.get(filterKey(cycle.counts))!.index;
  const cadence = cycle.cadence;
  const last = `s.last_day_${filter}`;
  let rawDue: string;
  let ended = 'FALSE';
  let joins = '';
  // A contact never touched and without createdAt is due today, on no cadence date: not shifted.
  let unshifted = 'FALSE';
  let shift = cycle.shift ?? 'following';
  const preSteps: [string, [string, string][]][] = [];
  if ('every' in cadence) {
    const created = cycle.firstTouchWithin
      ? addDurationSql(context, 's.created_day', parseDuration(cycle.firstTouchWithin)!)
      : 's.created_day';
    rawDue = `CASE WHEN ${last} IS NOT NULL THEN ${addDurationSql(context, last, parseDuration(cadence.every)!)} WHEN s.created_day IS NOT NULL THEN ${created} ELSE s.today END`;
    unshifted = `(${last} IS NULL AND s.created_day IS NULL)`;
  } else if ('per' in cadence) {
    // The end of a quota period is never pushed into the next one.
    shift = cycle.shift ?? 'preceding';
    quotaCtes(context, tiered, tierId, cadence, filter, cycle.counts, name, ctes);
    joins = `JOIN ${name}_start AS qs ON qs.contact_id = s.contact_id\nLEFT JOIN ${name}_run AS qr ON qr.contact_id = s.contact_id`;
    // Never touched and no creation date: due today, like any new contact, and not shifted.
    rawDue = `CASE WHEN ${last} IS NULL AND s.created_day IS NULL THEN s.today ELSE (${periodStart('qs.start_period + COALESCE(qr.met_in_a_row, 0) + 1', cadence.per)} - 1) END`;
    unshifted = `(${last} IS NULL AND s.created_day IS NULL)`;
  } else if ('after' in cadence) {
    const text = say.jsonText('s.events', cadence.after);
    const event = `CASE WHEN ${text} IS NULL THEN NULL WHEN length(${text}) = 10 THEN CAST(${text} AS DATE) ELSE ${failDate(`'calling-cycle: event ${cadence.after} of contact ' || s.contact_id || ' is not a YYYY-MM-DD date: ' || ${text}`)} END`;
    const early = cadence.earlyDays ?? 0;
    const open = cadence.at.map((offset) => {
      const date = addDurationSql(context, `(${event})`, parseDuration(offset)!);
      return `CASE WHEN ${last} IS NULL OR ${last} < ${date} - ${early} THEN ${date} END`;
    });
    // The earliest milestone not yet satisfied (a satisfied one is every one before it too).
    rawDue = open.length === 1 ? open[0]! : `LEAST(${open.join(', ')})`;
    ended = `(${rawDue}) IS NULL`;
  } else {
    // Anchored on a fixed date: the first occurrence after the last touch + earlyDays (or, never
    // touched, on or after createdAt or the anchor), read from the occurrence table the core filled.
    const anchor = cadence.anchor!;
    const key = occurrenceKey(cadence.rrule, anchor);
    const from = `CASE WHEN ${last} IS NOT NULL THEN ${last} + ${(cadence.earlyDays ?? 0) + 1} ELSE COALESCE(s.created_day, ${sqlDate(anchor)}) END`;
    const next =
      `(SELECT min(o.day) FROM ${sqlName(context.tables.occurrences)} AS o` +
      ` WHERE o.rule_key = ${sqlString(key)} AND o.zone = s.zone AND o.day >= ${from})`;
    const missing = failDate(
      `'calling-cycle: no occurrences of ${key.replaceAll("'", "''")} in zone ' || s.zone || ': regenerate sqlSupportTables for this policy and zone'`,
    );
    const late = failDate(
      `'calling-cycle: occurrences after ' || ${context.say.dateText(`(${from})`)} || ' are past the support tables: widen to in sqlSupportTables'`,
    );
    preSteps.push(['o', [[`CASE WHEN ${from} > g.last_day THEN ${late} ELSE COALESCE(${next}, ${missing}) END`, 'next_day']]]);
    rawDue = `CASE WHEN o.next_day = ${sqlDate(OCCURRENCES_ENDED)} THEN NULL ELSE o.next_day END`;
    ended = `(o.next_day = ${sqlDate(OCCURRENCES_ENDED)})`;
  }
  const graceDays = cycle.graceDays ?? 0;
  const soonDays = cycle.soonDays ?? 0;
  const steps = [...(cycle.escalate ?? [])].sort((a, b) => a.afterDays - b.afterDays);
  const escalation =
    steps.length === 0
      ? 'CAST(NULL AS VARCHAR)'
      : `CASE ${[...steps]
          .reverse()
          .map((step) => `WHEN ${say.daysBetween('s.today', 'u.due')} >= ${step.afterDays} THEN ${sqlString(step.to)}`)
          .join(' ')} END`;
  const snoozes = context.tables.snoozes;
  const sz = context.columns.snoozes;
  const shiftColumn = { following: 'following', preceding: 'preceding', 'modified-following': 'modified_following', none: '' }[shift];
  const outOfRange = failDate(
    `'calling-cycle: due date ' || ${say.dateText('r.raw_due')} || ' is outside the support tables (' || ${say.dateText('g.first_day')} || ' to ' || ${say.dateText('g.last_day')} || '): widen from/to in sqlSupportTables'`,
  );
  const lastMs = `s.last_ms_${filter}`;
  const moved = (column: string) =>
    `CASE WHEN r.raw_due IS NULL OR s.do_not_contact OR r.unshifted THEN r.raw_due` +
    ` WHEN r.raw_due < g.first_day OR r.raw_due > g.last_day THEN ${outOfRange}` +
    ` WHEN w.day IS NULL THEN r.raw_due ELSE w.${column} END`;
  // No shift moves a never-touched contact's due date before it was created (or, without a
  // creation date, before today): the next workable day on or after the raw date instead.
  const since = 'COALESCE(s.created_day, s.today)';
  const shifted =
    shift === 'none'
      ? 'r.raw_due'
      : `CASE WHEN ${lastMs} IS NULL AND r.raw_due >= ${since} AND (${moved(shiftColumn)}) < ${since}` +
        ` THEN ${moved('following')} ELSE ${moved(shiftColumn)} END`;
  // Each step is a one-row LATERAL: the database computes a value once per row, where nested
  // subqueries would be flattened and every later reference would copy the whole expression.
  const step = (alias: string, values: [string, string][]) => `${say.lateral(values, alias)}`;
  return [
    `-- tier ${tierId}, cycle ${cycle.id}`,
    `SELECT s.contact_id, ${sqlString(cycle.id)} AS cycle_id, s.tier_id, s.owner_id, t.status,`,
    `  CASE WHEN t.status IN ('excluded', 'ended') THEN NULL ELSE ${say.dateText('u.due')} END AS due_on,`,
    `  CASE WHEN t.status = 'overdue' THEN ${say.daysBetween('s.today', 'u.due')} ELSE 0 END AS days_overdue,`,
    `  CASE WHEN ${lastMs} IS NULL THEN NULL ELSE ${say.isoFromMs(lastMs)} END AS last_touch_at,`,
    `  CASE WHEN t.status = 'overdue' THEN ${escalation} END AS escalation`,
    `FROM ${tiered} AS s`,
    ...(joins ? joins.split('\n') : []),
    `CROSS JOIN ${sqlName(context.tables.supportRange)} AS g`,
    ...preSteps.map(([alias, values]) => step(alias, values)),
    `-- The raw due date the cadence gives, before any shift, pause or snooze.`,
    step('r', [
      [rawDue, 'raw_due'],
      [ended, 'ended'],
      [unshifted, 'unshifted'],
    ]),
    ...(shift === 'none'
      ? []
      : [
          `LEFT JOIN ${sqlName(context.tables.workDays)} AS w ON w.base_calendar = s.base_calendar AND w.contact_calendar = s.contact_calendar AND w.day = r.raw_due`,
        ]),
    snoozes === null
      ? `LEFT JOIN (SELECT CAST(NULL AS VARCHAR) AS contact_id, CAST(NULL AS DATE) AS until) AS sn ON FALSE`
      : `LEFT JOIN (SELECT ${sqlName(sz.contactId)} AS contact_id, max(${sqlName(sz.until)}) AS until FROM ${sqlName(snoozes)} WHERE ${sqlName(sz.cycleId)} = ${sqlString(cycle.id)} GROUP BY ${sqlName(sz.contactId)}) AS sn ON sn.contact_id = s.contact_id`,
    step('k', [[shifted, 'shifted']]),
    `-- Pause and snooze dates are explicit choices and stand as given, unshifted.`,
    step('h', [
      [`CASE WHEN s.paused_until IS NOT NULL AND s.paused_until > k.shifted THEN s.paused_until ELSE k.shifted END`, 'paused_due'],
    ]),
    step('u', [[`CASE WHEN sn.until IS NOT NULL AND sn.until > h.paused_due THEN sn.until ELSE h.paused_due END`, 'due']]),
    step('t', [
      [
        `CASE WHEN s.do_not_contact THEN 'excluded' WHEN r.ended THEN 'ended' WHEN s.paused_until > s.today THEN 'paused'` +
          ` WHEN s.today < ${soonDays === 0 ? 'u.due' : `u.due - ${soonDays}`} THEN 'upcoming' WHEN s.today < u.due THEN 'soon' WHEN s.today <= ${graceDays === 0 ? 'u.due' : `u.due + ${graceDays}`} THEN 'due' ELSE 'overdue' END`,
        'status',
      ],
    ]),
    `WHERE s.tier_id = ${sqlString(tierId)}`,
  ].join('\n');
}
