/**
 * `callList`: one rep's day as a list to work through, one line per call.
 */
import { contactText, explain } from '../core/explain.js';
import { idText } from '../core/records.js';
import { checkCallListArguments } from './options.js';
import type { CallListCycle, CallListEntry, Plan, PlannedTouch } from './types.js';

/**
 * The ordered calls of one rep on one day, ready to show: one entry per contact, with every cycle
 * the call serves. An owner or a day the plan does not have gives an empty list.
 *
 * @example
 * for (const entry of callList(result, 'u1', '2026-11-24'))
 *   console.log(entry.position, entry.contactId, entry.cycles.map((cycle) => cycle.cycleId).join(' + '), entry.timing);
 */
export function callList(result: Plan, ownerId: string | number, date: string): CallListEntry[] {
  checkCallListArguments(result, ownerId, date);
  const owner = idText(ownerId);
  const day = result.owners.find((candidate) => candidate.ownerId === owner)?.days.find((candidate) => candidate.date === date);
  if (!day) return [];
  const entries: CallListEntry[] = [];
  for (const touch of day.touches) {
    const cycle = cycleLine(touch, owner);
    const last = entries[entries.length - 1];
    // A contact's touches are adjacent in a plan day; they make one line.
    if (last !== undefined && last.contactId === touch.contactId) {
      last.cycles.push(cycle);
      last.priority = Math.max(last.priority, cycle.priority);
      last.why = `${last.why} ${cycle.why}`;
      continue;
    }
    const entry: CallListEntry = {
      position: entries.length + 1,
      contactId: touch.contactId,
      tierId: touch.tierId,
      cycles: [cycle],
      timing: cycle.timing,
      priority: cycle.priority,
      why: cycle.why,
    };
    // Only for a named contact, so a list without names is what it was.
    if (touch.reason.contactName !== undefined) entry.contactName = touch.reason.contactName;
    entries.push(entry);
  }
  return entries;
}

function cycleLine(touch: PlannedTouch, ownerId: string): CallListCycle {
  return {
    cycleId: touch.cycleId,
    dueOn: touch.dueOn,
    lateness: touch.lateness,
    timing: timingText(touch.lateness),
    priority: touch.priority,
    occurrence: touch.occurrence,
    why:
      touch.occurrence === 0
        ? explain({
            contactId: touch.contactId,
            cycleId: touch.cycleId,
            tierId: touch.tierId,
            ownerId,
            status: touch.lateness > 0 ? 'overdue' : 'due',
            dueOn: touch.dueOn,
            daysOverdue: Math.max(0, touch.lateness),
            lastTouchAt: null,
            escalation: null,
            reason: touch.reason,
          })
        : `${contactText(touch)} / ${touch.cycleId}: the next occurrence after the touch planned earlier in this plan, due ${touch.dueOn}.`,
  };
}

function timingText(lateness: number): string {
  if (lateness === 0) return 'due today';
  const days = Math.abs(lateness);
  const unit = days === 1 ? 'day' : 'days';
  return lateness > 0 ? `${days} ${unit} late` : `due in ${days} ${unit}`;
}
