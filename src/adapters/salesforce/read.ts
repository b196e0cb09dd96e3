/**
 * `fromSalesforce`: Contacts, Leads, Users, Tasks, Events and won Opportunities, as the REST/SOQL
 * API or a warehouse export returns them, to the engine's contacts, touches and owners.
 *
 * The order matters: owners first (their zones place date-only activities), then people, then
 * the opportunities that give people their `closedWon` date, then the activities that become
 * touches of those people. docs/adapters/salesforce.md has the field mapping table.
 */
import type { Contact, InstantInput, Outcome, Owner, Touch } from '../../core/types.js';
import { isValidZone } from '../../core/zones.js';
import { InputError } from '../../errors/errors.js';
import type { Channel, Direction, Policy } from '../../schema/policy.js';
import { touchShapeForCycle } from '../shared/cycle-touch.js';
import { parseTaskKey } from '../shared/keys.js';
import type { AdapterResult } from '../shared/types.js';
import { dispositionOutcome } from './dispositions.js';
import {
  canonicalId,
  FieldReader,
  ID_PREFIX,
  instantText,
  isClockTime,
  isRecord,
  localInstant,
  readDate,
  readFlag,
  readId,
  readInstant,
  type SalesforceRecord,
  type SalesforceSource,
} from './fields.js';
import { type Collection, Ledger, type RecordRef, type SalesforceSkipReason } from './ledger.js';

/**
 * A collection as an array of records, or a whole query response (`{ totalSize, done, records }`).
 *
 * @example
 * const tasks: SalesforceCollection = await (await fetch(queryUrl, { headers })).json();
 */
export type SalesforceCollection = readonly unknown[] | { readonly records: readonly unknown[] };

/**
 * The records to read, keyed like the API's objects. Each holds records as the API returns them
 * (`{ attributes: { type, url }, Id, … }`) or, with `source: 'warehouse'`, rows of a warehouse
 * export (`{ id, who_id, … }`).
 *
 * @example
 * const records: SalesforceRecords = { users: users.records, contacts: contacts.records, tasks: tasks.records };
 */
export interface SalesforceRecords {
  contacts?: SalesforceCollection;
  leads?: SalesforceCollection;
  users?: SalesforceCollection;
  tasks?: SalesforceCollection;
  events?: SalesforceCollection;
  opportunities?: SalesforceCollection;
  /** OpportunityContactRole records; they may also come nested in each Opportunity's `OpportunityContactRoles`. */
  opportunityContactRoles?: SalesforceCollection;
  /** TaskWhoRelation records (Shared Activities); they may also come nested in each Task's `TaskWhoRelations`. */
  taskWhoRelations?: SalesforceCollection;
  /** EventWhoRelation records; they may also come nested in each Event's `EventWhoRelations`. */
  eventWhoRelations?: SalesforceCollection;
}

/**
 * Default name of the external-id field that holds a task's idempotency key.
 *
 * @example
 * task[DEFAULT_KEY_FIELD] // 'cc1:003…:check-in:2026-12-01'
 */
export const DEFAULT_KEY_FIELD = 'Calling_Cycle_Key__c';

/**
 * Default local time given to an activity that only has a date (`ActivityDate`).
 *
 * @example
 * fromSalesforce(records, { dateOnlyTime: DEFAULT_DATE_ONLY_TIME }) // the same as leaving it out
 */
export const DEFAULT_DATE_ONLY_TIME = '12:00';

/**
 * How `fromSalesforce` reads; docs/adapters/salesforce.md has the table.
 *
 * @example
 * const options: FromSalesforceOptions = { policy, now, purposeField: 'Purpose__c', dailyCapacity: 20 };
 */
export interface FromSalesforceOptions {
  /** `'api'` (default): REST/SOQL records. `'warehouse'`: snake_case rows, timestamps without offset in UTC. */
  source?: SalesforceSource;
  /**
   * The policy the touches are for. With it, a completed task that carries an idempotency key
   * (written by `toSalesforceTasks`) counts for the cycle it was planned for, and its zone is the
   * last fallback for date-only activities.
   */
  policy?: Policy;
  /** External-id field holding the idempotency key. Default `Calling_Cycle_Key__c`. */
  keyField?: string;
  /** Call results (`CallDisposition`) → outcome, consulted before the built-in map; keys compare case-insensitively. */
  dispositions?: Readonly<Record<string, Outcome>>;
  /** Task/Event field holding the purpose (`Purpose__c`); its value is lower-cased unless `purposes` maps it. */
  purposeField?: string;
  /** Values of `purposeField` → purpose (`{ 'QBR': 'review' }`); keys compare case-insensitively. */
  purposes?: Readonly<Record<string, string>>;
  /** Purpose of activities that have none. */
  defaultPurpose?: string;
  /** Contact/Lead field holding the person's IANA zone (Salesforce has no standard one). Else the owner's applies. */
  timeZoneField?: string;
  /** Contact/Lead field holding an explicit tier id. */
  tierField?: string;
  /**
   * Contact/Lead fields copied into `attributes` for tier rules: a list of field names (kept as
   * they are), or attribute name → field name (`{ annualRevenue: 'Annual_Revenue__c' }`).
   */
  attributeFields?: readonly string[] | Readonly<Record<string, string>>;
  /** Local time (`HH:MM`) of an activity that has only a date, in the contact's zone. Default `12:00`. */
  dateOnlyTime?: string;
  /** Zone for date-only activities when neither the contact nor its owner has one. Default: the policy's, else UTC. */
  timeZone?: string;
  /** Events that start after this instant are planned, not held: skipped (`future-event`). Without it they are passed on. */
  now?: InstantInput;
  /** Map converted Leads too (default: skipped, their Contact carries on). */
  includeConvertedLeads?: boolean;
  /** Map completed to-dos that are not calls, emails or meetings (channel `other`). */
  includeOtherTasks?: boolean;
  /** Map list (mass) emails as email touches. */
  includeListEmails?: boolean;
  /** Map internal calls (`CallType` `Internal`, a call between colleagues). */
  includeInternalCalls?: boolean;
  /** Name of the contact event a won opportunity sets. Default `closedWon`. */
  wonEvent?: string;
  /** Daily capacity of every owner, unless `capacityField` gives one. */
  dailyCapacity?: number;
  /** User field holding the rep's daily call capacity. */
  capacityField?: string;
  /** Policy calendar the owners work by: one for all, or one per `TimeZoneSidKey` (`{ 'Europe/London': 'uk' }`). */
  calendar?: string | Readonly<Record<string, string>>;
}

