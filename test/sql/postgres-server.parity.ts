/**
 * The parity suite against a real PostgreSQL server: run by `npm run test:postgres`
 * (vitest.postgres.config.ts) with CALLING_CYCLE_PG_URL pointing at a server, such as the one
 * scripts/postgres-server.sh starts. Not part of `npm test`, which has no server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertOutsideTables } from './cut-range.js';
import { openPostgres, type TestDatabase } from './databases.js';
import { describeOutsideTables } from './outside-tables.js';
import { assertParity, prepareDatabase } from './parity.js';
import { checkHubSpotStaging, checkSalesforceStaging } from './staging/cases.js';

const url = process.env.CALLING_CYCLE_PG_URL;
if (!url) throw new Error('set CALLING_CYCLE_PG_URL (scripts/postgres-server.sh start prints one)');
const RUNS = Number(process.env.CALLING_CYCLE_SQL_RUNS ?? 100);

describe('compiled SQL equals evaluate on a real PostgreSQL server', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openPostgres(url);
    await prepareDatabase(db);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it('runs on PostgreSQL 15 or later', async () => {
    const rows = await db.items(
      "SELECT 'c' AS contact_id, 'v' AS cycle_id, 't' AS tier_id, NULL AS owner_id, current_setting('server_version_num') AS status, NULL AS due_on, 0 AS days_overdue, NULL AS last_touch_at, NULL AS escalation",
      [],
    );
    expect(Number(rows[0]!.status)).toBeGreaterThanOrEqual(150_000);
  });

  it(`on ${RUNS} random books`, async () => {
    await assertParity(db, RUNS);
  }, 600_000);
});

describeOutsideTables('a real PostgreSQL server', () => openPostgres(url));

describe('support tables cut short, on a real PostgreSQL server', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openPostgres(url);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it(`on ${Math.ceil(RUNS / 2)} random books: each row is evaluate's item or out-of-range, and exact where every instant lies inside`, async () => {
    await assertOutsideTables(db, Math.ceil(RUNS / 2));
  }, 600_000);
});

describe('staging views over Fivetran and Airbyte tables equal the adapters + evaluate on a real PostgreSQL server', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openPostgres(url);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  for (const connector of ['fivetran', 'airbyte'] as const) {
    it(`Salesforce, ${connector}`, () => checkSalesforceStaging(db, connector));
    it(`HubSpot, ${connector}`, () => checkHubSpotStaging(db, connector));
  }
});
