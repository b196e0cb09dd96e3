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
 *
 * This file checks the options and joins the steps; each step is written next to it: what is
 * refused (refusals.ts), the contact state (contact-state.ts), the tiers (tiers.ts), the raw due
 * date by cadence kind (cadences.ts), and shift, pause, snooze and status (cycle-status.ts), with
 * what they share in query-context.ts.
 */
import { parseInstant } from '../time/instant.js';
import type { InstantInput } from '../core/types.js';
import { InputError, type Issue } from '../errors/errors.js';
import { messages } from '../errors/messages.js';
import { type Counts, parsePolicy, type Policy } from '../schema/policy.js';
import { contactsSql, lastTouchesSql, localSql, zonesSql } from './contact-state.js';
import { cycleSql } from './cycle-status.js';
import { type DialectSpelling, SQL_DIALECTS, type SqlDialect, spellings, sqlString } from './dialect.js';
import { resolveNames, type SqlNameOptions, type SqlTables } from './names.js';
import { type Context, filterKey, itemValues, type SqlValues, tracksLostTiers } from './query-context.js';
import { coverageIssues, SqlUnsupportedError } from './refusals.js';
import { tierCtes } from './tiers.js';

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
  /**
   * How `due_on` and `last_touch_at` come out: `text` (default) as `evaluate`'s items spell them
   * (`'2026-11-16'`, `'2026-11-01T09:30:00.000Z'`); `typed` as a DATE and a TIMESTAMPTZ (the
   * same instant), the rows otherwise the same. Formatting text is a large part of the query's
   * work (docs/scale.md, "DuckDB"): a job that writes the rows into a table, or reads them with
   * a driver that gives dates as values, asks for `typed`.
   */
  values?: SqlValues;
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
 * Output columns: the item fields of `evaluate`, snake_case. `status` may also be `out-of-range`,
 * `unknown-zone`, `unknown-calendar` or `unknown-rule` (see docs/scale.md), and a contact whose
 * tier depends on a date the support tables cannot place is one row with `cycle_id` and `tier_id`
 * NULL.
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

/**
 * Compiles a policy to one SQL query for PostgreSQL (15+, Citus) or DuckDB. Throws
 * `PolicyError` for an invalid policy and `SqlUnsupportedError` (listing every path) for the
 * parts it does not cover.
 *
 * @example
 * const { sql } = compileSql(policy, { dialect: 'postgres' });
 * const { rows } = await client.query(sql, ['2026-11-23T08:00:00Z']);
 * // rows[0] → { contact_id: 'c1', cycle_id: 'check-in', status: 'overdue', due_on: '2026-11-16', … }
 *
 * @example
 * // A nightly job writing the rows into a table: DATE and TIMESTAMPTZ columns, no text to format.
 * const { sql: typed } = compileSql(policy, { dialect: 'duckdb', now: 'current_timestamp', values: 'typed' });
 * await connection.run(`CREATE OR REPLACE TABLE due_items AS ${typed}`);
 */
export function compileSql(policyInput: Policy, options: CompileSqlOptions): CompiledSql {
  const prepared = prepareQuery(policyInput, options);
  return itemsQuery(prepared, options, undefined);
}

/** A checked policy and what every query written for it shares. */
export interface PreparedQuery {
  context: Context;
  nowSql: string;
  omittedCycles: OmittedCycle[];
  isOmitted: (tierId: string, cycleId: string) => boolean;
}

/**
 * Checks the policy and options as `compileSql` does (throwing the same errors) and gathers what
 * every statement written for them shares.
 *
 * @example
 * const prepared = prepareQuery(policy, { dialect: 'duckdb' });
 */
