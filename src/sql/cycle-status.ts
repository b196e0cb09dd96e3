/**
 * One cycle's SELECT: the raw due date its cadence gives, shifted to a working day through the
 * work-day table, then pause and snooze, then the status and escalation at today.
 */
import type { Cycle } from '../schema/policy.js';
import { type Join, rawDueSql } from './cadences.js';
import { stateColumns } from './contact-state.js';
import { sqlName, sqlString } from './dialect.js';
import { type Context, filterKey, itemValues } from './query-context.js';

/**
 * One cycle's items: raw due by cadence, then shift, pause, snooze and status.
 *
 * @example
 * branches.push(cycleSql(context, 'cc_tiered', tier.id, cycle, `cc_q_${branches.length}`, ctes));
 */
export function cycleSql(context: Context, tiered: string, tierId: string, cycle: Cycle, name: string, ctes: [string, string][]): string {
  const { say } = context;
  const filter = context.filters.get(filterKey(cycle.counts))!.index;
  const { rawDue, ended, unshifted, shift, joins, preSteps, outOfRange, dropped, lost, unknownRule } = rawDueSql(
    context,
    tiered,
    tierId,
    cycle,
    name,
    ctes,
  );
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
  const lastMs = `s.last_ms_${filter}`;
  // A raw date the work-day table does not cover is not shifted here: its row says out-of-range.
  const moved = (column: string) =>
    `CASE WHEN r.raw_due IS NULL OR s.do_not_contact OR r.unshifted OR v.out_of_range THEN r.raw_due` +
    ` WHEN w.day IS NULL THEN r.raw_due ELSE w.${column} END`;
  // No shift moves a never-touched contact's due date before it was created: the next workable
  // day on or after the raw date instead. Without createdAt nothing clamps (NULL compares false):
  // a milestone keeps its shifted date whatever `now` is, and the other kinds are unshifted.
  const since = 's.created_day';
  const shifted =
    shift === 'none'
      ? 'r.raw_due'
      : `CASE WHEN ${lastMs} IS NULL AND r.raw_due >= ${since} AND (${moved(shiftColumn)}) < ${since}` +
        ` THEN ${moved('following')} ELSE ${moved(shiftColumn)} END`;
  const pieces: Piece[] = [
    ...joins.map((join) => ({ join })),
    { join: { sql: `CROSS JOIN ${sqlName(context.tables.supportRange)} AS g`, alias: 'g', columns: ['first_day', 'last_day'] } },
    ...preSteps.map(([alias, values]) => ({ step: alias, values })),
    {
      step: 'r',
      comment: 'The raw due date the cadence gives, before any shift, pause or snooze.',
      values: [
        [rawDue, 'raw_due'],
        [ended, 'ended'],
        [unshifted, 'unshifted'],
        [outOfRange, 'cadence_out_of_range'],
        [dropped, 'dropped'],
        [lost, 'lost'],
        [unknownRule, 'unknown_rule'],
      ],
    },
    {
      step: 'v',
      comment:
        'Past the support tables: the work-day table cannot shift it, or the answer needs the date of an instant the zone table could not place (today among them); the row says so.',
      values: [
        [
          shift === 'none'
            ? '(r.cadence_out_of_range OR r.lost OR s.today_lost)'
            : `(r.cadence_out_of_range OR r.lost OR s.today_lost OR (r.raw_due IS NOT NULL AND NOT r.unshifted AND (r.raw_due < g.first_day OR r.raw_due > g.last_day)))`,
          'out_of_range',
        ],
      ],
    },
    ...(shift === 'none'
      ? []
      : [
          {
            join: {
              sql: `LEFT JOIN ${sqlName(context.tables.workDays)} AS w ON w.base_calendar = s.base_calendar AND w.contact_calendar = s.contact_calendar AND w.day = r.raw_due`,
              alias: 'w',
              columns: ['day', ...new Set([shiftColumn, 'following'])],
            },
          },
        ]),
    {
      join: {
        sql:
          snoozes === null
            ? `LEFT JOIN (SELECT CAST(NULL AS VARCHAR) AS contact_id, CAST(NULL AS DATE) AS until) AS sn ON FALSE`
            : `LEFT JOIN (SELECT ${sqlName(sz.contactId)} AS contact_id, max(${sqlName(sz.until)}) AS until FROM ${sqlName(snoozes)} WHERE ${sqlName(sz.cycleId)} = ${sqlString(cycle.id)} GROUP BY ${sqlName(sz.contactId)}) AS sn ON sn.contact_id = s.contact_id`,
        alias: 'sn',
        columns: ['until'],
      },
    },
    {
      step: 'k',
      values: [
        [shifted, 'shifted'],
        // The clamp to createdAt, when createdAt was lost: out of range unless the clamp holds, or
        // fails, for every date createdAt can have (see localDay).
        [
          shift === 'none'
            ? 'FALSE'
            : `COALESCE(${lastMs} IS NULL AND s.created_lost AND NOT (r.raw_due < ${since} OR (${moved(shiftColumn)}) >= ${since} + 2 OR (r.raw_due >= ${since} + 2 AND (${moved(shiftColumn)}) < ${since})), FALSE)`,
          'clamp_lost',
        ],
      ],
    },
    {
      step: 'h',
      comment: 'Pause and snooze dates are explicit choices and stand as given, unshifted.',
      values: [
        [`CASE WHEN s.paused_until IS NOT NULL AND s.paused_until > k.shifted THEN s.paused_until ELSE k.shifted END`, 'paused_due'],
      ],
    },
    { step: 'u', values: [[`CASE WHEN sn.until IS NOT NULL AND sn.until > h.paused_due THEN sn.until ELSE h.paused_due END`, 'due']] },
    {
      step: 't',
      values: [
        [
          `CASE WHEN s.problem IS NOT NULL THEN s.problem WHEN s.do_not_contact THEN 'excluded' WHEN r.unknown_rule THEN 'unknown-rule' WHEN v.out_of_range OR k.clamp_lost THEN 'out-of-range' WHEN r.ended THEN 'ended' WHEN s.paused_until > s.today THEN 'paused'` +
            ` WHEN s.today < ${soonDays === 0 ? 'u.due' : `u.due - ${soonDays}`} THEN 'upcoming' WHEN s.today < u.due THEN 'soon' WHEN s.today <= ${graceDays === 0 ? 'u.due' : `u.due + ${graceDays}`} THEN 'due' ELSE 'overdue' END`,
          'status',
        ],
      ],
    },
  ];
  const select = [
    `s.contact_id AS contact_id, ${sqlString(cycle.id)} AS cycle_id, s.tier_id AS tier_id, s.owner_id AS owner_id, t.status AS status,`,
    `  CASE WHEN t.status IN ('excluded', 'ended', 'out-of-range', 'unknown-zone', 'unknown-calendar', 'unknown-rule') THEN NULL ELSE ${itemValues(context).dueOn('u.due')} END AS due_on,`,
    `  CASE WHEN t.status = 'overdue' THEN ${say.daysBetween('s.today', 'u.due')} ELSE 0 END AS days_overdue,`,
    `  CASE WHEN ${lastMs} IS NULL THEN NULL ELSE ${itemValues(context).lastTouchAt(lastMs)} END AS last_touch_at,`,
    `  CASE WHEN t.status = 'overdue' THEN ${escalation} END AS escalation`,
  ].join('\n');
  // A record error evaluate reports; unless the answer is unknown here, where the row says why.
  const keep =
    dropped === 'FALSE'
      ? undefined
      : "NOT (r.dropped AND NOT s.do_not_contact AND s.problem IS NULL AND t.status <> 'out-of-range' AND t.status <> 'unknown-rule')";
  const header = `-- tier ${tierId}, cycle ${cycle.id}`;
  if (say.stagedSteps) return `${header}\n${stagedSql(context, tiered, tierId, pieces, select, keep)}`;
  return [
    header,
    `SELECT ${select}`,
    `FROM ${tiered} AS s`,
    ...pieces.flatMap((piece) => [
      ...(piece.comment ? [`-- ${piece.comment}`] : []),
      // Each step is a one-row LATERAL: the database computes a value once per row, where nested
      // subqueries would be flattened and every later reference would copy the whole expression.
      'join' in piece ? piece.join.sql : say.lateral(piece.values, piece.step),
    ]),
    `WHERE s.tier_id = ${sqlString(tierId)}${keep ? ` AND ${keep}` : ''}`,
  ].join('\n');
}

