/**
 * The `calling-cycle` command: `npx calling-cycle evaluate examples/data`. docs/cli.md has every
 * command, flag and exit code.
 */
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { removePendingOutputs } from './output-file.js';
import { runCli } from './run.js';

/** The package version, from the package.json next to the built file (or the source tree). */
function packageVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'calling-cycle' && manifest.version) return manifest.version;
    } catch {
      // not there: try the next place
    }
  }
  return 'unknown';
}

// A reader that stops early (`calling-cycle evaluate … | head`) closes the pipe: stop quietly, as
// other command-line tools do, rather than with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// Stopped by a signal: remove the unfinished output so only the file that was there remains, and
// exit as the signal would have (128 + its number), which shells and supervisors recognise.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    removePendingOutputs();
    process.exit(128 + constants.signals[signal]);
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  clock: () => new Date(),
  version: packageVersion(),
});
