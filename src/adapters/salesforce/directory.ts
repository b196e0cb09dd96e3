/**
 * Who is who: the owners (Users) and people (Contacts, Leads) read, the people read but left out,
 * where converted leads went, and what an id names.
 */
import { ILL_FORMED_ID, wellFormed } from '../shared/ids.js';
import type { Contact } from '../../core/types.js';
import { isValidZone } from '../../time/zones.js';
import type { AdapterOwner } from '../shared/types.js';
import { isNested } from '../shared/values.js';
import type { RecordChecks } from './checks.js';
import {
  canonicalId,
  type FieldReader,
  ID_PREFIX,
  instantText,
  isRecord,
  readFlag,
  readId,
  readInstant,
  type SalesforceRecord,
} from './fields.js';
import type { Ledger } from './ledger.js';
import type { FromSalesforceOptions } from './types.js';

/**
 * A person read from `contacts` or `leads`, kept mutable until the result is built.
 *
 * @example
 * const person: Person = { contact: { id: '003…' }, events: { closedWon: '2026-10-31' } };
 */
export interface Person {
  readonly contact: Contact & { id: string };
  readonly events: Record<string, string>;
}

/**
 * What a WhoId or RelationId resolves to.
 *
 * @example
 * const resolved: Resolved = directory.resolve('003…'); // { kind: 'person', person } when it was mapped
 */
export type Resolved = { kind: 'person'; person: Person } | { kind: 'not-mapped' } | { kind: 'unknown' } | { kind: 'not-a-person' };

/**
 * Who is who: Users read as owners, Contacts and Leads read as people, and what an id names
 * (a person mapped, one read but left out, one not in the records, or no person at all).
 *
 * @example
 * const directory = new Directory(checks, options);
 * directory.readUser(user, 0);
 * directory.readPerson('contacts', contact, 0);
 * directory.resolve(task.WhoId).kind // 'person'
 */
export class Directory {
  private readonly ledger: Ledger;
  private readonly fields: FieldReader;
  readonly owners = new Map<string, AdapterOwner & { id: string }>();
  /** Each Contact/Lead field the options name, and whether any person has it: one set nowhere is a warning. */
  private readonly everSet = new Map<string, boolean>();
  private readonly people = new Map<string, Person>();
  /** Ids of people read but not mapped (skipped or in error): their activities are not theirs to report. */
  private readonly unmappedPeople = new Set<string>();
  /** Converted lead id → its contact's id. */
  private readonly convertedTo = new Map<string, string>();

  constructor(
    private readonly checks: RecordChecks,
    private readonly options: FromSalesforceOptions,
  ) {
    this.ledger = checks.ledger;
    this.fields = checks.fields;
    for (const [, field] of this.attributePairs()) this.everSet.set(field, false);
    for (const field of [options.tierField, options.timeZoneField]) if (field !== undefined) this.everSet.set(field, false);
  }

  private attributePairs(): (readonly [string, string])[] {
    const attributeFields = this.options.attributeFields ?? [];
    return Array.isArray(attributeFields) ? attributeFields.map((field) => [field, field] as const) : Object.entries(attributeFields);
  }

  /** A Contact/Lead field the options name, noted when set. */
  private configured(record: SalesforceRecord, field: string): unknown {
    const value = this.fields.get(record, field);
    if (value !== undefined) this.everSet.set(field, true);
    return value;
  }

  /** After the people are read: a warning for each field the options name that no person holds. */
  warnFieldsNeverSet(): undefined {
    const read = (this.ledger.counts.contacts?.read ?? 0) + (this.ledger.counts.leads?.read ?? 0);
    if (read === 0) return;
    for (const [field, set] of this.everSet) {
      if (set) continue;
      this.ledger.warnings.push({
        code: 'field-never-set',
        source: 'contacts',
        path: field.split('.'),
        message: `no Contact or Lead has the field ${JSON.stringify(field)} the options name: check its spelling, and that the query selects it (SELECT ${field} …)`,
      });
    }
  }

  /** A person's or user's name: `Name`, else `FirstName` and `LastName`. */
  private nameOf(record: SalesforceRecord): string | undefined {
    const name = this.checks.text(record, 'Name');
    if (name !== undefined) return name;
    const parts = [this.checks.text(record, 'FirstName'), this.checks.text(record, 'LastName')].filter((part) => part !== undefined);
    return parts.length > 0 ? parts.join(' ') : undefined;
  }

  // ——— users ———

  /** A User as an owner: its zone (`TimeZoneSidKey`), capacity and calendar. */
  readUser(value: unknown, index: number): undefined {
    const usable = this.checks.usable('users', value, index);
    if (!usable) return;
    const { record, ref } = usable;
    if (ref.id === undefined) return this.ledger.error(ref, 'missing-id', [this.fields.name('Id')], 'User has no Id');
    const key = canonicalId(ref.id);
    // A record repeated (overlapping pages of a query): the first is kept.
    if (this.owners.has(key)) return this.ledger.skip(ref, 'duplicate-id');
    const owner: AdapterOwner & { id: string } = { id: ref.id };
    const name = this.nameOf(record);
    if (name !== undefined) owner.name = name;
    const zone = this.checks.text(record, 'TimeZoneSidKey');
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
    // A deactivated rep is kept, marked: their contacts still plan, and a manager sees whose book to reassign.
    const active = this.checks.flag(record, ref, 'IsActive');
    if (active === 'bad') return;
    if (active === false) owner.active = false;
    this.owners.set(key, owner);
    this.ledger.mapped(ref);
  }

