/**
 * What the command line reports: a usage or input problem that stops the run (exit 2), and the
 * per-record problems that do not (exit 1, results still written).
 */

/**
 * Exit codes: 0 ok; 1 some records had errors (results still written); 2 usage, input or policy
 * error; 65 (sysexits' EX_DATAERR) records had errors and none was usable, so there is no result
 * (an `--out` file is left as it was); 70 (sysexits' EX_SOFTWARE) the tool itself failed, which
 * is a bug to report.
 */
/**
 * Where the docs the command line names are: the repository, since the package does not ship
 * docs/ (docs/package.md), so a path like `docs/cli.md` would name nothing an installed user has.
 */
export const DOCS = 'https://github.com/calling-cycle/calling-cycle/blob/main/docs';

export const EXIT = { ok: 0, recordErrors: 1, usage: 2, nothingUsable: 65, internal: 70 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * A problem that stops the run before any result: a bad flag, a missing file, a bad policy.
 * `message` says what to fix.
 *
 * @example
 * throw new UsageError('no policy: pass a folder holding policy.json, or --policy <file>');
 */
export class UsageError extends Error {
  override name = 'UsageError';
  /** Extra lines shown under the message (each issue of a bad policy …). */
  readonly details: readonly string[];
  constructor(message: string, details: readonly string[] = []) {
    super(message);
    this.details = details;
  }
}

/**
 * One record the run could not use, whoever found it: the reader (a bad NDJSON line, a CSV cell),
 * an adapter, `evaluate` or `plan`. Plain JSON, written under `errors` or on stderr.
 */
export interface CliRecordError {
  /** `contact`, `touch`, `owner`, `snooze`, `item`, or the collection an adapter read. */
  record: string;
  /** Position in the input list (0-based). */
  index: number;
  /** The file it came from, when known (`-` for stdin). */
  file?: string;
  /** 1-based line in that file, for NDJSON and CSV. */
  line?: number;
  contactId?: string;
  ownerId?: string;
  code: string;
  path: (string | number)[];
  message: string;
}

/**
 * One error as a line a person reads.
 *
 * @example
 * formatRecordError({ record: 'contact', index: 3, file: 'contacts.ndjson', line: 4, code: 'unknown-zone', path: ['timeZone'], message: 'unknown IANA time zone "Mars/Base"' });
 * // 'contacts.ndjson line 4: contact #3: timeZone: unknown IANA time zone "Mars/Base" (unknown-zone)'
 */
export function formatRecordError(error: CliRecordError): string {
  const where = error.file !== undefined ? `${error.file}${error.line !== undefined ? ` line ${error.line}` : ''}: ` : '';
  const who = error.contactId ?? error.ownerId;
  const field = error.path.length > 0 ? `${error.path.join('.')}: ` : '';
  return `${where}${error.record} #${error.index}${who !== undefined ? ` (${who})` : ''}: ${field}${error.message} (${error.code})`;
}
