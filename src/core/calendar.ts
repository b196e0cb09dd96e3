/**
 * Working calendars: which civil dates are workable, and how a due date that is not moves.
 */
import { civilFromDays, type EpochDay, isoWeekday, parseDate } from '../time/dates.js';
import type { CalendarSpec, Policy, Shift } from '../schema/policy.js';
import { WEEKDAY_CODES } from '../schema/policy.js';

/** A compiled calendar: a weekday mask and a set of holidays. */
export interface WorkCalendar {
  /** Names of the calendars combined into this one (for reasons and errors). */
  readonly name: string;
  isWorkable(day: EpochDay): boolean;
}

const MON_TO_FRI = 0b0011111; // bit (isoWeekday - 1)

class MaskCalendar implements WorkCalendar {
  // Holidays as one byte per day from the first to the last: every due date of a million items
  // is checked here, and an array read is several times cheaper than a set lookup.
  private readonly firstHoliday: EpochDay;
  private readonly isHoliday: Uint8Array;

  constructor(
    readonly name: string,
    private readonly workingMask: number,
    private readonly holidays: ReadonlySet<EpochDay>,
  ) {
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const day of holidays) {
      first = Math.min(first, day);
      last = Math.max(last, day);
    }
    this.firstHoliday = holidays.size > 0 ? first : 0;
    this.isHoliday = new Uint8Array(holidays.size > 0 ? last - first + 1 : 0);
    for (const day of holidays) this.isHoliday[day - this.firstHoliday] = 1;
  }

  isWorkable(day: EpochDay): boolean {
    // Out-of-range indexes read `undefined`, which is not 1: no bounds check needed.
    return (this.workingMask & (1 << (isoWeekday(day) - 1))) !== 0 && this.isHoliday[day - this.firstHoliday] !== 1;
  }

  /** Workable only where both calendars are: weekdays intersect, holidays add up. */
  combine(other: MaskCalendar): MaskCalendar {
    if (other === this) return this;
    return new MaskCalendar(
      `${this.name}+${other.name}`,
      this.workingMask & other.workingMask,
      new Set([...this.holidays, ...other.holidays]),
    );
  }
}

/** Monday to Friday, no holidays: used where neither the owner nor the policy names a calendar. */
export const DEFAULT_CALENDAR: WorkCalendar = new MaskCalendar('default (Mon–Fri)', MON_TO_FRI, new Set());

export function compileCalendar(name: string, spec: CalendarSpec): WorkCalendar {
  const mask = spec.workingDays ? spec.workingDays.reduce((bits, code) => bits | (1 << WEEKDAY_CODES.indexOf(code)), 0) : MON_TO_FRI;
  const holidays = new Set<EpochDay>();
  for (const text of spec.holidays ?? []) {
    const day = parseDate(text);
    if (day !== undefined) holidays.add(day);
  }
  return new MaskCalendar(name, mask, holidays);
}

/**
 * The calendars of a policy, compiled once, and their combinations cached: a million contacts
 * share a handful of (owner calendar, contact calendar) pairs.
 */
export class CalendarBook {
  private readonly byName = new Map<string, WorkCalendar>();
  private readonly combined = new Map<string, WorkCalendar>();
  readonly policyDefault: WorkCalendar;

  constructor(policy: Pick<Policy, 'calendars' | 'calendar'>) {
    for (const [name, spec] of Object.entries(policy.calendars ?? {})) this.byName.set(name, compileCalendar(name, spec));
    this.policyDefault = (policy.calendar !== undefined ? this.byName.get(policy.calendar) : undefined) ?? DEFAULT_CALENDAR;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get(name: string): WorkCalendar | undefined {
    return this.byName.get(name);
  }

  /**
   * The calendar that decides whether a date is workable for a contact: the owner's (or the
   * policy's default) combined with the contact's own, where given.
   */
  forContact(ownerCalendar: string | undefined, contactCalendar: string | undefined): WorkCalendar {
    const key = `${ownerCalendar ?? ''}\u0000${contactCalendar ?? ''}`;
    let calendar = this.combined.get(key);
    if (calendar === undefined) {
      const base = (ownerCalendar !== undefined ? this.byName.get(ownerCalendar) : undefined) ?? this.policyDefault;
      const own = contactCalendar !== undefined ? this.byName.get(contactCalendar) : undefined;
      calendar = own ? (base as MaskCalendar).combine(own as MaskCalendar) : base;
      this.combined.set(key, calendar);
    }
    return calendar;
  }
}

/** One byte per day from `from`, 1 where the calendar is workable: for loops that ask day after day. */
export function workableDays(calendar: WorkCalendar, from: EpochDay, days: number): Uint8Array {
  const workable = new Uint8Array(days);
  for (let index = 0; index < days; index++) workable[index] = calendar.isWorkable(from + index) ? 1 : 0;
  return workable;
}

// A calendar with at least one working weekday has a workable day within any run of this many
// days unless holidays fill it; past that the date is left where it was rather than loop for ever.
const MAX_SHIFT_DAYS = 366;

/**
 * Moves a date that is not workable: `following` to the next workable day, `preceding` to the
 * previous one, `modified-following` to the next unless that leaves the month (then the
 * previous), `none` not at all. Returns the date unchanged when it is workable.
 */
export function shiftToWorkable(day: EpochDay, calendar: WorkCalendar, mode: Shift): EpochDay {
  if (mode === 'none' || calendar.isWorkable(day)) return day;
  if (mode === 'preceding') return step(day, calendar, -1);
  const following = step(day, calendar, 1);
  if (mode === 'following') return following;
  const month = civilFromDays(day)[1];
  return civilFromDays(following)[1] === month ? following : step(day, calendar, -1);
}

function step(day: EpochDay, calendar: WorkCalendar, direction: 1 | -1): EpochDay {
  for (let candidate = day + direction, n = 0; n < MAX_SHIFT_DAYS; candidate += direction, n++) {
    if (calendar.isWorkable(candidate)) return candidate;
  }
  return day;
}
