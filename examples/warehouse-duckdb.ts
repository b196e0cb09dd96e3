/**
 * Due items straight from an Airbyte sync of HubSpot, inside DuckDB: no export, no Node mapping.
 * `stagingViews` writes the views from Airbyte's HubSpot streams to the tables `compileSql` reads,
 * with the rules of `fromHubSpot`; the query runs where the data is, and a view lists every record
 * left out and why.
 *
 * Airbyte would have landed the streams (`contacts`, `owners`, `engagements_calls` …, each record's
 * properties in a JSON column and its associated contacts in a JSON array); here they are landed
 * from the sample portal in examples/data/hubspot.json, the same records examples/hubspot-sync.ts
 * reads through the API adapter.
 *
 * Run: npx tsx examples/warehouse-duckdb.ts
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import type { HubSpotObject, HubSpotOwner } from '../src/adapters/hubspot/index.js';
import { parsePolicy } from '../src/index.js';
import { compileSql, sqlSupportTables, stagingViews, supportTableStatements } from '../src/sql/index.js';

const data = JSON.parse(readFileSync(new URL('./data/hubspot.json', import.meta.url), 'utf8'));
const policy = parsePolicy(data.policy);
// A fixed instant keeps the output the same on every machine: Monday 23 November 2026.
const now = '2026-11-23T08:00:00Z';

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
const text = (value: unknown) => (value === undefined || value === null ? 'NULL' : `'${String(value).replaceAll("'", "''")}'`);

// ——— What Airbyte lands (stand-in for the sync) ———
await db.run('CREATE SCHEMA hubspot');
const land = async (stream: string, records: HubSpotObject[]) => {
  await db.run(`CREATE TABLE hubspot.${stream} (id VARCHAR, properties JSON, archived BOOLEAN, "createdAt" TIMESTAMPTZ, contacts JSON)`);
  for (const record of records) {
    const associated = record.associations?.contacts;
    const ids = (associated && 'results' in associated ? associated.results : []).map((item) =>
      String('id' in item ? item.id : item.toObjectId),
    );
    await db.run(
      `INSERT INTO hubspot.${stream} VALUES (${text(record.id)}, ${text(JSON.stringify(record.properties))}, ${record.archived === true}, ${text(record.createdAt)}, ${text(JSON.stringify(ids))})`,
    );
  }
};
await land('contacts', data.records.contacts);
for (const [stream, collection] of [
  ['engagements_calls', 'calls'],
  ['engagements_meetings', 'meetings'],
  ['engagements_emails', 'emails'],
  ['engagements_tasks', 'tasks'],
  ['deals', 'deals'],
] as const) {
  await land(stream, data.records[collection]);
}
await db.run('CREATE TABLE hubspot.owners (id VARCHAR, "firstName" VARCHAR, "lastName" VARCHAR, archived BOOLEAN)');
for (const owner of data.records.owners as HubSpotOwner[]) {
  await db.run(
    `INSERT INTO hubspot.owners VALUES (${text(owner.id)}, ${text(owner.firstName)}, ${text(owner.lastName)}, ${owner.archived === true})`,
  );
}

// ——— The recipe ———
// 1. Views from the streams to contacts, touches and owners, with fromHubSpot's options.
const options = {
  source: 'airbyte-hubspot',
  schema: 'hubspot',
  dialect: 'duckdb',
  policy,
  attributes: ['annualrevenue'],
  doNotContactProperties: ['do_not_call'],
  owners: data.ownerSettings,
  deals: true,
} as const;
for (const statement of stagingViews(options).statements) await db.run(statement);

// 2. The zones the sync names (HubSpot's slugs as IANA names), the policy's, and UTC. Given to the
// views too, a contact whose zone is no zone is left out (`unknown-zone`) instead of failing the query.
const isZone = (name: unknown): name is string => {
  if (typeof name !== 'string') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
};
const named = await db.runAndReadAll(
  `SELECT time_zone FROM ${stagingViews(options).views.contacts}_staging_people UNION SELECT time_zone FROM ${stagingViews(options).views.owners}`,
);
const zones = [...named.getRowObjectsJS().map((row) => row.time_zone), policy.timeZone ?? 'UTC', 'UTC'].filter(isZone);
const staging = stagingViews({ ...options, zones });
for (const statement of staging.statements) await db.run(statement);
console.log('What the warehouse cannot give:');
for (const note of staging.notes) console.log(`  ${note}`);
const support = sqlSupportTables(policy, { from: '2024-01-01', to: '2027-12-31', zones });
for (const statement of supportTableStatements(support, { dialect: 'duckdb' })) await db.run(statement);

// 3. Every day: one query.
const { sql } = compileSql(policy, { dialect: 'duckdb', ...staging.compileOptions });
const rows = (await db.runAndReadAll(sql, [now])).getRowObjectsJS();
rows.sort((a, b) => `${a.contact_id} ${a.cycle_id}`.localeCompare(`${b.contact_id} ${b.cycle_id}`));
console.log(`\nDue items at ${now}:`);
for (const row of rows) {
  console.log(`  ${row.contact_id} ${row.cycle_id} ${row.tier_id} ${row.status} ${row.due_on ?? '-'} ${row.days_overdue}`);
}

// 4. What was left out, and why.
const rejects = (await db.runAndReadAll(`SELECT * FROM ${staging.views.rejects} ORDER BY source_table, record_id`)).getRowObjectsJS();
console.log('\nLeft out:');
for (const row of rejects) console.log(`  ${row.kind} ${row.source_table} ${row.record_id}: ${row.reason}`);

db.closeSync();
instance.closeSync();
