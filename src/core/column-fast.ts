/**
 * The integer path of `evaluateColumns` for a book given as columns: one pass over the touches
 * (each contact's last qualifying instant, written straight into the result's `lastTouchMs`
 * column) and one over the contacts (checks, zone, due date, shift, status, written straight
 * into the result's columns). No `Book` is built: no grouped touches, no per-contact scratch
 * arrays, no object per row; local dates come from a per-(zone, UTC day) table of offsets and
 * business-day shifts from a per-(calendar, shift, day) table, both filled as days are met.
 *
 * It answers only books it can answer exactly as the general path does (`computeColumns` over
 * `readColumnBook`), and gives up (returns `undefined`) at the first thing it does not handle:
 * any row the general path would refuse or report (bad values, duplicate ids, unknown owners,
 * contacts without a tier, dates out of range), snoozes, tier rules, a `balance` section, quota
 * cadences, attributes or events, more touch filters than have bits. The general path then
 * evaluates the book from the start, so an answer never depends on which path gave it; the
 * property tests compare the two on random books, bad rows included.
 */

import type { Shift } from '../schema/policy.js';
import {
  addDuration,
  type CalendarDuration,
  daysFromCivil,
  type EpochDay,
  isSupportedDay,
  MS_PER_DAY,
  parseDuration,
  utcDayOf,
} from '../time/dates.js';
import { compileDateRule, type DateRule } from '../time/occurrences.js';
import { type ZoneClock, zoneClock } from '../time/zones.js';
import type { CadenceFacts } from './cadences.js';
import { shiftToWorkable, type WorkCalendar } from './calendar.js';
import { idReader } from './column-ids.js';
import { type ContactColumns, goodValues, inRange, type TouchColumns } from './column-types.js';
import { type ColumnArrays, ColumnBuffers, filled, NO_DUE_DAY } from './columns.js';
import type { CompiledCycle } from './compiled.js';
import type { IdTable } from './ids.js';
import type { OwnerState, Session, TouchFields } from './intake.js';
import { checkContactInto, checkTouchInto, idText, isId } from './records.js';

/** Days a zone's offset table and a calendar's shift table cover, around `now`. */
const WINDOW_DAYS = 8192;
/** How many of those days lie after `now`'s UTC day (due dates and pauses lie ahead). */
const DAYS_AHEAD = 2048;
/** An offset table entry not yet filled: no UTC offset is this large (in ms). */
const UNKNOWN_OFFSET = 1e15;
/** A shift table entry not yet filled. */
const UNKNOWN_DAY = -2_147_483_648;
/** Past this many combinations of touch codes the path gives up rather than size a table for them. */
const MAX_TOUCH_KEYS = 1 << 20;
/** Past this many (owner, calendar) value pairs the path gives up rather than size a table for them. */
const MAX_CALENDAR_PAIRS = 1 << 16;
const SHIFT_MODES: readonly Shift[] = ['none', 'following', 'preceding', 'modified-following'];

/** Why the path gave up: thrown inside, caught at the top. */
class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

/** One cycle as the integer path computes it. */
interface FastCycle {
  readonly number: number;
  readonly compiled: CompiledCycle;
  /** 0 rolling (inline), 1 any other cadence asked through its `due`, 2 anchored on a fixed date (through `anchored`). */
  readonly kind: 0 | 1 | 2;
  /** For kind 2: the rule's answers per zone and day. */
  readonly anchored: AnchoredDays | undefined;
  /** Rolling by whole days and weeks only: the days to add; NaN when months or years are involved. */
  readonly everyDays: number;
  readonly every: CalendarDuration | undefined;
  readonly firstWithin: CalendarDuration;
  /** Position of the cycle's filter among the policy's filters with a bit. */
  readonly filterSlot: number;
  readonly shiftMode: number;
  readonly graceDays: number;
  readonly soonDays: number;
  /** Anchored: a touch this many days before an occurrence satisfies it. */
  readonly earlyDays: number;
  readonly escalate: readonly { readonly afterDays: number; readonly to: string }[];
}

const NO_TIME: CalendarDuration = { years: 0, months: 0, weeks: 0, days: 0 };

