/**
 * The `calling-cycle` command line: reads a book, runs the engine, writes the result. This is the
 * edge, so it may read the clock (`--now` defaults to the current time, and the instant used is
 * written with the result so a run can be replayed).
 *
 * This file parses the command line and hands the run to its command; the commands live beside it
 * by group (evaluate-commands.ts, plan-commands.ts, policy-commands.ts, sync-command.ts), with
 * what they share in run-context.ts.
 */
import { createWriteStream, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { isCallingCycleError } from '../errors/errors.js';
import { EXIT, type ExitCode, UsageError } from './errors.js';
import { runEvaluate } from './evaluate-commands.js';
import { type Command, outputFormat, parseCommandLine, USAGE } from './options.js';
import { Sink } from './outputs.js';
import { runIcs, runPlan, runReport } from './plan-commands.js';
import { runOccurrences, runSchema, runTest, runValidate } from './policy-commands.js';
import { type CliIo, openForWriting, Progress, type Run } from './run-context.js';
import { runSync } from './sync-command.js';

export type { CliIo } from './run-context.js';

/**
 * Runs one command line and returns its exit code: 0 ok, 1 some records had errors (results
 * still written), 2 usage, input or policy error, 70 the tool itself failed.
 *
 * @example
 * const code = await runCli(['evaluate', 'examples/data', '--now', '2026-11-23T08:00:00Z'], {
 *   stdin: process.stdin, stdout: process.stdout, stderr: process.stderr,
 *   stdoutIsTTY: false, stderrIsTTY: false, clock: () => new Date(), version: '1.0.0',
 * });
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const opened: OpenedOutput = {};
  const code = await attempt(argv, io, opened);
  if (opened.stream !== undefined) await new Promise<void>((resolve) => opened.stream!.end(resolve));
  // Nothing was processed: leave no half-written --out file for a script to mistake for a result.
  if (opened.file !== undefined && (code === EXIT.usage || code === EXIT.internal)) rmSync(opened.file, { force: true });
  return code;
}

/** The --out file a run opened, for runCli to close (and remove when nothing was processed). */
interface OpenedOutput {
  stream?: Writable;
  file?: string;
}

async function attempt(argv: readonly string[], io: CliIo, opened: OpenedOutput): Promise<ExitCode> {
  try {
    const args = parseCommandLine(argv);
    if (args.values.version) {
      io.stdout.write(`${io.version}\n`);
      return EXIT.ok;
    }
    if (args.command === 'help' || args.values.help) {
      io.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    const format = outputFormat(args.values.format, args.values.out === undefined && io.stdoutIsTTY);
    if (args.values.out !== undefined) {
      opened.stream = createWriteStream('', { fd: openForWriting(args.values.out, '--out') });
      opened.file = args.values.out;
    }
    const run: Run = { io, args, format, sink: new Sink(opened.stream ?? io.stdout), progress: new Progress(io) };
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
  validate: runValidate,
  evaluate: (run) => runEvaluate(run, 'evaluate'),
  explain: (run) => runEvaluate(run, 'explain'),
  plan: runPlan,
  occurrences: runOccurrences,
  schema: runSchema,
  report: runReport,
  ics: runIcs,
  sync: runSync,
  test: runTest,
};
