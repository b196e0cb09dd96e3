/**
 * The planner's intake: owners and items checked one by one (a bad one is a `PlanError`, the rest
 * are planned), sorted into one book per owner, then numbered as columns for the day loop.
 */
import type { CalendarBook, WorkCalendar } from '../core/calendar.js';
import { type EpochDay, parseDate } from '../core/dates.js';
import { idText, isId, isPlainObject, ownerProblems } from '../core/records.js';
import { type EvaluateColumns, NO_DUE_DAY, STATUS_CODES } from '../core/columns.js';
import type { DatedDueItem, DueItem, Owner, Reason } from '../core/types.js';
import { isValidZone } from '../core/zones.js';
import type { CapacityShare } from '../schema/policy.js';
import { JobTable } from './jobs.js';
import { addRow, type CycleInfo, type RollingNext, type RollingTables } from './rules.js';
import type { PlanError } from './types.js';

/** An owner as the planner uses it: its id as text. */
export interface PlanOwner {
  readonly id: string;
  readonly calendar: string | undefined;
  readonly dailyCapacity: number | undefined;
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
  readonly contactIds: readonly string[];
  readonly cycleIds: readonly string[];
  readonly tierIds: readonly string[];
  readonly dues: Int32Array;
  /** Not before this day: the plan's start, or the day a pause ends. */
  readonly notBefore: Int32Array;
  info(position: number): CycleInfo;
  /** The owner's calendar combined with the contact's. */
  calendarOf(position: number): WorkCalendar;
}

/**
 * An owner's items as columns, numbered in (contact id, cycle id) order so the number breaks ties
 * between rows and a contact's items are neighbours. The day loop reads these arrays rather than
 * a million objects scattered over the heap.
 */
export interface OwnerWork {
  readonly contactIds: readonly string[];
  readonly cycleIds: readonly string[];
  readonly tierIds: readonly string[];
  /** The item's reason by item number: the input item's own, or built on demand from a columnar result. */
  reasonOf(source: number): Reason;
  readonly infos: readonly CycleInfo[];
  /** The owner's calendar combined with the contact's. */
  readonly calendars: readonly WorkCalendar[];
  /** Rolling cycles: the next occurrence by planned day. */
  readonly rolling: readonly (RollingNext | undefined)[];
  /** Index of the capacity share whose tiers include the item's tier; the number of shares for the rest. */
  readonly groupOf: Int32Array;
  /** 1 where the contact's calendar adds to the owner's, so each day has to be checked for the contact too. */
  readonly ownCalendar: Uint8Array;
  /** The contact each item belongs to, numbered from 0 in contact id order. */
  readonly contactOf: Int32Array;
  /** The first item of each contact, and the item count at the end: contact c has items contactFirst[c] … contactFirst[c + 1] − 1. */
  readonly contactFirst: Int32Array;
  readonly jobs: JobTable;
}

