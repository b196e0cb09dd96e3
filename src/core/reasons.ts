/**
 * Reasons shared between items. Most items of a book have a reason equal to another item's: the
 * same tier, cycle, zone and calendar, and the same last-touch, due and shift dates (a million
 * contacts touched over a few months in ten zones have a few thousand distinct reasons). Each
 * distinct reason is built once, frozen, and handed to every item it describes, so the object
 * result keeps one object per item instead of two, and the collector has half as much to move.
 *
 * A reason with a part of its own contact (`contactName`, `notCounted`) is built for its item
 * alone, and frozen as well, so every reason behaves the same: read-only.
 */
import type { CompiledCycle } from './compiled.js';
import { type EpochDay, formatDate } from '../time/dates.js';
import type { ZoneClock } from '../time/zones.js';
import type { CycleOutcome } from './cycle.js';
import type { TierAssignment } from './tiers.js';
import type { Cadence } from '../schema/policy.js';
import type { NotCountedTouch, Reason } from './types.js';

/**
 * Slots of the table, in sets of `WAYS`: a reason is looked for in the set a hash of its numbers
 * chooses. With one slot a set, two reasons in use at once that met in a slot would replace each
 * other item after item; four make that rare. Large enough for the distinct reasons of a real
 * book, small enough (2 × 128 KB of pointers) to be cheap to make once per policy.
 */
const WAYS = 4;
const SLOTS = 1 << 14;
const SET_MASK = SLOTS - WAYS;

const dateOrNull = (day: EpochDay): string | null => (Number.isNaN(day) ? null : formatDate(day));

/** A deep-frozen copy of a policy's cadence: the copy every reason of the cycle shares. */
function frozenCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  for (const [key, part] of Object.entries(value)) (copy as Record<string, unknown>)[key] = frozenCopy(part);
  return Object.freeze(copy) as T;
}

/** Whether two cadence details hold the same fields with the same values (they are flat). */
function sameDetail(a: Reason['detail'], b: Reason['detail']): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  let fields = 0;
  for (const key in a) {
    if (!Object.hasOwn(b, key) || a[key] !== b[key]) return false;
    fields++;
  }
  for (const key in b) if (Object.hasOwn(b, key)) fields--;
  return fields === 0;
}

/** The frozen reasons of one compiled policy, shared by every book evaluated against it. */
export class ReasonCache {
  private readonly slots: (Reason | undefined)[] = new Array<Reason | undefined>(SLOTS).fill(undefined);
  /** The cycle each slot's reason is of (its cadence and shift, which the reason holds). */
  private readonly slotCycles: (CompiledCycle | undefined)[] = new Array<CompiledCycle | undefined>(SLOTS).fill(undefined);
  private readonly cadences = new Map<CompiledCycle, Cadence>();
  private readonly zoneNumbers = new Map<ZoneClock, number>();
  private lastZone: ZoneClock | undefined;
  private lastZoneNumber = 0;
  private evictions = 0;

  /**
   * The reason of the (contact, cycle) just computed into `out`: an equal frozen reason built
   * before when there is one, else a new one (frozen, and kept for the next item like it).
   * `own` parts (a name, touches that did not count) make a reason of the item alone.
   */
  reason(
    out: CycleOutcome,
    assignment: TierAssignment,
    compiledCycle: CompiledCycle,
    zone: ZoneClock,
    contactCalendar: string | null,
    lastDay: EpochDay,
    notCounted: NotCountedTouch[] | undefined,
    contactName: string | undefined,
  ): Reason {
    if (notCounted !== undefined || contactName !== undefined)
      return this.build(out, assignment, compiledCycle, zone, contactCalendar, lastDay, notCounted, contactName);
    const slot = this.slotOf(out, compiledCycle, zone, lastDay);
    const lastTouchOn = dateOrNull(lastDay);
    const rawDue = dateOrNull(out.rawDue);
    const shiftedTo = dateOrNull(out.shiftedTo);
    const pausedUntil = dateOrNull(out.pausedUntil);
    const snoozedUntil = dateOrNull(out.snoozedUntil);
    // Each reason has a set of `WAYS` slots; every field is compared, so two reasons that meet in a
    // set are told apart, never confused.
    for (let way = 0; way < WAYS; way++) {
      const known = this.slots[slot + way];
      if (known === undefined) break;
      if (
        this.slotCycles[slot + way] === compiledCycle &&
        known.lastTouchOn === lastTouchOn &&
        known.rawDue === rawDue &&
        known.shiftedTo === shiftedTo &&
        known.tierId === assignment.tierId &&
        known.tier === assignment.basis &&
        known.timeZone === zone.name &&
        known.basis === out.basis &&
        known.contactCalendar === contactCalendar &&
        known.pausedUntil === pausedUntil &&
        known.snoozedUntil === snoozedUntil &&
        known.notCounted === undefined &&
        known.contactName === undefined &&
        sameDetail(known.detail, out.detail)
      )
        return known;
    }
    const reason = this.build(out, assignment, compiledCycle, zone, contactCalendar, lastDay, undefined, undefined);
    // An empty slot of the set, else one in turn: a set full of reasons still in use loses one of them.
    let way = 0;
    while (way < WAYS && this.slots[slot + way] !== undefined) way++;
    if (way === WAYS) way = this.evictions++ & (WAYS - 1);
    this.slots[slot + way] = reason;
    this.slotCycles[slot + way] = compiledCycle;
    return reason;
  }

