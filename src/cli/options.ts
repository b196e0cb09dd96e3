/**
 * The flags, read with node:util's parseArgs, and which command takes which. A flag a command does
 * not use is a usage error rather than silently ignored.
 */
import { parseArgs } from 'node:util';
import { MAX_FLEX_DAYS, MAX_PLAN_DAYS } from '../plan/limits.js';
import { DOCS, UsageError } from './errors.js';
import { OUTPUT_FORMATS, type OutputFormat } from './outputs.js';

export const COMMANDS = [
  'validate',
  'evaluate',
  'explain',
  'plan',
  'occurrences',
  'ics',
  'schema',
  'report',
  'sync',
  'test',
  'help',
] as const;
export type Command = (typeof COMMANDS)[number];

const OPTIONS = {
  policy: { type: 'string' },
  contacts: { type: 'string' },
  touches: { type: 'string' },
  owners: { type: 'string' },
  snoozes: { type: 'string' },
  records: { type: 'string' },
  'chunk-size': { type: 'string' },
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  now: { type: 'string' },
  owner: { type: 'string' },
  contact: { type: 'string' },
  status: { type: 'string' },
  days: { type: 'string' },
  from: { type: 'string' },
  'flex-days': { type: 'string' },
  html: { type: 'string' },
  dtstart: { type: 'string' },
  'time-zone': { type: 'string' },
  count: { type: 'string' },
  after: { type: 'string' },
  before: { type: 'string' },
  // The CSV reader's options (csv-flags.ts).
  mapping: { type: 'string' },
  column: { type: 'string', multiple: true },
  'local-time-zone': { type: 'string' },
  channel: { type: 'string', multiple: true },
  outcome: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export type OptionName = keyof typeof OPTIONS;
export type Values = {
  [K in OptionName]?: (typeof OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof OPTIONS)[K]['type'] extends 'boolean'
      ? boolean
      : string;
};

/** How CSV inputs are read: docs/cli.md, "Reading CSV exports". */
export const CSV_INPUT = ['mapping', 'column', 'local-time-zone', 'channel', 'outcome'] as const;
const BOOK = ['policy', 'contacts', 'touches', 'owners', 'snoozes', 'now', ...CSV_INPUT] as const;
const FILTERS = ['owner', 'contact', 'status'] as const;
/** Streamed records, read by the commands that write items as they are evaluated. */
const STREAM = ['records', 'chunk-size'] as const;

/** Flags each command takes, beside --format, --out, --help. */
const COMMAND_OPTIONS: Record<Command, readonly OptionName[]> = {
  validate: ['policy'],
  evaluate: [...BOOK, ...STREAM, ...FILTERS],
  explain: [...BOOK, ...STREAM, ...FILTERS],
  plan: [...BOOK, 'owner', 'days', 'from', 'flex-days'],
  occurrences: ['dtstart', 'time-zone', 'count', 'after', 'before'],
  ics: [...BOOK, 'owner', 'days', 'from', 'flex-days'],
  schema: [],
  report: [...BOOK, 'owner', 'days', 'from', 'flex-days', 'html'],
  sync: ['from', 'policy'],
  test: [],
  help: [],
};

/** What each flag takes, for `calling-cycle <command> --help`. */
const FLAG_HELP: Record<OptionName, string> = {
  policy: '--policy <file|->        the policy (JSON)',
  contacts: '--contacts <file|->      contacts: JSON array, NDJSON or CSV',
  touches: '--touches <file|->       touches: JSON array, NDJSON or CSV',
  owners: '--owners <file|->        owners: JSON array, NDJSON or CSV',
  snoozes: '--snoozes <file|->       snoozes: JSON array or NDJSON',
  records: '--records <file|->       streamed records, one {"contact":{…},"touches":[…]} a line',
  'chunk-size': `--chunk-size <n>         streamed records evaluated at a time (default 10000)`,
  format: '--format table|json|ndjson|csv   default: table on a terminal, json otherwise',
  out: '--out <file>             write there instead of stdout (replaced only when the run succeeds)',
  now: '--now <instant>          evaluate at this instant (default: now; printed for replay)',
  owner: '--owner <id>             only this rep',
  contact: '--contact <id>           only this contact',
  status: '--status overdue,due     only these statuses',
  days: `--days <n>               days planned, 1 to ${MAX_PLAN_DAYS} (default 7)`,
  from: '--from <YYYY-MM-DD>      first day planned (default: today in the policy zone)',
  'flex-days': `--flex-days <n>          days a call may come before its due date, 0 to ${MAX_FLEX_DAYS}`,
  html: '--html <file>            where the report goes',
  dtstart: '--dtstart <local date-time>  the first occurrence',
  'time-zone': '--time-zone <IANA zone>  default UTC',
  count: '--count <n>              at most this many occurrences',
  after: '--after <instant>        only occurrences after this',
  before: '--before <instant>       only occurrences before this',
  mapping: '--mapping <file.json>    CSV input: column names to fields (see Docs below)',
  column: '--column <csv>.<field>=<column>  CSV input: one column mapping (repeatable)',
  'local-time-zone': '--local-time-zone <IANA zone>  CSV input: the zone of instants written without offset',
  channel: '--channel <word=channel>  CSV input: a channel word (repeatable)',
  outcome: '--outcome <word=outcome>  CSV input: an outcome word (repeatable)',
  help: '-h, --help               this text',
  version: '-v, --version            the version',
};

/** One line per command: how it is called and what it does (the first line of its help). */
const COMMAND_LINES: Record<Command, string> = {
  validate: 'validate [policy.json|folder|-]   check a policy; every issue with its path (exit 2 when invalid)',
  evaluate: 'evaluate [folder]                 each contact and cycle: status, due date, days overdue',
  explain: 'explain [folder]                  the same, each as one sentence',
  plan: "plan [folder]                     each rep's call list per day within capacity",
  occurrences: 'occurrences <RRULE>               occurrences of an RFC 5545 rule (--dtstart, --time-zone, --count)',
  ics: 'ics [folder]                      the plan as an iCalendar file',
  schema: 'schema [name]                     print a JSON Schema (policy, contact, touch, owner, snooze, scenario)',
  report: 'report [folder] --html out.html   a self-contained HTML report for managers',
  sync: 'sync --from <crm> <records.json>  dry run of a CRM adapter (hubspot, salesforce, pipedrive)',
  test: 'test <dir or files>               run scenario files (a missing path is a usage error)',
  help: 'help                              this text',
};

/**
 * The help of one command (`calling-cycle plan --help`): how it is called and the flags it takes;
 * the whole usage for `help`.
 *
 * @example
 * usageOf('plan'); // 'Usage: calling-cycle plan [folder] …\n\nFlags\n  --policy <file|-> …'
 */
export function usageOf(command: Command): string {
  if (command === 'help') return USAGE;
  const sync = command === 'sync' ? ['  --from hubspot|salesforce|pipedrive   the CRM the records come from'] : [];
  const flags = [...COMMAND_OPTIONS[command], 'format', 'out', 'help'] as OptionName[];
  const lines = flags.filter((name) => !(command === 'sync' && name === 'from')).map((name) => `  ${FLAG_HELP[name]}`);
  const [synopsis, what] = COMMAND_LINES[command].split(/ {2,}/);
  return `Usage: calling-cycle ${synopsis}\n${what}\n\nFlags\n${[...sync, ...lines].join('\n')}\n\n${EXIT_CODES}\nDocs: ${DOCS}/cli.md`;
}

const EXIT_CODES = `Exit codes: 0 ok; 1 some records had errors (results still written); 2 usage, input or policy error;
65 records had errors and none was usable (no result; --out left as it was); 70 internal error (please report it).`;

/** The parsed command line. */
export interface ParsedArgs {
  command: Command;
  positionals: string[];
  values: Values;
}

/**
 * Parses argv (without `node` and the script): the command, its positionals and flags.
 *
 * @example
 * parseCommandLine(['evaluate', 'examples/data', '--format', 'json']);
 * // { command: 'evaluate', positionals: ['examples/data'], values: { format: 'json' } }
 */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true }) as {
      values: Values;
      positionals: string[];
    };
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; run calling-cycle --help for the flags`);
  }
  const [first, ...positionals] = parsed.positionals;
  if (first === undefined) return { command: 'help', positionals: [], values: parsed.values };
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new UsageError(`unknown command "${first}": use one of ${COMMANDS.join(', ')}`);
  }
  const command = first as Command;
  const allowed = new Set<OptionName>([...COMMAND_OPTIONS[command], 'format', 'out', 'help', 'version']);
  for (const name of Object.keys(parsed.values) as OptionName[]) {
    if (!allowed.has(name)) throw new UsageError(`--${name} does not apply to ${command}; run calling-cycle ${command} --help`);
  }
  return { command, positionals, values: parsed.values };
}

/**
 * The output format: `--format`, else a table on a terminal and JSON otherwise.
 *
 * @example
 * outputFormat(undefined, false); // 'json'
 */
export function outputFormat(flag: string | undefined, stdoutIsTTY: boolean): OutputFormat {
  if (flag === undefined) return stdoutIsTTY ? 'table' : 'json';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(flag))
    throw new UsageError(`--format ${flag}: use one of ${OUTPUT_FORMATS.join(', ')}`);
  return flag as OutputFormat;
}

/**
 * A whole number flag within bounds.
 *
 * @example
 * wholeNumber('days', '7', 1, 366, 7); // 7
 */
export function wholeNumber(name: string, value: string | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max)
    throw new UsageError(`--${name} ${value}: give a whole number from ${min} to ${max}`);
  return number;
}

export const USAGE = `calling-cycle: who to call today, and why.

