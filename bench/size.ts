/**
 * The engine's weight and cold start, beside the budget (docs/package.md), the naive way and the
 * floor, from the built package (`npm run build` first): what a browser bundle of the engine's
 * functions costs, and how long a fresh Node process takes to import the engine, by import and
 * by require. Every import is timed in a child process of its own (a cold module cache), several
 * times, and the median printed; nothing here passes or fails (scripts/size.mjs holds the size
 * budget in `npm run check:package`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// @ts-expect-error a plain .mjs script without declarations; shared with scripts/check-package.sh
import { CORE_BUDGET_GZIP, measureCore, measureEntry } from '../scripts/size.mjs';
import { runsAsScript } from './util.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const IMPORT_BUDGET_MS = 40;
const RUNS = 7;

interface Measured {
  minified: number;
  gzipped: number;
  byPackage: Record<string, number>;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(6)} KB`;

/** Milliseconds from before the import to after it, in a fresh process; the median of RUNS. */
function coldImport(code: string, type: 'module' | 'commonjs'): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const script = `const t = performance.now(); ${code}; console.log(performance.now() - t);`;
    const child = spawnSync(process.execPath, [...(type === 'module' ? ['--input-type=module'] : []), '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`cold import failed: ${child.stderr}`);
    times.push(Number(child.stdout.trim()));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function runSizeBench(): Promise<void> {
  if (!existsSync(`${root}dist/index.js`)) {
    console.log('\nsize: skipped, no build to measure (run `npm run build` first: this section measures the built package)');
    return;
  }
  const { browser } = (await measureCore(root)) as { browser: Measured };
  const whole = (await measureEntry(root, 'calling-cycle')) as Measured;
  const zod = (await measureEntry(root, 'zod')) as Measured;
  console.log('\nsize: minified browser bundles (esbuild), gzipped beside minified');
  console.log(
    `  the engine's functions      ${kb(browser.gzipped)} gzipped ${kb(browser.minified)} minified   budget ${kb(CORE_BUDGET_GZIP)} gzipped`,
  );
  for (const [name, bytes] of Object.entries(browser.byPackage).sort((a, b) => b[1] - a[1])) {
    console.log(`    of which ${name.padEnd(17)}            ${kb(bytes)} minified`);
  }
  console.log(`  every export of the entry   ${kb(whole.gzipped)} gzipped ${kb(whole.minified)} minified`);
  console.log(`  naive: all of zod, as the engine loaded it before  ${kb(zod.gzipped)} gzipped`);

  // The floor: the module loader itself, on a module with nothing in it.
  const floor = coldImport("await import('data:text/javascript,export default 1')", 'module');
  const esm = coldImport("await import('calling-cycle')", 'module');
  const cjs = coldImport("require('calling-cycle')", 'commonjs');
  const zodImport = coldImport("await import('zod')", 'module');
  console.log(`\ncold import in a fresh Node ${process.version} process, median of ${RUNS} (budget ${IMPORT_BUDGET_MS} ms)`);
  console.log(`  import('calling-cycle')     ${esm.toFixed(1).padStart(6)} ms`);
  console.log(`  require('calling-cycle')    ${cjs.toFixed(1).padStart(6)} ms`);
  console.log(`  naive: import('zod') alone  ${zodImport.toFixed(1).padStart(6)} ms`);
  console.log(`  floor: an empty module      ${floor.toFixed(1).padStart(6)} ms`);
}

if (runsAsScript('size.ts')) await runSizeBench();
