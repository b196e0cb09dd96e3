/**
 * The idempotency key every adapter writes on the tasks it creates: the same (contact, cycle, due
 * date) always gives the same key, so re-running a sync updates a task instead of duplicating it,
 * and a completed task read back names the cycle it was planned for.
 */
import { refuseUnwritable, unwritableIdIssues } from './writable.js';

const PREFIX = 'cc1';

/** What a task was planned for. */
export interface TaskKeyParts {
  contactId: string;
  cycleId: string;
  /** `YYYY-MM-DD`. */
  dueOn: string;
}

/**
 * `cc1:<contact>:<cycle>:<due>`, each part percent-encoded so ids holding `:` stay unambiguous.
 * A part holding a lone UTF-16 surrogate has no percent-encoding: an `InputError` (`bad-id`).
 *
 * @example
 * taskKey({ contactId: 'c1', cycleId: 'check-in', dueOn: '2026-12-01' }) // 'cc1:c1:check-in:2026-12-01'
 */
export function taskKey(parts: TaskKeyParts): string {
  refuseUnwritable('taskKey', unwritableIdIssues(parts, [], ['contactId', 'cycleId']));
  return `${PREFIX}:${encodeURIComponent(parts.contactId)}:${encodeURIComponent(parts.cycleId)}:${parts.dueOn}`;
}

/**
 * The parts of a key written by `taskKey`, or undefined for any other text (a task a rep made by
 * hand has none).
 *
 * @example
 * parseTaskKey('cc1:c1:check-in:2026-12-01') // { contactId: 'c1', cycleId: 'check-in', dueOn: '2026-12-01' }
 */
export function parseTaskKey(key: unknown): TaskKeyParts | undefined {
  if (typeof key !== 'string') return undefined;
  const parts = key.split(':');
  if (parts.length !== 4 || parts[0] !== PREFIX || !/^\d{4}-\d{2}-\d{2}$/.test(parts[3]!)) return undefined;
  try {
    return { contactId: decodeURIComponent(parts[1]!), cycleId: decodeURIComponent(parts[2]!), dueOn: parts[3]! };
  } catch {
    return undefined;
  }
}
