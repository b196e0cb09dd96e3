/**
 * The `calling-cycle` command line: reads a book, runs the engine, writes the result. This is the
 * edge, so it may read the clock (`--now` defaults to the current time, and the instant used is
 * written with the result so a run can be replayed).
 *
 * This file parses the command line and hands the run to its command; the commands live beside it
 * by group (evaluate-commands.ts, plan-commands.ts, policy-commands.ts, sync-command.ts), with
 * what they share in run-context.ts. Each group is imported only when one of its commands runs,
 * so `--help`, `--version` and a usage error load none of them (nor the engine, the adapters or
 * zod), and `evaluate` loads neither the planner, the report, the CRM adapters nor zod.
 */
import { existsSync, statSync } from 'node:fs';
import { isCallingCycleError } from '../errors/errors.js';
import { EXIT, type ExitCode, UsageError } from './errors.js';
import { folderInputs } from './inputs.js';
import { type Command, outputFormat, type ParsedArgs, parseCommandLine, usageOf } from './options.js';
import { OutputFile } from './output-file.js';
import { Sink } from './outputs.js';
import { type CliIo, Progress } from './progress.js';
import type { Run } from './run-context.js';

export type { CliIo } from './progress.js';

/**
 * Runs one command line and returns its exit code: 0 ok, 1 some records had errors (results
 * still written), 2 usage, input or policy error, 65 records had errors and none was usable, 70
 * the tool itself failed. An `--out` file is replaced only on 0 or 1 (output-file.ts).
 *
 * @example
 * const code = await runCli(['evaluate', 'examples/data', '--now', '2026-11-23T08:00:00Z'], {
 *   stdin: process.stdin, stdout: process.stdout, stderr: process.stderr,
 *   stdoutIsTTY: false, stderrIsTTY: false, clock: () => new Date(), version: '1.0.0',
 * });
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const opened: OpenedOutput = {};
  let code = await attempt(argv, io, opened);
  const file = opened.file;
  if (file === undefined) return code;
  // Only a run that has a result replaces the file; any other leaves yesterday's file as it was.
  if (code === EXIT.ok || code === EXIT.recordErrors) {
    try {
      await file.commit();
    } catch (error) {
      io.stderr.write(`calling-cycle: ${(error as Error).message}\n`);
      code = EXIT.usage;
    }
  } else {
    await file.discard();
    if (code === EXIT.nothingUsable) io.stderr.write(`calling-cycle: ${file.target} was left as it was: no record was usable\n`);
  }
  return code;
}

/** The --out file a run opened, for runCli to put in place or discard. */
interface OpenedOutput {
  file?: OutputFile;
}

/** Every input the command line names, a folder's files included: what --out must not replace. */
function inputsNamed(args: ParsedArgs): string[] {
  const { values, positionals } = args;
  const named = [values.policy, values.contacts, values.touches, values.owners, values.snoozes, values.records].filter(
    (path): path is string => path !== undefined,
  );
  for (const path of positionals) {
    named.push(path);
    if (existsSync(path) && statSync(path).isDirectory()) named.push(...folderInputs(path));
  }
  return named;
}

async function attempt(argv: readonly string[], io: CliIo, opened: OpenedOutput): Promise<ExitCode> {
  try {
    const args = parseCommandLine(argv);
    if (args.values.version) {
      io.stdout.write(`${io.version}\n`);
      return EXIT.ok;
    }
    if (args.command === 'help' || args.values.help) {
      io.stdout.write(`${usageOf(args.command)}\n`);
      return EXIT.ok;
    }
    const format = outputFormat(args.values.format, args.values.out === undefined && io.stdoutIsTTY);
    if (args.values.out !== undefined) opened.file = OutputFile.open(args.values.out, '--out', inputsNamed(args));
    const run: Run = { io, args, format, sink: new Sink(opened.file?.stream ?? io.stdout), progress: new Progress(io) };
    const code = await COMMAND_RUNNERS[args.command](run);
    await run.sink.end();
    run.progress.done();
    return code;
  } catch (error) {
    // A progress line may be on the terminal: clear it so the message starts on a clean line.
    if (io.stderrIsTTY) io.stderr.write('\r\x1b[K');
    if (error instanceof UsageError) {
      io.stderr.write(`calling-cycle: ${error.message}\n${error.details.map((line) => `  ${line}\n`).join('')}`);
      return EXIT.usage;
    }
    if (isCallingCycleError(error) && error.name !== 'InternalError') {
      // The engine refused an input (a bad --from, a bad shares option …): a usage error too.
      io.stderr.write(`calling-cycle: ${error.message}\n`);
      return EXIT.usage;
    }
    const failure = opened.file?.failure;
    if (failure !== undefined) {
      // The output could not be written (a full disk): the input was fine, the file is left as it was.
      io.stderr.write(
        `calling-cycle: --out ${opened.file!.target}: writing failed (${failure.code ?? failure.message}); the file was left as it was\n`,
      );
      return EXIT.usage;
    }
    // Not the input's fault: say so, with what a bug report needs, under its own exit code.
    io.stderr.write(
      `calling-cycle ${io.version}: internal error, please report it with the command line used:\n${(error as Error).stack ?? String(error)}\n`,
    );
    return EXIT.internal;
  }
}

type Runner = (run: Run) => Promise<ExitCode>;

const COMMAND_RUNNERS: Record<Command, Runner> = {
  help: async () => EXIT.ok,
  validate: async (run) => (await import('./policy-commands.js')).runValidate(run),
  evaluate: async (run) => (await import('./evaluate-commands.js')).runEvaluate(run, 'evaluate'),
  explain: async (run) => (await import('./evaluate-commands.js')).runEvaluate(run, 'explain'),
  plan: async (run) => (await import('./plan-commands.js')).runPlan(run),
  occurrences: async (run) => (await import('./policy-commands.js')).runOccurrences(run),
  schema: async (run) => (await import('./policy-commands.js')).runSchema(run),
  report: async (run) => (await import('./plan-commands.js')).runReport(run),
  ics: async (run) => (await import('./plan-commands.js')).runIcs(run),
  sync: async (run) => (await import('./sync-command.js')).runSync(run),
  test: async (run) => (await import('./policy-commands.js')).runTest(run),
};
