/**
 * `npm run bench`: every benchmark in one run, each against the naive way where there is one.
 * Prints figures and ratios; never fails on time. Pass a smaller size (`npm run bench -- 100000`)
 * for a quick look (the stream reads ten times the size), or section names after the size to run
 * only those (`npm run bench -- 1000000 columns stream`).
 *
 * Each section runs in a process of its own, so the peak memory it prints (the process's
 * high-water mark) is its own and not left over from the section before.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const size = process.argv[2] ?? '1000000';
const ALL = [
  'evaluate',
  'anchored',
  'columns',
  'columns-anchored',
  'occurrences',
  'plan',
  'plan-columns',
  'plan-items',
  'parallel',
  'stream',
  'cli',
  'sql',
];
const chosen = process.argv.length > 3 ? process.argv.slice(3) : ALL;
const sectionScript = fileURLToPath(new URL('./section.ts', import.meta.url));
console.log(
  `calling-cycle benchmarks on Node ${process.version} (${process.arch}), ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);
for (const section of chosen) {
  const run = spawnSync(process.execPath, [...process.execArgv, sectionScript, section, size], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
