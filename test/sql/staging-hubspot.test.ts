/**
 * Staging views over a HubSpot sync (Fivetran's tables, Airbyte's streams) in PGlite and DuckDB:
 * `compileSql` over the views gives the items `evaluate` gives on what `fromHubSpot` reads from
 * the same portal, on several days; the rejects view names the records the adapter skips or
 * reports, for the same reasons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stagingViews } from '../../src/sql/index.js';
import { openDuckdb, openPglite, type TestDatabase } from './databases.js';
import { checkHubSpotStaging } from './staging/cases.js';

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
      it(`${connector}: the same items on every day, the same records left out`, () => checkHubSpotStaging(db, connector));
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
