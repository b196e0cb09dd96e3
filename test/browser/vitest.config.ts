import { defineConfig } from 'vitest/config';

// The browser test needs Debian's chromium (scripts/ensure-chromium.sh); it runs on its own with
// `npm run test:browser`, not with the unit tests.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
