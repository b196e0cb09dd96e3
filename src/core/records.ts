/**
 * Validation of the records a CRM sends: contacts, touches, owners, snoozes.
 *
 * These arrive by the million, so they are checked by hand-written code that allocates nothing
 * for a good record; `src/schema/zod/records.ts` holds the same rules as zod schemas (for JSON Schema
 * and for callers who validate elsewhere), and a test holds the two to the same verdicts.
 * A bad record becomes one `RecordError` naming the record and listing every problem it has,
 * never an exception.
 */
import { instantProblem, isDate, isDateOrInstant, parseInstantInto } from '../time/instant.js';
import type { Contact, Owner, RecordError, RecordErrorCode, Snooze, Touch } from './types.js';
import { isValidZone } from '../time/zones.js';
import { messages } from '../errors/messages.js';
import { CHANNELS, DIRECTIONS } from '../schema/policy.js';
import { isWellFormedText } from '../schema/text.js';

const channelSet: ReadonlySet<unknown> = new Set(CHANNELS);
const directionSet: ReadonlySet<unknown> = new Set(DIRECTIONS);

/** One problem of one record: a stable code, the field and what is wrong. */
export type FieldProblem = { code: RecordErrorCode; path: (string | number)[]; message: string };

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An own property of a plain object: inherited names (`constructor`, `__proto__`) are never read. */
export function ownValue(record: object | undefined, name: string): unknown {
  return record !== undefined && Object.hasOwn(record, name) ? (record as Record<string, unknown>)[name] : undefined;
}

/**
 * Whether a value is a valid id: a non-empty string or a safe integer. A string holding a lone
 * UTF-16 surrogate is not one: no output (UTF-8 files, URLs, task keys) could carry it.
 */
export function isId(value: unknown): value is string | number {
  return (typeof value === 'string' && value !== '' && isWellFormedText(value)) || Number.isSafeInteger(value);
}

/** An id as the string every output carries (`42` → `"42"`). */
export function idText(value: string | number): string {
  return typeof value === 'string' ? value : String(value);
}

/** An input id as text for an error record, when it is one. */
function idForError(value: unknown): string | undefined {
  return isId(value) ? idText(value) : undefined;
}

const idProblem = (value: unknown, field: string): FieldProblem =>
  value === undefined || value === null || value === ''
    ? { code: 'missing-id', path: [field], message: messages.missingId }
    : typeof value === 'string'
      ? { code: 'bad-id', path: [field], message: messages.illFormedId }
      : { code: 'bad-id', path: [field], message: messages.badId(value) };

const instantFieldProblem = (value: unknown, path: (string | number)[]): FieldProblem => {
  const code = instantProblem(value);
  return { code, path, message: code === 'instant-out-of-range' ? messages.instantOutOfRange : messages.badInstant };
};

const dateOrInstantProblem = (value: unknown, path: (string | number)[]): FieldProblem => {
  const problem = instantFieldProblem(value, path);
  return problem.code === 'instant-out-of-range' ? problem : { code: 'bad-date', path, message: messages.badDateOrInstant };
};

/** Every problem of a contact (empty when it is fine). */
export function contactProblems(value: unknown): FieldProblem[] {
  const checked = checkContact(value);
  return Array.isArray(checked) ? checked : [];
}

/** The first problem of a contact, or undefined when it is fine. */
export function contactProblem(value: unknown): FieldProblem | undefined {
  return contactProblems(value)[0];
}

/** Scratch slot for the wrappers below: the hot paths pass their own typed arrays. */
const scratch = new Float64Array(1);

/**
 * Checks a contact and, when it is fine, returns its `createdAt` in epoch ms (or `undefined`
 * when it has none), so the hot path parses it once; otherwise every problem it has.
 */
export function checkContact(value: unknown): FieldProblem[] | number | undefined {
  const problems = checkContactInto(value, scratch, 0);
  if (problems !== undefined) return problems;
  const createdMs = scratch[0]!;
  return Number.isNaN(createdMs) ? undefined : createdMs;
}

/**
 * `checkContact` for the intake's loop: every problem of a bad contact, or `undefined` for a good
 * one with its `createdAt` in epoch ms written to `created[at]` (NaN when it has none). The
 * instant goes through the typed array, so a million good contacts allocate nothing.
 *
 * @example
 * const created = new Float64Array(1);
 * checkContactInto({ id: 'c1', createdAt: '2026-01-15T10:00:00Z' }, created, 0); // undefined; created[0] is its ms
 * checkContactInto({ id: '' }, created, 0); // [{ code: 'missing-id', path: ['id'], … }]
 */
export function checkContactInto(value: unknown, created: Float64Array, at: number): FieldProblem[] | undefined {
  if (!isPlainObject(value)) return [{ code: 'not-an-object', path: [], message: messages.notAnObject }];
  const contact = value as Partial<Contact>;
  const createdAt = contact.createdAt;
  let createdOk = true;
  if (createdAt === undefined) created[at] = Number.NaN;
  else if (!parseInstantInto(createdAt, created, at)) {
    created[at] = Number.NaN;
    createdOk = false;
  }
  // A million good contacts take this path: plain tests, nothing allocated.
  if (isGoodContact(contact, createdOk)) return undefined;
  return listContactProblems(contact, createdOk);
}

