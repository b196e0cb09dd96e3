/**
 * The planner's intake: owners and items checked one by one (a bad one is a `PlanError`, the rest
 * are planned) and sorted into one book per owner. work.ts numbers an owner's book for the day loop.
 */
import type { CalendarBook, WorkCalendar } from '../core/calendar.js';
import { columnAt } from '../core/column-values.js';
import { type EvaluateColumns, heldRows, NO_DUE_DAY, STATUS_CODES } from '../core/columns.js';
import { type EpochDay, parseDate } from '../time/dates.js';
import { idText, isId, isPlainObject, ownerProblems } from '../core/records.js';
import type { DatedDueItem, DueItem, Owner, Reason } from '../core/types.js';
import { isValidZone } from '../time/zones.js';
import { isWellFormedText } from '../schema/text.js';
import { messages } from '../errors/messages.js';
import { packLeading, sharedPrefixLength } from './id-order.js';
import type { CycleInfo } from './rules.js';
import type { PlanError } from './types.js';

/** An owner as the planner uses it: its id as text. */
export interface PlanOwner {
  readonly id: string;
  /** The rep's zone, when given: with `now`, their first day is their own date. */
  readonly timeZone: string | undefined;
  /** The rep's name, trimmed, when the CRM gave one. */
  readonly name: string | undefined;
  readonly calendar: string | undefined;
  readonly dailyCapacity: number | undefined;
}

/**
 * What a plan shows of an accepted item beside its cycle: its contact id and its reason, by the
 * item's position in the input (the row, for a columnar result). A plan keeps this and builds its
 * lists from it when they are read; the cycle, tier and weight come from the item's `CycleInfo`.
 */
export interface ItemTexts {
  contactId(index: number): string;
  reason(index: number): Reason;
}

/**
 * An owner's accepted items, before numbering: their positions in the intake's columns (input
 * order), and those columns, shared by every owner.
 */
export interface OwnerBook {
  readonly ownerId: string;
  readonly calendar: WorkCalendar;
  readonly positions: Int32Array;
  /** Position of each item in the input (the row, for a columnar result). */
  readonly indexes: Int32Array;
  readonly dues: Int32Array;
  readonly texts: ItemTexts;
  /** The leading characters of each contact id, packed (id-order.ts): they order most items without reading the id. */
  readonly contactKeys: Float64Array;
  info(position: number): CycleInfo;
  /** The owner's calendar combined with the contact's. */
  calendarOf(position: number): WorkCalendar;
  /** Not before this day: the plan's start, or the day a pause ends. */
  notBefore(position: number): EpochDay;
}

const STATUSES: ReadonlySet<unknown> = new Set(['upcoming', 'soon', 'due', 'overdue', 'paused', 'excluded', 'ended']);

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '' && isWellFormedText(value);

/** What is wrong with an item's shape (the fields the planner reads), or undefined. */
function itemShapeProblem(value: unknown, calendars: CalendarBook): { path: (string | number)[]; message: string } | undefined {
  if (!isPlainObject(value)) return { path: [], message: 'not an object' };
  if (!STATUSES.has(value.status)) return { path: ['status'], message: 'not a status evaluate gives' };
  if (value.status === 'excluded' || value.status === 'ended') return undefined;
  for (const field of ['contactId', 'cycleId', 'tierId'] as const)
    if (!isText(value[field]))
      return {
        path: [field],
        message: typeof value[field] === 'string' && value[field] !== '' ? messages.illFormedId : 'missing or not a non-empty string',
      };
  if (value.ownerId !== null && !isText(value.ownerId)) return { path: ['ownerId'], message: 'neither an owner id nor null' };
  if (typeof value.dueOn !== 'string' || parseDate(value.dueOn) === undefined) return { path: ['dueOn'], message: 'not a YYYY-MM-DD date' };
  const reason = value.reason;
  if (!isPlainObject(reason)) return { path: ['reason'], message: 'missing or not an object' };
  if (typeof reason.timeZone !== 'string') return { path: ['reason', 'timeZone'], message: 'not a zone name' };
  if (reason.contactCalendar !== null && !(typeof reason.contactCalendar === 'string' && calendars.has(reason.contactCalendar)))
    return { path: ['reason', 'contactCalendar'], message: `not a calendar of this policy: ${String(reason.contactCalendar)}` };
  if (reason.pausedUntil !== null && !(typeof reason.pausedUntil === 'string' && parseDate(reason.pausedUntil) !== undefined))
    return { path: ['reason', 'pausedUntil'], message: 'neither a YYYY-MM-DD date nor null' };
  if (reason.detail !== undefined && !isPlainObject(reason.detail)) return { path: ['reason', 'detail'], message: 'not an object' };
  return undefined;
}

