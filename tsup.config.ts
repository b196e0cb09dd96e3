import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'node20',
  // rrule 2.8.1 ships CommonJS under an ESM-looking entry; keeping it external and importing
  // its default export (see src/core/rrule.ts) works from both plain Node ESM and CJS.
  external: ['luxon', 'rrule', 'zod'],
});
