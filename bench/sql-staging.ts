/**
 * The staging views at scale: DuckDB runs `compileSql` over `stagingViews` on a Fivetran-shaped
 * Salesforce and HubSpot sync, and, on the same book in the same run, over the default tables
 * copied once from those views (what docs/warehouse.md's "Copy instead of views" does). The row
 * counts by status must agree.
 *
 *   npx tsx bench/sql-staging.ts            # 100,000 contacts
 *   npx tsx bench/sql-staging.ts 1000000
 *
 * The book is bench/sql.ts's: one touch per contact over 80 days and every hour, ten zones, one
 * rolling cycle shifted with holidays; here the contacts are the CRM's people rows, the touches
 * its completed calls, and the zones come from the owner (Salesforce users' `TimeZoneSidKey`) or
 * the contact (HubSpot's `hs_timezone`). The connector's tables are built inside DuckDB with
 * `range`, under docs/scale.md's session recipe. Planning is timed apart (`EXPLAIN` of the query):
 * over views it is the part that grows with the views' size, not the book's.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { compileSql, type StagingSource, sqlSupportTables, stagingViews, supportTableStatements } from '../src/sql/index.js';
import { DUCKDB_AFTER_LOAD, DUCKDB_RECIPE } from './duckdb-recipe.js';
import { NOW, policy, ZONES } from './evaluate.js';

type Source = Extract<StagingSource, 'fivetran-salesforce' | 'fivetran-hubspot'>;

/** One touch per contact, as bench/sql.ts's book spreads them. */
const AT = `TIMESTAMPTZ '2026-09-01 00:00:00+00' + to_milliseconds((CAST(i AS BIGINT) * 7919993) % ${80 * 86_400_000})`;
const ZONE_LIST = `[${ZONES.map((zone) => `'${zone}'`).join(', ')}]`;

/** The connector's tables for `size` contacts, with the columns the views read. */
function syncSql(source: Source, size: number): string[] {
  const series = `range(0, ${size}) AS g(i)`;
  if (source === 'fivetran-salesforce') {
    // One user per zone; contact i belongs to user i % 10, so its zone is ZONES[i % 10] as in bench/sql.ts.
    return [
      'CREATE SCHEMA salesforce',
      `CREATE TABLE salesforce."user" AS SELECT 'u' || CAST(i AS VARCHAR) AS id, 'Rep ' || CAST(i AS VARCHAR) AS name, ${ZONE_LIST}[i + 1] AS time_zone_sid_key, TRUE AS is_active, FALSE AS _fivetran_deleted FROM range(0, ${ZONES.length}) AS g(i)`,
      `CREATE TABLE salesforce.contact AS SELECT 'c' || CAST(i AS VARCHAR) AS id, 'u' || CAST(i % ${ZONES.length} AS VARCHAR) AS owner_id, CAST(NULL AS VARCHAR) AS first_name, 'Person' AS last_name, TIMESTAMPTZ '2025-01-15 10:00:00+00' AS created_date, FALSE AS is_deleted, FALSE AS do_not_call, FALSE AS has_opted_out_of_email FROM ${series}`,
      `CREATE TABLE salesforce.task AS SELECT 't' || CAST(i AS VARCHAR) AS id, 'c' || CAST(i AS VARCHAR) AS who_id, 'u' || CAST(i % ${ZONES.length} AS VARCHAR) AS owner_id, 'Completed' AS status, TRUE AS is_closed, FALSE AS is_deleted, FALSE AS is_recurrence, 'Call' AS task_subtype, 'Call' AS "type", 'Outbound' AS call_type, 'Connected' AS call_disposition, CAST(NULL AS DATE) AS activity_date, ${AT} AS completed_date_time FROM ${series}`,
      'CREATE TABLE salesforce.event (id VARCHAR, who_id VARCHAR, owner_id VARCHAR, is_deleted BOOLEAN, is_child BOOLEAN, is_recurrence BOOLEAN, is_all_day_event BOOLEAN, "type" VARCHAR, activity_date DATE, activity_date_time TIMESTAMPTZ, start_date_time TIMESTAMPTZ)',
    ];
  }
  // HubSpot: the zone on the contact (hs_timezone, in HubSpot's slug spelling), calls linked through engagement_contact.
  const slug = `replace(replace(${ZONE_LIST}[i % ${ZONES.length} + 1], '/', '_slash_'), '-', '_hyphen_')`;
  const activityColumns =
    'engagement_id BIGINT, _fivetran_deleted BOOLEAN, property_hs_timestamp TIMESTAMPTZ, property_hs_call_status VARCHAR, property_hs_call_direction VARCHAR, property_hs_call_disposition VARCHAR, property_hs_call_callee_object_id VARCHAR, property_hs_call_callee_object_type VARCHAR, property_hs_call_callee_object_type_id VARCHAR, property_hs_meeting_outcome VARCHAR, property_hs_meeting_start_time TIMESTAMPTZ, property_hs_email_direction VARCHAR, property_hs_email_status VARCHAR, property_hs_task_status VARCHAR, property_hs_task_type VARCHAR, property_hs_task_completion_date TIMESTAMPTZ, property_hs_task_subject VARCHAR, property_calling_cycle_key VARCHAR';
  return [
    'CREATE SCHEMA hubspot',
    `CREATE TABLE hubspot.owner AS SELECT CAST(i AS BIGINT) AS owner_id, 'Rep' AS first_name, CAST(i AS VARCHAR) AS last_name, CAST(NULL AS VARCHAR) AS email FROM range(0, ${ZONES.length}) AS g(i)`,
    `CREATE TABLE hubspot.contact AS SELECT CAST(i AS BIGINT) AS id, FALSE AS _fivetran_deleted, CAST(i % ${ZONES.length} AS VARCHAR) AS property_hubspot_owner_id, ${slug} AS property_hs_timezone, TIMESTAMPTZ '2025-01-15 10:00:00+00' AS property_createdate FROM ${series}`,
    `CREATE TABLE hubspot.engagement_call AS SELECT CAST(i AS BIGINT) AS engagement_id, FALSE AS _fivetran_deleted, ${AT} AS property_hs_timestamp, 'COMPLETED' AS property_hs_call_status, 'OUTBOUND' AS property_hs_call_direction, 'f240bbac-87c9-4f6e-bf70-924b57d47db7' AS property_hs_call_disposition, CAST(NULL AS VARCHAR) AS property_hs_call_callee_object_id, CAST(NULL AS VARCHAR) AS property_hs_call_callee_object_type, CAST(NULL AS VARCHAR) AS property_hs_call_callee_object_type_id, CAST(NULL AS VARCHAR) AS property_hs_meeting_outcome, CAST(NULL AS TIMESTAMPTZ) AS property_hs_meeting_start_time, CAST(NULL AS VARCHAR) AS property_hs_email_direction, CAST(NULL AS VARCHAR) AS property_hs_email_status, CAST(NULL AS VARCHAR) AS property_hs_task_status, CAST(NULL AS VARCHAR) AS property_hs_task_type, CAST(NULL AS TIMESTAMPTZ) AS property_hs_task_completion_date, CAST(NULL AS VARCHAR) AS property_hs_task_subject, CAST(NULL AS VARCHAR) AS property_calling_cycle_key FROM ${series}`,
    ...['engagement_meeting', 'engagement_email', 'engagement_task'].map((table) => `CREATE TABLE hubspot.${table} (${activityColumns})`),
    `CREATE TABLE hubspot.engagement_contact AS SELECT CAST(i AS BIGINT) AS engagement_id, CAST(i AS BIGINT) AS contact_id FROM ${series}`,
  ];
}