/** The ids an item error can carry, where the item has them. */
function itemIds(value: unknown): Pick<PlanError, 'contactId' | 'cycleId' | 'ownerId'> {
  if (!isPlainObject(value)) return {};
  const ids: Pick<PlanError, 'contactId' | 'cycleId' | 'ownerId'> = {};
  if (isText(value.contactId)) ids.contactId = value.contactId;
  if (isText(value.cycleId)) ids.cycleId = value.cycleId;
  if (isText(value.ownerId)) ids.ownerId = value.ownerId;
  return ids;
}

/** The owners that can be planned for, by id; a bad or repeated one is an error. */
export function readOwners(input: readonly unknown[], calendars: CalendarBook, errors: PlanError[]): Map<string, PlanOwner> {
  const owners = new Map<string, PlanOwner>();
  // An index loop, not forEach: a hole in the array is a bad owner, not one skipped without a word.
  for (let index = 0; index < input.length; index++) {
    const value = input[index];
    const problems = ownerProblems(value, (name) => calendars.has(name));
    const rawId = isPlainObject(value) ? value.id : undefined;
    const ownerId = isId(rawId) ? idText(rawId) : undefined;
    if (problems.length > 0) {
      const first = problems[0]!;
      errors.push({
        code: 'bad-owner',
        record: 'owner',
        index,
        ...(ownerId !== undefined ? { ownerId } : {}),
        path: first.path,
        message: problems.map((problem) => (problem.path.length > 0 ? `${problem.path.join('.')}: ` : '') + problem.message).join('; '),
      });
      continue;
    }
    const owner = value as Owner;
    const id = ownerId!;
    if (owners.has(id)) {
      errors.push({ code: 'duplicate-owner', record: 'owner', index, ownerId: id, path: ['id'], message: `duplicate owner id "${id}"` });
      continue;
    }
    const name = typeof owner.name === 'string' && owner.name.trim() !== '' ? owner.name.trim() : undefined;
    owners.set(id, { id, timeZone: owner.timeZone, name, calendar: owner.calendar, dailyCapacity: owner.dailyCapacity });
    if (owner.dailyCapacity === undefined) {
      errors.push({
        code: 'no-capacity',
        record: 'owner',
        index,
        ownerId: id,
        path: ['dailyCapacity'],
        message: "no dailyCapacity: this owner's touches cannot be planned and are listed in overflow",
      });
    }
  }
  return owners;
}

/** No pause: the item may be planned from the plan's first day. */
const NOT_PAUSED = -2_147_483_648;

/** The input items: `evaluate`'s objects or `evaluateColumns`' rows, with each one's reason on demand. */
export type ItemInput = readonly unknown[] | EvaluateColumns;

/**
 * Sorts the items into one book per owner. Excluded and ended items are counted in `skipped`; an
 * item the planner cannot take (bad shape, no or unknown owner, a cycle the policy lacks) is an error.
 * A columnar result is read row by row from its arrays: no item object is built, and a row's
 * strings are read only for an error.
 */
