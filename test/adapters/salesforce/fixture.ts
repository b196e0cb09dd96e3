/**
 * A small Salesforce org as its REST API returns it (query results' `records`), written from the
 * object reference: 18-character ids with their key prefixes (005 User, 003 Contact, 00Q Lead,
 * 00T Task, 00U Event, 006 Opportunity, 00K OpportunityContactRole, 0RT TaskWhoRelation), datetimes
 * as `2026-11-02T10:00:00.000+0000`, `ActivityDate` date-only, picklist values as shipped
 * (Status `Completed`/`Not Started`, TaskSubtype `Call`/`Email`/`Task`, CallType
 * `Inbound`/`Outbound`/`Internal`). It holds the awkward cases on purpose: an open task, a
 * date-only completed call, a shared activity for three contacts, an invitee's copy of an event, a
 * converted lead, a deleted contact, a user with an unknown zone and a bad timestamp.
 */
import type { SalesforceRecords } from '../../../src/adapters/salesforce/index.js';
import { parsePolicy } from '../../../src/index.js';

const attributes = (type: string, id: string) => ({ type, url: `/services/data/v62.0/sobjects/${type}/${id}` });

export const ids = {
  london: '0058c00000A1LonAAF',
  newYork: '0058c00000A1NycAAF',
  badZoneUser: '0058c00000A1MarAAF',
  ada: '0038c00002Ada01AAB',
  grace: '0038c00002Gra02AAB',
  alan: '0038c00002Ala03AAB',
  barbara: '0038c00002Bar04AAB',
  deleted: '0038c00002Del05AAB',
  lead: '00Q8c00000Lea01EAB',
  convertedLead: '00Q8c00000Con02EAB',
  wonDeal: '0068c00000Won01AAB',
  openDeal: '0068c00000Opn02AAB',
} as const;

