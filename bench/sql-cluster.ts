/**
 * The compiled query on a book sharded over several PostgreSQL servers, beside the same book on
 * one server, in the same run:
 *
 *   npm run bench:sql-cluster -- 1000000
 *
 * Rows: one server holding the whole book (`compileSql`, one query); the shards running
 * `compileShardedSql`'s steps at once (each shard holds a third of the contacts and their
 * touches, split by a hash of the id as Citus splits them), the wall time from the first step
 * to the last shard's rows; and a coordinator reading the shards through postgres_fdw hash
 * partitions and running `compileSql` unchanged. The book is bench/evaluate.ts's, built by each
 * server with generate_series (bench/sql.ts); load is timed apart, and every run writes its rows
 * into a table. The status counts must agree. All servers share this machine's cores: the figure
 * says what sharding costs and where, not what three machines would do.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { compileShardedSql, compileSql, sqlSupportTables, supportTableStatements } from '../src/sql/index.js';
import { NOW, policy, ZONES } from './evaluate.js';
import { bookSql } from './sql.js';

const urls = (process.env.CALLING_CYCLE_PG_SHARD_URLS ?? '').split(',').filter((url) => url !== '');
const SCHEMA = `cc_bench_cluster_${process.pid}`;

async function connect(url: string, database?: string): Promise<pg.Client> {
  const target = new URL(url);
  if (database) target.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  return client;
}

async function statuses(client: pg.Client, table: string): Promise<string> {
  const { rows } = await client.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM ${table} GROUP BY status`);
  const counts = Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
  return ['overdue', 'due', 'soon', 'upcoming'].map((status) => (counts[status] ?? 0).toLocaleString('en')).join(' / ');
}

const seconds = (start: number) => (performance.now() - start) / 1000;

function line(label: string, load: number, query: number, size: number, base: number | undefined, counts: string): void {
  const ratio = base === undefined ? '-' : (query / base).toFixed(2);
  console.log(
    `  ${label.padEnd(34)} ${load.toFixed(1).padStart(7)} ${query.toFixed(1).padStart(8)} ${((query * 1e6) / size).toFixed(2).padStart(10)} ${ratio.padStart(8)} ${loadavg()[0]!.toFixed(1).padStart(8)}  ${counts}`,
  );
}

async function run(size: number): Promise<void> {
  const support = supportTableStatements(sqlSupportTables(policy, { from: '2025-01-01', to: '2026-12-31', zones: ZONES }), {
    dialect: 'postgres',
  });
  console.log(
    `\nPostgreSQL, one server vs ${urls.length} shards: ${size.toLocaleString('en')} contacts × 1 touch, 1 rolling cycle, 10 zones`,
  );
  console.log(
    `  ${'setup'.padEnd(34)} ${'load s'.padStart(7)} ${'query s'.padStart(8)} ${'µs/contact'.padStart(10)} ${'× one'.padStart(8)} ${'load avg'.padStart(8)}  overdue / due / soon / upcoming`,
  );
  const shards = await Promise.all(urls.map((url) => connect(url)));
  try {
    for (const shard of shards) {
      await shard.query(`CREATE SCHEMA ${SCHEMA}`);
      await shard.query(`SET search_path TO ${SCHEMA}`);
    }
    // One server, the whole book.
    const one = shards[0]!;
    let start = performance.now();
    for (const statement of [...support, ...bookSql('postgres', size)]) await one.query(statement);
    let load = seconds(start);
    const { sql } = compileSql(policy, { dialect: 'postgres', now: NOW });
    start = performance.now();
    await one.query(`CREATE TABLE items AS ${sql}`);
    const base = seconds(start);
    line('one server, compileSql', load, base, size, undefined, await statuses(one, 'items'));
    for (const statement of bookSql('postgres', 0)) await one.query(statement);

    // The shards, each with its part: hashed by id as the coordinator's partitions hash it.
    start = performance.now();
    await Promise.all(
      shards.map(async (shard, index) => {
        for (const statement of [...(index === 0 ? [] : support), ...bookSql('postgres', size)]) await shard.query(statement);
        // Keep this shard's part by the hash PostgreSQL's partitions use (an empty parent to ask),
        // so the coordinator's partitions below find each contact where it is.
        await shard.query('CREATE TABLE IF NOT EXISTS hash_parent (id TEXT) PARTITION BY HASH (id)');
        await shard.query(
          `DELETE FROM contacts WHERE NOT satisfies_hash_partition('${SCHEMA}.hash_parent'::regclass, ${urls.length}, ${index}, id)`,
        );
        await shard.query(`DELETE FROM touches AS t WHERE NOT EXISTS (SELECT 1 FROM contacts AS c WHERE c.id = t.contact_id)`);
        await shard.query('VACUUM ANALYZE contacts');
        await shard.query('VACUUM ANALYZE touches');
      }),
    );
    load = seconds(start);
    const split = compileShardedSql(policy, { dialect: 'postgres', now: NOW });
    start = performance.now();
    const candidates = (await Promise.all(shards.map((shard) => shard.query(split.candidates.sql)))).flatMap((result) => result.rows);
    await one.query(split.createTables.candidates);
    if (candidates.length > 0) throw new Error('the bench policy has no top-N rule: no candidates expected');
    const { rows: top } = await one.query(split.ranking.sql);
    await Promise.all(
      shards.map(async (shard) => {
        await shard.query(split.createTables.topTiers);
        if (top.length > 0) throw new Error('no ranking expected');
        await shard.query(`CREATE TABLE items AS ${split.items.sql}`);
      }),
    );
    const sharded = seconds(start);
    const perShard = await Promise.all(shards.map((shard) => shard.query<{ n: string }>('SELECT count(*) AS n FROM items')));
    line(
      `${urls.length} shards, compileShardedSql`,
      load,
      sharded,
      size,
      base,
      `${perShard.map((result) => Number(result.rows[0]!.n).toLocaleString('en')).join(' + ')} rows`,
    );

    // A coordinator over postgres_fdw partitions, the one query unchanged.
    const coordinatorDb = `cc_bench_coordinator_${process.pid}`;
    await one.query(`CREATE DATABASE ${coordinatorDb}`);
    const coordinator = await connect(urls[0]!, coordinatorDb);
    try {
      await coordinator.query('CREATE EXTENSION postgres_fdw');
      await coordinator.query(
        'CREATE TABLE contacts (id TEXT, owner_id TEXT, time_zone TEXT, tier TEXT, calendar TEXT, created_at TIMESTAMPTZ, attributes JSONB, events JSONB, do_not_contact BOOLEAN, paused_until DATE) PARTITION BY HASH (id)',
      );
      await coordinator.query(
        'CREATE TABLE touches (contact_id TEXT, "at" TIMESTAMPTZ, channel TEXT, direction TEXT, outcome TEXT, purpose TEXT) PARTITION BY HASH (contact_id)',
      );
      for (const [index, url] of urls.entries()) {
        const shard = new URL(url);
        await coordinator.query(
          `CREATE SERVER shard_${index} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '${shard.hostname}', port '${shard.port}', dbname '${shard.pathname.slice(1) || 'postgres'}', fetch_size '10000')`,
        );
        await coordinator.query(
          `CREATE USER MAPPING FOR CURRENT_USER SERVER shard_${index} OPTIONS (user '${shard.username || 'postgres'}')`,
        );
        for (const table of ['contacts', 'touches']) {
          await coordinator.query(
            `CREATE FOREIGN TABLE ${table}_${index} PARTITION OF ${table} FOR VALUES WITH (MODULUS ${urls.length}, REMAINDER ${index}) SERVER shard_${index} OPTIONS (schema_name '${SCHEMA}', table_name '${table}')`,
          );
        }
      }
      for (const statement of [
        ...support,
        'CREATE TABLE owners (id TEXT, time_zone TEXT, calendar TEXT)',
        'CREATE TABLE snoozes (contact_id TEXT, cycle_id TEXT, "until" DATE)',
      ])
        await coordinator.query(statement);
      await coordinator.query('SET enable_partitionwise_aggregate = on');
      start = performance.now();
      await coordinator.query(`CREATE TABLE items AS ${sql}`);
      line(`coordinator + postgres_fdw, compileSql`, 0, seconds(start), size, base, await statuses(coordinator, 'items'));
    } finally {
      await coordinator.end();
      await one.query(`DROP DATABASE IF EXISTS ${coordinatorDb}`);
    }
  } finally {
    for (const shard of shards) {
      await shard.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
      await shard.end();
    }
  }
}

if (urls.length < 2) throw new Error('run under scripts/postgres-server.sh run-cluster 3 (it sets CALLING_CYCLE_PG_SHARD_URLS)');
const sizes = process.argv.slice(2).map(Number);
for (const size of sizes.length > 0 ? sizes : [1_000_000]) await run(size);