  /** The slot of a reason: a hash of its cycle, zone and dates (the other fields are few per book). */
  private slotOf(out: CycleOutcome, compiledCycle: CompiledCycle, zone: ZoneClock, lastDay: EpochDay): number {
    // `NaN | 0` is 0: no date hashes as day 0, and the comparison tells them apart.
    let hash = Math.imul(compiledCycle.number + 1, 0x9e3779b1);
    hash = Math.imul(hash ^ this.zoneNumber(zone), 0x85ebca77);
    hash = Math.imul(hash ^ (lastDay | 0), 0xc2b2ae3d);
    hash = Math.imul(hash ^ (out.rawDue | 0), 0x27d4eb2f);
    hash = Math.imul(hash ^ (out.shiftedTo | 0), 0x165667b1);
    hash = Math.imul(hash ^ (out.pausedUntil | 0) ^ ((out.snoozedUntil | 0) << 11), 0x9e3779b1);
    return (hash ^ (hash >>> 16)) & SET_MASK;
  }

  private zoneNumber(zone: ZoneClock): number {
    if (zone === this.lastZone) return this.lastZoneNumber;
    let number = this.zoneNumbers.get(zone);
    if (number === undefined) {
      number = this.zoneNumbers.size + 1;
      this.zoneNumbers.set(zone, number);
    }
    this.lastZone = zone;
    this.lastZoneNumber = number;
    return number;
  }

  private cadenceOf(compiledCycle: CompiledCycle): Cadence {
    let cadence = this.cadences.get(compiledCycle);
    if (cadence === undefined) {
      cadence = frozenCopy(compiledCycle.cycle.cadence);
      this.cadences.set(compiledCycle, cadence);
    }
    return cadence;
  }

  private build(
    out: CycleOutcome,
    assignment: TierAssignment,
    compiledCycle: CompiledCycle,
    zone: ZoneClock,
    contactCalendar: string | null,
    lastDay: EpochDay,
    notCounted: NotCountedTouch[] | undefined,
    contactName: string | undefined,
  ): Reason {
    // A cadence makes a new detail for every (contact, cycle): frozen where it is, not copied.
    const detail = out.detail === undefined ? undefined : Object.freeze(out.detail);
    // Every field in one literal in a fixed order: reasons of one kind share a hidden class, and
    // no key is added after the object is made (a second allocation).
    const reason: Reason = {
      tierId: assignment.tierId,
      tier: assignment.basis,
      cycleId: compiledCycle.cycle.id,
      cadence: this.cadenceOf(compiledCycle),
      timeZone: zone.name,
      contactCalendar,
      basis: out.basis,
      lastTouchOn: dateOrNull(lastDay),
      rawDue: dateOrNull(out.rawDue),
      shiftedTo: dateOrNull(out.shiftedTo),
      shift: compiledCycle.shift,
      pausedUntil: dateOrNull(out.pausedUntil),
      snoozedUntil: dateOrNull(out.snoozedUntil),
    };
    if (detail !== undefined && notCounted === undefined) reason.detail = detail;
    if (notCounted !== undefined) {
      for (const touch of notCounted) Object.freeze(touch);
      reason.notCounted = Object.freeze(notCounted) as NotCountedTouch[];
      if (detail !== undefined) reason.detail = detail;
    }
    if (contactName !== undefined) reason.contactName = contactName;
    return Object.freeze(reason);
  }
}

/** One cache per compiled policy, found by its calendar book (made once per compiled policy). */
const caches = new WeakMap<object, ReasonCache>();

/**
 * The reason cache of a compiled policy: every book evaluated against it (a whole book, the
 * chunks of a stream, the rows of a columnar result built on demand) shares its reasons.
 */
export function reasonCacheFor(policyKey: object): ReasonCache {
  let cache = caches.get(policyKey);
  if (cache === undefined) {
    cache = new ReasonCache();
    caches.set(policyKey, cache);
  }
  return cache;
}
