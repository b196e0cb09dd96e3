/**
 * `fromHubSpot`: HubSpot CRM v3 records (contacts, owners, calls, meetings, emails, tasks, deals)
 * to the engine's contacts, touches and owners. Every record is mapped, skipped for a reason an
 * option can change, or reported as an error with a stable code; nothing is thrown, nothing is
 * dropped without a trace, and the input is never modified.
 */
import type { Contact, Outcome, Owner, Touch } from '../../core/types.js';
import { InputError, type Issue } from '../../errors/errors.js';
import { CHANNELS, type Channel, type Direction } from '../../schema/policy.js';
import { touchShapeForCycle } from '../shared/cycle-touch.js';
import { parseTaskKey, type TaskKeyParts } from '../shared/keys.js';
import type { AdapterError, AdapterErrorCode, AdapterResult, SkippedRecord } from '../shared/types.js';
import type { FromHubSpotOptions, HubSpotCollection, HubSpotRecords } from './types.js';
import { attributeValue, HUBSPOT_CALL_DISPOSITIONS, propertyText, readDate, readFlag, readInstant } from './values.js';
import { hubSpotTimeZone } from './zones.js';

/**
 * Default name of the task property holding the calling-cycle key.
 *
 * @example
 * task.properties[DEFAULT_KEY_PROPERTY] // 'cc1:101:check-in:2026-11-16'
 */
export const DEFAULT_KEY_PROPERTY = 'calling_cycle_key';

const COLLECTIONS: readonly HubSpotCollection[] = ['contacts', 'owners', 'calls', 'meetings', 'emails', 'tasks', 'deals'];

/**
 * Why a record was skipped; docs/adapters/hubspot.md lists the option that changes each.
 *
 * @example
 * const open = result.skipped.filter((skip) => (skip.reason as HubSpotSkipReason) === 'open-task');
 */
export type HubSpotSkipReason =
  | 'archived'
  | 'contact-not-in-book'
  | 'contact-not-mapped'
  | 'call-not-completed'
  | 'meeting-not-completed'
  | 'meeting-not-held'
  | 'email-not-sent'
  | 'open-task'
  | 'not-a-touch-type'
  | 'deal-not-won';

interface Problem {
  code: AdapterErrorCode;
  path: (string | number)[];
  message: string;
}

/** One record's envelope once checked: its id as a string and its properties. */
interface Envelope {
  index: number;
  id: string;
  record: Readonly<Record<string, unknown>>;
  properties: Readonly<Record<string, unknown>>;
}

/** Counts, errors and skips, kept so that read = mapped + skipped + errors per collection. */
class Ledger {
  readonly counts: AdapterResult['counts'] = {};
  readonly errors: AdapterError[] = [];
  readonly skipped: SkippedRecord[] = [];

  open(source: HubSpotCollection, read: number): void {
    this.counts[source] = { read, mapped: 0, skipped: 0, errors: 0 };
  }

  mapped(source: HubSpotCollection): void {
    this.counts[source]!.mapped++;
  }

  skip(source: HubSpotCollection, index: number, id: string | undefined, reason: HubSpotSkipReason): void {
    this.counts[source]!.skipped++;
    this.skipped.push(id === undefined ? { source, index, reason } : { source, index, id, reason });
  }

