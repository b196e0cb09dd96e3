/**
 * A small Salesforce org as a sync lands it, written from the shapes of Fivetran's Salesforce
 * tables (snake_case columns, `is_deleted`, a user's `_fivetran_deleted`) and Airbyte's streams
 * (one table per object, API field names). Each column is listed once with both spellings, so
 * neither side borrows the other's naming code. The rows hold every case the mapping decides:
 * call results, date-only tasks in three zones, open, recurring, internal, list-email and to-do
 * tasks, a planned task's key, invitee copies, deleted, converted and queue-owned people, won
 * and lost opportunities.
 */
import type { SalesforceRecords } from '../../../src/adapters/salesforce/index.js';
import { parsePolicy } from '../../../src/index.js';
import type { ColumnType, SourceTable } from './tables.js';

type Column = readonly [api: string, snake: string, type: ColumnType];

const REP_LA = '0051G000005Mun4QAC';
const REP_LONDON = '0051G000005MreQAC9';
const REP_GONE = '0051G00000600MlQAI';
const REP_MARS = '0051G00000700MarAAA';
const QUEUE = '00G1G000003xQueAAA';

export const people = {
  ada: '0031G00001S3ckZQAR',
  grace: '0031G00001S3JniQAF',
  alan: '0031G00000q9jPQAQ1',
  deleted: '0031G00000xRXHBQA4',
  queued: '0031G00001Pji7ZQAR',
  fresh: '0033700000JmrFPAA1',
  lead: '00Q1G00000Lea01EAB',
  converted: '00Q1G00000Con02EAB',
} as const;

const userColumns: Column[] = [
  ['Id', 'id', 'text'],
  ['Name', 'name', 'text'],
  ['TimeZoneSidKey', 'time_zone_sid_key', 'text'],
  ['IsActive', 'is_active', 'boolean'],
  ['_fivetran_deleted', '_fivetran_deleted', 'boolean'],
];
const personColumns: Column[] = [
  ['Id', 'id', 'text'],
  ['OwnerId', 'owner_id', 'text'],
  ['FirstName', 'first_name', 'text'],
  ['LastName', 'last_name', 'text'],
  ['CreatedDate', 'created_date', 'timestamptz'],
  ['IsDeleted', 'is_deleted', 'boolean'],
  ['DoNotCall', 'do_not_call', 'boolean'],
  ['HasOptedOutOfEmail', 'has_opted_out_of_email', 'boolean'],
  ['Time_Zone__c', 'time_zone_c', 'text'],
  ['Tier__c', 'tier_c', 'text'],
  ['Annual_Revenue__c', 'annual_revenue_c', 'double'],
];
const leadColumns: Column[] = [
  ...personColumns,
  ['IsConverted', 'is_converted', 'boolean'],
  ['ConvertedContactId', 'converted_contact_id', 'text'],
];
const taskColumns: Column[] = [
  ['Id', 'id', 'text'],
  ['WhoId', 'who_id', 'text'],
  ['OwnerId', 'owner_id', 'text'],
  ['Status', 'status', 'text'],
  ['IsClosed', 'is_closed', 'boolean'],
  ['IsDeleted', 'is_deleted', 'boolean'],
  ['IsRecurrence', 'is_recurrence', 'boolean'],
  ['TaskSubtype', 'task_subtype', 'text'],
  ['Type', 'type', 'text'],
  ['CallType', 'call_type', 'text'],
  ['CallDisposition', 'call_disposition', 'text'],
  ['ActivityDate', 'activity_date', 'date'],
  ['CompletedDateTime', 'completed_date_time', 'timestamptz'],
  ['Purpose__c', 'purpose_c', 'text'],
  ['Calling_Cycle_Key__c', 'calling_cycle_key_c', 'text'],
];
const eventColumns: Column[] = [
  ['Id', 'id', 'text'],
  ['WhoId', 'who_id', 'text'],
  ['OwnerId', 'owner_id', 'text'],
  ['IsDeleted', 'is_deleted', 'boolean'],
  ['IsChild', 'is_child', 'boolean'],
  ['IsRecurrence', 'is_recurrence', 'boolean'],
  ['IsAllDayEvent', 'is_all_day_event', 'boolean'],
  ['Type', 'type', 'text'],
  ['ActivityDate', 'activity_date', 'date'],
  ['ActivityDateTime', 'activity_date_time', 'timestamptz'],
  ['StartDateTime', 'start_date_time', 'timestamptz'],
  ['Purpose__c', 'purpose_c', 'text'],
];
const opportunityColumns: Column[] = [
  ['Id', 'id', 'text'],
  ['IsWon', 'is_won', 'boolean'],
  ['IsClosed', 'is_closed', 'boolean'],
  ['IsDeleted', 'is_deleted', 'boolean'],
  ['CloseDate', 'close_date', 'date'],
];
const roleColumns: Column[] = [
  ['Id', 'id', 'text'],
  ['OpportunityId', 'opportunity_id', 'text'],
  ['ContactId', 'contact_id', 'text'],
  ['IsDeleted', 'is_deleted', 'boolean'],
];

