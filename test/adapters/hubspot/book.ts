/**
 * A small HubSpot portal, written for these tests from HubSpot's published CRM v3 shapes
 * (`{ id, properties, associations, createdAt, updatedAt, archived }`, every property a string or
 * null) and its documented values: hs_timezone slugs, the built-in call outcome GUIDs, call,
 * meeting, email and task statuses, deal stages. It holds the awkward cases on purpose: a
 * timestamp as epoch milliseconds in digits, an open task, archived records, a call with three
 * contacts, a labelled association listed twice, a bad timestamp and an unknown zone.
 */
import { parsePolicy } from '../../../src/index.js';
import type { HubSpotObject, HubSpotOwner } from '../../../src/adapters/hubspot/index.js';

/** HubSpot's built-in call outcomes (the same GUIDs in every portal). */
export const GUID = {
  connected: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
  busy: '9d9162e7-6cf3-4944-bf63-4dff82258764',
  noAnswer: '73a0d17f-1163-4015-bdd5-ec830791da20',
  wrongNumber: '17b47fee-58de-441e-a44c-c6300d46f273',
  leftVoicemail: 'b2cf5968-551e-4856-9783-52b3da59a7d0',
  leftLiveMessage: 'a4c4c377-d246-4b32-a13b-75a56a4cd0ff',
} as const;

export const MARIA = '64492917';
export const JAMES = '71230981';

const contactsOf = (type: string, ...ids: string[]) => ({ contacts: { results: ids.map((id) => ({ id, type })) } });

/** An object as the API returns it; `extra` overrides the envelope (archived, associations …). */
export function object(id: string, properties: HubSpotObject['properties'], extra: Partial<HubSpotObject> = {}): HubSpotObject {
  return {
    id,
    properties: { hs_object_id: id, ...properties },
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    archived: false,
    ...extra,
  };
}

export const call = (id: string, properties: HubSpotObject['properties'], ...contactIds: string[]) =>
  object(id, properties, { associations: contactsOf('call_to_contact', ...contactIds) });
export const meeting = (id: string, properties: HubSpotObject['properties'], ...contactIds: string[]) =>
  object(id, properties, { associations: contactsOf('meeting_event_to_contact', ...contactIds) });
export const email = (id: string, properties: HubSpotObject['properties'], ...contactIds: string[]) =>
  object(id, properties, { associations: contactsOf('email_to_contact', ...contactIds) });
export const task = (id: string, properties: HubSpotObject['properties'], ...contactIds: string[]) =>
  object(id, properties, { associations: contactsOf('task_to_contact', ...contactIds) });
export const deal = (id: string, properties: HubSpotObject['properties'], ...contactIds: string[]) =>
  object(id, properties, { associations: contactsOf('deal_to_contact', ...contactIds) });

export function owner(id: string, firstName: string, extra: Partial<HubSpotOwner> = {}): HubSpotOwner {
  return {
    id,
    email: `${firstName.toLowerCase()}@example.com`,
    firstName,
    lastName: 'Rep',
    userId: Number(id) + 1,
    teams: [{ id: '101', name: 'Accounts', primary: true }],
    archived: false,
    createdAt: '2024-02-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    ...extra,
  };
}

/** The portal's collections, as plain arrays. */
export interface HubSpotBook {
  owners: HubSpotOwner[];
  contacts: HubSpotObject[];
  calls: HubSpotObject[];
  meetings: HubSpotObject[];
  emails: HubSpotObject[];
  tasks: HubSpotObject[];
  deals: HubSpotObject[];
}

