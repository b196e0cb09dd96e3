/**
 * Staging views over a HubSpot sync (Fivetran's tables, Airbyte's streams) in PGlite and DuckDB:
 * `compileSql` over the views gives the items `evaluate` gives on what `fromHubSpot` reads from
 * the same portal, on several days; the rejects view names the records the adapter skips or
 * reports, for the same reasons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHubSpot } from '../../src/adapters/hubspot/index.js';
import { stagingViews } from '../../src/sql/index.js';
import { openDuckdb, openPglite, type TestDatabase } from './databases.js';
import { hubSpotAdapterOptions, hubSpotRecords, hubSpotStagingPolicy, hubSpotSync } from './staging/hubspot-fixture.js';
import { runStaging } from './staging/tables.js';

const NOWS = ['2026-11-06T12:00:00Z', '2026-11-20T12:00:00Z', '2026-12-24T12:00:00Z', '2027-02-01T12:00:00Z'];
const ZONES = ['Europe/London', 'America/New_York', 'America/Chicago', 'America/Port-au-Prince', 'UTC'];
const COLLECTIONS = ['contacts', 'owners', 'calls', 'meetings', 'emails', 'tasks'];

for (const [name, open] of [
  ['PGlite', openPglite],
  ['DuckDB', openDuckdb],
] as const) {
  describe(`HubSpot staging views equal fromHubSpot + evaluate in ${name}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await open();
    }, 120_000);
    afterAll(async () => {
      await db.close();
    });

    for (const connector of ['fivetran', 'airbyte'] as const) {
      it(`${connector}: the same items on every day, the same records left out`, async () => {
        const adapter = fromHubSpot(hubSpotRecords, { ...hubSpotAdapterOptions, policy: hubSpotStagingPolicy });
        const { runs, rejects } = await runStaging(
          db,
          `hs_${connector}`,
          {
            tables: hubSpotSync(connector),
            adapter,
            policy: hubSpotStagingPolicy,
            nows: NOWS,
            zones: ZONES,
            options: {
              ...hubSpotAdapterOptions,
              source: connector === 'fivetran' ? 'fivetran-hubspot' : 'airbyte-hubspot',
              dialect: db.dialect,
              zones: ZONES,
              deals: true,
              policy: hubSpotStagingPolicy,
            },
          },
          COLLECTIONS,
        );
        expect(new Set(adapter.touches.map((touch) => touch.channel))).toEqual(new Set(['call', 'email', 'meeting', 'message']));
        for (const run of runs) expect({ now: run.now, items: run.sql }).toEqual({ now: run.now, items: run.core });
        expect(rejects.sql).toEqual(rejects.core);
        expect(rejects.sql.length).toBeGreaterThan(12);
      });
    }
  });
}

describe('stagingViews for HubSpot: options it cannot honour', () => {
  it('an owner zone that names no zone is an InputError naming the owner', () => {
    expect(() =>
      stagingViews({ source: 'airbyte-hubspot', dialect: 'duckdb', owners: { '7': { timeZone: 'mars_slash_olympus' } } }),
    ).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: ['owners', '7', 'timeZone'] })] }));
  });

  it('a dotted property path is an InputError', () => {
    expect(() => stagingViews({ source: 'fivetran-hubspot', dialect: 'postgres', attributes: ['company.annualrevenue'] })).toThrow(
      /dotted path/,
    );
  });
});
