/**
 * `toICalendar`: a plan's calls (or due items) as an RFC 5545 calendar a rep subscribes to.
 *
 * To-dos by default, one VTODO per call, due the day it is planned. Google Calendar ignores
 * VTODO, so `mode: 'event'` writes VEVENTs instead: all-day, or consecutive time slots in the
 * owner's zone with a VTIMEZONE for it. The UID comes from the task key (contact, cycle, due
 * date), so importing the file again updates each entry instead of adding a copy, and DTSTAMP
 * comes from the caller: the same input gives the same bytes.
 */
import { IANAZone } from 'luxon';
import { addDuration, formatDate, parseDate } from '../time/dates.js';
import { explain } from '../core/explain.js';
import { parseInstant } from '../time/instant.js';
import type { DatedStatus, DueItem, InstantInput, Owner } from '../core/types.js';
import { InputError } from '../errors/errors.js';
import type { Plan } from '../index.js';
import { taskKey } from '../adapters/shared/keys.js';
import { plannedRows, planFloor } from '../adapters/shared/planned.js';
import { checkWritableItems } from '../adapters/shared/writable.js';
import { MS_PER_DAY } from '../time/dates.js';
import { zoneClock } from '../time/zones.js';
import { contentLine, escapeText } from './lines.js';
import { vtimezone } from './timezone.js';

/** One call as it goes into the calendar; `summary` options receive it. */
export interface CalendarEntry {
  ownerId: string | null;
  /** The day the call is on: the planned day, or an item's due date. */
  date: string;
  /** The call of the owner's day, from 1; entries of one contact on one day share it (and a slot). */
  position: number;
  contactId: string;
  /** The contact's name when the CRM gave one, else null: the default SUMMARY says it. */
  contactName: string | null;
  cycleId: string;
  tierId: string;
  dueOn: string;
  /** `date − dueOn` in days: positive when late, negative when early. */
  lateness: number;
  /** The idempotency key the UID is made from. */
  key: string;
  /** The reason as one sentence. */
  why: string;
}

/** A time slot per call: the first at `start` (`HH:mm`, owner's local time), each `minutes` long. */
export interface CallSlot {
  start: string;
  minutes: number;
}

export interface ICalendarOptions {
  /** DTSTAMP of every entry: when the file is made. The library never reads the clock. */
  stamp: InstantInput;
  /** `todo` (default): VTODOs with a due date. `event`: VEVENTs, all-day or in `slot`s. */
  mode?: 'todo' | 'event';
  /** Right-hand side of each UID (`cc1:c1:check-in:2026-11-30@<domain>`). Default `calling-cycle`. */
  domain?: string;
  /** Event mode: consecutive timed slots per owner and day instead of all-day events. */
  slot?: CallSlot;
  /** Owners, for the zone of their slots. */
  owners?: readonly Owner[];
  /** Zone of the slots of an owner without one. Default `UTC`. */
  timeZone?: string;
  /** Only this owner's calls: a rep subscribes to their own calendar. */
  ownerId?: string | number;
  /** Items input: which statuses become entries. Default `due` and `overdue`. */
  statuses?: readonly DatedStatus[];
  /**
   * The calendar's name (X-WR-CALNAME), shown by most calendar apps. Default, for one rep's
   * calendar (`ownerId`) whose owner has a name: `Calls for <name>`; otherwise none.
   */
  name?: string;
  /** PRODID. Default `-//calling-cycle//calling-cycle//EN`. */
  productId?: string;
  /** The SUMMARY of an entry. Default `Call <contact name, else id>: <cycle> (<timing>)`. */
  summary?: (entry: CalendarEntry) => string;
}

const DEFAULT_STATUSES: readonly DatedStatus[] = ['due', 'overdue'];
const SLOT_START = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `3 days late`, `due today`, `2 days early`. */
function timing(lateness: number): string {
  if (lateness === 0) return 'due today';
  const days = Math.abs(lateness);
  return `${days} day${days === 1 ? '' : 's'} ${lateness > 0 ? 'late' : 'early'}`;
}