const STATUSES: ReadonlySet<unknown> = new Set(['upcoming', 'soon', 'due', 'overdue', 'paused', 'excluded', 'ended']);

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** What is wrong with an item's shape (the fields the planner reads), or undefined. */
function itemShapeProblem(value: unknown, calendars: CalendarBook): { path: (string | number)[]; message: string } | undefined {
  if (!isPlainObject(value)) return { path: [], message: 'not an object' };
  if (!STATUSES.has(value.status)) return { path: ['status'], message: 'not a status evaluate gives' };
  if (value.status === 'excluded' || value.status === 'ended') return undefined;
  for (const field of ['contactId', 'cycleId', 'tierId'] as const)
    if (!isText(value[field])) return { path: [field], message: 'missing or not a non-empty string' };
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
    owners.set(id, { id, calendar: owner.calendar, dailyCapacity: owner.dailyCapacity });
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

/** The input items: `evaluate`'s objects or `evaluateColumns`' rows, with each one's reason on demand. */
export type ItemInput = readonly unknown[] | EvaluateColumns;

/**
 * Sorts the items into one book per owner. Excluded and ended items are counted in `skipped`; an
 * item the planner cannot take (bad shape, no or unknown owner, a cycle the policy lacks) is an error.
 * A columnar result is read row by row from its arrays: no item object is built.
 */
export function readItems(
  input: ItemInput,
  owners: ReadonlyMap<string, PlanOwner>,
  cycles: ReadonlyMap<string, ReadonlyMap<string, CycleInfo>>,
  calendars: CalendarBook,
  from: EpochDay,
  errors: PlanError[],
): { intake: Intake; skipped: { excluded: number; ended: number }; reasonAt: (index: number) => Reason } {
  const skipped = { excluded: 0, ended: 0 };
  const intake = new Intake(Array.isArray(input) ? input.length : (input as EvaluateColumns).size, owners, calendars);
  const accept = (fields: AcceptedItem): void => {
    const { index, contactId, cycleId, tierId, ownerId, timeZone, contactCalendar, due, paused } = fields;
    const ownerNumber = ownerId !== null ? intake.ownerNumber(ownerId) : -1;
    if (ownerNumber < 0) {
      errors.push({
        code: ownerId === null ? 'no-owner' : 'unknown-owner',
        record: 'item',
        index,
        contactId,
        cycleId,
        ...(ownerId !== null ? { ownerId } : {}),
        path: ['ownerId'],
        message: ownerId === null ? 'the item has no owner to plan it for' : `unknown owner "${ownerId}"`,
      });
      return;
    }
    const info = cycles.get(tierId)?.get(cycleId);
    if (!info) {
      errors.push({
        code: 'unknown-cycle',
        record: 'item',
        index,
        contactId,
        cycleId,
        ownerId: ownerId!,
        path: ['cycleId'],
        message: `tier "${tierId}" has no cycle "${cycleId}" in this policy`,
      });
      return;
    }
    // Only rolling cycles recur without the contact's clock; the others need a zone that exists.
    if (!info.every && !isValidZone(timeZone)) {
      errors.push({
        code: 'bad-item',
        record: 'item',
        index,
        contactId,
        cycleId,
        ownerId: ownerId!,
        path: ['reason', 'timeZone'],
        message: `unknown time zone "${timeZone}"`,
      });
      return;
    }
    intake.add(index, ownerNumber, contactId, cycleId, tierId, info, contactCalendar, due, paused ?? from);
  };
  if (!Array.isArray(input)) {
    const columns = input as EvaluateColumns;
    const excluded = STATUS_CODES.indexOf('excluded');
    const ended = STATUS_CODES.indexOf('ended');
    for (let row = 0; row < columns.size; row++) {
      const status = columns.status[row]!;
      if (status === excluded || status === ended) {
        skipped[status === excluded ? 'excluded' : 'ended']++;
        continue;
      }
      const paused = columns.pausedDay[row]!;
      accept({
        index: row,
        contactId: columns.contactId(row),
        cycleId: columns.cycleId(row),
        tierId: columns.tierId(row),
        ownerId: columns.ownerId(row),
        timeZone: columns.timeZone(row),
        contactCalendar: columns.contactCalendar(row),
        due: columns.dueDay[row]!,
        paused: paused === NO_DUE_DAY ? undefined : paused,
      });
    }
    // Reasons are built only for the rows the plan shows, once each.
    return { intake, skipped, reasonAt: columnReasons(columns) };
  }
  const items = input as readonly unknown[];
  // Each accepted item's reason, taken now: the plan's lists are built when first read, and by
  // then the caller may have emptied or reused its array.
  const reasons: Reason[] = new Array(items.length);
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
    reasons[index] = item.reason;
    accept({
      index,
      contactId: item.contactId,
      cycleId: item.cycleId,
      tierId: item.tierId,
      ownerId: item.ownerId,
      timeZone: item.reason.timeZone,
      contactCalendar: item.reason.contactCalendar,
      due: parseDate(item.dueOn)!,
      paused: item.reason.pausedUntil !== null ? parseDate(item.reason.pausedUntil) : undefined,
    });
  }
  return { intake, skipped, reasonAt: reasonsByIndex(reasons) };
}

/*
 * The reason readers a plan keeps (its days build their lists from them when first read) are made
 * here, out of the functions that read the items: a closure holds its whole enclosing scope, and
 * a plan should hold the reasons, not the intake's columns and maps.
 */

/** A columnar result's reasons, each built on its first request and kept. */
function columnReasons(columns: EvaluateColumns): (row: number) => Reason {
  const built: (Reason | undefined)[] = new Array(columns.size);
  return (row) => {
    let reason = built[row];
    if (reason === undefined) {
      reason = columns.reason(row);
      built[row] = reason;
    }
    return reason;
  };
}

