/**
 * Items and call lists as CSV a spreadsheet opens safely: RFC 4180 quoting (csv-stringify) with
 * CRLF line ends, and text cells that a spreadsheet would run as a formula neutralised. Only text
 * columns are neutralised: numbers the library computes (`-3` days late) stay numbers, while ids,
 * tiers, escalations and reason sentences come from CRM data and may start with `=` or `-`.
 */
import { stringify } from 'csv-stringify/sync';
import { explain } from '../../core/explain.js';
import type { DueItem } from '../../core/types.js';
import type { Plan } from '../../index.js';
import { plannedRows } from '../shared/planned.js';
import { checkWritableItems } from '../shared/writable.js';
import { neutralise } from './cells.js';

/** How a CSV is written. */
export interface CsvWriteOptions {
  /** Write the header line first. Default true. */
  header?: boolean;
  /** The cell separator. Default `,`. */
  delimiter?: string;
  /** Start with a UTF-8 byte-order mark, so older Excel reads accents and emoji right. Default false. */
  bom?: boolean;
  /**
   * Prefix a `'` to text cells that start with `=`, `+`, `-`, `@`, a tab or a carriage return
   * (OWASP's advice against CSV injection). Default true; `fromCsv` takes the `'` off again.
   */
  neutraliseFormulas?: boolean;
}

/**
 * The columns of `itemsToCsv`, in their default order.
 *
 * @example
 * itemsToCsv(items, { columns: ITEM_COLUMNS.filter((column) => column !== 'reason') });
 */
export const ITEM_COLUMNS = [
  'contactId',
  'cycleId',
  'tierId',
  'ownerId',
  'status',
  'dueOn',
  'daysOverdue',
  'lastTouchAt',
  'escalation',
  'reason',
] as const;
/**
 * A column `itemsToCsv` writes: one of `ITEM_COLUMNS`, or `contactName` (the contact's name, empty
 * when the CRM gave none), which a caller adds where it wants it.
 */
export type ItemColumn = (typeof ITEM_COLUMNS)[number] | 'contactName';

export interface ItemsToCsvOptions extends CsvWriteOptions {
  /** Which columns, in which order. Default: all of `ITEM_COLUMNS`. */
  columns?: readonly ItemColumn[];
}

/** One line of a rep's call list, as `callListToCsv` writes it. */
export interface CallListRow {
  ownerId: string;
  /** The planned day, `YYYY-MM-DD`. */
  date: string;
  /** The call of the day this touch is made in, from 1; a call serving two cycles gives two rows with one position. */
  position: number;
  contactId: string;
  /** The contact's name when the CRM gave one, else null (an empty cell). Not a default column. */
  contactName: string | null;
  cycleId: string;
  tierId: string;
  dueOn: string;
  /** date − dueOn in days: negative when early. */
  lateness: number;
  priority: number;
  /** The idempotency key (`cc1:<contact>:<cycle>:<dueOn>`): a completed row names its cycle. */
  key: string;
  /** Why the call is on the list, in one sentence. */
  reason: string;
}

/**
 * The columns of `callListToCsv`, in their default order.
 *
 * @example
 * callListToCsv(week, { columns: CALL_LIST_COLUMNS.slice(0, 5) }); // ownerId, date, position, contactId, cycleId
 */
export const CALL_LIST_COLUMNS = [
  'ownerId',
  'date',
  'position',
  'contactId',
  'cycleId',
  'tierId',
  'dueOn',
  'lateness',
  'priority',
  'key',
  'reason',
] as const;
/** A column `callListToCsv` writes: one of `CALL_LIST_COLUMNS`, or `contactName`, which a caller adds where it wants it. */
export type CallListColumn = (typeof CALL_LIST_COLUMNS)[number] | 'contactName';

/** Which rows of a plan: one owner, a range of days. */
export interface CallListSelection {
  ownerId?: string | number;
  /** First day, `YYYY-MM-DD`, inclusive. */
  from?: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  to?: string;
}

