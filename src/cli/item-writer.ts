/**
 * How `evaluate` and `explain` write their items, in every format, from columnar results: a whole
 * book is one result, a stream one per chunk. An item (and its reason) is built only for a row
 * that passes the filters, when it is written, so a run never holds a million items at once.
 */
import { type EvaluateColumns, STATUS_CODES } from '../core/columns.js';
import { explain } from '../core/explain.js';
import type { DueItem, Reason, Status } from '../core/types.js';
import { type CliRecordError, type ExitCode, UsageError } from './errors.js';
import { type Column, JsonDocumentWriter, jsonLine, oneLine, writeTable } from './outputs.js';
import { header, reportErrors, type Run, STDERR_ERROR_LINES } from './run-context.js';
import { Spool } from './spool.js';

export type ItemCommand = 'evaluate' | 'explain';

const STATUSES: readonly Status[] = STATUS_CODES;

/** Which rows are written: `--owner`, `--contact`, `--status`. */
export interface RowFilter {
  readonly owner?: string;
  readonly contact?: string;
  /** Status codes (`STATUS_CODES` positions) to keep. */
  readonly statuses?: ReadonlySet<number>;
}

/**
 * The filters of the command line; an unknown status is a usage error, found before any input is read.
 *
 * @example
 * const filter = rowFilter(run); // { owner: 'u-london', statuses: Set { 3 } } for --owner u-london --status overdue
 */
export function rowFilter(run: Run): RowFilter {
  const { owner, contact, status } = run.args.values;
  let statuses: Set<number> | undefined;
  if (status !== undefined) {
    statuses = new Set();
    for (const wanted of status.split(',').map((name) => name.trim())) {
      const code = STATUSES.indexOf(wanted as Status);
      if (code === -1) throw new UsageError(`--status ${wanted}: use one or more of ${STATUSES.join(', ')}, comma-separated`);
      statuses.add(code);
    }
  }
  return {
    ...(owner !== undefined ? { owner } : {}),
    ...(contact !== undefined ? { contact } : {}),
    ...(statuses !== undefined ? { statuses } : {}),
  };
}

/** The rows of a result the filter keeps, in order; the cheap tests first, the ids last. */
function* keptRows(columns: EvaluateColumns, filter: RowFilter): Generator<number> {
  const { owner, contact, statuses } = filter;
  for (let row = 0; row < columns.size; row++) {
    if (statuses !== undefined && !statuses.has(columns.status[row]!)) continue;
    if (owner !== undefined && columns.ownerId(row) !== owner) continue;
    if (contact !== undefined && columns.contactId(row) !== contact) continue;
    yield row;
  }
}

/** An `explain` row: the item's ids, status and due date, and its sentence. */
function explained(item: DueItem) {
  return {
    contactId: item.contactId,
    cycleId: item.cycleId,
    ownerId: item.ownerId,
    status: item.status,
    dueOn: item.dueOn,
    explanation: explain(item),
  };
}

/** Each reason's JSON, made once: items with equal reasons share one frozen reason object. */
const reasonLines = new WeakMap<Reason, string>();

/**
 * `jsonLine(item)` for an item the engine built (its fields in the engine's order), byte for byte,
 * with the reason's JSON made once per reason object rather than once per item: the reason is most
 * of the line, and a book of a million items has a few thousand distinct reasons.
 *
 * @example
 * itemLine(columns.item(0)) === jsonLine(columns.item(0)); // true
 */
export function itemLine(item: DueItem): string {
  const { reason } = item;
  let reasonText = reasonLines.get(reason);
  if (reasonText === undefined) {
    reasonText = jsonLine(reason);
    // Only a frozen reason can be written from memory; another could change before the next item.
    if (Object.isFrozen(reason)) reasonLines.set(reason, reasonText);
  }
  // The fields around the reason, in the engine's order, made JSON together and escaped once.
  const head = `{"contactId":${JSON.stringify(item.contactId)},"cycleId":${JSON.stringify(item.cycleId)},"tierId":${JSON.stringify(item.tierId)},"ownerId":${JSON.stringify(item.ownerId)},"daysOverdue":${JSON.stringify(item.daysOverdue)},"lastTouchAt":${JSON.stringify(item.lastTouchAt)},"escalation":${JSON.stringify(item.escalation)},"reason":`;
  return `${oneLine(head)}${reasonText},"status":${JSON.stringify(item.status)},"dueOn":${JSON.stringify(item.dueOn)}}`;
}

const EXPLAIN_CSV_COLUMNS = ['contactId', 'cycleId', 'ownerId', 'status', 'dueOn', 'reason'] as const;
/** Items per call of the csv adapter's writer, which takes a whole list. */
const CSV_SLICE = 10_000;

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
 * Writes the items of one run, result by result, in the run's format: `start`, then `write` for
 * each result (with its errors, located in their files), then `finish`, which reports the errors
 * and gives the exit code. JSON, NDJSON and CSV go out as each result comes; the table sorts, so
 * it holds the items written until the end.
 *
 * @example
 * const writer = new ItemWriter(run, 'evaluate', now, filter);
 * await writer.start();
 * await writer.write(evaluateColumns({ policy, contacts, touches, now }), errors);
 * return writer.finish();
 */
