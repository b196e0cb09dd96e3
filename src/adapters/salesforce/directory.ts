/**
 * Who is who: the owners (Users) and people (Contacts, Leads) read, the people read but left out,
 * where converted leads went, and what an id names.
 */
import type { Contact, Owner } from '../../core/types.js';
import { isValidZone } from '../../time/zones.js';
import type { RecordChecks } from './checks.js';
import { canonicalId, type FieldReader, ID_PREFIX, instantText, isRecord, readFlag, readId, readInstant } from './fields.js';
import type { Ledger } from './ledger.js';
import type { FromSalesforceOptions } from './read.js';

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
  readonly owners = new Map<string, Owner & { id: string }>();
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
    const owner: Owner & { id: string } = { id: ref.id };
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
    this.owners.set(key, owner);
    this.ledger.mapped(ref);
  }

  // ——— contacts and leads ———

  /** A Contact or Lead as a contact; a converted Lead is skipped unless `includeConvertedLeads`, its Contact carries on. */
  readPerson(collection: 'contacts' | 'leads', value: unknown, index: number): undefined {
    const rawId = isRecord(value) ? readId(this.fields.get(value, 'Id')) : undefined;
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
      const zone = this.checks.text(record, this.options.timeZoneField);
      if (zone !== undefined) {
        if (!isValidZone(zone)) return fail('unknown-zone', this.options.timeZoneField, `unknown IANA time zone "${zone}"`);
        contact.timeZone = zone;
      }
    }
    if (this.options.tierField !== undefined) {
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