export function readItems(
  input: ItemInput,
  owners: ReadonlyMap<string, PlanOwner>,
  cycles: ReadonlyMap<string, ReadonlyMap<string, CycleInfo>>,
  calendars: CalendarBook,
  errors: PlanError[],
): { intake: Intake; skipped: { excluded: number; ended: number } } {
  const skipped = { excluded: 0, ended: 0 };
  const size = Array.isArray(input) ? input.length : (input as EvaluateColumns).size;
  // Each item's contact id and reason: read from a columnar result when asked; taken from objects
  // now, as the plan's lists are built when first read and by then the caller may have emptied or
  // reused its array.
  const texts: ItemTexts = Array.isArray(input) ? new TakenTexts(size) : new ColumnTexts(input as EvaluateColumns);
  const intake = new Intake(size, owners, calendars, texts);
  let zoneOf: (index: number) => string;
  const accept = (
    index: number,
    ownerId: string | null,
    info: CycleInfo | undefined,
    tierId: string,
    cycleId: string,
    contactCalendar: string | null,
    due: EpochDay,
    paused: EpochDay | undefined,
  ): void => {
    const ownerNumber = ownerId !== null ? intake.ownerNumber(ownerId) : -1;
    if (ownerNumber < 0) {
      errors.push({
        code: ownerId === null ? 'no-owner' : 'unknown-owner',
        record: 'item',
        index,
        contactId: texts.contactId(index),
        cycleId,
        ...(ownerId !== null ? { ownerId } : {}),
        path: ['ownerId'],
        message: ownerId === null ? 'the item has no owner to plan it for' : `unknown owner "${ownerId}"`,
      });
      return;
    }
    if (!info) {
      errors.push({
        code: 'unknown-cycle',
        record: 'item',
        index,
        contactId: texts.contactId(index),
        cycleId,
        ownerId: ownerId!,
        path: ['cycleId'],
        message: `tier "${tierId}" has no cycle "${cycleId}" in this policy`,
      });
      return;
    }
    // Only rolling cycles recur without the contact's clock; the others need a zone that exists.
    if (!info.every) {
      const timeZone = zoneOf(index);
      if (!isValidZone(timeZone)) {
        errors.push({
          code: 'bad-item',
          record: 'item',
          index,
          contactId: texts.contactId(index),
          cycleId,
          ownerId: ownerId!,
          path: ['reason', 'timeZone'],
          message: `unknown time zone "${timeZone}"`,
        });
        return;
      }
    }
    intake.add(index, ownerNumber, info, contactCalendar, due, paused);
  };
  if (!Array.isArray(input)) {
    const columns = input as EvaluateColumns;
    zoneOf = (row) => columns.timeZone(row);
    const infoOfCycle = columns.cycles.map((cycle) => cycles.get(cycle.tierId)?.get(cycle.cycleId));
    const excluded = STATUS_CODES.indexOf('excluded');
    const ended = STATUS_CODES.indexOf('ended');
    // A contact's rows are neighbours: its owner and calendar are read once for all of them.
    let contact = -1;
    let ownerId: string | null = null;
    let contactCalendar: string | null = null;
    // Read as held: a column that is a rule on the row number is not written out for the plan.
    const rows = heldRows(columns);
    for (let row = 0; row < columns.size; row++) {
      const status = columns.status[row]!;
      if (status === excluded || status === ended) {
        skipped[status === excluded ? 'excluded' : 'ended']++;
        continue;
      }
      if (columnAt(rows.contact, row) !== contact) {
        contact = columnAt(rows.contact, row);
        ownerId = columns.ownerId(row);
        contactCalendar = columns.contactCalendar(row);
      }
      const cycleNumber = columnAt(rows.cycle, row);
      const cycle = columns.cycles[cycleNumber]!;
      const paused = columnAt(rows.pausedDay, row);
      accept(
        row,
        ownerId,
        infoOfCycle[cycleNumber],
        cycle.tierId,
        cycle.cycleId,
        contactCalendar,
        columns.dueDay[row]!,
        paused === NO_DUE_DAY ? undefined : paused,
      );
    }
    intake.packContactIds();
    return { intake, skipped };
  }
  const items = input as readonly unknown[];
  const taken = texts as TakenTexts;
  zoneOf = (index) => taken.reason(index).timeZone;
  for (let index = 0; index < items.length; index++) {
    const value = items[index];
    const problem = itemShapeProblem(value, calendars);
    if (problem) {
      errors.push({ code: 'bad-item', record: 'item', index, ...itemIds(value), path: problem.path, message: problem.message });
      continue;
    }
    const status = (value as DueItem).status;
    if (status === 'excluded' || status === 'ended') {
      skipped[status]++;
      continue;
    }
    const item = value as DatedDueItem;
    taken.take(index, item.contactId, item.reason);
    accept(
      index,
      item.ownerId,
      cycles.get(item.tierId)?.get(item.cycleId),
      item.tierId,
      item.cycleId,
      item.reason.contactCalendar,
      parseDate(item.dueOn)!,
      item.reason.pausedUntil !== null ? parseDate(item.reason.pausedUntil) : undefined,
    );
  }
  intake.packContactIds();
  return { intake, skipped };
}

