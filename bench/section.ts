/** One benchmark section by name (`evaluate`, `anchored`, `occurrences`, `plan`), run by `bench/index.ts`. */
import { runAnchoredBench, runEvaluateBench } from './evaluate.js';
import { runOccurrenceBench } from './occurrences.js';
import { runPlanBench } from './plan.js';

const sections: Record<string, (size: number) => Promise<void>> = {
  evaluate: runEvaluateBench,
  anchored: runAnchoredBench,
  occurrences: () => runOccurrenceBench(),
  plan: () => runPlanBench(),
};

const [name = '', size = '1000000'] = process.argv.slice(2);
const run = sections[name];
if (!run) throw new Error(`unknown bench section "${name}": one of ${Object.keys(sections).join(', ')}`);
await run(Number(size));