export function hubSpotBook(): HubSpotBook {
  return {
    owners: [owner(MARIA, 'Maria'), owner(JAMES, 'James'), owner('50021234', 'Former', { archived: true })],
    contacts: [
      object('101', {
        firstname: 'Ana',
        hubspot_owner_id: MARIA,
        hs_timezone: 'europe_slash_london',
        createdate: '2025-03-04T09:15:00.000Z',
        annualrevenue: '250000',
        lifecyclestage: 'customer',
        do_not_call: 'false',
      }),
      object('102', {
        firstname: 'Ben',
        hubspot_owner_id: JAMES,
        hs_timezone: 'america_slash_new_york',
        // Written through the API as epoch milliseconds: 2025-01-01T00:00:00Z.
        createdate: '1735689600000',
        annualrevenue: '40000',
        lifecyclestage: 'customer',
        do_not_call: null,
      }),
      object('103', {
        firstname: 'Chloe',
        hubspot_owner_id: JAMES,
        hs_timezone: null,
        createdate: '2026-11-20T15:00:00Z',
        annualrevenue: null,
        lifecyclestage: 'lead',
      }),
      object('104', {
        firstname: 'Dev',
        hubspot_owner_id: MARIA,
        hs_timezone: 'america_slash_port_hyphen_au_hyphen_prince',
        createdate: '2024-06-01T12:00:00.000Z',
        do_not_call: 'true',
      }),
      object('105', { firstname: 'Eve', hubspot_owner_id: MARIA, hs_timezone: 'mars_slash_olympus', createdate: '2025-05-05T10:00:00Z' }),
      object(
        '106',
        { firstname: 'Finn', hubspot_owner_id: MARIA, createdate: '2023-01-01T10:00:00Z' },
        { archived: true, archivedAt: '2026-02-01T10:00:00.000Z' },
      ),
    ],
    calls: [
      object(
        '9001',
        {
          hs_timestamp: '2026-11-02T14:30:00.000Z',
          hs_call_status: 'COMPLETED',
          hs_call_direction: 'OUTBOUND',
          hs_call_disposition: GUID.connected,
          hubspot_owner_id: MARIA,
        },
        {
          // A labelled association is listed once unlabelled and once with its label.
          associations: {
            contacts: {
              results: [
                { id: '101', type: 'call_to_contact' },
                { id: '101', type: 'decision_maker' },
              ],
            },
          },
        },
      ),
      // hs_timestamp as epoch milliseconds in digits: 2026-11-16T14:00:00Z.
      call(
        '9002',
        {
          hs_timestamp: '1794837600000',
          hs_call_status: 'COMPLETED',
          hs_call_direction: 'OUTBOUND',
          hs_call_disposition: GUID.leftVoicemail,
        },
        '101',
      ),
      call(
        '9003',
        {
          hs_timestamp: '2026-10-20T16:00:00Z',
          hs_call_status: 'COMPLETED',
          hs_call_direction: 'OUTBOUND',
          hs_call_disposition: GUID.connected,
        },
        '101',
        '102',
        '103',
      ),
      call('9004', { hs_timestamp: '2026-11-18T10:00:00Z', hs_call_status: 'NO_ANSWER', hs_call_direction: 'OUTBOUND' }, '102'),
      call('9005', { hs_timestamp: 'yesterday afternoon', hs_call_status: 'COMPLETED', hs_call_direction: 'INBOUND' }, '103'),
      object(
        '9006',
        { hs_timestamp: '2026-09-01T10:00:00Z', hs_call_status: 'COMPLETED' },
        { archived: true, associations: contactsOf('call_to_contact', '102') },
      ),
    ],
    meetings: [
      meeting(
        '7001',
        {
          hs_meeting_start_time: '2026-10-01T13:00:00Z',
          hs_meeting_end_time: '2026-10-01T14:00:00Z',
          hs_meeting_outcome: 'COMPLETED',
          hs_activity_type: 'Quarterly review',
        },
        '102',
      ),
      meeting('7002', { hs_meeting_start_time: '2026-12-03T15:00:00Z', hs_meeting_outcome: 'SCHEDULED' }, '101'),
      meeting('7003', { hs_meeting_start_time: '2026-11-05T15:00:00Z', hs_meeting_outcome: 'NO_SHOW' }, '103'),
    ],
    emails: [
      email('8001', { hs_timestamp: '2026-11-10T09:00:00.000Z', hs_email_direction: 'EMAIL', hs_email_status: 'SENT' }, '103'),
      email('8002', { hs_timestamp: '2026-11-11T17:45:00.000Z', hs_email_direction: 'INCOMING_EMAIL', hs_email_status: null }, '102'),
      email('8003', { hs_timestamp: '2026-11-12T08:00:00.000Z', hs_email_direction: 'EMAIL', hs_email_status: 'BOUNCED' }, '101'),
      email('8004', { hs_timestamp: '2026-11-30T08:00:00.000Z', hs_email_direction: 'EMAIL', hs_email_status: 'SCHEDULED' }, '101'),
    ],
    tasks: [
      task(
        '6001',
        {
          hs_timestamp: '2026-11-12T09:00:00.000Z',
          hs_task_completion_date: '2026-11-12T10:20:00.000Z',
          hs_task_status: 'COMPLETED',
          hs_task_type: 'CALL',
          hs_task_subject: 'Follow up',
        },
        '102',
      ),
      task(
        '6002',
        { hs_timestamp: '2026-11-27T09:00:00.000Z', hs_task_status: 'NOT_STARTED', hs_task_type: 'CALL', hs_task_subject: 'Call back' },
        '101',
      ),
    ],
    deals: [
      deal(
        '5001',
        { dealname: 'Renewal', dealstage: 'closedwon', hs_is_closed_won: 'true', closedate: '2026-10-01T00:00:00Z', pipeline: 'default' },
        '101',
      ),
      // A custom pipeline's won stage: only hs_is_closed_won says it is won.
      deal(
        '5002',
        { dealname: 'Pilot', dealstage: '1023456', hs_is_closed_won: 'true', closedate: '2026-06-15T00:00:00.000Z', pipeline: '998' },
        '101',
      ),
      deal(
        '5003',
        { dealname: 'Expansion', dealstage: 'appointmentscheduled', hs_is_closed_won: 'false', closedate: '2026-12-20T00:00:00Z' },
        '102',
      ),
    ],
  };
}

/** How many records of each collection the book holds, counted by hand. */
export const BOOK_COUNTS = { contacts: 6, owners: 3, calls: 6, meetings: 3, emails: 4, tasks: 2, deals: 3 } as const;

export const bookPolicy = parsePolicy({
  version: 1,
  timeZone: 'Europe/London',
  tiers: [
    {
      id: 'key',
      weight: 3,
      cycles: [
        { id: 'check-in', cadence: { every: 'P14D' }, graceDays: 2 },
        { id: 'review', cadence: { per: 'quarter', times: 1 }, counts: { purposes: ['review'] } },
        { id: 'after-sale', cadence: { after: 'closedWon', at: ['P7D', 'P30D', 'P90D'] } },
      ],
    },
    { id: 'standard', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P1M' } }] },
  ],
  assign: [{ tier: 'key', when: { attribute: 'annualrevenue', gte: 100000 } }],
  defaultTier: 'standard',
});

/** The options a sync of this portal would use. */
export const bookOptions = {
  policy: bookPolicy,
  attributes: ['annualrevenue', 'lifecyclestage'],
  doNotContactProperties: ['do_not_call'],
  owners: { [MARIA]: { timeZone: 'Europe/London' }, [JAMES]: { timeZone: 'America/New_York' } },
  ownerDefaults: { dailyCapacity: 5 },
  purposeProperty: 'hs_activity_type',
  purposes: { 'Quarterly review': 'review' },
} as const;
