/**
 * Typed source tables for the staging tests, as a connector would create and fill them, written
 * out as SQL by the test's own small writer (no code from src/), and the run of one staging
 * source on one database: load the tables, create the views, compile, and compare with the JS
 * adapter + `evaluate` on the same records.
 */
import { expect } from 'vitest';
import type { AdapterResult } from '../../../src/adapters/shared/index.js';
import { evaluate, type Policy, parsePolicy } from '../../../src/index.js';
import { compileSql, type StagingViewOptions, sqlSupportTables, stagingViews, supportTableStatements } from '../../../src/sql/index.js';
import type { SqlItemRow, TestDatabase } from '../databases.js';
import { itemFields } from '../parity.js';

export type ColumnType = 'text' | 'bigint' | 'double' | 'boolean' | 'timestamptz' | 'date' | 'json';

/** A table as a connector lands it: typed columns, rows keyed by column name (absent = NULL). */
export interface SourceTable {
  name: string;
  columns: readonly (readonly [name: string, type: ColumnType])[];
  rows: readonly Readonly<Record<string, unknown>>[];
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

function literal(value: unknown, type: ColumnType, dialect: 'postgres' | 'duckdb'): string {
  if (value === undefined || value === null) return 'NULL';
  switch (type) {
    case 'boolean':
      return value === true ? 'TRUE' : 'FALSE';
    case 'bigint':
    case 'double':
      return String(value);
    case 'timestamptz':
      return `CAST(${quote(String(value))} AS TIMESTAMPTZ)`;
    case 'date':
      return `DATE ${quote(String(value))}`;
    case 'json':
      return `CAST(${quote(JSON.stringify(value))} AS ${dialect === 'postgres' ? 'JSONB' : 'JSON'})`;
    default:
      return quote(String(value));
  }
}

/** CREATE SCHEMA, DROP/CREATE TABLE and INSERT statements for the tables. */
export function tableStatements(schema: string, tables: readonly SourceTable[], dialect: 'postgres' | 'duckdb'): string[] {
  const sqlType: Record<ColumnType, string> = {
    text: 'TEXT',
    bigint: 'BIGINT',
    double: 'DOUBLE PRECISION',
    boolean: 'BOOLEAN',
    timestamptz: 'TIMESTAMPTZ',
    date: 'DATE',
    json: dialect === 'postgres' ? 'JSONB' : 'JSON',
  };
  const statements = [`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`];
  for (const table of tables) {
    const name = `${ident(schema)}.${ident(table.name)}`;
    statements.push(`DROP TABLE IF EXISTS ${name}`);
    statements.push(`CREATE TABLE ${name} (${table.columns.map(([column, type]) => `${ident(column)} ${sqlType[type]}`).join(', ')})`);
    if (table.rows.length === 0) continue;
    const values = table.rows.map((row) => `(${table.columns.map(([column, type]) => literal(row[column], type, dialect)).join(', ')})`);
    statements.push(`INSERT INTO ${name} VALUES\n${values.join(',\n')}`);
  }
  return statements;
}

const byKey = (a: SqlItemRow, b: SqlItemRow) =>
  a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : a.cycleId < b.cycleId ? -1 : a.cycleId > b.cycleId ? 1 : 0;

/** A left-out record as both sides name it. */
export interface Reject {
  id: string;
  kind: 'skipped' | 'error';
  reason: string;
}

const byReject = (a: Reject, b: Reject) => `${a.id} ${a.reason}`.localeCompare(`${b.id} ${b.reason}`);

/** The adapter's skips and errors of the given collections, as the rejects view names them. */
export function adapterRejects(result: AdapterResult, collections: readonly string[]): Reject[] {
  return [
    ...result.skipped
      .filter((skip) => collections.includes(skip.source))
      .map((skip): Reject => ({ id: String(skip.id), kind: 'skipped', reason: skip.reason })),
    ...result.errors
      .filter((error) => collections.includes(error.source))
      .map((error): Reject => ({ id: String(error.id), kind: 'error', reason: error.code })),
  ].sort(byReject);
}

export interface StagingCase {
  tables: readonly SourceTable[];
  options: StagingViewOptions;
  policy: Policy;
  nows: readonly string[];
  zones: readonly string[];
  /** The adapter's reading of the same records. */
  adapter: AdapterResult;
}

/** Loads, stages, compiles and evaluates; returns both sides for each `now`, and both rejects lists. */
export async function runStaging(
  db: TestDatabase,
  schema: string,
  testCase: StagingCase,
  collections: readonly string[],
): Promise<{ runs: { now: string; sql: SqlItemRow[]; core: SqlItemRow[] }[]; rejects: { sql: Reject[]; core: Reject[] } }> {
  const policy = parsePolicy(testCase.policy);
  const support = sqlSupportTables(policy, { from: '2024-01-01', to: '2028-12-31', zones: [...testCase.zones] });
  const staging = stagingViews({ ...testCase.options, dialect: db.dialect, schema });
  await db.run([
    ...supportTableStatements(support, { dialect: db.dialect }),
    ...tableStatements(schema, testCase.tables, db.dialect),
    ...staging.statements,
  ]);
  const { sql } = compileSql(policy, { dialect: db.dialect, ...staging.compileOptions });
  const runs = [];
  for (const now of testCase.nows) {
    const core = evaluate({
      policy,
      contacts: testCase.adapter.contacts,
      touches: testCase.adapter.touches,
      owners: testCase.adapter.owners,
      now,
    });
    // A contact whose owner the adapter left out is reported (unknown-owner) and keeps its items, as in SQL.
    expect(core.errors.filter((error) => error.code !== 'unknown-owner')).toEqual([]);
    runs.push({ now, sql: (await db.items(sql, [now])).sort(byKey), core: core.items.map(itemFields).sort(byKey) });
  }
  const rows = await db.rows(`SELECT record_id, kind, reason FROM ${staging.views.rejects}`);
  const sqlRejects = rows
    .map((row): Reject => ({ id: String(row.record_id), kind: row.kind as Reject['kind'], reason: String(row.reason) }))
    .sort(byReject);
  return { runs, rejects: { sql: sqlRejects, core: adapterRejects(testCase.adapter, collections) } };
}
