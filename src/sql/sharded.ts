/**
 * `compileShardedSql`: the query of `compileSql` split for a book sharded by contact (Citus, or
 * PostgreSQL partitions over postgres_fdw), so that no step but one small one needs the whole
 * book. Top-N rules rank contacts across shards; everything else is per contact.
 *
 *   1. `candidates`, on each shard: for each top-N rule, the shard's contacts that could be in the
 *      book's top N. A rule's top N per owner (or overall) in the whole book are among each shard's
 *      top N + m in the same partition, where m is the sum of the N of the top-N rules before it
 *      (those take at most that many from a partition before this rule ranks): a few rows per
 *      shard, whatever the book's size.
 *   2. `ranking`, once, on the coordinator over every shard's candidates: the rules in order, each
 *      ranking the candidates the earlier ones left, as the one-query window does.
 *   3. `items`, on each shard, with step 2's result copied there (Citus: a reference table): the
 *      query of `compileSql`, each top-N rule read from that table; every step per contact.
 */
import {
  type CompileSqlOptions,
  type CompiledSql,
  itemsQuery,
  type OmittedCycle,
  type PreparedQuery,
  prepareQuery,
  stateCtes,
  withCtes,
} from './compile.js';
import { type SqlDialect, sqlName } from './dialect.js';
import { conditionSql, jsonNumber } from './tiers.js';
import type { Policy } from '../schema/policy.js';

/** Options of `compileShardedSql`: those of `compileSql`, and the names of the two hand-over tables. */
export interface ShardedSqlOptions extends CompileSqlOptions {
  /**
   * Where step 1's rows are gathered on the coordinator (default `cc_top_candidates`) and where
   * step 2's rows are read on each shard (default `cc_top_tiers`).
   */
  handOver?: { candidates?: string; topTiers?: string };
}

/** One statement of a sharded run. */
export interface SqlStep {
  /** One SELECT statement, no trailing semicolon. */
  sql: string;
  /** Query parameters in order (`['now']` or `[]`), as `CompiledSql.parameters`. */
  parameters: string[];
  /** The columns each row has, in order. */
  columns: readonly string[];
}

/** The three steps of a sharded run, and the two tables they hand rows over in. */
export interface ShardedSql {
  dialect: SqlDialect;
  /** Step 1, on each shard: `contact_id, owner_id, rule_index, value`. No rows when the policy has no top-N rule. */
  candidates: SqlStep;
  /** Step 2, on the coordinator, over every shard's candidates gathered in `handOver.candidates`: `contact_id, rule_index`. */
  ranking: SqlStep;
  /** Step 3, on each shard, with step 2's rows in `handOver.topTiers` there: the rows of `compileSql`. */
  items: CompiledSql;
  /** `CREATE TABLE` statements for the two hand-over tables. */
  createTables: { candidates: string; topTiers: string };
  /** As `CompiledSql.omittedCycles`. */
  omittedCycles: OmittedCycle[];
}

/**
 * Compiles a policy for a book sharded by contact: a per-shard step listing top-N candidates, a
 * coordinator step ranking them, and the per-shard items query reading the ranking. Throws what
 * `compileSql` throws. The rows of step 3 over every shard are the rows of `compileSql` over the
 * whole book.
 *
 * @example
 * const split = compileShardedSql(policy, { dialect: 'postgres' });
 * for (const shard of shards) candidates.push(...(await shard.query(split.candidates.sql, [now])).rows);
 * // … insert them into cc_top_candidates on the coordinator, then:
 * const { rows: top } = await coordinator.query(split.ranking.sql);
 * // … copy `top` into cc_top_tiers on every shard, then on each shard:
 * const { rows } = await shard.query(split.items.sql, [now]);
 */
export function compileShardedSql(policy: Policy, options: ShardedSqlOptions): ShardedSql {
  const prepared = prepareQuery(policy, options);
  const candidatesTable = options.handOver?.candidates ?? 'cc_top_candidates';
  const topTiersTable = options.handOver?.topTiers ?? 'cc_top_tiers';
  const tops = topRules(prepared);
  return {
    dialect: options.dialect,
    candidates: candidatesStep(prepared, tops, options),
    ranking: rankingStep(prepared, tops, candidatesTable),
    items: itemsQuery(prepared, options, topTiersTable),
    createTables: {
      candidates: `CREATE TABLE ${sqlName(candidatesTable)} (contact_id VARCHAR NOT NULL, owner_id VARCHAR, rule_index INTEGER NOT NULL, value DOUBLE PRECISION NOT NULL)`,
      topTiers: `CREATE TABLE ${sqlName(topTiersTable)} (contact_id VARCHAR NOT NULL, rule_index INTEGER NOT NULL)`,
    },
    omittedCycles: prepared.omittedCycles,
  };
}

