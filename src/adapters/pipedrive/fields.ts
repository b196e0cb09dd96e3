/**
 * Reading Pipedrive's field spellings: ids that are numbers in v2 and objects in v1, timestamps
 * that are `YYYY-MM-DD HH:mm:ss` in UTC in v1 and ISO 8601 in v2, due dates with an optional UTC
 * time, custom fields at the top level (v1) or under `custom_fields` (v2), and the task-key marker.
 */
import { DateTime } from 'luxon';
import { parseDate } from '../../time/dates.js';
import { formatInstant, parseInstant } from '../../time/instant.js';
import { type IdReading, textId } from '../shared/ids.js';
import { parseTaskKey, type TaskKeyParts } from '../shared/keys.js';
import { valueAtPath } from '../shared/values.js';

/**
 * The id in a field as a string: a safe integer, a non-empty string, or a v1 object whose `value`
 * (persons, users) or `id` holds it. Undefined when there is none; `ILL_FORMED_ID` when the text
 * holds a lone UTF-16 surrogate (an id no output can carry: a `bad-id` wherever it is read).
 *
 * @example
 * idOf({ id: 11884360, name: 'Dana', value: 11884360 }) // '11884360'
 */
export function idOf(value: unknown): IdReading {
  if (typeof value === 'object' && value !== null) {
    // One level only: v1 nests the id once, and a deeper (or cyclic) value is no id.
    const object = value as { value?: unknown; id?: unknown };
    return plainId(object.value) ?? plainId(object.id);
  }
  return plainId(value);
}

function plainId(value: unknown): IdReading {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
  if (typeof value === 'string') return textId(value, (text) => text);
  return undefined;
}

/**
 * Whether a field is empty the way Pipedrive writes "none": absent, null or ''.
 *
 * @example
 * isBlank('') // true (v1's "no time")
 */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

// v1 writes `2023-02-22 08:52:52` (and leads `2023-02-22 08:52:06.047`), in UTC, with no offset.
const V1_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)$/;

/**
 * Epoch ms of a Pipedrive timestamp: v1 `YYYY-MM-DD HH:mm:ss` read as UTC (the API documents its
 * timestamps in UTC), v2 ISO 8601 with an offset, or epoch ms. Undefined when it is neither.
 *
 * @example
 * parsePipedriveTimestamp('2026-11-10 09:42:10') === Date.parse('2026-11-10T09:42:10Z') // true
 */
export function parsePipedriveTimestamp(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const v1 = V1_TIMESTAMP.exec(value);
    if (v1) return parseInstant(`${v1[1]}T${v1[2]!.length === 5 ? `${v1[2]}:00` : v1[2]}Z`);
  }
  if (value instanceof Date) return parseInstant(value.getTime());
  return parseInstant(value);
}

/**
 * `HH:MM` or `HH:MM:SS` → minutes after midnight, or undefined.
 *
 * @example
 * parseClock('09:30:00') // 570
 */
export function parseClock(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59 || Number(match[3] ?? 0) > 59) return undefined;
  return hours * 60 + minutes;
}

/**
 * Epoch ms of a due date and a UTC time of day (minutes).
 *
 * @example
 * utcDateTime('2026-11-10', 570) === Date.parse('2026-11-10T09:30:00Z') // true
 */
export function utcDateTime(date: string, minutes: number): number | undefined {
  const day = parseDate(date);
  return day === undefined ? undefined : day * 86_400_000 + minutes * 60_000;
}

/**
 * Epoch ms of a local date and time (minutes) in an IANA zone; a time in a DST gap moves forward.
 *
 * @example
 * zonedDateTime('2026-11-10', 720, 'Europe/Kiev') === Date.parse('2026-11-10T10:00:00Z') // true
 */
export function zonedDateTime(date: string, minutes: number, zone: string): number | undefined {
  const day = parseDate(date);
  if (day === undefined) return undefined;
  const local = DateTime.fromISO(date, { zone }).set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
  return local.isValid ? local.toMillis() : undefined;
}

