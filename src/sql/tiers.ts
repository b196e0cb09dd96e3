/**
 * Tiers in SQL: the contact's explicit tier, then the policy's assign rules in order, first match
 * (cc_tier_*), then the default tier (cc_tiered).
 */
import { parseDuration } from '../time/dates.js';
import type { AssignRule } from '../schema/policy.js';
import { sqlName, sqlNumber, sqlString } from './dialect.js';
import { stateColumns } from './contact-state.js';
import { addDurationSql, type Context } from './query-context.js';

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
 * Returns the name of the CTE whose `tier_id` is final. With `topTiers` (a sharded book's
 * coordinator result, see sharded.ts), each top-N rule reads the contacts it took from that table
 * instead of ranking: every step is then per contact.
 *
 * @example
 * const tiered = tierCtes(context, ctes, undefined); // 'cc_tiered'
 */
export function tierCtes(context: Context, ctes: [string, string][], topTiers: string | undefined): string {
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
    const name = `cc_tier_${index}`;
    if (topTiers !== undefined) {
      ctes.push([
        name,
        [
          `-- assign[${index}]: the contacts the coordinator step ranked into the top ${rule.top.n}.`,
          `SELECT ${keep},`,
          `  CASE WHEN s.tier_id IS NULL AND tt.contact_id IS NOT NULL THEN ${sqlString(rule.tier)} ELSE s.tier_id END AS tier_id`,
          `FROM ${previous} AS s`,
          `LEFT JOIN ${sqlName(topTiers)} AS tt ON tt.contact_id = s.contact_id AND tt.rule_index = ${index}`,
        ].join('\n'),
      ]);
      previous = name;
      return;
    }
    const { by, n, per } = rule.top;
    const value = jsonNumber(context, 's.attributes', by);
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
  });
  flush();
  const fallback = context.policy.defaultTier;
  ctes.push([
    'cc_tiered',
    `SELECT ${keep}, ${fallback !== undefined ? `COALESCE(s.tier_id, ${sqlString(fallback)})` : 's.tier_id'} AS tier_id\nFROM ${previous} AS s`,
  ]);
  return 'cc_tiered';
}
