/**
 * The raw due date of one cycle, by cadence kind: an interval (`every`), a quota (`times` per
 * period), event milestones (`after`) and an anchored RRULE (read from the occurrence table). Raw
 * means before any shift, pause or snooze: cycle-status.ts applies those.
 */
import { parseDuration } from '../time/dates.js';
import type { Counts, Cycle, QuotaCadence } from '../schema/policy.js';
import { sqlDate, sqlName, sqlString } from './dialect.js';
import { OCCURRENCES_ENDED, occurrenceKey } from './occurrence-key.js';
import { localDay, zoneJoin } from './contact-state.js';
import { addDurationSql, type Context, failDate, filterKey, filterSql } from './query-context.js';

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

/** What a cycle's cadence gives the step that shifts it and reads its status. */
export interface RawDue {
  /** The due date the cadence gives, before any shift, pause or snooze (NULL once ended). */
  rawDue: string;
  /** True once the cadence gives no more due dates. */
  ended: string;
  /** True when the raw date is on no cadence date (a new contact due today): never shifted. */
  unshifted: string;
  /** The shift to apply: the cycle's own, else the cadence kind's default. */
  shift: NonNullable<Cycle['shift']>;
  /** The joins the raw date reads (a quota's CTEs), one per line; empty for none. */
  joins: string;
  /** One-row LATERAL steps the raw date reads, as `[alias, [expression, column][]]`. */
  preSteps: [string, [string, string][]][];
}

/**
 * The raw due date of one cycle over a tiered state row (`s`). A quota cadence adds its CTEs,
 * named after `name`, to `ctes`.
 *
 * @example
 * const { rawDue, ended, shift } = rawDueSql(context, 'cc_tiered', 'key-accounts', cycle, 'cc_q_0', ctes);
 */
export function rawDueSql(context: Context, tiered: string, tierId: string, cycle: Cycle, name: string, ctes: [string, string][]): RawDue {
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
    // touched, on or after createdAt), read from the occurrence table the core filled. Never
    // touched and without createdAt, the search starts today: any occurrence found means "due
    // today" (unshifted, below), none means ended; the anchor never makes such a contact overdue.
    const anchor = cadence.anchor!;
    const key = occurrenceKey(cadence.rrule, anchor);
    const from = `CASE WHEN ${last} IS NOT NULL THEN ${last} + ${(cadence.earlyDays ?? 0) + 1} ELSE COALESCE(s.created_day, s.today) END`;
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
    rawDue = `CASE WHEN o.next_day = ${sqlDate(OCCURRENCES_ENDED)} THEN NULL WHEN ${last} IS NULL AND s.created_day IS NULL THEN s.today ELSE o.next_day END`;
    ended = `(o.next_day = ${sqlDate(OCCURRENCES_ENDED)})`;
    unshifted = `(${last} IS NULL AND s.created_day IS NULL)`;
  }
  return { rawDue, ended, unshifted, shift, joins, preSteps };
}
