/** calling-cycle/hubspot: the shared adapter conformance suite, then one table per mapping rule. */
import { describe, expect, it } from 'vitest';
import {
  type FromHubSpotOptions,
  fromHubSpot,
  type HubSpotObject,
  type HubSpotRecords,
  type HubSpotTaskInput,
  hubSpotTimeZone,
  toHubSpotTasks,
} from '../../src/adapters/hubspot/index.js';
import { parseTaskKey, taskKey } from '../../src/adapters/shared/keys.js';
import { evaluate, type Touch } from '../../src/index.js';
import { deepFreeze } from '../helpers.js';
import { describeAdapterConformance } from './conformance.js';
import {
  BOOK_COUNTS,
  bookOptions,
  bookPolicy,
  call,
  deal,
  email,
  GUID,
  type HubSpotBook,
  hubSpotBook,
  JAMES,
  MARIA,
  meeting,
  object,
  owner,
  task,
} from './hubspot/book.js';
import { HUBSPOT_TIMEZONE_SLUGS } from './hubspot/timezones.js';

const NOW = '2026-11-25T10:00:00Z';

describeAdapterConformance<HubSpotBook, HubSpotTaskInput>({
  name: 'HubSpot',
  records: hubSpotBook,
  read: (records) => fromHubSpot(records, bookOptions),
  inputCounts: BOOK_COUNTS,
  contactIds: ['101', '102', '103', '104'],
  withOpenActivity: (records) => ({
    ...records,
    tasks: [
      ...records.tasks,
      task('6003', { hs_timestamp: '2026-11-12T09:00:00.000Z', hs_task_status: 'IN_PROGRESS', hs_task_type: 'CALL' }, '102'),
    ],
  }),
  withIllFormedContactId: (records) => ({ ...records, contacts: [...records.contacts, { ...records.contacts[0]!, id: 'c\uD800' }] }),
  policy: bookPolicy,
  now: NOW,
  write: (plan) => toHubSpotTasks(plan, { owners: fromHubSpot(hubSpotBook(), bookOptions).owners, policy: bookPolicy }),
  keyOf: (input) => input.properties.calling_cycle_key!,
  complete: (records, input, at) => ({
    ...records,
    tasks: [
      ...records.tasks,
      object(
        '6100',
        { ...input.properties, hs_task_status: 'COMPLETED', hs_task_completion_date: new Date(at).toISOString() },
        {
          associations: {
            contacts: { results: input.associations.map((association) => ({ id: association.to.id, type: 'task_to_contact' })) },
          },
        },
      ),
    ],
  }),
});

/** The book's contacts that map cleanly (101–104): the known book for the tables below. */
const goodContacts = () => hubSpotBook().contacts!.filter((contact) => Number(contact.id) <= 104);

/** Reads one collection with the book's good contacts as the known book. */
function readWith(records: Partial<HubSpotRecords>, options: FromHubSpotOptions = {}) {
  return fromHubSpot({ contacts: goodContacts(), ...records }, { ...bookOptions, ...options });
}

const touchOf = (record: HubSpotObject, collection: 'calls' | 'meetings' | 'emails' | 'tasks', options: FromHubSpotOptions = {}) => {
  const result = readWith({ [collection]: [record] }, options);
  return { touches: result.touches, skipped: result.skipped.map((skip) => skip.reason), errors: result.errors };
};

