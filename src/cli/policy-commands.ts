/**
 * The commands for writing and checking a policy, with no book to read: `validate` (a policy file),
 * `schema` (the JSON Schemas), `occurrences` (the dates an RRULE gives) and `test` (scenario files).
 */
import { existsSync, statSync } from 'node:fs';
import { occurrences } from '../time/occurrences.js';
import { formatPath } from '../errors/errors.js';
import { safeParsePolicy } from '../schema/policy.js';
import { DOCS, EXIT, type ExitCode, UsageError } from './errors.js';
import { readPolicy } from './inputs.js';
import { wholeNumber } from './options.js';
import { jsonLine, writeJsonDocument, writeNdjson } from './outputs.js';
import type { Run } from './run-context.js';

/**
 * Runs `validate`: whether a policy is valid, and each issue by its path.
 *
 * @example
 * const code = await runValidate(run);
 */
export async function runValidate(run: Run): Promise<ExitCode> {
  const [target, ...rest] = run.args.positionals;
  if (rest.length > 0) throw new UsageError(`validate takes one policy; got ${run.args.positionals.join(' ')}`);
  let path = run.args.values.policy ?? target;
  if (path === undefined) throw new UsageError('validate needs a policy: calling-cycle validate policy.json (or a folder, or - for stdin)');
  if (path !== '-' && !path.endsWith('.json')) {
    if (existsSync(path) && statSync(path).isDirectory()) path = `${path.replace(/\/$/, '')}/policy.json`;
  }
  const result = safeParsePolicy(await readPolicy(path, run.io.stdin));
  const issues = result.success ? [] : result.issues.map((issue) => ({ ...issue, at: formatPath(issue.path) }));
  const name = path === '-' ? 'stdin' : path;
  if (run.format === 'json') {
    await run.sink.write(
      `${jsonLine({ 'calling-cycle': run.io.version, command: 'validate', policy: name, valid: result.success, issues }, 2)}\n`,
    );
  } else if (run.format === 'ndjson') {
    for (const issue of issues) await run.sink.write(`${jsonLine(issue)}\n`);
  } else if (run.format === 'csv') {
    await run.sink.write(itemsToCsvLike(['at', 'code', 'message'], issues));
  } else if (result.success) {
    const cycles = result.data.tiers.reduce((sum, tier) => sum + tier.cycles.length, 0);
    await run.sink.write(`${name}: valid policy (${result.data.tiers.length} tiers, ${cycles} cycles)\n`);
  } else {
    await run.sink.write(`${name}: ${issues.length} issue${issues.length === 1 ? '' : 's'}; fix each field (${DOCS}/policy.md):\n`);
    for (const issue of issues) await run.sink.write(`  ${issue.at}: ${issue.message}\n`);
  }
  if (!result.success && run.format !== 'table')
    run.io.stderr.write(`calling-cycle: ${name} is not a valid policy (${issues.length} issues)\n`);
  return result.success ? EXIT.ok : EXIT.usage;
}

/** A small CSV for plain rows (issue lists): every cell quoted, quotes doubled. */
function itemsToCsvLike(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const cell = (value: unknown) => `"${String(value ?? '').replace(/"/g, '""')}"`;
  return `${[columns.map(cell).join(','), ...rows.map((row) => columns.map((column) => cell(row[column])).join(','))].join('\r\n')}\r\n`;
}

/**
 * Runs `occurrences`: the instants an RRULE gives from --dtstart in --time-zone.
 *
 * @example
 * const code = await runOccurrences(run);
 */
