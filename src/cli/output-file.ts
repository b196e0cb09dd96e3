/**
 * Files the command line writes (`--out`, `--html`), written so that a failed run never costs the
 * file that was there: the output goes to a temporary file beside the target, and only a run that
 * succeeded renames it over the target (a rename within one folder is atomic, so a reader sees the
 * old file or the new one, never half of one). On a usage, policy or I/O error, or when nothing
 * was usable, the temporary file is removed and the target is left as it was; so it is on
 * SIGINT, SIGTERM and SIGHUP (main.ts removes the pending files before exiting). A run killed
 * outright (SIGKILL, power loss) leaves the target untouched and may leave the temporary file
 * (`.<name>.<pid>-<random>.tmp`) beside it.
 *
 * An output that is not a regular file (`/dev/stdout`, a named pipe) cannot be replaced by a
 * rename: it is written directly, as before.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, createWriteStream, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { UsageError } from './errors.js';

/** Temporary files of outputs not yet renamed into place: removed if the process is stopped by a signal. */
const pending = new Set<string>();

/**
 * Removes the temporary files of outputs that were not finished (for a signal handler: synchronous).
 *
 * @example
 * process.once('SIGTERM', () => { removePendingOutputs(); process.exit(143); });
 */
export function removePendingOutputs(): void {
  for (const path of pending) rmSync(path, { force: true });
  pending.clear();
}

/** The real path of a file that exists, else undefined. */
function realPathOf(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Stops with a usage error when the output names one of the inputs (by real path, so a symbolic
 * link or `./` does not hide it): writing it would replace the data the run reads.
 *
 * @example
 * refuseInputAsOutput('book/contacts.json', '--out', ['book/contacts.json']); // throws a UsageError
 */
export function refuseInputAsOutput(target: string, flag: string, inputs: readonly string[]): void {
  const real = realPathOf(target);
  if (real === undefined) return;
  for (const input of inputs) {
    if (input === '-') continue;
    if (realPathOf(input) === real) throw new UsageError(`${flag} ${target} is also an input (${input}): write the result to another file`);
  }
}

/**
 * One output file: written through `stream`, then `commit` (the target becomes the new file) or
 * `discard` (the target stays as it was).
 *
 * @example
 * const file = OutputFile.open('due.json', '--out', ['book/contacts.json']);
 * file.stream.write('{}\n');
 * await file.commit();
 */
export class OutputFile {
  private done = false;
  /** The first write error (a full disk …): the file is then discarded, never committed. */
  failure: NodeJS.ErrnoException | undefined;

  private constructor(
    /** What the writes go to. */
    readonly stream: Writable,
    /** The target the flag named. */
    readonly target: string,
    private readonly temporary: string | undefined,
    private readonly fd: number,
  ) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.failure ??= error;
    });
  }

  /**
   * Opens a temporary file beside `target` (or the target itself when it is not a regular file),
   * after checking that it is none of `inputs`. A folder that cannot be written is a usage error
   * naming the flag.
   */
  static open(target: string, flag: string, inputs: readonly string[]): OutputFile {
    refuseInputAsOutput(target, flag, inputs);
    const cannot = (error: unknown) =>
      new UsageError(
        `${flag} ${target}: cannot write there (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the folder exists`,
      );
    // A symbolic link keeps pointing where it did: the file it names is the one replaced.
    const real = realPathOf(target);
    const existing = real === undefined ? undefined : statSync(real);
    if (existing?.isDirectory()) throw new UsageError(`${flag} ${target} is a folder: name a file`);
    if (existing !== undefined && !existing.isFile()) {
      try {
        const fd = openSync(real!, 'w');
        return new OutputFile(createWriteStream('', { fd, autoClose: false }), target, undefined, fd);
      } catch (error) {
        throw cannot(error);
      }
    }
    const place = real ?? target;
    const temporary = join(dirname(place), `.${basename(place)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    let fd: number;
    try {
      fd = openSync(temporary, 'wx', 0o666);
    } catch (error) {
      throw cannot(error);
    }
    pending.add(temporary);
    // The new file keeps the old one's permissions (a list others may read stays readable).
    if (existing !== undefined) chmodSync(temporary, existing.mode & 0o7777);
    return new OutputFile(createWriteStream('', { fd, autoClose: false }), target, temporary, fd);
  }

  private async close(): Promise<void> {
    if (this.stream.writableEnded || this.stream.destroyed) return;
    await new Promise<void>((resolve) => {
      this.stream.once('error', () => resolve());
      this.stream.end(() => resolve());
    });
  }

  /** Flushes and closes the file, then puts it in place of the target. */
  async commit(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.close();
    try {
      if (this.failure !== undefined) throw this.failure;
      if (this.temporary !== undefined) fsyncSync(this.fd);
      closeSync(this.fd);
      if (this.temporary !== undefined) {
        renameSync(this.temporary, realPathOf(this.target) ?? this.target);
        pending.delete(this.temporary);
      }
    } catch (error) {
      this.removeTemporary();
      throw new UsageError(
        `${this.target}: the result could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the file was left as it was`,
      );
    }
  }

  /** Closes and removes the temporary file: the target stays as it was. */
  async discard(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.close();
    try {
      closeSync(this.fd);
    } catch {
      // already closed by a failed write: nothing more to release
    }
    this.removeTemporary();
  }

  private removeTemporary(): void {
    if (this.temporary === undefined) return;
    rmSync(this.temporary, { force: true });
    pending.delete(this.temporary);
  }
}
