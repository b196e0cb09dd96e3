/**
 * A sharded run of `compileShardedSql`'s three steps over databases standing for shards and a
 * coordinator: contacts split by id, their touches and snoozes on the same shard, owners and the
 * support tables on every shard. Shared by the embedded suite and the three-server cluster suite.
 */
import { parsePolicy } from '../../src/index.js';
import { bookTableStatements, compileShardedSql, sqlSupportTables, supportTableStatements } from '../../src/sql/index.js';
import type { RandomBook } from './books.js';
import type { SqlItemRow, TestDatabase } from './databases.js';
import { SUPPORT_RANGE, ZONES } from './books.js';

/** The shard a contact id lives on: a plain hash of its text, independent of the library. */
export function shardOf(id: string, count: number): number {
  let hash = 7;
  for (const char of id) hash = (hash * 31 + char.codePointAt(0)!) % 1_000_003;
  return hash % count;
}

/**
 * Loads each shard's part of the book and the policy's support tables on every shard (the zone
 * table, which depends on no policy, once per shard beforehand: `prepareDatabase`).
 */
export async function loadShards(shards: readonly TestDatabase[], book: RandomBook): Promise<void> {
  const policy = parsePolicy(book.policy);
  const home = (id: unknown) => shardOf(String(id), shards.length);
  const support = sqlSupportTables(policy, { ...SUPPORT_RANGE, zones: ZONES });
  for (const [index, shard] of shards.entries()) {
    await shard.run(supportTableStatements(support, { dialect: shard.dialect, only: ['workDays', 'supportRange', 'occurrences'] }));
    await shard.run(
      bookTableStatements(
        {
          contacts: book.contacts.filter((contact) => home(contact.id) === index),
          touches: book.touches.filter((touch) => home(touch.contactId) === index),
          snoozes: book.snoozes.filter((snooze) => home(snooze.contactId) === index),
          owners: book.owners,
        },
        { dialect: shard.dialect },
      ),
    );
  }
}

function valuesSql(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const literal = (value: unknown) =>
    value === null || value === undefined
      ? 'NULL'
      : typeof value === 'number'
        ? `CAST(${JSON.stringify(value)} AS DOUBLE PRECISION)`
        : `'${String(value).replaceAll("'", "''")}'`;
  return rows.map((row) => `(${columns.map((column) => literal(row[column])).join(', ')})`).join(',\n');
}

/** The three steps over the shards and the coordinator; the items of every shard, and how many shards gave candidates. */
export async function shardedRun(
  shards: readonly TestDatabase[],
  coordinator: TestDatabase,
  book: RandomBook,
): Promise<{ items: SqlItemRow[]; shardsWithCandidates: number; taken: number }> {
  const policy = parsePolicy(book.policy);
  const split = compileShardedSql(policy, { dialect: coordinator.dialect });
  const now = (parameters: readonly string[]) => parameters.map(() => book.now);
  // Step 1, on each shard.
  const candidates: Record<string, unknown>[] = [];
  let shardsWithCandidates = 0;
  for (const shard of shards) {
    const rows = await shard.rows(split.candidates.sql, now(split.candidates.parameters));
    if (rows.length > 0) shardsWithCandidates++;
    candidates.push(...rows);
  }
  // Step 2, on the coordinator, over every shard's candidates.
  await coordinator.run(['DROP TABLE IF EXISTS cc_top_candidates', split.createTables.candidates]);
  if (candidates.length > 0) {
    await coordinator.run([
      `INSERT INTO cc_top_candidates VALUES\n${valuesSql(candidates, ['contact_id', 'owner_id', 'rule_index', 'value'])}`,
    ]);
  }
  const taken = await coordinator.rows(split.ranking.sql, []);
  // Step 3, on each shard, with the ranking copied there.
  const items: SqlItemRow[] = [];
  for (const shard of shards) {
    await shard.run(['DROP TABLE IF EXISTS cc_top_tiers', split.createTables.topTiers]);
    if (taken.length > 0) await shard.run([`INSERT INTO cc_top_tiers VALUES\n${valuesSql(taken, ['contact_id', 'rule_index'])}`]);
    items.push(...(await shard.items(split.items.sql, now(split.items.parameters))));
  }
  return { items, shardsWithCandidates, taken: taken.length };
}
