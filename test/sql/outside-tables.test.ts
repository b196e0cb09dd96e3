/**
 * Instants the support tables cannot place (a touch, `createdAt` or `now` outside the zone
 * table's dates, a rule whose occurrences they lack) in PGlite and DuckDB: rows with a clear
 * status, never a failed query. The real-server run is in postgres-server.parity.ts.
 */
import { openDuckdb, openPglite } from './databases.js';
import { describeOutsideTables } from './outside-tables.js';

describeOutsideTables('PGlite', openPglite);
describeOutsideTables('DuckDB', openDuckdb);
