/**
 * Every writer (task payloads, CSV rows, calendar entries) turns a plan into one record per planned
 * touch: a task per (contact, cycle, due date), keyed so a re-run updates it. `callList` gives one
 * line per call, and a call may serve several cycles of its contact, each with its own timing and
 * sentence: this walks the plan once and pairs each touch with its own cycle's line, so all the
 * writers say the same thing in the rep's words.
 */
import { contactText } from '../../core/explain.js';
import { callList } from '../../plan/plan.js';
import type { Plan, PlannedTouch } from '../../plan/plan.js';
import { taskKey } from './keys.js';

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
 * timing and sentence from the day's call list.
 *
 * @example
 * for (const row of plannedRows(week, { ownerId: 'u1' })) console.log(row.date, row.touch.contactId, row.timing, row.key);
 */
export function plannedRows(plan: Plan, selection: PlannedSelection = {}): PlannedRow[] {
  const rows: PlannedRow[] = [];
  const ownerId = selection.ownerId === undefined ? undefined : String(selection.ownerId);
  for (const owner of plan.owners) {
    if (ownerId !== undefined && owner.ownerId !== ownerId) continue;
    for (const day of owner.days) {
      if ((selection.from !== undefined && day.date < selection.from) || (selection.to !== undefined && day.date > selection.to)) continue;
      if (day.touches.length === 0) continue;
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
