/**
 * The sharded model (Citus's: contacts distributed by id, their touches co-located, the support
 * tables on every node) on plain PostgreSQL: three servers hold the shards; a coordinator
 * database holds `contacts` and `touches` as hash-partitioned tables whose partitions are
 * postgres_fdw foreign tables on the shards, with owners, snoozes and the support tables as its
 * own (reference) tables. The compiled query runs unchanged on the coordinator, and must equal
 * `evaluate` on random books, top-N tiers across shards included.
 *
 * Run by `npm run test:postgres-cluster` (scripts/postgres-server.sh run-cluster 3 …), which sets
 * CALLING_CYCLE_PG_SHARD_URLS. Not part of `npm test`, which has no server.
 */
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, parsePolicy } from '../../src/index.js';
import { bookTableStatements, compileSql, sqlSupportTables, supportTableStatements } from '../../src/sql/index.js';
import { bookArbitrary, SUPPORT_RANGE, ZONES } from './books.js';
import { postgresDatabase, type SqlItemRow, type TestDatabase, toItem } from './databases.js';
import { itemFields } from './parity.js';
import { loadShards, RANKING_ACROSS_SHARDS, shardedRun, TIE_ACROSS_SHARDS } from './sharded.js';

const urls = (process.env.CALLING_CYCLE_PG_SHARD_URLS ?? '').split(',').filter((url) => url !== '');
if (urls.length < 2) throw new Error('set CALLING_CYCLE_PG_SHARD_URLS (scripts/postgres-server.sh run-cluster 3 … sets it)');
const RUNS = Number(process.env.CALLING_CYCLE_SQL_RUNS ?? 25);
const COORDINATOR_DB = `cc_coordinator_${process.pid}`;

/** The data tables' columns, as bookTableStatements creates them (PostgreSQL dialect). */
function createStatements(): Map<string, string> {
  const statements = bookTableStatements({ contacts: [], touches: [] }, { dialect: 'postgres' }).filter((statement) =>
    statement.startsWith('CREATE TABLE'),
  );
  return new Map(statements.map((statement) => [/^CREATE TABLE "(\w+)"/.exec(statement)![1]!, statement]));
}

const byKey = (a: SqlItemRow, b: SqlItemRow) =>
  a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : a.cycleId < b.cycleId ? -1 : a.cycleId > b.cycleId ? 1 : 0;

/** A shard or the coordinator as the suite's database interface; the suite ends the client itself. */
const asDatabase = (client: pg.Client): TestDatabase => postgresDatabase(client, 'PostgreSQL shard', async () => {});

