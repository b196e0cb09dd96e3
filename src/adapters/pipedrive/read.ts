/**
 * Pipedrive records → contacts, touches and owners. Persons are contacts, users are owners, done
 * activities are touches (one per participant), won deals give their person's `closedWon` date.
 * Every record is mapped, skipped for a reason an option changes, or an error with a code.
 */
import type { Contact, Touch } from '../../core/types.js';
import { isValidZone } from '../../time/zones.js';
import { InputError } from '../../errors/errors.js';
import type { Channel } from '../../schema/policy.js';
import { touchShapeForCycle } from '../shared/cycle-touch.js';
import type { AdapterError, AdapterErrorCode, AdapterOwner, AdapterResult, AdapterWarning, SkippedRecord } from '../shared/types.js';
import {
  FirstSeen,
  refuseUnknownOptions,
  unknownCollectionMessage,
  unknownCollections,
  unreadable,
  unreadableMessage,
} from '../shared/values.js';
import { ILL_FORMED_ID, illFormedIdMessage, wellFormed } from '../shared/ids.js';
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
import type { FromPipedriveOptions, PipedriveCollection, PipedriveRecords } from './types.js';

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

const COLLECTIONS = ['persons', 'users', 'activities', 'deals'] as const;
type CollectionName = (typeof COLLECTIONS)[number];

const DEFAULT_DO_NOT_CONTACT_VALUES = ['true', '1', 'yes'];

type Row = Record<string, unknown>;

/** A record's problem: the error entry is built from it with the record's place. */
interface Problem {
  code: AdapterErrorCode;
  path: (string | number)[];
  message: string;
}

/** What became of one record. */
type Verdict =
  | { kind: 'mapped' }
  | { kind: 'skipped'; id: string; reason: string }
  | { kind: 'error'; id: string | undefined; problem: Problem };

const MAPPED: Verdict = { kind: 'mapped' };

function skip(id: string, reason: string): Verdict {
  return { kind: 'skipped', id, reason };
}

function fail(id: string | undefined, problem: Problem): Verdict {
  return { kind: 'error', id, problem };
}

class Ledger {
  readonly errors: AdapterError[] = [];
  readonly skipped: SkippedRecord[] = [];
  readonly warnings: AdapterWarning[] = [];
  readonly counts: AdapterResult['counts'] = {};

  constructor() {
    for (const name of COLLECTIONS) this.counts[name] = { read: 0, mapped: 0, skipped: 0, errors: 0 };
  }

  /** Reads every record of a collection through `handle`, counting what became of each. */
  each(source: CollectionName, rows: readonly unknown[], handle: (row: unknown) => Verdict): void {
    const count = this.counts[source]!;
    for (let index = 0; index < rows.length; index++) {
      count.read += 1;
      // A record that refers to itself or nests past any API record's depth: an error, before anything reads it.
      const unsafe = unreadable(rows[index]);
      const verdict: Verdict =
        unsafe === undefined
          ? handle(rows[index])
          : fail(isRow(rows[index]) ? plainIdOf(rows[index] as Row) : undefined, {
              code: 'bad-value',
              path: unsafe.path.slice(0, 1),
              message: `${source}[${index}]: ${unreadableMessage(unsafe)}`,
            });
      if (verdict.kind === 'mapped') count.mapped += 1;
      else if (verdict.kind === 'skipped') {
        count.skipped += 1;
        this.skipped.push({ source, index, id: verdict.id, reason: verdict.reason });
      } else {
        count.errors += 1;
        const { code, path, message } = verdict.problem;
        const entry: AdapterError = { code, source, index, path, message };
        if (verdict.id !== undefined) entry.id = verdict.id;
        this.errors.push(entry);
      }
    }
  }
}

function rowsOf(records: PipedriveRecords, name: CollectionName): readonly unknown[] {
  const collection = records[name] as PipedriveCollection<unknown> | undefined;
  if (collection === undefined || collection === null) return [];
  if (Array.isArray(collection)) return collection;
  const page = collection as { data?: unknown };
  if (typeof collection === 'object' && (page.data === null || Array.isArray(page.data))) return (page.data ?? []) as unknown[];
  throw new InputError(`fromPipedrive: records.${name} must be an array of ${name} (or a response page with a data array)`, [
    { code: 'bad-value', path: [name], message: 'not an array' },
  ]);
}