  // ——— contacts and leads ———

  /** A Contact or Lead as a contact; a converted Lead is skipped unless `includeConvertedLeads`, its Contact carries on. */
  readPerson(collection: 'contacts' | 'leads', value: unknown, index: number): undefined {
    const rawId = isRecord(value) ? wellFormed(readId(this.fields.get(value, 'Id'))) : undefined;
    const usable = this.checks.usable(collection, value, index);
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
      const converted = this.checks.flag(record, ref, 'IsConverted');
      if (converted === 'bad') {
        this.unmappedPeople.add(key);
        return;
      }
      if (converted === true && !this.options.includeConvertedLeads) {
        // Salesforce moves a converted lead's activities to the contact; older exports may not.
        const contactId = readId(this.fields.get(record, 'ConvertedContactId'));
        this.unmappedPeople.add(key);
        // Without a ConvertedContactId the lead is left out alone; one no output can carry is its error.
        if (contactId === ILL_FORMED_ID) return this.checks.badId(ref, 'ConvertedContactId');
        if (contactId !== undefined) this.convertedTo.set(key, canonicalId(contactId));
        return this.ledger.skip(ref, 'converted-lead');
      }
    }

    const contact: Contact & { id: string } = { id: ref.id };
    const name = this.nameOf(record);
    if (name !== undefined) contact.name = name;
    const ownerId = readId(this.fields.get(record, 'OwnerId'));
    // No OwnerId plans the person under no owner; one no output can carry is the person's error.
    if (ownerId === ILL_FORMED_ID) {
      this.unmappedPeople.add(key);
      return this.checks.badId(ref, 'OwnerId');
    }
    // A lead owned by a queue has no rep yet: it is planned under no owner rather than a queue.
    if (ownerId !== undefined && !ownerId.startsWith(ID_PREFIX.queue)) contact.ownerId = ownerId;

    if (this.options.timeZoneField !== undefined) {
      this.configured(record, this.options.timeZoneField);
      const zone = this.checks.text(record, this.options.timeZoneField);
      if (zone !== undefined) {
        if (!isValidZone(zone)) return fail('unknown-zone', this.options.timeZoneField, `unknown IANA time zone "${zone}"`);
        contact.timeZone = zone;
      }
    }
    if (this.options.tierField !== undefined) {
      this.configured(record, this.options.tierField);
      const tier = this.checks.text(record, this.options.tierField);
      if (tier !== undefined) contact.tier = tier;
    }
    const created = this.fields.get(record, 'CreatedDate');
    if (created !== undefined) {
      const ms = readInstant(created, this.fields.source);
      if (ms === undefined) return fail('bad-instant', 'CreatedDate', `CreatedDate ${JSON.stringify(created)} is not a datetime`);
      contact.createdAt = instantText(ms);
    }
    const doNotCall = this.checks.flag(record, ref, 'DoNotCall');
    if (doNotCall === 'bad') {
      this.unmappedPeople.add(key);
      return;
    }
    if (doNotCall === true) contact.doNotContact = true;

    const attributes: Record<string, unknown> = { sobjectType: this.typeName(collection) };
    // Email opt-out stops emails, not calls: it is kept for tier rules, never turned into do-not-contact.
    const optedOut = readFlag(this.fields.get(record, 'HasOptedOutOfEmail'));
    if (optedOut === true) attributes.hasOptedOutOfEmail = true;
    for (const [attribute, field] of this.attributePairs()) {
      const fieldValue = this.configured(record, field);
      // A parent record (`Account`) where a value belongs: an error, never an object for tier rules to miss.
      if (isNested(fieldValue)) return fail('bad-value', field, `${field} holds a record or a list where a value belongs (name its field: ${field}.AnnualRevenue)`);
      if (fieldValue !== undefined) attributes[attribute] = fieldValue;
    }
    contact.attributes = attributes;
    this.people.set(key, { contact, events: {} });
    this.ledger.mapped(ref);
  }

  private typeName(collection: 'contacts' | 'leads'): 'Contact' | 'Lead' {
    return collection === 'contacts' ? 'Contact' : 'Lead';
  }

  /** The person an id names: read and mapped, read but left out, or not in the records. */
  resolve(id: string, type?: string): Resolved {
    const key = canonicalId(id);
    const person = this.people.get(key) ?? this.people.get(this.convertedTo.get(key) ?? '');
    if (person) return { kind: 'person', person };
    if (this.unmappedPeople.has(key)) return { kind: 'not-mapped' };
    const isPerson = type === 'Contact' || type === 'Lead' || key.startsWith(ID_PREFIX.contact) || key.startsWith(ID_PREFIX.lead);
    return isPerson ? { kind: 'unknown' } : { kind: 'not-a-person' };
  }

  /** The contacts and leads mapped, each with the events (a won deal's date) set on it. */
  contacts(): Contact[] {
    return [...this.people.values()].map((person) =>
      Object.keys(person.events).length > 0 ? { ...person.contact, events: person.events } : person.contact,
    );
  }
}