export async function runOccurrences(run: Run): Promise<ExitCode> {
  const [rule, ...rest] = run.args.positionals;
  if (rule === undefined || rest.length > 0)
    throw new UsageError(
      'occurrences takes one RRULE: calling-cycle occurrences "FREQ=MONTHLY;BYDAY=1TU" --dtstart 2026-01-01T09:00:00 --time-zone Europe/London --count 5',
    );
  const { values } = run.args;
  if (values.dtstart === undefined) throw new UsageError('occurrences needs --dtstart (local YYYY-MM-DDTHH:mm:ss, or a date)');
  const timeZone = values['time-zone'] ?? 'UTC';
  const count = values.count === undefined ? undefined : wholeNumber('count', values.count, 1, 100_000, 1);
  const list = occurrences(rule, {
    dtstart: values.dtstart,
    timeZone,
    ...(count !== undefined ? { count } : {}),
    ...(values.after !== undefined ? { after: values.after } : {}),
    ...(values.before !== undefined ? { before: values.before } : {}),
  });
  const head = { 'calling-cycle': run.io.version, command: 'occurrences', rrule: rule, dtstart: values.dtstart, timeZone };
  switch (run.format) {
    case 'json':
      await writeJsonDocument(run.sink, head, [['occurrences', list]]);
      break;
    case 'ndjson':
      await writeNdjson(
        run.sink,
        head,
        list.map((at) => ({ at })),
      );
      break;
    case 'csv':
      await run.sink.write(`at\r\n${list.join('\r\n')}${list.length > 0 ? '\r\n' : ''}`);
      break;
    case 'table':
      for (const at of list) await run.sink.write(`${at}\n`);
      break;
  }
  return EXIT.ok;
}

/**
 * Runs `schema`: the names of the JSON Schemas, or one of them.
 *
 * @example
 * const code = await runSchema(run);
 */
export async function runSchema(run: Run): Promise<ExitCode> {
  // The JSON Schemas are built from the zod schemas: zod is loaded by this command only.
  const { isJsonSchemaName, JSON_SCHEMA_NAMES, jsonSchemaFor } = await import('../schema-json/index.js');
  const [name, ...rest] = run.args.positionals;
  if (rest.length > 0) throw new UsageError(`schema takes one name; got ${run.args.positionals.join(' ')}`);
  if (name === undefined) {
    if (run.format === 'json') await run.sink.write(`${jsonLine(JSON_SCHEMA_NAMES)}\n`);
    else await run.sink.write(`${JSON_SCHEMA_NAMES.join('\n')}\n`);
    return EXIT.ok;
  }
  if (!isJsonSchemaName(name)) throw new UsageError(`no schema "${name}": use one of ${JSON_SCHEMA_NAMES.join(', ')}`);
  // A JSON Schema is JSON whatever --format says.
  await run.sink.write(`${jsonLine(jsonSchemaFor(name), 2)}\n`);
  return EXIT.ok;
}

/**
 * Runs `test`: the scenario files given, each passed or failed.
 *
 * @example
 * const code = await runTest(run);
 */
export async function runTest(run: Run): Promise<ExitCode> {
  const paths = run.args.positionals;
  if (paths.length === 0) throw new UsageError('test needs scenario files or folders: calling-cycle test scenarios/');
  if (run.format === 'csv') throw new UsageError('test writes a table, json or ndjson');
  // A path that is not there is a mistyped command line, not a failing scenario.
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length > 0) throw new UsageError(`${missing.join(', ')}: no such file or folder; give scenario files or folders`);
  // The scenario runner (and zod, which reads scenario files) is loaded by this command only.
  const { runScenarioFiles } = await import('../testing/scenarios-node.js');
  const { formatScenarioResults } = await import('../testing/scenarios.js');
  const results = await runScenarioFiles(paths);
  if (results.length === 0) throw new UsageError(`no scenario (.json) files in ${paths.join(' ')}`);
  const passed = results.filter((result) => result.passed).length;
  const head = { 'calling-cycle': run.io.version, command: 'test' };
  if (run.format === 'json') await writeJsonDocument(run.sink, head, [['results', results]], { passed, failed: results.length - passed });
  else if (run.format === 'ndjson') await writeNdjson(run.sink, head, results);
  else await run.sink.write(`${formatScenarioResults(results)}\n`);
  // A failing scenario is a failing check, as with any test runner: exit 1, results written.
  return passed === results.length ? EXIT.ok : EXIT.recordErrors;
}
