/**
 * Validation of the records a CRM sends: contacts, touches, owners, snoozes.
 *
 * These arrive by the million, so they are checked by hand-written code that allocates nothing
 * for a good record; `src/schema/records.ts` holds the same rules as zod schemas (for JSON Schema
 * and for callers who validate elsewhere), and a test holds the two to the same verdicts.
 * A bad record becomes a `RecordError` naming the record and the field, never an exception.
 */
import { parseDate } from './dates.js';
import { parseInstant } from './instant.js';
import type { Contact, Owner, RecordError, Snooze, Touch } from './types.js';
import { isValidZone } from './zones.js';
import { messages } from '../errors/messages.js';
import { CHANNELS, DIRECTIONS } from '../schema/policy.js';

const channelSet: ReadonlySet<unknown> = new Set(CHANNELS);
const directionSet: ReadonlySet<unknown> = new Set(DIRECTIONS);

export type FieldProblem = { path: (string | number)[]; message: string };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses a `YYYY-MM-DD` date or an instant; dates stay dates, instants keep their ms. */
export function isDateOrInstant(value: unknown): boolean {
  return typeof value === 'string' && (parseDate(value) !== undefined || parseInstant(value) !== undefined);
}

/** The first problem of a contact, or undefined when it is fine. */
export function contactProblem(value: unknown): FieldProblem | undefined {
  const checked = checkContact(value);
  return typeof checked === 'object' ? checked : undefined;
}

/**
 * Checks a contact and, when it is fine, returns its `createdAt` in epoch ms (or `undefined`
 * when it has none), so the hot path parses it once.
 */
export function checkContact(value: unknown): FieldProblem | number | undefined {
  if (!isPlainObject(value)) return { path: [], message: messages.notAnObject };
  const contact = value as Partial<Contact>;
  if (typeof contact.id !== 'string' || contact.id === '') return { path: ['id'], message: messages.missingId };
  if (contact.ownerId !== undefined && typeof contact.ownerId !== 'string') return { path: ['ownerId'], message: messages.notAString };
  if (contact.timeZone !== undefined && (typeof contact.timeZone !== 'string' || !isValidZone(contact.timeZone))) {
    return { path: ['timeZone'], message: messages.unknownZone(String(contact.timeZone)) };
  }
  if (contact.tier !== undefined && typeof contact.tier !== 'string') return { path: ['tier'], message: messages.notAString };
  if (contact.calendar !== undefined && typeof contact.calendar !== 'string') return { path: ['calendar'], message: messages.notAString };
  let createdMs: number | undefined;
  if (contact.createdAt !== undefined) {
    createdMs = parseInstant(contact.createdAt);
    if (createdMs === undefined) return { path: ['createdAt'], message: messages.badInstant };
  }
  if (contact.attributes !== undefined && !isPlainObject(contact.attributes)) return { path: ['attributes'], message: messages.notARecord };
  if (contact.events !== undefined) {
    if (!isPlainObject(contact.events)) return { path: ['events'], message: messages.notARecord };
    for (const [name, date] of Object.entries(contact.events)) {
      if (!isDateOrInstant(date)) return { path: ['events', name], message: messages.badDateOrInstant };
    }
  }
  if (contact.doNotContact !== undefined && typeof contact.doNotContact !== 'boolean') {
    return { path: ['doNotContact'], message: messages.notABoolean };
  }
  if (contact.pausedUntil !== undefined && contact.pausedUntil !== null && !isDateOrInstant(contact.pausedUntil)) {
    return { path: ['pausedUntil'], message: messages.badDateOrInstant };
  }
  return createdMs;
}

/** The first problem of a touch (other than an unknown contact), or undefined. */
export function touchProblem(value: unknown): FieldProblem | undefined {
  const checked = checkTouch(value);
  return typeof checked === 'object' ? checked : undefined;
}

/** Checks a touch and, when it is fine, returns its instant in epoch ms. */
export function checkTouch(value: unknown): FieldProblem | number {
  if (!isPlainObject(value)) return { path: [], message: messages.notAnObject };
  const touch = value as Partial<Touch>;
  if (typeof touch.contactId !== 'string' || touch.contactId === '') return { path: ['contactId'], message: messages.missingId };
  const ms = parseInstant(touch.at);
  if (ms === undefined) return { path: ['at'], message: messages.badInstant };
  if (!channelSet.has(touch.channel)) return { path: ['channel'], message: messages.badChannel(touch.channel) };
  if (touch.direction !== undefined && !directionSet.has(touch.direction)) {
    return { path: ['direction'], message: messages.badDirection(touch.direction) };
  }
  if (touch.outcome !== undefined && typeof touch.outcome !== 'string') return { path: ['outcome'], message: messages.notAString };
  if (touch.purpose !== undefined && typeof touch.purpose !== 'string') return { path: ['purpose'], message: messages.notAString };
  return ms;
}

/** The first problem of an owner, or undefined. Calendar names are checked against the policy. */
export function ownerProblem(value: unknown, hasCalendar: (name: string) => boolean): FieldProblem | undefined {
  if (!isPlainObject(value)) return { path: [], message: messages.notAnObject };
  const owner = value as Partial<Owner>;
  if (typeof owner.id !== 'string' || owner.id === '') return { path: ['id'], message: messages.missingId };
  if (owner.timeZone !== undefined && (typeof owner.timeZone !== 'string' || !isValidZone(owner.timeZone))) {
    return { path: ['timeZone'], message: messages.unknownZone(String(owner.timeZone)) };
  }
  if (owner.calendar !== undefined && (typeof owner.calendar !== 'string' || !hasCalendar(owner.calendar))) {
    return { path: ['calendar'], message: messages.unknownCalendar(String(owner.calendar)) };
  }
  if (owner.dailyCapacity !== undefined && !(Number.isInteger(owner.dailyCapacity) && owner.dailyCapacity >= 0)) {
    return { path: ['dailyCapacity'], message: 'must be a whole number of touches, 0 or more' };
  }
  return undefined;
}

/** The first problem of a snooze (other than unknown contact or cycle), or undefined. */
export function snoozeProblem(value: unknown): FieldProblem | undefined {
  if (!isPlainObject(value)) return { path: [], message: messages.notAnObject };
  const snooze = value as Partial<Snooze>;
  if (typeof snooze.contactId !== 'string' || snooze.contactId === '') return { path: ['contactId'], message: messages.missingId };
  if (typeof snooze.cycleId !== 'string' || snooze.cycleId === '') return { path: ['cycleId'], message: messages.missingId };
  if (typeof snooze.until !== 'string' || parseDate(snooze.until) === undefined) return { path: ['until'], message: messages.badDate };
  return undefined;
}

export function recordError(
  record: RecordError['record'],
  index: number,
  problem: FieldProblem,
  ids: { contactId?: unknown; ownerId?: unknown } = {},
): RecordError {
  const error: RecordError = { record, index, path: problem.path, message: problem.message };
  if (typeof ids.contactId === 'string') error.contactId = ids.contactId;
  if (typeof ids.ownerId === 'string') error.ownerId = ids.ownerId;
  return error;
}
