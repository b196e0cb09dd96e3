/**
 * The four staging sources as cases any test database runs: the fixture landed as the connector
 * lands it, the views over it, and both sides (SQL rows and rejects; `fromSalesforce`/`fromHubSpot`
 * + `evaluate`) asserted equal. PGlite and DuckDB run them in `npm test`, a real PostgreSQL server
 * in `npm run test:postgres`.
 */
import { expect } from 'vitest';
import { fromHubSpot } from '../../../src/adapters/hubspot/index.js';
import { fromSalesforce } from '../../../src/adapters/salesforce/index.js';
import type { TestDatabase } from '../databases.js';
import { hubSpotAdapterOptions, hubSpotRecords, hubSpotStagingPolicy, hubSpotSync } from './hubspot-fixture.js';
import { salesforceAdapterOptions, salesforceStagingPolicy, salesforceSync } from './salesforce-fixture.js';
import { runStaging } from './tables.js';

export const STAGING_NOWS = ['2026-11-06T12:00:00Z', '2026-11-20T12:00:00Z', '2026-12-24T12:00:00Z', '2027-02-01T12:00:00Z'];
const SALESFORCE_ZONES = ['Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'UTC'];
const HUBSPOT_ZONES = ['Europe/London', 'America/New_York', 'America/Chicago', 'America/Port-au-Prince', 'UTC'];

export type Connector = 'fivetran' | 'airbyte';

/** The Salesforce org through one connector's tables: the same items on every day, the same records left out. */
export async function checkSalesforceStaging(db: TestDatabase, connector: Connector): Promise<void> {
  const { tables, records } = salesforceSync(connector);
  const adapter = fromSalesforce(records, {
    ...salesforceAdapterOptions,
    source: connector === 'fivetran' ? 'warehouse' : 'api',
    policy: salesforceStagingPolicy,
  });
  const { runs, rejects } = await runStaging(
    db,
    `sf_${connector}`,
    {
      tables,
      adapter,
      policy: salesforceStagingPolicy,
      nows: STAGING_NOWS,
      zones: SALESFORCE_ZONES,
      options: {
        ...salesforceAdapterOptions,
        source: connector === 'fivetran' ? 'fivetran-salesforce' : 'airbyte-salesforce',
        dialect: db.dialect,
        zones: SALESFORCE_ZONES,
        leads: true,
        opportunities: true,
        policy: salesforceStagingPolicy,
      },
    },
    ['users', 'contacts', 'leads', 'tasks', 'events'],
  );
  // The fixture reaches the cases it is for: touches of each channel, items of several statuses.
  expect(new Set(adapter.touches.map((touch) => touch.channel))).toEqual(new Set(['call', 'email', 'meeting']));
  const statuses = new Set(runs.flatMap((run) => run.core.map((item) => item.status)));
  for (const status of ['overdue', 'upcoming', 'excluded']) expect(statuses).toContain(status);
  for (const run of runs) expect({ now: run.now, items: run.sql }).toEqual({ now: run.now, items: run.core });
  expect(rejects.sql).toEqual(rejects.core);
  expect(rejects.sql.length).toBeGreaterThan(15);
}

/** The HubSpot portal through one connector's tables: the same items on every day, the same records left out. */
export async function checkHubSpotStaging(db: TestDatabase, connector: Connector): Promise<void> {
  const adapter = fromHubSpot(hubSpotRecords, { ...hubSpotAdapterOptions, policy: hubSpotStagingPolicy });
  const { runs, rejects } = await runStaging(
    db,
    `hs_${connector}`,
    {
      tables: hubSpotSync(connector),
      adapter,
      policy: hubSpotStagingPolicy,
      nows: STAGING_NOWS,
      zones: HUBSPOT_ZONES,
      options: {
        ...hubSpotAdapterOptions,
        source: connector === 'fivetran' ? 'fivetran-hubspot' : 'airbyte-hubspot',
        dialect: db.dialect,
        zones: HUBSPOT_ZONES,
        deals: true,
        policy: hubSpotStagingPolicy,
      },
    },
    ['contacts', 'owners', 'calls', 'meetings', 'emails', 'tasks'],
  );
  expect(new Set(adapter.touches.map((touch) => touch.channel))).toEqual(new Set(['call', 'email', 'meeting', 'message']));
  for (const run of runs) expect({ now: run.now, items: run.sql }).toEqual({ now: run.now, items: run.core });
  expect(rejects.sql).toEqual(rejects.core);
  expect(rejects.sql.length).toBeGreaterThan(12);
}
