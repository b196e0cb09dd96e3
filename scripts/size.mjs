// The engine's weight, measured as a CRM front end would pay it: esbuild bundles the engine's
// functions from `calling-cycle` (resolved from the folder given, through the package's exports:
// the built package, not the sources), minified for the browser, and gzips the result. It bundles
// the same entry for `platform: 'neutral'` too, where any Node built-in reachable from the entry
// fails the build. `node scripts/size.mjs [folder]` exits 1 past the budget (scripts/check-package.sh
// runs it on the installed tarball); bench/size.ts prints the same figures beside the budget.
import { builtinModules } from 'node:module';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The engine's budget, gzipped, in bytes (docs/package.md). */
export const CORE_BUDGET_GZIP = 50 * 1024;
export const CORE_FUNCTIONS = ['evaluate', 'evaluateColumns', 'parsePolicy', 'plan', 'callList', 'explain', 'occurrences', 'summarize'];

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

async function bundle(resolveDir, specifier, names, platform) {
  const contents = names === '*' ? `export * from '${specifier}';` : `export { ${names.join(', ')} } from '${specifier}';`;
  const result = await build({
    stdin: { contents, resolveDir, sourcefile: 'entry.js' },
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform,
    // 'neutral' reads no main fields by default; a browser bundler reads these.
    mainFields: ['module', 'main'],
    conditions: ['import', 'default'],
    target: 'es2022',
    logLevel: 'silent',
    // Kept outside the bundle so that a Node built-in shows up as an import instead of failing
    // resolution in the middle of a dependency, and is named below.
    external: [...NODE_BUILTINS],
  });
  const code = result.outputFiles[0].contents;
  const builtins = Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.filter((entry) => NODE_BUILTINS.has(entry.path)).map((entry) => entry.path),
  );
  const byPackage = {};
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      const owner = match && match[1] !== 'calling-cycle' ? match[1] : 'calling-cycle';
      byPackage[owner] = (byPackage[owner] ?? 0) + bytesInOutput;
    }
  }
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, builtins: [...new Set(builtins)], byPackage };
}

/**
 * The engine's functions bundled for the browser and for 'neutral', from the package `calling-cycle`
 * as resolved from `resolveDir`; and, for comparison, the whole entry and zod as the engine loaded it before.
 */
export async function measureCore(resolveDir) {
  const browser = await bundle(resolveDir, 'calling-cycle', CORE_FUNCTIONS, 'browser');
  const neutral = await bundle(resolveDir, 'calling-cycle', CORE_FUNCTIONS, 'neutral');
  return { browser, neutral };
}

/** Every export of an import point, bundled for the browser: what a careless import pays. */
export async function measureEntry(resolveDir, specifier) {
  return bundle(resolveDir, specifier, '*', 'browser');
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const resolveDir = process.argv[2] ?? process.cwd();
  const { browser, neutral } = await measureCore(resolveDir);
  const parts = Object.entries(browser.byPackage)
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => `${name} ${kb(bytes)}`)
    .join(', ');
  console.log(
    `size: the engine (${CORE_FUNCTIONS.join(', ')}) bundled for the browser: ${kb(browser.minified)} minified, ` +
      `${kb(browser.gzipped)} gzipped (budget ${kb(CORE_BUDGET_GZIP)}); minified by package: ${parts}`,
  );
  let failed = false;
  if (browser.gzipped > CORE_BUDGET_GZIP) {
    console.error(`size: the engine is ${kb(browser.gzipped)} gzipped, past its budget of ${kb(CORE_BUDGET_GZIP)}`);
    failed = true;
  }
  if (neutral.builtins.length > 0) {
    console.error(`size: Node built-ins reachable from the engine's entry (platform neutral): ${neutral.builtins.join(', ')}`);
    failed = true;
  } else {
    console.log(`size: bundled for platform 'neutral' with no Node built-in reachable (${kb(neutral.gzipped)} gzipped)`);
  }
  if (failed) process.exit(1);
}
