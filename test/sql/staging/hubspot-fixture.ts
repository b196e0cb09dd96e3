/**
 * A small HubSpot portal as the CRM v3 API returns it (`{ id, properties, associations,
 * archived }`), and the same portal as each connector lands it, built here from the shapes they
 * publish: Fivetran's `contact`, `owner`, `engagement_<type>` tables with a typed
 * `property_<name>` column per property, `_fivetran_deleted`, and `engagement_contact` /
 * `deal_contact` link tables; Airbyte's `contacts`, `owners`, `engagements_<type>s` and `deals`
 * streams with a JSON `properties` column and the associated contact ids in a JSON `contacts`
 * array. The records hold every case the mapping decides.
 */
import type { HubSpotObject, HubSpotOwner } from '../../../src/adapters/hubspot/index.js';
import { parsePolicy } from '../../../src/index.js';
import type { ColumnType, SourceTable } from './tables.js';

const CONNECTED = 'f240bbac-87c9-4f6e-bf70-924b57d47db7';
const VOICEMAIL = 'b2cf5968-551e-4856-9783-52b3da59a7d0';
const NO_ANSWER = '73a0d17f-1163-4015-bdd5-ec830791da20';

const object = (id: string, properties: Record<string, string | null>, contacts: string[] = [], archived = false): HubSpotObject => ({
  id,
  properties,
  associations: { contacts: { results: contacts.map((contact) => ({ id: contact, type: 'engagement_to_contact' })) } },
  archived,
  createdAt: '2024-01-01T00:00:00Z',
});

const owners: HubSpotOwner[] = [
  { id: '501', firstName: 'Maria', lastName: 'Lopez', email: 'maria@example.com', archived: false },
  // An owner who left: kept, inactive.
  { id: '502', firstName: 'Sam', lastName: 'Ode', archived: true },
];

const contacts: HubSpotObject[] = [
  object('101', {
    firstname: 'Ada',
    hubspot_owner_id: '501',
    hs_timezone: 'america_slash_new_york',
    createdate: '2025-03-01T10:00:00Z',
    annualrevenue: '5000000',
    cc_tier: 'A',
    do_not_call: 'false',
  }),
  object('102', { firstname: 'Grace', hubspot_owner_id: '502', createdate: '2025-06-01T10:00:00Z', annualrevenue: '02139' }),
  object('103', { hubspot_owner_id: '501', createdate: '2025-06-01T10:00:00Z', do_not_call: 'yes' }),
  object('104', { hubspot_owner_id: '501', createdate: '2025-06-01T10:00:00Z' }, [], true),
  object('105', { hubspot_owner_id: '501', createdate: '2025-06-01T10:00:00Z', do_not_call: 'maybe' }),
  object('106', { hubspot_owner_id: '501', hs_timezone: 'europe_slash_london', createdate: '1762074000000', annualrevenue: '1500000.5' }),
  object('107', { hs_timezone: 'america_slash_port_hyphen_au_hyphen_prince', createdate: '2026-11-10T03:30:00Z' }),
  object('108', { hubspot_owner_id: '501', hs_timezone: 'mars_slash_olympus', createdate: '2025-06-01T10:00:00Z' }),
];

const calls: HubSpotObject[] = [
  object(
    '9001',
    { hs_call_status: 'COMPLETED', hs_call_direction: 'OUTBOUND', hs_call_disposition: CONNECTED, hs_timestamp: '2026-11-02T14:30:00Z' },
    ['101'],
  ),
  object('9002', { hs_call_status: 'COMPLETED', hs_call_disposition: VOICEMAIL, hs_timestamp: '2026-11-12T14:30:00Z' }, ['101', '102']),
  object('9003', { hs_call_status: 'BUSY', hs_timestamp: '2026-11-12T14:30:00Z' }, ['101']),
  // Logged by hand through the calls API: no status, its contact named as the callee.
  object('9004', {
    hs_call_direction: 'INBOUND',
    hs_timestamp: '1762074000000',
    hs_call_callee_object_id: '106',
    hs_call_callee_object_type: 'CONTACT',
  }),
  object(
    '9005',
    { hs_call_status: 'COMPLETED', hs_call_disposition: 'aaaaaaaa-0000-4000-8000-000000000000', hs_timestamp: '2026-11-12T14:30:00Z' },
    ['101'],
  ),
  object('9006', { hs_call_status: 'COMPLETED' }, ['101']),
  object('9007', { hs_call_status: 'COMPLETED', hs_timestamp: '2026-11-12T14:30:00Z' }, ['104']),
  object('9008', { hs_call_status: 'COMPLETED', hs_timestamp: '2026-11-12T14:30:00Z' }, ['999']),
  object('9009', { hs_call_status: 'COMPLETED', hs_timestamp: '2026-11-12T14:30:00Z' }),
  object('9010', { hs_call_status: 'COMPLETED', hs_call_disposition: 'portal-own-outcome', hs_timestamp: '2026-10-20T14:30:00Z' }, ['107']),
  object('9011', { hs_call_status: 'COMPLETED', hs_timestamp: '2026-11-12T14:30:00Z' }, ['101'], true),
  object('9012', { hs_call_status: 'COMPLETED', hs_call_direction: 'SIDEWAYS', hs_timestamp: '2026-11-12T14:30:00Z' }, ['101']),
  object('9014', { hs_call_status: 'COMPLETED', hs_timestamp: '2026-11-12T14:30:00Z' }, ['108']),
  object('9013', { hs_call_status: 'COMPLETED', hs_call_disposition: NO_ANSWER, hs_timestamp: '2026-11-15T14:30:00Z' }, ['106']),
];

