/**
 * The raw due date of one cycle, by cadence kind: an interval (`every`), a quota (`times` per
 * period), event milestones (`after`) and an anchored RRULE (read from the occurrence table). Raw
 * means before any shift, pause or snooze: cycle-status.ts applies those.
 */
import { formatDate, parseDuration } from '../time/dates.js';
import type { AnchoredCadence, Counts, Cycle, QuotaCadence } from '../schema/policy.js';
import { sqlDate, sqlName, sqlString } from './dialect.js';
import { OCCURRENCES_ENDED, OCCURRENCES_MISSING, occurrenceKey, PER_CONTACT_ANCHOR } from './occurrence-key.js';
import { anchorShape } from './refusals.js';
import { highDay, localDay, lostDay, zoneJoin } from './contact-state.js';
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
    `SELECT s.contact_id, s.zone, s.problem, ${periodIndex(context, start, cadence.per)} AS start_period\nFROM ${tiered} AS s\nWHERE s.tier_id = ${sqlString(tierId)}`,
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
  // A touch the zone table cannot place counts in its period when all the dates it can have lie
  // in one; otherwise it has no period here, and the cycle is out of range when the latest
  // period it can fall in is one the quota reads (the start period or later).
  const zoneUnknown = "COALESCE(x.problem = 'unknown-zone', FALSE)";
  const day = localDay(context, 'z', 'd.ms', zoneUnknown);
  const lost = lostDay('z', 'd.ms', zoneUnknown);
  const period = `CASE WHEN ${lost} AND ${periodIndex(context, day, cadence.per)} <> ${periodIndex(context, `(${day}) + 2`, cadence.per)} THEN NULL ELSE ${periodIndex(context, day, cadence.per)} END`;
  ctes.push([
    `${name}_met`,
    [
      `SELECT x.contact_id, x.start_period, ${period} AS period,`,
      `  max(CASE WHEN ${lost} THEN ${periodIndex(context, `(${day}) + 2`, cadence.per)} END) AS lost_period`,
      `FROM ${name}_touches AS d JOIN ${name}_start AS x ON x.contact_id = d.contact_id`,
      zoneJoin(context, 'z', 'd.ms'),
      `GROUP BY x.contact_id, x.start_period, ${period}`,
      `HAVING count(*) >= ${cadence.times} OR ${period} IS NULL`,
    ].join('\n'),
  ]);
  ctes.push([
    `${name}_run`,
    [
      `SELECT m.contact_id, CAST(count(CASE WHEN m.period - m.start_period = m.position - 1 THEN 1 END) AS INTEGER) AS met_in_a_row,`,
      `  COALESCE(max(CASE WHEN m.period IS NULL AND m.lost_period >= m.start_period THEN 1 END) = 1, FALSE) AS lost`,
      `FROM (`,
      `  SELECT contact_id, start_period, period, lost_period,`,
      `    CASE WHEN period >= start_period THEN row_number() OVER (PARTITION BY contact_id, period >= start_period ORDER BY period) END AS position`,
      `  FROM ${name}_met`,
      `) AS m`,
      `GROUP BY m.contact_id`,
    ].join('\n'),
  ]);
}

/** A contact's event date (NULL when it has none), failing the query on one that is not a date. */
function eventDateSql(context: Context, event: string): string {
  const text = context.say.jsonText('s.events', event);
  return `CASE WHEN ${text} IS NULL THEN NULL WHEN length(${text}) = 10 THEN CAST(${text} AS DATE) ELSE ${failDate(`'calling-cycle: event ${event} of contact ' || s.contact_id || ' is not a YYYY-MM-DD date: ' || ${text}`)} END`;
}

/**
 * An anchored rule's next date, as the one-row step `o`: `next_day` (the occurrence, 9999-12-31
 * once the rule has ended, 0001-01-01 when the occurrence table has no rows for the rule in the
 * zone), `out_of_range` (the answer lies where the support tables do not reach), `lost` (the
 * answer depends on the exact date of an instant the zone table could not place) and `dropped`
 * (evaluate reports a record error). As the core:
 * - never touched and no createdAt: due today (unshifted) while the rule has a date on or after
 *   today from its anchor (or there is no anchor), ended once it has none;
 * - otherwise an event anchor the contact lacks, or no createdAt to anchor on, is an error;
 * - the first date after the last touch plus `earlyDays`, or never touched, on or after createdAt,
 *   and never before the anchor; none: ended, or an error when the rule has no date from the anchor.
 */
