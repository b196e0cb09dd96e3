/**
 * The same due items computed three ways, side by side: `evaluate` in Node, and the compiled SQL
 * in DuckDB (embedded), PGlite (PostgreSQL embedded, up to a million contacts: it is a 32-bit
 * WebAssembly build) and a real PostgreSQL server when CALLING_CYCLE_PG_URL is set.
 *
 *   npx tsx bench/sql.ts                  # 1,000,000 and 10,000,000 contacts
 *   npx tsx bench/sql.ts 10000            # a quick look
 *
 * Each contact has one touch history (bench/evaluate.ts's book: ten zones, touches over 80 days
 * and every hour). The database builds the same book itself with generate_series, so loading
 * is timed apart from the query, and the query writes its rows into a table (as a nightly job
 * would) rather than shipping them to Node. Each (engine, size) runs in its own process, so its
 * peak memory (the process's high-water mark) is its own; a server's memory is its own and not
 * in the figure. The overdue counts must agree: a quick parity check at full size.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { evaluate, evaluateColumns, STATUS_CODES } from '../src/index.js';
import { compileSql, type SqlDialect, sqlSupportTables, supportTableStatements } from '../src/sql/index.js';
import { DUCKDB_AFTER_LOAD, DUCKDB_RECIPE } from './duckdb-recipe.js';
import { book, NOW, policy, ZONES } from './evaluate.js';

type Engine = 'evaluate' | 'columns' | 'duckdb' | 'duckdb-typed' | 'duckdb-parquet' | 'pglite' | 'postgres' | 'postgres-jit-off';

interface Measure {
  engine: Engine;
  size: number;
  loadSeconds: number | null;
  seconds: number;
  peakMb: number;
  /** The one-minute load average when the measure ended: figures move with it. */
  loadAverage: number;
  statuses: Record<string, number>;
}

/** SQL that builds bench/evaluate.ts's book inside the database. */
export function bookSql(dialect: SqlDialect, size: number): string[] {
  const zones = ZONES.map((zone) => `'${zone}'`).join(', ');
  const series = dialect === 'postgres' ? `generate_series(0, ${size - 1}) AS g(i)` : `range(0, ${size}) AS g(i)`;
  const zoneOf = dialect === 'postgres' ? `(ARRAY[${zones}])[i % ${ZONES.length} + 1]` : `[${zones}][i % ${ZONES.length} + 1]`;
  const offset = `(CAST(i AS BIGINT) * 7919993) % ${80 * 86_400_000}`;
  const at =
    dialect === 'postgres'
      ? `TIMESTAMPTZ '2026-09-01 00:00:00+00' + ${offset} * INTERVAL '1 millisecond'`
      : `TIMESTAMPTZ '2026-09-01 00:00:00+00' + to_milliseconds(${offset})`;
  const json = dialect === 'postgres' ? 'JSONB' : 'JSON';
  return [
    'DROP TABLE IF EXISTS contacts',
    'DROP TABLE IF EXISTS touches',
    'DROP TABLE IF EXISTS owners',
    'DROP TABLE IF EXISTS snoozes',
    'DROP TABLE IF EXISTS items',
    `CREATE TABLE contacts AS SELECT 'c' || CAST(i AS VARCHAR) AS id, CAST(NULL AS VARCHAR) AS owner_id, ${zoneOf} AS time_zone, CAST(NULL AS VARCHAR) AS tier, CAST(NULL AS VARCHAR) AS calendar, TIMESTAMPTZ '2025-01-15 10:00:00+00' AS created_at, CAST(NULL AS ${json}) AS attributes, CAST(NULL AS ${json}) AS events, CAST(NULL AS BOOLEAN) AS do_not_contact, CAST(NULL AS DATE) AS paused_until FROM ${series}`,
    `CREATE TABLE touches AS SELECT 'c' || CAST(i AS VARCHAR) AS contact_id, ${at} AS "at", 'call' AS channel, 'outbound' AS direction, 'connected' AS outcome, CAST(NULL AS VARCHAR) AS purpose FROM ${series}`,
    'CREATE TABLE owners (id VARCHAR, time_zone VARCHAR, calendar VARCHAR)',
    'CREATE TABLE snoozes (contact_id VARCHAR, cycle_id VARCHAR, "until" DATE)',
    ...(dialect === 'postgres' ? ['ANALYZE contacts', 'ANALYZE touches'] : []),
  ];
}