/** A person read from `contacts` or `leads`, kept mutable until the result is built. */
interface Person {
  readonly contact: Contact & { id: string };
  readonly events: Record<string, string>;
}

/** What a WhoId or RelationId resolves to. */
type Resolved = { kind: 'person'; person: Person } | { kind: 'not-mapped' } | { kind: 'unknown' } | { kind: 'not-a-person' };

interface RelationRef {
  readonly ref: RecordRef;
  readonly record: unknown;
}

/**
 * The records of a collection. A collection that is neither a list nor a query response is a
 * programming error (a whole response passed where its `records` belong, a typo), not a bad
 * record: it throws rather than read as empty.
 */
function asArray(collection: SalesforceCollection | undefined, name: Collection): readonly unknown[] {
  if (collection === undefined || collection === null) return [];
  if (Array.isArray(collection)) return collection;
  const records = isRecord(collection) ? collection.records : undefined;
  if (Array.isArray(records)) return records;
  const message = `fromSalesforce: records.${name} must be a list of records or a query response { records: [...] }`;
  throw new InputError(message, [{ code: 'invalid_type', path: [name], message }]);
}

/** A subquery result nested in a record (`TaskWhoRelations: { totalSize, done, records }`), or none. */
const nested = (value: unknown): readonly unknown[] => {
  if (Array.isArray(value)) return value;
  if (isRecord(value) && Array.isArray(value.records)) return value.records;
  return [];
};

const lower = (text: string): string => text.trim().toLowerCase();

/**
 * Maps Salesforce records to contacts, touches and owners. Every input record is mapped, skipped
 * for a named reason, or reported as an error with a `code`; nothing throws on a bad record and
 * the input is not changed. Only a call that cannot mean anything throws an `InputError`:
 * `records` not an object, a collection that is neither a list nor a query response, or a wrong
 * option (`timeZone`, `dateOnlyTime`, `now`, `source`, `dailyCapacity`).
 *
 * @example
 * const { contacts, touches, owners, errors, skipped } = fromSalesforce(
 *   { contacts: contactQuery.records, users: userQuery.records, tasks: taskQuery.records },
 *   { policy },
 * );
 * const { items } = evaluate({ policy, contacts, touches, owners, now: new Date().toISOString() });
 */
export function fromSalesforce(records: SalesforceRecords, options: FromSalesforceOptions = {}): AdapterResult {
  if (!isRecord(records)) {
    const message = 'fromSalesforce: records must be an object of collections ({ contacts, users, tasks, … })';
    throw new InputError(message, [{ code: 'invalid_type', path: [], message }]);
  }
  checkOptions(options ?? {});
  return new SalesforceReader(records, options ?? {}).run();
}

/**
 * Options are the caller's code, not data: a wrong one would quietly change every touch (a
 * misspelt zone placing date-only calls in UTC), so it throws an `InputError` naming it.
 */
function checkOptions(options: FromSalesforceOptions): void {
  const problems: { path: string; message: string }[] = [];
  if (options.source !== undefined && options.source !== 'api' && options.source !== 'warehouse') {
    problems.push({ path: 'source', message: `must be 'api' or 'warehouse', not ${JSON.stringify(options.source)}` });
  }
  if (options.dateOnlyTime !== undefined && !isClockTime(options.dateOnlyTime)) {
    problems.push({ path: 'dateOnlyTime', message: `must be a time HH:MM, not ${JSON.stringify(options.dateOnlyTime)}` });
  }
  if (options.timeZone !== undefined && (typeof options.timeZone !== 'string' || !isValidZone(options.timeZone))) {
    problems.push({ path: 'timeZone', message: `unknown IANA time zone ${JSON.stringify(options.timeZone)}` });
  }
  if (options.now !== undefined && readInstant(options.now, 'api') === undefined) {
    problems.push({ path: 'now', message: 'must be an instant (ISO 8601 with an offset, epoch milliseconds or a Date)' });
  }
  if (options.dailyCapacity !== undefined && !(Number.isInteger(options.dailyCapacity) && options.dailyCapacity >= 0)) {
    problems.push({ path: 'dailyCapacity', message: 'must be a whole number of calls, 0 or more' });
  }
  if (problems.length === 0) return;
  const issues = problems.map(({ path, message }) => ({ code: 'invalid_option', path: [path], message }));
  throw new InputError(`fromSalesforce: ${problems.map(({ path, message }) => `options.${path} ${message}`).join('; ')}`, issues);
}

