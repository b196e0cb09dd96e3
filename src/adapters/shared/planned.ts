/**
 * Every writer (task payloads, CSV rows, calendar entries) turns a plan into one record per planned
 * touch: a task per (contact, cycle, due date), keyed so a re-run updates it. `callList` gives one
 * line per call, and a call may serve several cycles of its contact, each with its own timing and
 * sentence: this walks the plan once and pairs each touch with its own cycle's line, so all the
 * writers say the same thing in the rep's words.
 */
import { contactText } from '../../core/explain.js';
import { callList } from '../../plan/plan.js';
import type { Issue } from '../../errors/errors.js';
import type { Plan, PlannedTouch } from '../../plan/plan.js';
import { taskKey } from './keys.js';
import { refuseUnwritable, unwritableIdIssues } from './writable.js';
import { parseInstant } from '../../time/instant.js';

const MS_PER_MINUTE = 60_000;

/**
 * The earliest instant a writer may date a task of `input`: the plan's `now` rounded up to the
 * minute (task times are shown to the minute), or undefined for due items or a plan made without
 * `now` (nothing says when "now" was; the library never reads the clock).
 *
 * @example
 * const floor = planFloor(plan({ policy, items, owners, now: '2026-11-23T16:00:20Z', days: 5 })); // 16:01
 */
export function planFloor(input: unknown): number | undefined {
  if (Array.isArray(input) || typeof input !== 'object' || input === null) return undefined;
  const ms = parseInstant((input as Partial<Plan>).now);
  return ms === undefined ? undefined : Math.ceil(ms / MS_PER_MINUTE) * MS_PER_MINUTE;
}

/**
 * `ms`, or `floor` when that is later: on a rep's first day, a task whose hour had passed when the
 * plan was made is due at once rather than in the past.
 *
 * @example
 * atOrAfter(Date.parse('2026-11-23T09:00:00Z'), Date.parse('2026-11-23T16:01:00Z')) // 16:01
 */
export function atOrAfter(ms: number, floor: number | undefined): number {
  return floor !== undefined && ms < floor ? floor : ms;
}

/** One planned touch with what every writer needs. */
export interface PlannedRow {
  ownerId: string;
  /** The planned day, `YYYY-MM-DD`. */
  date: string;
  touch: PlannedTouch;
  /** The contact's name when the CRM gave one, else null: task subjects and calendar entries show it. */
  contactName: string | null;
  /** The idempotency key (`cc1:<contact>:<cycle>:<due>`). */
  key: string;
  /** `3 days late`, `due today`, `due in 2 days`: as the call list says it. */
  timing: string;
  /** Why this cycle is on the list, in one sentence: as the call list says it. */
  why: string;
}

/** Which part of a plan to walk: one owner, and days from and to (inclusive). */
export interface PlannedSelection {
  ownerId?: string | number;
  from?: string;
  to?: string;
}

/**
 * The plan's touches in plan order (owner, day, call), each with its key and its own cycle's
 * timing and sentence from the day's call list. A walked touch or owner holding an id no output can
 * carry (a plan built by hand) is an `InputError` of `bad-id` issues, named after `writer`
 * (writable.ts).
 *
 * @example
 * for (const row of plannedRows(week, { ownerId: 'u1' })) console.log(row.date, row.touch.contactId, row.timing, row.key);
 */
export function plannedRows(plan: Plan, selection: PlannedSelection = {}, writer = 'plannedRows'): PlannedRow[] {
  checkWritablePlan(plan, selection, writer);
  const rows: PlannedRow[] = [];
  const ownerId = selection.ownerId === undefined ? undefined : String(selection.ownerId);
  for (const owner of plan.owners) {
    if (ownerId !== undefined && owner.ownerId !== ownerId) continue;
    for (const day of owner.days) {
      if (!selected(day.date, selection) || day.touches.length === 0) continue;
      const calls = callList(plan, owner.ownerId, day.date);
      for (const touch of day.touches) {
        const call = calls[touch.call - 1];
        const cycle = call?.cycles.find((candidate) => candidate.cycleId === touch.cycleId && candidate.dueOn === touch.dueOn);
        rows.push({
          ownerId: owner.ownerId,
          date: day.date,
          touch,
          contactName: touch.reason.contactName ?? null,
          key: taskKey({ contactId: touch.contactId, cycleId: touch.cycleId, dueOn: touch.dueOn }),
          timing: cycle?.timing ?? call?.timing ?? `due ${touch.dueOn}`,
          why: cycle?.why ?? call?.why ?? `${contactText(touch)} / ${touch.cycleId}: due ${touch.dueOn}.`,
        });
      }
    }
  }
  return rows;
}

function selected(date: string, selection: PlannedSelection): boolean {
  return (selection.from === undefined || date >= selection.from) && (selection.to === undefined || date <= selection.to);
}

/** Every id of the touches `plannedRows` would walk that no output can carry, refused at once. */
function checkWritablePlan(plan: Plan, selection: PlannedSelection, writer: string): void {
  const issues: Issue[] = [];
  const ownerId = selection.ownerId === undefined ? undefined : String(selection.ownerId);
  for (const [o, owner] of plan.owners.entries()) {
    if (ownerId !== undefined && owner.ownerId !== ownerId) continue;
    const touched = owner.days.some((day) => selected(day.date, selection) && day.touches.length > 0);
    if (touched) issues.push(...unwritableIdIssues(owner, ['plan', 'owners', o], ['ownerId']));
    for (const [d, day] of owner.days.entries()) {
      if (!selected(day.date, selection)) continue;
      for (const [t, touch] of day.touches.entries()) {
        issues.push(...unwritableIdIssues(touch, ['plan', 'owners', o, 'days', d, 'touches', t], ['contactId', 'cycleId', 'tierId']));
      }
    }
  }
  refuseUnwritable(writer, issues);
}
