/**
 * `plan`: each rep's call list for the coming days, within their daily capacity.
 *
 * Per owner, day by day: each day takes what is due by then and as many touches more as the days
 * to come cannot hold, chosen from those released (no earlier than `flexDays` before their due
 * date). Late work goes first, highest priority first; work that can still be on time goes
 * earliest-due first. A contact is called once a day: the call serves every cycle of it released
 * that day and takes one slot. A planned touch of a recurring cycle releases its next occurrence,
 * counted from the planned day by the cycle's own rule. docs/planning.md walks through a week.
 *
 * The planner's parts: options.ts (argument checks and bounds), book.ts (owners and items in,
 * sorted by owner), work.ts and id-order.ts (an owner's items numbered as columns), rules.ts
 * (priority, release, recurrence), jobs.ts (rows and heaps), simulate.ts (the day loop),
 * capacity.ts (the capacity needed), scratch.ts (arrays reused from run to run), days.ts (lists
 * built when read), call-list.ts (`callList`).
 */
import { CalendarBook } from '../core/calendar.js';
import { formatDate } from '../time/dates.js';
import { readItems, readOwners } from './book.js';
import { neededCapacity } from './capacity.js';
import type { JobTable } from './jobs.js';
import { checkPlanOptions } from './options.js';
import { compileCycles, priorityOn, RollingTables } from './rules.js';
import { PlanScratch } from './scratch.js';
import { type RunContext, runOwner } from './simulate.js';
import { contactIdOf, ownerWork, type OwnerWork, shareGroups } from './work.js';
import type { Overflow, Plan, PlanError, PlanOptions } from './types.js';

export { callList } from './call-list.js';
export { DEFAULT_FLEX_DAYS, MAX_FLEX_DAYS, MAX_PLAN_DAYS } from './options.js';
export type {
  CallListCycle,
  CallListEntry,
  CapacityShare,
  Overflow,
  OwnerPlan,
  Plan,
  PlanDay,
  PlanError,
  PlanErrorCode,
  PlanLoad,
  PlannedTouch,
  PlanOptions,
} from './types.js';

/**
 * Plans each owner's calls for `days` days from `from`.
 *
 * Malformed arguments (`items` or `owners` not arrays, `from` not a date, `days` not a whole
 * number from 1 to 3660, `flexDays` not from 0 to 366, bad `shares`, a bad policy) throw an
 * `InputError` naming the argument before any work; a bad item or owner is an entry in `errors`
 * and every other one is planned.
 *
 * @example
 * const { items } = evaluate({ policy, contacts, touches, owners, now: '2026-11-23T08:00:00Z' });
 * const result = plan({ policy, items, owners, from: '2026-11-23', days: 7 });
 * callList(result, 'u1', '2026-11-24'); // the ordered calls of rep u1 on 24 November
 */
export function plan(options: PlanOptions): Plan {
  const settings = checkPlanOptions(options);
  const { policy, from, days, defaultFlex, shares } = settings;
  const calendars = new CalendarBook(policy);
  const cycles = compileCycles(policy, defaultFlex);
  const horizonEnd = from + days - 1;
  const errors: PlanError[] = [];
  const owners = readOwners(settings.owners, calendars, errors);
  const { intake, skipped } = readItems(settings.items, owners, cycles, calendars, from, errors);

  let lookahead = defaultFlex;
  for (const byId of cycles.values()) for (const info of byId.values()) lookahead = Math.max(lookahead, info.flexDays);
  const reserved = shares.map((share) => share.share);
  const groupOfTier = shareGroups(shares);
  const rollingTables = new RollingTables(from, days);
  const scratch = new PlanScratch(from, days + lookahead);
  const result: Plan = { from: formatDate(from), days, owners: [], overflow: [], load: [], skipped, errors };
  for (const ownerId of [...owners.keys()].sort()) {
    const owner = owners.get(ownerId)!;
    const book = intake.book(ownerId);
    const work = ownerWork(book, from, groupOfTier, shares.length, rollingTables, errors, scratch.start);
    const context: RunContext = { from, horizonEnd, lookahead, calendar: book.calendar, reserved, scratch };
    if (owner.dailyCapacity === undefined) {
      const { jobs } = work;
      for (let row = 0; row < jobs.size; row++) {
        if (jobs.due[row]! <= horizonEnd) result.overflow.push(toOverflow(jobs, row, work, ownerId, context, 'no-capacity'));
      }
      continue;
    }
    const run = runOwner(work, owner.dailyCapacity, context, true);
    result.owners.push({
      ownerId,
      dailyCapacity: owner.dailyCapacity,
      days: run.days,
      neededCapacity: neededCapacity(work, owner.dailyCapacity, context),
      notYetDue: run.notYetDue,
    });
    for (const row of run.overflow) result.overflow.push(toOverflow(run.jobs, row, work, ownerId, context, 'capacity'));
    // The counts, not the lists: reading `touches` would build every day's list now.
    run.days.forEach((day, index) => {
      result.load.push({ ownerId, date: day.date, planned: day.calls, touches: run.touchCounts[index]!, capacity: day.capacity });
    });
  }
  return result;
}

function toOverflow(
  jobs: JobTable,
  row: number,
  work: OwnerWork,
  ownerId: string,
  context: RunContext,
  cause: Overflow['cause'],
): Overflow {
  const source = jobs.source[row]!;
  const due = jobs.due[row]!;
  return {
    contactId: contactIdOf(work, source),
    cycleId: work.infos[source]!.cycle.id,
    tierId: work.infos[source]!.tierId,
    ownerId,
    dueOn: formatDate(due),
    lateness: Math.max(0, context.horizonEnd + 1 - due),
    priority: priorityOn(work.infos[source]!, due, context.horizonEnd + 1),
    occurrence: jobs.occurrence[row]!,
    cause,
  };
}
