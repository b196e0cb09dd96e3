/**
 * A sharded run of `compileShardedSql`'s three steps over databases standing for shards and a
 * coordinator: contacts split by id, their touches and snoozes on the same shard, owners and the
 * support tables on every shard. Shared by the embedded suite and the three-server cluster suite.
 */
import { parsePolicy } from '../../src/index.js';
import { bookTableStatements, compileShardedSql, sqlSupportTables, supportTableStatements } from '../../src/sql/index.js';
import { OWNERS, type RandomBook, SUPPORT_RANGE, ZONES } from './books.js';
import type { SqlItemRow, TestDatabase } from './databases.js';

// Found with each shard sending only its own top N: c2 and c-5 tie, the first rule takes c-5, and
// the second rule's candidate on that shard was c-5 again, so c2 had to be sent for it.
export const TIE_ACROSS_SHARDS: RandomBook = {
  policy: {
    version: 1,
    calendars: { uk: { holidays: [] }, us: { holidays: [] } },
    tiers: [
      { id: 'T0', weight: 1, cycles: [{ id: 'follow', cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU' } }] },
      { id: 'T1', weight: 1, cycles: [{ id: 'follow', cadence: { after: 'closedWon', at: ['P1M'] } }] },
      { id: 'T2', weight: 1, cycles: [{ id: 'follow', cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU' } }] },
    ],
    assign: [
      { tier: 'T0', top: { by: 'revenue', n: 1 } },
      { tier: 'T0', top: { by: 'revenue', n: 1 } },
    ],
  },
  contacts: [
    { id: 'c1', tier: 'T0' },
    { id: 'c2', attributes: { revenue: 1 } },
    { id: 'c9' },
    { id: 'c10' },
    { id: 'c11' },
    { id: 'A7' },
    { id: 'b3' },
    { id: 'c_4' },
    { id: 'c-5', attributes: { revenue: 1 } },
  ],
  touches: [],
  snoozes: [],
  now: '2026-04-04T15:00:00.000Z',
  owners: OWNERS,
};

/**
 * A book whose rankings take contacts from every shard of three (by `shardOf`: c10 on shard 2, c9
 * on 1, c2 and c-5 on 0), run by every sharded suite whatever its random books draw: the first
 * rule takes c10 alone, the second breaks a three-way tie across shards 0 and 1 by id.
 */
export const RANKING_ACROSS_SHARDS: RandomBook = {
  ...TIE_ACROSS_SHARDS,
  contacts: TIE_ACROSS_SHARDS.contacts.map((contact) =>
    contact.id === 'c9'
      ? { ...contact, attributes: { revenue: 1 } }
      : contact.id === 'c10'
        ? { ...contact, attributes: { revenue: 2 } }
        : contact,
  ),
};

/** The shard a contact id lives on: a plain hash of its text, independent of the library. */
export function shardOf(id: string, count: number): number {
  let hash = 7;
  for (const char of id) hash = (hash * 31 + char.codePointAt(0)!) % 1_000_003;
  return hash % count;
}

/**
 * Loads each shard's part of the book and the policy's support tables on every shard (the zone
 * table, which depends on no policy, once per shard beforehand: `prepareDatabase`; or here, for
 * a `range` other than SUPPORT_RANGE).
 */
export async function loadShards(
  shards: readonly TestDatabase[],
  book: RandomBook,
  range?: { from: string; to: string; dueHorizon: string },
): Promise<void> {
  const policy = parsePolicy(book.policy);
  const home = (id: unknown) => shardOf(String(id), shards.length);
  const support = sqlSupportTables(policy, { ...(range ?? SUPPORT_RANGE), zones: ZONES });
  for (const [index, shard] of shards.entries()) {
    // With a range of its own the zone table is loaded too (prepareDatabase's covers SUPPORT_RANGE).
    await shard.run(
      supportTableStatements(support, {
        dialect: shard.dialect,
        only: range ? ['zoneDays', 'workDays', 'supportRange', 'occurrences'] : ['workDays', 'supportRange', 'occurrences'],
      }),
    );
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
      : typeof value === 'boolean'
        ? String(value).toUpperCase()
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
    await coordinator.run([`INSERT INTO cc_top_candidates VALUES\n${valuesSql(candidates, split.candidates.columns)}`]);
  }
  const taken = await coordinator.rows(split.ranking.sql, []);
  // Step 3, on each shard, with the ranking copied there.
  const items: SqlItemRow[] = [];
  for (const shard of shards) {
    await shard.run(['DROP TABLE IF EXISTS cc_top_tiers', split.createTables.topTiers]);
    if (taken.length > 0) await shard.run([`INSERT INTO cc_top_tiers VALUES\n${valuesSql(taken, split.ranking.columns)}`]);
    items.push(...(await shard.items(split.items.sql, now(split.items.parameters))));
  }
  return { items, shardsWithCandidates, taken: taken.length };
}