/*
 * The texts a plan keeps (its days build their lists from them when first read) are classes
 * holding only what they read: a closure would hold its whole enclosing scope, and a plan should
 * not hold the intake's columns and maps.
 */

/**
 * A columnar result's texts: ids read from its columns and kept by row (the intake reads every
 * accepted row's id once, in row order; looked up again through the columns for an overflow entry
 * or a list, each would be a few waits on memory), reasons built on their first request and kept.
 */
class ColumnTexts implements ItemTexts {
  private readonly contactIds: (string | undefined)[];
  private built: Map<number, Reason> | undefined;

  constructor(private readonly columns: EvaluateColumns) {
    this.contactIds = new Array(columns.size);
  }

  contactId(row: number): string {
    let id = this.contactIds[row];
    if (id === undefined) {
      id = this.columns.contactId(row);
      this.contactIds[row] = id;
    }
    return id;
  }

  reason(row: number): Reason {
    this.built ??= new Map();
    let reason = this.built.get(row);
    if (reason === undefined) {
      reason = this.columns.reason(row);
      this.built.set(row, reason);
    }
    return reason;
  }
}

/** Contact ids and reasons taken from the items at intake, by input index. */
class TakenTexts implements ItemTexts {
  private readonly contactIds: string[];
  private readonly reasons: Reason[];

  constructor(size: number) {
    this.contactIds = new Array(size);
    this.reasons = new Array(size);
  }

  take(index: number, contactId: string, reason: Reason): void {
    this.contactIds[index] = contactId;
    this.reasons[index] = reason;
  }

  contactId(index: number): string {
    return this.contactIds[index]!;
  }

  reason(index: number): Reason {
    return this.reasons[index]!;
  }
}

/**
 * The accepted items of every owner, in input order, as typed columns: a million items held
 * without a million small objects or arrays growing in the young generation (which every
 * collection copied). An owner's book is cut out when its turn comes.
 */
export class Intake {
  private size = 0;
  private readonly indexes: Int32Array;
  /** Each item's owner number, until the items are grouped by owner. */
  private owners: Int32Array | undefined;
  private readonly dues: Int32Array;
  private readonly infoNumbers: Int32Array;
  /**
   * The two columns most books leave empty, allocated at their first entry: the day each item's
   * pause ends (`NOT_PAUSED` when it has none), and its index into `calendarList` (−1 for the
   * owner's own calendar).
   */
  private pausedUntil: Int32Array | undefined;
  private calendarNumbers: Int32Array | undefined;
  private readonly contactKeys: Float64Array;
  private readonly infoList: CycleInfo[] = [];
  private readonly infoNumberOf = new Map<CycleInfo, number>();
  private readonly calendarList: WorkCalendar[] = [];
  private readonly calendarNumberOf = new Map<WorkCalendar, number>();
  private readonly ownerNumbers = new Map<string, number>();
  private readonly ownerList: PlanOwner[] = [];
  private readonly ownerCalendars: WorkCalendar[] = [];
  /** Positions grouped by owner (input order within each), and where each owner's start. */
  private grouped: { order: Int32Array; starts: Int32Array } | undefined;

  constructor(
    capacity: number,
    owners: ReadonlyMap<string, PlanOwner>,
    private readonly calendars: CalendarBook,
    private readonly texts: ItemTexts,
  ) {
    this.indexes = new Int32Array(capacity);
    this.contactKeys = new Float64Array(capacity);
    this.owners = new Int32Array(capacity);
    this.dues = new Int32Array(capacity);
    this.infoNumbers = new Int32Array(capacity);
    for (const owner of owners.values()) {
      this.ownerNumbers.set(owner.id, this.ownerList.length);
      this.ownerList.push(owner);
      this.ownerCalendars.push(calendars.forContact(owner.calendar, undefined));
    }
  }