/** A fixed anchor's day, read as the anchored cadence reads it. */
function anchorDayOf(anchor: string): EpochDay {
  const [year, month, day] = anchor.split('-').map(Number);
  return daysFromCivil(year!, month!, day!);
}

/** The cycles of each tier as the integer path computes them, or undefined when the policy needs the general path. */
function fastTiers(session: Session): Map<string, FastCycle[]> | undefined {
  const { policy, tiers, touchFilters } = session.compiled;
  if ((policy.assign?.length ?? 0) > 0 || policy.balance !== undefined) return undefined;
  const result = new Map<string, FastCycle[]>();
  for (const [id, tier] of tiers) {
    const cycles: FastCycle[] = [];
    for (const compiled of tier.cycles) {
      const { cadence } = compiled.cycle;
      if ('per' in cadence || compiled.countsMask === 0) return undefined;
      const every = 'every' in cadence ? parseDuration(cadence.every) : undefined;
      const within = compiled.cycle.firstTouchWithin;
      const fixedAnchor = 'rrule' in cadence && cadence.anchor !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(cadence.anchor);
      const anchored = fixedAnchor ? new AnchoredDays(cadence.rrule, anchorDayOf(cadence.anchor!), session.nowMs) : undefined;
      cycles.push({
        number: compiled.number,
        compiled,
        kind: every !== undefined ? 0 : anchored !== undefined ? 2 : 1,
        anchored,
        everyDays: every !== undefined && every.years === 0 && every.months === 0 ? every.weeks * 7 + every.days : Number.NaN,
        every,
        firstWithin: within !== undefined ? (parseDuration(within) ?? NO_TIME) : NO_TIME,
        filterSlot: touchFilters.findIndex((filter) => filter.mask === compiled.countsMask),
        shiftMode: SHIFT_MODES.indexOf(compiled.shift),
        graceDays: compiled.statusRule.graceDays,
        earlyDays: 'rrule' in cadence ? (cadence.earlyDays ?? 0) : 0,
        soonDays: compiled.statusRule.soonDays,
        escalate: compiled.statusRule.escalate,
      });
    }
    result.set(id, cycles);
  }
  return result;
}

/** The facts a non-rolling cadence reads; touch days and events are not there (the path gives up on them). */
class Facts implements CadenceFacts {
  today: EpochDay = 0;
  zone!: ZoneClock;
  createdDay: EpochDay | undefined;
  lastTouchDay: EpochDay | undefined;
  touchDays(): readonly EpochDay[] {
    return giveUp();
  }
  eventDay(): EpochDay | undefined {
    // The path gives up on a book with events, so no contact here has events.
    return undefined;
  }
}

/**
 * Local civil dates of instants, per zone number: a table of UTC offsets (ms) per UTC day
 * around `now`, filled as days are met; a day on which the offset changes, or a day outside
 * the table, is asked of the zone's clock.
 */
class ZoneDays {
  readonly clocks: ZoneClock[] = [];
  readonly todays: EpochDay[] = [];
  readonly tables: Float64Array[] = [];
  private readonly numberByName = new Map<string, number>();
  readonly firstDay: number;

  constructor(private readonly nowMs: number) {
    this.firstDay = Math.floor(nowMs / MS_PER_DAY) + DAYS_AHEAD - WINDOW_DAYS;
  }

  numberOf(name: string): number {
    let number = this.numberByName.get(name);
    if (number === undefined) {
      number = this.clocks.length;
      const clock = zoneClock(name)!;
      this.clocks.push(clock);
      this.todays.push(clock.localDay(this.nowMs));
      this.tables.push(new Float64Array(WINDOW_DAYS).fill(UNKNOWN_OFFSET));
      this.numberByName.set(name, number);
    }
    return number;
  }

  /**
   * The entry of UTC day `slot` (from `firstDay`) of zone `zone`: its offset in ms, or NaN when
   * it changes that day or is a day or more (no zone's is; the row is then asked of the clock).
   */
  fill(zone: number, slot: number): number {
    const clock = this.clocks[zone]!;
    const start = (this.firstDay + slot) * MS_PER_DAY;
    const atStart = clock.offsetMinutes(start);
    const atEnd = clock.offsetMinutes(start + MS_PER_DAY - 1);
    const offset = atStart === atEnd && Math.abs(atStart) < 1440 ? atStart * 60_000 : Number.NaN;
    this.tables[zone]![slot] = offset;
    return offset;
  }
}