function defaultSummary(entry: CalendarEntry): string {
  return `Call ${entry.contactName ?? entry.contactId}: ${entry.cycleId} (${timing(entry.lateness)})`;
}

function entriesOfPlan(plan: Plan, ownerId: string | undefined): CalendarEntry[] {
  return plannedRows(plan, { ownerId }, 'toICalendar').map(({ ownerId: owner, date, touch, contactName, key, why }) => ({
    ownerId: owner,
    date,
    position: touch.call,
    contactId: touch.contactId,
    contactName,
    cycleId: touch.cycleId,
    tierId: touch.tierId,
    dueOn: touch.dueOn,
    lateness: touch.lateness,
    key,
    why,
  }));
}

/** Code-unit order: the same on every machine, unlike `localeCompare`, which follows the process locale. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Items are placed on their due date, per owner the most overdue first (then by contact and cycle). */
function entriesOfItems(items: readonly DueItem[], options: ICalendarOptions): CalendarEntry[] {
  const statuses = new Set(options.statuses ?? DEFAULT_STATUSES);
  const isChosen = (item: DueItem): item is Extract<DueItem, { dueOn: string }> =>
    item.dueOn !== null &&
    statuses.has(item.status as DatedStatus) &&
    (options.ownerId === undefined || item.ownerId === String(options.ownerId));
  checkWritableItems('toICalendar', items, isChosen);
  const chosen = items.filter(isChosen);
  const sorted = [...chosen].sort(
    (a, b) =>
      compareText(a.ownerId ?? '', b.ownerId ?? '') ||
      compareText(a.dueOn, b.dueOn) ||
      b.daysOverdue - a.daysOverdue ||
      compareText(a.contactId, b.contactId) ||
      compareText(a.cycleId, b.cycleId),
  );
  // A contact's items due the same day are one call, in one slot.
  const calls = new Map<string, number>();
  const positions = new Map<string, number>();
  return sorted.map((item) => {
    const group = `${item.ownerId ?? ''}\u0000${item.dueOn}`;
    const call = `${group}\u0000${item.contactId}`;
    let position = positions.get(call);
    if (position === undefined) {
      position = (calls.get(group) ?? 0) + 1;
      calls.set(group, position);
      positions.set(call, position);
    }
    return {
      ownerId: item.ownerId,
      date: item.dueOn,
      position,
      contactId: item.contactId,
      contactName: item.reason.contactName ?? null,
      cycleId: item.cycleId,
      tierId: item.tierId,
      dueOn: item.dueOn,
      lateness: item.daysOverdue,
      key: taskKey({ contactId: item.contactId, cycleId: item.cycleId, dueOn: item.dueOn }),
      why: explain(item),
    };
  });
}

/** `2026-11-30` → `20261130`. */
const basicDate = (date: string): string => date.replace(/-/g, '');

function utcStamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** RFC 5545 PRIORITY: 1 (high) for late calls, 5 (medium) for calls due that day, 9 (low) for early ones. */
function priority(lateness: number): number {
  if (lateness > 0) return 1;
  return lateness === 0 ? 5 : 9;
}

/**
 * The instant a reader takes for wall time `minute` of `date` in `zone`, as RFC 5545 says: a time
 * that happens twice (clocks going back) is the first, one that never happens (clocks going
 * forward) takes the offset from before the gap.
 */
function wallInstant(date: string, minute: number, zone: string): number {
  const wall = parseDate(date)! * MS_PER_DAY + minute * 60_000;
  const clock = zoneClock(zone);
  if (clock === undefined) return wall;
  // Offsets a day either side of the wall time: the one before and the one after any transition near it.
  const before = clock.offsetMinutes(wall - MS_PER_DAY - 7_200_000);
  const after = clock.offsetMinutes(wall + MS_PER_DAY + 7_200_000);
  const candidates = [before, after].map((offset) => wall - offset * 60_000).filter((ms) => wall - clock.offsetMinutes(ms) * 60_000 === ms);
  return candidates.length > 0 ? Math.min(...candidates) : wall - before * 60_000;
}