function anchoredSql(
  context: Context,
  cadence: AnchoredCadence,
  last: string,
  lastLost: string,
): { values: [string, string][]; never: string } {
  const { say } = context;
  const shape = anchorShape(cadence);
  const ended = sqlDate(OCCURRENCES_ENDED);
  const occurrences = sqlName(context.tables.occurrences);
  const never = `(${last} IS NULL AND s.created_day IS NULL)`;
  const early = (cadence.earlyDays ?? 0) + 1;
  const bound = `CASE WHEN ${last} IS NOT NULL THEN ${last} + ${early} ELSE COALESCE(s.created_day, s.today) END`;
  // The highest the bound can be when the date it counts from was lost (see localDay).
  const boundHigh = `CASE WHEN ${last} IS NOT NULL THEN ${highDay(last, lastLost)} + ${early} ELSE ${highDay('s.created_day', 's.created_lost')} END`;
  const boundLost = `CASE WHEN ${last} IS NOT NULL THEN ${lastLost} ELSE COALESCE(s.created_lost, FALSE) END`;
  const lookup = (key: string, from: string) =>
    `(SELECT min(oc.day) FROM ${occurrences} AS oc WHERE oc.rule_key = ${sqlString(key)} AND oc.zone = s.zone AND oc.day >= ${from})`;
  // No row for the rule in the zone: the tables were made for another policy (unknown-rule).
  const missing = sqlDate(OCCURRENCES_MISSING);
  if (shape.kind === 'fixed') {
    const anchor = sqlDate(cadence.anchor!);
    const key = occurrenceKey(cadence.rrule, cadence.anchor!);
    // The table holds the first date on or after the anchor and every date from its first day:
    // a search that starts before that day and after the anchor could skip dates it lacks.
    const outside = `(${bound} > g.last_day OR (${bound} < g.first_day AND ${bound} > ${anchor}))`;
    return {
      values: [
        [`CASE WHEN s.problem IS NOT NULL OR ${outside} THEN NULL ELSE COALESCE(${lookup(key, bound)}, ${missing}) END`, 'next_day'],
        [outside, 'out_of_range'],
        // A bound on or before the anchor finds the anchor's first date wherever it lies.
        [`COALESCE(${boundLost} AND ${boundHigh} > ${anchor}, FALSE)`, 'lost'],
        ['FALSE', 'dropped'],
      ],
      never,
    };
  }
  // Anchored per contact: on an event or on createdAt (NULL when the contact has none).
  const onCreated = cadence.anchor === undefined;
  const anchor = onCreated ? 's.created_day' : eventDateSql(context, cadence.anchor!);
  const noAnchor = `((${anchor}) IS NULL)`;
  const from = `CASE WHEN ${noAnchor} THEN ${bound} ELSE GREATEST(${anchor}, ${bound}) END`;
  // Never touched, no createdAt and nothing to anchor on: due today, whatever the rule.
  const todayOnly = `(${never} AND ${noAnchor})`;
  const error = `(NOT ${never} AND ${noAnchor})`;
  // A lost last touch matters unless the anchor lies on or after every bound it can give.
  const touchLost = `(${last} IS NOT NULL AND ${lastLost} AND NOT ${noAnchor} AND NOT COALESCE(${anchor} >= ${boundHigh}, FALSE))`;
  if (shape.kind === 'interval') {
    const until = shape.untilDay === undefined ? undefined : sqlDate(formatDate(shape.untilDay));
    const steps = `CAST(ceil(${say.daysBetween(`(${from})`, anchor)} / ${shape.days}.0) AS INTEGER)`;
    const next = `(${anchor} + ${steps} * ${shape.days})`;
    const over = [...(shape.count !== undefined ? [`${steps} >= ${shape.count}`] : []), ...(until ? [`${next} > ${until}`] : [])];
    return {
      values: [
        [
          `CASE WHEN ${todayOnly} THEN s.today WHEN ${error} THEN NULL${over.length > 0 ? ` WHEN ${over.join(' OR ')} THEN ${ended}` : ''} ELSE ${next} END`,
          'next_day',
        ],
        ['FALSE', 'out_of_range'],
        // The dates step from the anchor: a lost createdAt anchor leaves them unknown.
        [`COALESCE(${onCreated ? 's.created_lost OR ' : ''}${touchLost}, FALSE)`, 'lost'],
        // The rule's first date is the anchor: it has none from there only past UNTIL.
        [`COALESCE(${error}${until ? ` OR (NOT ${never} AND ${anchor} > ${until})` : ''}, FALSE)`, 'dropped'],
      ],
      never,
    };
  }
  // One series per zone from the tables' first day serves every anchor on or after that day.
  const key = occurrenceKey(cadence.rrule, PER_CONTACT_ANCHOR);
  const outside = `(NOT ${noAnchor} AND ((${from}) < g.first_day OR (${from}) > g.last_day))`;
  const next = `CASE WHEN s.problem IS NOT NULL THEN NULL WHEN ${todayOnly} THEN s.today WHEN ${error} OR ${outside} THEN NULL ELSE COALESCE(${lookup(key, `(${from})`)}, ${missing}) END`;
  // Whether a rule ended here ever had a date from the anchor is known for an anchor the tables cover.
  const noDateFromAnchor = `(NOT ${never} AND (${next}) = ${ended} AND ${lookup(key, anchor)} = ${ended})`;
  // A createdAt before the tables (all the dates it can have lie before their first day) does
  // not matter once a placed touch bounds the search after every one of those dates.
  const anchorLost = onCreated
    ? `(s.created_lost AND NOT (${last} IS NOT NULL AND NOT ${lastLost} AND ${highDay('s.created_day', 's.created_lost')} < g.first_day AND ${bound} >= ${highDay('s.created_day', 's.created_lost')}))`
    : 'FALSE';
  return {
    values: [
      [next, 'next_day'],
      [`COALESCE(${outside} OR (NOT ${never} AND ${anchor} < g.first_day AND (${next}) = ${ended}), FALSE)`, 'out_of_range'],
      [`COALESCE(${anchorLost} OR ${touchLost}, FALSE)`, 'lost'],
      [`COALESCE(${error} OR (${anchor} >= g.first_day AND ${noDateFromAnchor}), FALSE)`, 'dropped'],
    ],
    never,
  };
}

