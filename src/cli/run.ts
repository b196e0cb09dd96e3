/**
 * The `calling-cycle` command line: reads a book, runs the engine, writes the result. This is the
 * edge, so it may read the clock (`--now` defaults to the current time, and the instant used is
 * written with the result so a run can be replayed).
 */
import { closeSync, createWriteStream, openSync, rmSync, writeSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { callListToCsv, itemsToCsv } from '../adapters/csv/index.js';
import { fromHubSpot } from '../adapters/hubspot/index.js';
import { fromPipedrive } from '../adapters/pipedrive/index.js';
import { fromSalesforce } from '../adapters/salesforce/index.js';
import type { AdapterResult } from '../adapters/shared/index.js';
import { toICalendar } from '../ical/index.js';
import { formatScenarioResults } from '../testing/scenarios.js';
import { runScenarioFiles } from '../testing/scenarios-node.js';
import { formatDate, MS_PER_DAY } from '../core/dates.js';
import { evaluate } from '../core/evaluate.js';
import { explain } from '../core/explain.js';
import { formatInstant, parseInstant } from '../core/instant.js';
import { occurrences } from '../core/occurrences.js';
import type { DueItem, EvaluateResult, Status } from '../core/types.js';
import { zoneClock } from '../core/zones.js';
import { formatPath, isCallingCycleError } from '../errors/errors.js';
import { callList, type Plan, plan } from '../plan/plan.js';
import { buildReport } from '../report/index.js';
import { type Policy, safeParsePolicy } from '../schema/policy.js';
import { isJsonSchemaName, JSON_SCHEMA_NAMES, jsonSchemaFor } from '../schema-json/index.js';
import { type Book, loadBook, loadPolicy, locate } from './book.js';
import { type CliRecordError, EXIT, type ExitCode, formatRecordError, UsageError } from './errors.js';
import { readPolicy, readText } from './inputs.js';
import { type Command, outputFormat, type ParsedArgs, parseCommandLine, USAGE, wholeNumber } from './options.js';
import { type Column, type OutputFormat, Sink, slices, writeJsonDocument, writeNdjson, writeTable } from './outputs.js';

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

const STATUSES: readonly Status[] = ['upcoming', 'soon', 'due', 'overdue', 'paused', 'excluded', 'ended'];

/** Per-run context shared by the commands. */
interface Run {
  readonly io: CliIo;
  readonly args: ParsedArgs;
  readonly format: OutputFormat;
  readonly sink: Sink;
  readonly progress: Progress;
}

/** Progress on stderr, only when it is a terminal: CI logs and pipes stay quiet. */
class Progress {
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

/** Opens a file for writing, or stops with a usage error saying which flag named it. */
function openForWriting(path: string, flag: string): number {
  try {
    return openSync(path, 'w');
  } catch (error) {
    throw new UsageError(
      `${flag} ${path}: cannot write there (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the folder exists`,
    );
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

function nowOf(run: Run): string {
  const flag = run.args.values.now;
  if (flag === undefined) return run.io.clock().toISOString();
  const ms = parseInstant(flag);
  if (ms === undefined) throw new UsageError(`--now ${flag}: give an ISO 8601 instant with an offset or Z, e.g. 2026-11-23T08:00:00Z`);
  return formatInstant(ms);
}

function folderOf(run: Run, max = 1): string | undefined {
  if (run.args.positionals.length > max)
    throw new UsageError(`${run.args.command} takes at most ${max} folder; got ${run.args.positionals.join(' ')}`);
  return run.args.positionals[0];
}

async function readBook(run: Run): Promise<Book> {
  const { values } = run.args;
  return loadBook(
    folderOf(run),
    { policy: values.policy, contacts: values.contacts, touches: values.touches, owners: values.owners, snoozes: values.snoozes },
    run.io.stdin,
    (kind) => (read) => run.progress.step(`reading ${kind}: ${read.toLocaleString('en')}`),
  );
}

/** Record errors written to stderr at most; the JSON output always holds them all. */
const STDERR_ERROR_LINES = 50;

/** Writes record errors: on stderr (text), and returns the exit code they mean. */
function reportErrors(run: Run, errors: readonly CliRecordError[], inDocument: boolean): ExitCode {
  if (errors.length === 0) return EXIT.ok;
  run.progress.done();
  if (inDocument) {
    run.io.stderr.write(`calling-cycle: ${errors.length} record${errors.length === 1 ? '' : 's'} had errors; see "errors" in the output\n`);
  } else {
    // A whole file of bad records would bury the terminal: the first ones say what is wrong.
    for (const error of errors.slice(0, STDERR_ERROR_LINES)) run.io.stderr.write(`${formatRecordError(error)}\n`);
    if (errors.length > STDERR_ERROR_LINES) {
      run.io.stderr.write(`… and ${errors.length - STDERR_ERROR_LINES} more; --format json lists every one under "errors"\n`);
    }
    run.io.stderr.write(`calling-cycle: ${errors.length} record${errors.length === 1 ? '' : 's'} had errors; the others were processed\n`);
  }
  return EXIT.recordErrors;
}

function noteSkipped(run: Run, book: Book): void {
  for (const input of Object.values(book.inputs)) {
    if (input?.skipped && input.skipped.length > 0) {
      const reasons = [...new Set(input.skipped.map((row) => row.reason))].join(', ');
      run.io.stderr.write(`calling-cycle: ${input.file}: ${input.skipped.length} row(s) skipped on purpose (${reasons})\n`);
    }
  }
}

function header(run: Run, now: string): Record<string, unknown> {
  return { 'calling-cycle': run.io.version, command: run.args.command, now };
}

async function runValidate(run: Run): Promise<ExitCode> {
  const [target, ...rest] = run.args.positionals;
  if (rest.length > 0) throw new UsageError(`validate takes one policy; got ${run.args.positionals.join(' ')}`);
  let path = run.args.values.policy ?? target;
  if (path === undefined) throw new UsageError('validate needs a policy: calling-cycle validate policy.json (or a folder, or - for stdin)');
  if (path !== '-' && !path.endsWith('.json')) {
    const { existsSync, statSync } = await import('node:fs');
    if (existsSync(path) && statSync(path).isDirectory()) path = `${path.replace(/\/$/, '')}/policy.json`;
  }
  const result = safeParsePolicy(await readPolicy(path, run.io.stdin));
  const issues = result.success ? [] : result.issues.map((issue) => ({ ...issue, at: formatPath(issue.path) }));
  const name = path === '-' ? 'stdin' : path;
  if (run.format === 'json') {
    await run.sink.write(
      `${JSON.stringify({ 'calling-cycle': run.io.version, command: 'validate', policy: name, valid: result.success, issues }, null, 2)}\n`,
    );
  } else if (run.format === 'ndjson') {
    for (const issue of issues) await run.sink.write(`${JSON.stringify(issue)}\n`);
  } else if (run.format === 'csv') {
    await run.sink.write(itemsToCsvLike(['at', 'code', 'message'], issues));
  } else if (result.success) {
    const cycles = result.data.tiers.reduce((sum, tier) => sum + tier.cycles.length, 0);
    await run.sink.write(`${name}: valid policy (${result.data.tiers.length} tiers, ${cycles} cycles)\n`);
  } else {
    await run.sink.write(`${name}: ${issues.length} issue${issues.length === 1 ? '' : 's'}; fix each field (docs/policy.md):\n`);
    for (const issue of issues) await run.sink.write(`  ${issue.at}: ${issue.message}\n`);
  }
  if (!result.success && run.format !== 'table')
    run.io.stderr.write(`calling-cycle: ${name} is not a valid policy (${issues.length} issues)\n`);
  return result.success ? EXIT.ok : EXIT.usage;
}

/** A small CSV for plain rows (issue lists): every cell quoted, quotes doubled. */
function itemsToCsvLike(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const cell = (value: unknown) => `"${String(value ?? '').replace(/"/g, '""')}"`;
  return `${[columns.map(cell).join(','), ...rows.map((row) => columns.map((column) => cell(row[column])).join(','))].join('\r\n')}\r\n`;
}

function statusFilter(run: Run): Set<Status> | undefined {
  const flag = run.args.values.status;
  if (flag === undefined) return undefined;
  const wanted = flag.split(',').map((status) => status.trim());
  for (const status of wanted) {
    if (!(STATUSES as readonly string[]).includes(status))
      throw new UsageError(`--status ${status}: use one or more of ${STATUSES.join(', ')}, comma-separated`);
  }
  return new Set(wanted as Status[]);
}

function evaluateBook(run: Run, book: Book, now: string): { result: EvaluateResult; errors: CliRecordError[] } {
  run.progress.step(`evaluating ${book.contacts.length.toLocaleString('en')} contacts`);
  const result = evaluate({
    policy: book.policy,
    contacts: book.contacts,
    touches: book.touches,
    owners: book.owners,
    snoozes: book.snoozes,
    now,
  });
  noteSkipped(run, book);
  return { result, errors: [...book.errors, ...result.errors.map((error) => locate(error, book))] };
}

function* filtered(items: readonly DueItem[], run: Run): Generator<DueItem> {
  const owner = run.args.values.owner;
  const contact = run.args.values.contact;
  const statuses = statusFilter(run);
  for (const item of items) {
    if (owner !== undefined && item.ownerId !== owner) continue;
    if (contact !== undefined && item.contactId !== contact) continue;
    if (statuses !== undefined && !statuses.has(item.status)) continue;
    yield item;
  }
}

const STATUS_ORDER: Record<Status, number> = { overdue: 0, due: 1, soon: 2, upcoming: 3, paused: 4, ended: 5, excluded: 6 };

const ITEM_COLUMNS: readonly Column<DueItem>[] = [
  { heading: 'status', cell: (item) => item.status },
  { heading: 'late', cell: (item) => (item.status === 'overdue' ? `${item.daysOverdue}d` : ''), right: true },
  { heading: 'due', cell: (item) => item.dueOn },
  { heading: 'owner', cell: (item) => item.ownerId },
  { heading: 'contact', cell: (item) => item.contactId },
  { heading: 'cycle', cell: (item) => item.cycleId },
  { heading: 'tier', cell: (item) => item.tierId },
  { heading: 'escalation', cell: (item) => item.escalation ?? '' },
];

async function runEvaluate(run: Run, command: 'evaluate' | 'explain'): Promise<ExitCode> {
  const now = nowOf(run);
  const book = await readBook(run);
  const { result, errors } = evaluateBook(run, book, now);
  run.progress.step(`writing ${result.items.length.toLocaleString('en')} items`);
  const items = () => filtered(result.items, run);
  const explained = function* () {
    for (const item of items())
      yield {
        contactId: item.contactId,
        cycleId: item.cycleId,
        ownerId: item.ownerId,
        status: item.status,
        dueOn: item.dueOn,
        explanation: explain(item),
      };
  };
  switch (run.format) {
    case 'json':
      await writeJsonDocument(
        run.sink,
        header(run, now),
        [
          ['items', command === 'explain' ? explained() : items()],
          ['errors', errors],
        ],
        result.balance && command === 'evaluate' ? { balance: result.balance } : {},
      );
      break;
    case 'ndjson':
      await writeNdjson(run.sink, header(run, now), command === 'explain' ? explained() : items());
      break;
    case 'csv': {
      // The CSV rows are the csv adapter's; `now` has no column there, so it goes to stderr.
      run.io.stderr.write(`calling-cycle: now ${now}\n`);
      const all = [...items()];
      let first = true;
      for (const slice of slices(all, 10_000)) {
        await run.sink.write(
          itemsToCsv(slice, {
            header: first,
            ...(command === 'explain' ? { columns: ['contactId', 'cycleId', 'ownerId', 'status', 'dueOn', 'reason'] as const } : {}),
          }),
        );
        first = false;
      }
      if (first)
        await run.sink.write(
          itemsToCsv([], command === 'explain' ? { columns: ['contactId', 'cycleId', 'ownerId', 'status', 'dueOn', 'reason'] } : {}),
        );
      break;
    }
    case 'table': {
      await run.sink.write(`now ${now} (replay with --now ${now})\n`);
      const sorted = [...items()].sort(
        (a, b) =>
          STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
          b.daysOverdue - a.daysOverdue ||
          (a.dueOn ?? '').localeCompare(b.dueOn ?? '') ||
          a.contactId.localeCompare(b.contactId) ||
          a.cycleId.localeCompare(b.cycleId),
      );
      if (command === 'explain') for (const item of sorted) await run.sink.write(`${explain(item)}\n`);
      else await writeTable(run.sink, ITEM_COLUMNS, sorted);
      const counts = STATUSES.map((status) => [status, sorted.filter((item) => item.status === status).length] as const).filter(
        ([, n]) => n > 0,
      );
      await run.sink.write(`\n${sorted.length} items: ${counts.map(([status, n]) => `${status} ${n}`).join(', ')}\n`);
      break;
    }
  }
  return reportErrors(run, errors, run.format === 'json');
}

/** Today's date at `now` in a zone: the default first day of a plan. */
function dateIn(now: string, timeZone: string): string {
  const ms = parseInstant(now)!;
  const offset = zoneClock(timeZone)?.offsetMinutes(ms) ?? 0;
  return formatDate(Math.floor((ms + offset * 60_000) / MS_PER_DAY));
}

/** Evaluates and plans; shared by plan, ics and report. */
function planBook(run: Run, book: Book, now: string): { result: EvaluateResult; planned: Plan; errors: CliRecordError[] } {
  const { result, errors } = evaluateBook(run, book, now);
  const from = run.args.values.from ?? dateIn(now, book.policy.timeZone ?? 'UTC');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) throw new UsageError(`--from ${from}: give the first day of the plan as YYYY-MM-DD`);
  const days = wholeNumber('days', run.args.values.days, 1, 366, 7);
  const flexFlag = run.args.values['flex-days'];
  run.progress.step('planning');
  const planned = plan({
    policy: book.policy,
    items: result.items,
    owners: book.owners,
    from,
    days,
    ...(flexFlag !== undefined ? { flexDays: wholeNumber('flex-days', flexFlag, 0, 365, 0) } : {}),
  });
  const planErrors: CliRecordError[] = planned.errors.map((error) => ({ ...error }));
  return { result, planned, errors: [...errors, ...planErrors] };
}

async function runPlan(run: Run): Promise<ExitCode> {
  const now = nowOf(run);
  const book = await readBook(run);
  const { planned, errors } = planBook(run, book, now);
  const owner = run.args.values.owner;
  const owners = planned.owners.filter((entry) => owner === undefined || entry.ownerId === owner);
  const selection = owner !== undefined ? { ownerId: owner } : {};
  switch (run.format) {
    case 'json':
      await writeJsonDocument(
        run.sink,
        { ...header(run, now), from: planned.from, days: planned.days },
        [
          ['owners', owners],
          ['overflow', planned.overflow.filter((entry) => owner === undefined || entry.ownerId === owner)],
          ['load', planned.load.filter((entry) => owner === undefined || entry.ownerId === owner)],
          ['errors', errors],
        ],
        { skipped: planned.skipped },
      );
      break;
    case 'ndjson':
      await writeNdjson(run.sink, { ...header(run, now), from: planned.from, days: planned.days }, callRows(planned, owners));
      break;
    case 'csv':
      run.io.stderr.write(`calling-cycle: now ${now}\n`);
      await run.sink.write(callListToCsv(planned, selection));
      break;
    case 'table':
      await run.sink.write(`now ${now}; plan from ${planned.from} for ${planned.days} days\n`);
      for (const entry of owners) {
        await run.sink.write(
          `\n${entry.ownerId}: ${entry.dailyCapacity} calls a day; ${entry.neededCapacity} a day would keep every cycle on time\n`,
        );
        for (const day of entry.days) {
          await run.sink.write(`  ${day.date} (${day.calls}/${day.capacity})\n`);
          for (const call of callList(planned, entry.ownerId, day.date)) {
            await run.sink.write(
              `    ${call.position}. ${call.contactId} ${call.cycles.map((cycle) => cycle.cycleId).join(' + ')} [${call.tierId}] ${call.timing}\n`,
            );
          }
        }
      }
      if (planned.overflow.length > 0)
        await run.sink.write(`\n${planned.overflow.length} touches do not fit in the horizon (see --format json, overflow)\n`);
      break;
  }
  return reportErrors(run, errors, run.format === 'json');
}

/** One row per call: owner, day, position, contact, the cycles it serves, timing and why. */
function* callRows(planned: Plan, owners: readonly Plan['owners'][number][]): Generator<Record<string, unknown>> {
  for (const owner of owners) {
    for (const day of owner.days) {
      for (const call of callList(planned, owner.ownerId, day.date)) yield { ownerId: owner.ownerId, date: day.date, ...call };
    }
  }
}

async function runOccurrences(run: Run): Promise<ExitCode> {
  const [rule, ...rest] = run.args.positionals;
  if (rule === undefined || rest.length > 0)
    throw new UsageError(
      'occurrences takes one RRULE: calling-cycle occurrences "FREQ=MONTHLY;BYDAY=1TU" --dtstart 2026-01-01T09:00:00 --time-zone Europe/London --count 5',
    );
  const { values } = run.args;
  if (values.dtstart === undefined) throw new UsageError('occurrences needs --dtstart (local YYYY-MM-DDTHH:mm:ss, or a date)');
  const timeZone = values['time-zone'] ?? 'UTC';
  const count = values.count === undefined ? undefined : wholeNumber('count', values.count, 1, 100_000, 1);
  const list = occurrences(rule, {
    dtstart: values.dtstart,
    timeZone,
    ...(count !== undefined ? { count } : {}),
    ...(values.after !== undefined ? { after: values.after } : {}),
    ...(values.before !== undefined ? { before: values.before } : {}),
  });
  const head = { 'calling-cycle': run.io.version, command: 'occurrences', rrule: rule, dtstart: values.dtstart, timeZone };
  switch (run.format) {
    case 'json':
      await writeJsonDocument(run.sink, head, [['occurrences', list]]);
      break;
    case 'ndjson':
      await writeNdjson(
        run.sink,
        head,
        list.map((at) => ({ at })),
      );
      break;
    case 'csv':
      await run.sink.write(`at\r\n${list.join('\r\n')}${list.length > 0 ? '\r\n' : ''}`);
      break;
    case 'table':
      for (const at of list) await run.sink.write(`${at}\n`);
      break;
  }
  return EXIT.ok;
}

async function runSchema(run: Run): Promise<ExitCode> {
  const [name, ...rest] = run.args.positionals;
  if (rest.length > 0) throw new UsageError(`schema takes one name; got ${run.args.positionals.join(' ')}`);
  if (name === undefined) {
    if (run.format === 'json') await run.sink.write(`${JSON.stringify(JSON_SCHEMA_NAMES)}\n`);
    else await run.sink.write(`${JSON_SCHEMA_NAMES.join('\n')}\n`);
    return EXIT.ok;
  }
  if (!isJsonSchemaName(name)) throw new UsageError(`no schema "${name}": use one of ${JSON_SCHEMA_NAMES.join(', ')}`);
  // A JSON Schema is JSON whatever --format says.
  await run.sink.write(`${JSON.stringify(jsonSchemaFor(name), null, 2)}\n`);
  return EXIT.ok;
}

async function runReport(run: Run): Promise<ExitCode> {
  const target = run.args.values.html;
  if (target === undefined) throw new UsageError('report needs --html <file>: calling-cycle report examples/data --html report.html');
  const now = nowOf(run);
  const book = await readBook(run);
  const { result, planned, errors } = planBook(run, book, now);
  const owner = run.args.values.owner;
  run.progress.step('writing the report');
  const html = buildReport({
    now,
    policy: book.policy,
    items: owner === undefined ? result.items : result.items.filter((item) => item.ownerId === owner),
    balance: result.balance ?? [],
    plan: owner === undefined ? planned : { ...planned, owners: planned.owners.filter((entry) => entry.ownerId === owner) },
    errors: errors.length,
  });
  const fd = openForWriting(target, '--html');
  try {
    writeSync(fd, html);
  } finally {
    closeSync(fd);
  }
  run.progress.done();
  run.io.stderr.write(`calling-cycle: wrote ${target} (now ${now})\n`);
  return reportErrors(run, errors, false);
}

async function runIcs(run: Run): Promise<ExitCode> {
  if (run.args.values.format !== undefined) throw new UsageError('ics writes iCalendar (RFC 5545) text; leave out --format');
  const now = nowOf(run);
  const book = await readBook(run);
  const { planned, errors } = planBook(run, book, now);
  const owner = run.args.values.owner;
  // DTSTAMP is the run's now, so the same --now gives the same file.
  await run.sink.write(toICalendar(planned, { stamp: now, owners: book.owners, ...(owner !== undefined ? { ownerId: owner } : {}) }));
  return reportErrors(run, errors, false);
}

/** The CRM adapters `sync` can dry-run, by the name given to --from. */
const ADAPTERS: Record<string, (records: never, options: { policy?: Policy }) => AdapterResult> = {
  hubspot: fromHubSpot,
  salesforce: fromSalesforce,
  pipedrive: fromPipedrive,
};

async function runSync(run: Run): Promise<ExitCode> {
  const crm = run.args.values.from;
  const adapter = crm === undefined ? undefined : ADAPTERS[crm];
  if (adapter === undefined) {
    throw new UsageError(`sync needs --from ${Object.keys(ADAPTERS).join('|')}: calling-cycle sync --from hubspot records.json`);
  }
  const [file, ...rest] = run.args.positionals;
  if (file === undefined || rest.length > 0)
    throw new UsageError(`sync takes one records file: calling-cycle sync --from ${crm} records.json (or - for stdin)`);
  if (run.format === 'csv')
    throw new UsageError('sync writes json, ndjson or a table; CSV holds one kind of record, so use evaluate with --format csv after');
  const text = await readText(file, run.io.stdin);
  const name = file === '-' ? 'stdin' : file;
  let records: unknown;
  try {
    records = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${file} is not valid JSON (${(error as Error).message}); give the CRM's records as one JSON object of collections`,
    );
  }
  if (typeof records !== 'object' || records === null || Array.isArray(records)) {
    throw new UsageError(`${name}: give one JSON object of collections, e.g. { "contacts": [...], "calls": [...] } (docs/cli.md)`);
  }
  const policyPath = run.args.values.policy;
  const policy = policyPath === undefined ? undefined : await loadPolicy(policyPath, run.io.stdin);
  const result = adapter(records as never, policy === undefined ? {} : { policy });
  const errors: CliRecordError[] = result.errors.map((error) => ({ ...error, record: error.source }));
  const head = { 'calling-cycle': run.io.version, command: 'sync', from: crm, dryRun: true };
  switch (run.format) {
    case 'json':
      await writeJsonDocument(
        run.sink,
        head,
        [
          ['contacts', result.contacts],
          ['touches', result.touches],
          ['owners', result.owners],
          ['errors', errors],
          ['skipped', result.skipped],
        ],
        { counts: result.counts },
      );
      break;
    case 'ndjson': {
      const lines = function* () {
        for (const contact of result.contacts) yield { type: 'contact', record: contact };
        for (const touch of result.touches) yield { type: 'touch', record: touch };
        for (const owner of result.owners) yield { type: 'owner', record: owner };
      };
      await writeNdjson(run.sink, head, lines());
      break;
    }
    default: {
      await run.sink.write(`dry run of the ${crm} adapter on ${name}: nothing is written anywhere\n`);
      const rows = Object.entries(result.counts).map(([collection, count]) => ({ collection, ...count }));
      await writeTable(
        run.sink,
        [
          { heading: 'collection', cell: (row: (typeof rows)[number]) => row.collection },
          { heading: 'read', cell: (row) => row.read, right: true },
          { heading: 'mapped', cell: (row) => row.mapped, right: true },
          { heading: 'skipped', cell: (row) => row.skipped, right: true },
          { heading: 'errors', cell: (row) => row.errors, right: true },
        ],
        rows,
      );
      await run.sink.write(`\n${result.contacts.length} contacts, ${result.touches.length} touches, ${result.owners.length} owners\n`);
    }
  }
  return reportErrors(run, errors, run.format === 'json');
}

async function runTest(run: Run): Promise<ExitCode> {
  const paths = run.args.positionals;
  if (paths.length === 0) throw new UsageError('test needs scenario files or folders: calling-cycle test scenarios/');
  if (run.format === 'csv') throw new UsageError('test writes a table, json or ndjson');
  const results = await runScenarioFiles(paths);
  if (results.length === 0) throw new UsageError(`no scenario (.json) files in ${paths.join(' ')}`);
  const passed = results.filter((result) => result.passed).length;
  const head = { 'calling-cycle': run.io.version, command: 'test' };
  if (run.format === 'json') await writeJsonDocument(run.sink, head, [['results', results]], { passed, failed: results.length - passed });
  else if (run.format === 'ndjson') await writeNdjson(run.sink, head, results);
  else await run.sink.write(`${formatScenarioResults(results)}\n`);
  // A failing scenario is a failing check, as with any test runner: exit 1, results written.
  return passed === results.length ? EXIT.ok : EXIT.recordErrors;
}
