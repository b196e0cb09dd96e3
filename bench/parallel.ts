/**
 * evaluateParallel (calling-cycle/parallel) on a million contacts over worker threads, beside
 * evaluateColumns and evaluate in one thread on the same book. The records are copied to the
 * workers (structured clone), which costs about what reading them does: the split pays off only
 * with idle cores. Prints figures; never fails on time.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { evaluateColumns } from '../src/core/columns.js';
import { evaluateParallel } from '../src/parallel/index.js';
import { book, NOW, policy } from './evaluate.js';
import { formatRate, runsAsScript } from './util.js';

export async function runParallelBench(size = 1_000_000): Promise<void> {
  const workers = Math.max(2, availableParallelism());
  console.log(
    `\nevaluateParallel: ${size.toLocaleString('en')} contacts, 1 rolling cycle, ${workers} workers on ${availableParallelism()} cores (load ${loadavg()[0]!.toFixed(1)})`,
  );
  const { contacts, touches } = book(size);
  const options = { policy, contacts, touches, now: NOW };
  evaluateColumns({ policy, ...book(20_000), now: NOW });
  let start = performance.now();
  const single = evaluateColumns(options);
  const singleSeconds = (performance.now() - start) / 1000;
  start = performance.now();
  const split = await evaluateParallel(options, { workers, output: 'columns', minContactsPerWorker: 1 });
  const splitSeconds = (performance.now() - start) / 1000;
  const same = split.size === single.size && split.dueDay.every((day, row) => day === single.dueDay[row]);
  console.log(`  one thread (evaluateColumns): ${singleSeconds.toFixed(3)} s, ${formatRate(size / singleSeconds)} contact-cycles/s`);
  console.log(
    `  ${workers} workers: ${splitSeconds.toFixed(3)} s, ${formatRate(size / splitSeconds)} contact-cycles/s (workers started, records copied, results merged); same rows: ${same}`,
  );
}

if (runsAsScript('parallel.ts')) await runParallelBench(Number(process.argv[2] ?? 1_000_000));
