import { defineConfig } from 'vitest/config';

// The SQL parity suite against a real PostgreSQL server (CALLING_CYCLE_PG_URL); see
// scripts/postgres-server.sh. `npm test` does not include it: it needs a server.
export default defineConfig({
  test: {
    include: ['test/sql/postgres-server.parity.ts'],
    testTimeout: 600_000,
  },
});
