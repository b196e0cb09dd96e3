import { defineConfig } from 'tsup';

// Runtime dependencies stay external, as does everything else package.json lists as a dependency
// or peer (tsup's default).
const shared = {
  format: ['esm', 'cjs'] as ('esm' | 'cjs')[],
  dts: true,
  sourcemap: false,
  target: 'node20' as const,
  external: ['luxon', 'zod'],
  // Shared code in chunks for CommonJS too (tsup splits only ESM by default): each CommonJS
  // entry inlined the whole engine, 1.7 MB of the package's 3.3 MB unpacked.
  splitting: true,
  // CommonJS has no import.meta: src/parallel finds its worker through __filename there, and the
  // import.meta.url it reads only in ESM must not be left in CommonJS code, where it is a syntax
  // error. (tsup's shims would instead import node:path into a chunk every ESM entry shares.)
  esbuildOptions(options: { define?: Record<string, string> }, context: { format: string }) {
    if (context.format === 'cjs') options.define = { ...options.define, 'import.meta.url': 'undefined' };
  },
};

export default defineConfig([
  {
    ...shared,
    // One import point per audience: a CRM that embeds one adapter loads none of the others.
    entry: {
      index: 'src/index.ts',
      hubspot: 'src/adapters/hubspot/index.ts',
      salesforce: 'src/adapters/salesforce/index.ts',
      pipedrive: 'src/adapters/pipedrive/index.ts',
      csv: 'src/adapters/csv/index.ts',
      ical: 'src/ical/index.ts',
      sql: 'src/sql/index.ts',
      parallel: 'src/parallel/index.ts',
      zod: 'src/schema/zod/index.ts',
      'parallel-worker': 'src/parallel/worker.ts',
      'testing/index': 'src/testing/index.ts',
      'testing/vitest': 'src/testing/vitest.ts',
      'testing/jest': 'src/testing/jest.ts',
    },
    clean: true,
  },
  {
    // The command-line tool: ESM only, run by `npx calling-cycle`.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: false,
    target: 'node20',
    external: ['luxon', 'zod'],
    banner: { js: '#!/usr/bin/env node' },
    clean: false,
  },
]);