Usage: calling-cycle <command> [folder] [flags]

Commands
  validate [policy.json|folder|-]   check a policy; every issue with its path (exit 2 when invalid)
  evaluate [folder]                 each contact and cycle: status, due date, days overdue
  explain [folder]                  the same, each as one sentence
  plan [folder]                     each rep's call list per day within capacity
  occurrences <RRULE>               occurrences of an RFC 5545 rule (--dtstart, --time-zone, --count)
  ics [folder]                      the plan as an iCalendar file
  schema [name]                     print a JSON Schema (policy, contact, touch, owner, snooze, scenario)
  report [folder] --html out.html   a self-contained HTML report for managers
  sync --from <crm> <records.json>  dry run of a CRM adapter (hubspot, salesforce, pipedrive)
  test <dir>                        run scenario files

Inputs: a folder with policy.json, contacts.(json|ndjson|csv), touches.*, owners.*, snoozes.*,
or --policy --contacts --touches --owners --snoozes <file>, or - for stdin.
Streamed (evaluate, explain): records.ndjson in the folder, or --records <file|->, one
{"contact":{…},"touches":[…]} a line, evaluated --chunk-size contacts at a time (default 10000)
in bounded memory; json, ndjson or csv output.

Flags
  --format table|json|ndjson|csv    default: table on a terminal, json otherwise
  --out <file>                      write there instead of stdout
  --now <instant>                   evaluate at this instant (default: now; printed for replay)
  --owner <id> --contact <id> --status overdue,due
  CSV inputs: --mapping <file.json>  --column contacts.id="Contact ID"  --local-time-zone <zone>
              --channel Phone=call  --outcome "Left voicemail=voicemail"  (each may repeat)
  --from <YYYY-MM-DD> --days <n> --flex-days <n>   plan horizon (default: each rep's today, 7 days)
  -h, --help   -v, --version

Run calling-cycle <command> --help for the flags of one command.

${EXIT_CODES}
Docs: ${DOCS}/cli.md`;
