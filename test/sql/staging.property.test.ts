/**
 * Property: on random activity rows (every picklist value the mapping decides on, odd spellings,
 * blanks, call results from the maps, the patterns and none) the staging views give the touches
 * `fromSalesforce` / `fromHubSpot` give on the same rows, and leave out the same rows for the same
 * reasons. In DuckDB; the example-based suites run the four sources in PGlite and PostgreSQL too.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHubSpot, type HubSpotObject } from '../../src/adapters/hubspot/index.js';
import { fromSalesforce } from '../../src/adapters/salesforce/index.js';
import type { AdapterResult } from '../../src/adapters/shared/index.js';
import type { Touch } from '../../src/index.js';
import { type StagingViewOptions, stagingViews } from '../../src/sql/index.js';
import { openDuckdb, type TestDatabase } from './databases.js';
import { hubSpotAdapterOptions, hubSpotRecords, hubSpotStagingPolicy, hubSpotSync } from './staging/hubspot-fixture.js';
import { people, salesforceAdapterOptions, salesforceStagingPolicy, salesforceSync } from './staging/salesforce-fixture.js';
import { adapterRejects, type Reject, type SourceTable, tableStatements } from './staging/tables.js';

const RUNS = Number(process.env.CALLING_CYCLE_STAGING_RUNS ?? 15);

const maybe = <T>(values: readonly T[]) => fc.option(fc.constantFrom(...values), { nil: undefined });
const instant = fc
  .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) })
  .map((ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000', ''));
const date = fc.integer({ min: 0, max: 364 }).map((day) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10));
const flag = maybe([true, false]);
/** Mostly false: most rows should pass the early checks, so the later rules are reached. */
const rarely = fc.constantFrom(undefined, false, false, false, true);
/** Present three times in four. */
const often = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 3 });

/** The touches as comparable text, sorted (a multiset). */
const touchKeys = (touches: readonly Touch[]) =>
  touches
    .map((touch) =>
      JSON.stringify([
        String(touch.contactId),
        Date.parse(String(touch.at)),
        touch.channel,
        touch.direction ?? null,
        touch.outcome ?? null,
        touch.purpose ?? null,
      ]),
    )
    .sort();

async function sqlSide(
  db: TestDatabase,
  schema: string,
  tables: readonly SourceTable[],
  options: StagingViewOptions,
): Promise<{ touches: string[]; rejects: Reject[] }> {
  const staging = stagingViews(options);
  await db.run([...tableStatements(schema, tables, 'duckdb'), ...staging.statements]);
  const rows = await db.rows(`SELECT contact_id, epoch_ms("at") AS ms, channel, direction, outcome, purpose FROM ${staging.views.touches}`);
  const touches = rows
    .map((row) => JSON.stringify([row.contact_id, Number(row.ms), row.channel, row.direction, row.outcome, row.purpose]))
    .sort();
  const rejects = (await db.rows(`SELECT record_id, kind, reason FROM ${staging.views.rejects}`))
    .map((row): Reject => ({ id: String(row.record_id), kind: row.kind as Reject['kind'], reason: String(row.reason) }))
    .sort((a, b) => `${a.id} ${a.reason}`.localeCompare(`${b.id} ${b.reason}`));
  return { touches, rejects };
}

const bothAgree = (adapter: AdapterResult, sql: { touches: string[]; rejects: Reject[] }, collections: readonly string[]) => {
  expect(sql.touches).toEqual(touchKeys(adapter.touches));
  expect(sql.rejects).toEqual(adapterRejects(adapter, collections));
};

const WHO = [
  people.ada,
  people.ada,
  people.grace,
  people.grace,
  people.converted,
  people.lead,
  people.deleted,
  '0031G00000UnknownAA',
  '0011G00000AccountAA',
  null,
];
const DISPOSITIONS = [
  'Left Voicemail',
  'left_voicemail',
  'VM left',
  'No-Answer',
  'busy signal',
  'Wrong Number',
  'Meaningful Connect',
  '  Connected ',
  'Demo booked',
  '',
  'call back later',
];

const salesforceTask = fc.record(
  {
    WhoId: fc.constantFrom(...WHO),
    Status: maybe(['Completed', 'Completed', 'Not Started', 'completed ', 'In Progress']),
    IsClosed: fc.constantFrom(undefined, true, true, false),
    IsDeleted: rarely,
    IsRecurrence: rarely,
    TaskSubtype: maybe(['Call', 'Call', 'Email', 'ListEmail', 'LinkedIn', 'Task', 'Cadence', '']),
    Type: maybe(['Call', 'Email', 'Meeting', 'Other', ' call ']),
    CallType: maybe(['Outbound', 'Outbound', 'Inbound', 'Internal', 'sideways', '']),
    CallDisposition: often(fc.constantFrom(...DISPOSITIONS)),
    ActivityDate: fc.option(date, { nil: undefined }),
    CompletedDateTime: often(instant),
    Purpose__c: maybe(['QBR', 'Review', 'check-in', ' ']),
    Calling_Cycle_Key__c: maybe([
      `cc1:${people.ada}:review:2026-10-01`,
      `cc1:${people.grace}:check-in:2026-10-01`,
      'cc1:x:unknown-cycle:2026-10-01',
      'not a key',
    ]),
  },
  { requiredKeys: ['WhoId'] },
);