class SalesforceReader {
  private readonly ledger = new Ledger();
  private readonly fields: FieldReader;
  private readonly keyField: string;
  private readonly dateOnlyTime: string;
  private readonly fallbackZone: string;
  private readonly nowMs: number | undefined;
  private readonly wonEvent: string;

  private readonly owners = new Map<string, Owner & { id: string }>();
  private readonly people = new Map<string, Person>();
  /** Ids of people read but not mapped (skipped or in error): their activities are not theirs to report. */
  private readonly unmappedPeople = new Set<string>();
  /** Converted lead id → its contact's id. */
  private readonly convertedTo = new Map<string, string>();
  private readonly touches: Touch[] = [];
  /** `zone date` → the date-only instant there: a book's date-only tasks fall on a few thousand days. */
  private readonly dateOnlyInstants = new Map<string, string>();

  constructor(
    private readonly records: SalesforceRecords,
    private readonly options: FromSalesforceOptions,
  ) {
    this.fields = new FieldReader(options.source ?? 'api');
    this.keyField = options.keyField ?? DEFAULT_KEY_FIELD;
    this.dateOnlyTime = options.dateOnlyTime ?? DEFAULT_DATE_ONLY_TIME;
    this.fallbackZone = options.timeZone ?? options.policy?.timeZone ?? 'UTC';
    this.nowMs = options.now === undefined ? undefined : readInstant(options.now, 'api');
    this.wonEvent = options.wonEvent ?? 'closedWon';
  }

  run(): AdapterResult {
    for (const [index, record] of asArray(this.records.users, 'users').entries()) this.readUser(record, index);
    for (const [index, record] of asArray(this.records.contacts, 'contacts').entries()) this.readPerson('contacts', record, index);
    for (const [index, record] of asArray(this.records.leads, 'leads').entries()) this.readPerson('leads', record, index);
    this.readOpportunities();
    this.readActivities('tasks', 'taskWhoRelations', 'TaskWhoRelations', 'TaskId', (record, ref) => this.taskTouch(record, ref));
    this.readActivities('events', 'eventWhoRelations', 'EventWhoRelations', 'EventId', (record, ref) => this.eventTouch(record, ref));
    const contacts = [...this.people.values()].map((person) =>
      Object.keys(person.events).length > 0 ? { ...person.contact, events: person.events } : person.contact,
    );
    return {
      contacts,
      touches: this.touches,
      owners: [...this.owners.values()],
      errors: this.ledger.errors,
      skipped: this.ledger.skipped,
      counts: this.ledger.counts,
    };
  }

  // ——— shared record checks ———

  /** The record, or undefined after reporting why it is not one to map (not an object, deleted, a history row). */
  private usable(collection: Collection, record: unknown, index: number): { record: SalesforceRecord; ref: RecordRef } | undefined {
    this.ledger.read(collection);
    const ref: RecordRef = { collection, index };
    if (!isRecord(record)) {
      this.ledger.error(ref, 'not-an-object', [], 'is not an object');
      return undefined;
    }
    const id = readId(this.fields.get(record, 'Id'));
    if (id !== undefined) ref.id = id;
    const gone = this.gone(record);
    if (gone !== undefined) {
      this.ledger.skip(ref, gone);
      return undefined;
    }
    return { record, ref };
  }

  /** Why a record is no longer current (deleted, or an old version of a warehouse row), if it is not. */
  private gone(record: SalesforceRecord): 'deleted' | 'history-row' | undefined {
    if (readFlag(this.fields.get(record, 'IsDeleted')) === true) return 'deleted';
    if (this.fields.source !== 'warehouse') return undefined;
    if (readFlag(record._fivetran_deleted) === true) return 'deleted';
    // Fivetran's history mode keeps every version of a row; only the active one is current.
    if (readFlag(record._fivetran_active) === false) return 'history-row';
    return undefined;
  }

  /** A boolean field, or `'bad'` after reporting it. */
  private flag(record: SalesforceRecord, ref: RecordRef, field: string): boolean | undefined | 'bad' {
    const value = readFlag(this.fields.get(record, field));
    if (value === 'bad') this.ledger.error(ref, 'bad-value', [this.fields.name(field)], `${field} is not a boolean`);
    return value;
  }

  private text(record: SalesforceRecord, field: string): string | undefined {
    const value = this.fields.get(record, field);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  }

  // ——— users ———