type Row = Record<string, unknown>;

const users: Row[] = [
  { Id: REP_LA, Name: 'Rosa Diaz', TimeZoneSidKey: 'America/Los_Angeles', IsActive: true, _fivetran_deleted: false },
  // A rep who left: kept, inactive; their contacts still plan in their zone.
  { Id: REP_LONDON, Name: 'Tom Hale', TimeZoneSidKey: 'Europe/London', IsActive: false, _fivetran_deleted: false },
  { Id: REP_GONE, Name: 'Gone Rep', TimeZoneSidKey: 'Asia/Tokyo', IsActive: true, _fivetran_deleted: true },
  // No IANA zone: an error; their contacts fall back to the policy's zone.
  { Id: REP_MARS, Name: 'Mars Rep', TimeZoneSidKey: 'Mars/Olympus', IsActive: true, _fivetran_deleted: false },
];

const contacts: Row[] = [
  {
    Id: people.ada,
    OwnerId: REP_LA,
    FirstName: 'Ada',
    LastName: 'L',
    CreatedDate: '2025-03-01T10:00:00Z',
    Time_Zone__c: 'America/New_York',
    Tier__c: 'A',
    Annual_Revenue__c: 5000000,
    DoNotCall: false,
  },
  {
    Id: people.grace,
    OwnerId: REP_LONDON,
    FirstName: 'Grace',
    CreatedDate: '2025-06-01T10:00:00Z',
    HasOptedOutOfEmail: true,
    Annual_Revenue__c: 100,
  },
  { Id: people.alan, OwnerId: REP_LA, CreatedDate: '2025-01-15T10:00:00Z', Annual_Revenue__c: 2000 },
  { Id: people.deleted, OwnerId: REP_LA, CreatedDate: '2025-01-15T10:00:00Z', IsDeleted: true },
  { Id: people.queued, OwnerId: QUEUE, CreatedDate: '2026-10-01T10:00:00Z', Time_Zone__c: 'Asia/Tokyo', DoNotCall: false },
  { Id: people.fresh, OwnerId: REP_LA, CreatedDate: '2026-11-10T23:30:00Z', Time_Zone__c: 'America/New_York' },
  { Id: '0031G00000DncAAAQ1', OwnerId: REP_LA, CreatedDate: '2026-01-10T10:00:00Z', DoNotCall: true },
  { Id: '0031G00000MarsAAQ1', OwnerId: REP_LA, CreatedDate: '2026-01-10T10:00:00Z', Time_Zone__c: 'Mars/Olympus' },
  { Id: '0031G00000RedAAAQ1', OwnerId: REP_MARS, CreatedDate: '2026-02-10T10:00:00Z' },
];

const leads: Row[] = [
  { Id: people.lead, OwnerId: REP_LA, FirstName: 'Lena', CreatedDate: '2026-05-05T10:00:00Z', IsConverted: false },
  { Id: people.converted, OwnerId: REP_LONDON, CreatedDate: '2025-02-02T10:00:00Z', IsConverted: true, ConvertedContactId: people.grace },
];