export function salesforceRecords(): SalesforceRecords & { tasks: Record<string, unknown>[] } {
  const user = (Id: string, TimeZoneSidKey: string, Name: string) => ({
    attributes: attributes('User', Id),
    Id,
    Name,
    TimeZoneSidKey,
    IsActive: true,
  });
  const contact = (Id: string, OwnerId: string, extra: Record<string, unknown> = {}) => ({
    attributes: attributes('Contact', Id),
    Id,
    OwnerId,
    CreatedDate: '2025-03-04T09:15:00.000+0000',
    DoNotCall: false,
    HasOptedOutOfEmail: false,
    IsDeleted: false,
    ...extra,
  });
  const task = (Id: string, fields: Record<string, unknown>) => ({
    attributes: attributes('Task', Id),
    Id,
    OwnerId: ids.london,
    Priority: 'Normal',
    IsRecurrence: false,
    IsDeleted: false,
    ...fields,
  });
  const event = (Id: string, fields: Record<string, unknown>) => ({
    attributes: attributes('Event', Id),
    Id,
    OwnerId: ids.london,
    IsChild: false,
    IsAllDayEvent: false,
    IsRecurrence: false,
    DurationInMinutes: 30,
    ...fields,
  });
  return {
    users: [
      user(ids.london, 'Europe/London', 'Lena London'),
      user(ids.newYork, 'America/New_York', 'Nate York'),
      // Not a TimeZoneSidKey Salesforce offers: the adapter reports it rather than guess.
      user(ids.badZoneUser, 'Mars/Olympus_Mons', 'Marvin'),
    ],
    contacts: [
      contact(ids.ada, ids.london, { HasOptedOutOfEmail: true, Tier__c: 'A' }),
      contact(ids.grace, ids.newYork),
      contact(ids.alan, ids.newYork, { DoNotCall: true }),
      contact(ids.barbara, ids.london, { CreatedDate: '2026-09-01T08:00:00.000+0000' }),
      contact(ids.deleted, ids.london, { IsDeleted: true }),
    ],
    leads: [
      {
        attributes: attributes('Lead', ids.lead),
        Id: ids.lead,
        OwnerId: ids.london,
        Status: 'Working - Contacted',
        IsConverted: false,
        DoNotCall: false,
        CreatedDate: '2026-10-05T13:00:00.000+0000',
      },
      {
        attributes: attributes('Lead', ids.convertedLead),
        Id: ids.convertedLead,
        OwnerId: ids.newYork,
        Status: 'Closed - Converted',
        IsConverted: true,
        ConvertedContactId: ids.grace,
        CreatedDate: '2025-01-10T13:00:00.000+0000',
      },
    ],
    tasks: [
      task('00T8c00000Tsk01AAB', {
        WhoId: ids.ada,
        Subject: 'Call',
        Status: 'Completed',
        IsClosed: true,
        TaskSubtype: 'Call',
        CallType: 'Outbound',
        CallDisposition: 'Left Voicemail',
        ActivityDate: '2026-11-02',
        CompletedDateTime: '2026-11-02T10:00:00.000+0000',
      }),
      task('00T8c00000Tsk02AAB', {
        WhoId: ids.ada,
        Subject: 'Call',
        Status: 'Completed',
        IsClosed: true,
        TaskSubtype: 'Call',
        CallType: 'Outbound',
        CallDisposition: 'Meaningful Connect',
        ActivityDate: '2026-11-09',
        CompletedDateTime: '2026-11-09T15:30:00.000+0000',
      }),
      // Open: a to-do, not a touch.
      task('00T8c00000Tsk03AAB', {
        WhoId: ids.grace,
        Subject: 'Call back about renewal',
        Status: 'Not Started',
        IsClosed: false,
        TaskSubtype: 'Call',
        ActivityDate: '2026-11-30',
        CompletedDateTime: null,
      }),
      // Completed before CompletedDateTime existed: only the date.
      task('00T8c00000Tsk04AAB', {
        WhoId: ids.grace,
        OwnerId: ids.newYork,
        Subject: 'Call',
        Status: 'Completed',
        IsClosed: true,
        TaskSubtype: 'Call',
        CallType: 'Outbound',
        CallDisposition: 'Connected',
        ActivityDate: '2026-10-20',
        CompletedDateTime: null,
      }),
      // One email to three people (Shared Activities): WhoId is the primary, the relations name all.
      task('00T8c00000Tsk05AAB', {
        WhoId: ids.ada,
        Subject: 'Email: quarterly review agenda',
        Status: 'Completed',
        IsClosed: true,
        TaskSubtype: 'Email',
        ActivityDate: '2026-11-04',
        CompletedDateTime: '2026-11-04T11:05:00.000+0000',
        TaskWhoRelations: {
          totalSize: 3,
          done: true,
          records: [ids.ada, ids.grace, ids.barbara].map((RelationId, n) => ({
            attributes: attributes('TaskWhoRelation', `0RT8c0000000Rel${n}AAB`),
            Id: `0RT8c0000000Rel${n}AAB`,
            RelationId,
            Type: 'Contact',
          })),
        },
      }),
      // A month that does not exist.
      task('00T8c00000Tsk06AAB', {
        WhoId: ids.barbara,
        Subject: 'Call',
        Status: 'Completed',
        IsClosed: true,
        TaskSubtype: 'Call',
        ActivityDate: '2026-11-02',
        CompletedDateTime: '2026-13-02T10:00:00.000+0000',
      }),
      task('00T8c00000Tsk07AAB', {
        WhoId: ids.lead,
        Subject: 'Inbound call',
        Status: 'Completed',
        IsClosed: true,
        TaskSubtype: 'Call',
        CallType: 'Inbound',
        CallDisposition: 'Connected',
        ActivityDate: '2026-11-10',
        CompletedDateTime: '2026-11-10T09:45:00.000+0000',
      }),
      // Logged on the lead before it was converted, in an export that kept the old WhoId.
      task('00T8c00000Tsk08AAB', {
        WhoId: ids.convertedLead,
        OwnerId: ids.newYork,
        Subject: 'Discovery call',
        Status: 'Completed',
        IsClosed: true,
        TaskSubtype: 'Call',
        CallType: 'Outbound',
        ActivityDate: '2025-02-01',
        CompletedDateTime: '2025-02-01T17:00:00.000+0000',
      }),
      task('00T8c00000Tsk09AAB', {
        WhoId: ids.barbara,
        Subject: 'Prepare proposal',
        Status: 'Completed',
        IsClosed: true,
        TaskSubtype: 'Task',
        Type: null,
        ActivityDate: '2026-11-05',
        CompletedDateTime: '2026-11-05T16:00:00.000+0000',
      }),
      task('00T8c00000Tsk10AAB', {
        WhoId: ids.barbara,
        Subject: 'Handover call with solutions engineer',
        Status: 'Completed',
        IsClosed: true,
        TaskSubtype: 'Call',
        CallType: 'Internal',
        ActivityDate: '2026-11-06',
        CompletedDateTime: '2026-11-06T14:00:00.000+0000',
      }),
      // On the account only: no person.
      task('00T8c00000Tsk11AAB', {
        WhoId: null,
        WhatId: '0018c00000Acc01AAB',
        Subject: 'Update account plan',
        Status: 'Completed',
        IsClosed: true,
        TaskSubtype: 'Task',
        Type: 'Call',
        ActivityDate: '2026-11-06',
        CompletedDateTime: '2026-11-06T10:00:00.000+0000',
      }),
    ],
    events: [
      event('00U8c00000Evt01AAB', {
        WhoId: ids.ada,
        Subject: 'Quarterly business review',
        Type: 'Meeting',
        StartDateTime: '2026-10-28T14:00:00.000+0000',
        EndDateTime: '2026-10-28T14:30:00.000+0000',
        ActivityDateTime: '2026-10-28T14:00:00.000+0000',
        ActivityDate: '2026-10-28',
      }),
      // The invitee's copy of the same meeting.
      event('00U8c00000Evt02AAB', {
        WhoId: ids.ada,
        OwnerId: ids.newYork,
        Subject: 'Quarterly business review',
        Type: 'Meeting',
        IsChild: true,
        StartDateTime: '2026-10-28T14:00:00.000+0000',
        EndDateTime: '2026-10-28T14:30:00.000+0000',
        ActivityDate: '2026-10-28',
      }),
      event('00U8c00000Evt03AAB', {
        WhoId: ids.grace,
        OwnerId: ids.newYork,
        Subject: 'Site visit',
        IsAllDayEvent: true,
        ActivityDate: '2026-10-15',
        StartDateTime: '2026-10-15T00:00:00.000+0000',
        DurationInMinutes: 1440,
      }),
    ],
    opportunities: [
      {
        attributes: attributes('Opportunity', ids.wonDeal),
        Id: ids.wonDeal,
        Name: 'Ada Corp renewal',
        StageName: 'Closed Won',
        IsClosed: true,
        IsWon: true,
        CloseDate: '2026-10-01',
        OpportunityContactRoles: {
          totalSize: 1,
          done: true,
          records: [
            {
              attributes: attributes('OpportunityContactRole', '00K8c00000Ocr01AAB'),
              Id: '00K8c00000Ocr01AAB',
              ContactId: ids.ada,
              Role: 'Decision Maker',
              IsPrimary: true,
            },
          ],
        },
      },
      {
        attributes: attributes('Opportunity', ids.openDeal),
        Id: ids.openDeal,
        Name: 'Grace Ltd expansion',
        StageName: 'Negotiation/Review',
        IsClosed: false,
        IsWon: false,
        CloseDate: '2026-12-15',
      },
    ],
    opportunityContactRoles: [
      {
        attributes: attributes('OpportunityContactRole', '00K8c00000Ocr02AAB'),
        Id: '00K8c00000Ocr02AAB',
        OpportunityId: ids.openDeal,
        ContactId: ids.grace,
        Role: 'Economic Buyer',
        IsPrimary: true,
      },
    ],
  };
}