interface Figures {
  planViews: number;
  queryViews: number;
  copy: number;
  queryTables: number;
  statuses: string;
}

async function measure(source: Source, size: number): Promise<Figures> {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  for (const statement of DUCKDB_RECIPE) await db.run(statement);
  const support = sqlSupportTables(policy, { from: '2025-01-01', to: '2026-12-31', zones: ZONES });
  for (const statement of supportTableStatements(support, { dialect: 'duckdb' })) await db.run(statement);
  for (const statement of syncSql(source, size)) {
    await db.run(statement);
    if (/ AS SELECT /.test(statement)) await db.run(DUCKDB_AFTER_LOAD);
  }
  const staging = stagingViews({ source, schema: source === 'fivetran-salesforce' ? 'salesforce' : 'hubspot', dialect: 'duckdb', zones: ZONES });
  for (const statement of staging.statements) await db.run(statement);

  const timed = async (sql: string) => {
    const start = performance.now();
    await db.run(sql);
    return (performance.now() - start) / 1000;
  };
  const overViews = compileSql(policy, { dialect: 'duckdb', now: NOW, ...staging.compileOptions }).sql;
  const planViews = await timed(`EXPLAIN ${overViews}`);
  const queryViews = await timed(`CREATE TABLE items_views AS ${overViews}`);
  const copy =
    (await timed('CREATE TABLE cc_contacts AS SELECT * FROM contacts')) +
    (await timed('CREATE TABLE cc_touches AS SELECT * FROM touches')) +
    (await timed('CREATE TABLE cc_owners AS SELECT * FROM owners'));
  const overTables = compileSql(policy, {
    dialect: 'duckdb',
    now: NOW,
    tables: { contacts: 'cc_contacts', touches: 'cc_touches', owners: 'cc_owners', snoozes: null },
  }).sql;
  const queryTables = await timed(`CREATE TABLE items_tables AS ${overTables}`);
  const counts = async (table: string) =>
    (await db.runAndReadAll(`SELECT status, count(*) AS n FROM ${table} GROUP BY status ORDER BY status`))
      .getRowObjectsJS()
      .map((row) => `${String(row.status)} ${Number(row.n).toLocaleString('en')}`)
      .join(', ');
  const statuses = await counts('items_views');
  const fromTables = await counts('items_tables');
  if (statuses !== fromTables) throw new Error(`the two runs disagree: views ${statuses}; tables ${fromTables}`);
  db.closeSync();
  return { planViews, queryViews, copy, queryTables, statuses };
}

/**
 * Prints, per source, the query over the staging views beside the query over tables copied
 * from them, on the same book in the same run.
 *
 * @example
 * await runStagingBench(100_000);
 */
export async function runStagingBench(size: number): Promise<void> {
  console.log(`\nStaging views in DuckDB: ${size.toLocaleString('en')} contacts × 1 completed call each, 1 rolling cycle, 10 zones`);
  console.log(
    `  ${'source'.padEnd(20)} ${'plan s'.padStart(7)} ${'views s'.padStart(8)} ${'copy s'.padStart(7)} ${'tables s'.padStart(9)} ${'× tables'.padStart(8)} ${'load avg'.padStart(8)}  statuses`,
  );
  for (const source of ['fivetran-salesforce', 'fivetran-hubspot'] as const) {
    const figures = await measure(source, size);
    console.log(
      `  ${source.padEnd(20)} ${figures.planViews.toFixed(2).padStart(7)} ${figures.queryViews.toFixed(2).padStart(8)} ${figures.copy.toFixed(2).padStart(7)} ${figures.queryTables.toFixed(2).padStart(9)} ${(figures.queryViews / figures.queryTables).toFixed(2).padStart(8)} ${loadavg()[0]!.toFixed(1).padStart(8)}  ${figures.statuses}`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runStagingBench(Number(process.argv[2] ?? 100_000));
}
