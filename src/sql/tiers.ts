/**
 * Tiers in SQL: the contact's explicit tier, then the policy's assign rules in order, first match
 * (cc_tier_*), then the default tier (cc_tiered).
 */
import { parseDuration } from '../time/dates.js';
import type { AssignRule } from '../schema/policy.js';
import { sqlName, sqlNumber, sqlString } from './dialect.js';
import { highDay, stateColumns } from './contact-state.js';
import { addDurationSql, type Context, tracksLostTiers } from './query-context.js';

/** The number a JSON member holds, or NULL when it holds anything else. */
export function jsonNumber(context: Context, column: string, member: string): string {
  return `CASE WHEN ${context.say.jsonIs(column, member, 'number')} THEN CAST(${context.say.jsonText(column, member)} AS DOUBLE PRECISION) END`;
}

function jsonEquals(context: Context, column: string, member: string, value: string | number | boolean): string {
  const { say } = context;
  if (typeof value === 'number') return `(${jsonNumber(context, column, member)} = ${sqlNumber(value)})`;
  if (typeof value === 'boolean') return `(${say.jsonIs(column, member, 'boolean')} AND ${say.jsonText(column, member)} = '${value}')`;
  return `(${say.jsonIs(column, member, 'string')} AND ${say.jsonText(column, member)} = ${sqlString(value)})`;
}

