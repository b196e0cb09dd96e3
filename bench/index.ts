/**
 * `npm run bench`: every benchmark in one run, each against the naive way where there is one.
 * Prints figures and ratios; never fails on time. Pass a smaller size (`npm run bench -- 100000`)
 * for a quick look.
 */
import { runAnchoredBench, runEvaluateBench } from './evaluate.js';
import { runOccurrenceBench } from './occurrences.js';
import { runPlanBench } from './plan.js';

const size = Number(process.argv[2] ?? 1_000_000);
console.log(`calling-cycle benchmarks on Node ${process.version} (${process.arch})`);
await runEvaluateBench(size);
await runAnchoredBench(size);
await runOccurrenceBench();
await runPlanBench();
