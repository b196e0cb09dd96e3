/**
 * `fromHubSpot`: HubSpot CRM v3 records (contacts, owners, calls, meetings, emails, tasks, deals)
 * to the engine's contacts, touches and owners. Every record is mapped, skipped for a reason an
 * option can change, or reported as an error with a stable code; nothing is thrown, nothing is
 * dropped without a trace, and the input is never modified.
 */
import type { Outcome, Touch } from '../../core/types.js';
import type { AdapterResult } from '../shared/types.js';
import { wellFormed } from '../shared/ids.js';
import { FirstSeen, unknownCollectionMessage, unknownCollections } from '../shared/values.js';
import { type ActivityContext, type ActivityMapper, callRecordOutcome, mapCall, mapEmail, mapMeeting, mapTask } from './activities.js';
import { readContacts } from './contacts.js';
import { readDeals } from './deals.js';
import { COLLECTIONS, type HubSpotSkipReason, Ledger, type Problem } from './ledger.js';
import { checkOptions } from './options.js';
import { readOwners } from './owners.js';
import { associatedIds, calleeContact, type Envelope, envelope, idText, isObject, listOf } from './records.js';
import type { FromHubSpotOptions, HubSpotCollection, HubSpotRecords } from './types.js';

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

  for (const entry of unknownCollections(input, COLLECTIONS)) {
    if (input[entry.key] !== undefined) ledger.unknownCollection(entry.key, unknownCollectionMessage('fromHubSpot', entry, COLLECTIONS));
  }
  // A configured dotted path (`company.annualrevenue`) reads into a nested property: that one may be an object.
  const configured = [
    ...(Array.isArray(options.attributes) ? options.attributes : Object.keys(options.attributes ?? {})),
    options.tierProperty,
    options.purposeProperty,
    ...(options.doNotContactProperties ?? []),
  ];
  const nestedRoots = new Set(configured.filter((name): name is string => name?.includes('.') === true).map((name) => name.split('.')[0]!));

  const contactsGiven = input.contacts !== undefined && input.contacts !== null;
  const { contacts, unmapped } = readContacts(ledger, lists.get('contacts')!, options, nestedRoots);
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

  // Calls by id, first copy only, so a completed CALL task can take the outcome of the call it is linked to.
  const callsById = new Map<string, Readonly<Record<string, unknown>>>();
  for (const value of lists.get('calls')!) {
    if (!isObject(value) || !isObject(value.properties)) continue;
    // A call without a usable id is reported when the calls are read; no task can link to it.
    const id = wellFormed(idText(value.id));
    if (id !== undefined && !callsById.has(id)) callsById.set(id, value.properties);
  }
  const context: ActivityContext = {
    linkedCallOutcome: (record: Envelope): Outcome | undefined | Problem => {
      const linked = associatedIds(record.record, 'calls');
      // An association shape this adapter does not know, or a call id no output can carry, is the
      // task's error: read as "no call", the task would be a call of unknown outcome, which counts
      // by default, so a voicemail would hide an overdue contact.
      if (!Array.isArray(linked)) return linked;
      // Several calls (a retry after a voicemail): connected if any connected, else the first outcome known.
      const outcomes = linked.flatMap((callId) => {
        const properties = callsById.get(callId);
        const outcome = properties === undefined ? undefined : callRecordOutcome(properties, options);
        return outcome === undefined ? [] : [outcome];
      });
      return outcomes.includes('connected') ? 'connected' : outcomes[0];
    },
  };

  const touches: Touch[] = [];
  const activity = (source: HubSpotCollection, map: ActivityMapper) => {
    const seen = new FirstSeen();
    const readOne = (value: unknown, index: number) => {
      const record = envelope(ledger, source, index, value, nestedRoots);
      if (record === undefined) return;
      // The same engagement on two overlapping pages: mapped once, as in every adapter.
      if (!seen.first(record.id)) return ledger.skip(source, index, record.id, 'duplicate-id');
      if (record.record.archived === true && options.includeArchived !== true) return ledger.skip(source, index, record.id, 'archived');
      const mapped = map(record, options, context);
      if (typeof mapped === 'string') return ledger.skip(source, index, record.id, mapped);
      if (mapped.problems.length > 0) return ledger.fail(source, index, record.id, mapped.problems);
      const associated = associatedIds(record.record, 'contacts');
      if (!Array.isArray(associated)) return ledger.fail(source, index, record.id, [{ ...associated, message: `${source} ${record.id}: ${associated.message}` }]);
      const ids = associated;
      if (ids.length === 0 && source === 'calls') {
        const callee = calleeContact(record.properties, `call ${record.id}`);
        if (!Array.isArray(callee)) return ledger.fail(source, index, record.id, [callee]);
        ids.push(...callee);
      }
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

  return { contacts, touches, owners, errors: ledger.errors, skipped: ledger.skipped, warnings: ledger.warnings, counts: ledger.counts };
}
