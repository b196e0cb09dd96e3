/**
 * A book of contacts, touches, owners and snoozes in a few readable lines, with local dates and
 * times in each contact's own zone. The builder is immutable: every call returns a new builder,
 * so a test can branch one base book into several cases.
 */
import { toInstant, type LocalOrInstant } from './moments.js';
import type { Channel, Direction, Policy } from '../schema/policy.js';
import type { Contact, IdInput, Outcome, Owner, Purpose, Snooze, Touch } from '../core/types.js';

/** The records `evaluate` reads, as plain wire-format data. */
export interface BookData {
  contacts: Contact[];
  touches: Touch[];
  owners: Owner[];
  snoozes: Snooze[];
}

/** A contact's fields; `createdAt` may be a local date-time in the contact's zone. */
export type ContactFields = Omit<Contact, 'id' | 'createdAt'> & { createdAt?: LocalOrInstant };

/** What a touch may say besides its time and channel. */
export interface TouchFields {
  direction?: Direction;
  outcome?: Outcome;
  purpose?: Purpose;
}

/** An owner's fields. */
export type OwnerFields = Omit<Owner, 'id'>;

interface PendingContact {
  readonly id: IdInput;
  readonly fields: ContactFields;
}

interface PendingTouch {
  readonly contactId: IdInput;
  readonly at: LocalOrInstant;
  readonly channel: Channel;
  readonly fields: TouchFields;
  /** Logged exactly as given (no direction or outcome filled in), as a CRM export would have it. */
  readonly asLogged: boolean;
}

const UTC = 'UTC';

/**
 * Collects records and turns local times into instants when built, once the zone of every
 * contact is known (contact → owner → policy → UTC, as `evaluate` resolves it).
 *
 * @example
 * const base = book().contact('ana', { timeZone: 'Asia/Kathmandu' });
 * const touched = base.touch('ana', '2026-01-05 10:00'); // base is unchanged
 */
export class BookBuilder {
  private readonly pendingContacts: readonly PendingContact[];
  private readonly pendingTouches: readonly PendingTouch[];
  private readonly ownerList: readonly Owner[];
  private readonly snoozeList: readonly Snooze[];

  constructor(
    contacts: readonly PendingContact[] = [],
    touches: readonly PendingTouch[] = [],
    owners: readonly Owner[] = [],
    snoozes: readonly Snooze[] = [],
  ) {
    this.pendingContacts = contacts;
    this.pendingTouches = touches;
    this.ownerList = owners;
    this.snoozeList = snoozes;
  }

  /**
   * Adds a contact. `createdAt` may be a local `YYYY-MM-DD HH:mm` in the contact's zone.
   *
   * @example
   * book().contact('ana', { tier: 'A', timeZone: 'Europe/Berlin', createdAt: '2026-01-02 09:00' });
   */
  contact(id: IdInput, fields: ContactFields = {}): BookBuilder {
    return new BookBuilder([...this.pendingContacts, { id, fields }], this.pendingTouches, this.ownerList, this.snoozeList);
  }

  /**
   * Logs a touch at a local time in the contact's zone (or at an instant). A touch is an outbound,
   * connected conversation unless `fields` say otherwise; it has no purpose unless given.
   *
   * @example
   * book().contact('ana', { timeZone: 'Europe/Berlin' }).touch('ana', '2026-11-02 10:00', 'call', { purpose: 'review' });
   */
  touch(contactId: IdInput, at: LocalOrInstant, channel: Channel = 'call', fields: TouchFields = {}): BookBuilder {
    return new BookBuilder(
      this.pendingContacts,
      [...this.pendingTouches, { contactId, at, channel, fields, asLogged: false }],
      this.ownerList,
      this.snoozeList,
    );
  }

  /**
   * Logs a touch exactly as a CRM recorded it: only `at` is read as a local time in the contact's
   * zone when it has no offset; nothing is filled in.
   *
   * @example
   * book().contact('ana').loggedTouch({ contactId: 'ana', at: '2026-11-02 10:00', channel: 'email' });
   */
  loggedTouch(touch: Omit<Touch, 'at'> & { at: LocalOrInstant }): BookBuilder {
    const { contactId, at, channel, ...fields } = touch;
    return new BookBuilder(
      this.pendingContacts,
      [...this.pendingTouches, { contactId, at, channel, fields, asLogged: true }],
      this.ownerList,
      this.snoozeList,
    );
  }