const meetings: HubSpotObject[] = [
  object(
    '9101',
    {
      hs_meeting_outcome: 'COMPLETED',
      hs_meeting_start_time: '2026-10-28T17:00:00Z',
      hs_timestamp: '2026-10-28T17:00:00Z',
      hs_activity_type: 'QBR',
    },
    ['102'],
  ),
  object('9102', { hs_meeting_outcome: 'NO_SHOW', hs_meeting_start_time: '2026-11-02T17:00:00Z', hs_timestamp: '2026-11-02T17:00:00Z' }, [
    '101',
  ]),
  object('9103', { hs_meeting_outcome: 'SCHEDULED', hs_meeting_start_time: '2026-11-30T17:00:00Z', hs_timestamp: '2026-11-30T17:00:00Z' }, [
    '101',
  ]),
  object('9104', { hs_meeting_outcome: 'COMPLETED', hs_timestamp: '2026-09-30T08:00:00Z', hs_activity_type: 'Check-in' }, ['106']),
];

const emails: HubSpotObject[] = [
  object('9201', { hs_email_status: 'SENT', hs_email_direction: 'EMAIL', hs_timestamp: '2026-10-01T09:00:00Z' }, ['101']),
  object('9202', { hs_email_status: 'BOUNCED', hs_email_direction: 'EMAIL', hs_timestamp: '2026-11-01T09:00:00Z' }, ['102']),
  object('9203', { hs_email_status: 'SCHEDULED', hs_email_direction: 'EMAIL', hs_timestamp: '2026-11-01T09:00:00Z' }, ['102']),
  object('9204', { hs_email_direction: 'INCOMING_EMAIL', hs_timestamp: '2026-11-03T09:00:00Z' }, ['106']),
  object('9205', { hs_email_status: 'SENT', hs_email_direction: 'FORWARDED_EMAIL', hs_timestamp: '2026-11-04T09:00:00Z' }, ['107']),
];

const tasks: HubSpotObject[] = [
  object(
    '9301',
    {
      hs_task_status: 'COMPLETED',
      hs_task_type: 'CALL',
      hs_task_completion_date: '2026-11-05T10:00:00Z',
      hs_timestamp: '2026-11-04T10:00:00Z',
    },
    ['101'],
  ),
  object('9302', { hs_task_status: 'NOT_STARTED', hs_task_type: 'CALL', hs_timestamp: '2026-11-25T10:00:00Z' }, ['101']),
  object('9303', { hs_task_status: 'COMPLETED', hs_task_type: 'TODO', hs_timestamp: '2026-11-05T10:00:00Z' }, ['101']),
  // Planned for Grace's review, done: it counts for the review, on her (from the key).
  object('9304', {
    hs_task_status: 'COMPLETED',
    hs_task_type: 'TODO',
    hs_timestamp: '2026-10-02T10:00:00Z',
    calling_cycle_key: 'cc1:102:review:2026-10-01',
  }),
  object('9305', { hs_task_status: 'COMPLETED', hs_task_type: 'LINKED_IN_MESSAGE', hs_timestamp: '2026-11-07T10:00:00Z' }, ['107']),
  object('9306', { hs_task_status: 'COMPLETED', hs_task_type: 'EMAIL', hs_timestamp: '2026-11-08T10:00:00Z' }, ['106']),
  object('9307', {
    hs_task_status: 'COMPLETED',
    hs_task_type: 'TODO',
    hs_timestamp: '2026-11-09T10:00:00Z',
    calling_cycle_key: 'cc1:101:gone-cycle:2026-11-01',
  }),
];

