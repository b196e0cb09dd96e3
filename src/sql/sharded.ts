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
import { tracksLostTiers } from './query-context.js';
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
  /**
   * Step 1, on each shard: `contact_id, owner_id, rule_index, value, sure`. `sure` is false for a
   * contact that may or may not be eligible (its tier depends on a date the support tables cannot
   * place, see docs/scale.md). No rows when the policy has no top-N rule.
   */
  candidates: SqlStep;
  /**
   * Step 2, on the coordinator, over every shard's candidates gathered in `handOver.candidates`:
   * `contact_id, rule_index, lost`: the contacts each rule takes (`lost` false), and those whose
   * place it cannot tell (`lost` true: their rows say `out-of-range`).
   */
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
      candidates: `CREATE TABLE ${sqlName(candidatesTable)} (contact_id VARCHAR NOT NULL, owner_id VARCHAR, rule_index INTEGER NOT NULL, value DOUBLE PRECISION NOT NULL, sure BOOLEAN NOT NULL)`,
      topTiers: `CREATE TABLE ${sqlName(topTiersTable)} (contact_id VARCHAR NOT NULL, rule_index INTEGER NOT NULL, lost BOOLEAN NOT NULL)`,
    },
    omittedCycles: prepared.omittedCycles,
  };
}

interface TopRule {
  index: number;
  n: number;
  perOwner: boolean;
  /** The SQL condition (over a cc_local row `s`) for a contact this rule surely may rank, ignoring earlier top-N rules. */
  eligible: string;
  /**
   * The condition for a contact this rule may or may not rank: a `lapsed` rule before it or in
   * its `when` cannot tell (a date outside the support tables). `FALSE` without `lapsed` rules.
   */
  maybe: string;
  /** `eligible`, and no earlier top-N rule may rank it: what the shard's cut counts. */
  counted: string;
  value: string;
  /** How many of a partition the top-N rules before this one may take at most. */
  takenBefore: number;
}

function topRules(prepared: PreparedQuery): TopRule[] {
  const { context } = prepared;
  const tracking = tracksLostTiers(context);
  // Each plain rule before: surely no match (FALSE), and no match or unknown (not TRUE).
  const plainBefore: { sure: string; maybe: string }[] = [];
  const tops: TopRule[] = [];
  let takenBefore = 0;
  (context.policy.assign ?? []).forEach((rule, index) => {
    const when = rule.when ? conditionSql(context, rule.when) : 'TRUE';
    if (!rule.top) {
      // A contact a plain rule before this one matched has that rule's tier (a NULL match is no
      // match surely only when nothing is tracked: a NULL is an unknown lapsed rule).
      plainBefore.push({
        sure: tracking ? `NOT COALESCE(${when}, TRUE)` : `NOT COALESCE(${when}, FALSE)`,
        maybe: `NOT COALESCE(${when}, FALSE)`,
      });
      return;
    }
    const value = jsonNumber(context, 's.attributes', rule.top.by);
    const base = ['s.tier_id IS NULL', 's.problem IS NULL', `${value} IS NOT NULL`];
    const eligible = [
      ...base,
      ...plainBefore.map((plain) => plain.sure),
      ...(rule.when ? [tracking ? `COALESCE(${when}, FALSE)` : when] : []),
    ].join(' AND ');
    const maybe = tracking
      ? `(${[...base, ...plainBefore.map((plain) => plain.maybe), `COALESCE(${when}, TRUE)`].join(' AND ')} AND NOT (${eligible}))`
      : 'FALSE';
    // Counted as sure for the shard's cut only when no earlier top-N rule may rank it: such a
    // rule may lose it (the coordinator then counts it as may-be-eligible here), and a shard does
    // not know the earlier rankings.
    const counted = [eligible, ...tops.map((earlier) => `NOT (${earlier.maybe})`)].join(' AND ');
    tops.push({ index, n: rule.top.n, perOwner: rule.top.per === 'owner', eligible, maybe, counted, value, takenBefore });
    takenBefore += rule.top.n;
  });
  return tops;
}

