/**
 * Pipedrive records → contacts, touches and owners. Persons are contacts, users are owners, done
 * activities are touches (one per participant, activities.ts), won deals give their person's
 * `closedWon` date. Every record is mapped, skipped for a reason an option changes, or an error
 * with a code (records.ts keeps the account).
 */
import type { Contact } from '../../core/types.js';
import { isValidZone } from '../../time/zones.js';
import { InputError } from '../../errors/errors.js';
import type { AdapterOwner, AdapterResult } from '../shared/types.js';
import { FirstSeen, refuseUnknownOptions, unknownCollectionMessage, unknownCollections } from '../shared/values.js';
import { ILL_FORMED_ID, wellFormed } from '../shared/ids.js';
import { readActivities } from './activities.js';
import { fieldOf, idOf, isBlank, isoOf, parseClock, parsePipedriveTimestamp, plainValue } from './fields.js';
import {
  COLLECTIONS,
  type CollectionName,
  describe,
  fail,
  illFormed,
  isDeleted,
  isRow,
  Ledger,
  MAPPED,
  missingId,
  notAnObject,
  type PersonBook,
  type Problem,
  type Row,
  skip,
  type Verdict,
} from './records.js';
import type { FromPipedriveOptions, PipedriveCollection, PipedriveRecords } from './types.js';

const DEFAULT_DO_NOT_CONTACT_VALUES = ['true', '1', 'yes'];

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