/**
 * The canonical UTC ISO string of epoch ms.
 *
 * @example
 * isoOf(0) // '1970-01-01T00:00:00.000Z'
 */
export function isoOf(ms: number): string {
  return formatInstant(ms);
}

/**
 * A field of a record, read at the top level (v1) or under `custom_fields` (v2), by its key or a
 * dotted path into a nested value (`org_id.address`); own properties only.
 *
 * @example
 * fieldOf({ custom_fields: { abc: 3 } }, 'abc') // 3
 */
export function fieldOf(record: Record<string, unknown>, field: string): unknown {
  const top = valueAtPath(record, field);
  if (top !== undefined) return top;
  const custom = Object.hasOwn(record, 'custom_fields') ? record.custom_fields : undefined;
  if (typeof custom === 'object' && custom !== null && !Array.isArray(custom)) return valueAtPath(custom, field);
  return undefined;
}

/**
 * The plain value of a field: enum custom fields come as option ids, v2 sometimes as
 * `{ value }` or `{ id }` objects; a set (multi-option) field yields its first option.
 *
 * @example
 * plainValue([{ id: 12, label: 'Review' }]) // '12'
 */
export function plainValue(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // A list of option objects is two levels deep; anything deeper (or cyclic) holds no value.
  if (depth >= 2 || typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) return value.length > 0 ? plainValue(value[0], depth + 1) : undefined;
  const object = value as { value?: unknown; id?: unknown };
  return plainValue(object.value, depth + 1) ?? plainValue(object.id, depth + 1);
}

// The key is percent-encoded (no `]`, no spaces), so the first `]` ends the marker.
const MARKER = /\[(cc1:[^\]\s<>]+)\]/;

/**
 * The marker written into an activity's note: `[cc1:…]`.
 *
 * @example
 * keyMarker('cc1:1001:check-in:2026-12-01') // '[cc1:1001:check-in:2026-12-01]'
 */
export function keyMarker(key: string): string {
  return `[${key}]`;
}

/**
 * The task key in a text (an activity's note or subject), when it holds a marker.
 *
 * @example
 * keyInText('Due.<br>[cc1:1001:check-in:2026-12-01]') // { contactId: '1001', cycleId: 'check-in', dueOn: '2026-12-01' }
 */
export function keyInText(text: unknown): TaskKeyParts | undefined {
  if (typeof text !== 'string') return undefined;
  const match = MARKER.exec(text);
  return match ? parseTaskKey(match[1]) : undefined;
}

/**
 * The task key of an activity: the `keyField` value, else a marker in the note, else in the subject.
 *
 * @example
 * activityKey({ note: '[cc1:1001:review:2026-12-31]' })?.cycleId // 'review'
 */
export function activityKey(activity: Record<string, unknown>, keyField?: string): TaskKeyParts | undefined {
  return activityKeyIn(activity, keyField)?.parts;
}

/**
 * The task key of an activity with the field it was found in (`keyField`, `note` or `subject`),
 * for an error that names the field.
 *
 * @example
 * activityKeyIn({ subject: 'Call [cc1:1001:review:2026-12-31]' })?.field // 'subject'
 */
export function activityKeyIn(activity: Record<string, unknown>, keyField?: string): { parts: TaskKeyParts; field: string } | undefined {
  if (keyField !== undefined) {
    const parts = parseTaskKey(fieldOf(activity, keyField));
    if (parts) return { parts, field: keyField };
  }
  for (const field of ['note', 'subject']) {
    const parts = keyInText(activity[field]);
    if (parts) return { parts, field };
  }
  return undefined;
}

/**
 * Escapes text for Pipedrive's HTML note.
 *
 * @example
 * escapeHtml('a < b & c') // 'a &lt; b &amp; c'
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
