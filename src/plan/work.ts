/**
 * An owner's book numbered for the day loop: its items as columns in (contact id, cycle id)
 * order, so the number breaks ties between rows the same way whatever the input order and a
 * contact's items are neighbours, with the first row of each.
 */
import type { WorkCalendar } from '../core/calendar.js';
import type { EpochDay } from '../time/dates.js';
import type { Reason } from '../core/types.js';
import type { CapacityShare } from '../schema/policy.js';
import type { ItemTexts, OwnerBook } from './book.js';
import { orderByPacked } from './id-order.js';
import type { JobTable } from './jobs.js';
import { addRow, type CycleInfo, type RollingNext, type RollingTables } from './rules.js';
import type { PlanError } from './types.js';

/**
 * An owner's items as columns. The day loop reads these arrays rather than a million objects
 * scattered over the heap; a plan keeps only `inputIndexes`, `infos` and `texts` of it (its lists
 * are built from them when read), so the rest is freed once the owner's days are planned.
 */
export interface OwnerWork {
  /** How many items. */
  readonly size: number;
  /** Each item's position in the input (the row, for a columnar result). */
  readonly inputIndexes: Int32Array;
  readonly texts: ItemTexts;
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

/** The contact id of an item, by item number. */
export function contactIdOf(work: Pick<OwnerWork, 'texts' | 'inputIndexes'>, source: number): string {
  return work.texts.contactId(work.inputIndexes[source]!);
}

/** The reason of an item, by item number: the input item's own, or built on demand from a columnar result. */
export function reasonOf(work: Pick<OwnerWork, 'texts' | 'inputIndexes'>, source: number): Reason {
  return work.texts.reason(work.inputIndexes[source]!);
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
 * Numbers an owner's items in (contact id, cycle id) order as columns and makes their first rows
 * in `jobs` (emptied first: one table serves owner after owner); a repeated (contact, cycle) is
 * an error and planned once.
 */
export function ownerWork(
  book: OwnerBook,
  start: EpochDay,
  groupOfTier: ReadonlyMap<string, number>,
  shareCount: number,
  rollingTables: RollingTables,
  errors: PlanError[],
  jobs: JobTable,
): OwnerWork {
  const { positions, indexes, texts } = book;
  const count = positions.length;
  const packed = new Float64Array(count);
  for (let at = 0; at < count; at++) packed[at] = book.contactKeys[positions[at]!]!;
  // Contact ids are read only where packed characters tie (a contact's cycles, ids alike for longer).
  const contactIds = new Array<string | undefined>(count);
  const contactIdAt = (at: number): string => {
    let id = contactIds[at];
    if (id === undefined) {
      id = texts.contactId(indexes[positions[at]!]!);
      contactIds[at] = id;
    }
    return id;
  };
  const cycleIdAt = (at: number) => book.info(positions[at]!).cycle.id;
  const sameContact = (a: number, b: number) => packed[a] === packed[b] && contactIdAt(a) === contactIdAt(b);
  // Positions grow with the input index within an owner, so ties keep the input order of equal ids.
  const order = orderByPacked(
    packed,
    (a, b) => compareText(contactIdAt(a), contactIdAt(b)) || compareText(cycleIdAt(a), cycleIdAt(b)) || a - b,
  );
  const inputIndexes = new Int32Array(count);
  const infos: CycleInfo[] = [];
  const calendars: WorkCalendar[] = [];
  const rolling: (RollingNext | undefined)[] = [];
  const groupOf = new Int32Array(count);
  const ownCalendar = new Uint8Array(count);
  const contactOf = new Int32Array(count);
  const firsts: number[] = [];
  jobs.clear(count * 2);
  let previous = -1;
  for (const at of order) {
    const position = positions[at]!;
    const isNewContact = previous < 0 || !sameContact(previous, at);
    if (!isNewContact && cycleIdAt(previous) === cycleIdAt(at)) {
      const contactId = contactIdAt(at);
      const cycleId = cycleIdAt(at);
      errors.push({
        code: 'duplicate-item',
        record: 'item',
        index: indexes[position]!,
        contactId,
        cycleId,
        ownerId: book.ownerId,
        path: ['cycleId'],
        message: `duplicate of item ${indexes[positions[previous]!]} (same contact and cycle): planned once`,
      });
      continue;
    }
    const number = infos.length;
    if (isNewContact) firsts.push(number);
    previous = at;
    const info = book.info(position);
    const calendar = book.calendarOf(position);
    inputIndexes[number] = indexes[position]!;
    infos.push(info);
    calendars.push(calendar);
    rolling.push(info.every ? rollingTables.get(info, calendar) : undefined);
    groupOf[number] = groupOfTier.get(info.tierId) ?? shareCount;
    ownCalendar[number] = calendar !== book.calendar ? 1 : 0;
    contactOf[number] = firsts.length - 1;
    addRow(jobs, number, info, calendar, book.dues[position]!, 0, start, book.notBefore(position));
  }
  const size = infos.length;
  firsts.push(size);
  return {
    size,
    inputIndexes: size === count ? inputIndexes : inputIndexes.slice(0, size),
    texts,
    infos,
    calendars,
    rolling,
    groupOf,
    ownCalendar,
    contactOf: contactOf.subarray(0, size),
    contactFirst: Int32Array.from(firsts),
    jobs,
  };
}
