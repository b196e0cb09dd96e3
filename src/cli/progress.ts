/**
 * What a run talks to (its streams and clock) and its progress line: the part of the run context
 * that the command line's start-up needs, kept apart from the book readers so that `--help` and
 * `--version` load nothing else (run.ts loads each command's module only when it runs).
 */
import type { Readable, Writable } from 'node:stream';

/** What the command line talks to; tests and embedders pass their own. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The current time: the default `--now`. */
  clock: () => Date;
  /** The package version, printed by --version and in JSON output. */
  version: string;
}

/**
 * Progress on stderr, only when it is a terminal: CI logs and pipes stay quiet.
 *
 * @example
 * run.progress.step('planning'); // drawn over the previous progress line on a terminal; nothing in a pipe
 */
export class Progress {
  private shown = false;
  constructor(private readonly io: CliIo) {}

  step(message: string): void {
    if (!this.io.stderrIsTTY) return;
    this.io.stderr.write(`\r\x1b[K${message}`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.io.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