interface Runner {
  run(sql: string): Promise<void>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function open(engine: Exclude<Engine, 'evaluate' | 'columns' | 'duckdb-parquet' | 'duckdb-typed'>): Promise<Runner> {
  if (engine === 'duckdb') {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    // docs/scale.md's recipe, as written: a compressed database, no insertion order kept for the
    // written rows, freed memory handed back (and a CHECKPOINT after each large table, below).
    for (const statement of DUCKDB_RECIPE) await connection.run(statement);
    return {
      run: async (sql) => {
        await connection.run(sql);
      },
      rows: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[],
      close: async () => connection.closeSync(),
    };
  }
  if (engine === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create();
    return {
      run: async (sql) => {
        await db.exec(sql);
      },
      rows: async (sql) => (await db.query<Record<string, unknown>>(sql)).rows,
      close: () => db.close(),
    };
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: process.env.CALLING_CYCLE_PG_URL });
  await client.connect();
  const schema = `cc_bench_${process.pid}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  return {
    run: async (sql) => {
      await client.query(sql);
    },
    rows: async (sql) => (await client.query<Record<string, unknown>>(sql)).rows,
    close: async () => {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

async function measure(engine: Engine, size: number): Promise<Omit<Measure, 'loadAverage'>> {
  if (engine === 'evaluate') {
    const { contacts, touches } = book(size);
    const start = performance.now();
    const { items } = evaluate({ policy, contacts, touches, now: NOW });
    const seconds = (performance.now() - start) / 1000;
    const statuses: Record<string, number> = {};
    for (const item of items) statuses[item.status] = (statuses[item.status] ?? 0) + 1;
    return { engine, size, loadSeconds: null, seconds, peakMb: process.resourceUsage().maxRSS / 1024, statuses };
  }
  if (engine === 'columns') {
    const { contacts, touches } = book(size);
    const start = performance.now();
    const result = evaluateColumns({ policy, contacts, touches, now: NOW });
    const seconds = (performance.now() - start) / 1000;
    const statuses: Record<string, number> = {};
    for (let row = 0; row < result.size; row++) {
      const status = STATUS_CODES[result.status[row]!]!;
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    return { engine, size, loadSeconds: null, seconds, peakMb: process.resourceUsage().maxRSS / 1024, statuses };
  }
  if (engine === 'duckdb-parquet') return measureParquet(size);
  const duck = engine === 'duckdb' || engine === 'duckdb-typed';
  const dialect: SqlDialect = duck ? 'duckdb' : 'postgres';
  const db = await open(engine === 'duckdb-typed' ? 'duckdb' : engine);
  let start = performance.now();
  const support = sqlSupportTables(policy, { from: '2025-01-01', to: '2026-12-31', zones: ZONES });
  for (const statement of [...supportTableStatements(support, { dialect }), ...bookSql(dialect, size)]) {
    await db.run(statement);
    // The recipe: a CHECKPOINT after each large table is loaded compresses it, so the load needs
    // memory for one table's rows uncompressed at a time, not the whole book's.
    if (duck && / AS SELECT /.test(statement)) await db.run(DUCKDB_AFTER_LOAD);
  }
  const loadSeconds = (performance.now() - start) / 1000;
  // The same rows with due_on a DATE and last_touch_at a TIMESTAMPTZ: no text to format.
  const { sql } = compileSql(policy, { dialect, now: NOW, values: engine === 'duckdb-typed' ? 'typed' : 'text' });
  // The server's default (jit on, above jit_above_cost) beside the session setting docs advise.
  if (engine === 'postgres-jit-off') await db.run('SET jit = off');
  start = performance.now();
  await db.run(`CREATE TABLE items AS ${sql}`);
  const seconds = (performance.now() - start) / 1000;
  const statuses: Record<string, number> = {};
  for (const row of await db.rows('SELECT status, count(*) AS n FROM items GROUP BY status')) statuses[String(row.status)] = Number(row.n);
  await db.close();
  return { engine, size, loadSeconds, seconds, peakMb: process.resourceUsage().maxRSS / 1024, statuses };
}

/**
 * DuckDB reading the book from Parquet files, as a warehouse exports it: the tables are written
 * to Parquet first (not timed), then views over `read_parquet` stand in for the tables, so the
 * query reads the files where the other run reads DuckDB's own tables.
 */
async function measureParquet(size: number): Promise<Omit<Measure, 'loadAverage'>> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const folder = mkdtempSync(join(tmpdir(), 'cc-parquet-'));
  try {
    const db = await open('duckdb');
    const support = sqlSupportTables(policy, { from: '2025-01-01', to: '2026-12-31', zones: ZONES });
    for (const statement of [...supportTableStatements(support, { dialect: 'duckdb' }), ...bookSql('duckdb', size)]) await db.run(statement);
    for (const table of ['contacts', 'touches']) {
      await db.run(`COPY ${table} TO '${join(folder, `${table}.parquet`)}' (FORMAT parquet)`);
      await db.run(`DROP TABLE ${table}`);
    }
    let start = performance.now();
    for (const table of ['contacts', 'touches']) await db.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet('${join(folder, `${table}.parquet`)}')`);
    const loadSeconds = (performance.now() - start) / 1000;
    const { sql } = compileSql(policy, { dialect: 'duckdb', now: NOW });
    start = performance.now();
    await db.run(`CREATE TABLE items AS ${sql}`);
    const seconds = (performance.now() - start) / 1000;
    const statuses: Record<string, number> = {};
    for (const row of await db.rows('SELECT status, count(*) AS n FROM items GROUP BY status')) statuses[String(row.status)] = Number(row.n);
    await db.close();
    return { engine: 'duckdb-parquet', size, loadSeconds, seconds, peakMb: process.resourceUsage().maxRSS / 1024, statuses };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const LABELS: Record<Engine, string> = {
  evaluate: 'evaluate (Node)',
  columns: 'evaluateColumns',
  'duckdb-parquet': 'DuckDB on Parquet',
  duckdb: 'DuckDB (embedded)',
  'duckdb-typed': 'DuckDB, typed values',
  pglite: 'PGlite (embedded)',
  postgres: 'PostgreSQL server',
  'postgres-jit-off': 'PostgreSQL, jit off',
};