/** Per (calendar, shift mode), the shifted day of each day around `now`, filled as days are met. */
class ShiftDays {
  readonly calendars: WorkCalendar[] = [];
  readonly tables: (Int32Array | undefined)[] = [];
  readonly firstDay: number;

  constructor(nowMs: number) {
    this.firstDay = Math.floor(nowMs / MS_PER_DAY) + DAYS_AHEAD - WINDOW_DAYS;
  }

  numberOf(calendar: WorkCalendar): number {
    let number = this.calendars.indexOf(calendar);
    if (number === -1) {
      number = this.calendars.length;
      this.calendars.push(calendar);
    }
    return number;
  }

  shift(calendar: number, mode: number, day: EpochDay): EpochDay {
    const slot = day - this.firstDay;
    if (slot < 0 || slot >= WINDOW_DAYS) return shiftToWorkable(day, this.calendars[calendar]!, SHIFT_MODES[mode]!);
    const at = calendar * SHIFT_MODES.length + mode;
    let table = this.tables[at];
    if (table === undefined) {
      table = new Int32Array(WINDOW_DAYS).fill(UNKNOWN_DAY);
      this.tables[at] = table;
    }
    let shifted = table[slot]!;
    if (shifted === UNKNOWN_DAY) {
      shifted = shiftToWorkable(day, this.calendars[calendar]!, SHIFT_MODES[mode]!);
      table[slot] = shifted;
    }
    return shifted;
  }
}

/** An `AnchoredDays` answer for "no occurrence left". */
const NO_OCCURRENCE = -2_147_483_647;

/**
 * An anchored cadence on a fixed date: its rule per zone (the rule depends on the zone only),
 * and per zone and day its first occurrence after / on or after that day, filled as days are
 * met: the contacts of a zone ask the same few hundred questions a million times over.
 */
class AnchoredDays {
  private readonly rules: (DateRule | undefined)[] = [];
  private readonly after: (Int32Array | undefined)[] = [];
  private readonly onOrAfter: (Int32Array | undefined)[] = [];
  readonly firstDay: number;

  constructor(
    private readonly rrule: string,
    readonly anchorDay: EpochDay,
    nowMs: number,
  ) {
    this.firstDay = Math.floor(nowMs / MS_PER_DAY) + DAYS_AHEAD - WINDOW_DAYS;
  }

  rule(zone: number, clock: ZoneClock): DateRule {
    let rule = this.rules[zone];
    if (rule === undefined) {
      rule = compileDateRule(this.rrule, this.anchorDay, clock);
      this.rules[zone] = rule;
    }
    return rule;
  }

  /** The first occurrence strictly after `day` (`strict`) or on or after it; NO_OCCURRENCE when none. */
  first(zone: number, clock: ZoneClock, day: EpochDay, strict: boolean): EpochDay {
    const tables = strict ? this.after : this.onOrAfter;
    const slot = day - this.firstDay;
    if (slot < 0 || slot >= WINDOW_DAYS) return this.ask(zone, clock, day, strict);
    let table = tables[zone];
    if (table === undefined) {
      table = new Int32Array(WINDOW_DAYS).fill(UNKNOWN_DAY);
      tables[zone] = table;
    }
    let found = table[slot]!;
    if (found === UNKNOWN_DAY) {
      found = this.ask(zone, clock, day, strict);
      table[slot] = found;
    }
    return found;
  }

  private ask(zone: number, clock: ZoneClock, day: EpochDay, strict: boolean): EpochDay {
    const rule = this.rule(zone, clock);
    return (strict ? rule.firstAfter(day) : rule.firstOnOrAfter(day)) ?? NO_OCCURRENCE;
  }
}

/**
 * The local day of a whole number of ms in zone `zone`, from its table when the day is in it
 * and the offset held all day, else from its clock; the same day `ZoneClock.localDay` gives.
 */
