/**
 * The commands that plan: `plan` (each owner's calls day by day), `ics` (the plan as iCalendar)
 * and `report` (an HTML page of the items and the plan).
 */
import type { EvaluateColumns } from '../core/columns.js';
import type { DueItem } from '../core/types.js';
import { MAX_FLEX_DAYS, MAX_PLAN_DAYS } from '../plan/options.js';
import { callList, type Plan, plan } from '../plan/plan.js';
import type { Book } from './book.js';
import { type CliRecordError, EXIT, type ExitCode, UsageError } from './errors.js';
import { evaluateBook, evaluateBookColumns } from './evaluate-commands.js';
import { wholeNumber } from './options.js';
import { OutputFile, refuseInputAsOutput } from './output-file.js';
import { Sink, writeJsonDocument, writeNdjson } from './outputs.js';
import { bookFilesOf, header, nowOf, readBook, reportErrors, type Run } from './run-context.js';

/** The plan flags, read before the book so a bad one stops the run at once. */
interface PlanFlags {
  readonly from?: string;
  readonly days: number;
  readonly flexDays?: number;
}

/** --from, --days (1 to `plan`'s own bound) and --flex-days; a bad one is a usage error. */
function planFlags(run: Run): PlanFlags {
  const { from, days, 'flex-days': flex } = run.args.values;
  if (from !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(from))
    throw new UsageError(`--from ${from}: give the first day of the plan as YYYY-MM-DD`);
  return {
    ...(from !== undefined ? { from } : {}),
    days: wholeNumber('days', days, 1, MAX_PLAN_DAYS, 7),
    ...(flex !== undefined ? { flexDays: wholeNumber('flex-days', flex, 0, MAX_FLEX_DAYS, 0) } : {}),
  };
}

/**
 * Plans evaluated items, objects or columns (the same plan; from columns, reasons are built
 * only for the touches written, and a million items are never held as objects). Shared by plan,
 * ics and report; the plan's errors follow the evaluation's.
 */
function planItems(
  run: Run,
  flags: PlanFlags,
  book: Book,
  now: string,
  items: readonly DueItem[] | EvaluateColumns,
  errors: readonly CliRecordError[],
): { planned: Plan; errors: CliRecordError[] } {
  // Each rep starts on their own date at now; --from, when given, is the day before which none starts.
  run.progress.step('planning');
  const planned = plan({
    policy: book.policy,
    items,
    owners: book.owners,
    now,
    ...(flags.from !== undefined ? { from: flags.from } : {}),
    days: flags.days,
    ...(flags.flexDays !== undefined ? { flexDays: flags.flexDays } : {}),
  });
  const planErrors: CliRecordError[] = planned.errors.map((error) => ({ ...error }));
  return { planned, errors: [...errors, ...planErrors] };
}

/**
 * Runs `plan`: the call list per owner and day, as a table, JSON, NDJSON or CSV.
 *
 * @example
 * const code = await runPlan(run);
 */
export async function runPlan(run: Run): Promise<ExitCode> {
  const now = nowOf(run);
  const flags = planFlags(run);
  const book = await readBook(run);
  const evaluated = evaluateBookColumns(run, book, now);
  const { planned, errors } = planItems(run, flags, book, now, evaluated.columns, evaluated.errors);
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
      // Each writer is loaded by the command and format that write with it.
      await run.sink.write((await import('../adapters/csv/write.js')).callListToCsv(planned, selection));
      break;
    case 'table':
      await run.sink.write(`now ${now}; plan from ${planned.from} for ${planned.days} days\n`);
      for (const entry of owners) {
        await run.sink.write(
          `\n${entry.name === undefined ? entry.ownerId : `${entry.name} (${entry.ownerId})`}: ${entry.dailyCapacity} calls a day; ${entry.neededCapacity} a day would keep every cycle on time\n`,
        );
        for (const day of entry.days) {
          await run.sink.write(`  ${day.date} (${day.calls}/${day.capacity})\n`);
          for (const call of callList(planned, entry.ownerId, day.date)) {
            await run.sink.write(
              `    ${call.position}. ${call.contactName === undefined ? call.contactId : `${call.contactName} (${call.contactId})`} ${call.cycles.map((cycle) => cycle.cycleId).join(' + ')} [${call.tierId}] ${call.timing}\n`,
            );
          }
        }
      }
      if (planned.overflow.length > 0)
        await run.sink.write(`\n${planned.overflow.length} touches do not fit in the horizon (see --format json, overflow)\n`);
      break;
  }
  return reportErrors(run, errors, run.format === 'json', errors.length, evaluated.columns.size);
}