const deals: HubSpotObject[] = [
  object('801', { dealstage: 'closedwon', closedate: '2026-10-01T00:00:00Z' }, ['101']),
  object('802', { dealstage: 'contractsigned', hs_is_closed_won: 'true', closedate: '2026-09-01' }, ['101', '106']),
  object('803', { dealstage: 'appointmentscheduled', closedate: '2026-12-01T00:00:00Z' }, ['102']),
  object('804', { dealstage: 'closedwon', closedate: '2026-11-01T00:00:00Z' }, ['102'], true),
];

/** A portal's records, every collection given as a list. */
export interface Portal {
  contacts: HubSpotObject[];
  owners: HubSpotOwner[];
  calls: HubSpotObject[];
  meetings: HubSpotObject[];
  emails: HubSpotObject[];
  tasks: HubSpotObject[];
  deals: HubSpotObject[];
}

export const hubSpotRecords: Portal = { contacts, owners, calls, meetings, emails, tasks, deals };

/** Properties the connectors type as timestamps; the rest are text. */
const TIMESTAMPS = new Set(['createdate', 'hs_timestamp', 'hs_meeting_start_time', 'hs_task_completion_date', 'closedate']);

/** A property value as a typed timestamp column holds it: ISO text (epoch ms and bare dates made instants). */
function timestampText(value: string): string {
  if (/^\d{12,16}$/.test(value)) return new Date(Number(value)).toISOString();
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
}

const propertyNames = (list: readonly HubSpotObject[]) => [...new Set(list.flatMap((record) => Object.keys(record.properties)))].sort();
const contactIds = (record: HubSpotObject): string[] => {
  const entry = record.associations?.contacts;
  const results =
    entry === undefined ? [] : Array.isArray(entry) ? entry : (entry as { results: readonly { id?: string | number }[] }).results;
  return results.map((item) => String((item as { id: string }).id));
};

/** Fivetran's tables: typed `property_<name>` columns, link tables for the associations. */
function fivetranTables(records: Portal): SourceTable[] {
  const { contacts, owners, calls, meetings, emails, tasks, deals } = records;
  const properties = (list: readonly HubSpotObject[]): [string, ColumnType][] =>
    propertyNames(list).map((name) => [`property_${name}`, TIMESTAMPS.has(name) ? 'timestamptz' : 'text']);
  const rows = (list: readonly HubSpotObject[], idColumn: string) =>
    list.map((record) => ({
      [idColumn]: Number(record.id),
      _fivetran_deleted: record.archived === true,
      ...Object.fromEntries(
        Object.entries(record.properties).map(([name, value]) => [
          `property_${name}`,
          value !== null && value !== undefined && TIMESTAMPS.has(name) ? timestampText(value) : value,
        ]),
      ),
    }));
  // Fivetran adds a column for every property the portal defines, set or not: each engagement
  // table here has every property any activity of the fixture uses, and the callee's type id.
  const activityProperties = properties([...calls, ...meetings, ...emails, ...tasks, object('0', { hs_call_callee_object_type_id: null })]);
  const engagement = (name: string, list: readonly HubSpotObject[]): SourceTable => ({
    name,
    columns: [['engagement_id', 'bigint'], ['_fivetran_deleted', 'boolean'], ...activityProperties],
    rows: rows(list, 'engagement_id'),
  });
  const activities = [...calls, ...meetings, ...emails, ...tasks];
  return [
    { name: 'contact', columns: [['id', 'bigint'], ['_fivetran_deleted', 'boolean'], ...properties(contacts)], rows: rows(contacts, 'id') },
    {
      name: 'owner',
      columns: [
        ['owner_id', 'bigint'],
        ['first_name', 'text'],
        ['last_name', 'text'],
        ['email', 'text'],
      ],
      rows: owners.map((owner) => ({
        owner_id: Number(owner.id),
        first_name: owner.firstName,
        last_name: owner.lastName,
        email: owner.email,
      })),
    },
    engagement('engagement_call', calls),
    engagement('engagement_meeting', meetings),
    engagement('engagement_email', emails),
    engagement('engagement_task', tasks),
    {
      name: 'engagement_contact',
      columns: [
        ['engagement_id', 'bigint'],
        ['contact_id', 'bigint'],
      ],
      rows: activities.flatMap((record) =>
        contactIds(record).map((contact) => ({ engagement_id: Number(record.id), contact_id: Number(contact) })),
      ),
    },
    {
      name: 'deal',
      columns: [['deal_id', 'bigint'], ['is_deleted', 'boolean'], ...properties(deals)],
      rows: rows(deals, 'deal_id').map(({ _fivetran_deleted, ...row }) => ({ ...row, is_deleted: _fivetran_deleted })),
    },
    {
      name: 'deal_contact',
      columns: [
        ['deal_id', 'bigint'],
        ['contact_id', 'bigint'],
      ],
      rows: deals.flatMap((record) => contactIds(record).map((contact) => ({ deal_id: Number(record.id), contact_id: Number(contact) }))),
    },
  ];
}

