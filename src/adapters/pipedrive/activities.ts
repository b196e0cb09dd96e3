/**
 * Pipedrive activities to touches: a done activity of a touch type becomes one touch per person it
 * names (`person_id`, its participants, else its deal's person), at its done time or its due date
 * and time, shaped by its calling-cycle key when it carries one.
 */
import type { Touch } from '../../core/types.js';
import type { Channel } from '../../schema/policy.js';
import { touchShapeForCycle } from '../shared/cycle-touch.js';
import { ILL_FORMED_ID, wellFormed } from '../shared/ids.js';
import { FirstSeen } from '../shared/values.js';
import {
  activityKeyIn,
  fieldOf,
  idOf,
  isBlank,
  isoOf,
  parseClock,
  parsePipedriveTimestamp,
  plainValue,
  utcDateTime,
  zonedDateTime,
} from './fields.js';
import {
  describe,
  fail,
  illFormed,
  isDeleted,
  isRow,
  type Ledger,
  MAPPED,
  missingId,
  notAnObject,
  type PersonBook,
  type Problem,
  type Row,
  skip,
  type Verdict,
} from './records.js';
import type { FromPipedriveOptions } from './types.js';

/**
 * Activity types every Pipedrive company has, by `key_string`. Tasks and deadlines are work, not
 * contact; custom types are not touches until the `activityTypes` option maps them.
 *
 * @example
 * DEFAULT_ACTIVITY_TYPES.lunch // 'meeting'
 */
export const DEFAULT_ACTIVITY_TYPES: Readonly<Record<string, Channel | null>> = {
  call: 'call',
  meeting: 'meeting',
  lunch: 'meeting',
  email: 'email',
  task: null,
  deadline: null,
};

/**
 * Pipedrive call-log outcomes (the CallLogs API's `outcome` enum) → the engine's outcomes, used by
 * the `outcome` option without a map.
 *
 * @example
 * CALL_LOG_OUTCOMES.left_voicemail // 'voicemail'
 */
export const CALL_LOG_OUTCOMES: Readonly<Record<string, string>> = {
  connected: 'connected',
  no_answer: 'no-answer',
  busy: 'no-answer',
  left_message: 'voicemail',
  left_voicemail: 'voicemail',
  wrong_number: 'bounced',
};

/**
 * What reading the activities needs from the rest of the book.
 *
 * @example
 * const touches = readActivities(rows, { options, ledger, persons, checkPersons: true, ownerZones, dealPersons });
 */
export interface ActivityContext {
  options: FromPipedriveOptions;
  ledger: Ledger;
  persons: PersonBook;
  checkPersons: boolean;
  ownerZones: ReadonlyMap<string, string>;
  /** Deal id → its person id; `ILL_FORMED_ID` where that person id holds a lone UTF-16 surrogate. */
  dealPersons: ReadonlyMap<string, string | typeof ILL_FORMED_ID>;
}

/**
 * Reads the activities into touches, each record's fate in the ledger.
 *
 * @example
 * const touches = readActivities(rowsOf(records, 'activities'), context);
 */
