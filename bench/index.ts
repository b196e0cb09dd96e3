/**
 * `npm run bench`: every benchmark in one run, each against the naive way where there is one.
 * Prints figures and ratios; never fails on time. Pass a smaller size (`npm run bench -- 100000`)
 * for a quick look.
 *
 * Each section runs in a process of its own, so the peak memory it prints (the process's
 * high-water mark) is its own and not left over from the section before.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const size = process.argv[2] ?? '1000000';
const sectionScript = fileURLToPath(new URL('./section.ts', import.meta.url));
console.log(`calling-cycle benchmarks on Node ${process.version} (${process.arch})`);
for (const section of ['evaluate', 'anchored', 'occurrences', 'plan']) {
  const run = spawnSync(process.execPath, [...process.execArgv, sectionScript, section, size], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
