/**
 * One benchmark section by name, run by `bench/index.ts` in a process of its own. Each section's
 * module is imported when it runs, so a section never loads another's (the SQL engines, the CLI
 * build) into the process whose memory it measures.
 */
const sections: Record<string, (size: number) => Promise<void>> = {
  evaluate: async (size) => (await import('./evaluate.js')).runEvaluateBench(size),
  anchored: async (size) => (await import('./evaluate.js')).runAnchoredBench(size),
  columns: async (size) => (await import('./columns.js')).runColumnsBench(size),
  'columns-anchored': async (size) => (await import('./columns.js')).runColumnsAnchoredBench(size),
  'columns-input': async (size) => (await import('./column-input.js')).runColumnInputBench(size),
  'columns-input-anchored': async (size) => (await import('./column-input.js')).runColumnInputAnchoredBench(size),
  'columns-scaling': async (size) => (await import('./column-input.js')).runColumnScalingBench(size),
  // One size of columns-scaling, run by it in a process of its own.
  'columns-scaling-one': async (size) => (await import('./column-input.js')).runColumnScalingOne(size),
  occurrences: async () => (await import('./occurrences.js')).runOccurrenceBench(),
  // The engine's bundle size and cold import beside their budgets (from the built package).
  size: async () => (await import('./size.js')).runSizeBench(),
  plan: async () => (await import('./plan.js')).runPlanBench(),
  'plan-columns': async (size) => {
    console.log(
      `\nplan from a real evaluation: ${size.toLocaleString('en')} contacts, ${Math.round(size / 2000)} reps, 90 days (plan target < 3 s, < 600 MB)`,
    );
    await (await import('./plan-columns.js')).runPlanColumnsBench(size, 'columns');
  },
  'plan-items': async (size) => (await import('./plan-columns.js')).runPlanColumnsBench(size, 'items'),
  parallel: async (size) => (await import('./parallel.js')).runParallelBench(size),
  // Ten times the size: the stream is for books that do not fit.
  stream: async (size) => (await import('./stream.js')).runStreamBench(size * 10),
  // The command line on NDJSON, as a cron job would run it.
  cli: async (size) => (await import('./cli.js')).runCliBench(size),
  // The same items computed inside DuckDB and PostgreSQL beside evaluate, at the size and ten times it.
  sql: async (size) => (await import('./sql.js')).runSqlBench([size, size * 10]),
  // compileSql over the staging views of a Fivetran sync beside the same book's copied tables.
  'sql-staging': async (size) => (await import('./sql-staging.js')).runStagingBench(size),
};

export {};

const [name = '', size = '1000000'] = process.argv.slice(2);
const run = sections[name];
if (!run) throw new Error(`unknown bench section "${name}": one of ${Object.keys(sections).join(', ')}`);
await run(Number(size));