/** Reasons taken from the items at intake, by input index. */
function reasonsByIndex(reasons: readonly Reason[]): (index: number) => Reason {
  return (index) => reasons[index]!;
}

/** An owner's reasons by item number. */
function reasonsBySource(inputIndexes: readonly number[], reasonAt: (index: number) => Reason): (source: number) => Reason {
  return (source) => reasonAt(inputIndexes[source]!);
}

/** What the planner reads of one item, whichever shape it came in. */
interface AcceptedItem {
  readonly index: number;
  readonly contactId: string;
  readonly cycleId: string;
  readonly tierId: string;
  readonly ownerId: string | null;
  readonly timeZone: string;
  readonly contactCalendar: string | null;
  readonly due: EpochDay;
  readonly paused: EpochDay | undefined;
}

/**
 * The accepted items of every owner, in input order, as typed columns and three preallocated
 * arrays of ids: a million items held without a million small arrays growing in the young
 * generation (which every collection copied). An owner's book is cut out when its turn comes.
 */
export class Intake {
  private size = 0;
  private readonly indexes: Int32Array;
  private readonly owners: Int32Array;
  private readonly dues: Int32Array;
  private readonly notBefore: Int32Array;
  private readonly infoNumbers: Int32Array;
  /** Index into `calendarList`, or −1 for the owner's own calendar. */
  private readonly calendarNumbers: Int32Array;
  private readonly contactIds: string[];
  private readonly cycleIds: string[];
  private readonly tierIds: string[];
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
  ) {
    this.indexes = new Int32Array(capacity);
    this.owners = new Int32Array(capacity);
    this.dues = new Int32Array(capacity);
    this.notBefore = new Int32Array(capacity);
    this.infoNumbers = new Int32Array(capacity);
    this.calendarNumbers = new Int32Array(capacity);
    this.contactIds = new Array(capacity);
    this.cycleIds = new Array(capacity);
    this.tierIds = new Array(capacity);
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

  add(
    index: number,
    owner: number,
    contactId: string,
    cycleId: string,
    tierId: string,
    info: CycleInfo,
    contactCalendar: string | null,
    due: EpochDay,
    notBefore: EpochDay,
  ): void {
    const at = this.size++;
    this.indexes[at] = index;
    this.owners[at] = owner;
    this.contactIds[at] = contactId;
    this.cycleIds[at] = cycleId;
    this.tierIds[at] = tierId;
    let infoNumber = this.infoNumberOf.get(info);
    if (infoNumber === undefined) {
      infoNumber = this.infoList.length;
      this.infoList.push(info);
      this.infoNumberOf.set(info, infoNumber);
    }
    this.infoNumbers[at] = infoNumber;
    let calendarNumber = -1;
    if (contactCalendar !== null) {
      const calendar = this.calendars.forContact(this.ownerList[owner]!.calendar, contactCalendar);
      calendarNumber = this.calendarNumberOf.get(calendar) ?? -1;
      if (calendarNumber < 0) {
        calendarNumber = this.calendarList.length;
        this.calendarList.push(calendar);
        this.calendarNumberOf.set(calendar, calendarNumber);
      }
    }
    this.calendarNumbers[at] = calendarNumber;
    this.dues[at] = due;
    this.notBefore[at] = notBefore;
  }

  /** One owner's accepted items in input order. */
  book(ownerId: string): OwnerBook {
    const owner = this.ownerNumbers.get(ownerId)!;
    const { order, starts } = this.groupByOwner();
    const calendar = this.ownerCalendars[owner]!;
    const { infoList, infoNumbers, calendarList, calendarNumbers } = this;
    return {
      ownerId,
      calendar,
      positions: order.subarray(starts[owner]!, starts[owner + 1]!),
      indexes: this.indexes,
      contactIds: this.contactIds,
      cycleIds: this.cycleIds,
      tierIds: this.tierIds,
      dues: this.dues,
      notBefore: this.notBefore,
      info: (position) => infoList[infoNumbers[position]!]!,
      calendarOf: (position) => {
        const number = calendarNumbers[position]!;
        return number < 0 ? calendar : calendarList[number]!;
      },
    };
  }

  /** A counting sort of the positions by owner: stable, so each owner's items stay in input order. */
  private groupByOwner(): { order: Int32Array; starts: Int32Array } {
    if (this.grouped) return this.grouped;
    const starts = new Int32Array(this.ownerList.length + 1);
    for (let at = 0; at < this.size; at++) starts[this.owners[at]! + 1]!++;
    for (let owner = 0; owner < this.ownerList.length; owner++) starts[owner + 1]! += starts[owner]!;
    const next = starts.slice(0, this.ownerList.length);
    const order = new Int32Array(this.size);
    for (let at = 0; at < this.size; at++) order[next[this.owners[at]!]!++] = at;
    this.grouped = { order, starts };
    return this.grouped;
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** How shares group the tiers: the index of the share of each tier in one. */
export function shareGroups(shares: readonly CapacityShare[]): Map<string, number> {
  const groupOfTier = new Map<string, number>();
  shares.forEach((share, index) => {
    for (const tier of share.tiers) groupOfTier.set(tier, index);
  });
  return groupOfTier;
}

/**
 * Numbers an owner's items in (contact id, cycle id) order as columns and makes their first rows;
 * a repeated (contact, cycle) is an error and planned once.
 */
export function ownerWork(
  book: OwnerBook,
  start: EpochDay,
  groupOfTier: ReadonlyMap<string, number>,
  shareCount: number,
  rollingTables: RollingTables,
  errors: PlanError[],
  reasonAt: (index: number) => Reason,
): OwnerWork {
  const { contactIds: contactIdsIn, cycleIds: cycleIdsIn, tierIds: tierIdsIn } = book;
  // Positions grow with the input index within an owner, so the last key keeps the input order of equal ids.
  const order = Array.from(book.positions).sort(
    (a, b) => compareText(contactIdsIn[a]!, contactIdsIn[b]!) || compareText(cycleIdsIn[a]!, cycleIdsIn[b]!) || a - b,
  );
  const contactIds: string[] = [];
  const cycleIds: string[] = [];
  const tierIds: string[] = [];
  const inputIndexes: number[] = [];
  const infos: CycleInfo[] = [];
  const calendars: WorkCalendar[] = [];
  const rolling: (RollingNext | undefined)[] = [];
  const groupOf = new Int32Array(order.length);
  const ownCalendar = new Uint8Array(order.length);
  const contactOf = new Int32Array(order.length);
  const firsts: number[] = [];
  const jobs = new JobTable(order.length * 2);
  let previous = -1;
  for (const at of order) {
    const contactId = contactIdsIn[at]!;
    const cycleId = cycleIdsIn[at]!;
    if (previous >= 0 && contactIdsIn[previous] === contactId && cycleIdsIn[previous] === cycleId) {
      errors.push({
        code: 'duplicate-item',
        record: 'item',
        index: book.indexes[at]!,
        contactId,
        cycleId,
        ownerId: book.ownerId,
        path: ['cycleId'],
        message: `duplicate of item ${book.indexes[previous]} (same contact and cycle): planned once`,
      });
      continue;
    }
    const number = contactIds.length;
    if (previous < 0 || contactIdsIn[previous] !== contactId) firsts.push(number);
    previous = at;
    const info = book.info(at);
    const calendar = book.calendarOf(at);
    const tierId = tierIdsIn[at]!;
    contactIds.push(contactId);
    cycleIds.push(cycleId);
    tierIds.push(tierId);
    inputIndexes.push(book.indexes[at]!);
    infos.push(info);
    calendars.push(calendar);
    rolling.push(info.every ? rollingTables.get(info, calendar) : undefined);
    groupOf[number] = groupOfTier.get(tierId) ?? shareCount;
    ownCalendar[number] = calendar !== book.calendar ? 1 : 0;
    contactOf[number] = firsts.length - 1;
    addRow(jobs, number, info, calendar, book.dues[at]!, 0, start, book.notBefore[at]!);
  }
  firsts.push(contactIds.length);
  return {
    contactIds,
    cycleIds,
    tierIds,
    reasonOf: reasonsBySource(inputIndexes, reasonAt),
    infos,
    calendars,
    rolling,
    groupOf,
    ownCalendar,
    contactOf: contactOf.subarray(0, contactIds.length),
    contactFirst: Int32Array.from(firsts),
    jobs,
  };
}