export interface CallListToCsvOptions extends CsvWriteOptions, CallListSelection {
  columns?: readonly CallListColumn[];
}

type Cell = string | number | null;

function writeCsv(columns: readonly string[], rows: readonly (readonly Cell[])[], options: CsvWriteOptions): string {
  const neutraliseText = options.neutraliseFormulas ?? true;
  const lines = rows.map((row) =>
    row.map((cell) => {
      if (cell === null) return '';
      if (typeof cell === 'number') return String(cell);
      return neutraliseText ? neutralise(cell) : cell;
    }),
  );
  if (options.header ?? true) lines.unshift([...columns]);
  return stringify(lines, {
    delimiter: options.delimiter ?? ',',
    bom: options.bom ?? false,
    record_delimiter: 'windows',
    // csv-stringify quotes cells holding the delimiter or a quote; RFC 4180 wants line breaks quoted
    // too, and spaces at either end are quoted because readers (ours included) trim unquoted cells.
    quoted_match: /[\r\n]|^\s|\s$/,
  });
}

function itemCell(item: DueItem, column: ItemColumn): Cell {
  switch (column) {
    case 'contactName':
      return item.reason.contactName ?? null;
    case 'reason':
      return explain(item);
    case 'daysOverdue':
      return item.daysOverdue;
    default:
      return item[column];
  }
}

/**
 * Due items as CSV, one line per item: contact, cycle, tier, owner, status, due date, days
 * overdue, last touch, escalation and the reason as a sentence. Numbers stay numbers; text cells
 * that look like formulas are neutralised.
 *
 * @example
 * const { items } = evaluate({ policy, contacts, touches, now });
 * writeFileSync('due.csv', itemsToCsv(items.filter((item) => item.status === 'overdue')));
 */
export function itemsToCsv(items: readonly DueItem[], options: ItemsToCsvOptions = {}): string {
  const columns = options.columns ?? ITEM_COLUMNS;
  checkWritableItems('itemsToCsv', items);
  return writeCsv(
    columns,
    items.map((item) => columns.map((column) => itemCell(item, column))),
    options,
  );
}

/**
 * The rows of a plan's call lists, owner by owner and day by day in call order: one row per
 * planned touch (a cycle of a contact), each with its idempotency key and reason (the sentence
 * `callList` gives that cycle). A call serving two cycles is two rows with the same position.
 *
 * @example
 * const rows = callListRows(week, { ownerId: 'u1', from: '2026-11-30', to: '2026-11-30' });
 * rows[0] // { ownerId: 'u1', date: '2026-11-30', position: 1, contactId: 'c25', key: 'cc1:c25:nurture:2023-12-31', … }
 */
export function callListRows(plan: Plan, selection: CallListSelection = {}): CallListRow[] {
  return rowsOf(plan, selection, 'callListRows');
}

function rowsOf(plan: Plan, selection: CallListSelection, writer: string): CallListRow[] {
  return plannedRows(plan, selection, writer).map(({ ownerId, date, touch, contactName, key, why }) => ({
    ownerId,
    date,
    position: touch.call,
    contactId: touch.contactId,
    contactName,
    cycleId: touch.cycleId,
    tierId: touch.tierId,
    dueOn: touch.dueOn,
    lateness: touch.lateness,
    priority: touch.priority,
    key,
    reason: why,
  }));
}

/**
 * A plan's call lists as CSV: owner, day, position, contact, cycle, tier, due date, lateness,
 * priority, idempotency key and reason, one line per planned call.
 *
 * @example
 * const week = plan({ policy, items, owners, from: '2026-11-30', days: 7 });
 * process.stdout.write(callListToCsv(week, { ownerId: 'u1' }));
 */
export function callListToCsv(plan: Plan, options: CallListToCsvOptions = {}): string {
  const columns = options.columns ?? CALL_LIST_COLUMNS;
  return writeCsv(
    columns,
    rowsOf(plan, options, 'callListToCsv').map((row) => columns.map((column) => row[column])),
    options,
  );
}
