/**
 * The `calling-cycle` command: `npx calling-cycle evaluate examples/data`. docs/cli.md has every
 * command, flag and exit code.
 */
import { readFileSync } from 'node:fs';
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

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  clock: () => new Date(),
  version: packageVersion(),
});
