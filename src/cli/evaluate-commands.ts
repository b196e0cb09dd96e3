/**
 * `evaluate` and `explain`: every due item of the book at --now, filtered by owner, contact and
 * status, as a table, JSON, NDJSON or the csv adapter's rows; `explain` adds why each is due.
 */
import { itemsToCsv } from '../adapters/csv/index.js';
import { evaluate } from '../core/evaluate.js';
import { explain } from '../core/explain.js';
import type { DueItem, EvaluateResult, Status } from '../core/types.js';
import { type Book, locate } from './book.js';
import { type CliRecordError, type ExitCode, UsageError } from './errors.js';
import { type Column, slices, writeJsonDocument, writeNdjson, writeTable } from './outputs.js';
import { header, nowOf, readBook, reportErrors, type Run } from './run-context.js';

const STATUSES: readonly Status[] = ['upcoming', 'soon', 'due', 'overdue', 'paused', 'excluded', 'ended'];

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

/**
 * Evaluates the book at `now`; its errors are the book's and the engine's, located in their files.
 * Shared by every command that needs the items.
 *
 * @example
 * const { result, errors } = evaluateBook(run, book, now);
 */
export function evaluateBook(run: Run, book: Book, now: string): { result: EvaluateResult; errors: CliRecordError[] } {
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

function noteSkipped(run: Run, book: Book): void {
  for (const input of Object.values(book.inputs)) {
    if (input?.skipped && input.skipped.length > 0) {
      const reasons = [...new Set(input.skipped.map((row) => row.reason))].join(', ');
      run.io.stderr.write(`calling-cycle: ${input.file}: ${input.skipped.length} row(s) skipped on purpose (${reasons})\n`);
    }
  }
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
/**
 * Runs `evaluate`, or `explain` (the same items, each with its explanation).
 *
 * @example
 * const code = await runEvaluate(run, 'explain');
 */
export async function runEvaluate(run: Run, command: 'evaluate' | 'explain'): Promise<ExitCode> {
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
