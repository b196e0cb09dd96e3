/**
 * A task written for one planned touch carries that touch's reason. `callList` gives one line per
 * call, and a call may serve several cycles of its contact, each with its own sentence: this picks
 * the sentence of the touch's own cycle.
 */
import type { CallListEntry, PlannedTouch } from '../../index.js';

/**
 * The call list's sentence for one planned touch, from the day's `callList`.
 *
 * @example
 * const calls = callList(week, 'u1', day.date);
 * for (const touch of day.touches) console.log(touch.contactId, plannedTouchReason(calls, touch));
 */
export function plannedTouchReason(calls: readonly CallListEntry[], touch: PlannedTouch): string {
  const call = calls[touch.call - 1];
  const cycle = call?.cycles.find((candidate) => candidate.cycleId === touch.cycleId && candidate.dueOn === touch.dueOn);
  return cycle?.why ?? call?.why ?? '';
}