const call = { Status: 'Completed', IsClosed: true, TaskSubtype: 'Call' };
const tasks: Row[] = [
  {
    Id: '00T000000000001AAA',
    WhoId: people.ada,
    ...call,
    CallType: 'Outbound',
    CallDisposition: 'Left Voicemail',
    ActivityDate: '2026-11-02',
    CompletedDateTime: '2026-11-02T18:30:00Z',
  },
  // A date-only completed call: noon in the contact's own zone (New York).
  {
    Id: '00T000000000002AAA',
    WhoId: people.ada,
    Status: 'Completed',
    IsClosed: true,
    TaskSubtype: 'Task',
    Type: 'Call',
    ActivityDate: '2026-11-05',
  },
  {
    Id: '00T000000000003AAA',
    WhoId: people.grace,
    Status: 'Completed',
    IsClosed: true,
    TaskSubtype: 'Email',
    CompletedDateTime: '2026-10-20T09:00:00Z',
  },
  {
    Id: '00T000000000004AAA',
    WhoId: people.grace,
    Status: 'Not Started',
    IsClosed: false,
    TaskSubtype: 'Call',
    ActivityDate: '2026-11-25',
  },
  { Id: '00T000000000005AAA', WhoId: people.ada, ...call, IsRecurrence: true, ActivityDate: '2026-11-06' },
  { Id: '00T000000000006AAA', WhoId: people.alan, ...call, CallType: 'Internal', CompletedDateTime: '2026-11-06T10:00:00Z' },
  { Id: '00T000000000007AAA', WhoId: people.ada, ...call, CallType: 'Sideways', CompletedDateTime: '2026-11-06T10:00:00Z' },
  {
    Id: '00T000000000008AAA',
    WhoId: people.ada,
    Status: 'Completed',
    IsClosed: true,
    TaskSubtype: 'ListEmail',
    CompletedDateTime: '2026-11-06T10:00:00Z',
  },
  {
    Id: '00T000000000009AAA',
    WhoId: people.ada,
    Status: 'Completed',
    IsClosed: true,
    TaskSubtype: 'Task',
    Type: 'Other',
    CompletedDateTime: '2026-11-06T10:00:00Z',
  },
  { Id: '00T000000000010AAA', WhoId: people.ada, ...call },
  { Id: '00T000000000011AAA', ...call, CompletedDateTime: '2026-11-06T10:00:00Z' },
  { Id: '00T000000000012AAA', WhoId: '0031G00000UnknownAA', ...call, CompletedDateTime: '2026-11-06T10:00:00Z' },
  { Id: '00T000000000013AAA', WhoId: people.deleted, ...call, CompletedDateTime: '2026-11-06T10:00:00Z' },
  // On a converted lead: it goes to the contact the lead became.
  {
    Id: '00T000000000014AAA',
    WhoId: people.converted,
    ...call,
    CallDisposition: 'Meaningful Connect',
    CompletedDateTime: '2026-09-14T16:00:00Z',
    Purpose__c: 'QBR',
  },
  { Id: '00T000000000015AAA', WhoId: people.alan, ...call, CallDisposition: 'VM left', CompletedDateTime: '2026-11-12T16:00:00Z' },
  {
    Id: '00T000000000016AAA',
    WhoId: people.alan,
    ...call,
    CallDisposition: ' Demo  booked ',
    CompletedDateTime: '2026-10-12T16:00:00Z',
    Purpose__c: 'Check-In',
  },
  // A task planned for Ada's review, done: it counts for the review whatever its type.
  {
    Id: '00T000000000017AAA',
    WhoId: people.ada,
    Status: 'Completed',
    IsClosed: true,
    TaskSubtype: 'Task',
    Type: 'Other',
    CompletedDateTime: '2026-10-01T15:00:00Z',
    Calling_Cycle_Key__c: `cc1:${people.ada}:review:2026-10-01`,
  },
  { Id: '00T000000000018AAA', WhoId: people.ada, ...call, IsDeleted: true, CompletedDateTime: '2026-11-19T10:00:00Z' },
  // Date-only: Tokyo (the contact's field), Los Angeles (the lead's owner), London (an inactive owner).
  { Id: '00T000000000019AAA', WhoId: people.queued, ...call, ActivityDate: '2026-11-01' },
  { Id: '00T000000000020AAA', WhoId: people.lead, ...call, CallDisposition: 'Connected', ActivityDate: '2026-11-03' },
  { Id: '00T000000000021AAA', WhoId: people.grace, ...call, CallDisposition: 'no_answer', ActivityDate: '2026-11-04' },
  {
    Id: '00T000000000022AAA',
    WhoId: people.grace,
    Status: 'Completed',
    TaskSubtype: 'Call',
    CallType: 'Inbound',
    ActivityDate: '2026-08-04',
  },
];

const events: Row[] = [
  {
    Id: '00U000000000001AAA',
    WhoId: people.ada,
    IsChild: false,
    IsAllDayEvent: false,
    StartDateTime: '2026-10-28T17:00:00Z',
    Purpose__c: 'Review',
  },
  { Id: '00U000000000002AAA', WhoId: people.ada, IsChild: true, IsAllDayEvent: false, StartDateTime: '2026-11-18T17:00:00Z' },
  { Id: '00U000000000003AAA', WhoId: people.grace, IsChild: false, IsAllDayEvent: true, ActivityDate: '2026-11-09' },
  {
    Id: '00U000000000004AAA',
    WhoId: people.alan,
    IsChild: false,
    IsRecurrence: true,
    IsAllDayEvent: false,
    StartDateTime: '2026-11-18T17:00:00Z',
  },
  { Id: '00U000000000005AAA', WhoId: people.alan, IsChild: false, IsAllDayEvent: false },
  {
    Id: '00U000000000006AAA',
    WhoId: people.lead,
    IsChild: false,
    IsAllDayEvent: false,
    Type: 'Call',
    ActivityDateTime: '2026-11-15T20:00:00Z',
  },
];