  private readUser(value: unknown, index: number): undefined {
    const usable = this.usable('users', value, index);
    if (!usable) return;
    const { record, ref } = usable;
    if (ref.id === undefined) return this.ledger.error(ref, 'missing-id', [this.fields.name('Id')], 'User has no Id');
    const key = canonicalId(ref.id);
    // A record repeated (overlapping pages of a query): the first is kept.
    if (this.owners.has(key)) return this.ledger.skip(ref, 'duplicate-id');
    const owner: Owner & { id: string } = { id: ref.id };
    const zone = this.text(record, 'TimeZoneSidKey');
    if (zone !== undefined) {
      if (!isValidZone(zone)) {
        return this.ledger.error(ref, 'unknown-zone', [this.fields.name('TimeZoneSidKey')], `unknown IANA time zone "${zone}"`);
      }
      owner.timeZone = zone;
    }
    let capacity = this.options.dailyCapacity;
    if (this.options.capacityField !== undefined) {
      const raw = this.fields.get(record, this.options.capacityField);
      if (raw !== undefined) {
        const number = typeof raw === 'string' ? Number(raw) : raw;
        if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
          const message = `${this.options.capacityField} is not a whole number of calls`;
          return this.ledger.error(ref, 'bad-value', [this.fields.name(this.options.capacityField)], message);
        }
        capacity = number;
      }
    }
    if (capacity !== undefined) owner.dailyCapacity = capacity;
    const calendar = typeof this.options.calendar === 'string' ? this.options.calendar : this.options.calendar?.[zone ?? ''];
    if (calendar !== undefined) owner.calendar = calendar;
    this.owners.set(key, owner);
    this.ledger.mapped(ref);
  }

  // ——— contacts and leads ———

  private readPerson(collection: 'contacts' | 'leads', value: unknown, index: number): undefined {
    const rawId = isRecord(value) ? readId(this.fields.get(value, 'Id')) : undefined;
    const usable = this.usable(collection, value, index);
    if (!usable) {
      if (rawId !== undefined) this.unmappedPeople.add(canonicalId(rawId));
      return;
    }
    const { record, ref } = usable;
    if (ref.id === undefined)
      return this.ledger.error(ref, 'missing-id', [this.fields.name('Id')], `${this.typeName(collection)} has no Id`);
    const key = canonicalId(ref.id);
    const fail = (code: Parameters<Ledger['error']>[1], field: string, message: string): undefined => {
      this.unmappedPeople.add(key);
      return this.ledger.error(ref, code, [this.fields.name(field)], message);
    };
    if (this.people.has(key)) return this.ledger.skip(ref, 'duplicate-id');

    if (collection === 'leads') {
      const converted = this.flag(record, ref, 'IsConverted');
      if (converted === 'bad') {
        this.unmappedPeople.add(key);
        return;
      }
      if (converted === true && !this.options.includeConvertedLeads) {
        // Salesforce moves a converted lead's activities to the contact; older exports may not.
        const contactId = readId(this.fields.get(record, 'ConvertedContactId'));
        if (contactId !== undefined) this.convertedTo.set(key, canonicalId(contactId));
        this.unmappedPeople.add(key);
        return this.ledger.skip(ref, 'converted-lead');
      }
    }

    const contact: Contact & { id: string } = { id: ref.id };
    const ownerId = readId(this.fields.get(record, 'OwnerId'));
    // A lead owned by a queue has no rep yet: it is planned under no owner rather than a queue.
    if (ownerId !== undefined && !ownerId.startsWith(ID_PREFIX.queue)) contact.ownerId = ownerId;

    if (this.options.timeZoneField !== undefined) {
      const zone = this.text(record, this.options.timeZoneField);
      if (zone !== undefined) {
        if (!isValidZone(zone)) return fail('unknown-zone', this.options.timeZoneField, `unknown IANA time zone "${zone}"`);
        contact.timeZone = zone;
      }
    }
    if (this.options.tierField !== undefined) {
      const tier = this.text(record, this.options.tierField);
      if (tier !== undefined) contact.tier = tier;
    }
    const created = this.fields.get(record, 'CreatedDate');
    if (created !== undefined) {
      const ms = readInstant(created, this.fields.source);
      if (ms === undefined) return fail('bad-instant', 'CreatedDate', `CreatedDate ${JSON.stringify(created)} is not a datetime`);
      contact.createdAt = instantText(ms);
    }
    const doNotCall = this.flag(record, ref, 'DoNotCall');
    if (doNotCall === 'bad') {
      this.unmappedPeople.add(key);
      return;
    }
    if (doNotCall === true) contact.doNotContact = true;

    const attributes: Record<string, unknown> = { sobjectType: this.typeName(collection) };
    // Email opt-out stops emails, not calls: it is kept for tier rules, never turned into do-not-contact.
    const optedOut = readFlag(this.fields.get(record, 'HasOptedOutOfEmail'));
    if (optedOut === true) attributes.hasOptedOutOfEmail = true;
    const attributeFields = this.options.attributeFields ?? [];
    const pairs = Array.isArray(attributeFields)
      ? attributeFields.map((field) => [field, field] as const)
      : Object.entries(attributeFields);
    for (const [name, field] of pairs) {
      const fieldValue = this.fields.get(record, field);
      if (fieldValue !== undefined) attributes[name] = fieldValue;
    }
    contact.attributes = attributes;
    this.people.set(key, { contact, events: {} });
    this.ledger.mapped(ref);
  }

  private typeName(collection: 'contacts' | 'leads'): 'Contact' | 'Lead' {
    return collection === 'contacts' ? 'Contact' : 'Lead';
  }

  /** The person an id names: read and mapped, read but left out, or not in the records. */
  private resolve(id: string, type?: string): Resolved {
    const key = canonicalId(id);
    const person = this.people.get(key) ?? this.people.get(this.convertedTo.get(key) ?? '');
    if (person) return { kind: 'person', person };
    if (this.unmappedPeople.has(key)) return { kind: 'not-mapped' };
    const isPerson = type === 'Contact' || type === 'Lead' || key.startsWith(ID_PREFIX.contact) || key.startsWith(ID_PREFIX.lead);
    return isPerson ? { kind: 'unknown' } : { kind: 'not-a-person' };
  }

  // ——— opportunities ———

  private readOpportunities(): undefined {
    /** Won opportunity id → its close date; undefined for opportunities read but not won. */
    const won = new Map<string, WonOpportunity | undefined>();
    const roles: RelationRef[] = [];
    let roleIndex = 0;
    for (const record of asArray(this.records.opportunityContactRoles, 'opportunityContactRoles'))
      roles.push({ ref: { collection: 'opportunityContactRoles', index: roleIndex++ }, record });

    const pending: RecordRef[] = [];
    for (const [index, value] of asArray(this.records.opportunities, 'opportunities').entries()) {
      if (isRecord(value)) {
        const parentId = readId(this.fields.get(value, 'Id'));
        for (const record of nested(value.OpportunityContactRoles)) {
          const role =
            isRecord(record) && parentId !== undefined && record.OpportunityId === undefined
              ? { ...record, OpportunityId: parentId }
              : record;
          roles.push({ ref: { collection: 'opportunityContactRoles', index: roleIndex++ }, record: role });
        }
      }
      this.readOpportunity(value, index, won, pending);
    }

    for (const { ref, record } of roles) {
      this.ledger.read('opportunityContactRoles');
      if (!isRecord(record)) {
        this.ledger.error(ref, 'not-an-object', [], 'is not an object');
        continue;
      }
      const id = readId(this.fields.get(record, 'Id'));
      if (id !== undefined) ref.id = id;
      const gone = this.gone(record);
      if (gone !== undefined) {
        this.ledger.skip(ref, gone);
        continue;
      }
      const opportunityId = readId(this.fields.get(record, 'OpportunityId'));
      const contactId = readId(this.fields.get(record, 'ContactId'));
      if (opportunityId === undefined || contactId === undefined) {
        const field = opportunityId === undefined ? 'OpportunityId' : 'ContactId';
        this.ledger.error(ref, 'missing-field', [this.fields.name(field)], `OpportunityContactRole has no ${field}`);
        continue;
      }
      const opportunityKey = canonicalId(opportunityId);
      if (!won.has(opportunityKey)) {
        this.ledger.skip(ref, 'opportunity-not-in-records');
        continue;
      }
      const opportunity = won.get(opportunityKey);
      if (opportunity === undefined) {
        this.ledger.skip(ref, 'opportunity-not-won');
        continue;
      }
      const resolved = this.resolve(contactId, 'Contact');
      if (resolved.kind === 'not-mapped') {
        this.ledger.skip(ref, 'contact-not-mapped');
        continue;
      }
      if (resolved.kind !== 'person') {
        this.ledger.error(ref, 'unknown-contact', [this.fields.name('ContactId')], `contact "${contactId}" is not in the records`);
        continue;
      }
      // A contact with several won deals follows up after the latest close.
      const events = resolved.person.events;
      const current = events[this.wonEvent];
      if (current === undefined || current < opportunity.closeDate) events[this.wonEvent] = opportunity.closeDate;
      opportunity.roles++;
      this.ledger.mapped(ref);
    }

    for (const ref of pending) {
      const opportunity = won.get(canonicalId(ref.id!))!;
      if (opportunity.roles > 0) this.ledger.mapped(ref);
      else this.ledger.skip(ref, 'no-contact-role');
    }
  }

  private readOpportunity(value: unknown, index: number, won: Map<string, WonOpportunity | undefined>, pending: RecordRef[]): undefined {
    const usable = this.usable('opportunities', value, index);
    if (!usable) return;
    const { record, ref } = usable;
    if (ref.id === undefined) return this.ledger.error(ref, 'missing-id', [this.fields.name('Id')], 'Opportunity has no Id');
    const key = canonicalId(ref.id);
    const isWon = this.flag(record, ref, 'IsWon');
    if (isWon === 'bad') return;
    if (isWon !== true) {
      won.set(key, undefined);
      const closed = readFlag(this.fields.get(record, 'IsClosed'));
      return this.ledger.skip(ref, closed === true ? 'lost-opportunity' : 'open-opportunity');
    }
    const raw = this.fields.get(record, 'CloseDate');
    const closeDate = readDate(raw, this.fields.source);
    if (closeDate === undefined) {
      const message = raw === undefined ? 'won Opportunity has no CloseDate' : `CloseDate ${JSON.stringify(raw)} is not a date`;
      return this.ledger.error(ref, raw === undefined ? 'missing-field' : 'bad-date', [this.fields.name('CloseDate')], message);
    }
    won.set(key, { closeDate, ref, roles: 0 });
    pending.push(ref);
  }

  // ——— tasks and events ———

  private readActivities(
    collection: 'tasks' | 'events',
    relationCollection: 'taskWhoRelations' | 'eventWhoRelations',
    nestedField: string,
    parentField: 'TaskId' | 'EventId',
    shape: (record: SalesforceRecord, ref: RecordRef) => ActivityShape | undefined,
  ): undefined {
    const activities = asArray(this.records[collection], collection);
    const relations = new Map<string, RelationRef[]>();
    let relationIndex = 0;
    const addRelation = (parentKey: string, relation: RelationRef): void => {
      const list = relations.get(parentKey);
      if (list) list.push(relation);
      else relations.set(parentKey, [relation]);
    };
    const activityIds = new Set<string>();
    for (const value of activities) {
      const id = isRecord(value) ? readId(this.fields.get(value, 'Id')) : undefined;
      if (id !== undefined) activityIds.add(canonicalId(id));
    }
    // Flat relation records (a separate query or a warehouse table) first, then nested subquery results.
    for (const record of asArray(this.records[relationCollection], relationCollection)) {
      const ref: RecordRef = { collection: relationCollection, index: relationIndex++ };
      this.ledger.read(relationCollection);
      if (!isRecord(record)) {
        this.ledger.error(ref, 'not-an-object', [], 'is not an object');
        continue;
      }
      const id = readId(this.fields.get(record, 'Id'));
      if (id !== undefined) ref.id = id;
      const gone = this.gone(record);
      if (gone !== undefined) {
        this.ledger.skip(ref, gone);
        continue;
      }
      const parent = readId(this.fields.get(record, parentField));
      if (parent === undefined) {
        this.ledger.error(ref, 'missing-field', [this.fields.name(parentField)], `relation has no ${parentField}`);
        continue;
      }
      if (!activityIds.has(canonicalId(parent))) {
        this.ledger.skip(ref, 'activity-not-in-records');
        continue;
      }
      addRelation(canonicalId(parent), { ref, record });
    }
    activities.forEach((value) => {
      if (!isRecord(value)) return;
      const id = readId(this.fields.get(value, 'Id'));
      for (const record of nested(value[nestedField])) {
        const ref: RecordRef = { collection: relationCollection, index: relationIndex++ };
        this.ledger.read(relationCollection);
        if (id === undefined) {
          // Its activity has no Id and is reported as such; the relation goes with it.
          this.ledger.skip(ref, 'activity-not-mapped');
          continue;
        }
        addRelation(canonicalId(id), { ref, record });
      }
    });

    const seen = new Set<string>();
    for (const [index, value] of activities.entries()) {
      const own = isRecord(value) ? readId(this.fields.get(value, 'Id')) : undefined;
      const key = own === undefined ? undefined : canonicalId(own);
      // Relations go with the first record of an id; a repeat of it (overlapping pages) is skipped.
      const related = key === undefined ? [] : (relations.get(key) ?? []);
      if (key !== undefined) relations.delete(key);
      const usable = this.usable(collection, value, index);
      if (usable && key !== undefined && seen.has(key)) {
        this.ledger.skip(usable.ref, 'duplicate-id');
        continue;
      }
      if (key !== undefined) seen.add(key);
      const activity = usable && (usable.ref.id === undefined ? this.missingActivityId(usable.ref) : shape(usable.record, usable.ref));
      if (!usable || !activity) {
        for (const relation of related) this.ledger.skip(relation.ref, 'activity-not-mapped');
        continue;
      }
      this.placeTouches(usable.record, usable.ref, activity, related);
    }
  }

  private missingActivityId(ref: RecordRef): undefined {
    this.ledger.error(ref, 'missing-id', [this.fields.name('Id')], `${ref.collection === 'tasks' ? 'Task' : 'Event'} has no Id`);
    return undefined;
  }

  /** One touch per person the activity names: its relations (Shared Activities), else its WhoId. */
  private placeTouches(record: SalesforceRecord, ref: RecordRef, activity: ActivityShape, related: readonly RelationRef[]): undefined {
    const placed = new Set<Person>();
    const place = (person: Person): void => {
      if (placed.has(person)) return;
      placed.add(person);
      this.touches.push(this.touchFor(person, activity));
    };
    if (related.length > 0) {
      const verdicts = related.map((relation) => this.relationPerson(relation));
      for (const verdict of verdicts) if (verdict.person) place(verdict.person);
      if (placed.size > 0) {
        this.ledger.mapped(ref);
        for (const verdict of verdicts) verdict.report();
        return;
      }
      // Nobody to place it on: the activity carries the verdict, its relations go with it.
      for (const [at, verdict] of verdicts.entries()) {
        if (verdict.kind === 'bad' || verdict.kind === 'gone') verdict.report();
        else this.ledger.skip(related[at]!.ref, 'activity-not-mapped');
      }
      const kinds = new Set(verdicts.map((verdict) => verdict.kind));
      if (kinds.has('unknown')) {
        const ids = verdicts.filter((verdict) => verdict.kind === 'unknown').map((verdict) => verdict.relationId);
        const message = `none of its people is among the contacts and leads read (${ids.join(', ')})`;
        return this.ledger.error(ref, 'unknown-contact', [this.fields.name(relatedField(ref))], message);
      }
      return this.ledger.skip(ref, kinds.has('not-mapped') ? 'contact-not-mapped' : 'no-contact');
    }
    const whoId = readId(this.fields.get(record, 'WhoId'));
    if (whoId === undefined) return this.ledger.skip(ref, 'no-contact');
    const resolved = this.resolve(whoId);
    switch (resolved.kind) {
      case 'person':
        place(resolved.person);
        return this.ledger.mapped(ref);
      case 'not-mapped':
        return this.ledger.skip(ref, 'contact-not-mapped');
      case 'not-a-person':
        return this.ledger.skip(ref, 'no-contact');
      default:
        return this.ledger.error(
          ref,
          'unknown-contact',
          [this.fields.name('WhoId')],
          `WhoId "${whoId}" is not among the contacts and leads read`,
        );
    }
  }

  /** The person a relation names, and how the relation is reported once its activity is mapped. */
  private relationPerson(relation: RelationRef): RelationVerdict {
    const { ref, record } = relation;
    if (!isRecord(record)) return { kind: 'bad', report: () => this.ledger.error(ref, 'not-an-object', [], 'is not an object') };
    const id = readId(this.fields.get(record, 'Id'));
    if (id !== undefined) ref.id = id;
    const gone = this.gone(record);
    if (gone !== undefined) return { kind: 'gone', report: () => this.ledger.skip(ref, gone) };
    const relationId = readId(this.fields.get(record, 'RelationId'));
    if (relationId === undefined) {
      return {
        kind: 'bad',
        report: () => this.ledger.error(ref, 'missing-field', [this.fields.name('RelationId')], 'relation has no RelationId'),
      };
    }
    const type = this.text(record, 'Type');
    const resolved = this.resolve(relationId, type);
    switch (resolved.kind) {
      case 'person':
        return { kind: 'person', relationId, person: resolved.person, report: () => this.ledger.mapped(ref) };
      case 'not-mapped':
        return { kind: 'not-mapped', relationId, report: () => this.ledger.skip(ref, 'contact-not-mapped') };
      case 'not-a-person':
        return { kind: 'not-a-person', relationId, report: () => this.ledger.skip(ref, 'no-contact') };
      default:
        return {
          kind: 'unknown',
          relationId,
          report: () =>
            this.ledger.error(
              ref,
              'unknown-contact',
              [this.fields.name('RelationId')],
              `RelationId "${relationId}" is not among the contacts and leads read`,
            ),
        };
    }
  }

  private touchFor(person: Person, activity: ActivityShape): Touch {
    let at = activity.at;
    if (at === undefined) {
      const contact = person.contact;
      const owner = contact.ownerId === undefined ? undefined : this.owners.get(canonicalId(String(contact.ownerId)));
      // Noon in the zone the engine reads the contact in gives back exactly the activity's date.
      const zone = contact.timeZone ?? owner?.timeZone ?? this.fallbackZone;
      const cacheKey = `${zone} ${activity.date}`;
      at = this.dateOnlyInstants.get(cacheKey);
      if (at === undefined) {
        at = instantText(localInstant(activity.date!, this.dateOnlyTime, zone));
        this.dateOnlyInstants.set(cacheKey, at);
      }
    }
    let { channel, direction, purpose } = activity;
    let outcome = activity.outcome;
    if (activity.planned !== undefined && canonicalId(activity.planned.contactId) === canonicalId(person.contact.id)) {
      const planned = activity.planned.shape;
      channel = planned.channel;
      direction = planned.direction;
      // The rep's own call result still decides: a voicemail on a planned call does not close the cycle.
      outcome = outcome ?? planned.outcome;
      if (planned.purpose !== undefined) purpose = planned.purpose;
    }
    const touch: Touch = { contactId: person.contact.id, at, channel };
    if (direction !== undefined) touch.direction = direction;
    if (outcome !== undefined) touch.outcome = outcome;
    if (purpose !== undefined) touch.purpose = purpose;
    return touch;
  }

  /** The touch fields of a completed Task, or undefined after reporting why there is none. */
  private taskTouch(record: SalesforceRecord, ref: RecordRef): ActivityShape | undefined {
    const closed = this.flag(record, ref, 'IsClosed');
    if (closed === 'bad') return undefined;
    const isClosed = closed ?? lower(this.text(record, 'Status') ?? '') === 'completed';
    if (!isClosed) return this.skipped(ref, 'open-task');
    const recurrence = this.flag(record, ref, 'IsRecurrence');
    if (recurrence === 'bad') return undefined;
    if (recurrence === true) return this.skipped(ref, 'recurring-series');

    const callType = this.text(record, 'CallType');
    let direction: Direction | undefined;
    if (callType !== undefined) {
      const kind = lower(callType);
      if (kind === 'inbound' || kind === 'outbound') direction = kind;
      else if (kind === 'internal') {
        if (!this.options.includeInternalCalls) return this.skipped(ref, 'internal-call');
      } else {
        this.ledger.error(ref, 'bad-value', [this.fields.name('CallType')], `CallType "${callType}" is not Inbound, Outbound or Internal`);
        return undefined;
      }
    }
    const subtype = lower(this.text(record, 'TaskSubtype') ?? '');
    let channel: Channel;
    if (subtype === 'call' || (callType !== undefined && (subtype === '' || subtype === 'task'))) channel = 'call';
    else if (subtype === 'email') channel = 'email';
    else if (subtype === 'listemail') {
      if (!this.options.includeListEmails) return this.skipped(ref, 'list-email');
      channel = 'email';
    } else if (subtype === 'linkedin') channel = 'message';
    else channel = this.channelOfType(record);
    const planned = this.plannedFor(record);
    if (channel === 'other' && !this.options.includeOtherTasks && planned === undefined) return this.skipped(ref, 'not-a-touch-type');
    // A logged email or call without a CallType was made by the rep.
    if (direction === undefined && (channel === 'email' || channel === 'call') && callType === undefined) direction = 'outbound';

    const when = this.when(record, ref, 'CompletedDateTime');
    if (!when) return undefined;
    let outcome: Outcome | undefined;
    const disposition = this.text(record, 'CallDisposition');
    if (disposition !== undefined && channel === 'call') outcome = dispositionOutcome(disposition, this.options.dispositions);
    return { ...when, channel, direction, outcome, purpose: this.purpose(record), planned };
  }

  /** The touch fields of a held Event, or undefined after reporting why there is none. */
  private eventTouch(record: SalesforceRecord, ref: RecordRef): ActivityShape | undefined {
    const child = this.flag(record, ref, 'IsChild');
    if (child === 'bad') return undefined;
    // Each invitee gets a copy of the event; the organiser's event is the one meeting.
    if (child === true) return this.skipped(ref, 'invitee-copy');
    const recurrence = this.flag(record, ref, 'IsRecurrence');
    if (recurrence === 'bad') return undefined;
    if (recurrence === true) return this.skipped(ref, 'recurring-series');
    const allDay = this.flag(record, ref, 'IsAllDayEvent');
    if (allDay === 'bad') return undefined;
    let when: { at?: string; date?: string } | undefined;
    if (allDay === true) when = this.when(record, ref, undefined);
    else {
      const onlyActivityDateTime =
        this.fields.get(record, 'StartDateTime') === undefined && this.fields.get(record, 'ActivityDateTime') !== undefined;
      const field = onlyActivityDateTime ? 'ActivityDateTime' : 'StartDateTime';
      when = this.when(record, ref, field, true);
    }
    if (!when) return undefined;
    if (this.nowMs !== undefined) {
      const start = when.at !== undefined ? Date.parse(when.at) : Date.parse(`${when.date}T00:00:00Z`);
      if (start > this.nowMs) return this.skipped(ref, 'future-event');
    }
    const type = lower(this.text(record, 'Type') ?? '');
    const channel: Channel = type === 'call' ? 'call' : type === 'email' ? 'email' : 'meeting';
    return { ...when, channel, direction: undefined, outcome: undefined, purpose: this.purpose(record), planned: this.plannedFor(record) };
  }

  private skipped(ref: RecordRef, reason: SalesforceSkipReason): undefined {
    this.ledger.skip(ref, reason);
    return undefined;
  }

  /** `Type` of a generic to-do (`Call`, `Email`, `Meeting` in a default org). */
  private channelOfType(record: SalesforceRecord): Channel {
    const type = lower(this.text(record, 'Type') ?? '');
    if (type === 'call') return 'call';
    if (type === 'email') return 'email';
    if (type === 'meeting') return 'meeting';
    return 'other';
  }

  /**
   * When the activity happened: the datetime field when it has one, else the date-only
   * `ActivityDate` (placed on a local time per contact later). `required` datetime fields have no
   * date-only fallback.
   */
  private when(
    record: SalesforceRecord,
    ref: RecordRef,
    field: string | undefined,
    required = false,
  ): { at?: string; date?: string } | undefined {
    if (field !== undefined) {
      const raw = this.fields.get(record, field);
      if (raw !== undefined) {
        const ms = readInstant(raw, this.fields.source);
        if (ms === undefined) {
          this.ledger.error(ref, 'bad-instant', [this.fields.name(field)], `${field} ${JSON.stringify(raw)} is not a datetime`);
          return undefined;
        }
        return { at: instantText(ms) };
      }
      if (required) {
        this.ledger.error(ref, 'missing-field', [this.fields.name(field)], `${field} is missing`);
        return undefined;
      }
    }
    const raw = this.fields.get(record, 'ActivityDate');
    if (raw === undefined) {
      const which = field === undefined ? 'ActivityDate' : `${field} or ActivityDate`;
      this.ledger.error(ref, 'missing-field', [this.fields.name('ActivityDate')], `${which} is missing: no date for the activity`);
      return undefined;
    }
    const date = readDate(raw, this.fields.source);
    if (date === undefined) {
      this.ledger.error(ref, 'bad-date', [this.fields.name('ActivityDate')], `ActivityDate ${JSON.stringify(raw)} is not a date`);
      return undefined;
    }
    return { date };
  }

  private purpose(record: SalesforceRecord): string | undefined {
    const field = this.options.purposeField;
    const value = field === undefined ? undefined : this.text(record, field);
    if (value === undefined) return this.options.defaultPurpose;
    const key = lower(value);
    for (const [name, purpose] of Object.entries(this.options.purposes ?? {})) if (lower(name) === key) return purpose;
    return key;
  }

  /** The cycle a task was planned for, from its idempotency key, when the policy knows that cycle. */
  private plannedFor(record: SalesforceRecord): ActivityShape['planned'] {
    if (this.options.policy === undefined) return undefined;
    const parts = parseTaskKey(this.fields.get(record, this.keyField));
    if (parts === undefined) return undefined;
    const shape = touchShapeForCycle(this.options.policy, parts.cycleId);
    return shape === undefined ? undefined : { contactId: parts.contactId, shape };
  }
}

/** A won opportunity: its close date and how many of its contact roles were mapped. */
interface WonOpportunity {
  closeDate: string;
  ref: RecordRef;
  roles: number;
}

/** What one relation names, and how it is reported once its activity's fate is known. */
interface RelationVerdict {
  /** `bad`: an error of its own; `gone`: deleted, skipped as such whatever its activity's fate. */
  kind: Resolved['kind'] | 'bad' | 'gone';
  relationId?: string;
  person?: Person;
  report: () => void;
}

/** The nested relation field of an activity collection, for error paths. */
const relatedField = (ref: RecordRef): string => (ref.collection === 'tasks' ? 'TaskWhoRelations' : 'EventWhoRelations');

/** What an activity says of its touches, before they are placed on its people. */
interface ActivityShape {
  /** The canonical instant, when the activity has a datetime. */
  at?: string;
  /** The date-only `ActivityDate`, when it has no datetime. */
  date?: string;
  channel: Channel;
  direction: Direction | undefined;
  outcome: Outcome | undefined;
  purpose: string | undefined;
  /** A task written by `toSalesforceTasks`: the contact and the touch shape of its cycle. */
  planned: { contactId: string; shape: NonNullable<ReturnType<typeof touchShapeForCycle>> } | undefined;
}