export function readActivities(rows: readonly unknown[], context: ActivityContext): Touch[] {
  const touches: Touch[] = [];
  const { ledger, options } = context;
  const types = { ...DEFAULT_ACTIVITY_TYPES, ...options.activityTypes };
  const seen = new FirstSeen();
  ledger.each('activities', rows, (row): Verdict => {
    if (!isRow(row)) return fail(undefined, notAnObject('activity'));
    const id = idOf(row.id);
    if (id === undefined || id === ILL_FORMED_ID) return fail(undefined, missingId('activity', row.id, id));
    // The same activity on two overlapping pages: mapped once, as in every adapter.
    if (!seen.first(id)) return skip(id, 'duplicate-id');
    if (!options.includeDeleted && isDeleted(row)) return skip(id, 'deleted');
    if (!(row.done === true || row.done === 1 || row.done === '1')) return skip(id, 'open-activity');
    const type = typeof row.type === 'string' ? row.type : undefined;
    const channel = type === undefined ? undefined : Object.hasOwn(types, type) ? types[type] : undefined;
    if (!channel) return skip(id, 'not-a-touch-type');
    // deal_id sets the purpose (dealPurpose) and may name the person: read on every touch.
    const dealId = idOf(row.deal_id);
    if (dealId === ILL_FORMED_ID) return fail(id, illFormed('deal_id', `activity ${id}: deal_id`));
    const people = participantsOf(row, context);
    if ('code' in people) return fail(id, { ...people, message: `activity ${id}: ${people.message}` });
    if (people.length === 0) return skip(id, 'no-person');
    const known = context.checkPersons ? people.filter((person) => !context.persons.unmapped.has(person)) : people;
    if (known.length === 0) return skip(id, 'person-not-mapped');
    if (context.checkPersons && !known.some((person) => context.persons.mapped.has(person))) {
      return fail(id, {
        code: 'unknown-contact',
        path: ['participants'],
        message: `activity ${id}: person ${known.join(', ')} is not among the persons`,
      });
    }
    const at = activityInstant(row, context);
    if (typeof at !== 'number') return fail(id, { ...at, message: `activity ${id}: ${at.message}` });
    const iso = isoOf(at);
    const base: Touch = { contactId: '', at: iso, channel, direction: options.direction ?? 'outbound' };
    const outcome = ruleValue(row, options.outcome, CALL_LOG_OUTCOMES);
    const purpose = ruleValue(row, options.purpose, {}) ?? (dealId !== undefined ? options.dealPurpose : undefined);
    if (outcome !== undefined) base.outcome = outcome;
    if (purpose !== undefined) base.purpose = purpose;
    const found = options.policy ? activityKeyIn(row, options.keyField) : undefined;
    // The key names the person the activity was planned for: read as any other id.
    if (found !== undefined && idOf(found.parts.contactId) === ILL_FORMED_ID) {
      return fail(id, illFormed(found.field.split('.'), `activity ${id}: the contact id of the key in ${found.field}`));
    }
    const key = found?.parts;
    const shape = key && options.policy ? touchShapeForCycle(options.policy, key.cycleId) : undefined;
    for (const person of known) {
      if (shape && person === key!.contactId) {
        // A planned activity counts for the cycle it was planned for; what the record states
        // explicitly (an outcome, a purpose) still wins, so a "no answer" does not close it.
        const touch: Touch = {
          ...base,
          contactId: person,
          channel: shape.channel,
          direction: shape.direction,
          outcome: outcome ?? shape.outcome,
        };
        const shapedPurpose = ruleValue(row, options.purpose, {}) ?? shape.purpose ?? purpose;
        if (shapedPurpose !== undefined) touch.purpose = shapedPurpose;
        touches.push(touch);
      } else touches.push({ ...base, contactId: person });
    }
    return MAPPED;
  });
  return touches;
}

/**
 * Every person of an activity, primary first, without repeats: `person_id`, then `participants`
 * (the primary ones first, each group in its own order). Linear in the number of participants: a
 * set says who is in already.
 */