  /** The owner's number, or −1 when it is not among the owners. */
  ownerNumber(ownerId: string): number {
    return this.ownerNumbers.get(ownerId) ?? -1;
  }

  add(index: number, owner: number, info: CycleInfo, contactCalendar: string | null, due: EpochDay, paused: EpochDay | undefined): void {
    const at = this.size++;
    this.indexes[at] = index;
    this.owners![at] = owner;
    let infoNumber = this.infoNumberOf.get(info);
    if (infoNumber === undefined) {
      infoNumber = this.infoList.length;
      this.infoList.push(info);
      this.infoNumberOf.set(info, infoNumber);
    }
    this.infoNumbers[at] = infoNumber;
    if (contactCalendar !== null) {
      const calendar = this.calendars.forContact(this.ownerList[owner]!.calendar, contactCalendar);
      let calendarNumber = this.calendarNumberOf.get(calendar) ?? -1;
      if (calendarNumber < 0) {
        calendarNumber = this.calendarList.length;
        this.calendarList.push(calendar);
        this.calendarNumberOf.set(calendar, calendarNumber);
      }
      this.calendarNumbers ??= new Int32Array(this.indexes.length).fill(-1);
      this.calendarNumbers[at] = calendarNumber;
    }
    this.dues[at] = due;
    if (paused !== undefined) {
      this.pausedUntil ??= new Int32Array(this.indexes.length).fill(NOT_PAUSED);
      this.pausedUntil[at] = paused;
    }
  }

  /**
   * Packs the leading characters of every accepted item's contact id, after those all share.
   * Read in input order, where the book lies in memory, rather than owner by owner, where each
   * read would wait on memory.
   */
  packContactIds(): void {
    const { indexes, texts, contactKeys } = this;
    const shared = sharedPrefixLength(this.size, (at) => texts.contactId(indexes[at]!));
    for (let at = 0; at < this.size; at++) contactKeys[at] = packLeading(texts.contactId(indexes[at]!), shared);
  }

  /** One owner's accepted items in input order; `from`: the owner's first day. */
  book(ownerId: string, from: EpochDay): OwnerBook {
    const owner = this.ownerNumbers.get(ownerId)!;
    const { order, starts } = this.groupByOwner();
    const calendar = this.ownerCalendars[owner]!;
    const { infoList, infoNumbers, calendarList, calendarNumbers, pausedUntil } = this;
    return {
      ownerId,
      calendar,
      positions: order.subarray(starts[owner]!, starts[owner + 1]!),
      indexes: this.indexes,
      dues: this.dues,
      texts: this.texts,
      contactKeys: this.contactKeys,
      info: (position) => infoList[infoNumbers[position]!]!,
      calendarOf: (position) => {
        const number = calendarNumbers === undefined ? -1 : calendarNumbers[position]!;
        return number < 0 ? calendar : calendarList[number]!;
      },
      notBefore: (position) => {
        const paused = pausedUntil === undefined ? NOT_PAUSED : pausedUntil[position]!;
        return paused === NOT_PAUSED ? from : paused;
      },
    };
  }

  /** A counting sort of the positions by owner: stable, so each owner's items stay in input order. */
  private groupByOwner(): { order: Int32Array; starts: Int32Array } {
    if (this.grouped) return this.grouped;
    const owners = this.owners!;
    const starts = new Int32Array(this.ownerList.length + 1);
    for (let at = 0; at < this.size; at++) starts[owners[at]! + 1]!++;
    for (let owner = 0; owner < this.ownerList.length; owner++) starts[owner + 1]! += starts[owner]!;
    const next = starts.slice(0, this.ownerList.length);
    const order = new Int32Array(this.size);
    for (let at = 0; at < this.size; at++) order[next[owners[at]!]!++] = at;
    this.grouped = { order, starts };
    // Grouped once, before the first owner is planned: the column is not read again.
    this.owners = undefined;
    return this.grouped;
  }
}
