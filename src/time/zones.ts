/**
 * Local dates of instants in IANA zones, fast.
 *
 * Asking luxon or Intl for the offset of every touch of a million contacts is the slow part of a
 * naive engine. Offsets change at most a few times a year, so each zone keeps, per UTC day, the
 * offset at the day's start and at its end: when the two agree (every day but transition days)
 * the whole day shares that offset and a local date is one addition and one division away. Only
 * on a transition day is the exact offset asked for.
 *
 * The offsets come from the runtime's own time-zone data through `Intl.DateTimeFormat`, as
 * luxon's `IANAZone` reads them (a test holds the two equal on random instants in many zones).
 * The engine used nothing else of luxon, whose classes cannot be tree-shaken: reading Intl here
 * keeps 22 KB gzipped of date library out of a browser bundle of the engine. The adapters and the
 * iCalendar writer, which format and parse dates, still use luxon.
 */
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

// Offsets are cached in blocks of this many UTC days; a book's touches fall in a few blocks.
const BLOCK_DAYS = 256;
const UNKNOWN = 1e9; // no offset is this large; NaN marks a transition day
const MAX_BLOCKS = 2_000;

class IanaZoneClock implements ZoneClock {
  readonly name: string;
  private readonly zone: IntlZone;
  // Block number → per UTC day the offset (minutes) when constant over that day, NaN on a
  // transition day, UNKNOWN until asked. The last block used is kept at hand: a map lookup per
  // touch cost more than the arithmetic.
  private readonly blocks = new Map<number, Float64Array>();
  private lastBlockNumber = Number.NaN;
  private lastBlock: Float64Array = new Float64Array(0);
  // The block used before the last one: a book's instants straddle a block boundary as often
  // as not, and switching between two blocks should not cost a map lookup each time.
  private previousBlockNumber = Number.NaN;
  private previousBlock: Float64Array = new Float64Array(0);
  // UTC day → its one offset change, for transition days; null when the day has more than one.
  private readonly transitions = new Map<number, Transition | null>();

  constructor(name: string) {
    this.name = name;
    this.zone = new IntlZone(name);
  }

  offsetMinutes(ms: number): number {
    const utcDay = Math.floor(ms / MS_PER_DAY);
    const blockNumber = Math.floor(utcDay / BLOCK_DAYS);
    const block = blockNumber === this.lastBlockNumber ? this.lastBlock : this.block(blockNumber);
    const slot = utcDay - blockNumber * BLOCK_DAYS;
    let offset = block[slot]!;
    if (offset === UNKNOWN) {
      const atStart = this.zone.offset(utcDay * MS_PER_DAY);
      const atEnd = this.zone.offset((utcDay + 1) * MS_PER_DAY - 1);
      offset = atStart === atEnd ? atStart : Number.NaN;
      block[slot] = offset;
    }
    return Number.isNaN(offset) ? this.transitionDayOffset(utcDay, ms) : offset;
  }

  /**
   * The offset at an instant of a transition day. The change is found once per day by bisection
   * (a few dozen offset lookups), so the touches of a DST weekend do not each ask Intl.
   */
  private transitionDayOffset(utcDay: number, ms: number): number {
    let transition = this.transitions.get(utcDay);
    if (transition === undefined) {
      transition = findTransition(this.zone, utcDay * MS_PER_DAY, (utcDay + 1) * MS_PER_DAY - 1);
      if (this.transitions.size >= MAX_BLOCKS) this.transitions.clear();
      this.transitions.set(utcDay, transition);
    }
    if (transition === null) return this.zone.offset(ms);
    return ms < transition.at ? transition.before : transition.after;
  }

  localDay(ms: number): EpochDay {
    // The common case, a day of the block at hand whose offset held all day, is kept small
    // enough to be inlined where it is called: a number passed to a call that is not inlined
    // is boxed, one short-lived object per contact.
    const utcDay = Math.floor(ms / MS_PER_DAY);
    const slot = utcDay - this.lastBlockNumber * BLOCK_DAYS;
    if (slot >= 0 && slot < BLOCK_DAYS) {
      const offset = this.lastBlock[slot]!;
      if (offset !== UNKNOWN && !Number.isNaN(offset)) return Math.floor((ms + offset * MS_PER_MINUTE) / MS_PER_DAY);
    }
    return Math.floor((ms + this.offsetMinutes(ms) * MS_PER_MINUTE) / MS_PER_DAY);
  }

