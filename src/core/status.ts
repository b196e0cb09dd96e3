/**
 * From a due date and today to a status, exactly as the spec's timeline:
 *
 *   upcoming ──────────┬── soon ──────┬── due ──────────────┬── overdue ──────────▶
 *                 due − soonDays     due          due + graceDays   (daysOverdue = today − due)
 */
import type { EpochDay } from '../time/dates.js';
import type { Status } from './types.js';

export interface StatusRule {
  readonly graceDays: number;
  readonly soonDays: number;
  /** Escalation steps sorted by `afterDays` ascending. */
  readonly escalate: readonly { readonly afterDays: number; readonly to: string }[];
}

export interface TimedStatus {
  status: Status;
  daysOverdue: number;
  escalation: string | null;
}

/**
 * Writes status, `daysOverdue` and `escalation` into `target` (an item under construction:
 * writing in place spares an object per item on books of millions) and returns it.
 */
export function statusOn<T extends TimedStatus>(today: EpochDay, due: EpochDay, rule: StatusRule, target: T): T {
  target.daysOverdue = 0;
  target.escalation = null;
  if (today < due) target.status = today < due - rule.soonDays ? 'upcoming' : 'soon';
  else if (today <= due + rule.graceDays) target.status = 'due';
  else {
    target.status = 'overdue';
    target.daysOverdue = today - due;
    for (const step of rule.escalate) if (target.daysOverdue >= step.afterDays) target.escalation = step.to;
  }
  return target;
}