function engines(size: number): Engine[] {
  // CALLING_CYCLE_BENCH_ENGINES=columns,postgres runs those alone: a scaling run to 10M need not
  // wait for every engine at every size.
  const only = process.env.CALLING_CYCLE_BENCH_ENGINES?.split(',');
  const all: Engine[] = [
    'evaluate',
    'columns',
    'duckdb',
    'duckdb-typed',
    'duckdb-parquet',
    // PGlite is 32-bit WebAssembly (its heap tops out near 2 GB) and single-threaded: a look at
    // 100,000, not a contender.
    ...(size <= 100_000 ? (['pglite'] as const) : []),
    ...(process.env.CALLING_CYCLE_PG_URL ? (['postgres', 'postgres-jit-off'] as const) : []),
  ];
  return only ? all.filter((engine) => only.includes(engine)) : all;
}

/**
 * Runs every engine at every size, each in its own process, and prints them side by side.
 *
 * @example
 * await runSqlBench([10_000]);
 */
export async function runSqlBench(sizes: readonly number[]): Promise<void> {
  const script = fileURLToPath(import.meta.url);
  for (const size of sizes) {
    console.log(`\nSQL vs evaluate: ${size.toLocaleString('en')} contacts × 1 touch each, 1 rolling cycle, 10 zones, shift with holidays`);
    console.log(
      `  ${'engine'.padEnd(20)} ${'load s'.padStart(8)} ${'query s'.padStart(8)} ${'µs/contact'.padStart(10)} ${'× columns'.padStart(9)} ${'peak MB'.padStart(8)} ${'× MB'.padStart(6)} ${'load avg'.padStart(8)}  overdue / due / soon / upcoming`,
    );
    // Ratios are to evaluateColumns on the same book in the same run: the figure that survives
    // a change of machine or load better than seconds do.
    let columns: Measure | undefined;
    for (const engine of engines(size)) {
      const child = spawnSync(process.execPath, [...process.execArgv, script, '--one', engine, String(size)], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
        env: process.env,
      });
      const last = child.stdout.trim().split('\n').pop() ?? '';
      if (child.status !== 0 || !last.startsWith('{')) {
        console.log(`  ${LABELS[engine].padEnd(20)} failed: ${(child.stderr || child.stdout).trim().split('\n').slice(-3).join(' ')}`);
        continue;
      }
      const result = JSON.parse(last) as Measure;
      if (engine === 'columns') columns = result;
      const ratio = (value: number, base: number | undefined) => (base === undefined ? '-' : (value / base).toFixed(2));
      const counts = ['overdue', 'due', 'soon', 'upcoming']
        .map((status) => (result.statuses[status] ?? 0).toLocaleString('en'))
        .join(' / ');
      console.log(
        `  ${LABELS[engine].padEnd(20)} ${(result.loadSeconds === null ? '-' : result.loadSeconds.toFixed(1)).padStart(8)} ${result.seconds.toFixed(1).padStart(8)} ${((result.seconds * 1e6) / size).toFixed(2).padStart(10)} ${ratio(result.seconds, columns?.seconds).padStart(9)} ${result.peakMb.toFixed(0).padStart(8)} ${ratio(result.peakMb, columns?.peakMb).padStart(6)} ${result.loadAverage.toFixed(1).padStart(8)}  ${counts}`,
      );
    }
  }
}

const args = process.argv.slice(2);
if (args[0] === '--one') {
  const result = await measure(args[1] as Engine, Number(args[2]));
  console.log(JSON.stringify({ ...result, loadAverage: loadavg()[0] }));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runSqlBench(args.length > 0 ? args.map(Number) : [1_000_000, 10_000_000]);
}
