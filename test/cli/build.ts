/**
 * Builds the command line once per test file, the way the package does (one ESM file, the
 * dependencies left to node_modules), and runs it as a user would: `node cli.js …` in a child
 * process, with its own stdin, stdout, stderr and exit code.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const sampleDir = join(repoRoot, 'examples/data');
/** A fixed instant, so every run gives the same answer. */
export const NOW = '2026-11-23T08:00:00.000Z';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
};

/**
 * Bundles src/cli/main.ts into a folder under node_modules/.cache (so its external dependencies
 * resolve from the project's node_modules), beside a package.json holding the real version.
 */
export async function buildCli(): Promise<string> {
  const dir = join(repoRoot, 'node_modules/.cache/calling-cycle-cli-test', `${process.pid}`, 'dist');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '../package.json'), JSON.stringify({ name: manifest.name, version: manifest.version, type: 'module' }));
  // The same options as the package's own CLI build (tsup.config.ts), without reading that file.
  await build({
    config: false,
    entry: { cli: join(repoRoot, 'src/cli/main.ts') },
    format: ['esm'],
    target: 'node20',
    outDir: dir,
    external: Object.keys(manifest.dependencies),
    banner: { js: '#!/usr/bin/env node' },
    dts: false,
    clean: false,
    silent: true,
  });
  return join(dir, 'cli.js');
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with arguments and optional stdin, in `cwd` (the repo by default). */
export function runBuilt(cli: string, args: readonly string[], options: { stdin?: string; cwd?: string } = {}): CliRun {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? repoRoot,
    input: options.stdin ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const packageVersion = manifest.version;