/** A join, or a one-row step computing named values from the row so far. */
type Piece = ({ join: Join } | { step: string; values: [string, string][] }) & { comment?: string };

/**
 * The same steps as one derived table per step (DuckDB): each adds its values as columns named
 * `<alias>_<name>` to the row before it. DuckDB plans a LATERAL join as a join against the
 * distinct outer rows, which costs a hash table of the whole row per step; a projection over a
 * derived table costs nothing beyond the expression.
 */
function stagedSql(context: Context, tiered: string, tierId: string, pieces: Piece[], select: string, keep: string | undefined): string {
  const known = new Set(['s']);
  // References `alias.column` to aliases already computed become `p.alias_column`; quoted text
  // and identifiers are left as they are.
  const rewrite = (sql: string) =>
    sql.replace(/('(?:[^']|'')*')|("(?:[^"]|"")*")|\b([a-z]+)\.([a-z_][a-z0-9_]*)\b/g, (match, text, name, alias, column) =>
      text || name || !known.has(alias) ? match : `p.${alias}_${column}`,
    );
  const state = [...stateColumns(context), 'tier_id'];
  let sql = `SELECT ${state.map((column) => `s.${column} AS s_${column}`).join(', ')}\nFROM ${tiered} AS s\nWHERE s.tier_id = ${sqlString(tierId)}`;
  for (const piece of pieces) {
    if ('join' in piece) {
      const { sql: clause, alias, columns } = piece.join;
      sql = `SELECT p.*, ${columns.map((column) => `${alias}.${column} AS ${alias}_${column}`).join(', ')}\nFROM (\n${sql}\n) AS p\n${rewrite(clause)}`;
      known.add(alias);
    } else {
      sql = `SELECT p.*, ${piece.values.map(([expression, name]) => `${rewrite(expression)} AS ${piece.step}_${name}`).join(', ')}\nFROM (\n${sql}\n) AS p`;
      known.add(piece.step);
    }
  }
  return `SELECT ${rewrite(select)}\nFROM (\n${sql}\n) AS p${keep ? `\nWHERE ${rewrite(keep)}` : ''}`;
}