/** A join in a cycle's SELECT: its clause, its alias, and the columns later steps read from it. */
export interface Join {
  sql: string;
  alias: string;
  columns: string[];
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
  /** The joins the raw date reads (a quota's CTEs), with the columns read from each. */
  joins: Join[];
  /** One-row LATERAL steps the raw date reads, as `[alias, [expression, column][]]`. */
  preSteps: [string, [string, string][]][];
  /** True when the raw date would be read past the support tables' range: the row says so. */
  outOfRange: string;
  /** True where `evaluate` reports a record error for the cycle (an anchor event the contact lacks): no row. */
  dropped: string;
  /** True when the answer depends on the exact date of an instant the zone table could not place. */
  lost: string;
  /** True when the occurrence table has no row for the rule in the contact's zone. */
  unknownRule: string;
}

/**
 * The raw due date of one cycle over a tiered state row (`s`). A quota cadence adds its CTEs,
 * named after `name`, to `ctes`.
 *
 * @example
 * const { rawDue, ended, shift } = rawDueSql(context, 'cc_tiered', 'key-accounts', cycle, 'cc_q_0', ctes);
 */
export function rawDueSql(context: Context, tiered: string, tierId: string, cycle: Cycle, name: string, ctes: [string, string][]): RawDue {
  const filter = context.filters.get(filterKey(cycle.counts))!.index;
  const cadence = cycle.cadence;
  const last = `s.last_day_${filter}`;
  const lastLost = `s.last_lost_${filter}`;
  // A never-touched contact's createdAt the zone table could not place.
  const createdLost = `(${last} IS NULL AND s.created_lost)`;
  let rawDue: string;
  let ended = 'FALSE';
  let joins: Join[] = [];
  // A contact never touched and without createdAt is due today, on no cadence date: not shifted.
  let unshifted = 'FALSE';
  let shift = cycle.shift ?? 'following';
  let outOfRange = 'FALSE';
  let dropped = 'FALSE';
  let lost: string;
  let unknownRule = 'FALSE';
  const preSteps: [string, [string, string][]][] = [];
  if ('every' in cadence) {
    const created = cycle.firstTouchWithin
      ? addDurationSql(context, 's.created_day', parseDuration(cycle.firstTouchWithin)!)
      : 's.created_day';
    rawDue = `CASE WHEN ${last} IS NOT NULL THEN ${addDurationSql(context, last, parseDuration(cadence.every)!)} WHEN s.created_day IS NOT NULL THEN ${created} ELSE s.today END`;
    unshifted = `(${last} IS NULL AND s.created_day IS NULL)`;
    // The due date counts from the last touch's date, or from createdAt's.
    lost = `(${lastLost} OR ${createdLost})`;
  } else if ('per' in cadence) {
    // The end of a quota period is never pushed into the next one.
    shift = cycle.shift ?? 'preceding';
    quotaCtes(context, tiered, tierId, cadence, filter, cycle.counts, name, ctes);
    joins = [
      { sql: `JOIN ${name}_start AS qs ON qs.contact_id = s.contact_id`, alias: 'qs', columns: ['start_period'] },
      { sql: `LEFT JOIN ${name}_run AS qr ON qr.contact_id = s.contact_id`, alias: 'qr', columns: ['met_in_a_row', 'lost'] },
    ];
    // The start period is createdAt's when never touched; a lost touch's, qr.lost says.
    const created = periodIndex(context, 's.created_day', cadence.per);
    lost = `(COALESCE(qr.lost, FALSE) OR (${createdLost} AND ${created} <> ${periodIndex(context, 's.created_day + 2', cadence.per)}))`;
    // Never touched and no creation date: due today, like any new contact, and not shifted.
    rawDue = `CASE WHEN ${last} IS NULL AND s.created_day IS NULL THEN s.today ELSE (${periodStart('qs.start_period + COALESCE(qr.met_in_a_row, 0) + 1', cadence.per)} - 1) END`;
    unshifted = `(${last} IS NULL AND s.created_day IS NULL)`;
  } else if ('after' in cadence) {
    const event = eventDateSql(context, cadence.after);
    const early = cadence.earlyDays ?? 0;
    const dates = cadence.at.map((offset) => addDurationSql(context, `(${event})`, parseDuration(offset)!));
    const open = dates.map((date) => `CASE WHEN ${last} IS NULL OR ${last} < ${date} - ${early} THEN ${date} END`);
    // A lost last touch matters only to a milestone whose first satisfying date lies among the
    // dates the touch can have (the lowest excluded): before all of them, or after, it is known.
    lost = `(${lastLost} AND COALESCE(${dates.map((date) => `(${last} < ${date} - ${early} AND ${last} + 2 >= ${date} - ${early})`).join(' OR ')}, FALSE))`;
    // The earliest milestone not yet satisfied (a satisfied one is every one before it too).
    rawDue = open.length === 1 ? open[0]! : `LEAST(${open.join(', ')})`;
    ended = `(${rawDue}) IS NULL`;
  } else {
    const anchored = anchoredSql(context, cadence, last, lastLost);
    preSteps.push(['o', anchored.values]);
    // Never touched and without createdAt, any date left means "due today" (unshifted); the
    // anchor never makes such a contact overdue.
    rawDue = `CASE WHEN o.next_day = ${sqlDate(OCCURRENCES_ENDED)} THEN NULL WHEN ${anchored.never} THEN s.today ELSE o.next_day END`;
    ended = `(o.next_day = ${sqlDate(OCCURRENCES_ENDED)})`;
    unshifted = anchored.never;
    outOfRange = 'o.out_of_range';
    dropped = 'o.dropped';
    lost = 'o.lost';
    unknownRule = `(o.next_day = ${sqlDate(OCCURRENCES_MISSING)})`;
  }
  return { rawDue, ended, unshifted, shift, joins, preSteps, outOfRange, dropped, lost, unknownRule };
}