/** Ada is tier A (top account); leads are prospects; the rest default to B. */
export const salesforcePolicy = parsePolicy({
  version: 1,
  timeZone: 'Europe/London',
  tiers: [
    {
      id: 'A',
      weight: 3,
      cycles: [
        { id: 'check-in', cadence: { every: 'P14D' }, graceDays: 2 },
        { id: 'review', cadence: { per: 'quarter', times: 1 }, counts: { purposes: ['review'] } },
        { id: 'after-sale', cadence: { after: 'closedWon', at: ['P7D', 'P30D', 'P90D'] } },
      ],
    },
    { id: 'B', weight: 2, cycles: [{ id: 'check-in', cadence: { every: 'P1M' } }] },
    { id: 'prospect', weight: 1, cycles: [{ id: 'nurture', cadence: { every: 'P14D' }, counts: { channels: ['call', 'meeting'] } }] },
  ],
  assign: [
    { tier: 'prospect', when: { attribute: 'sobjectType', eq: 'Lead' } },
    { tier: 'A', when: { attribute: 'Tier__c', eq: 'A' } },
  ],
  defaultTier: 'B',
});

/** Salesforce's own datetime form: milliseconds and an offset without a colon. */
export const salesforceDateTime = (iso: string): string => new Date(iso).toISOString().replace('Z', '+0000');