  /** One error per record: the first problem's code and path, every problem in the message. */
  fail(source: HubSpotCollection, index: number, id: string | undefined, problems: readonly Problem[]): void {
    const first = problems[0]!;
    this.counts[source]!.errors++;
    const message = problems.map((problem) => problem.message).join('; ');
    const error: AdapterError = { code: first.code, source, index, path: first.path, message };
    if (id !== undefined) error.id = id;
    this.errors.push(error);
  }
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function idText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/**
 * The records of one collection: an array, or a page as the list endpoints return it
 * (`{ results: [...], paging }`), since passing the response body straight in is the common case.
 */
function listOf(value: unknown): readonly unknown[] | undefined {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (isObject(value) && Array.isArray(value.results)) return value.results;
  return undefined;
}

/** Checks the `{ id, properties }` envelope; reports and returns undefined when it is not one. */
function envelope(ledger: Ledger, source: HubSpotCollection, index: number, value: unknown): Envelope | undefined {
  if (!isObject(value)) {
    ledger.fail(source, index, undefined, [{ code: 'not-an-object', path: [], message: `${source}[${index}] is not an object` }]);
    return undefined;
  }
  const id = idText(value.id);
  if (id === undefined) {
    ledger.fail(source, index, undefined, [{ code: 'missing-id', path: ['id'], message: `${source}[${index}] has no id` }]);
    return undefined;
  }
  if (!isObject(value.properties)) {
    ledger.fail(source, index, id, [
      {
        code: 'missing-field',
        path: ['properties'],
        message: `${source} ${id}: no properties object (HubSpot objects hold their fields in properties)`,
      },
    ]);
    return undefined;
  }
  return { index, id, record: value, properties: value.properties };
}

/** Ids of the contacts a record is associated with (`associations.contacts.results`), each once. */
function associatedContacts(record: Readonly<Record<string, unknown>>): string[] {
  const associations = record.associations;
  if (!isObject(associations)) return [];
  const contacts = associations.contacts;
  if (!isObject(contacts) || !Array.isArray(contacts.results)) return [];
  const ids: string[] = [];
  // A labelled association is listed twice (once unlabelled, once with its label's type): one contact, one touch.
  for (const result of contacts.results) {
    const id = isObject(result) ? idText(result.id) : undefined;
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * A call written through the calls API may name its contact in `hs_call_callee_object_id` instead
 * of an association (`hs_call_callee_object_type` CONTACT, or `hs_call_callee_object_type_id` 0-1,
 * the contact object's type id).
 */
function calleeContact(properties: Readonly<Record<string, unknown>>): string[] {
  const id = propertyText(properties, 'hs_call_callee_object_id');
  const type = propertyText(properties, 'hs_call_callee_object_type')?.toUpperCase();
  const typeId = propertyText(properties, 'hs_call_callee_object_type_id');
  return id !== undefined && (type === 'CONTACT' || typeId === '0-1') ? [id] : [];
}

/** A required timestamp property as a canonical instant, or the problem with it. */
function timestampOf(source: string, id: string, name: string, value: unknown): string | Problem {
  if (value === null || value === undefined || value === '') {
    return { code: 'missing-field', path: ['properties', name], message: `${source} ${id}: ${name} is not set` };
  }
  return (
    readInstant(value) ?? {
      code: 'bad-instant',
      path: ['properties', name],
      message: `${source} ${id}: ${name} ${JSON.stringify(value)} is not an ISO 8601 instant nor epoch milliseconds`,
    }
  );
}

/**
 * Maps HubSpot CRM v3 records to the engine's contacts, touches and owners.
 *
 * Only completed activities are touches: calls with `hs_call_status` COMPLETED, meetings with
 * `hs_meeting_outcome` COMPLETED, sent (or bounced) emails, call, email and LinkedIn tasks with
 * `hs_task_status` COMPLETED, and completed tasks this library planned. An activity associated with several contacts gives one touch per contact. Won deals
 * give their contacts a `closedWon` event. docs/adapters/hubspot.md has the whole mapping.
 *
 * @example
 * const { contacts, touches, owners, errors, skipped } = fromHubSpot(
 *   { contacts: contactPage.results, owners: ownerPage.results, calls: callPage.results },
 *   { policy, owners: { '64492917': { timeZone: 'Europe/London', dailyCapacity: 20 } } },
 * );
 * const { items } = evaluate({ policy, contacts, touches, owners, now: new Date().toISOString() });
 */
export function fromHubSpot(records: HubSpotRecords, options: FromHubSpotOptions = {}): AdapterResult {
  checkOptions(options);
  const ledger = new Ledger();
  const input: Readonly<Record<string, unknown>> = isObject(records) ? records : {};
  const lists = new Map<HubSpotCollection, readonly unknown[]>();
  for (const collection of COLLECTIONS) {
    const list = listOf(input[collection]);
    if (list === undefined) {
      ledger.open(collection, 1);
      ledger.fail(collection, 0, undefined, [
        { code: 'not-an-object', path: [], message: `${collection} is neither a list of records nor a page with results` },
      ]);
      lists.set(collection, []);
    } else {
      ledger.open(collection, list.length);
      lists.set(collection, list);
    }
  }

  const contactsGiven = input.contacts !== undefined && input.contacts !== null;
  const { contacts, unmapped } = readContacts(ledger, lists.get('contacts')!, options);
  const byId = new Map(contacts.map((contact) => [contact.id as string, contact]));
  const owners = readOwners(ledger, lists.get('owners')!, options);

  /** The associated contacts a touch can go to, or the reason (skip) or problem (error) when none. */
  const targetsOf = (ids: readonly string[], source: string, id: string): string[] | HubSpotSkipReason | Problem => {
    if (ids.length === 0) {
      return { code: 'no-contact', path: ['associations', 'contacts'], message: `${source} ${id} is associated with no contact` };
    }
    if (!contactsGiven) return [...ids];
    const inBook = ids.filter((contactId) => byId.has(contactId));
    if (inBook.length > 0) return inBook;
    return ids.some((contactId) => unmapped.has(contactId)) ? 'contact-not-mapped' : 'contact-not-in-book';
  };

  const touches: Touch[] = [];
  const activity = (source: HubSpotCollection, map: ActivityMapper) => {
    const readOne = (value: unknown, index: number) => {
      const record = envelope(ledger, source, index, value);
      if (record === undefined) return;
      if (record.record.archived === true && options.includeArchived !== true) return ledger.skip(source, index, record.id, 'archived');
      const mapped = map(record, options);
      if (typeof mapped === 'string') return ledger.skip(source, index, record.id, mapped);
      if (mapped.problems.length > 0) return ledger.fail(source, index, record.id, mapped.problems);
      const ids = associatedContacts(record.record);
      if (ids.length === 0 && source === 'calls') ids.push(...calleeContact(record.properties));
      if (mapped.keyContact !== undefined && !ids.includes(mapped.keyContact)) ids.push(mapped.keyContact);
      const targets = targetsOf(ids, source, record.id);
      if (typeof targets === 'string') return ledger.skip(source, index, record.id, targets);
      if (!Array.isArray(targets)) return ledger.fail(source, index, record.id, [targets]);
      for (const contactId of targets) touches.push({ contactId, ...mapped.touch });
      ledger.mapped(source);
    };
    lists.get(source)!.forEach(readOne);
  };
  activity('calls', mapCall);
  activity('meetings', mapMeeting);
  activity('emails', mapEmail);
  activity('tasks', mapTask);

  // A close date becomes an event of a contact in the book: without contacts there is nowhere to put it.
  const dealTargets = (ids: readonly string[], id: string) =>
    contactsGiven || ids.length === 0 ? targetsOf(ids, 'deal', id) : ('contact-not-in-book' as const);
  readDeals(ledger, lists.get('deals')!, options, dealTargets, byId);

  return { contacts, touches, owners, errors: ledger.errors, skipped: ledger.skipped, counts: ledger.counts };
}

/**
 * Bad options are a programming error, not bad data: they throw, listing every problem, before a
 * record is read (a typo in an option would otherwise skip or mis-map a whole portal quietly).
 */
function checkOptions(options: FromHubSpotOptions): void {
  const issues: Issue[] = [];
  for (const name of ['keyProperty', 'tierProperty', 'purposeProperty', 'closedWonEvent'] as const) {
    const value = options[name];
    if (value !== undefined && (typeof value !== 'string' || value === ''))
      issues.push({ code: 'invalid_type', path: [name], message: 'must be a property name' });
  }
  if (options.countScheduledMeetingsBefore !== undefined && readInstant(options.countScheduledMeetingsBefore) === undefined) {
    issues.push({
      code: 'invalid_type',
      path: ['countScheduledMeetingsBefore'],
      message: 'must be an ISO 8601 instant with an offset, epoch milliseconds or a Date',
    });
  }
  if (
    options.forwardedEmailDirection !== undefined &&
    options.forwardedEmailDirection !== 'inbound' &&
    options.forwardedEmailDirection !== 'outbound'
  ) {
    issues.push({ code: 'invalid_value', path: ['forwardedEmailDirection'], message: 'must be inbound or outbound' });
  }
  for (const [type, channel] of Object.entries(options.taskChannels ?? {})) {
    if (channel !== null && !(CHANNELS as readonly string[]).includes(channel)) {
      issues.push({ code: 'invalid_value', path: ['taskChannels', type], message: `must be null or one of ${CHANNELS.join(', ')}` });
    }
  }
  for (const name of ['doNotContactProperties', 'wonStages'] as const) {
    const value = options[name];
    if (value !== undefined && (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))) {
      issues.push({ code: 'invalid_type', path: [name], message: 'must be a list of names' });
    }
  }
  if (issues.length > 0) {
    throw new InputError(
      `fromHubSpot: bad options: ${issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
      issues,
    );
  }
}

function readContacts(
  ledger: Ledger,
  list: readonly unknown[],
  options: FromHubSpotOptions,
): { contacts: Contact[]; unmapped: Set<string> } {
  const contacts: Contact[] = [];
  const seen = new Set<string>();
  // Contacts that were in the input but did not come out: their activities say so when skipped.
  const unmapped = new Set<string>();
  const attributeNames: readonly (readonly [string, string])[] = Array.isArray(options.attributes)
    ? (options.attributes as readonly string[]).map((name) => [name, name] as const)
    : Object.entries((options.attributes as Readonly<Record<string, string>> | undefined) ?? {});

  const readOne = (value: unknown, index: number) => {
    const record = envelope(ledger, 'contacts', index, value);
    if (record === undefined) return;
    const { id, properties } = record;
    if (record.record.archived === true && options.includeArchived !== true) {
      unmapped.add(id);
      return ledger.skip('contacts', index, id, 'archived');
    }
    const problems: Problem[] = [];
    if (seen.has(id)) {
      problems.push({ code: 'bad-value', path: ['id'], message: `contact ${id} appears twice: only the first is kept` });
    }
    const contact: Contact = { id };

    const ownerId = propertyText(properties, 'hubspot_owner_id');
    if (ownerId !== undefined) contact.ownerId = ownerId;

    const zoneText = propertyText(properties, 'hs_timezone');
    if (zoneText !== undefined) {
      const zone = hubSpotTimeZone(zoneText);
      if (zone === undefined) {
        problems.push({
          code: 'unknown-zone',
          path: ['properties', 'hs_timezone'],
          message: `contact ${id}: hs_timezone ${JSON.stringify(zoneText)} names no known IANA time zone`,
        });
      } else contact.timeZone = zone;
    }

    // HubSpot's createdate property; the object's createdAt when the request did not ask for it.
    const fromProperty = propertyText(properties, 'createdate') !== undefined;
    const created = fromProperty ? properties.createdate : record.record.createdAt;
    if (created !== undefined && created !== null && created !== '') {
      const createdAt = readInstant(created);
      if (createdAt === undefined) {
        problems.push({
          code: 'bad-instant',
          path: fromProperty ? ['properties', 'createdate'] : ['createdAt'],
          message: `contact ${id}: ${fromProperty ? 'createdate' : 'createdAt'} ${JSON.stringify(created)} is not an ISO 8601 instant nor epoch milliseconds`,
        });
      } else contact.createdAt = createdAt;
    }

    if (attributeNames.length > 0) {
      const attributes: Record<string, unknown> = {};
      for (const [property, attribute] of attributeNames) {
        const text = propertyText(properties, property);
        if (text !== undefined) attributes[attribute] = attributeValue(text);
      }
      contact.attributes = attributes;
    }

    if (options.tierProperty !== undefined) {
      const tier = propertyText(properties, options.tierProperty);
      if (tier !== undefined) contact.tier = tier;
    }

    for (const name of options.doNotContactProperties ?? []) {
      const text = propertyText(properties, name);
      if (text === undefined) continue;
      const flag = readFlag(text);
      if (flag === undefined) {
        problems.push({
          code: 'bad-value',
          path: ['properties', name],
          message: `contact ${id}: ${name} ${JSON.stringify(text)} is not true or false`,
        });
      } else if (flag) contact.doNotContact = true;
    }

    if (problems.length > 0) {
      // A duplicate keeps the first contact of that id in the book; any other problem leaves it out.
      if (!seen.has(id)) unmapped.add(id);
      return ledger.fail('contacts', index, id, problems);
    }
    seen.add(id);
    contacts.push(contact);
    ledger.mapped('contacts');
  };
  list.forEach(readOne);
  for (const contact of contacts) unmapped.delete(contact.id as string);
  return { contacts, unmapped };
}

function readOwners(ledger: Ledger, list: readonly unknown[], options: FromHubSpotOptions): Owner[] {
  const owners: Owner[] = [];
  const seen = new Set<string>();
  const readOne = (value: unknown, index: number) => {
    if (!isObject(value)) {
      return ledger.fail('owners', index, undefined, [{ code: 'not-an-object', path: [], message: `owners[${index}] is not an object` }]);
    }
    const id = idText(value.id);
    if (id === undefined)
      return ledger.fail('owners', index, undefined, [{ code: 'missing-id', path: ['id'], message: `owners[${index}] has no id` }]);
    if (value.archived === true && options.includeArchived !== true) return ledger.skip('owners', index, id, 'archived');
    if (seen.has(id)) {
      return ledger.fail('owners', index, id, [
        { code: 'bad-value', path: ['id'], message: `owner ${id} appears twice: only the first is kept` },
      ]);
    }
    const settings = { ...options.ownerDefaults, ...options.owners?.[id] };
    const owner: Owner = { id, ...settings };
    if (settings.timeZone !== undefined) {
      const zone = typeof settings.timeZone === 'string' ? hubSpotTimeZone(settings.timeZone) : undefined;
      if (zone === undefined) {
        return ledger.fail('owners', index, id, [
          {
            code: 'unknown-zone',
            path: ['timeZone'],
            message: `owner ${id}: time zone ${JSON.stringify(settings.timeZone)} (from options.owners or options.ownerDefaults) is not a known IANA zone`,
          },
        ]);
      }
      owner.timeZone = zone;
    }
    seen.add(id);
    owners.push(owner);
    ledger.mapped('owners');
  };
  list.forEach(readOne);
  return owners;
}

/** What an activity maps to before its contacts are known: a touch, a skip reason, or problems. */
type ActivityMapping = HubSpotSkipReason | { touch: Omit<Touch, 'contactId'>; problems: Problem[]; keyContact?: string };
type ActivityMapper = (record: Envelope, options: FromHubSpotOptions) => ActivityMapping;

function purposeOf(properties: Readonly<Record<string, unknown>>, options: FromHubSpotOptions): string | undefined {
  if (options.purposeProperty === undefined) return undefined;
  const value = propertyText(properties, options.purposeProperty);
  return value === undefined ? undefined : (options.purposes?.[value] ?? value);
}

/** Builds the touch fields, leaving out the ones that are undefined so the output is plain JSON. */
function touchFields(
  at: string,
  channel: Channel,
  direction: Direction | undefined,
  outcome: Outcome | undefined,
  purpose: string | undefined,
): Omit<Touch, 'contactId'> {
  const touch: Omit<Touch, 'contactId'> = { at, channel };
  if (direction !== undefined) touch.direction = direction;
  if (outcome !== undefined) touch.outcome = outcome;
  if (purpose !== undefined) touch.purpose = purpose;
  return touch;
}

function mapCall({ id, properties }: Envelope, options: FromHubSpotOptions): ActivityMapping {
  const status = propertyText(properties, 'hs_call_status');
  // A call logged by hand has no dialer status: it is a record of a call that happened.
  if (status !== undefined && status.toUpperCase() !== 'COMPLETED') return 'call-not-completed';
  const problems: Problem[] = [];
  const at = timestampOf('call', id, 'hs_timestamp', properties.hs_timestamp);
  if (typeof at !== 'string') problems.push(at);

  let direction: Direction | undefined;
  const directionText = propertyText(properties, 'hs_call_direction');
  if (directionText !== undefined) {
    const upper = directionText.toUpperCase();
    if (upper === 'OUTBOUND') direction = 'outbound';
    else if (upper === 'INBOUND') direction = 'inbound';
    else {
      problems.push({
        code: 'bad-value',
        path: ['properties', 'hs_call_direction'],
        message: `call ${id}: hs_call_direction ${JSON.stringify(directionText)} is neither INBOUND nor OUTBOUND`,
      });
    }
  }

  let outcome: Outcome | undefined;
  const disposition = propertyText(properties, 'hs_call_disposition');
  if (disposition !== undefined) {
    outcome = options.dispositions?.[disposition] ?? HUBSPOT_CALL_DISPOSITIONS[disposition.toLowerCase()]?.outcome;
    if (outcome === undefined) {
      problems.push({
        code: 'bad-value',
        path: ['properties', 'hs_call_disposition'],
        message: `call ${id}: call outcome ${JSON.stringify(disposition)} is not a built-in HubSpot outcome; map the portal's own in options.dispositions`,
      });
    }
  }
  if (problems.length > 0 || typeof at !== 'string') return { touch: { at: '', channel: 'call' }, problems };
  return { touch: touchFields(at, 'call', direction, outcome, purposeOf(properties, options)), problems };
}

function mapMeeting({ id, properties }: Envelope, options: FromHubSpotOptions): ActivityMapping {
  const outcomeText = propertyText(properties, 'hs_meeting_outcome')?.toUpperCase();
  if (outcomeText === 'RESCHEDULED' || outcomeText === 'NO_SHOW' || outcomeText === 'CANCELED' || outcomeText === 'CANCELLED') {
    return 'meeting-not-held';
  }
  const startName = propertyText(properties, 'hs_meeting_start_time') !== undefined ? 'hs_meeting_start_time' : 'hs_timestamp';
  const at = timestampOf('meeting', id, startName, properties[startName]);
  if (typeof at !== 'string') {
    // An unheld meeting is skipped whatever its dates; only one that would count needs a valid start.
    if (outcomeText !== 'COMPLETED' && options.countScheduledMeetingsBefore === undefined) return 'meeting-not-completed';
    return { touch: { at: '', channel: 'meeting' }, problems: [{ ...at, message: `${at.message} (the meeting's start)` }] };
  }
  if (outcomeText !== 'COMPLETED') {
    // SCHEDULED, no outcome, or a portal's own value: held only if the caller says past meetings count.
    const before = options.countScheduledMeetingsBefore === undefined ? undefined : readInstant(options.countScheduledMeetingsBefore);
    const scheduled = outcomeText === undefined || outcomeText === 'SCHEDULED';
    if (!scheduled || before === undefined || at >= before) return 'meeting-not-completed';
  }
  return { touch: touchFields(at, 'meeting', undefined, 'connected', purposeOf(properties, options)), problems: [] };
}

function mapEmail({ id, properties }: Envelope, options: FromHubSpotOptions): ActivityMapping {
  const status = propertyText(properties, 'hs_email_status')?.toUpperCase();
  // SCHEDULED, SENDING and FAILED emails were never delivered; a logged email has no status.
  if (status !== undefined && status !== 'SENT' && status !== 'BOUNCED') return 'email-not-sent';
  const problems: Problem[] = [];
  const at = timestampOf('email', id, 'hs_timestamp', properties.hs_timestamp);
  if (typeof at !== 'string') problems.push(at);
  let direction: Direction | undefined;
  const directionText = propertyText(properties, 'hs_email_direction');
  if (directionText !== undefined) {
    const upper = directionText.toUpperCase();
    if (upper === 'EMAIL') direction = 'outbound';
    else if (upper === 'INCOMING_EMAIL') direction = 'inbound';
    else if (upper === 'FORWARDED_EMAIL') direction = options.forwardedEmailDirection ?? 'inbound';
    else {
      problems.push({
        code: 'bad-value',
        path: ['properties', 'hs_email_direction'],
        message: `email ${id}: hs_email_direction ${JSON.stringify(directionText)} is not EMAIL, INCOMING_EMAIL or FORWARDED_EMAIL`,
      });
    }
  }
  if (problems.length > 0 || typeof at !== 'string') return { touch: { at: '', channel: 'email' }, problems };
  const outcome = status === 'BOUNCED' ? 'bounced' : undefined;
  return { touch: touchFields(at, 'email', direction, outcome, purposeOf(properties, options)), problems };
}

/**
 * The channel a completed task of each `hs_task_type` is a touch on. A to-do ("prepare the QBR
 * deck") is work about a customer, not contact with them: counted, it would reset a check-in
 * clock without anyone having spoken to the customer, so it is not a touch unless
 * `taskChannels` says so. A task this library planned is a touch whatever its type.
 */
const TASK_CHANNELS: Readonly<Record<string, Channel | null>> = {
  CALL: 'call',
  EMAIL: 'email',
  LINKED_IN: 'message',
  LINKED_IN_CONNECT: 'message',
  LINKED_IN_MESSAGE: 'message',
  TODO: null,
};

function mapTask({ id, properties }: Envelope, options: FromHubSpotOptions): ActivityMapping {
  if (propertyText(properties, 'hs_task_status')?.toUpperCase() !== 'COMPLETED') return 'open-task';
  const type = propertyText(properties, 'hs_task_type')?.toUpperCase() ?? 'TODO';
  const typeChannel = options.taskChannels?.[type] !== undefined ? options.taskChannels[type] : (TASK_CHANNELS[type] ?? null);
  const key: TaskKeyParts | undefined = parseTaskKey(propertyText(properties, options.keyProperty ?? DEFAULT_KEY_PROPERTY));
  if (key === undefined && typeChannel === null) return 'not-a-touch-type';
  // The moment the rep ticked it off; the due time (hs_timestamp) only when HubSpot has no completion date.
  const atName = propertyText(properties, 'hs_task_completion_date') !== undefined ? 'hs_task_completion_date' : 'hs_timestamp';
  const at = timestampOf('task', id, atName, properties[atName]);
  if (typeof at !== 'string') return { touch: { at: '', channel: 'other' }, problems: [at] };
  const purpose = purposeOf(properties, options);
  if (key === undefined) return { touch: touchFields(at, typeChannel ?? 'other', 'outbound', undefined, purpose), problems: [] };
  // A task this library planned, now done: it counts for the cycle it was planned for.
  const shape = options.policy ? touchShapeForCycle(options.policy, key.cycleId) : undefined;
  const touch = shape
    ? touchFields(at, shape.channel, shape.direction, shape.outcome, shape.purpose ?? purpose)
    : touchFields(at, typeChannel ?? 'call', 'outbound', 'connected', purpose);
  return { touch, problems: [], keyContact: key.contactId };
}

function readDeals(
  ledger: Ledger,
  list: readonly unknown[],
  options: FromHubSpotOptions,
  targetsOf: (ids: readonly string[], id: string) => string[] | HubSpotSkipReason | Problem,
  contacts: ReadonlyMap<string, Contact>,
): void {
  const event = options.closedWonEvent ?? 'closedWon';
  const wonStages = new Set(['closedwon', ...(options.wonStages ?? [])]);
  const latest = new Map<string, string>();
  const readOne = (value: unknown, index: number) => {
    const record = envelope(ledger, 'deals', index, value);
    if (record === undefined) return;
    const { id, properties } = record;
    if (record.record.archived === true && options.includeArchived !== true) return ledger.skip('deals', index, id, 'archived');
    const stage = propertyText(properties, 'dealstage');
    const won = propertyText(properties, 'hs_is_closed_won')?.toLowerCase() === 'true' || (stage !== undefined && wonStages.has(stage));
    if (!won) return ledger.skip('deals', index, id, 'deal-not-won');
    const closeText = propertyText(properties, 'closedate');
    const closedOn = closeText === undefined ? undefined : readDate(closeText);
    if (closedOn === undefined) {
      return ledger.fail('deals', index, id, [
        closeText === undefined
          ? { code: 'missing-field', path: ['properties', 'closedate'], message: `deal ${id} is won but has no closedate` }
          : {
              code: 'bad-date',
              path: ['properties', 'closedate'],
              message: `deal ${id}: closedate ${JSON.stringify(closeText)} is not a date`,
            },
      ]);
    }
    const targets = targetsOf(associatedContacts(record.record), id);
    if (typeof targets === 'string') return ledger.skip('deals', index, id, targets);
    if (!Array.isArray(targets)) return ledger.fail('deals', index, id, [targets]);
    for (const contactId of targets) {
      const previous = latest.get(contactId);
      if (previous === undefined || closedOn > previous) latest.set(contactId, closedOn);
    }
    ledger.mapped('deals');
  };
  list.forEach(readOne);
  for (const [contactId, date] of latest) {
    const contact = contacts.get(contactId);
    if (contact !== undefined) contact.events = { ...contact.events, [event]: date };
  }
}
