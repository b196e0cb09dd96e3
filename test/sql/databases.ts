/**
 * The databases the parity suite runs on, behind one small interface: PGlite and DuckDB embedded
 * (always), and a real PostgreSQL server when `CALLING_CYCLE_PG_URL` is set.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { DUCKDB_RECIPE } from '../../bench/duckdb-recipe.js';
import type { SqlDialect } from '../../src/sql/index.js';

/** One row as the compiled query returns it, read into plain JSON values. */
export interface SqlItemRow {
  contactId: string;
  cycleId: string;
  tierId: string;
  ownerId: string | null;
  status: string;
  dueOn: string | null;
  daysOverdue: number;
  lastTouchAt: string | null;
  escalation: string | null;
}

export interface TestDatabase {
  readonly name: string;
  readonly dialect: SqlDialect;
  run(statements: readonly string[]): Promise<void>;
  /** Runs a compiled query; `parameters` are its `$1`… values (`[now]` when `now` is a parameter). */
  items(sql: string, parameters: readonly string[]): Promise<SqlItemRow[]>;
  /** Runs a query (with its `$1`… values, if any) and returns its rows as the driver reads them. */
  rows(sql: string, parameters?: readonly string[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** A compiled query's row as the suite compares it (drivers differ in how they type columns). */
export function toItem(row: Record<string, unknown>): SqlItemRow {
  const textOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    contactId: String(row.contact_id),
    cycleId: String(row.cycle_id),
    tierId: String(row.tier_id),
    ownerId: textOrNull(row.owner_id),
    status: String(row.status),
    dueOn: textOrNull(row.due_on),
    daysOverdue: Number(row.days_overdue),
    lastTouchAt: textOrNull(row.last_touch_at),
    escalation: textOrNull(row.escalation),
  };
}

export async function openPglite(): Promise<TestDatabase> {
  const db = await PGlite.create();
  return {
    name: 'PGlite',
    dialect: 'postgres',
    async run(statements) {
      for (const statement of statements) await db.exec(statement);
    },
    async items(sql, parameters) {
      const result = await db.query<Record<string, unknown>>(sql, [...parameters]);
      return result.rows.map(toItem);
    },
    async rows(sql, parameters = []) {
      return (await db.query<Record<string, unknown>>(sql, [...parameters])).rows;
    },
    close: () => db.close(),
  };
}

/** DuckDB under docs/scale.md's session recipe, so the suites check the settings users are told to set. */
export async function openDuckdb(): Promise<TestDatabase> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const statement of DUCKDB_RECIPE) await connection.run(statement);
  return {
    name: 'DuckDB',
    dialect: 'duckdb',
    async run(statements) {
      for (const statement of statements) await connection.run(statement);
    },
    async items(sql, parameters) {
      const reader = await connection.runAndReadAll(sql, parameters.length > 0 ? [...parameters] : undefined);
      return reader.getRowObjectsJS().map((row) => toItem(row as Record<string, unknown>));
    },
    async rows(sql, parameters = []) {
      const reader = await connection.runAndReadAll(sql, parameters.length > 0 ? [...parameters] : undefined);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A real PostgreSQL server (see scripts/postgres-server.sh); each suite gets its own schema. */
export async function openPostgres(url: string): Promise<TestDatabase> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const schema = `cc_parity_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  return postgresDatabase(client, 'PostgreSQL server', async () => {
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  });
}

/** A connected `pg` client as the suite's database interface; `close` is what closing it does. */
export function postgresDatabase(
  client: { query<R>(sql: string, parameters?: unknown[]): Promise<{ rows: R[] }> },
  name: string,
  close: () => Promise<void>,
): TestDatabase {
  return {
    name,
    dialect: 'postgres',
    async run(statements) {
      for (const statement of statements) await client.query(statement);
    },
    async items(sql, parameters) {
      return (await client.query<Record<string, unknown>>(sql, [...parameters])).rows.map(toItem);
    },
    async rows(sql, parameters = []) {
      return (await client.query<Record<string, unknown>>(sql, [...parameters])).rows;
    },
    close,
  };
}
