/**
 * The command line loads what a command uses, when it runs: the built `cli.js` and what it
 * imports before running hold no command's module and no dependency (`--help`, `--version` and a
 * usage error load nothing else), each command's module is imported with `import()`, and
 * `evaluate` and `plan` reach zod only through the CSV mapping file's module, itself loaded by
 * `--mapping` alone. Read from the built files' import statements (the timings are in
 * `npm run bench -- 1 size`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './build.js';

let dir = '';
beforeAll(async () => {
  dir = dirname(await buildCli());
}, 60_000);

interface Imports {
  files: Set<string>;
  packages: Set<string>;
  /** Files named by `import()` along the way, not loaded with them. */
  later: Set<string>;
}

/** The built files and packages `file` loads before it runs (static imports), and what it may load later. */
function loadedBy(file: string, found: Imports = { files: new Set(), packages: new Set(), later: new Set() }): Imports {
  if (found.files.has(file)) return found;
  found.files.add(file);
  const text = readFileSync(join(dir, file), 'utf8');
  for (const match of text.matchAll(/^(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gm)) {
    const target = (match[1] ?? match[2])!;
    if (target.startsWith('./')) loadedBy(target.slice(2), found);
    else found.packages.add(target.replace(/^node:/, ''));
  }
  for (const match of text.matchAll(/\bimport\(\s*["']\.\/([^"']+)["']\s*\)/g)) found.later.add(match[1]!);
  return found;
}

const moduleOf = (prefix: string) => {
  const file = readdirSync(dir).find((name) => name.startsWith(`${prefix}-`) && name.endsWith('.js'));
  if (file === undefined) throw new Error(`no built module for ${prefix}: is it still imported with import()?`);
  return file;
};

const DEPENDENCIES = ['zod', 'luxon', 'csv-parse', 'csv-parse/sync', 'csv-stringify/sync'];

describe('what the command line loads', () => {
  it('at start: no command module and no dependency; every command is loaded later', () => {
    const start = loadedBy('cli.js');
    expect([...start.packages].filter((name) => DEPENDENCIES.includes(name))).toEqual([]);
    for (const command of ['evaluate-commands', 'plan-commands', 'policy-commands', 'sync-command']) {
      const file = moduleOf(command);
      expect(start.files.has(file)).toBe(false);
      expect(start.later.has(file)).toBe(true);
    }
  });

  it('evaluate and plan: no zod, unless a mapping file is given', () => {
    for (const command of ['evaluate-commands', 'plan-commands']) {
      const loaded = loadedBy(moduleOf(command));
      expect(loaded.packages.has('zod')).toBe(false);
      expect(loaded.files.has(moduleOf('csv-mapping'))).toBe(false);
    }
    expect(loadedBy(moduleOf('csv-flags')).packages.has('zod')).toBe(false);
    expect(loadedBy(moduleOf('csv-mapping')).packages.has('zod')).toBe(true);
  });
});