const opportunities: Row[] = [
  { Id: '0061G00000Won01AAB', IsWon: true, IsClosed: true, CloseDate: '2026-10-01' },
  { Id: '0061G00000Won02AAB', IsWon: true, IsClosed: true, CloseDate: '2026-09-01' },
  { Id: '0061G00000Los03AAB', IsWon: false, IsClosed: true, CloseDate: '2026-10-15' },
  { Id: '0061G00000Del04AAB', IsWon: true, IsClosed: true, IsDeleted: true, CloseDate: '2026-11-01' },
];
const roles: Row[] = [
  { Id: '00K000000000001AAA', OpportunityId: '0061G00000Won01AAB', ContactId: people.ada },
  { Id: '00K000000000002AAA', OpportunityId: '0061G00000Won02AAB', ContactId: people.ada },
  { Id: '00K000000000003AAA', OpportunityId: '0061G00000Los03AAB', ContactId: people.grace },
  { Id: '00K000000000004AAA', OpportunityId: '0061G00000Del04AAB', ContactId: people.alan },
  { Id: '00K000000000005AAA', OpportunityId: '0061G00000Won02AAB', ContactId: people.alan },
];

const objects: [object: string, snakeTable: string, columns: Column[], rows: Row[], collection: keyof SalesforceRecords][] = [
  ['User', 'user', userColumns, users, 'users'],
  ['Contact', 'contact', personColumns, contacts, 'contacts'],
  ['Lead', 'lead', leadColumns, leads, 'leads'],
  ['Task', 'task', taskColumns, tasks, 'tasks'],
  ['Event', 'event', eventColumns, events, 'events'],
  ['Opportunity', 'opportunity', opportunityColumns, opportunities, 'opportunities'],
  ['OpportunityContactRole', 'opportunity_contact_role', roleColumns, roles, 'opportunityContactRoles'],
];

/**
 * The org as one connector lands it (with other tasks or events when given): the tables to load,
 * and the same rows as the records `fromSalesforce` reads (`source: 'warehouse'` for Fivetran's snake_case rows, the API shape
 * for Airbyte's).
 */
export function salesforceSync(
  connector: 'fivetran' | 'airbyte',
  activities: { tasks?: Row[]; events?: Row[] } = {},
): { tables: SourceTable[]; records: SalesforceRecords } {
  const tables: SourceTable[] = [];
  const records: Record<string, Row[]> = {};
  for (const [object, snakeTable, columns, fixtureRows, collection] of objects) {
    const rows = (collection === 'tasks' || collection === 'events' ? activities[collection] : undefined) ?? fixtureRows;
    // Airbyte has no Fivetran bookkeeping columns.
    const kept = connector === 'fivetran' ? columns : columns.filter(([api]) => !api.startsWith('_fivetran'));
    const name = (column: Column) => (connector === 'fivetran' ? column[1] : column[0]);
    const renamed = rows.map((row) =>
      Object.fromEntries(kept.filter((column) => row[column[0]] !== undefined).map((column) => [name(column), row[column[0]]])),
    );
    tables.push({
      name: connector === 'fivetran' ? snakeTable : object,
      columns: kept.map((column) => [name(column), column[2]] as const),
      rows: renamed,
    });
    records[collection] = renamed;
  }
  return { tables, records: records as SalesforceRecords };
}

export const salesforceStagingPolicy = parsePolicy({
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
        { id: 'mail', cadence: { every: 'P2M' }, counts: { channels: ['email'] } },
        { id: 'any-answer', cadence: { every: 'P21D' }, counts: { outcomes: ['connected', 'Demo  booked', 'voicemail'] } },
      ],
    },
  ],
  assign: [{ tier: 'A', when: { attribute: 'annualRevenue', gte: 1000000 } }],
  defaultTier: 'B',
});

export const salesforceAdapterOptions = {
  timeZoneField: 'Time_Zone__c',
  tierField: 'Tier__c',
  attributeFields: { annualRevenue: 'Annual_Revenue__c' },
  purposeField: 'Purpose__c',
  purposes: { QBR: 'review' },
  includeConvertedLeads: false,
} as const;
