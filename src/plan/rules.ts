/**
 * The planner's rules for one touch: how urgent it is (priority), when it may be made (release),
 * when it is still on time (deadline), and what comes after it once planned (the cycle's next
 * occurrence, counted from the planned day by the cycle's own rule).
 */
import { type CadenceFacts, type CompiledCadence, compileCadence } from '../core/cadences.js';
import { shiftToWorkable, type WorkCalendar } from '../core/calendar.js';
import { addDuration, type CalendarDuration, type EpochDay, parseDate, parseDuration } from '../time/dates.js';
import { zoneClock } from '../time/zones.js';
import type { Cycle, Policy, Shift } from '../schema/policy.js';
import type { JobTable } from './jobs.js';
import type { OwnerWork } from './work.js';

/** What the planner needs of one cycle of one tier, compiled once per plan. */
export interface CycleInfo {
  readonly tierId: string;
  readonly cycle: Cycle;
  readonly weight: number;
  readonly cadence: CompiledCadence;
  /** Rolling cycles only: the next occurrence is the planned day plus this. */
  readonly every: CalendarDuration | undefined;
  readonly flexDays: number;
  readonly shift: Shift;
}

/** Every cycle of the policy, by tier id then cycle id. */
export function compileCycles(policy: Policy, defaultFlex: number): Map<string, Map<string, CycleInfo>> {
  const cycles = new Map<string, Map<string, CycleInfo>>();
  for (const tier of policy.tiers) {
    const byId = new Map<string, CycleInfo>();
    for (const cycle of tier.cycles) {
      byId.set(cycle.id, {
        tierId: tier.id,
        cycle,
        weight: tier.weight ?? 1,
        cadence: compileCadence(cycle.cadence, cycle.firstTouchWithin),
        every: 'every' in cycle.cadence ? parseDuration(cycle.cadence.every) : undefined,
        flexDays: cycle.flexDays ?? defaultFlex,
        shift: cycle.shift ?? 'following',
      });
    }
    cycles.set(tier.id, byId);
  }
  return cycles;
}

/**
 * weight × (min(days late, cycle length) + 1) / cycle length, on `day`. Lateness saturates at one
 * cycle length: a cycle missed by three years is no more urgent than one missed by a whole cycle,
 * so a prospect neglected since 2024 does not jump a key account a month late.
 */
export function priorityOn(info: CycleInfo, due: EpochDay, day: EpochDay): number {
  const length = info.cadence.lengthDays;
  return (info.weight * (Math.min(Math.max(0, day - due), length) + 1)) / length;
}

/** The last workable day from `day` back to `floor`; `day` itself when there is none. */
export function lastWorkableOnOrBefore(day: EpochDay, calendar: WorkCalendar, floor: EpochDay): EpochDay {
  for (let candidate = day; candidate >= floor; candidate--) if (calendar.isWorkable(candidate)) return candidate;
  return day;
}

/** Adds a row for a touch due on `due`: released `flexDays` before, never before the plan starts or `notBefore`. */
export function addRow(
  jobs: JobTable,
  source: number,
  info: CycleInfo,
  calendar: WorkCalendar,
  due: EpochDay,
  occurrence: number,
  from: EpochDay,
  notBefore: EpochDay,
  history?: readonly EpochDay[],
): number {
  const release = Math.max(from, due - info.flexDays, notBefore);
  const deadline = lastWorkableOnOrBefore(due, calendar, release);
  return jobs.add(source, due, deadline, release, occurrence, due < from, priorityOn(info, due, release), history);
}

/**
 * The next occurrence of a rolling cycle planned on each day of the horizon: its shifted due date
 * and deadline depend only on the cycle, the calendar and the planned day, so a million contacts
 * share a few such tables, filled as the plan reaches each day.
 */
export class RollingNext {
  private readonly dues: Float64Array;
  private readonly deadlines: Float64Array;

  constructor(
    private readonly info: CycleInfo,
    private readonly calendar: WorkCalendar,
    private readonly from: EpochDay,
    span: number,
  ) {
    this.dues = new Float64Array(span).fill(Number.NaN);
    this.deadlines = new Float64Array(span);
  }

