/**
 * Ids every writer can carry. The engine refuses an id holding a lone UTF-16 surrogate where
 * records come in (`bad-id`), so items and plans it made never hold one; items or plans built by
 * hand (or read back from JSON) can. No CSV cell, task key, iCalendar line or CRM payload written
 * as UTF-8 can hold such an id: written, it would come back as another id (U+FFFD) or make the
 * key's percent-encoding throw a bare `URIError`. So every writer checks the ids it is about to
 * write first and refuses them with an `InputError` whose issues are `bad-id`, each with the path
 * of the offending field (`['items', 3, 'contactId']`), before writing anything (docs/errors.md,
 * "Ids every output can carry").
 */
import type { DueItem } from '../../core/types.js';
import { formatPath, InputError, type Issue } from '../../errors/errors.js';
import { messages } from '../../errors/messages.js';
import { isWellFormedText } from '../../schema/text.js';

/** The id fields a writer writes: keys, columns, associations, owners. */
const ID_FIELDS = ['contactId', 'cycleId', 'tierId', 'ownerId'] as const;

/** A `bad-id` issue for each id field of `record` that no UTF-8 output can hold, at `path`. */
export function unwritableIdIssues(record: object, path: readonly (string | number)[], fields: readonly string[] = ID_FIELDS): Issue[] {
  const issues: Issue[] = [];
  for (const field of fields) {
    const value = Object.hasOwn(record, field) ? (record as Record<string, unknown>)[field] : undefined;
    if (typeof value === 'string' && !isWellFormedText(value)) {
      // JSON.stringify writes the lone surrogate as an escape, so the message itself is writable.
      issues.push({ code: 'bad-id', path: [...path, field], message: `${field} ${JSON.stringify(value)} ${messages.illFormedId}` });
    }
  }
  return issues;
}

/** Throws the writer's `InputError` when `issues` is not empty. */
export function refuseUnwritable(writer: string, issues: readonly Issue[]): void {
  if (issues.length === 0) return;
  const first = issues[0]!;
  const more = issues.length === 1 ? '' : ` (and ${issues.length - 1} more)`;
  throw new InputError(`${writer}: ${formatPath(first.path)}: ${first.message}${more}`, issues);
}

/**
 * Refuses items (the ones `written` picks) holding an id no output can carry.
 *
 * @example
 * checkWritableItems('itemsToCsv', items); // throws InputError, issues[0].path ['items', 3, 'contactId']
 */
export function checkWritableItems(writer: string, items: readonly DueItem[], written: (item: DueItem) => boolean = () => true): void {
  const issues: Issue[] = [];
  items.forEach((item, index) => {
    if (typeof item === 'object' && item !== null && written(item)) issues.push(...unwritableIdIssues(item, ['items', index]));
  });
  refuseUnwritable(writer, issues);
}