/** A plain text field (a name), trimmed; undefined when absent, blank or not text. */
function textOf(row: Row, field: string): string | undefined {
  const value = Object.hasOwn(row, field) ? row[field] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A record's own id when it is a plain number or text (never read out of a nested value). */
function plainIdOf(row: Row): string | undefined {
  const id = row.id;
  return typeof id === 'number' || typeof id === 'string' ? wellFormed(idOf(id)) : undefined;
}

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// v1 persons, users and activities say `active_flag: false` once deleted, v2 `is_deleted: true`;
// v1 deals say `deleted: true` (their `active` is false for every won or lost deal, so it is not read).
function isDeleted(row: Row): boolean {
  return row.is_deleted === true || row.active_flag === false || row.deleted === true;
}

/** A bad value as a message shows it: short, and never throwing (a value may be cyclic or a bigint). */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Contacts, touches and owners from Pipedrive records (API v1 or v2 `data` items). Never throws
 * on a bad record: each comes back in `errors` (with a `code`) or `skipped` (with a reason), and
 * `counts` accounts for every record per collection. The input is not modified.
 *
 * @example
 * const { contacts, touches, owners, errors } = fromPipedrive(
 *   { persons: personsPage.data, users: usersPage.data, activities: activitiesPage.data, deals: dealsPage.data },
 *   { policy, ownerDefaults: { dailyCapacity: 20 } },
 * );
 * const { items } = evaluate({ policy, contacts, touches, owners, now: new Date().toISOString() });
 */
export function fromPipedrive(records: PipedriveRecords, options: FromPipedriveOptions = {}): AdapterResult {
  if (!isRow(records)) throw new InputError('fromPipedrive: records must be an object such as { persons, users, activities, deals }');
  checkOptions(options);
  const ledger = new Ledger();
  for (const entry of unknownCollections(records, COLLECTIONS)) {
    if ((records as Record<string, unknown>)[entry.key] === undefined) continue;
    // A misspelt collection (`Persons`, `activity`) would read as nothing: it is one record in error.
    ledger.counts[entry.key] = { read: 1, mapped: 0, skipped: 0, errors: 1 };
    ledger.errors.push({
      code: 'unknown-collection',
      source: entry.key,
      index: 0,
      path: [entry.key],
      message: unknownCollectionMessage('fromPipedrive', entry, COLLECTIONS),
    });
  }
  // Without persons there is nothing to check an activity's or a deal's persons against.
  const checkPersons = records.persons !== undefined && records.persons !== null;
  const owners = readUsers(rowsOf(records, 'users'), options, ledger);
  const ownerZones = new Map(owners.filter((owner) => owner.timeZone !== undefined).map((owner) => [String(owner.id), owner.timeZone!]));
  const personRows = rowsOf(records, 'persons');
  const persons = readPersons(personRows, options, ledger);
  const dealRows = rowsOf(records, 'deals');
  const dealPersons = dealPersonIndex(dealRows);
  readDeals(dealRows, persons, checkPersons, options, ledger);
  const touches = readActivities(rowsOf(records, 'activities'), {
    options,
    ledger,
    persons,
    checkPersons,
    ownerZones,
    dealPersons,
  });
  return {
    contacts: [...persons.mapped.values()],
    touches,
    owners,
    errors: ledger.errors,
    skipped: ledger.skipped,
    warnings: ledger.warnings,
    counts: ledger.counts,
  };
}

/** Every option fromPipedrive takes (typed against FromPipedriveOptions, so a new option must be listed here). */
const OPTION_NAMES: Record<keyof FromPipedriveOptions, true> = {
  policy: true,
  activityTypes: true,
  direction: true,
  outcome: true,
  purpose: true,
  dealPurpose: true,
  touchInstant: true,
  untimedActivityTime: true,
  timeZone: true,
  doNotContact: true,
  timeZoneField: true,
  tierField: true,
  attributes: true,
  personFromDeal: true,
  includeDeleted: true,
  lostDealEvent: true,
  owners: true,
  ownerDefaults: true,
  keyField: true,
};

/** Options are the caller's code, not data: a wrong one throws at once rather than mislabel every record. */
function checkOptions(options: FromPipedriveOptions): void {
  refuseUnknownOptions('fromPipedrive', options, OPTION_NAMES);
  if (options.untimedActivityTime !== undefined && parseClock(options.untimedActivityTime) === undefined) {
    throw new InputError(`fromPipedrive: untimedActivityTime "${options.untimedActivityTime}" is not HH:MM`);
  }
  if (options.timeZone !== undefined && !isValidZone(options.timeZone)) {
    throw new InputError(`fromPipedrive: unknown time zone "${options.timeZone}"`);
  }
  const settings = [options.ownerDefaults, ...Object.values(options.owners ?? {})];
  for (const setting of settings) {
    if (setting?.timeZone !== undefined && !isValidZone(setting.timeZone)) {
      throw new InputError(`fromPipedrive: unknown time zone "${setting.timeZone}" in the owner settings`);
    }
  }
  if (options.direction !== undefined && options.direction !== 'outbound' && options.direction !== 'inbound') {
    throw new InputError(`fromPipedrive: direction "${String(options.direction)}" is not outbound or inbound`);
  }
}

function readUsers(rows: readonly unknown[], options: FromPipedriveOptions, ledger: Ledger): AdapterOwner[] {
  const owners: AdapterOwner[] = [];
  const seen = new FirstSeen();
  ledger.each('users', rows, (row): Verdict => {
    if (!isRow(row)) return fail(undefined, notAnObject('user'));
    const id = idOf(row.id);
    if (id === undefined || id === ILL_FORMED_ID) return fail(undefined, missingId('user', row.id, id));
    if (seen.has(id)) return skip(id, 'duplicate-id');
    const own = options.owners && Object.hasOwn(options.owners, id) ? options.owners[id] : undefined;
    const defaults = options.ownerDefaults ?? {};
    const owner: AdapterOwner = { id };
    const name = textOf(row, 'name');
    if (name !== undefined) owner.name = name;
    const zone = row.timezone_name;
    if (own?.timeZone === undefined && !isBlank(zone)) {
      if (typeof zone !== 'string' || !isValidZone(zone)) {
        return fail(id, { code: 'unknown-zone', path: ['timezone_name'], message: `user ${id}: unknown time zone ${describe(zone)}` });
      }
    }
    const timeZone = own?.timeZone ?? (isBlank(zone) ? undefined : (zone as string)) ?? defaults.timeZone;
    if (timeZone !== undefined) owner.timeZone = timeZone;
    const calendar = own?.calendar ?? defaults.calendar;
    if (calendar !== undefined) owner.calendar = calendar;
    const dailyCapacity = own?.dailyCapacity ?? defaults.dailyCapacity;
    if (dailyCapacity !== undefined) owner.dailyCapacity = dailyCapacity;
    // A deactivated user is kept, marked, so their persons still plan and a manager can reassign them.
    if (isDeleted(row) || row.active_flag === false) owner.active = false;
    seen.first(id);
    owners.push(owner);
    return MAPPED;
  });
  return owners;
}

interface PersonBook {
  mapped: Map<string, Contact>;
  /** Persons read but not mapped (skipped or in error): their activities and deals are not theirs to report. */
  unmapped: Set<string>;
}

function readPersons(rows: readonly unknown[], options: FromPipedriveOptions, ledger: Ledger): PersonBook {
  const book: PersonBook = { mapped: new Map(), unmapped: new Set() };
  const everSet = new Map<string, boolean>();
  const attributeFields = options.attributes === undefined ? [] : Array.isArray(options.attributes) ? options.attributes : Object.keys(options.attributes);
  for (const field of [...attributeFields, options.tierField, options.timeZoneField, options.doNotContact?.field]) {
    if (field !== undefined) everSet.set(field, false);
  }
  ledger.each('persons', rows, (row): Verdict => {
    if (!isRow(row)) return fail(undefined, notAnObject('person'));
    const id = idOf(row.id);
    if (id === undefined || id === ILL_FORMED_ID) return fail(undefined, missingId('person', row.id, id));
    if (book.mapped.has(id)) return skip(id, 'duplicate-id');
    if (!options.includeDeleted && isDeleted(row)) {
      book.unmapped.add(id);
      return skip(id, 'deleted');
    }
    const contact = personToContact(row, id, options, everSet);
    if ('code' in contact) {
      book.unmapped.add(id);
      return fail(id, contact);
    }
    book.unmapped.delete(id);
    book.mapped.set(id, contact);
    return MAPPED;
  });
  if (rows.length > 0) {
    for (const [field, set] of everSet) {
      if (set) continue;
      ledger.warnings.push({
        code: 'field-never-set',
        source: 'persons',
        path: field.split('.'),
        message: `no person has the field ${JSON.stringify(field)} the options name: check the key (custom fields go by their hash key)`,
      });
    }
  }
  return book;
}

function personToContact(row: Row, id: string, options: FromPipedriveOptions, everSet: Map<string, boolean>): Contact | Problem {
  const contact: Contact = { id };
  const name = textOf(row, 'name');
  if (name !== undefined) contact.name = name;
  // A configured field, noted as set when any person has it (one set nowhere is a warning).
  const configured = (field: string): unknown => {
    const value = fieldOf(row, field);
    if (!isBlank(value)) everSet.set(field, true);
    return value;
  };
  if (!isBlank(row.owner_id)) {
    const ownerId = idOf(row.owner_id);
    if (ownerId === ILL_FORMED_ID) return illFormed('owner_id', `person ${id}: owner_id`);
    if (ownerId === undefined)
      return { code: 'bad-value', path: ['owner_id'], message: `person ${id}: owner_id ${describe(row.owner_id)} holds no user id` };
    contact.ownerId = ownerId;
  }
  if (!isBlank(row.add_time)) {
    const ms = parsePipedriveTimestamp(row.add_time);
    if (ms === undefined) {
      return {
        code: 'bad-instant',
        path: ['add_time'],
        message: `person ${id}: add_time ${describe(row.add_time)} is not a Pipedrive timestamp (YYYY-MM-DD HH:mm:ss in UTC, or ISO 8601)`,
      };
    }
    contact.createdAt = isoOf(ms);
  }
  if (options.timeZoneField !== undefined) {
    const zone = plainValue(configured(options.timeZoneField));
    if (zone !== undefined) {
      if (!isValidZone(zone))
        return { code: 'unknown-zone', path: [options.timeZoneField], message: `person ${id}: unknown time zone "${zone}"` };
      contact.timeZone = zone;
    }
  }
  if (options.tierField !== undefined) {
    const tier = plainValue(configured(options.tierField));
    if (tier !== undefined) contact.tier = tier;
  }
  if (options.attributes !== undefined) {
    const attributes: Record<string, unknown> = {};
    const fields: [string, string][] = Array.isArray(options.attributes)
      ? options.attributes.map((field: string) => [field, field])
      : Object.entries(options.attributes);
    for (const [field, attribute] of fields) {
      const value = configured(field);
      if (isBlank(value)) continue;
      const plain = typeof value === 'object' ? plainValue(value) : value;
      // An option object ({ value }, { id }) reads as its value; any other object is no attribute value.
      if (plain === undefined) {
        return { code: 'bad-value', path: field.split('.'), message: `person ${id}: ${field} holds ${describe(value)} where a value belongs` };
      }
      attributes[attribute] = plain;
    }
    contact.attributes = attributes;
  }
  if (options.doNotContact !== undefined) {
    const values = (options.doNotContact.values ?? DEFAULT_DO_NOT_CONTACT_VALUES).map((value) => String(value).toLowerCase());
    const value = plainValue(configured(options.doNotContact.field));
    contact.doNotContact = value !== undefined && values.includes(value.toLowerCase());
  }
  return contact;
}

/** Deal id → its person id (an ill-formed one kept as such), for activities linked only to a deal. */
function dealPersonIndex(rows: readonly unknown[]): Map<string, string | typeof ILL_FORMED_ID> {
  const index = new Map<string, string | typeof ILL_FORMED_ID>();
  for (const row of rows) {
    if (!isRow(row)) continue;
    // A deal whose own id no output can carry is reported when the deals are read; nothing links to it.
    const dealId = wellFormed(idOf(row.id));
    const personId = idOf(row.person_id);
    if (dealId !== undefined && personId !== undefined && !index.has(dealId)) index.set(dealId, personId);
  }
  return index;
}

function readDeals(
  rows: readonly unknown[],
  persons: PersonBook,
  checkPersons: boolean,
  options: FromPipedriveOptions,
  ledger: Ledger,
): void {
  // Person → event name → the latest instant (ms), applied once all deals are read.
  const latest = new Map<string, Map<string, number>>();
  const seen = new FirstSeen();
  ledger.each('deals', rows, (row): Verdict => {
    if (!isRow(row)) return fail(undefined, notAnObject('deal'));
    const id = idOf(row.id);
    if (id === undefined || id === ILL_FORMED_ID) return fail(undefined, missingId('deal', row.id, id));
    if (!seen.first(id)) return skip(id, 'duplicate-id');
    if (!options.includeDeleted && (isDeleted(row) || row.status === 'deleted')) return skip(id, 'deleted');
    let event: string;
    let field: 'won_time' | 'lost_time';
    if (row.status === 'won') {
      event = 'closedWon';
      field = 'won_time';
    } else if (row.status === 'lost') {
      if (options.lostDealEvent === undefined) return skip(id, 'lost-deal');
      event = options.lostDealEvent;
      field = 'lost_time';
    } else if (row.status === 'open') {
      return skip(id, 'open-deal');
    } else {
      return fail(id, {
        code: 'bad-value',
        path: ['status'],
        message: `deal ${id}: status ${describe(row.status)} is not open, won or lost`,
      });
    }
    const personId = idOf(row.person_id);
    if (personId === undefined) return skip(id, 'no-person');
    // No person leaves the deal out; one no output can carry is the deal's error.
    if (personId === ILL_FORMED_ID) return fail(id, illFormed('person_id', `deal ${id}: person_id`));
    if (checkPersons && !persons.mapped.has(personId)) {
      if (persons.unmapped.has(personId)) return skip(id, 'person-not-mapped');
      return fail(id, { code: 'unknown-contact', path: ['person_id'], message: `deal ${id}: person ${personId} is not among the persons` });
    }
    if (isBlank(row[field]))
      return fail(id, { code: 'missing-field', path: [field], message: `deal ${id}: ${row.status} but no ${field}` });
    const ms = parsePipedriveTimestamp(row[field]);
    if (ms === undefined) {
      return fail(id, {
        code: 'bad-instant',
        path: [field],
        message: `deal ${id}: ${field} ${describe(row[field])} is not a Pipedrive timestamp`,
      });
    }
    const events = latest.get(personId) ?? new Map<string, number>();
    latest.set(personId, events);
    events.set(event, Math.max(events.get(event) ?? Number.NEGATIVE_INFINITY, ms));
    return MAPPED;
  });
  for (const [personId, events] of latest) {
    const contact = persons.mapped.get(personId);
    const eventValues: Record<string, string> = {};
    for (const [event, ms] of events) eventValues[event] = isoOf(ms);
    if (contact) persons.mapped.set(personId, { ...contact, events: { ...contact.events, ...eventValues } });
    // Without a persons collection there is no contact to carry the event: give one that only has it.
    else if (!checkPersons) persons.mapped.set(personId, { id: personId, events: eventValues });
  }
}

interface ActivityContext {
  options: FromPipedriveOptions;
  ledger: Ledger;
  persons: PersonBook;
  checkPersons: boolean;
  ownerZones: ReadonlyMap<string, string>;
  /** Deal id → its person id; `ILL_FORMED_ID` where that person id holds a lone UTF-16 surrogate. */
  dealPersons: ReadonlyMap<string, string | typeof ILL_FORMED_ID>;
}

function readActivities(rows: readonly unknown[], context: ActivityContext): Touch[] {
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

function notAnObject(what: string): Problem {
  return { code: 'not-an-object', path: [], message: `a ${what} must be an object` };
}

/** A record without an id of its own, or with one no output can carry (`bad-id`, worded as fromCsv's). */
function missingId(what: string, value: unknown, reading: undefined | typeof ILL_FORMED_ID): Problem {
  if (reading === ILL_FORMED_ID) return illFormed('id', `the ${what} id`);
  return { code: 'missing-id', path: ['id'], message: `${what} has no id (got ${describe(value)})` };
}

/** The `bad-id` problem of an id field holding a lone UTF-16 surrogate. */
function illFormed(path: string | (string | number)[], what: string): Problem {
  return { code: 'bad-id', path: typeof path === 'string' ? [path] : path, message: illFormedIdMessage(what) };
}