function candidatesStep(prepared: PreparedQuery, tops: TopRule[], options: CompileSqlOptions): SqlStep {
  const columns = ['contact_id', 'owner_id', 'rule_index', 'value', 'sure'] as const;
  const { say } = prepared.context;
  if (tops.length === 0) {
    return {
      sql: 'SELECT CAST(NULL AS VARCHAR) AS contact_id, CAST(NULL AS VARCHAR) AS owner_id, CAST(0 AS INTEGER) AS rule_index, CAST(NULL AS DOUBLE PRECISION) AS value, TRUE AS sure WHERE FALSE',
      parameters: [],
      columns,
    };
  }
  const tracking = tracksLostTiers(prepared.context);
  const branches = tops.map((top) => {
    const window = `${top.perOwner ? `PARTITION BY COALESCE(s.owner_id, '') ` : ''}ORDER BY ${top.value} DESC, ${say.binaryOrder('s.contact_id')}`;
    const size = top.n + top.takenBefore;
    if (!tracking) {
      return [
        `-- assign[${top.index}]: this shard's top ${size}${top.perOwner ? ' per owner' : ''} (${top.n}, and ${top.takenBefore} the rules before it may take).`,
        `SELECT r.contact_id, r.owner_id, CAST(${top.index} AS INTEGER) AS rule_index, r.value, TRUE AS sure`,
        `FROM (`,
        `  SELECT s.contact_id, s.owner_id, ${top.value} AS value,`,
        `    row_number() OVER (${window}) AS local_rank`,
        `  FROM cc_local AS s`,
        `  WHERE ${top.eligible}`,
        `) AS r`,
        `WHERE r.local_rank <= ${size}`,
      ].join('\n');
    }
    // With contacts that may or may not be eligible: each one with fewer than n + m counted sure
    // ones above it on the shard. One further down has n sure ones above it whatever the rules
    // before take (each takes, or loses, at most its n of the ones it surely may rank, and a
    // counted one is ranked by no earlier rule otherwise), so it is out in the whole book.
    return [
      `-- assign[${top.index}]: this shard's contacts with fewer than ${size} sure ones above them${top.perOwner ? ' per owner' : ''} (${top.n}, and ${top.takenBefore} the rules before it may take).`,
      `SELECT r.contact_id, r.owner_id, CAST(${top.index} AS INTEGER) AS rule_index, r.value, r.sure`,
      `FROM (`,
      `  SELECT s.contact_id, s.owner_id, s.value, s.sure, s.counted,`,
      `    sum(CASE WHEN s.counted THEN 1 ELSE 0 END) OVER (${window.replaceAll(top.value, 's.value')} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS counted_upto`,
      `  FROM (`,
      `    SELECT s.contact_id, s.owner_id, ${top.value} AS value, ${top.eligible} AS sure, ${top.counted} AS counted`,
      `    FROM cc_local AS s`,
      `    WHERE (${top.eligible}) OR (${top.maybe})`,
      `  ) AS s`,
      `) AS r`,
      `WHERE r.counted_upto - CASE WHEN r.counted THEN 1 ELSE 0 END < ${size}`,
    ].join('\n');
  });
  return {
    sql: withCtes(stateCtes(prepared), branches.join('\nUNION ALL\n')),
    parameters: options.now === undefined ? ['now'] : [],
    columns,
  };
}

function rankingStep(prepared: PreparedQuery, tops: TopRule[], candidatesTable: string): SqlStep {
  const columns = ['contact_id', 'rule_index', 'lost'] as const;
  const { say } = prepared.context;
  if (tops.length === 0) {
    return {
      sql: 'SELECT CAST(NULL AS VARCHAR) AS contact_id, CAST(0 AS INTEGER) AS rule_index, FALSE AS lost WHERE FALSE',
      parameters: [],
      columns,
    };
  }
  if (!tracksLostTiers(prepared.context)) {
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
      sql: withCtes(
        ctes,
        tops.map((top) => `SELECT contact_id, rule_index, FALSE AS lost FROM cc_taken_${top.index}`).join('\nUNION ALL\n'),
      ),
      parameters: [],
      columns,
    };
  }
  // As the one query's window (tiers.ts): a sure contact within the top n counting every one above
  // it is taken; one past the top n counting only the sure ones above it is not; between, lost. A
  // contact an earlier rule lost may be eligible here.
  const ctes: [string, string][] = tops.map((top, position) => {
    const earlier = tops.slice(0, position);
    const lostBefore =
      earlier.length === 0
        ? 'FALSE'
        : earlier
            .map((rule) => `EXISTS (SELECT 1 FROM cc_rank_${rule.index} AS e WHERE e.contact_id = c.contact_id AND e.lost)`)
            .join(' OR ');
    const window = `${top.perOwner ? `PARTITION BY COALESCE(c.owner_id, '') ` : ''}ORDER BY c.value DESC, ${say.binaryOrder('c.contact_id')}`;
    return [
      `cc_rank_${top.index}`,
      [
        `-- assign[${top.index}]: the top ${top.n}${top.perOwner ? ' per owner' : ''} of the candidates the rules before it left, and the contacts whose place it cannot tell.`,
        `SELECT r.contact_id, r.sure AND r.top_rank <= ${top.n} AS taken,`,
        `  (r.sure AND r.top_rank > ${top.n} AND r.top_rank - r.maybe_upto <= ${top.n}) OR (NOT r.sure AND r.top_rank - r.maybe_upto + 1 <= ${top.n}) AS lost`,
        `FROM (`,
        `  SELECT c.contact_id, c.sure, row_number() OVER (${window}) AS top_rank,`,
        `    sum(CASE WHEN c.sure THEN 0 ELSE 1 END) OVER (${window} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS maybe_upto`,
        `  FROM (`,
        `    SELECT c.contact_id, c.owner_id, c.value, c.sure AND NOT (${lostBefore}) AS sure`,
        `    FROM ${sqlName(candidatesTable)} AS c`,
        `    WHERE c.rule_index = ${top.index}`,
        ...earlier.map(
          (rule) => `      AND NOT EXISTS (SELECT 1 FROM cc_rank_${rule.index} AS e WHERE e.contact_id = c.contact_id AND e.taken)`,
        ),
        `  ) AS c`,
        `) AS r`,
      ].join('\n'),
    ];
  });
  return {
    sql: withCtes(
      ctes,
      tops
        .map((top) => `SELECT contact_id, CAST(${top.index} AS INTEGER) AS rule_index, lost FROM cc_rank_${top.index} WHERE taken OR lost`)
        .join('\nUNION ALL\n'),
    ),
    parameters: [],
    columns,
  };
}