describe('fromHubSpot: contacts', () => {
  const contactWith = (properties: HubSpotObject['properties'], options: FromHubSpotOptions = {}) =>
    fromHubSpot({ contacts: [object('900', properties)] }, options);

  it.each([
    ['america_slash_new_york', 'America/New_York'],
    ['europe_slash_london', 'Europe/London'],
    ['america_slash_port_hyphen_au_hyphen_prince', 'America/Port-au-Prince'],
    ['us_slash_east_hyphen_indiana', 'US/East-Indiana'],
    ['america_slash_argentina_slash_comodrivadavia', 'America/Argentina/ComodRivadavia'],
    ['antarctica_slash_dumontdurville', 'Antarctica/DumontDUrville'],
    ['australia_slash_nsw', 'Australia/NSW'],
    ['america_slash_knox_in', 'America/Knox_IN'],
    ['europe_slash_isle_of_man', 'Europe/Isle_of_Man'],
    ['africa_slash_dar_es_salaam', 'Africa/Dar_es_Salaam'],
    ['asia_slash_kolkata', 'Asia/Kolkata'],
    ['eire', 'Eire'],
    ['Europe/Berlin', 'Europe/Berlin'],
    ['EUROPE/BERLIN', 'Europe/Berlin'],
    ['US/Eastern', 'US/Eastern'],
  ])('hs_timezone %s is the IANA zone %s', (slug, zone) => {
    expect(contactWith({ hs_timezone: slug }).contacts[0]!.timeZone).toBe(zone);
  });

  it('reads every hs_timezone value HubSpot publishes as a zone the engine accepts, spelled as the runtime spells it', () => {
    const listed = new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));
    for (const slug of HUBSPOT_TIMEZONE_SLUGS) {
      const zone = hubSpotTimeZone(slug);
      expect(zone, slug).toBeDefined();
      expect(zone!.toLowerCase(), slug).toBe(slug.replaceAll('_slash_', '/').replaceAll('_hyphen_', '-'));
      const spelled = listed.get(zone!.toLowerCase());
      if (spelled !== undefined) expect(zone, slug).toBe(spelled);
      const evaluated = evaluate({ policy: bookPolicy, contacts: [{ id: 'c', timeZone: zone! }], touches: [], now: NOW });
      expect(evaluated.errors, slug).toEqual([]);
    }
  });

  it.each([['mars_slash_olympus'], ['america_slash_gotham'], ['not a zone']])(
    'hs_timezone %s is an unknown-zone error naming the field',
    (slug) => {
      const result = contactWith({ hs_timezone: slug });
      expect(result.contacts).toEqual([]);
      expect(result.errors).toMatchObject([{ code: 'unknown-zone', source: 'contacts', id: '900', path: ['properties', 'hs_timezone'] }]);
      expect(result.errors[0]!.message).toContain(slug);
    },
  );

  it.each([
    ['ISO with milliseconds', '2025-03-04T09:15:00.000Z', '2025-03-04T09:15:00.000Z'],
    ['ISO without milliseconds', '2025-03-04T09:15:00Z', '2025-03-04T09:15:00.000Z'],
    ['ISO with an offset', '2025-03-04T10:15:00+01:00', '2025-03-04T09:15:00.000Z'],
    ['epoch milliseconds as digits', '1741079700000', '2025-03-04T09:15:00.000Z'],
  ])('createdate as %s', (_name, value, expected) => {
    expect(contactWith({ createdate: value }).contacts[0]!.createdAt).toBe(expected);
  });

  it('falls back to the object createdAt (a string, or the Date an SDK gives) when createdate was not asked for', () => {
    const viaString = fromHubSpot({ contacts: [{ id: '1', properties: {}, createdAt: '2024-01-02T03:04:05.678Z' }] });
    const viaDate = fromHubSpot({ contacts: [{ id: '1', properties: {}, createdAt: new Date('2024-01-02T03:04:05.678Z') }] });
    expect(viaString.contacts[0]!.createdAt).toBe('2024-01-02T03:04:05.678Z');
    expect(viaDate.contacts[0]!.createdAt).toBe('2024-01-02T03:04:05.678Z');
  });

  it('a bad createdate is a bad-instant error', () => {
    expect(contactWith({ createdate: '04/03/2025' }).errors).toMatchObject([{ code: 'bad-instant', path: ['properties', 'createdate'] }]);
  });

  it('hubspot_owner_id becomes ownerId, numeric ids become strings', () => {
    const result = fromHubSpot({ contacts: [{ id: 901 as unknown as string, properties: { hubspot_owner_id: MARIA } }] });
    expect(result.contacts).toEqual([{ id: '901', ownerId: MARIA }]);
  });

  it('copies the listed properties into attributes, numbers as numbers and postcodes as text', () => {
    const result = contactWith(
      { annualrevenue: '120000.50', zip: '02139', lifecyclestage: 'customer', industry: null },
      {
        attributes: { annualrevenue: 'revenue', zip: 'zip', lifecyclestage: 'lifecycle', industry: 'industry' },
      },
    );
    expect(result.contacts[0]!.attributes).toEqual({ revenue: 120000.5, zip: '02139', lifecycle: 'customer' });
  });

  it('the tier property sets an explicit tier', () => {
    expect(contactWith({ cc_tier: 'key' }, { tierProperty: 'cc_tier' }).contacts[0]!.tier).toBe('key');
  });

  it.each([
    ['true', true],
    ['Yes', true],
    ['false', undefined],
    ['', undefined],
    [null, undefined],
  ])('do-not-contact property %s → doNotContact %s', (value, expected) => {
    expect(contactWith({ do_not_call: value }, { doNotContactProperties: ['do_not_call'] }).contacts[0]!.doNotContact).toBe(expected);
  });

  it('hs_email_optout alone does not exclude a contact: an email unsubscribe is not a request to stop calls', () => {
    expect(contactWith({ hs_email_optout: 'true' }).contacts[0]!.doNotContact).toBeUndefined();
  });

  it('a do-not-contact value that is not a yes or no is a bad-value error', () => {
    expect(contactWith({ do_not_call: 'maybe' }, { doNotContactProperties: ['do_not_call'] }).errors).toMatchObject([
      { code: 'bad-value', path: ['properties', 'do_not_call'] },
    ]);
  });

  it('reports every problem of a bad contact in one error', () => {
    const [error] = contactWith({ hs_timezone: 'nowhere', createdate: 'soon' }).errors;
    expect(error).toMatchObject({ code: 'unknown-zone', path: ['properties', 'hs_timezone'] });
    expect(error!.message).toContain('nowhere');
    expect(error!.message).toContain('soon');
  });

  it('keeps the first of two contacts with one id and skips the second as duplicate-id (overlapping pages)', () => {
    const result = fromHubSpot({ contacts: [object('1', {}), object('1', {})] });
    expect(result.contacts).toHaveLength(1);
    expect(result.errors).toEqual([]);
    expect(result.skipped).toEqual([{ source: 'contacts', index: 1, id: '1', reason: 'duplicate-id' }]);
  });

  it('skips archived contacts unless includeArchived', () => {
    const archived = object('1', {}, { archived: true });
    expect(fromHubSpot({ contacts: [archived] }).skipped).toEqual([{ source: 'contacts', index: 0, id: '1', reason: 'archived' }]);
    expect(fromHubSpot({ contacts: [archived] }, { includeArchived: true }).contacts).toEqual([
      { id: '1', createdAt: '2026-01-05T10:00:00.000Z' },
    ]);
  });
});

