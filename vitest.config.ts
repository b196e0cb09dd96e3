import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The report's browser test needs Chromium: `npm run test:browser` runs it (CI installs it).
    // The real-PostgreSQL parity run needs a server: `npm run test:postgres`.
    exclude: [...configDefaults.exclude, 'test/browser/**'],
    // Property tests run hundreds of cases and the TZ reruns run them again; on a busy CI machine
    // the default 5 s is too close. Time is never asserted: `npm run bench` measures speed.
    testTimeout: 30_000,
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
});