function localDay(zones: ZoneDays, zone: number, table: Float64Array, ms: number): EpochDay {
  const utcDay = utcDayOf(ms);
  const slot = utcDay - zones.firstDay;
  let offset = slot >= 0 && slot < WINDOW_DAYS ? table[slot]! : Number.NaN;
  if (offset === UNKNOWN_OFFSET) offset = zones.fill(zone, slot);
  if (Number.isNaN(offset)) return zones.clocks[zone]!.localDay(ms);
  const local = ms - utcDay * MS_PER_DAY + offset;
  return local < 0 ? utcDay - 1 : local >= MS_PER_DAY ? utcDay + 1 : utcDay;
}

const touchProbe = (touch: object): boolean => checkTouchInto({ contactId: 'x', at: 0, ...touch }, new Float64Array(1), 0) === undefined;
const contactProbe = (contact: object): boolean => checkContactInto({ id: 'x', ...contact }, new Float64Array(1), 0) === undefined;

/**
 * Each contact's last qualifying touch instant, per filter slot: into `last` at `contact ×
 * slots + slot`, or with `slots` 1 at `contact` for the one filter whose bit is `onlyBit`.
 * Gives up on any touch the general path would refuse or report.
 */
function lastTouches(session: Session, input: TouchColumns, size: number, last: Float64Array, slots: number, onlyBit: number): void {
  const { nowMs, compiled } = session;
  const { touchFilters } = compiled;
  const { contact, atMs, channel, direction, outcome, purpose } = input;
  const channels = channel.values.length;
  const directions = (direction?.values.length ?? 0) + 1;
  const outcomes = (outcome?.values.length ?? 0) + 1;
  const purposes = (purpose?.values.length ?? 0) + 1;
  const keys = channels * directions * outcomes * purposes;
  if (keys > MAX_TOUCH_KEYS) giveUp();
  // Per combination of codes: its filter bits, −2 when a value is refused, −1 until met.
  const passesOfKey = new Int32Array(keys).fill(-1);
  const channelGood = goodValues(channel, (value) => touchProbe({ channel: value }), false);
  const directionGood = goodValues(direction, (value) => touchProbe({ channel: 'call', direction: value }));
  const outcomeGood = goodValues(outcome, (value) => touchProbe({ channel: 'call', outcome: value }));
  const purposeGood = goodValues(purpose, (value) => touchProbe({ channel: 'call', purpose: value }));
  const keyPasses = (c: number, d: number, o: number, p: number): number => {
    if (
      channelGood[c] !== 1 ||
      (d > 0 && directionGood[d - 1] !== 1) ||
      (o > 0 && outcomeGood[o - 1] !== 1) ||
      (p > 0 && purposeGood[p - 1] !== 1)
    )
      return -2;
    // Values checked above, as the touch object the row stands for would be.
    const touch: Record<string, string> = { channel: channel.values[c]! };
    if (d > 0 && direction!.values[d - 1] !== null) touch.direction = direction!.values[d - 1]!;
    if (o > 0 && outcome!.values[o - 1] !== null) touch.outcome = outcome!.values[o - 1]!;
    if (p > 0 && purpose!.values[p - 1] !== null) touch.purpose = purpose!.values[p - 1]!;
    const fields = touch as unknown as TouchFields;
    let bits = 0;
    for (let slot = 0; slot < touchFilters.length; slot++) if (touchFilters[slot]!.filter(fields)) bits |= 1 << slot;
    return bits;
  };
  const directionCodes = direction?.codes;
  const outcomeCodes = outcome?.codes;
  const purposeCodes = purpose?.codes;
  const channelCodes = channel.codes;
  const count = atMs.length;
  for (let index = 0; index < count; index++) {
    const row = contact[index]!;
    const at = atMs[index]!;
    // A row that is no whole number in range, or an instant out of range, is the general path's to report.
    if (!(row >= 0 && row < size && row === Math.floor(row)) || !inRange(at)) giveUp();
    const c = channelCodes[index]!;
    if (!(c >= 0 && c < channels)) giveUp();
    // Codes of the optional columns shifted by one: 0 stands for a column not given.
    let d = 0;
    if (directionCodes !== undefined) {
      d = directionCodes[index]! + 1;
      if (!(d >= 1 && d < directions)) giveUp();
    }
    let o = 0;
    if (outcomeCodes !== undefined) {
      o = outcomeCodes[index]! + 1;
      if (!(o >= 1 && o < outcomes)) giveUp();
    }
    let p = 0;
    if (purposeCodes !== undefined) {
      p = purposeCodes[index]! + 1;
      if (!(p >= 1 && p < purposes)) giveUp();
    }
    const key = ((c * directions + d) * outcomes + o) * purposes + p;
    let passes = passesOfKey[key]!;
    if (passes === -1) {
      passes = keyPasses(c, d, o, p);
      passesOfKey[key] = passes;
    }
    if (passes === -2) giveUp();
    const instant = Math.trunc(at);
    // A touch dated after now is planned, not done.
    if (instant > nowMs || passes === 0) continue;
    if (slots === 1) {
      if ((passes & onlyBit) !== 0 && !(instant <= last[row]!)) last[row] = instant;
    } else {
      const base = row * slots;
      for (let slot = 0; slot < slots; slot++)
        if ((passes & (1 << slot)) !== 0 && !(instant <= last[base + slot]!)) last[base + slot] = instant;
    }
  }
}

