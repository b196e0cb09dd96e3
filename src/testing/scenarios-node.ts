/**
 * Reading scenario files: the only part of the testing kit that touches the file system. node:fs
 * is loaded when the function is called, so the testing entry itself loads anywhere.
 */
import { runScenarios, type ScenarioResult } from './scenarios.js';

/**
 * Reads and checks scenario files. Each path is a `.json` file or a folder, searched recursively
 * for `.json` files (in name order). A file that cannot be read or parsed is a failed scenario,
 * never an exception: every other file is still checked.
 *
 * @example
 * const results = await runScenarioFiles(['scenarios/']);
 * console.log(formatScenarioResults(results)); // … '3 passed, 1 failed'
 * process.exitCode = results.every((result) => result.passed) ? 0 : 1;
 */
export async function runScenarioFiles(paths: readonly string[]): Promise<ScenarioResult[]> {
  const fs = await import('node:fs/promises');
  const nodePath = await import('node:path');
  const files: string[] = [];
  const problems: ScenarioResult[] = [];
  const visit = async (path: string): Promise<void> => {
    let isFolder: boolean;
    try {
      isFolder = (await fs.stat(path)).isDirectory();
    } catch (error) {
      problems.push({ name: path, file: path, passed: false, failures: [`cannot read: ${(error as Error).message}`] });
      return;
    }
    if (!isFolder) {
      files.push(path);
      return;
    }
    const entries = (await fs.readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = nodePath.join(path, entry.name);
      if (entry.isDirectory()) await visit(child);
      else if (entry.name.endsWith('.json')) files.push(child);
    }
  };
  for (const path of paths) await visit(path);

  const results: ScenarioResult[] = [...problems];
  for (const file of files) {
    const label = nodePath.basename(file, '.json');
    let parsed: unknown;
    try {
      parsed = JSON.parse(await fs.readFile(file, 'utf8'));
    } catch (error) {
      results.push({ name: label, file, passed: false, failures: [`not readable JSON: ${(error as Error).message}`] });
      continue;
    }
    for (const result of runScenarios([parsed], [label])) results.push({ ...result, file });
  }
  return results;
}