describe('compiled SQL equals evaluate on a book sharded over three PostgreSQL servers (postgres_fdw)', () => {
  const shards: pg.Client[] = [];
  let admin: pg.Client;
  let coordinator: pg.Client;
  const tables = createStatements();

  beforeAll(async () => {
    for (const url of urls) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      shards.push(client);
    }
    admin = new pg.Client({ connectionString: urls[0] });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${COORDINATOR_DB}`);
    const url = new URL(urls[0]!);
    url.pathname = `/${COORDINATOR_DB}`;
    coordinator = new pg.Client({ connectionString: url.toString() });
    await coordinator.connect();
    await coordinator.query('CREATE EXTENSION postgres_fdw');
    // Contacts by id and touches by contact id, hashed alike: a contact's touches live on its shard.
    await coordinator.query(`${tables.get('contacts')!.replace(/, PRIMARY KEY.*|PRIMARY KEY/, '')} PARTITION BY HASH ("id")`);
    await coordinator.query(`${tables.get('touches')} PARTITION BY HASH ("contact_id")`);
    for (const [index, shardUrl] of urls.entries()) {
      const shard = new URL(shardUrl);
      await coordinator.query(
        `CREATE SERVER shard_${index} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '${shard.hostname}', port '${shard.port}', dbname '${shard.pathname.slice(1) || 'postgres'}')`,
      );
      await coordinator.query(
        `CREATE USER MAPPING FOR CURRENT_USER SERVER shard_${index} OPTIONS (user '${shard.username || 'postgres'}')`,
      );
      for (const table of ['contacts', 'touches']) {
        await shards[index]!.query(`DROP TABLE IF EXISTS "${table}"`);
        await shards[index]!.query(tables.get(table)!);
        await coordinator.query(
          `CREATE FOREIGN TABLE "${table}_${index}" PARTITION OF "${table}" FOR VALUES WITH (MODULUS ${urls.length}, REMAINDER ${index}) SERVER shard_${index} OPTIONS (table_name '${table}')`,
        );
      }
    }
    const policy = parsePolicy({ version: 1, tiers: [{ id: 'T', cycles: [{ id: 'c', cadence: { every: 'P1D' } }] }] });
    const zones = supportTableStatements(sqlSupportTables(policy, { ...SUPPORT_RANGE, zones: ZONES }), {
      dialect: 'postgres',
      only: ['zoneDays'],
    });
    for (const client of [coordinator, ...shards]) for (const statement of zones) await client.query(statement);
  }, 120_000);

  afterAll(async () => {
    await coordinator?.end();
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${COORDINATOR_DB}`);
      await admin.end();
    }
    for (const shard of shards) {
      await shard.query('DROP TABLE IF EXISTS contacts, touches, owners, snoozes, cc_top_tiers');
      await shard.query('DROP TABLE IF EXISTS cc_zone_days, cc_work_days, cc_occurrences, cc_support_range');
      await shard.end();
    }
  });

  it(`on ${RUNS} random books, top-N tiers across shards included`, async () => {
    let crossing = 0;
    await fc.assert(
      fc.asyncProperty(bookArbitrary, async (book) => {
        const policy = parsePolicy(book.policy);
        const support = supportTableStatements(sqlSupportTables(policy, { ...SUPPORT_RANGE, zones: ZONES }), {
          dialect: 'postgres',
          only: ['workDays', 'supportRange', 'occurrences'],
        });
        // The support tables on every node (Citus: reference tables).
        for (const client of [coordinator, ...shards]) for (const statement of support) await client.query(statement);
        await coordinator.query('TRUNCATE contacts, touches');
        // Owners and snoozes as the coordinator's own tables; contacts and touches through the
        // partitioned parents, which route each row to its shard.
        for (const statement of bookTableStatements(book, { dialect: 'postgres' })) {
          const target = /^(?:DROP TABLE IF EXISTS|CREATE TABLE|INSERT INTO) "(\w+)"/.exec(statement)?.[1];
          if ((target === 'contacts' || target === 'touches') && !statement.startsWith('INSERT')) continue;
          await coordinator.query(statement);
        }
        const counts = await Promise.all(shards.map((shard) => shard.query<{ n: string }>('SELECT count(*) AS n FROM contacts')));
        const used = counts.filter((result) => Number(result.rows[0]!.n) > 0).length;
        if (used > 1 && (policy.assign ?? []).some((rule) => rule.top)) crossing++;
        const { sql } = compileSql(policy, { dialect: 'postgres' });
        const rows = (await coordinator.query<Record<string, unknown>>(sql, [book.now])).rows.map(toItem).sort(byKey);
        const core = evaluate({ ...book, policy });
        expect(rows).toEqual(core.items.map(itemFields).sort(byKey));
      }),
      { numRuns: RUNS, examples: [[TIE_ACROSS_SHARDS], [RANKING_ACROSS_SHARDS]] },
    );
    // The runs must have exercised what needs the whole book: a top-N rule over contacts on more
    // than one shard (the fixed example always does; random books add more).
    expect(crossing).toBeGreaterThan(0);
  }, 900_000);

  it(`compileShardedSql's three steps on the shards and the coordinator, on ${RUNS} random books with top-N rules`, async () => {
    let crossing = 0;
    const withTopN = bookArbitrary.filter((book) =>
      ((book.policy.assign as { top?: unknown }[] | undefined) ?? []).some((rule) => rule.top !== undefined),
    );
    await fc.assert(
      fc.asyncProperty(withTopN, async (book) => {
        // Each shard server holds its part of the book and runs steps 1 and 3; the coordinator
        // database ranks the candidates (step 2).
        const servers = shards.map(asDatabase);
        await loadShards(servers, book);
        const { items, shardsWithCandidates, taken } = await shardedRun(servers, asDatabase(coordinator), book);
        if (shardsWithCandidates > 1 && taken > 0) crossing++;
        const core = evaluate({ ...book, policy: parsePolicy(book.policy) });
        expect(items.sort(byKey)).toEqual(core.items.map(itemFields).sort(byKey));
      }),
      { numRuns: RUNS, examples: [[TIE_ACROSS_SHARDS], [RANKING_ACROSS_SHARDS]] },
    );
    expect(crossing).toBeGreaterThan(0);
  }, 900_000);
});