  /** The due date of the next occurrence when the cycle is planned on `day`. */
  due(day: EpochDay): EpochDay {
    const index = day - this.from;
    if (Number.isNaN(this.dues[index]!)) {
      const raw = addDuration(day, this.info.every!);
      let due = shiftToWorkable(raw, this.calendar, this.info.shift);
      // A preceding shift must not fold the next occurrence back onto the planned day.
      if (due <= day) due = raw;
      this.dues[index] = due;
      this.deadlines[index] = lastWorkableOnOrBefore(due, this.calendar, Math.max(this.from, due - this.info.flexDays));
    }
    return this.dues[index]!;
  }

  /** Its deadline: the last day on or before the due date the contact can be called (after `due(day)`). */
  deadline(day: EpochDay): EpochDay {
    return this.deadlines[day - this.from]!;
  }
}

/** One `RollingNext` per (cycle, calendar) for the whole plan. */
export class RollingTables {
  private readonly tables = new Map<CycleInfo, Map<WorkCalendar, RollingNext>>();

  constructor(
    private readonly from: EpochDay,
    private readonly span: number,
  ) {}

  get(info: CycleInfo, calendar: WorkCalendar): RollingNext {
    let byCalendar = this.tables.get(info);
    if (!byCalendar) {
      byCalendar = new Map();
      this.tables.set(info, byCalendar);
    }
    let table = byCalendar.get(calendar);
    if (!table) {
      table = new RollingNext(info, calendar, this.from, this.span);
      byCalendar.set(calendar, table);
    }
    return table;
  }
}

/**
 * Adds the row of the next occurrence of a cycle planned on `day`, or returns −1 when there is
 * none: the cycle's own rule with the planned day as the last touch (rolling: day + every;
 * anchored: the next occurrence; quota: the period's count; milestones: the next offset), shifted
 * to a workable day as `evaluate` would.
 */
export function nextOccurrence(jobs: JobTable, row: number, sources: OwnerWork, day: EpochDay, from: EpochDay): number {
  const source = jobs.source[row]!;
  const info = sources.infos[source]!;
  const occurrence = jobs.occurrence[row]! + 1;
  const rolling = sources.rolling[source];
  if (rolling) {
    const due = rolling.due(day);
    return jobs.add(source, due, rolling.deadline(day), Math.max(from, due - info.flexDays), occurrence, false, priorityOn(info, due, due));
  }
  const reason = sources.texts.reason(sources.inputIndexes[source]!);
  const calendar = sources.calendars[source]!;
  const zone = zoneClock(reason.timeZone);
  if (!zone) return -1;
  const history = [...(jobs.history[row] ?? []), day];
  const detail = reason.detail ?? {};
  const periodStart = typeof detail.periodStart === 'string' ? parseDate(detail.periodStart) : undefined;
  // Touches already made this period (from evaluate) count towards the quota with the planned ones.
  const earlier =
    typeof detail.touchesInPeriod === 'number' && Number.isSafeInteger(detail.touchesInPeriod) && periodStart !== undefined
      ? new Array<EpochDay>(Math.max(0, Math.min(detail.touchesInPeriod, MAX_TOUCHES_IN_PERIOD))).fill(periodStart)
      : [];
  const eventOn =
    typeof detail.eventOn === 'string'
      ? parseDate(detail.eventOn)
      : typeof detail.anchorOn === 'string'
        ? parseDate(detail.anchorOn)
        : undefined;
  const facts: CadenceFacts = {
    today: day,
    zone,
    createdDay: undefined,
    lastTouchDay: day,
    touchDays: () => [...earlier, ...history].sort((a, b) => a - b),
    eventDay: () => eventOn,
  };
  const outcome = info.cadence.due(facts);
  if (outcome.kind !== 'due' || outcome.rawDue <= day) return -1;
  let due = shiftToWorkable(outcome.rawDue, calendar, info.shift);
  if (due <= day) due = outcome.rawDue;
  return addRow(jobs, source, info, calendar, due, occurrence, from, from, history);
}

/**
 * A quota asks for at most a few hundred touches a period; a `touchesInPeriod` beyond this is not
 * from `evaluate`, and an array of that many days would be memory for nothing.
 */
const MAX_TOUCHES_IN_PERIOD = 10_000;