/** `Calls for <name>` for one named rep's calendar; undefined otherwise. */
function defaultCalendarName(options: ICalendarOptions, owners: ReadonlyMap<string, Owner>): string | undefined {
  if (options.ownerId === undefined) return undefined;
  const name = owners.get(String(options.ownerId))?.name;
  return typeof name === 'string' && name.trim() !== '' ? `Calls for ${name.trim()}` : undefined;
}

/** The zone of an owner's slots; `UTC` means times written with a `Z`. */
function slotZone(entry: CalendarEntry, owners: ReadonlyMap<string, Owner>, fallback: string): string {
  return (entry.ownerId === null ? undefined : owners.get(entry.ownerId)?.timeZone) ?? fallback;
}

/** Wall-clock `YYYYMMDDTHHMMSS` of minute `minuteOfDay` on `date`, which may run into the next day. */
function wallClock(date: string, minuteOfDay: number): string {
  const day = addDuration(parseDate(date)!, { years: 0, months: 0, weeks: 0, days: Math.floor(minuteOfDay / 1440) });
  const minutes = minuteOfDay % 1440;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${basicDate(formatDate(day))}T${pad(Math.floor(minutes / 60))}${pad(minutes % 60)}00`;
}

function checkOptions(options: ICalendarOptions): number {
  const stamp = options.stamp instanceof Date ? options.stamp.getTime() : parseInstant(options.stamp);
  if (stamp === undefined || Number.isNaN(stamp)) {
    throw new InputError('stamp: not an instant (an ISO 8601 string with an offset or Z, epoch milliseconds or a Date)', [
      { code: 'bad-instant', path: ['stamp'], message: 'not an instant' },
    ]);
  }
  if (options.mode !== undefined && options.mode !== 'todo' && options.mode !== 'event') {
    throw new InputError(`mode: 'todo' or 'event', not ${JSON.stringify(options.mode)}`);
  }
  if (options.slot !== undefined) {
    if ((options.mode ?? 'todo') !== 'event') throw new InputError("slot: time slots need mode: 'event'");
    if (!SLOT_START.test(options.slot.start))
      throw new InputError(`slot.start: not a time of day HH:mm: ${JSON.stringify(options.slot.start)}`);
    if (!Number.isInteger(options.slot.minutes) || options.slot.minutes < 1 || options.slot.minutes > 1440) {
      throw new InputError(`slot.minutes: not a whole number of minutes from 1 to 1440: ${options.slot.minutes}`);
    }
  }
  const zones = [options.timeZone, ...(options.owners ?? []).map((owner) => owner.timeZone)];
  for (const zone of zones) {
    if (zone !== undefined && zone !== 'UTC' && !IANAZone.isValidZone(zone))
      throw new InputError(`unknown IANA time zone ${JSON.stringify(zone)}`);
  }
  return stamp;
}

/**
 * A plan's calls (or due items) as an iCalendar file: CRLF line ends, lines folded at 75 octets,
 * TEXT escaped. Each entry's UID is its task key at `domain`, stable across runs; DTSTAMP is
 * `stamp`. To-dos (default) are due on the planned day, with the reason as DESCRIPTION, the tier
 * as CATEGORIES and PRIORITY 1 when late, 5 when due that day, 9 when early. Events are all-day,
 * or with `slot` one after another from the slot's start in the owner's zone, with a VTIMEZONE
 * for every zone used. Given items, the entries are the `due` and `overdue` ones, on their due date.
 *
 * @example
 * const week = plan({ policy, items, owners, from: '2026-11-30', days: 7 });
 * const ics = toICalendar(week, { stamp: '2026-11-27T18:00:00Z', ownerId: 'u1' });
 * const google = toICalendar(week, { stamp: new Date(), mode: 'event', slot: { start: '09:00', minutes: 15 }, owners });
 */
export function toICalendar(input: Plan | readonly DueItem[], options: ICalendarOptions): string {
  const stamp = checkOptions(options);
  const mode = options.mode ?? 'todo';
  const domain = options.domain ?? 'calling-cycle';
  const entries = Array.isArray(input)
    ? entriesOfItems(input as readonly DueItem[], options)
    : entriesOfPlan(input as Plan, options.ownerId === undefined ? undefined : String(options.ownerId));
  const owners = new Map((options.owners ?? []).map((owner) => [String(owner.id), owner]));
  const fallbackZone = options.timeZone ?? 'UTC';
  const summary = options.summary ?? defaultSummary;
  const dtstamp = utcStamp(stamp);
  const floor = planFloor(input);

  const components: string[] = [];
  const zoneYears = new Map<string, { from: number; to: number }>();
  for (const entry of entries) {
    const kind = mode === 'event' ? 'VEVENT' : 'VTODO';
    const lines = [`BEGIN:${kind}`, contentLine('UID', escapeText(`${entry.key}@${domain}`)), contentLine('DTSTAMP', dtstamp)];
    if (mode === 'todo') {
      lines.push(contentLine('DUE', basicDate(entry.date), { VALUE: 'DATE' }));
    } else if (options.slot === undefined) {
      const next = formatDate(addDuration(parseDate(entry.date)!, { years: 0, months: 0, weeks: 0, days: 1 }));
      lines.push(
        contentLine('DTSTART', basicDate(entry.date), { VALUE: 'DATE' }),
        contentLine('DTEND', basicDate(next), { VALUE: 'DATE' }),
      );
    } else {
      const zone = slotZone(entry, owners, fallbackZone);
      const [hours, minutes] = options.slot.start.split(':').map(Number) as [number, number];
      const begin = hours * 60 + minutes + (entry.position - 1) * options.slot.minutes;
      const start = wallClock(entry.date, begin);
      const end = wallClock(entry.date, begin + options.slot.minutes);
      if (floor !== undefined && wallInstant(entry.date, hours * 60 + minutes, zone) < floor) {
        // The day's first slot had passed when the plan was made: its calls follow one another
        // from then, in UTC, an instant no reader can take for an hour earlier when clocks go back.
        const from = floor + (entry.position - 1) * options.slot.minutes * 60_000;
        lines.push(contentLine('DTSTART', utcStamp(from)), contentLine('DTEND', utcStamp(from + options.slot.minutes * 60_000)));
      } else if (zone === 'UTC') {
        lines.push(contentLine('DTSTART', `${start}Z`), contentLine('DTEND', `${end}Z`));
      } else {
        lines.push(contentLine('DTSTART', start, { TZID: zone }), contentLine('DTEND', end, { TZID: zone }));
        const year = Number(entry.date.slice(0, 4));
        const endYear = Number(end.slice(0, 4));
        const span = zoneYears.get(zone);
        zoneYears.set(zone, { from: Math.min(span?.from ?? year, year), to: Math.max(span?.to ?? endYear, endYear) });
      }
    }
    lines.push(contentLine('SUMMARY', escapeText(summary(entry))), contentLine('DESCRIPTION', escapeText(entry.why)));
    if (mode === 'todo') lines.push('STATUS:NEEDS-ACTION');
    else lines.push(options.slot === undefined ? 'TRANSP:TRANSPARENT' : 'TRANSP:OPAQUE');
    lines.push(`PRIORITY:${priority(entry.lateness)}`, contentLine('CATEGORIES', escapeText(entry.tierId)), `END:${kind}`);
    components.push(...lines);
  }

  const head = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    contentLine('PRODID', escapeText(options.productId ?? '-//calling-cycle//calling-cycle//EN')),
    'CALSCALE:GREGORIAN',
  ];
  const calendarName = options.name ?? defaultCalendarName(options, owners);
  if (calendarName !== undefined) head.push(contentLine('X-WR-CALNAME', escapeText(calendarName)));
  const zones = [...zoneYears.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [zone, span] of zones) head.push(...vtimezone(zone, span.from, span.to));
  return `${[...head, ...components, 'END:VCALENDAR'].join('\r\n')}\r\n`;
}
