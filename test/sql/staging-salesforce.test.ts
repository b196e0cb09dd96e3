/**
 * Staging views over a Salesforce sync (Fivetran's tables, Airbyte's streams) in PGlite and
 * DuckDB: `compileSql` over the views gives the items `evaluate` gives on what `fromSalesforce`
 * reads from the same rows, on several days; the rejects view names the rows the adapter skips
 * or reports, for the same reasons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stagingViews } from '../../src/sql/index.js';
import { openDuckdb, openPglite, type TestDatabase } from './databases.js';
import { checkSalesforceStaging } from './staging/cases.js';

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
      it(`${connector}: the same items on every day, the same records left out`, () => checkSalesforceStaging(db, connector));
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
