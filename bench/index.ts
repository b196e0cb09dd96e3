/**
 * `npm run bench`: every benchmark in one run, each against the naive way where there is one.
 * Prints figures and ratios; never fails on time. Pass a smaller size (`npm run bench -- 100000`)
 * for a quick look (the stream reads ten times the size), or section names after the size to run
 * only those (`npm run bench -- 1000000 columns stream`).
 *
 * Each section runs in a process of its own, so the peak memory it prints (the process's
 * high-water mark) is its own and not left over from the section before. The sections that run
 * the library in one process run from a bundle under plain Node, as a user's code runs the
 * packed package: through tsx, each module is transformed as it loads and the loader itself
 * stays in memory (about 50 MB more peak memory, and closures named at creation). The others
 * (parallel: workers load the library's own files; cli: builds and runs the command; sql: runs
 * engines in child processes; size: bundles and imports the built package) run through tsx.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const size = process.argv[2] ?? '1000000';
const ALL = [
  'evaluate',
  'anchored',
  'columns',
  'columns-anchored',
  'columns-input',
  'columns-input-anchored',
  'columns-scaling',
  'occurrences',
  'size',
  'plan',
  'plan-columns',
  'plan-items',
  'parallel',
  'stream',
  'cli',
  'sql',
  'sql-staging',
];
const chosen = process.argv.length > 3 ? process.argv.slice(3) : ALL;
const sectionScript = fileURLToPath(new URL('./section.ts', import.meta.url));
const BUNDLED = new Set([
  'evaluate',
  'anchored',
  'columns',
  'columns-anchored',
  'columns-input',
  'columns-input-anchored',
  'columns-scaling',
  'occurrences',
  'plan',
  'plan-columns',
  'plan-items',
  'stream',
]);
const bundleDir = fileURLToPath(new URL('../node_modules/.cache/cc-bench/', import.meta.url));
const bundle = `${bundleDir}section.mjs`;
mkdirSync(bundleDir, { recursive: true });
await build({
  entryPoints: [sectionScript],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile: bundle,
  logLevel: 'warning',
});
console.log(
  `calling-cycle benchmarks on Node ${process.version} (${process.arch}), ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);
for (const section of chosen) {
  // `--expose-gc`: the columnar sections measure what a result keeps alive after a full collection.
  const command = BUNDLED.has(section) ? ['--expose-gc', bundle, section, size] : [...process.execArgv, sectionScript, section, size];
  const run = spawnSync(process.execPath, command, { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
