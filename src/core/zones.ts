/**
 * Local dates of instants in IANA zones, fast.
 *
 * Asking luxon or Intl for the offset of every touch of a million contacts is the slow part of a
 * naive engine. Offsets change at most a few times a year, so each zone keeps, per UTC day, the
 * offset at the day's start and at its end: when the two agree (every day but transition days)
 * the whole day shares that offset and a local date is one addition and one division away. Only
 * on a transition day is the exact offset asked for.
 */
import { IANAZone } from 'luxon';
import { type EpochDay, MS_PER_DAY } from './dates.js';

const MS_PER_MINUTE = 60_000;

/** A zone that turns instants into local civil dates. */
export interface ZoneClock {
  readonly name: string;
  /** The civil date of an instant (epoch ms) in this zone. */
  localDay(ms: number): EpochDay;
  /** The UTC offset in minutes at an instant. */
  offsetMinutes(ms: number): number;
}

class IanaZoneClock implements ZoneClock {
  readonly name: string;
  private readonly zone: IANAZone;
  // UTC day → offset (minutes) when constant over that day, or NaN on a transition day.
  private readonly dayOffsets = new Map<number, number>();

  constructor(name: string) {
    this.name = name;
    this.zone = IANAZone.create(name);
  }

  offsetMinutes(ms: number): number {
    const utcDay = Math.floor(ms / MS_PER_DAY);
    let offset = this.dayOffsets.get(utcDay);
    if (offset === undefined) {
      const atStart = this.zone.offset(utcDay * MS_PER_DAY);
      const atEnd = this.zone.offset((utcDay + 1) * MS_PER_DAY - 1);
      offset = atStart === atEnd ? atStart : Number.NaN;
      if (this.dayOffsets.size > 200_000) this.dayOffsets.clear();
      this.dayOffsets.set(utcDay, offset);
    }
    return Number.isNaN(offset) ? this.zone.offset(ms) : offset;
  }

  localDay(ms: number): EpochDay {
    return Math.floor((ms + this.offsetMinutes(ms) * MS_PER_MINUTE) / MS_PER_DAY);
  }
}

const clocks = new Map<string, ZoneClock | null>();

/** The clock for an IANA zone name, or `undefined` when the zone is unknown. Cached per name. */
export function zoneClock(name: string): ZoneClock | undefined {
  let clock = clocks.get(name);
  if (clock === undefined) {
    clock = IANAZone.isValidZone(name) ? new IanaZoneClock(name) : null;
    clocks.set(name, clock);
  }
  return clock ?? undefined;
}

export function isValidZone(name: string): boolean {
  return zoneClock(name) !== undefined;
}