/** One row per call: owner, day, position, contact, the cycles it serves, timing and why. */
function* callRows(planned: Plan, owners: readonly Plan['owners'][number][]): Generator<Record<string, unknown>> {
  for (const owner of owners) {
    for (const day of owner.days) {
      for (const call of callList(planned, owner.ownerId, day.date)) yield { ownerId: owner.ownerId, date: day.date, ...call };
    }
  }
}

/**
 * Runs `report`: writes the HTML report to --html.
 *
 * @example
 * const code = await runReport(run);
 */
export async function runReport(run: Run): Promise<ExitCode> {
  const target = run.args.values.html;
  if (target === undefined) throw new UsageError('report needs --html <file>: calling-cycle report examples/data --html report.html');
  const now = nowOf(run);
  const flags = planFlags(run);
  const files = bookFilesOf(run);
  refuseInputAsOutput(
    target,
    '--html',
    Object.values(files).filter((path): path is string => path !== undefined),
  );
  const book = await readBook(run, files);
  // The report shows the items themselves: evaluated as objects.
  const { result, errors: evaluationErrors } = evaluateBook(run, book, now);
  const { planned, errors } = planItems(run, flags, book, now, result.items, evaluationErrors);
  const code = reportErrors(run, errors, false, errors.length, result.items.length);
  if (code === EXIT.nothingUsable) {
    run.io.stderr.write(`calling-cycle: ${target} was left as it was: no record was usable\n`);
    return code;
  }
  const owner = run.args.values.owner;
  run.progress.step('writing the report');
  const { buildReport } = await import('../report/index.js');
  const html = buildReport({
    now,
    policy: book.policy,
    items: owner === undefined ? result.items : result.items.filter((item) => item.ownerId === owner),
    balance: result.balance ?? [],
    plan: owner === undefined ? planned : { ...planned, owners: planned.owners.filter((entry) => entry.ownerId === owner) },
    errors: errors.length,
  });
  const file = OutputFile.open(
    target,
    '--html',
    Object.values(files).filter((path): path is string => path !== undefined),
  );
  try {
    const sink = new Sink(file.stream);
    await sink.write(html);
    await sink.end();
  } catch (error) {
    await file.discard();
    throw error;
  }
  await file.commit();
  run.progress.done();
  run.io.stderr.write(`calling-cycle: wrote ${target} (now ${now})\n`);
  return code;
}

/**
 * Runs `ics`: the plan as iCalendar (RFC 5545) text.
 *
 * @example
 * const code = await runIcs(run);
 */
export async function runIcs(run: Run): Promise<ExitCode> {
  if (run.args.values.format !== undefined) throw new UsageError('ics writes iCalendar (RFC 5545) text; leave out --format');
  const now = nowOf(run);
  const flags = planFlags(run);
  const book = await readBook(run);
  const evaluated = evaluateBookColumns(run, book, now);
  const { planned, errors } = planItems(run, flags, book, now, evaluated.columns, evaluated.errors);
  const owner = run.args.values.owner;
  // DTSTAMP is the run's now, so the same --now gives the same file.
  const { toICalendar } = await import('../ical/index.js');
  await run.sink.write(toICalendar(planned, { stamp: now, owners: book.owners, ...(owner !== undefined ? { ownerId: owner } : {}) }));
  return reportErrors(run, errors, false, errors.length, evaluated.columns.size);
}