function participantsOf(row: Row, context: ActivityContext): string[] | Problem {
  const people: string[] = [];
  const seen = new Set<string>();
  const add = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    people.push(id);
  };
  const primary = idOf(row.person_id);
  if (primary === ILL_FORMED_ID) return illFormed('person_id', 'person_id');
  if (primary !== undefined) add(primary);
  else if (!isBlank(row.person_id))
    return { code: 'bad-value', path: ['person_id'], message: `person_id ${describe(row.person_id)} holds no person id` };
  if (!isBlank(row.participants)) {
    if (!Array.isArray(row.participants)) return { code: 'bad-value', path: ['participants'], message: 'participants is not a list' };
    const list = row.participants as unknown[];
    // The primary participant first, as Pipedrive shows it (a stable partition, not a sort).
    const primary: number[] = [];
    const others: number[] = [];
    for (let position = 0; position < list.length; position++) (isPrimary(list[position]) ? primary : others).push(position);
    for (const position of [...primary, ...others]) {
      const participant = list[position];
      const id = isRow(participant) ? idOf(participant.person_id) : undefined;
      if (id === ILL_FORMED_ID) return illFormed(['participants', position, 'person_id'], `participant ${position}: person_id`);
      if (id === undefined)
        return { code: 'bad-value', path: ['participants', position, 'person_id'], message: `participant ${position} has no person_id` };
      add(id);
    }
  }
  if (people.length === 0 && context.options.personFromDeal !== false) {
    // deal_id itself is checked before the people are read.
    const dealId = wellFormed(idOf(row.deal_id));
    const dealPerson = dealId === undefined ? undefined : context.dealPersons.get(dealId);
    if (dealPerson === ILL_FORMED_ID) return illFormed('deal_id', `the person_id of deal ${dealId}`);
    if (dealPerson !== undefined) add(dealPerson);
  }
  return people;
}

function isPrimary(participant: unknown): boolean {
  return isRow(participant) && (participant.primary === true || participant.primary_flag === true);
}

/** The instant of a done activity, by `touchInstant`: the done time or the due date and time. */
function activityInstant(row: Row, context: ActivityContext): number | Problem {
  const doneFirst = (context.options.touchInstant ?? 'done') === 'done';
  if (doneFirst && !isBlank(row.marked_as_done_time)) return doneInstant(row);
  if (!isBlank(row.due_date)) return dueInstant(row, context);
  if (!isBlank(row.marked_as_done_time)) return doneInstant(row);
  return { code: 'missing-field', path: ['due_date'], message: 'done, but neither marked_as_done_time nor due_date is set' };
}

function doneInstant(row: Row): number | Problem {
  const ms = parsePipedriveTimestamp(row.marked_as_done_time);
  return (
    ms ?? {
      code: 'bad-instant',
      path: ['marked_as_done_time'],
      message: `marked_as_done_time ${describe(row.marked_as_done_time)} is not a Pipedrive timestamp (YYYY-MM-DD HH:mm:ss in UTC, or ISO 8601)`,
    }
  );
}

function dueInstant(row: Row, context: ActivityContext): number | Problem {
  const date = row.due_date;
  if (typeof date !== 'string' || utcDateTime(date, 0) === undefined) {
    return { code: 'bad-date', path: ['due_date'], message: `due_date ${describe(date)} is not a YYYY-MM-DD date` };
  }
  if (!isBlank(row.due_time)) {
    const minutes = parseClock(row.due_time);
    if (minutes === undefined)
      return { code: 'bad-value', path: ['due_time'], message: `due_time ${describe(row.due_time)} is not HH:MM in UTC` };
    return utcDateTime(date, minutes)!;
  }
  // No time: the date is the owner's calendar day, so the touch is placed at a local hour there.
  let ownerId: string | undefined;
  for (const field of ['owner_id', 'user_id', 'assigned_to_user_id']) {
    const reading = idOf(row[field]);
    if (reading === ILL_FORMED_ID) return illFormed(field, field);
    if (reading !== undefined) {
      ownerId = reading;
      break;
    }
  }
  const zone = (ownerId !== undefined ? context.ownerZones.get(ownerId) : undefined) ?? context.options.timeZone ?? 'UTC';
  const minutes = parseClock(context.options.untimedActivityTime ?? '12:00')!;
  // Owner zones and the timeZone option are checked already; UTC is only a guard.
  return zonedDateTime(date, minutes, zone) ?? utcDateTime(date, minutes)!;
}

function ruleValue(row: Row, rule: FromPipedriveOptions['outcome'], known: Readonly<Record<string, string>>): string | undefined {
  if (rule === undefined) return undefined;
  const value = plainValue(fieldOf(row, rule.field));
  if (value === undefined) return undefined;
  if (rule.map && Object.hasOwn(rule.map, value)) return rule.map[value];
  return Object.hasOwn(known, value) ? known[value] : value;
}