/**
 * The columns of a book given as columns, by the integer path; undefined when the book needs
 * the general path (see the file's comment). `buffers` receives the memory the columns were
 * written to, for the general path to write over when it takes over.
 */
export function fastColumns(
  session: Session,
  contacts: ContactColumns,
  touches: TouchColumns | readonly [],
  snoozeCount: number,
  reuse: ColumnBuffers | undefined,
  idTable: IdTable | undefined,
  buffers: { current: ColumnBuffers | undefined },
): { arrays: ColumnArrays; escalations: string[] } | undefined {
  buffers.current = reuse;
  if (snoozeCount > 0 || contacts.attributes !== undefined || contacts.events !== undefined) return undefined;
  const tiers = fastTiers(session);
  if (tiers === undefined) return undefined;
  try {
    return compute(session, contacts, touches, tiers, reuse, idTable, buffers);
  } catch {
    // A GiveUp, or an error the general path meets too and reports its own way (a rule that
    // throws becomes that contact's error there).
    return undefined;
  }
}

function compute(
  session: Session,
  contacts: ContactColumns,
  touches: TouchColumns | readonly [],
  tierCycles: Map<string, FastCycle[]>,
  reuse: ColumnBuffers | undefined,
  idTable: IdTable | undefined,
  buffers: { current: ColumnBuffers | undefined },
): { arrays: ColumnArrays; escalations: string[] } {
  const { compiled, owners, ownersGiven, rejectedOwners, nowMs } = session;
  const { policy, calendars } = compiled;
  const size = contacts.id.length;
  const { timeZone, tier, ownerId, calendar, createdMs, pausedUntilMs, doNotContact, name: names } = contacts;

  // Tiers by code: their cycles; every tier the same number of cycles puts contact c's rows at c × that.
  const tierList = [...tierCycles.values()];
  const cyclesPerContact = tierList[0]?.length ?? 0;
  if (tierList.some((cycles) => cycles.length !== cyclesPerContact) || cyclesPerContact === 0) giveUp();
  const defaultCycles = policy.defaultTier !== undefined ? tierCycles.get(policy.defaultTier) : undefined;
  const tierGood = goodValues(tier, (value) => contactProbe({ tier: value }) && tierCycles.has(value));
  const cyclesOfTierCode = (tier?.values ?? []).map((value) => (value === null ? defaultCycles : tierCycles.get(value)));
  if (tier === undefined && defaultCycles === undefined && size > 0) giveUp();

  // Zones, owners and calendars by code, decided once.
  const zones = new ZoneDays(nowMs);
  const defaultZone = zones.numberOf(policy.timeZone ?? 'UTC');
  const zoneGood = goodValues(timeZone, (value) => contactProbe({ timeZone: value }));
  const zoneOfCode = Int32Array.from(timeZone?.values ?? [], (value, code) =>
    value === null || zoneGood[code] === 0 ? -1 : zones.numberOf(value),
  );
  const ownerGood = goodValues(ownerId, (value) => isId(value));
  const ownerOfCode: (OwnerState | undefined)[] = (ownerId?.values ?? []).map((value) =>
    isId(value) ? owners.get(idText(value)) : undefined,
  );
  const ownerZone = Int32Array.from(ownerId?.values ?? [], (_, code) => {
    const zone = ownerOfCode[code]?.owner.timeZone;
    return zone === undefined ? defaultZone : zones.numberOf(zone);
  });
  const ownerUnknown = Uint8Array.from(ownerId?.values ?? [], (value, code) =>
    ownersGiven && value !== null && ownerGood[code] === 1 && ownerOfCode[code] === undefined && !rejectedOwners.has(idText(value!))
      ? 1
      : 0,
  );
  const calendarGood = goodValues(calendar, (value) => contactProbe({ calendar: value }) && calendars.has(value));
  const shifts = new ShiftDays(nowMs);
  const owners1 = (ownerId?.values.length ?? 0) + 1;
  const calendars1 = (calendar?.values.length ?? 0) + 1;
  if (owners1 * calendars1 > MAX_CALENDAR_PAIRS) giveUp();
  // Per (owner code + 1, calendar code + 1): the calendar's number in `shifts`, −1 until met.
  const calendarOfPair = new Int32Array(owners1 * calendars1).fill(-1);
  const calendarNumber = (ownerCode: number, calendarCode: number): number => {
    const owner = ownerCode >= 0 ? ownerOfCode[ownerCode] : undefined;
    const own = calendarCode >= 0 ? calendar!.values[calendarCode] : null;
    const chosen =
      own !== null && own !== undefined ? calendars.forContact(owner?.owner.calendar, own) : (owner?.calendar ?? calendars.policyDefault);
    return shifts.numberOf(chosen);
  };

  // Every row is a contact at its own position: the contact and state columns are one array.
  const capacity = size * cyclesPerContact;
  const columns = new ColumnBuffers(capacity, true, reuse, true);
  buffers.current = columns;
  const { status, dueDay, daysOverdue, lastTouchMs } = columns;
  // Contact `c`'s rows are `c × cyclesPerContact` onwards: the contact column is that rule. The
  // cycle column is the first contact's cycles over and over until a contact has other cycles.
  columns.contact = columns.stateIndex = { implied: true, length: capacity, per: cyclesPerContact, pattern: [0] };
  let patternCycles: readonly FastCycle[] | undefined;
  let cycleColumn: Int32Array | undefined;

  // The last qualifying touch per contact and filter: straight into the result's column when
  // each contact has one row and every cycle the same filter, else per filter slot first.
  const slots = compiled.touchFilters.length;
  const allCycles = tierList.flat();
  const onlySlot = allCycles[0]!.filterSlot;
  const direct = cyclesPerContact === 1 && allCycles.every((cycle) => cycle.filterSlot === onlySlot);
  const last = direct ? lastTouchMs : new Float64Array(size * slots);
  last.fill(Number.NaN);
  if (!Array.isArray(touches)) lastTouches(session, touches as TouchColumns, size, last, direct ? 1 : slots, 1 << onlySlot);

  const ids = idReader(contacts, idTable, (row) => row);
  const distinct = ids.distinct === true;
  const facts = new Facts();
  const escalations: string[] = [];
  const escalationIndex = new Map<string, number>();
  const { tables: offsetTables, clocks, todays, firstDay } = zones;
  const { tables: shiftTables, firstDay: shiftFirstDay } = shifts;
  const zoneCodes = timeZone?.codes;
  const ownerCodes = ownerId?.codes;
  const tierCodes = tier?.codes;
  const calendarCodes = calendar?.codes;
  const zoneValues = zoneOfCode.length;
  const ownerValues = ownerGood.length;
  const tierValues = tierGood.length;
  const calendarValues = calendarGood.length;

  let row = 0;
  for (let at = 0; at < size; at++) {
    // The contact's checks: one that fails is the general path's to report.
    if (!distinct && (!ids.valid(at) || !ids.add(at))) giveUp();
    let zone = -1;
    if (zoneCodes !== undefined) {
      const code = zoneCodes[at]!;
      if (!(code < zoneValues && zoneGood[code] === 1)) giveUp();
      zone = zoneOfCode[code]!;
    }
    let ownerCode = -1;
    if (ownerCodes !== undefined) {
      ownerCode = ownerCodes[at]!;
      if (!(ownerCode < ownerValues && ownerGood[ownerCode] === 1) || ownerUnknown[ownerCode] === 1) giveUp();
    }
    let cycles = defaultCycles;
    if (tierCodes !== undefined) {
      const code = tierCodes[at]!;
      if (!(code < tierValues && tierGood[code] === 1)) giveUp();
      cycles = cyclesOfTierCode[code];
    }
    if (cycles === undefined) return giveUp();
    if (cycles !== patternCycles && cycleColumn === undefined) {
      if (patternCycles === undefined) {
        patternCycles = cycles;
        columns.cycle = { implied: true, length: capacity, per: 0, pattern: cycles.map((cycle) => cycle.number) };
      } else cycleColumn = columns.cycleRows();
    }
    let calendarCode = -1;
    if (calendarCodes !== undefined) {
      calendarCode = calendarCodes[at]!;
      if (!(calendarCode < calendarValues && calendarGood[calendarCode] === 1)) giveUp();
    }
    const created = createdMs === undefined ? Number.NaN : createdMs[at]!;
    if (!(Number.isNaN(created) || inRange(created))) giveUp();
    const paused = pausedUntilMs === undefined ? Number.NaN : pausedUntilMs[at]!;
    if (!(Number.isNaN(paused) || inRange(paused))) giveUp();
    const excluded = doNotContact !== undefined && doNotContact[at] === 1;
    if (doNotContact !== undefined && doNotContact[at]! > 1) giveUp();
    if (names !== undefined) {
      const name = names[at];
      if (name !== undefined && name !== null && typeof name !== 'string') giveUp();
    }
    if (zone === -1) zone = ownerCode >= 0 ? ownerZone[ownerCode]! : defaultZone;
    const today = todays[zone]!;
    const table = offsetTables[zone]!;

    // The creation date's local day is read only where a cycle needs it (never touched, or a
    // cadence other than rolling): most contacts of a book that is called have a last touch.
    let createdDay = NO_DUE_DAY;
    let createdRead = Number.isNaN(created);
    let pausedUntil = NO_DUE_DAY;
    if (!Number.isNaN(paused)) pausedUntil = clocks[zone]!.localDay(Math.trunc(paused));
    const pairAt = (ownerCode + 1) * calendars1 + calendarCode + 1;
    let calendarAt = calendarOfPair[pairAt]!;
    if (calendarAt === -1) {
      calendarAt = calendarNumber(ownerCode, calendarCode);
      calendarOfPair[pairAt] = calendarAt;
    }

    for (let k = 0; k < cyclesPerContact; k++, row++) {
      const cycle = cycles[k]!;
      const lastMs = direct ? last[at]! : last[at * slots + cycle.filterSlot]!;
      // `localDay` written out: a call here that is not inlined boxes its number, once per row.
      let lastDay = NO_DUE_DAY;
      if (!Number.isNaN(lastMs)) {
        // No division (two per row were a sixth of this loop): the UTC day by a multiplication,
        // then the local day is that day, or the one before or after, as the offset (under a
        // day, see `ZoneDays.fill`) moves the ms into the day out of [0, day).
        const utcDay = utcDayOf(lastMs);
        const slot = utcDay - firstDay;
        let offset = slot >= 0 && slot < WINDOW_DAYS ? table[slot]! : Number.NaN;
        if (offset === UNKNOWN_OFFSET) offset = zones.fill(zone, slot);
        const local = lastMs - utcDay * MS_PER_DAY + offset;
        if (Number.isNaN(offset)) lastDay = clocks[zone]!.localDay(lastMs);
        else lastDay = local < 0 ? utcDay - 1 : local >= MS_PER_DAY ? utcDay + 1 : utcDay;
      }
      if (!createdRead && (cycle.kind === 1 || lastDay === NO_DUE_DAY)) {
        createdDay = localDay(zones, zone, table, Math.trunc(created));
        createdRead = true;
      }
      if (cycleColumn !== undefined) cycleColumn[row] = cycle.number;
      // With one row per contact the touch pass wrote this column already.
      if (!direct) lastTouchMs[row] = lastMs;
      daysOverdue[row] = 0;
      if (excluded) {
        status[row] = 5;
        dueDay[row] = NO_DUE_DAY;
        continue;
      }
      // The raw due date and its basis: 0 touch, 1 created, 2 no history, 3 any other (shifted).
      let rawDue: number;
      let basis: number;
      if (cycle.kind === 0) {
        if (lastDay !== NO_DUE_DAY) {
          rawDue = !Number.isNaN(cycle.everyDays) ? lastDay + cycle.everyDays : addDuration(lastDay, cycle.every!);
          basis = 0;
        } else if (createdDay !== NO_DUE_DAY) {
          rawDue = addDuration(createdDay, cycle.firstWithin);
          basis = 1;
        } else {
          rawDue = today;
          basis = 2;
        }
      } else if (cycle.kind === 2) {
        // As the anchored cadence's `due` with a fixed anchor, from the same rule.
        const days = cycle.anchored!;
        const clock = clocks[zone]!;
        if (lastDay === NO_DUE_DAY && createdDay === NO_DUE_DAY) {
          if (days.first(zone, clock, today, false) === NO_OCCURRENCE) {
            status[row] = 6;
            dueDay[row] = NO_DUE_DAY;
            continue;
          }
          rawDue = today;
          basis = 2;
        } else {
          const occurrence =
            lastDay !== NO_DUE_DAY ? days.first(zone, clock, lastDay + cycle.earlyDays, true) : days.first(zone, clock, createdDay, false);
          if (occurrence === NO_OCCURRENCE) {
            // Ended when the rule had dates from its anchor; one that never had is an error.
            if (days.first(zone, clock, days.anchorDay, false) === NO_OCCURRENCE) giveUp();
            status[row] = 6;
            dueDay[row] = NO_DUE_DAY;
            continue;
          }
          rawDue = occurrence;
          basis = 3;
        }
      } else {
        facts.today = today;
        facts.zone = clocks[zone]!;
        facts.createdDay = createdDay === NO_DUE_DAY ? undefined : createdDay;
        facts.lastTouchDay = lastDay === NO_DUE_DAY ? undefined : lastDay;
        const outcome = cycle.compiled.cadence.due(facts);
        if (outcome.kind === 'error') return giveUp();
        if (outcome.kind === 'ended') {
          status[row] = 6;
          dueDay[row] = NO_DUE_DAY;
          continue;
        }
        rawDue = outcome.rawDue;
        basis = outcome.basis === 'no-history' ? 2 : 3;
      }
      if (!isSupportedDay(rawDue)) giveUp();
      let due = rawDue;
      // As computeCycle: no shift for a contact due now for want of history; a never-touched
      // contact's shifted date never falls before its creation.
      if (basis !== 2) {
        if (cycle.shiftMode !== 0) {
          // The shift table's lookup written out; `shift` fills it and answers days outside it.
          const shiftTable = shiftTables[calendarAt * SHIFT_MODES.length + cycle.shiftMode];
          const slot = rawDue - shiftFirstDay;
          const known = shiftTable !== undefined && slot >= 0 && slot < WINDOW_DAYS ? shiftTable[slot]! : UNKNOWN_DAY;
          due = known !== UNKNOWN_DAY ? known : shifts.shift(calendarAt, cycle.shiftMode, rawDue);
        }
        if (lastDay === NO_DUE_DAY && createdDay !== NO_DUE_DAY && due < createdDay && rawDue >= createdDay)
          due = shifts.shift(calendarAt, 1, rawDue);
      }
      if (pausedUntil !== NO_DUE_DAY && (pausedUntil > due || pausedUntil > today)) {
        columns.pausedRows()[row] = pausedUntil;
        if (pausedUntil > due) due = pausedUntil;
      }
      if (!isSupportedDay(due)) giveUp();
      dueDay[row] = due;
      if (pausedUntil !== NO_DUE_DAY && pausedUntil > today) status[row] = 4;
      else if (today < due) status[row] = today < due - cycle.soonDays ? 0 : 1;
      else if (today <= due + cycle.graceDays) status[row] = 2;
      else {
        status[row] = 3;
        const overdue = today - due;
        daysOverdue[row] = overdue;
        const steps = cycle.escalate;
        if (steps.length > 0) {
          let to: string | undefined;
          for (const step of steps) if (overdue >= step.afterDays) to = step.to;
          if (to !== undefined) {
            let index = escalationIndex.get(to);
            if (index === undefined) {
              index = escalations.length;
              escalations.push(to);
              escalationIndex.set(to, index);
            }
            columns.escalationRows()[row] = index;
          }
        }
      }
    }
  }
  columns.size = row;
  return { arrays: filled(columns), escalations };
}