export function prepareQuery(policyInput: Policy, options: CompileSqlOptions): PreparedQuery {
  const policy = parsePolicy(policyInput);
  if (!SQL_DIALECTS.includes(options.dialect)) {
    throw new InputError(`unknown dialect "${String(options.dialect)}"`, [
      { code: 'invalid_value', path: ['dialect'], message: `one of ${SQL_DIALECTS.join(', ')}` },
    ]);
  }
  const values = options.values ?? 'text';
  if (values !== 'text' && values !== 'typed') {
    throw new InputError(`unknown values "${String(options.values)}"`, [
      { code: 'invalid_value', path: ['values'], message: 'one of text, typed' },
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
  const context: Context = { say: spellings[options.dialect], tables, columns: names.columns, policy, filters, values };
  return { context, nowSql: nowExpression(options.now, context.say), omittedCycles, isOmitted };
}

/**
 * The CTEs every statement starts with: now, last touches, contacts, zones and local dates.
 *
 * @example
 * const ctes = stateCtes(prepared); // [['cc_now', …], ['cc_last', …], …, ['cc_local', …]]
 */
export function stateCtes(prepared: PreparedQuery): [string, string][] {
  const { context, nowSql } = prepared;
  return [
    ['cc_now', `SELECT now_at, ${context.say.epochMs('now_at')} AS now_ms FROM (SELECT CAST(${nowSql} AS TIMESTAMPTZ) AS now_at) AS given`],
    ['cc_last', lastTouchesSql(context)],
    ['cc_contacts', `${contactsSql(context)}${context.say.fence}`],
    ['cc_zones', zonesSql(context)],
    ['cc_local', `${localSql(context)}${context.say.fence}`],
  ];
}

/**
 * The items query. `topTiers`: the table the coordinator step of a sharded run wrote (see
 * sharded.ts), read in place of each top-N rule's window; undefined ranks in the query.
 *
 * @example
 * const { sql } = itemsQuery(prepareQuery(policy, options), options, undefined);
 */
export function itemsQuery(prepared: PreparedQuery, options: CompileSqlOptions, topTiers: string | undefined): CompiledSql {
  const { context, omittedCycles, isOmitted } = prepared;
  const { policy } = context;
  const ctes = stateCtes(prepared);
  const tiered = tierCtes(context, ctes, topTiers);
  const branches: string[] = [];
  policy.tiers.forEach((tier) => {
    tier.cycles.forEach((cycle) => {
      if (isOmitted(tier.id, cycle.id)) return;
      const name = `cc_q_${branches.length}`;
      branches.push(cycleSql(context, tiered, tier.id, cycle, name, ctes));
    });
  });
  // Every cycle omitted: a query with the item columns and no rows, so the caller's job runs as
  // it does for any policy and evaluate computes every item.
  if (branches.length === 0) branches.push(emptySql(context));
  if (tracksLostTiers(context)) branches.push(lostTierSql(context, tiered));
  return {
    dialect: options.dialect,
    sql: withCtes(ctes, branches.join('\nUNION ALL\n')),
    parameters: options.now === undefined ? ['now'] : [],
    columns: SQL_ITEM_COLUMNS,
    omittedCycles,
  };
}

/**
 * `WITH` the CTEs, then the body.
 *
 * @example
 * withCtes([['cc_now', 'SELECT 1']], 'SELECT * FROM cc_now')
 */
export function withCtes(ctes: readonly [string, string][], body: string): string {
  return `WITH\n${ctes.map(([name, cte]) => `${name} AS (\n${indent(cte)}\n)`).join(',\n')}\n${body}`;
}

function emptySql(context: Context): string {
  const text = 'CAST(NULL AS VARCHAR)';
  const { noDueOn, noLastTouchAt } = itemValues(context);
  return [
    `SELECT ${text} AS contact_id, ${text} AS cycle_id, ${text} AS tier_id, ${text} AS owner_id, ${text} AS status,`,
    `  ${noDueOn} AS due_on, CAST(0 AS INTEGER) AS days_overdue, ${noLastTouchAt} AS last_touch_at, ${text} AS escalation`,
    `FROM cc_now WHERE FALSE`,
  ].join('\n');
}

// A contact whose tier depends on a date the zone table could not place has no known cycles: one
// row, with no cycle and no tier, says so.
function lostTierSql(context: Context, tiered: string): string {
  const text = 'CAST(NULL AS VARCHAR)';
  const { noDueOn, noLastTouchAt } = itemValues(context);
  return [
    `-- contacts whose tier is lost (a lapsed rule reading a date outside the zone table)`,
    `SELECT s.contact_id AS contact_id, ${text} AS cycle_id, ${text} AS tier_id, s.owner_id AS owner_id,`,
    `  COALESCE(s.problem, 'out-of-range') AS status, ${noDueOn} AS due_on, CAST(0 AS INTEGER) AS days_overdue,`,
    `  ${noLastTouchAt} AS last_touch_at, ${text} AS escalation`,
    `FROM ${tiered} AS s`,
    `WHERE s.tier_lost`,
  ].join('\n');
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
