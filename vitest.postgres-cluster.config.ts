import { defineConfig } from 'vitest/config';

// The SQL parity suite on a book sharded over several PostgreSQL servers
// (CALLING_CYCLE_PG_SHARD_URLS); see scripts/postgres-server.sh run-cluster. `npm test` does not
// include it: it needs servers.
export default defineConfig({
  test: {
    include: ['test/sql/postgres-cluster.parity.ts'],
    testTimeout: 900_000,
  },
});
