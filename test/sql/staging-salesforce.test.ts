/**
 * Staging views over a Salesforce sync (Fivetran's tables, Airbyte's streams) in PGlite and
 * DuckDB: `compileSql` over the views gives the items `evaluate` gives on what `fromSalesforce`
 * reads from the same rows, on several days; the rejects view names the rows the adapter skips
 * or reports, for the same reasons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromSalesforce } from '../../src/adapters/salesforce/index.js';
import { stagingViews } from '../../src/sql/index.js';
import { openDuckdb, openPglite, type TestDatabase } from './databases.js';
import { salesforceAdapterOptions, salesforceStagingPolicy, salesforceSync } from './staging/salesforce-fixture.js';
import { runStaging } from './staging/tables.js';

const NOWS = ['2026-11-06T12:00:00Z', '2026-11-20T12:00:00Z', '2026-12-24T12:00:00Z', '2027-02-01T12:00:00Z'];
const ZONES = ['Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'UTC'];
const COLLECTIONS = ['users', 'contacts', 'leads', 'tasks', 'events'];

for (const [name, open] of [
  ['PGlite', openPglite],
  ['DuckDB', openDuckdb],
] as const) {
  describe(`Salesforce staging views equal fromSalesforce + evaluate in ${name}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await open();
    }, 120_000);
    afterAll(async () => {
      await db.close();
    });

    for (const connector of ['fivetran', 'airbyte'] as const) {
      it(`${connector}: the same items on every day, the same records left out`, async () => {
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
            nows: NOWS,
            zones: ZONES,
            options: {
              ...salesforceAdapterOptions,
              source: connector === 'fivetran' ? 'fivetran-salesforce' : 'airbyte-salesforce',
              dialect: db.dialect,
              zones: ZONES,
              leads: true,
              opportunities: true,
              policy: salesforceStagingPolicy,
            },
          },
          COLLECTIONS,
        );
        // The fixture reaches the cases it is for: touches of each channel, and items of several statuses.
        expect(new Set(adapter.touches.map((touch) => touch.channel))).toEqual(new Set(['call', 'email', 'meeting']));
        expect(new Set(runs.flatMap((run) => run.core.map((item) => item.status)))).toEqual(
          expect.objectContaining(new Set(['overdue', 'upcoming', 'excluded'])) as Set<string>,
        );
        for (const run of runs) expect({ now: run.now, items: run.sql }).toEqual({ now: run.now, items: run.core });
        expect(rejects.sql).toEqual(rejects.core);
        expect(rejects.sql.length).toBeGreaterThan(15);
      });
    }
  });
}

describe('stagingViews: options it cannot honour', () => {
  it.each([
    ['a dotted attribute field', { attributeFields: ['Account.AnnualRevenue'] }, 'attributeFields'],
    ['an unknown zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['a bad local time', { dateOnlyTime: '25:00' }, 'dateOnlyTime'],
  ])('%s is an InputError naming the option', (_, extra, path) => {
    expect(() => stagingViews({ source: 'fivetran-salesforce', dialect: 'postgres', ...extra })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: expect.arrayContaining([path]) })] }),
    );
  });

  it('an unknown source or dialect is an InputError', () => {
    expect(() => stagingViews({ source: 'fivetran-pipedrive' as 'fivetran-salesforce', dialect: 'postgres' })).toThrow(/source/);
    expect(() => stagingViews({ source: 'fivetran-salesforce', dialect: 'mysql' as 'postgres' })).toThrow(/dialect/);
  });
});