const salesforceEvent = fc.record(
  {
    WhoId: fc.constantFrom(...WHO),
    IsDeleted: rarely,
    IsChild: rarely,
    IsRecurrence: rarely,
    IsAllDayEvent: flag,
    Type: maybe(['Call', 'Email', 'Meeting', 'Other']),
    ActivityDate: fc.option(date, { nil: undefined }),
    ActivityDateTime: fc.option(instant, { nil: undefined }),
    StartDateTime: fc.option(instant, { nil: undefined }),
    Purpose__c: maybe(['QBR', 'Review']),
  },
  { requiredKeys: ['WhoId'] },
);

const withIds = (prefix: string, rows: Record<string, unknown>[]) =>
  rows.map((row, index) => ({ Id: `${prefix}${String(index).padStart(15, '0')}`, ...row }));

const CONTACT_IDS = ['101', '102', '103', '104', '105', '106', '107', '108', '999'];
const GUIDS = ['f240bbac-87c9-4f6e-bf70-924b57d47db7', 'b2cf5968-551e-4856-9783-52b3da59a7d0', '73a0d17f-1163-4015-bdd5-ec830791da20'];
const hubSpotTimestamp = fc.oneof(
  instant,
  instant.map((text) => String(Date.parse(text))),
  fc.constant('yesterday'),
);
const associations = fc.subarray(CONTACT_IDS, { maxLength: 3 });

const hubSpotCall = fc.record({
  properties: fc.record(
    {
      hs_call_status: maybe(['COMPLETED', 'BUSY', 'completed', 'NO_ANSWER']),
      hs_call_direction: maybe(['OUTBOUND', 'INBOUND', 'inbound', 'SIDEWAYS']),
      hs_call_disposition: maybe([...GUIDS, GUIDS[0]!.toUpperCase(), 'portal-own-outcome', 'aaaaaaaa-0000-4000-8000-000000000000']),
      hs_timestamp: hubSpotTimestamp,
      hs_call_callee_object_id: maybe(['106', '102']),
      hs_call_callee_object_type: maybe(['CONTACT', 'COMPANY']),
      hs_activity_type: maybe(['QBR', 'Check-in']),
    },
    { requiredKeys: [] },
  ),
  contacts: associations,
  archived: fc.boolean(),
});

const hubSpotTask = fc.record({
  properties: fc.record(
    {
      hs_task_status: maybe(['COMPLETED', 'NOT_STARTED', 'completed']),
      hs_task_type: maybe(['CALL', 'EMAIL', 'TODO', 'LINKED_IN_MESSAGE', 'call', 'MEETING']),
      hs_timestamp: hubSpotTimestamp,
      hs_task_completion_date: fc.option(instant, { nil: undefined }),
      calling_cycle_key: maybe(['cc1:102:review:2026-10-01', 'cc1:101:check-in:2026-10-01', 'cc1:107:gone:2026-10-01', 'nope']),
    },
    { requiredKeys: [] },
  ),
  contacts: associations,
  archived: fc.boolean(),
});

const hubSpotObjects = (
  prefix: number,
  list: { properties: Record<string, string | undefined>; contacts: string[]; archived: boolean }[],
) =>
  list.map(
    (entry, index): HubSpotObject => ({
      id: String(prefix + index),
      properties: Object.fromEntries(Object.entries(entry.properties).filter(([, value]) => value !== undefined)) as Record<string, string>,
      associations: { contacts: { results: entry.contacts.map((id) => ({ id, type: 'engagement_to_contact' })) } },
      archived: entry.archived,
    }),
  );

describe('staging views read random activities as the adapters do (DuckDB)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openDuckdb();
  }, 120_000);
  afterAll(async () => {
    await db.close();
  });

  it('Salesforce tasks and events (Fivetran tables)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(salesforceTask, { minLength: 2, maxLength: 14 }),
        fc.array(salesforceEvent, { maxLength: 6 }),
        async (taskRows, eventRows) => {
          const tasks = withIds('00T', taskRows);
          const events = withIds('00U', eventRows);
          const { tables, records } = salesforceSync('fivetran', { tasks, events });
          const adapter = fromSalesforce(records, { ...salesforceAdapterOptions, source: 'warehouse', policy: salesforceStagingPolicy });
          const sql = await sqlSide(db, 'sf_prop', tables, {
            ...salesforceAdapterOptions,
            source: 'fivetran-salesforce',
            dialect: 'duckdb',
            schema: 'sf_prop',
            leads: true,
            policy: salesforceStagingPolicy,
            zones: ['Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'UTC'],
          });
          bothAgree(adapter, sql, ['users', 'contacts', 'leads', 'tasks', 'events']);
        },
      ),
      { numRuns: RUNS * 3 },
    );
  }, 600_000);

  it('HubSpot calls and tasks (Airbyte streams)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hubSpotCall, { maxLength: 10 }), fc.array(hubSpotTask, { maxLength: 10 }), async (callRows, taskRows) => {
        const records = { ...hubSpotRecords, calls: hubSpotObjects(9000, callRows), tasks: hubSpotObjects(9500, taskRows) };
        const adapter = fromHubSpot(records, { ...hubSpotAdapterOptions, policy: hubSpotStagingPolicy });
        const sql = await sqlSide(db, 'hs_prop', hubSpotSync('airbyte', records), {
          ...hubSpotAdapterOptions,
          source: 'airbyte-hubspot',
          dialect: 'duckdb',
          schema: 'hs_prop',
          policy: hubSpotStagingPolicy,
          zones: ['Europe/London', 'America/New_York', 'America/Chicago', 'America/Port-au-Prince', 'UTC'],
        });
        bothAgree(adapter, sql, ['contacts', 'owners', 'calls', 'meetings', 'emails', 'tasks']);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});
