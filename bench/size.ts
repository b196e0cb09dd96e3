/**
 * The engine's weight and cold start, beside the budget (docs/package.md), the naive way and the
 * floor, from the built package (`npm run build` first): what a browser bundle of the engine's
 * functions costs, and how long a fresh Node process takes to import the engine, by import and
 * by require; and the command line's start-up (`calling-cycle --help`, `evaluate` on the sample
 * data) beside a Node process that runs nothing, with the bytes of built code each loads. Every
 * import and run is timed in a child process of its own (a cold module cache), several times,
 * and the median printed; nothing here passes or fails (scripts/size.mjs holds the size budget
 * in `npm run check:package`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

/**
 * Milliseconds from before the import to after it, in a fresh process: on the clock (wall) and of
 * the process's CPU (user + system), each the median of RUNS. On a busy machine the wall figure
 * includes the time the process waited for a core; the CPU figure is the import's own work.
 */
function coldImport(code: string, type: 'module' | 'commonjs'): { wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const script = `const t = performance.now(); const c = process.cpuUsage(); ${code}; const u = process.cpuUsage(c); console.log(performance.now() - t, (u.user + u.system) / 1000);`;
    const child = spawnSync(process.execPath, [...(type === 'module' ? ['--input-type=module'] : []), '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`cold import failed: ${child.stderr}`);
    const [wall, cpu] = child.stdout.trim().split(' ').map(Number) as [number, number];
    walls.push(wall);
    cpus.push(cpu);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { wall: median(walls), cpu: median(cpus) };
}

/**
 * Wall-clock milliseconds of whole Node processes running each of `commands`, start to exit; the
 * median of RUNS each. The commands take turns, so a busy minute of the machine weighs on each
 * alike and the differences between them hold better than the figures.
 */
function processRuns(commands: readonly (readonly string[])[]): number[] {
  const times = commands.map(() => [] as number[]);
  for (let run = 0; run < RUNS; run++) {
    for (const [index, args] of commands.entries()) {
      const started = performance.now();
      const child = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      times[index]!.push(performance.now() - started);
      // The sample data holds one bad touch on purpose: exit 1 is a run that wrote its result.
      if (child.status !== 0 && child.status !== 1) throw new Error(`${args.join(' ')} failed (${child.status}): ${child.stderr}`);
    }
  }
  return times.map((each) => each.sort((a, b) => a - b)[Math.floor(each.length / 2)]!);
}

/** Bytes of a built file and of every built file it imports before it runs (static imports, not `import()`). */
function loadedBytes(file: string, seen = new Set<string>()): number {
  if (seen.has(file)) return 0;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  let bytes = statSync(file).size;
  for (const match of text.matchAll(/^(?:import|export)\s[^;]*?from\s*["'](\.{1,2}\/[^"']+)["']|^import\s*["'](\.{1,2}\/[^"']+)["']/gm)) {
    bytes += loadedBytes(join(dirname(file), (match[1] ?? match[2])!), seen);
  }
  return bytes;
}

/** Every built file `file` may load, by static import or `import()`. */
function reachable(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/(?:from\s*|import\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g)) reachable(join(dirname(file), match[1]!), seen);
  return seen;
}

/** The command line's start-up: what `--help` and a small `evaluate` cost beside an empty Node process. */
function cliStartup(): void {
  const cli = join(root, 'dist/cli.js');
  if (!existsSync(cli)) return;
  // The naive way, as the command line was built before: every command's module loaded at start.
  const scratch = mkdtempSync(join(tmpdir(), 'cc-bench-cli-'));
  const eager = join(scratch, 'load-every-command.mjs');
  writeFileSync(eager, [...reachable(cli)].map((file) => `import ${JSON.stringify(pathToFileURL(file).href)};`).join('\n'));
  const [floor, help, evaluate, eagerHelp] = processRuns([
    ['-e', ''],
    [cli, '--help'],
    [cli, 'evaluate', 'examples/data', '--now', '2026-11-23T08:00:00Z', '--format', 'ndjson'],
    ['--import', pathToFileURL(eager).href, cli, '--help'],
  ]) as [number, number, number, number];
  rmSync(scratch, { recursive: true, force: true });
  const over = (ms: number) => `(${(ms - floor).toFixed(1)} ms over the floor)`;
  console.log(`\ncommand line start-up, whole process, median of ${RUNS}, taking turns`);
  console.log(`  calling-cycle --help                  ${help.toFixed(1).padStart(6)} ms ${over(help)}, loads ${kb(loadedBytes(cli))} of built code first`);
  console.log(`  calling-cycle evaluate examples/data  ${evaluate.toFixed(1).padStart(6)} ms ${over(evaluate)}`);
  console.log(`  naive: --help, every command loaded  ${eagerHelp.toFixed(1).padStart(6)} ms ${over(eagerHelp)}`);
  console.log(`  floor: node -e ''                     ${floor.toFixed(1).padStart(6)} ms`);
  console.log(`  dist/cli.js itself                  ${kb(statSync(cli).size)}`);
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
  const line = (label: string, { wall, cpu }: { wall: number; cpu: number }) =>
    console.log(`  ${label.padEnd(27)} ${wall.toFixed(1).padStart(6)} ms wall ${cpu.toFixed(1).padStart(6)} ms CPU`);
  console.log(`\ncold import in a fresh Node ${process.version} process, median of ${RUNS} (budget ${IMPORT_BUDGET_MS} ms), load ${loadavg()[0]!.toFixed(2)}`);
  line("import('calling-cycle')", esm);
  line("require('calling-cycle')", cjs);
  line("naive: import('zod') alone", zodImport);
  line('floor: an empty module', floor);
  cliStartup();
}

if (runsAsScript('size.ts')) await runSizeBench();