/** Airbyte's streams: the properties as JSON, the associated contacts as a JSON array. */
function airbyteTables(records: Portal): SourceTable[] {
  const { contacts, owners, calls, meetings, emails, tasks, deals } = records;
  const stream = (name: string, list: readonly HubSpotObject[]): SourceTable => ({
    name,
    columns: [
      ['id', 'text'],
      ['properties', 'json'],
      ['archived', 'boolean'],
      ['createdAt', 'timestamptz'],
      ['contacts', 'json'],
    ],
    rows: list.map((record) => ({
      id: String(record.id),
      properties: record.properties,
      archived: record.archived === true,
      createdAt: record.createdAt,
      contacts: contactIds(record),
    })),
  });
  return [
    stream('contacts', contacts),
    {
      name: 'owners',
      columns: [
        ['id', 'text'],
        ['firstName', 'text'],
        ['lastName', 'text'],
        ['archived', 'boolean'],
      ],
      rows: owners.map((owner) => ({
        id: String(owner.id),
        firstName: owner.firstName,
        lastName: owner.lastName,
        archived: owner.archived === true,
      })),
    },
    stream('engagements_calls', calls),
    stream('engagements_meetings', meetings),
    stream('engagements_emails', emails),
    stream('engagements_tasks', tasks),
    stream('deals', deals),
  ];
}

/**
 * The portal as one connector lands it.
 *
 * @example
 * const tables = hubSpotSync('fivetran');
 */
export function hubSpotSync(connector: 'fivetran' | 'airbyte', records: Portal = hubSpotRecords): SourceTable[] {
  return connector === 'fivetran' ? fivetranTables(records) : airbyteTables(records);
}

export const hubSpotStagingPolicy = parsePolicy({
  version: 1,
  timeZone: 'Europe/London',
  tiers: [
    {
      id: 'A',
      weight: 3,
      cycles: [
        { id: 'check-in', cadence: { every: 'P14D' }, graceDays: 2, soonDays: 3 },
        { id: 'review', cadence: { per: 'quarter', times: 1 }, counts: { purposes: ['review'] } },
        { id: 'after-sale', cadence: { after: 'closedWon', at: ['P7D', 'P30D', 'P90D'] } },
      ],
    },
    {
      id: 'B',
      weight: 1,
      cycles: [
        { id: 'nurture', cadence: { every: 'P1M' }, counts: { channels: ['call', 'meeting'] } },
        { id: 'mail', cadence: { every: 'P2M' }, counts: { channels: ['email', 'message'], directions: ['outbound'] } },
        { id: 'review', cadence: { per: 'quarter', times: 1 }, counts: { purposes: ['review'] } },
        { id: 'answered', cadence: { every: 'P21D' }, counts: { outcomes: ['connected', 'bounced'] } },
      ],
    },
  ],
  assign: [{ tier: 'A', when: { attribute: 'annualRevenue', gte: 1000000 } }],
  defaultTier: 'B',
});

export const hubSpotAdapterOptions = {
  attributes: { annualrevenue: 'annualRevenue' },
  tierProperty: 'cc_tier',
  doNotContactProperties: ['do_not_call'],
  owners: { '501': { timeZone: 'America/Chicago' } },
  ownerDefaults: { timeZone: 'europe_slash_london' },
  dispositions: { 'portal-own-outcome': 'connected' },
  purposeProperty: 'hs_activity_type',
  purposes: { QBR: 'review' },
} as const;