describe('fromHubSpot: owners', () => {
  it('maps owners with the settings HubSpot does not hold, and keeps archived ones marked inactive', () => {
    const result = fromHubSpot(
      { owners: [owner(MARIA, 'Maria'), owner(JAMES, 'James'), owner('3', 'Gone', { archived: true })] },
      { owners: { [MARIA]: { timeZone: 'europe_slash_london', dailyCapacity: 12 } }, ownerDefaults: { dailyCapacity: 8, calendar: 'uk' } },
    );
    expect(result.owners).toEqual([
      { id: MARIA, name: 'Maria Rep', timeZone: 'Europe/London', dailyCapacity: 12, calendar: 'uk' },
      { id: JAMES, name: 'James Rep', dailyCapacity: 8, calendar: 'uk' },
      { id: '3', name: 'Gone Rep', dailyCapacity: 8, calendar: 'uk', active: false },
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('an owner zone from the options that does not exist is an unknown-zone error', () => {
    const result = fromHubSpot({ owners: [owner(MARIA, 'Maria')] }, { owners: { [MARIA]: { timeZone: 'Mars/Base' } } });
    expect(result.errors).toMatchObject([{ code: 'unknown-zone', source: 'owners', id: MARIA, path: ['timeZone'] }]);
  });
});

describe('fromHubSpot: calls', () => {
  const base = { hs_timestamp: '2026-11-02T14:30:00.000Z', hs_call_status: 'COMPLETED', hs_call_direction: 'OUTBOUND' };

  it.each([
    ['Connected', GUID.connected, 'connected'],
    ['Busy', GUID.busy, 'no-answer'],
    ['No answer', GUID.noAnswer, 'no-answer'],
    ['Wrong number', GUID.wrongNumber, 'no-answer'],
    ['Left voicemail', GUID.leftVoicemail, 'voicemail'],
    ['Left live message', GUID.leftLiveMessage, 'voicemail'],
  ])('built-in outcome %s (%s) → %s', (_label, guid, outcome) => {
    expect(touchOf(call('1', { ...base, hs_call_disposition: guid }, '101'), 'calls').touches).toEqual([
      { contactId: '101', at: '2026-11-02T14:30:00.000Z', channel: 'call', direction: 'outbound', outcome },
    ]);
  });

  it('only a connected built-in outcome counts for a cycle by default', () => {
    const counted = Object.values(GUID).filter((guid) => {
      const { touches } = touchOf(call('1', { ...base, hs_call_disposition: guid }, '101'), 'calls');
      const item = evaluate({ policy: bookPolicy, contacts: [{ id: '101' }], touches, now: NOW }).items.find(
        (i) => i.cycleId === 'check-in',
      );
      return item!.lastTouchAt !== null;
    });
    expect(counted).toEqual([GUID.connected]);
  });

  it("maps a portal's own outcome GUID through options.dispositions", () => {
    const own = 'e448b440-6d4a-4830-9408-9504e32407e5';
    const { touches } = touchOf(call('1', { ...base, hs_call_disposition: own }, '101'), 'calls', { dispositions: { [own]: 'connected' } });
    expect(touches[0]!.outcome).toBe('connected');
  });

  it('an unknown outcome GUID is a bad-value error naming options.dispositions', () => {
    const { errors } = touchOf(call('1', { ...base, hs_call_disposition: '00000000-0000-0000-0000-000000000000' }, '101'), 'calls');
    expect(errors).toMatchObject([{ code: 'bad-value', path: ['properties', 'hs_call_disposition'] }]);
    expect(errors[0]!.message).toContain('options.dispositions');
  });

  it.each([
    ['OUTBOUND', 'outbound'],
    ['INBOUND', 'inbound'],
    [null, undefined],
  ])('hs_call_direction %s → %s', (value, direction) => {
    expect(touchOf(call('1', { ...base, hs_call_direction: value }, '101'), 'calls').touches[0]!.direction).toBe(direction);
  });

  it('an unknown direction is a bad-value error', () => {
    expect(touchOf(call('1', { ...base, hs_call_direction: 'SIDEWAYS' }, '101'), 'calls').errors).toMatchObject([
      { code: 'bad-value', path: ['properties', 'hs_call_direction'] },
    ]);
  });

  it.each([
    'BUSY',
    'CALLING_CRM_USER',
    'CANCELED',
    'CONNECTING',
    'FAILED',
    'HOLD',
    'IN_PROGRESS',
    'MISSED',
    'NO_ANSWER',
    'QUEUED',
    'RINGING',
  ])('hs_call_status %s is not a touch (call-not-completed)', (status) => {
    const result = touchOf(call('1', { ...base, hs_call_status: status }, '101'), 'calls');
    expect(result.touches).toEqual([]);
    expect(result.skipped).toEqual(['call-not-completed']);
  });

  it('a call logged by hand (no hs_call_status) is a touch', () => {
    expect(touchOf(call('1', { ...base, hs_call_status: null }, '101'), 'calls').touches).toHaveLength(1);
  });

  it.each([
    ['missing', null, 'missing-field'],
    ['a word', 'last tuesday', 'bad-instant'],
    ['a date without a time', '2026-11-02', 'bad-instant'],
    ['no offset', '2026-11-02T14:30:00', 'bad-instant'],
    ['epoch milliseconds past year 9999', '999999999999999', 'bad-instant'],
    ['epoch seconds (would be January 1970 as milliseconds)', '1794837600', 'bad-instant'],
    ['a yyyymmdd date in digits', '20261102', 'bad-instant'],
  ])('hs_timestamp %s is a %s error', (_name, value, code) => {
    expect(touchOf(call('1', { ...base, hs_timestamp: value }, '101'), 'calls').errors).toMatchObject([
      { code, source: 'calls', id: '1', path: ['properties', 'hs_timestamp'] },
    ]);
  });

  it('a call with three contacts is three touches; a contact listed twice (labelled) is one', () => {
    const record = object('1', base, {
      associations: {
        contacts: {
          results: [
            { id: '101', type: 'call_to_contact' },
            { id: '102', type: 'call_to_contact' },
            { id: '102', type: 'decision_maker' },
            { id: '103', type: 'call_to_contact' },
          ],
        },
      },
    });
    const result = readWith({ calls: [record] });
    expect(result.touches.map((touch) => touch.contactId)).toEqual(['101', '102', '103']);
    expect(result.counts.calls).toEqual({ read: 1, mapped: 1, skipped: 0, errors: 0 });
  });

  it('a call without associations names its contact through hs_call_callee_object_id when the callee is a contact', () => {
    const callee = { ...base, hs_call_callee_object_id: '102', hs_call_callee_object_type: 'CONTACT' };
    expect(touchOf(object('1', callee), 'calls').touches.map((touch) => touch.contactId)).toEqual(['102']);
    const byTypeId = { ...base, hs_call_callee_object_id: '103', hs_call_callee_object_type_id: '0-1' };
    expect(touchOf(object('1', byTypeId), 'calls').touches.map((touch) => touch.contactId)).toEqual(['103']);
    const company = { ...base, hs_call_callee_object_id: '102', hs_call_callee_object_type: 'COMPANY' };
    expect(touchOf(object('1', company), 'calls').errors).toMatchObject([{ code: 'no-contact' }]);
  });

  it('a call with no associated contact is a no-contact error', () => {
    expect(touchOf(object('1', base), 'calls').errors).toMatchObject([{ code: 'no-contact', path: ['associations', 'contacts'] }]);
  });

  it('only contacts in the book get touches; a call with none of them is skipped, naming why', () => {
    const partly = readWith({ calls: [call('1', base, '101', '999')] });
    expect(partly.touches.map((touch) => touch.contactId)).toEqual(['101']);
    expect(touchOf(call('1', base, '999'), 'calls').skipped).toEqual(['contact-not-in-book']);
    // 105 is in the book's input but its zone is bad; 106 is archived.
    const notMapped = (id: string) =>
      fromHubSpot({ contacts: hubSpotBook().contacts, calls: [call('1', base, id)] }, bookOptions).skipped.filter(
        (s) => s.source === 'calls',
      );
    expect(notMapped('105')).toEqual([{ source: 'calls', index: 0, id: '1', reason: 'contact-not-mapped' }]);
    expect(notMapped('106')).toEqual([{ source: 'calls', index: 0, id: '1', reason: 'contact-not-mapped' }]);
  });

  it('without contacts in the records, every associated contact gets its touch', () => {
    expect(fromHubSpot({ calls: [call('1', base, '7', '8')] }).touches.map((touch) => touch.contactId)).toEqual(['7', '8']);
  });

  it('the purpose comes from the purpose property, through the purposes map', () => {
    const options = { purposeProperty: 'hs_activity_type', purposes: { 'Account review': 'review' } };
    expect(touchOf(call('1', { ...base, hs_activity_type: 'Account review' }, '101'), 'calls', options).touches[0]!.purpose).toBe('review');
    expect(touchOf(call('1', { ...base, hs_activity_type: 'Referral ask' }, '101'), 'calls', options).touches[0]!.purpose).toBe(
      'Referral ask',
    );
    expect(touchOf(call('1', base, '101'), 'calls', { purposeProperty: undefined }).touches[0]!.purpose).toBeUndefined();
  });
});

describe('fromHubSpot: meetings', () => {
  it.each([
    ['COMPLETED', 'touch'],
    ['SCHEDULED', 'meeting-not-completed'],
    [null, 'meeting-not-completed'],
    ['RESCHEDULED', 'meeting-not-held'],
    ['NO_SHOW', 'meeting-not-held'],
    ['CANCELED', 'meeting-not-held'],
  ])('hs_meeting_outcome %s → %s', (outcome, expected) => {
    const result = touchOf(meeting('1', { hs_meeting_start_time: '2026-10-01T13:00:00Z', hs_meeting_outcome: outcome }, '102'), 'meetings');
    if (expected === 'touch') {
      expect(result.touches).toEqual([{ contactId: '102', at: '2026-10-01T13:00:00.000Z', channel: 'meeting', outcome: 'connected' }]);
    } else {
      expect(result.touches).toEqual([]);
      expect(result.skipped).toEqual([expected]);
    }
  });

  it('a scheduled meeting that started before countScheduledMeetingsBefore counts as held; a later one does not', () => {
    const options = { countScheduledMeetingsBefore: NOW };
    const past = meeting('1', { hs_meeting_start_time: '2026-11-20T13:00:00Z', hs_meeting_outcome: 'SCHEDULED' }, '102');
    const future = meeting('2', { hs_meeting_start_time: '2026-11-26T13:00:00Z', hs_meeting_outcome: 'SCHEDULED' }, '102');
    const noShow = meeting('3', { hs_meeting_start_time: '2026-11-20T13:00:00Z', hs_meeting_outcome: 'NO_SHOW' }, '102');
    expect(touchOf(past, 'meetings', options).touches).toHaveLength(1);
    expect(touchOf(future, 'meetings', options).skipped).toEqual(['meeting-not-completed']);
    expect(touchOf(noShow, 'meetings', options).skipped).toEqual(['meeting-not-held']);
  });

  it('a completed meeting without a start time uses hs_timestamp, and without either is an error', () => {
    const viaTimestamp = meeting('1', { hs_timestamp: '2026-10-02T09:00:00Z', hs_meeting_outcome: 'COMPLETED' }, '102');
    expect(touchOf(viaTimestamp, 'meetings').touches[0]!.at).toBe('2026-10-02T09:00:00.000Z');
    expect(touchOf(meeting('2', { hs_meeting_outcome: 'COMPLETED' }, '102'), 'meetings').errors).toMatchObject([{ code: 'missing-field' }]);
  });
});

describe('fromHubSpot: emails', () => {
  it.each([
    ['EMAIL', 'SENT', 'outbound', undefined],
    ['INCOMING_EMAIL', null, 'inbound', undefined],
    ['FORWARDED_EMAIL', null, 'inbound', undefined],
    ['EMAIL', 'BOUNCED', 'outbound', 'bounced'],
  ])('%s with status %s → %s, outcome %s', (direction, status, expectedDirection, outcome) => {
    const record = email('1', { hs_timestamp: '2026-11-10T09:00:00Z', hs_email_direction: direction, hs_email_status: status }, '103');
    const [touch] = touchOf(record, 'emails').touches;
    expect(touch).toMatchObject({ channel: 'email', direction: expectedDirection, at: '2026-11-10T09:00:00.000Z' });
    expect(touch!.outcome).toBe(outcome);
  });

  it('forwardedEmailDirection changes how a forwarded email reads', () => {
    const record = email('1', { hs_timestamp: '2026-11-10T09:00:00Z', hs_email_direction: 'FORWARDED_EMAIL' }, '103');
    expect(touchOf(record, 'emails', { forwardedEmailDirection: 'outbound' }).touches[0]!.direction).toBe('outbound');
  });

  it.each(['SCHEDULED', 'SENDING', 'FAILED'])('status %s is not a touch (email-not-sent)', (status) => {
    const record = email('1', { hs_timestamp: '2026-11-10T09:00:00Z', hs_email_direction: 'EMAIL', hs_email_status: status }, '103');
    expect(touchOf(record, 'emails').skipped).toEqual(['email-not-sent']);
  });
});

describe('fromHubSpot: tasks', () => {
  const done = { hs_timestamp: '2026-11-12T09:00:00.000Z', hs_task_status: 'COMPLETED', hs_task_type: 'CALL' };

  it.each(['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'DEFERRED', null])('hs_task_status %s is an open task, not a touch', (status) => {
    expect(touchOf(task('1', { ...done, hs_task_status: status }, '102'), 'tasks').skipped).toEqual(['open-task']);
  });

  it.each([
    ['CALL', 'call'],
    ['EMAIL', 'email'],
    ['LINKED_IN_MESSAGE', 'message'],
  ])('a completed %s task is a %s touch (a call with no linked call: outcome unknown)', (type, channel) => {
    expect(touchOf(task('1', { ...done, hs_task_type: type }, '102'), 'tasks').touches).toEqual([
      { contactId: '102', at: '2026-11-12T09:00:00.000Z', channel, direction: 'outbound', ...(channel === 'call' ? { outcome: 'unknown' } : {}) },
    ]);
  });

  it.each([['TODO'], [null], ['SOMETHING_NEW']])(
    'a completed %s task is work about the customer, not a touch (not-a-touch-type)',
    (type) => {
      const result = touchOf(task('1', { ...done, hs_task_type: type }, '102'), 'tasks');
      expect(result.touches).toEqual([]);
      expect(result.skipped).toEqual(['not-a-touch-type']);
    },
  );

  it('taskChannels makes a type a touch, or not', () => {
    const todo = task('1', { ...done, hs_task_type: 'TODO' }, '102');
    expect(touchOf(todo, 'tasks', { taskChannels: { TODO: 'other' } }).touches[0]!.channel).toBe('other');
    const email = task('2', { ...done, hs_task_type: 'EMAIL' }, '102');
    expect(touchOf(email, 'tasks', { taskChannels: { EMAIL: null } }).skipped).toEqual(['not-a-touch-type']);
  });

  it('a completed planned task is a touch whatever its type', () => {
    const key = taskKey({ contactId: '102', cycleId: 'check-in', dueOn: '2026-11-20' });
    expect(touchOf(task('1', { ...done, hs_task_type: 'TODO', calling_cycle_key: key }, '102'), 'tasks').touches).toHaveLength(1);
  });

  it('uses hs_task_completion_date (when the rep ticked it off) over hs_timestamp (when it was due)', () => {
    const record = task('1', { ...done, hs_task_completion_date: '1794488400000' }, '102');
    expect(touchOf(record, 'tasks').touches[0]!.at).toBe(new Date(1794488400000).toISOString());
  });

  it('a completed task carrying a calling-cycle key counts for its cycle, even one that counts only review touches', () => {
    const key = taskKey({ contactId: '101', cycleId: 'review', dueOn: '2026-12-31' });
    const record = object('1', { ...done, hs_task_completion_date: '2026-11-24T15:00:00Z', calling_cycle_key: key });
    const result = readWith({ tasks: [record] });
    // No association (an upsert does not make one): the key names the contact.
    expect(result.touches).toEqual([
      { contactId: '101', at: '2026-11-24T15:00:00.000Z', channel: 'call', direction: 'outbound', outcome: 'unknown', purpose: 'review' },
    ]);
    const { items } = evaluate({ policy: bookPolicy, contacts: result.contacts, touches: result.touches, now: NOW });
    expect(items.find((item) => item.contactId === '101' && item.cycleId === 'review')!.lastTouchAt).toBe('2026-11-24T15:00:00.000Z');
  });

  it('reads the key from the property keyProperty names', () => {
    const key = taskKey({ contactId: '102', cycleId: 'review', dueOn: '2026-12-31' });
    const record = task('1', { ...done, cc_key: key }, '102');
    expect(touchOf(record, 'tasks', { keyProperty: 'cc_key' }).touches[0]!.purpose).toBe('review');
    expect(touchOf(record, 'tasks').touches[0]!.purpose).toBeUndefined();
  });
});

describe('fromHubSpot: deals', () => {
  it('the latest won deal per contact becomes its closedWon event, as the UTC date HubSpot keeps close dates at', () => {
    const result = readWith({
      deals: [
        deal('1', { dealstage: 'closedwon', closedate: '2026-06-15T00:00:00.000Z' }, '102'),
        deal('2', { dealstage: 'closedwon', closedate: '2026-10-01T00:00:00.000Z' }, '102'),
        deal('3', { dealstage: 'closedwon', closedate: '2026-08-01T00:00:00.000Z' }, '102'),
      ],
    });
    // 102 is in New York: read as an instant there, midnight UTC on 1 Oct would be 30 Sep.
    expect(result.contacts.find((contact) => contact.id === '102')!.events).toEqual({ closedWon: '2026-10-01' });
    expect(result.counts.deals).toEqual({ read: 3, mapped: 3, skipped: 0, errors: 0 });
  });

  it.each([
    ['dealstage closedwon', { dealstage: 'closedwon' }, {}, true],
    ['hs_is_closed_won in a custom pipeline', { dealstage: '1023456', hs_is_closed_won: 'true' }, {}, true],
    ['a stage listed in wonStages', { dealstage: 'signed' }, { wonStages: ['signed'] }, true],
    ['closedlost', { dealstage: 'closedlost', hs_is_closed_won: 'false' }, {}, false],
    ['an open stage', { dealstage: 'contractsent' }, {}, false],
  ])('%s → won %s', (_name, properties, options, won) => {
    const result = readWith({ deals: [deal('1', { ...properties, closedate: '2026-10-01T00:00:00Z' }, '102')] }, options);
    expect(result.contacts.find((contact) => contact.id === '102')!.events?.closedWon).toBe(won ? '2026-10-01' : undefined);
    if (!won) expect(result.skipped).toContainEqual({ source: 'deals', index: 0, id: '1', reason: 'deal-not-won' });
  });

  it('closedWonEvent names the event', () => {
    const result = readWith(
      { deals: [deal('1', { dealstage: 'closedwon', closedate: '2026-10-01' }, '102')] },
      { closedWonEvent: 'renewed' },
    );
    expect(result.contacts.find((contact) => contact.id === '102')!.events).toEqual({ renewed: '2026-10-01' });
  });

  it('a won deal without a close date is an error; without contacts in the records it is skipped', () => {
    expect(readWith({ deals: [deal('1', { dealstage: 'closedwon' }, '102')] }).errors).toMatchObject([
      { code: 'missing-field', path: ['properties', 'closedate'] },
    ]);
    expect(readWith({ deals: [deal('1', { dealstage: 'closedwon', closedate: 'someday' }, '102')] }).errors).toMatchObject([
      { code: 'bad-date' },
    ]);
    expect(fromHubSpot({ deals: [deal('1', { dealstage: 'closedwon', closedate: '2026-10-01' }, '102')] }).skipped).toMatchObject([
      { reason: 'contact-not-in-book' },
    ]);
  });
});

describe('fromHubSpot: options', () => {
  it.each([
    ['countScheduledMeetingsBefore', { countScheduledMeetingsBefore: 'last week' }],
    ['forwardedEmailDirection', { forwardedEmailDirection: 'sideways' }],
    ['keyProperty', { keyProperty: '' }],
    ['doNotContactProperties', { doNotContactProperties: 'do_not_call' }],
    ['taskChannels', { taskChannels: { TODO: 'carrier-pigeon' } }],
  ])('a bad %s throws an InputError naming it, before any record is read', (name, options) => {
    expect(() => fromHubSpot(hubSpotBook(), options as unknown as FromHubSpotOptions)).toThrow(
      expect.objectContaining({ name: 'InputError', message: expect.stringContaining(name) }),
    );
  });
});

describe('fromHubSpot: never throws on records, never mutates', () => {
  it.each([
    ['records that are not an object', null],
    ['a collection that is not a list', { calls: 'none' }],
    ['records that are not objects', { calls: [null, 7, 'x', []] }],
    ['records without an id', { calls: [{ properties: {} }] }],
    ['records without properties', { calls: [{ id: '1' }] }],
  ])('%s become errors with codes', (_name, records) => {
    const result = fromHubSpot(records as unknown as HubSpotRecords);
    for (const [collection, count] of Object.entries(result.counts)) {
      expect(count.mapped + count.skipped + count.errors, collection).toBe(count.read);
    }
    for (const error of result.errors) expect(['not-an-object', 'missing-id', 'missing-field']).toContain(error.code);
  });

  it('reads a list page as the API returns it ({ results, paging })', () => {
    const page = { results: [call('1', { hs_timestamp: '2026-11-02T14:30:00Z' }, '7')], paging: { next: { after: '1' } } };
    expect(fromHubSpot({ calls: page as unknown as HubSpotObject[] }).touches).toHaveLength(1);
  });

  it('does not modify frozen input', () => {
    const records = deepFreeze(hubSpotBook());
    expect(() => fromHubSpot(records, bookOptions)).not.toThrow();
  });

  it('gives the same result for the same input', () => {
    expect(fromHubSpot(hubSpotBook(), bookOptions)).toEqual(fromHubSpot(hubSpotBook(), bookOptions));
  });
});

describe('toHubSpotTasks', () => {
  const book = () => fromHubSpot(hubSpotBook(), bookOptions);
  const weekPlan = () => {
    const r = book();
    const { items } = evaluate({ policy: bookPolicy, contacts: r.contacts, touches: r.touches, owners: r.owners, now: NOW });
    return { items, owners: r.owners };
  };

  const item = (overrides: Record<string, unknown>) => {
    const { items } = weekPlan();
    return { ...items.find((i) => i.contactId === '102' && i.cycleId === 'check-in')!, ...overrides } as (typeof items)[number];
  };

  it.each([
    ['New York in winter (UTC−5)', JAMES, '2026-12-01', {}, '2026-12-01T14:00:00.000Z'],
    ['London in winter (UTC+0)', MARIA, '2026-12-01', {}, '2026-12-01T09:00:00.000Z'],
    ['London in summer (UTC+1)', MARIA, '2026-06-01', {}, '2026-06-01T08:00:00.000Z'],
    ['New York the day after DST starts', JAMES, '2026-03-09', {}, '2026-03-09T13:00:00.000Z'],
    ['hour 14:30 in New York', JAMES, '2026-12-01', { hour: 14, minute: 30 }, '2026-12-01T19:30:00.000Z'],
    ['an owner without a zone: the policy zone (London)', 'nobody', '2026-06-01', {}, '2026-06-01T08:00:00.000Z'],
  ])('hs_timestamp at the local hour in the rep zone: %s', (_name, ownerId, date, options, expected) => {
    const { owners } = weekPlan();
    const [input] = toHubSpotTasks([item({ ownerId, status: 'due', dueOn: date })], { owners, policy: bookPolicy, ...options });
    expect(input!.properties.hs_timestamp).toBe(expected);
  });

  it('without owners or policy the hour is in UTC', () => {
    const [input] = toHubSpotTasks([item({ status: 'due', dueOn: '2026-12-01' })]);
    expect(input!.properties.hs_timestamp).toBe('2026-12-01T09:00:00.000Z');
  });

  it('writes the batch-upsert input: key as id and idProperty, string properties, a CALL task for the owner, associated to the contact (type 204)', () => {
    const [input] = toHubSpotTasks([item({ status: 'overdue', dueOn: '2026-11-20', daysOverdue: 5 })], {
      owners: weekPlan().owners,
      policy: bookPolicy,
    });
    const key = 'cc1:102:check-in:2026-11-20';
    expect(input).toEqual({
      idProperty: 'calling_cycle_key',
      id: key,
      properties: {
        hs_timestamp: '2026-11-20T14:00:00.000Z',
        hs_task_type: 'CALL',
        // The contact's name comes from its firstname and lastname.
        hs_task_subject: 'Call Ben: check-in (tier standard), 5 days overdue',
        hs_task_body: expect.stringContaining('Ben (102) / check-in'),
        hs_task_status: 'NOT_STARTED',
        hs_task_priority: 'HIGH',
        hubspot_owner_id: JAMES,
        calling_cycle_key: key,
      },
      associations: [{ to: { id: '102' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }] }],
    });
    for (const value of Object.values(input!.properties)) expect(typeof value).toBe('string');
    expect(parseTaskKey(input!.id)).toEqual({ contactId: '102', cycleId: 'check-in', dueOn: '2026-11-20' });
  });

  it.each([
    ['overdue', 'standard', 'HIGH'],
    ['due', 'key', 'MEDIUM'],
    ['due', 'standard', 'LOW'],
  ])('an item %s in tier %s has priority %s', (status, tierId, priority) => {
    const [input] = toHubSpotTasks([item({ status, tierId, dueOn: '2026-11-25' })], { policy: bookPolicy });
    expect(input!.properties.hs_task_priority).toBe(priority);
  });

  it('due items: only due and overdue ones (or the statuses asked for), due on options.date when given', () => {
    const { items } = weekPlan();
    const tasks = toHubSpotTasks(items, { date: '2026-11-26' });
    const dueOrOverdue = items.filter((i) => i.status === 'due' || i.status === 'overdue');
    expect(tasks.map((t) => t.id)).toEqual(
      dueOrOverdue.map((i) => taskKey({ contactId: i.contactId, cycleId: i.cycleId, dueOn: i.dueOn! })),
    );
    for (const t of tasks) expect(t.properties.hs_timestamp!.slice(0, 10)).toBe('2026-11-26');
    const upcoming = items.filter((i) => i.status === 'upcoming');
    expect(toHubSpotTasks(items, { statuses: ['upcoming'] })).toHaveLength(upcoming.length);
  });

  it('a plan: one task per planned touch, due on its planned day, keyed by its due date', async () => {
    const { plan } = await import('../../src/index.js');
    const { items, owners } = weekPlan();
    const week = plan({ policy: bookPolicy, items, owners, from: '2026-11-25', days: 7 });
    const tasks = toHubSpotTasks(week, { owners, policy: bookPolicy });
    const planned = week.owners.flatMap((o) => o.days.flatMap((d) => d.touches.map((t) => ({ ...t, ownerId: o.ownerId, date: d.date }))));
    expect(tasks).toHaveLength(planned.length);
    planned.forEach((touch, index) => {
      expect(tasks[index]!.id).toBe(taskKey({ contactId: touch.contactId, cycleId: touch.cycleId, dueOn: touch.dueOn }));
      expect(tasks[index]!.properties.hubspot_owner_id).toBe(touch.ownerId);
      const zone = owners.find((o) => o.id === touch.ownerId)!.timeZone!;
      const local = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        hourCycle: 'h23',
      });
      expect(local.format(new Date(tasks[index]!.properties.hs_timestamp!))).toBe(`${touch.date}, 09`);
    });
  });

  it('refuses an hour outside 0–23, a date that is not YYYY-MM-DD and a rep zone that does not exist', () => {
    expect(() => toHubSpotTasks([], { hour: 24 })).toThrow(/hour/);
    expect(() => toHubSpotTasks([], { date: '26/11/2026' })).toThrow(/date/);
    expect(() => toHubSpotTasks([], { owners: [{ id: 'u1', timeZone: 'Europe/Londres' }] })).toThrow(/Europe\/Londres/);
  });
});

describe('round trip through HubSpot', () => {
  it('a planned task completed by the rep satisfies its cycle; an open one does not', () => {
    const first = fromHubSpot(hubSpotBook(), bookOptions);
    const { items } = evaluate({ policy: bookPolicy, contacts: first.contacts, touches: first.touches, owners: first.owners, now: NOW });
    const overdue = items.filter((i) => i.status === 'overdue');
    expect(overdue.length).toBeGreaterThan(0);
    const tasks = toHubSpotTasks(overdue, { owners: first.owners, policy: bookPolicy });
    const asStored = (input: HubSpotTaskInput, status: string, id: string): HubSpotObject =>
      object(id, {
        ...input.properties,
        hs_task_status: status,
        hs_task_completion_date: status === 'COMPLETED' ? '2026-11-25T09:30:00Z' : null,
      });
    const records = hubSpotBook();
    const completed = fromHubSpot(
      { ...records, tasks: [...records.tasks!, ...tasks.map((t, i) => asStored(t, 'COMPLETED', `t${i}`))] },
      bookOptions,
    );
    const open = fromHubSpot(
      { ...records, tasks: [...records.tasks!, ...tasks.map((t, i) => asStored(t, 'NOT_STARTED', `t${i}`))] },
      bookOptions,
    );
    const itemsWith = (touches: Touch[]) =>
      evaluate({ policy: bookPolicy, contacts: first.contacts, touches, owners: first.owners, now: NOW }).items;
    for (const before of overdue) {
      const match = (i: { contactId: string; cycleId: string }) => i.contactId === before.contactId && i.cycleId === before.cycleId;
      expect(itemsWith(completed.touches).find(match)!.status, `${before.contactId}/${before.cycleId}`).not.toBe('overdue');
      expect(itemsWith(open.touches).find(match)!.status).toBe('overdue');
    }
  });
});