function isGoodContact(contact: Partial<Contact>, createdOk: boolean): boolean {
  return (
    isId(contact.id) &&
    (contact.ownerId === undefined || isId(contact.ownerId)) &&
    (contact.timeZone === undefined || (typeof contact.timeZone === 'string' && isValidZone(contact.timeZone))) &&
    optionalText(contact.tier) &&
    optionalText(contact.calendar) &&
    optionalName(contact.name) &&
    createdOk &&
    (contact.attributes === undefined || isPlainObject(contact.attributes)) &&
    (contact.events === undefined || (isPlainObject(contact.events) && Object.values(contact.events).every(isDateOrInstant))) &&
    (contact.doNotContact === undefined || typeof contact.doNotContact === 'boolean') &&
    (contact.pausedUntil === undefined || contact.pausedUntil === null || isDateOrInstant(contact.pausedUntil))
  );
}

/** Every problem of a contact that `isGoodContact` refused, in field order. */
function listContactProblems(contact: Partial<Contact>, createdOk: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isId(contact.id)) problems.push(idProblem(contact.id, 'id'));
  if (contact.ownerId !== undefined && !isId(contact.ownerId)) problems.push(idProblem(contact.ownerId, 'ownerId'));
  if (contact.timeZone !== undefined && (typeof contact.timeZone !== 'string' || !isValidZone(contact.timeZone))) {
    problems.push({ code: 'unknown-zone', path: ['timeZone'], message: messages.unknownZone(String(contact.timeZone)) });
  }
  if (!optionalText(contact.tier)) problems.push({ code: 'bad-value', path: ['tier'], message: messages.notAString });
  if (!optionalText(contact.calendar)) problems.push({ code: 'bad-value', path: ['calendar'], message: messages.notAString });
  if (!optionalName(contact.name)) problems.push({ code: 'bad-value', path: ['name'], message: messages.notAString });
  if (!createdOk) problems.push(instantFieldProblem(contact.createdAt, ['createdAt']));
  if (contact.attributes !== undefined && !isPlainObject(contact.attributes)) {
    problems.push({ code: 'bad-value', path: ['attributes'], message: messages.notARecord });
  }
  if (contact.events !== undefined) {
    if (!isPlainObject(contact.events)) problems.push({ code: 'bad-value', path: ['events'], message: messages.notARecord });
    else
      for (const name of Object.keys(contact.events)) {
        const date = contact.events[name];
        if (!isDateOrInstant(date)) problems.push(dateOrInstantProblem(date, ['events', name]));
      }
  }
  if (contact.doNotContact !== undefined && typeof contact.doNotContact !== 'boolean') {
    problems.push({ code: 'bad-value', path: ['doNotContact'], message: messages.notABoolean });
  }
  if (contact.pausedUntil !== undefined && contact.pausedUntil !== null && !isDateOrInstant(contact.pausedUntil)) {
    problems.push(dateOrInstantProblem(contact.pausedUntil, ['pausedUntil']));
  }
  return problems;
}

/** Every problem of a touch (other than an unknown contact); empty when it is fine. */
export function touchProblems(value: unknown): FieldProblem[] {
  const checked = checkTouch(value);
  return Array.isArray(checked) ? checked : [];
}

/** The first problem of a touch (other than an unknown contact), or undefined. */
export function touchProblem(value: unknown): FieldProblem | undefined {
  return touchProblems(value)[0];
}

/** Checks a touch and, when it is fine, returns its instant in epoch ms; otherwise every problem. */
export function checkTouch(value: unknown): FieldProblem[] | number {
  return checkTouchInto(value, scratch, 0) ?? scratch[0]!;
}

/**
 * `checkTouch` for the intake's loop: every problem of a bad touch, or `undefined` for a good one
 * with its instant in epoch ms written to `ms[at]` (which a bad touch may leave written too). The
 * instant goes through the typed array, so a million good touches allocate nothing.
 *
 * @example
 * const ms = new Float64Array(1);
 * checkTouchInto({ contactId: 'c1', at: '2026-11-01T09:30:00Z', channel: 'call' }, ms, 0); // undefined; ms[0] is its ms
 */