  /**
   * Adds a rep.
   *
   * @example
   * book().owner('u1', { timeZone: 'Europe/London', dailyCapacity: 15 });
   */
  owner(id: IdInput, fields: OwnerFields = {}): BookBuilder {
    return new BookBuilder(this.pendingContacts, this.pendingTouches, [...this.ownerList, { id, ...fields }], this.snoozeList);
  }

  /**
   * Snoozes one (contact, cycle) until a date in the contact's zone.
   *
   * @example
   * book().contact('ana').snooze('ana', 'check-in', '2026-02-01');
   */
  snooze(contactId: IdInput, cycleId: string, until: string): BookBuilder {
    return new BookBuilder(this.pendingContacts, this.pendingTouches, this.ownerList, [...this.snoozeList, { contactId, cycleId, until }]);
  }

  /**
   * The records as plain wire-format data. Pass the policy when it has a `timeZone` that
   * contacts without a zone of their own (or their owner's) fall back to.
   *
   * @example
   * const { contacts, touches } = book().contact('ana', { timeZone: 'Asia/Tokyo' }).touch('ana', '2026-01-05 10:00').build();
   * touches[0].at; // '2026-01-05T01:00:00.000Z'
   */
  build(policy?: Pick<Policy, 'timeZone'>): BookData {
    const fallbackZone = policy?.timeZone ?? UTC;
    const ownerZones = new Map<string, string | undefined>();
    for (const owner of this.ownerList) ownerZones.set(String(owner.id), owner.timeZone);
    const zones = new Map<string, string>();
    const contacts = this.pendingContacts.map(({ id, fields }, index): Contact => {
      const zone = fields.timeZone ?? (fields.ownerId !== undefined ? ownerZones.get(String(fields.ownerId)) : undefined) ?? fallbackZone;
      if (!zones.has(String(id))) zones.set(String(id), zone);
      const { createdAt, ...rest } = fields;
      return createdAt === undefined
        ? { id, ...rest }
        : { id, ...rest, createdAt: toInstant(createdAt, zone, `contact ${index} ("${id}") createdAt`) };
    });
    const touches = this.pendingTouches.map(({ contactId, at, channel, fields, asLogged }, index): Touch => {
      const zone = zones.get(String(contactId)) ?? fallbackZone;
      const instant = toInstant(at, zone, `touch ${index} (contact "${contactId}") at`);
      if (asLogged) return { ...fields, contactId, at: instant, channel };
      return {
        contactId,
        at: instant,
        channel,
        direction: fields.direction ?? 'outbound',
        outcome: fields.outcome ?? 'connected',
        ...(fields.purpose !== undefined ? { purpose: fields.purpose } : {}),
      };
    });
    return {
      contacts,
      touches,
      owners: this.ownerList.map((owner) => ({ ...owner })),
      snoozes: this.snoozeList.map((snooze) => ({ ...snooze })),
    };
  }
}

/**
 * Starts a book.
 *
 * @example
 * const accounts = book()
 *   .owner('u1', { timeZone: 'Europe/Berlin', dailyCapacity: 10 })
 *   .contact('ana', { tier: 'A', ownerId: 'u1' })
 *   .touch('ana', '2026-11-02 10:00', 'call');
 */
export function book(): BookBuilder {
  return new BookBuilder();
}

/** A book as a builder or as built data; the kit's functions take either. */
export type BookInput = BookBuilder | BookData | Partial<BookData>;

/**
 * Built data of a book input, local times resolved with the policy's zone as the last fallback.
 *
 * @example
 * bookData(book().contact('ana'), policy).contacts; // [{ id: 'ana' }]
 */
export function bookData(input: BookInput, policy?: Pick<Policy, 'timeZone'>): BookData {
  // Not `instanceof`: each import point of the package carries its own copy of this class in
  // CommonJS, and a builder from one may reach a function of another.
  if (isBuilder(input)) return input.build(policy);
  return {
    contacts: [...(input.contacts ?? [])],
    touches: [...(input.touches ?? [])],
    owners: [...(input.owners ?? [])],
    snoozes: [...(input.snoozes ?? [])],
  };
}

function isBuilder(input: BookInput): input is BookBuilder {
  return typeof (input as { build?: unknown }).build === 'function';
}