export class ItemWriter {
  private readonly document: JsonDocumentWriter;
  /** JSON: every error, serialised, for the end of the document; else the first ones, for stderr. */
  private readonly errorLines = new Spool();
  private readonly firstErrors: CliRecordError[] = [];
  private errorCount = 0;
  /** Items evaluated, before the filters: none with errors means no record was usable. */
  private evaluated = 0;
  private readonly balanceLines = new Spool();
  private balanceSeen = false;
  private csvHeader = true;
  private readonly tableItems: DueItem[] = [];

  constructor(
    private readonly run: Run,
    private readonly command: ItemCommand,
    private readonly now: string,
    private readonly filter: RowFilter,
  ) {
    this.document = new JsonDocumentWriter(run.sink);
  }

  async start(): Promise<void> {
    const { run, now } = this;
    switch (run.format) {
      case 'json':
        await this.document.start(header(run, now));
        await this.document.openList('items');
        break;
      case 'ndjson':
        await run.sink.write(`${jsonLine(header(run, now))}\n`);
        break;
      case 'csv':
        // The CSV rows are the csv adapter's; `now` has no column there, so it goes to stderr.
        run.io.stderr.write(`calling-cycle: now ${now}\n`);
        break;
      case 'table':
        await run.sink.write(`now ${now} (replay with --now ${now})\n`);
        break;
    }
  }

  /** Writes one result's kept rows, and notes its errors (and its balance, for JSON). */
  async write(columns: EvaluateColumns, errors: readonly CliRecordError[]): Promise<void> {
    this.noteErrors(errors);
    this.evaluated += columns.size;
    const { run, command } = this;
    switch (run.format) {
      case 'json':
        for (const row of keptRows(columns, this.filter)) {
          const item = columns.item(row);
          if (this.document.element(command === 'explain' ? jsonLine(explained(item)) : itemLine(item))) await run.sink.flush();
        }
        if (command === 'evaluate' && columns.balance !== undefined) {
          this.balanceSeen = true;
          for (const entry of columns.balance) this.balanceLines.add(jsonLine(entry));
        }
        break;
      case 'ndjson':
        for (const row of keptRows(columns, this.filter)) {
          const item = columns.item(row);
          if (run.sink.add(`${command === 'explain' ? jsonLine(explained(item)) : itemLine(item)}\n`)) await run.sink.flush();
        }
        break;
      case 'csv': {
        let slice: DueItem[] = [];
        for (const row of keptRows(columns, this.filter)) {
          slice.push(columns.item(row));
          if (slice.length === CSV_SLICE) {
            await this.writeCsv(slice);
            slice = [];
          }
        }
        if (slice.length > 0) await this.writeCsv(slice);
        break;
      }
      case 'table':
        for (const row of keptRows(columns, this.filter)) this.tableItems.push(columns.item(row));
        break;
    }
  }

  private noteErrors(errors: readonly CliRecordError[]): void {
    this.errorCount += errors.length;
    if (this.run.format === 'json') for (const error of errors) this.errorLines.add(jsonLine(error));
    // Kept in every format: when no record was usable they go to stderr whatever the format.
    for (const error of errors) if (this.firstErrors.length < STDERR_ERROR_LINES) this.firstErrors.push(error);
  }

  private async writeCsv(items: readonly DueItem[]): Promise<void> {
    // The CSV writer (csv-stringify) is loaded for CSV output only.
    const { itemsToCsv } = await import('../adapters/csv/write.js');
    await this.run.sink.write(
      itemsToCsv(items, { header: this.csvHeader, ...(this.command === 'explain' ? { columns: EXPLAIN_CSV_COLUMNS } : {}) }),
    );
    this.csvHeader = false;
  }

  /** Ends the output (the errors and balance of a JSON document, a CSV header when no row came, the sorted table) and reports the errors. */
  async finish(): Promise<ExitCode> {
    try {
      await this.end();
    } finally {
      this.errorLines.dispose();
      this.balanceLines.dispose();
    }
    return reportErrors(this.run, this.firstErrors, this.run.format === 'json', this.errorCount, this.evaluated);
  }

  private async end(): Promise<void> {
    const { run, command } = this;
    switch (run.format) {
      case 'json': {
        await this.document.closeList();
        await this.document.openList('errors');
        for await (const line of this.errorLines.lines()) if (this.document.element(line)) await run.sink.flush();
        await this.document.closeList();
        if (this.balanceSeen) {
          await this.document.field('balance', async (sink) => {
            let separator = '';
            await sink.write('[');
            for await (const line of this.balanceLines.lines()) {
              await sink.write(`${separator}${line}`);
              separator = ',';
            }
            await sink.write(']');
          });
        }
        await this.document.end();
        break;
      }
      case 'csv':
        if (this.csvHeader) await this.writeCsv([]);
        break;
      case 'table': {
        const sorted = this.tableItems.sort(
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
      case 'ndjson':
        break;
    }
  }
}