interface TopRule {
  index: number;
  n: number;
  perOwner: boolean;
  /** The SQL condition (over a cc_local row `s`) for a contact this rule may rank, ignoring earlier top-N rules. */
  eligible: string;
  value: string;
  /** How many of a partition the top-N rules before this one may take at most. */
  takenBefore: number;
}

function topRules(prepared: PreparedQuery): TopRule[] {
  const { context } = prepared;
  const plainBefore: string[] = [];
  const tops: TopRule[] = [];
  let takenBefore = 0;
  (context.policy.assign ?? []).forEach((rule, index) => {
    if (!rule.top) {
      // A contact a plain rule before this one matched has that rule's tier (a NULL match is no match).
      plainBefore.push(`NOT COALESCE(${rule.when ? conditionSql(context, rule.when) : 'TRUE'}, FALSE)`);
      return;
    }
    const value = jsonNumber(context, 's.attributes', rule.top.by);
    const eligible = [
      's.tier_id IS NULL',
      's.problem IS NULL',
      ...plainBefore,
      ...(rule.when ? [conditionSql(context, rule.when)] : []),
      `${value} IS NOT NULL`,
    ].join(' AND ');
    tops.push({ index, n: rule.top.n, perOwner: rule.top.per === 'owner', eligible, value, takenBefore });
    takenBefore += rule.top.n;
  });
  return tops;
}

function candidatesStep(prepared: PreparedQuery, tops: TopRule[], options: CompileSqlOptions): SqlStep {
  const columns = ['contact_id', 'owner_id', 'rule_index', 'value'] as const;
  const { say } = prepared.context;
  if (tops.length === 0) {
    return {
      sql: 'SELECT CAST(NULL AS VARCHAR) AS contact_id, CAST(NULL AS VARCHAR) AS owner_id, CAST(0 AS INTEGER) AS rule_index, CAST(NULL AS DOUBLE PRECISION) AS value WHERE FALSE',
      parameters: [],
      columns,
    };
  }
  const branches = tops.map((top) =>
    [
      `-- assign[${top.index}]: this shard's top ${top.n + top.takenBefore}${top.perOwner ? ' per owner' : ''} (${top.n}, and ${top.takenBefore} the rules before it may take).`,
      `SELECT r.contact_id, r.owner_id, CAST(${top.index} AS INTEGER) AS rule_index, r.value`,
      `FROM (`,
      `  SELECT s.contact_id, s.owner_id, ${top.value} AS value,`,
      `    row_number() OVER (${top.perOwner ? `PARTITION BY COALESCE(s.owner_id, '') ` : ''}ORDER BY ${top.value} DESC, ${say.binaryOrder('s.contact_id')}) AS local_rank`,
      `  FROM cc_local AS s`,
      `  WHERE ${top.eligible}`,
      `) AS r`,
      `WHERE r.local_rank <= ${top.n + top.takenBefore}`,
    ].join('\n'),
  );
  return {
    sql: withCtes(stateCtes(prepared), branches.join('\nUNION ALL\n')),
    parameters: options.now === undefined ? ['now'] : [],
    columns,
  };
}

function rankingStep(prepared: PreparedQuery, tops: TopRule[], candidatesTable: string): SqlStep {
  const columns = ['contact_id', 'rule_index'] as const;
  const { say } = prepared.context;
  if (tops.length === 0) {
    return { sql: 'SELECT CAST(NULL AS VARCHAR) AS contact_id, CAST(0 AS INTEGER) AS rule_index WHERE FALSE', parameters: [], columns };
  }
  const ctes: [string, string][] = tops.map((top, position) => [
    `cc_taken_${top.index}`,
    [
      `-- assign[${top.index}]: the top ${top.n}${top.perOwner ? ' per owner' : ''} of the candidates the rules before it left.`,
      `SELECT r.contact_id, CAST(${top.index} AS INTEGER) AS rule_index`,
      `FROM (`,
      `  SELECT c.contact_id,`,
      `    row_number() OVER (${top.perOwner ? `PARTITION BY COALESCE(c.owner_id, '') ` : ''}ORDER BY c.value DESC, ${say.binaryOrder('c.contact_id')}) AS top_rank`,
      `  FROM ${sqlName(candidatesTable)} AS c`,
      `  WHERE c.rule_index = ${top.index}`,
      ...tops
        .slice(0, position)
        .map((earlier) => `    AND NOT EXISTS (SELECT 1 FROM cc_taken_${earlier.index} AS e WHERE e.contact_id = c.contact_id)`),
      `) AS r`,
      `WHERE r.top_rank <= ${top.n}`,
    ].join('\n'),
  ]);
  return {
    sql: withCtes(ctes, tops.map((top) => `SELECT contact_id, rule_index FROM cc_taken_${top.index}`).join('\nUNION ALL\n')),
    parameters: [],
    columns,
  };
}
