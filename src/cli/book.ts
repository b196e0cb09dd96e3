/**
 * Loads a book (policy, contacts, touches, owners, snoozes) for the commands that evaluate one,
 * and maps the engine's record errors back to the file and line each record came from.
 */
import type { Readable } from 'node:stream';
import type { Contact, Owner, RecordError, Snooze, Touch } from '../core/types.js';
import { formatPath } from '../errors/errors.js';
import { type Policy, safeParsePolicy } from '../schema/policy.js';
import { type CliRecordError, UsageError } from './errors.js';
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
    `${path === '-' ? 'stdin' : path} is not a valid policy (${result.issues.length} issue${result.issues.length === 1 ? '' : 's'}); fix each field below (docs/policy.md):`,
    result.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
  );
}

/**
 * The whole book, from a folder and/or explicit files. At most one input may be stdin.
 *
 * @example
 * const book = await loadBook('examples/data', {}, process.stdin);
 */
export async function loadBook(
  folder: string | undefined,
  flags: InputPaths,
  stdin: Readable,
  onProgress: (kind: RecordKind) => OnProgress,
): Promise<Book> {
  const files = resolveInputs(folder, flags);
  const fromStdin = Object.entries(files).filter(([, path]) => path === '-');
  if (fromStdin.length > 1)
    throw new UsageError(`only one input can be stdin (-); got ${fromStdin.map(([kind]) => `--${kind}`).join(' and ')}`);
  if (files.policy === undefined) throw new UsageError('no policy: pass a folder holding policy.json, or --policy <file>');
  if (files.contacts === undefined)
    throw new UsageError('no contacts: pass a folder holding contacts.json (or .ndjson, .csv), or --contacts <file>');
  const policy = await loadPolicy(files.policy, stdin);
  const errors: CliRecordError[] = [];
  const inputs: Partial<Record<RecordKind, RecordInput>> = {};
  for (const kind of RECORD_KINDS) {
    const path = files[kind];
    if (path !== undefined) inputs[kind] = await readRecords(path, kind, stdin, errors, onProgress(kind));
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
  return {
    ...error,
    ...(input ? { file: input.file } : {}),
    ...(line !== undefined ? { line } : {}),
  };
}