export function checkTouchInto(value: unknown, ms: Float64Array, at: number): FieldProblem[] | undefined {
  if (!isPlainObject(value)) return [{ code: 'not-an-object', path: [], message: messages.notAnObject }];
  const touch = value as Partial<Touch>;
  const parsed = parseInstantInto(touch.at, ms, at);
  // The common case, a good touch: plain tests, nothing allocated.
  if (
    parsed &&
    isId(touch.contactId) &&
    channelSet.has(touch.channel) &&
    (touch.direction === undefined || directionSet.has(touch.direction)) &&
    optionalText(touch.outcome) &&
    optionalText(touch.purpose)
  ) {
    return undefined;
  }
  const problems: FieldProblem[] = [];
  if (!isId(touch.contactId)) problems.push(idProblem(touch.contactId, 'contactId'));
  if (!parsed) problems.push(instantFieldProblem(touch.at, ['at']));
  if (!channelSet.has(touch.channel))
    problems.push({ code: 'bad-channel', path: ['channel'], message: messages.badChannel(touch.channel) });
  if (touch.direction !== undefined && !directionSet.has(touch.direction)) {
    problems.push({ code: 'bad-direction', path: ['direction'], message: messages.badDirection(touch.direction) });
  }
  if (!optionalText(touch.outcome)) problems.push({ code: 'bad-value', path: ['outcome'], message: messages.notAString });
  if (!optionalText(touch.purpose)) problems.push({ code: 'bad-value', path: ['purpose'], message: messages.notAString });
  return problems;
}

const optionalText = (value: unknown) => value === undefined || typeof value === 'string';
/** A name is for display only; CRMs send `null` for a blank one, which reads as no name. */
const optionalName = (value: unknown) => value === undefined || value === null || typeof value === 'string';

/** Every problem of an owner; calendar names are checked against the policy. Empty when fine. */
export function ownerProblems(value: unknown, hasCalendar: (name: string) => boolean): FieldProblem[] {
  if (!isPlainObject(value)) return [{ code: 'not-an-object', path: [], message: messages.notAnObject }];
  const owner = value as Partial<Owner>;
  const problems: FieldProblem[] = [];
  if (!isId(owner.id)) problems.push(idProblem(owner.id, 'id'));
  if (!optionalName(owner.name)) problems.push({ code: 'bad-value', path: ['name'], message: messages.notAString });
  if (owner.timeZone !== undefined && (typeof owner.timeZone !== 'string' || !isValidZone(owner.timeZone))) {
    problems.push({ code: 'unknown-zone', path: ['timeZone'], message: messages.unknownZone(String(owner.timeZone)) });
  }
  if (owner.calendar !== undefined && (typeof owner.calendar !== 'string' || !hasCalendar(owner.calendar))) {
    problems.push({ code: 'unknown-calendar', path: ['calendar'], message: messages.unknownCalendar(String(owner.calendar)) });
  }
  if (owner.dailyCapacity !== undefined && !(Number.isSafeInteger(owner.dailyCapacity) && owner.dailyCapacity >= 0)) {
    problems.push({ code: 'bad-value', path: ['dailyCapacity'], message: messages.badCapacity });
  }
  return problems;
}

/** The first problem of an owner, or undefined. Calendar names are checked against the policy. */
export function ownerProblem(value: unknown, hasCalendar: (name: string) => boolean): FieldProblem | undefined {
  return ownerProblems(value, hasCalendar)[0];
}

/** Every problem of a snooze (other than unknown contact or cycle); empty when fine. */
export function snoozeProblems(value: unknown): FieldProblem[] {
  if (!isPlainObject(value)) return [{ code: 'not-an-object', path: [], message: messages.notAnObject }];
  const snooze = value as Partial<Snooze>;
  const problems: FieldProblem[] = [];
  if (!isId(snooze.contactId)) problems.push(idProblem(snooze.contactId, 'contactId'));
  if (typeof snooze.cycleId !== 'string' || snooze.cycleId === '' || !isWellFormedText(snooze.cycleId))
    problems.push(idProblem(snooze.cycleId, 'cycleId'));
  if (!isDateOrInstant(snooze.until)) problems.push(dateOrInstantProblem(snooze.until, ['until']));
  return problems;
}

/** The first problem of a snooze (other than unknown contact or cycle), or undefined. */
export function snoozeProblem(value: unknown): FieldProblem | undefined {
  return snoozeProblems(value)[0];
}

/**
 * One error record for a bad input record: the first problem on top (code, path, message) and
 * every problem in `issues`.
 */
export function recordError(
  record: RecordError['record'],
  index: number,
  problems: FieldProblem | readonly FieldProblem[],
  ids: { contactId?: unknown; ownerId?: unknown } = {},
): RecordError {
  const list = Array.isArray(problems) ? (problems as readonly FieldProblem[]) : [problems as FieldProblem];
  const first = list[0]!;
  const error: RecordError = {
    code: first.code,
    record,
    index,
    path: first.path,
    message: first.message,
    issues: list.map((problem) => ({ code: problem.code, path: problem.path, message: problem.message })),
  };
  const contactId = idForError(ids.contactId);
  const ownerId = idForError(ids.ownerId);
  if (contactId !== undefined) error.contactId = contactId;
  if (ownerId !== undefined) error.ownerId = ownerId;
  return error;
}

/** A contact's own event by name (never an inherited property), or undefined. */
export function eventValue(contact: Contact, name: string): string | number | Date | undefined {
  const value = ownValue(contact.events, name);
  return typeof value === 'string' || typeof value === 'number' || isDate(value) ? value : undefined;
}