/** An assign rule's `when`, over a state row (`s`), as `matches` in the core. */
export function conditionSql(context: Context, condition: NonNullable<AssignRule['when']>): string {
  if ('lapsed' in condition) {
    // Never touched: lapsed once its age passes the duration; with no createdAt, lapsed.
    const since = 'COALESCE(s.last_day_0, s.created_day)';
    const duration = parseDuration(condition.lapsed)!;
    // A date the zone table could not place is known to within three days (see localDay), and
    // today not at all: NULL (unknown) when the answer differs among the dates it can have.
    const sinceLost = 'CASE WHEN s.last_day_0 IS NOT NULL THEN s.last_lost_0 ELSE s.created_lost END';
    return (
      `CASE WHEN ${since} IS NULL THEN TRUE WHEN s.today_lost THEN NULL` +
      ` WHEN ${addDurationSql(context, `(${highDay(since, sinceLost)})`, duration)} <= s.today THEN TRUE` +
      ` WHEN ${addDurationSql(context, since, duration)} > s.today THEN FALSE END`
    );
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
 * The assign rules in order, first match: runs of plain rules fold into one CASE; each top-N rule
 * is a window function over the contacts it may take. Returns the name of the CTE whose `tier_id`
 * is final. With `topTiers` (a sharded book's coordinator result, see sharded.ts), each top-N rule
 * reads the contacts it took from that table instead of ranking: every step is then per contact.
 *
 * When a `lapsed` rule's answer is unknown (the date it reads, or today, lies outside the zone
 * table), the contact's tier is lost (`tier_lost`, `tier_id` NULL): no later rule tiers it, and a
 * top-N rule counts it as a contact that may or may not be ranked, so a contact whose place
 * depends on it is lost too.
 *
 * @example
 * const tiered = tierCtes(context, ctes, undefined); // 'cc_tiered'
 */
export function tierCtes(context: Context, ctes: [string, string][], topTiers: string | undefined): string {
  const rules = context.policy.assign ?? [];
  const columns = stateColumns(context);
  const tracking = tracksLostTiers(context);
  const keep = columns.map((column) => `s.${column}`).join(', ');
  // The tier so far and, when tracked, whether it is lost.
  const carried = tracking ? 's.tier_lost' : 'FALSE';
  let previous = 'cc_local';
  let pending: { rule: AssignRule; index: number }[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const name = `cc_tier_${pending[0]!.index}`;
    const decided = `s.tier_id IS NOT NULL${tracking ? ' OR s.tier_lost' : ''}`;
    const conditions = pending.map(({ rule, index }) => ({
      sql: rule.when ? conditionSql(context, rule.when) : 'TRUE',
      tier: rule.tier,
      index,
      unknowable: rule.when !== undefined && 'lapsed' in rule.when,
    }));
    const cases = conditions.flatMap(({ sql, tier, index, unknowable }) => [
      `    WHEN ${sql} THEN ${sqlString(tier)} -- assign[${index}]`,
      ...(tracking && unknowable ? [`    WHEN (${sql}) IS NULL THEN NULL`] : []),
    ]);
    const lostCases = conditions.flatMap(({ sql, unknowable }) =>
      unknowable ? [`    WHEN ${sql} THEN FALSE`, `    WHEN (${sql}) IS NULL THEN TRUE`] : [`    WHEN ${sql} THEN FALSE`],
    );
    ctes.push([
      name,
      [
        `SELECT ${keep},`,
        `  CASE WHEN ${decided} THEN s.tier_id`,
        ...cases,
        `  END AS tier_id${tracking ? ',' : ''}`,
        ...(tracking ? [`  CASE WHEN ${decided} THEN s.tier_lost`, ...lostCases, `  ELSE FALSE END AS tier_lost`] : []),
        `FROM ${previous} AS s`,
      ].join('\n'),
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
    const name = `cc_tier_${index}`;
    if (topTiers !== undefined) {
      ctes.push([
        name,
        [
          `-- assign[${index}]: the contacts the coordinator step ranked into the top ${rule.top.n}.`,
          `SELECT ${keep},`,
          `  CASE WHEN s.tier_id IS NULL${tracking ? ' AND NOT s.tier_lost AND NOT tt.lost' : ''} AND tt.contact_id IS NOT NULL THEN ${sqlString(rule.tier)} ELSE s.tier_id END AS tier_id${tracking ? ',' : ''}`,
          // The coordinator could not tell whether this rule takes the contact: its tier is lost.
          ...(tracking ? [`  s.tier_lost OR (s.tier_id IS NULL AND COALESCE(tt.lost, FALSE)) AS tier_lost`] : []),
          `FROM ${previous} AS s`,
          `LEFT JOIN ${sqlName(topTiers)} AS tt ON tt.contact_id = s.contact_id AND tt.rule_index = ${index}`,
        ].join('\n'),
      ]);
      previous = name;
      return;
    }
    const { by, n, per } = rule.top;
    const value = jsonNumber(context, 's.attributes', by);
    if (!tracking) {
      const eligible = `(s.tier_id IS NULL AND s.problem IS NULL${rule.when ? ` AND ${conditionSql(context, rule.when)}` : ''} AND ${value} IS NOT NULL)`;
      const partition = per === 'owner' ? `${eligible}, COALESCE(s.owner_id, '')` : eligible;
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
      return;
    }
    // Ranked among the contacts that are surely eligible and those that may be (a lost tier, an
    // unknown lapsed condition): a sure contact within the top n counting every one above it is
    // in; one past the top n counting only the sure ones above it is out; else its tier is lost.
    const when = rule.when ? conditionSql(context, rule.when) : 'TRUE';
    const base = `s.tier_id IS NULL AND s.problem IS NULL AND ${value} IS NOT NULL`;
    const sure = `(${base} AND NOT s.tier_lost AND COALESCE(${when}, FALSE))`;
    const maybe = `(${base} AND NOT ${sure} AND COALESCE(${when}, TRUE))`;
    const ranked = `(${sure} OR ${maybe})`;
    const window = `PARTITION BY ${ranked}${per === 'owner' ? `, COALESCE(s.owner_id, '')` : ''} ORDER BY ${value} DESC, ${context.say.binaryOrder('s.contact_id')}`;
    ctes.push([
      name,
      [
        `-- assign[${index}]: the top ${n} by ${by}${per === 'owner' ? ' per owner' : ' overall'}, highest first, ties by contact id.`,
        `SELECT ${columns.map((column) => `r.${column}`).join(', ')},`,
        `  CASE WHEN r.sure AND r.top_rank <= ${n} THEN ${sqlString(rule.tier)} ELSE r.tier_id END AS tier_id,`,
        `  r.tier_lost OR (r.sure AND r.top_rank > ${n} AND r.top_rank - r.maybe_above <= ${n}) OR (r.maybe AND r.top_rank - r.maybe_above + 1 <= ${n}) AS tier_lost`,
        `FROM (`,
        `  SELECT ${keep}, s.tier_id, s.tier_lost, ${sure} AS sure, ${maybe} AS maybe,`,
        `    CASE WHEN ${ranked} THEN row_number() OVER (${window}) END AS top_rank,`,
        `    CASE WHEN ${ranked} THEN sum(CASE WHEN ${maybe} THEN 1 ELSE 0 END) OVER (${window} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) END AS maybe_above`,
        `  FROM ${previous} AS s`,
        `) AS r`,
      ].join('\n'),
    ]);
    previous = name;
  });
  flush();
  const fallback = context.policy.defaultTier;
  const tier = fallback !== undefined ? `COALESCE(s.tier_id, ${sqlString(fallback)})` : 's.tier_id';
  ctes.push([
    'cc_tiered',
    tracking
      ? `SELECT ${keep}, CASE WHEN ${carried} THEN NULL ELSE ${tier} END AS tier_id, ${carried} AS tier_lost\nFROM ${previous} AS s`
      : `SELECT ${keep}, ${tier} AS tier_id\nFROM ${previous} AS s`,
  ]);
  return 'cc_tiered';
}
