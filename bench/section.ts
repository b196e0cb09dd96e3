/** One benchmark section by name, run by `bench/index.ts` in a process of its own. */
import { runCliBench } from './cli.js';
import { runColumnsAnchoredBench, runColumnsBench } from './columns.js';
import { runAnchoredBench, runEvaluateBench } from './evaluate.js';
import { runOccurrenceBench } from './occurrences.js';
import { runParallelBench } from './parallel.js';
import { runPlanBench } from './plan.js';
import { runPlanColumnsBench } from './plan-columns.js';
import { runSqlBench } from './sql.js';
import { runStreamBench } from './stream.js';

const sections: Record<string, (size: number) => Promise<void>> = {
  evaluate: runEvaluateBench,
  anchored: runAnchoredBench,
  columns: runColumnsBench,
  'columns-anchored': runColumnsAnchoredBench,
  occurrences: () => runOccurrenceBench(),
  plan: () => runPlanBench(),
  'plan-columns': async (size) => {
    console.log(
      `\nplan from a real evaluation: ${size.toLocaleString('en')} contacts, ${Math.round(size / 2000)} reps, 90 days (plan target < 3 s, < 600 MB)`,
    );
    await runPlanColumnsBench(size, 'columns');
  },
  'plan-items': (size) => runPlanColumnsBench(size, 'items'),
  parallel: runParallelBench,
  // Ten times the size: the stream is for books that do not fit.
  stream: (size) => runStreamBench(size * 10),
  // The command line on NDJSON, as a cron job would run it.
  cli: runCliBench,
  // The same items computed inside DuckDB and PostgreSQL beside evaluate, at the size and ten times it.
  sql: (size) => runSqlBench([size, size * 10]),
};

const [name = '', size = '1000000'] = process.argv.slice(2);
const run = sections[name];
if (!run) throw new Error(`unknown bench section "${name}": one of ${Object.keys(sections).join(', ')}`);
await run(Number(size));