  private block(blockNumber: number): Float64Array {
    let block = blockNumber === this.previousBlockNumber ? this.previousBlock : this.blocks.get(blockNumber);
    if (block === undefined) {
      if (this.blocks.size >= MAX_BLOCKS) this.blocks.clear();
      block = new Float64Array(BLOCK_DAYS).fill(UNKNOWN);
      this.blocks.set(blockNumber, block);
    }
    this.previousBlockNumber = this.lastBlockNumber;
    this.previousBlock = this.lastBlock;
    this.lastBlockNumber = blockNumber;
    this.lastBlock = block;
    return block;
  }
}

/**
 * A zone's offset at any instant, read from `Intl.DateTimeFormat`: the instant's wall-clock
 * fields in the zone, read back as if they were UTC, minus the instant (to the second).
 */
class IntlZone {
  private readonly format: Intl.DateTimeFormat;

  constructor(name: string) {
    // en-US with an era and a 24-hour clock: numeric fields whatever the runtime's locale, and
    // years before 1 AD told apart.
    this.format = new Intl.DateTimeFormat('en-US', {
      hour12: false,
      timeZone: name,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
  }

  /** The offset in minutes at an instant (epoch ms); NaN for an instant past Date's range. */
  offset(ms: number): number {
    const date = new Date(ms);
    if (Number.isNaN(date.getTime())) return Number.NaN;
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let beforeChrist = false;
    for (const { type, value } of this.format.formatToParts(date)) {
      if (type === 'era') beforeChrist = value === 'BC' || value === 'B';
      else if (type === 'year') year = Number.parseInt(value, 10);
      else if (type === 'month') month = Number.parseInt(value, 10);
      else if (type === 'day') day = Number.parseInt(value, 10);
      else if (type === 'hour') hour = Number.parseInt(value, 10);
      else if (type === 'minute') minute = Number.parseInt(value, 10);
      else if (type === 'second') second = Number.parseInt(value, 10);
    }
    if (beforeChrist) year = 1 - year;
    // Some runtimes write midnight as 24 with hour12 off (chromium issue 1025564).
    if (hour === 24) hour = 0;
    const wall = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
    // Date.UTC reads years 0–99 as 1900–1999; set the year on its own.
    wall.setUTCFullYear(year, month - 1, day);
    const whole = ms - (((ms % 1000) + 1000) % 1000);
    return (wall.getTime() - whole) / 60_000;
  }
}

/** Whether the runtime's time-zone data knows the name. */
function isKnownToIntl(name: string): boolean {
  if (!name) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name }).format();
    return true;
  } catch {
    return false;
  }
}

interface Transition {
  /** First instant (ms) with the new offset. */
  readonly at: number;
  readonly before: number;
  readonly after: number;
}

/** The single offset change between `from` and `to`, or null when there is more than one. */
function findTransition(zone: IntlZone, from: number, to: number): Transition | null {
  const before = zone.offset(from);
  const after = zone.offset(to);
  let low = from; // offset `before`
  let high = to; // offset differs from `before`
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (zone.offset(middle) === before) low = middle;
    else high = middle;
  }
  // A second change later that day would make one split point wrong: such days ask Intl each time.
  return zone.offset(high) === after ? { at: high, before, after } : null;
}

const clocks = new Map<string, ZoneClock>();
// Unknown names are remembered too (a bad export repeats the same one a million times), but in a
// bounded set: a stream of distinct junk names must not grow memory without end.
const unknownNames = new Set<string>();
const MAX_UNKNOWN_NAMES = 1024;

/** The clock for an IANA zone name, or `undefined` when the zone is unknown. Cached per name. */
export function zoneClock(name: string): ZoneClock | undefined {
  const clock = clocks.get(name);
  if (clock !== undefined) return clock;
  if (typeof name !== 'string' || unknownNames.has(name)) return undefined;
  if (isKnownToIntl(name)) {
    const created = new IanaZoneClock(name);
    clocks.set(name, created);
    return created;
  }
  if (unknownNames.size >= MAX_UNKNOWN_NAMES) unknownNames.clear();
  unknownNames.add(name);
  return undefined;
}

/** How many zone names the cache holds, known and unknown: for tests of its bound. */
export function zoneCacheSize(): number {
  return clocks.size + unknownNames.size;
}

export function isValidZone(name: string): boolean {
  return zoneClock(name) !== undefined;
}
