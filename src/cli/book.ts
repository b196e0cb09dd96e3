/**
 * Loads a book (policy, contacts, touches, owners, snoozes) for the commands that evaluate one,
 * and maps the engine's record errors back to the file and line each record came from.
 */
import type { Readable } from 'node:stream';
import type { FromCsvOptions } from '../adapters/csv/index.js';
import type { Contact, Owner, RecordError, Snooze, Touch } from '../core/types.js';
import { formatPath } from '../errors/errors.js';
import { type Policy, safeParsePolicy } from '../schema/policy.js';
import { type CliRecordError, DOCS, UsageError } from './errors.js';
import {
  type InputPaths,
  type OnProgress,
  RECORD_KINDS,
  type RecordInput,
  type RecordKind,
  readPolicy,
  readRecords,
  resolveInputs,
} from './inputs.js';

export interface Book {
  policy: Policy;
  contacts: Contact[];
  touches: Touch[];
  owners: Owner[];
  snoozes: Snooze[];
  /** Where each input came from. */
  files: InputPaths;
  /** Problems the readers found (bad NDJSON lines, CSV cells). */
  errors: CliRecordError[];
  /** Per kind, what was read: for mapping errors to lines. */
  inputs: Partial<Record<RecordKind, RecordInput>>;
}

/**
 * Reads and validates a policy; a bad one stops the run with every issue and its path.
 *
 * @example
 * const policy = await loadPolicy('examples/data/policy.json', process.stdin);
 */
export async function loadPolicy(path: string, stdin: Readable): Promise<Policy> {
  const result = safeParsePolicy(await readPolicy(path, stdin));
  if (result.success) return result.data;
  throw new UsageError(
    `${path === '-' ? 'stdin' : path} is not a valid policy (${result.issues.length} issue${result.issues.length === 1 ? '' : 's'}); fix each field below (${DOCS}/policy.md):`,
    result.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
  );
}

/**
 * The inputs a folder and the flags name (`resolveInputs`), checked for what every book needs: a
 * policy, and at most one input from stdin.
 *
 * @example
 * const files = bookFiles('examples/data', {});
 */
export function bookFiles(folder: string | undefined, flags: InputPaths): InputPaths {
  const files = resolveInputs(folder, flags);
  const fromStdin = Object.entries(files).filter(([, path]) => path === '-');
  if (fromStdin.length > 1)
    throw new UsageError(`only one input can be stdin (-); got ${fromStdin.map(([kind]) => `--${kind}`).join(' and ')}`);
  if (files.policy === undefined) throw new UsageError('no policy: pass a folder holding policy.json, or --policy <file>');
  return files;
}

/**
 * The whole book: the policy and every record, read into memory.
 *
 * @example
 * const book = await loadBook(bookFiles('examples/data', {}), process.stdin, () => () => {}, 'evaluate');
 */
export async function loadBook(
  files: InputPaths,
  stdin: Readable,
  onProgress: (kind: RecordKind) => OnProgress,
  command: string,
  csv: FromCsvOptions = {},
): Promise<Book> {
  if (files.contacts === undefined && files.records !== undefined) {
    throw new UsageError(
      `${files.records} holds streamed records, which only evaluate and explain read; ${command} needs the whole book: pass --contacts <file> and --touches <file>`,
    );
  }
  if (files.contacts === undefined)
    throw new UsageError('no contacts: pass a folder holding contacts.json (or .ndjson, .csv), or --contacts <file>');
  return readInputs(files, RECORD_KINDS, stdin, onProgress, csv);
}

/** A book whose contacts and touches are streamed: the policy, owners and snoozes, read whole (they are small). */
export type StreamedBook = Omit<Book, 'contacts' | 'touches'>;

/**
 * The parts of a streamed book read before the records: the policy, the owners and the snoozes.
 *
 * @example
 * const book = await loadStreamedBook(files, process.stdin, () => () => {});
 */
export async function loadStreamedBook(
  files: InputPaths,
  stdin: Readable,
  onProgress: (kind: RecordKind) => OnProgress,
  csv: FromCsvOptions = {},
): Promise<StreamedBook> {
  return readInputs(files, ['owners', 'snoozes'], stdin, onProgress, csv);
}

async function readInputs(
  files: InputPaths,
  kinds: readonly RecordKind[],
  stdin: Readable,
  onProgress: (kind: RecordKind) => OnProgress,
  csv: FromCsvOptions,
): Promise<Book> {
  const policy = await loadPolicy(files.policy!, stdin);
  const errors: CliRecordError[] = [];
  const inputs: Partial<Record<RecordKind, RecordInput>> = {};
  for (const kind of kinds) {
    const path = files[kind];
    if (path !== undefined) inputs[kind] = await readRecords(path, kind, stdin, errors, onProgress(kind), csv);
  }
  return {
    policy,
    contacts: (inputs.contacts?.records ?? []) as Contact[],
    touches: (inputs.touches?.records ?? []) as Touch[],
    owners: (inputs.owners?.records ?? []) as Owner[],
    snoozes: (inputs.snoozes?.records ?? []) as Snooze[],
    files,
    errors,
    inputs,
  };
}

const KIND_OF: Record<RecordError['record'], RecordKind> = { contact: 'contacts', touch: 'touches', owner: 'owners', snooze: 'snoozes' };

/**
 * An engine record error with the file and line of its record.
 *
 * @example
 * const errors = result.errors.map((error) => locate(error, book));
 */
export function locate(error: RecordError, book: Pick<Book, 'inputs'>): CliRecordError {
  const input = book.inputs[KIND_OF[error.record]];
  const line = input?.lines?.[error.index];
  const index = input?.indexes?.[error.index];
  return {
    ...error,
    ...(index !== undefined ? { index } : {}),
    ...(input ? { file: input.file } : {}),
    ...(line !== undefined ? { line } : {}),
  };
}
