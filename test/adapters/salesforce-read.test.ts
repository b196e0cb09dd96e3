/**
 * fromSalesforce, one mapping rule per table. Expected instants are worked out by hand from the
 * zones' published offsets (London is GMT in November, New York EDT until 1 November 2026, Tokyo
 * +09:00 all year), not from the adapter.
 */
import { describe, expect, it } from 'vitest';
import { fromSalesforce, type FromSalesforceOptions, type SalesforceRecords } from '../../src/adapters/salesforce/index.js';
import { taskKey } from '../../src/adapters/shared/keys.js';
import { InputError } from '../../src/index.js';
import { salesforcePolicy } from './salesforce/fixture.js';

const LONDON_REP = '0058c00000A1LonAAF';
const NY_REP = '0058c00000A1NycAAF';
const NO_ZONE_REP = '0058c00000A1NozAAF';
const CONTACT = '0038c00002Ada01AAB';
const NY_CONTACT = '0038c00002Gra02AAB';
const UNOWNED = '0038c00002Uno03AAB';

const users = [
  { attributes: { type: 'User' }, Id: LONDON_REP, TimeZoneSidKey: 'Europe/London' },
  { attributes: { type: 'User' }, Id: NY_REP, TimeZoneSidKey: 'America/New_York' },
  { attributes: { type: 'User' }, Id: NO_ZONE_REP },
];
const contacts = [
  { attributes: { type: 'Contact' }, Id: CONTACT, OwnerId: LONDON_REP },
  { attributes: { type: 'Contact' }, Id: NY_CONTACT, OwnerId: NY_REP },
  { attributes: { type: 'Contact' }, Id: UNOWNED, OwnerId: NO_ZONE_REP },
];

/** A completed outbound call on the London contact, with `fields` on top. */
const call = (fields: Record<string, unknown> = {}) => ({
  attributes: { type: 'Task' },
  Id: '00T8c00000Tsk01AAB',
  WhoId: CONTACT,
  Status: 'Completed',
  IsClosed: true,
  TaskSubtype: 'Call',
  CallType: 'Outbound',
  ActivityDate: '2026-11-02',
  CompletedDateTime: '2026-11-02T10:00:00.000+0000',
  ...fields,
});

const readTasks = (tasks: unknown[], options: FromSalesforceOptions = {}, extra: SalesforceRecords = {}) =>
  fromSalesforce({ users, contacts, tasks, ...extra }, options);

describe('fromSalesforce: when a task happened', () => {
  const rows: [string, Record<string, unknown>, FromSalesforceOptions, string][] = [
    ['CompletedDateTime with +0000 (no colon)', {}, {}, '2026-11-02T10:00:00.000Z'],
    ['CompletedDateTime with -0800', { CompletedDateTime: '2026-11-02T10:00:00.000-0800' }, {}, '2026-11-02T18:00:00.000Z'],
    ['CompletedDateTime with +05:30', { CompletedDateTime: '2026-11-02T10:00:00.000+05:30' }, {}, '2026-11-02T04:30:00.000Z'],
    ['CompletedDateTime is preferred to ActivityDate', { ActivityDate: '2026-10-30' }, {}, '2026-11-02T10:00:00.000Z'],
    ['date only: noon in the owner zone (London, GMT)', { CompletedDateTime: null }, {}, '2026-11-02T12:00:00.000Z'],
    [
      'date only: noon in the owner zone (New York, EDT)',
      { WhoId: NY_CONTACT, CompletedDateTime: null, ActivityDate: '2026-10-20' },
      {},
      '2026-10-20T16:00:00.000Z',
    ],
    [
      'date only: noon in New York after DST ends (EST)',
      { WhoId: NY_CONTACT, CompletedDateTime: null, ActivityDate: '2026-11-02' },
      {},
      '2026-11-02T17:00:00.000Z',
    ],
    ['date only: dateOnlyTime moves the local time', { CompletedDateTime: null }, { dateOnlyTime: '09:30' }, '2026-11-02T09:30:00.000Z'],
    [
      'date only: an owner without a zone falls back to the timeZone option',
      { WhoId: UNOWNED, CompletedDateTime: null },
      { timeZone: 'Asia/Tokyo' },
      '2026-11-02T03:00:00.000Z',
    ],
    [
      'date only: then to the policy zone',
      { WhoId: UNOWNED, CompletedDateTime: null, ActivityDate: '2026-07-01' },
      { policy: salesforcePolicy },
      '2026-07-01T11:00:00.000Z',
    ],
    ['date only: then to UTC', { WhoId: UNOWNED, CompletedDateTime: null }, {}, '2026-11-02T12:00:00.000Z'],
  ];
  it.each(rows)('%s', (_name, fields, options, at) => {
    const result = readTasks([call(fields)], options);
    expect(result.errors).toEqual([]);
    expect(result.touches.map((touch) => touch.at)).toEqual([at]);
  });

  it("date only: noon in the contact's own zone when timeZoneField names one", () => {
    const withZone = [{ ...contacts[0], Time_Zone__c: 'Asia/Tokyo' }];
    const result = fromSalesforce(
      { users, contacts: withZone, tasks: [call({ CompletedDateTime: null })] },
      { timeZoneField: 'Time_Zone__c' },
    );
    expect(result.contacts[0]!.timeZone).toBe('Asia/Tokyo');
    expect(result.touches[0]!.at).toBe('2026-11-02T03:00:00.000Z');
  });

  const bad: [string, Record<string, unknown>, string, string][] = [
    ['a month that does not exist', { CompletedDateTime: '2026-13-02T10:00:00.000+0000' }, 'bad-instant', 'CompletedDateTime'],
    [
      'a datetime without an offset (the API always sends one)',
      { CompletedDateTime: '2026-11-02T10:00:00' },
      'bad-instant',
      'CompletedDateTime',
    ],
    ['not a date at all', { CompletedDateTime: 'yesterday' }, 'bad-instant', 'CompletedDateTime'],
    ['a bad ActivityDate', { CompletedDateTime: null, ActivityDate: '02/11/2026' }, 'bad-date', 'ActivityDate'],
    ['no date at all', { CompletedDateTime: null, ActivityDate: null }, 'missing-field', 'ActivityDate'],
  ];
  it.each(bad)('%s is an error naming the task and the field', (_name, fields, code, field) => {
    const result = readTasks([call(), call({ Id: '00T8c00000Bad01AAB', ...fields })]);
    expect(result.touches).toHaveLength(1);
    expect(result.errors).toEqual([expect.objectContaining({ code, source: 'tasks', index: 1, id: '00T8c00000Bad01AAB', path: [field] })]);
  });
});

describe('fromSalesforce: only completed tasks are touches', () => {
  const rows: [string, Record<string, unknown>, string | null][] = [
    ['IsClosed true', { Status: 'Done' }, null],
    ['Status Completed without IsClosed', { IsClosed: undefined }, null],
    ['Status Not Started', { Status: 'Not Started', IsClosed: false }, 'open-task'],
    ['Status In Progress without IsClosed', { Status: 'In Progress', IsClosed: undefined }, 'open-task'],
    ['Status Deferred', { Status: 'Deferred', IsClosed: false }, 'open-task'],
    ['IsClosed false wins over a Completed status', { Status: 'Completed', IsClosed: false }, 'open-task'],
    ['the series of a recurring task', { IsRecurrence: true }, 'recurring-series'],
    ['a deleted task (queryAll)', { IsDeleted: true }, 'deleted'],
  ];
  it.each(rows)('%s', (_name, fields, reason) => {
    const result = readTasks([call(fields)]);
    if (reason === null) {
      expect(result.touches).toHaveLength(1);
      expect(result.counts.tasks).toEqual({ read: 1, mapped: 1, skipped: 0, errors: 0 });
    } else {
      expect(result.touches).toEqual([]);
      expect(result.skipped).toEqual([{ source: 'tasks', index: 0, id: '00T8c00000Tsk01AAB', reason }]);
    }
  });
});

describe('fromSalesforce: channel and direction', () => {
  type Row = [string, Record<string, unknown>, FromSalesforceOptions, { channel: string; direction?: string } | string];
  const rows: Row[] = [
    ['TaskSubtype Call, CallType Outbound', {}, {}, { channel: 'call', direction: 'outbound' }],
    ['TaskSubtype Call, CallType Inbound', { CallType: 'Inbound' }, {}, { channel: 'call', direction: 'inbound' }],
    ['TaskSubtype Call without CallType: the rep called', { CallType: null }, {}, { channel: 'call', direction: 'outbound' }],
    ['CallType Internal: a call between colleagues', { CallType: 'Internal' }, {}, 'internal-call'],
    ['CallType Internal with includeInternalCalls', { CallType: 'Internal' }, { includeInternalCalls: true }, { channel: 'call' }],
    ['TaskSubtype Email', { TaskSubtype: 'Email', CallType: null }, {}, { channel: 'email', direction: 'outbound' }],
    ['TaskSubtype ListEmail: a mass email', { TaskSubtype: 'ListEmail', CallType: null }, {}, 'list-email'],
    [
      'TaskSubtype ListEmail with includeListEmails',
      { TaskSubtype: 'ListEmail', CallType: null },
      { includeListEmails: true },
      { channel: 'email', direction: 'outbound' },
    ],
    ['TaskSubtype LinkedIn', { TaskSubtype: 'LinkedIn', CallType: null }, {}, { channel: 'message' }],
    [
      'TaskSubtype Cadence, Type Call',
      { TaskSubtype: 'Cadence', CallType: null, Type: 'Call' },
      {},
      { channel: 'call', direction: 'outbound' },
    ],
    [
      'TaskSubtype Task with a CallType is a logged call',
      { TaskSubtype: 'Task', CallType: 'Inbound' },
      {},
      { channel: 'call', direction: 'inbound' },
    ],
    ['TaskSubtype Task, Type Meeting', { TaskSubtype: 'Task', CallType: null, Type: 'Meeting' }, {}, { channel: 'meeting' }],
    [
      'TaskSubtype Task, Type Email',
      { TaskSubtype: 'Task', CallType: null, Type: 'Email' },
      {},
      { channel: 'email', direction: 'outbound' },
    ],
    ['TaskSubtype Task without a Type: a to-do', { TaskSubtype: 'Task', CallType: null }, {}, 'not-a-touch-type'],
    ['TaskSubtype Task, Type Other', { TaskSubtype: 'Task', CallType: null, Type: 'Other' }, {}, 'not-a-touch-type'],
    ['a to-do with includeOtherTasks', { TaskSubtype: 'Task', CallType: null }, { includeOtherTasks: true }, { channel: 'other' }],
  ];
  it.each(rows)('%s', (_name, fields, options, expected) => {
    const result = readTasks([call(fields)], options);
    if (typeof expected === 'string') {
      expect(result.touches).toEqual([]);
      expect(result.skipped.map((entry) => entry.reason)).toEqual([expected]);
      return;
    }
    expect(result.touches).toHaveLength(1);
    const touch = result.touches[0]!;
    expect(touch.channel).toBe(expected.channel);
    expect(touch.direction).toBe(expected.direction);
  });

  it('a CallType outside the picklist is an error', () => {
    const result = readTasks([call({ CallType: 'Sideways' })]);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'bad-value', path: ['CallType'] })]);
  });
});

describe('fromSalesforce: call results', () => {
  const rows: [string, FromSalesforceOptions, string | undefined][] = [
    ['Left Voicemail', {}, 'voicemail'],
    ['left voicemail', {}, 'voicemail'],
    ['No Answer', {}, 'no-answer'],
    ['Busy', {}, 'no-answer'],
    ['Wrong Number', {}, 'bounced'],
    ['Meaningful Connect', {}, 'connected'],
    ['Call Back Later', {}, 'connected'],
    ['Connected', {}, 'connected'],
    ['VM left, will retry Friday', {}, 'voicemail'],
    ['No-Answer', {}, 'no-answer'],
    ['Demo booked', {}, 'Demo booked'],
    ['Demo booked', { dispositions: { 'demo BOOKED': 'connected' } }, 'connected'],
    ['Left Voicemail', { dispositions: { 'Left Voicemail': 'connected' } }, 'connected'],
    ['   ', {}, undefined],
  ];
  it.each(rows)('%j → %j', (disposition, options, outcome) => {
    const result = readTasks([call({ CallDisposition: disposition })], options);
    expect(result.touches[0]!.outcome).toBe(outcome);
  });

  it('an email carries no call result', () => {
    const result = readTasks([call({ TaskSubtype: 'Email', CallType: null, CallDisposition: 'Left Voicemail' })]);
    expect(result.touches[0]!.outcome).toBeUndefined();
  });
});

describe('fromSalesforce: purpose', () => {
  const rows: [string, Record<string, unknown>, FromSalesforceOptions, string | undefined][] = [
    ['no purpose field: none', { Purpose__c: 'Review' }, {}, undefined],
    ['purposeField, lower-cased', { Purpose__c: 'Review' }, { purposeField: 'Purpose__c' }, 'review'],
    ['purposes maps a value', { Purpose__c: 'QBR' }, { purposeField: 'Purpose__c', purposes: { qbr: 'review' } }, 'review'],
    [
      'defaultPurpose when the field is empty',
      { Purpose__c: null },
      { purposeField: 'Purpose__c', defaultPurpose: 'check-in' },
      'check-in',
    ],
  ];
  it.each(rows)('%s', (_name, fields, options, purpose) => {
    expect(readTasks([call(fields)], options).touches[0]!.purpose).toBe(purpose);
  });
});

describe('fromSalesforce: who the task is about', () => {
  it('a WhoId not among the contacts and leads read is an error', () => {
    const result = readTasks([call({ WhoId: '0038c00002Zzz99AAB' })]);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'unknown-contact', source: 'tasks', path: ['WhoId'] })]);
  });

  it('a task on an account only (no WhoId) is skipped', () => {
    const result = readTasks([call({ WhoId: null, WhatId: '0018c00000Acc01AAB' })]);
    expect(result.skipped.map((entry) => entry.reason)).toEqual(['no-contact']);
  });

  it('a task on a deleted contact is skipped with the contact', () => {
    const deleted = { attributes: { type: 'Contact' }, Id: '0038c00002Del05AAB', IsDeleted: true };
    const result = fromSalesforce({ users, contacts: [...contacts, deleted], tasks: [call({ WhoId: deleted.Id })] });
    expect(result.skipped.map((entry) => `${entry.source}:${entry.reason}`)).toEqual(['contacts:deleted', 'tasks:contact-not-mapped']);
    expect(result.errors).toEqual([]);
  });

  it('a 15-character WhoId finds its 18-character contact', () => {
    // 003A0000006Vm9r: chunks 003A0 (A at 3 → 8 → I), 00000 (→ A), 6Vm9r (V at 1 → 2 → C).
    const contact = { attributes: { type: 'Contact' }, Id: '003A0000006Vm9rIAC' };
    const result = fromSalesforce({ contacts: [contact], tasks: [call({ WhoId: '003A0000006Vm9r' })] });
    expect(result.touches.map((touch) => touch.contactId)).toEqual(['003A0000006Vm9rIAC']);
  });

  it('a task on a lead is a touch of the lead', () => {
    const lead = { attributes: { type: 'Lead' }, Id: '00Q8c00000Lea01EAB', IsConverted: false, OwnerId: LONDON_REP };
    const result = fromSalesforce({ users, leads: [lead], tasks: [call({ WhoId: lead.Id })] });
    expect(result.contacts).toEqual([{ id: lead.Id, ownerId: LONDON_REP, attributes: { sobjectType: 'Lead' } }]);
    expect(result.touches.map((touch) => touch.contactId)).toEqual([lead.Id]);
  });

  it('a converted lead is skipped and its old tasks go to the contact it became', () => {
    const lead = { attributes: { type: 'Lead' }, Id: '00Q8c00000Con02EAB', IsConverted: true, ConvertedContactId: NY_CONTACT };
    const result = fromSalesforce({ users, contacts, leads: [lead], tasks: [call({ WhoId: lead.Id })] });
    expect(result.skipped).toEqual([{ source: 'leads', index: 0, id: lead.Id, reason: 'converted-lead' }]);
    expect(result.touches.map((touch) => touch.contactId)).toEqual([NY_CONTACT]);
  });

  it('includeConvertedLeads maps a converted lead as a person of its own', () => {
    const lead = { attributes: { type: 'Lead' }, Id: '00Q8c00000Con02EAB', IsConverted: true, ConvertedContactId: NY_CONTACT };
    const result = fromSalesforce({ leads: [lead], tasks: [call({ WhoId: lead.Id })] }, { includeConvertedLeads: true });
    expect(result.contacts.map((contact) => contact.id)).toEqual([lead.Id]);
    expect(result.touches.map((touch) => touch.contactId)).toEqual([lead.Id]);
  });
});

describe('fromSalesforce: shared activities', () => {
  const relation = (Id: string, RelationId: string) => ({ attributes: { type: 'TaskWhoRelation' }, Id, RelationId, Type: 'Contact' });

  it('one email to three contacts is one touch per contact, each on its own local noon', () => {
    const shared = call({
      TaskSubtype: 'Email',
      CallType: null,
      CompletedDateTime: null,
      TaskWhoRelations: {
        totalSize: 3,
        done: true,
        records: [
          relation('0RT000000000001AAA', CONTACT),
          relation('0RT000000000002AAA', NY_CONTACT),
          relation('0RT000000000003AAA', UNOWNED),
        ],
      },
    });
    const result = readTasks([shared]);
    expect(result.touches).toEqual([
      { contactId: CONTACT, at: '2026-11-02T12:00:00.000Z', channel: 'email', direction: 'outbound' },
      { contactId: NY_CONTACT, at: '2026-11-02T17:00:00.000Z', channel: 'email', direction: 'outbound' },
      { contactId: UNOWNED, at: '2026-11-02T12:00:00.000Z', channel: 'email', direction: 'outbound' },
    ]);
    expect(result.counts.tasks).toEqual({ read: 1, mapped: 1, skipped: 0, errors: 0 });
    expect(result.counts.taskWhoRelations).toEqual({ read: 3, mapped: 3, skipped: 0, errors: 0 });
  });

  it('relations may come as their own query (TaskId, RelationId), and the WhoId among them counts once', () => {
    const task = call({ Id: '00T8c00000Shr01AAB' });
    const flat = [
      { ...relation('0RT000000000001AAA', CONTACT), TaskId: task.Id },
      { ...relation('0RT000000000002AAA', NY_CONTACT), TaskId: task.Id },
      { ...relation('0RT000000000009AAA', NY_CONTACT), TaskId: '00T8c00000Gon01AAB' },
    ];
    const result = readTasks([task], {}, { taskWhoRelations: flat });
    expect(result.touches.map((touch) => touch.contactId)).toEqual([CONTACT, NY_CONTACT]);
    expect(result.skipped).toEqual([{ source: 'taskWhoRelations', index: 2, id: '0RT000000000009AAA', reason: 'activity-not-in-records' }]);
  });

  it('a task repeated (overlapping pages) is read once; its relations once', () => {
    const shared = call({ TaskWhoRelations: { records: [relation('0RT000000000001AAA', CONTACT)] } });
    const result = readTasks([shared, shared]);
    expect(result.touches).toHaveLength(1);
    expect(result.skipped).toEqual([{ source: 'tasks', index: 1, id: '00T8c00000Tsk01AAB', reason: 'duplicate-id' }]);
    // Each copy carries its nested relation: two relation records, both placed on the one task.
    expect(result.counts.taskWhoRelations).toEqual({ read: 2, mapped: 2, skipped: 0, errors: 0 });
  });

  it('a relation to a contact not read is an error of that relation; the others are mapped', () => {
    const shared = call({
      TaskWhoRelations: { records: [relation('0RT000000000001AAA', CONTACT), relation('0RT000000000002AAA', '0038c00002Zzz99AAB')] },
    });
    const result = readTasks([shared]);
    expect(result.touches.map((touch) => touch.contactId)).toEqual([CONTACT]);
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'unknown-contact', source: 'taskWhoRelations', index: 1, path: ['RelationId'] }),
    ]);
    expect(result.counts.tasks!.mapped).toBe(1);
  });

  it('a deleted relation (queryAll) is skipped as deleted, and gives no touch', () => {
    const shared = call({
      TaskWhoRelations: {
        records: [relation('0RT000000000001AAA', CONTACT), { ...relation('0RT000000000002AAA', NY_CONTACT), IsDeleted: true }],
      },
    });
    const result = readTasks([shared]);
    expect(result.touches.map((touch) => touch.contactId)).toEqual([CONTACT]);
    expect(result.skipped).toEqual([{ source: 'taskWhoRelations', index: 1, id: '0RT000000000002AAA', reason: 'deleted' }]);
  });

  it('relations of a skipped task are skipped with it', () => {
    const open = call({ IsClosed: false, Status: 'Not Started', TaskWhoRelations: { records: [relation('0RT000000000001AAA', CONTACT)] } });
    const result = readTasks([open]);
    expect(result.skipped.map((entry) => `${entry.source}:${entry.reason}`)).toEqual([
      'tasks:open-task',
      'taskWhoRelations:activity-not-mapped',
    ]);
  });
});

describe('fromSalesforce: events', () => {
  const meeting = (fields: Record<string, unknown> = {}) => ({
    attributes: { type: 'Event' },
    Id: '00U8c00000Evt01AAB',
    WhoId: CONTACT,
    OwnerId: LONDON_REP,
    IsChild: false,
    IsAllDayEvent: false,
    StartDateTime: '2026-10-28T14:00:00.000+0000',
    ActivityDate: '2026-10-28',
    ...fields,
  });
  const rows: [string, Record<string, unknown>, FromSalesforceOptions, Record<string, unknown> | string][] = [
    ['a past meeting is a held meeting', {}, {}, { channel: 'meeting', at: '2026-10-28T14:00:00.000Z' }],
    ['an invitee copy (IsChild) is skipped: the meeting counts once', { IsChild: true }, {}, 'invitee-copy'],
    [
      'an all-day event: noon on ActivityDate in the owner zone',
      { IsAllDayEvent: true, StartDateTime: '2026-10-28T00:00:00.000+0000' },
      {},
      { channel: 'meeting', at: '2026-10-28T12:00:00.000Z' },
    ],
    ['Type Call makes it a call', { Type: 'Call' }, {}, { channel: 'call', at: '2026-10-28T14:00:00.000Z' }],
    ['a meeting after now is not held yet', {}, { now: '2026-10-28T13:59:00Z' }, 'future-event'],
    ['a meeting before now', {}, { now: new Date('2026-10-28T14:00:00Z') }, { channel: 'meeting', at: '2026-10-28T14:00:00.000Z' }],
    ['the series of a recurring event', { IsRecurrence: true }, {}, 'recurring-series'],
  ];
  it.each(rows)('%s', (_name, fields, options, expected) => {
    const result = fromSalesforce({ users, contacts, events: [meeting(fields)] }, options);
    if (typeof expected === 'string') {
      expect(result.touches).toEqual([]);
      expect(result.skipped.map((entry) => entry.reason)).toEqual([expected]);
    } else {
      expect(result.touches).toEqual([{ contactId: CONTACT, ...expected }]);
    }
  });

  it('an event without a start is an error', () => {
    const result = fromSalesforce({ contacts, events: [meeting({ StartDateTime: null })] });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'missing-field', source: 'events', path: ['StartDateTime'] })]);
  });
});

describe('fromSalesforce: contacts, leads and users', () => {
  it('maps the fields the engine reads', () => {
    const contact = {
      attributes: { type: 'Contact' },
      Id: CONTACT,
      OwnerId: LONDON_REP,
      CreatedDate: '2025-03-04T09:15:00.000+0000',
      DoNotCall: true,
      HasOptedOutOfEmail: true,
      Tier__c: 'A',
      AnnualRevenue__c: 120000,
    };
    const result = fromSalesforce({ contacts: [contact] }, { tierField: 'Tier__c', attributeFields: ['AnnualRevenue__c'] });
    expect(result.contacts).toEqual([
      {
        id: CONTACT,
        ownerId: LONDON_REP,
        tier: 'A',
        createdAt: '2025-03-04T09:15:00.000Z',
        doNotContact: true,
        attributes: { sobjectType: 'Contact', hasOptedOutOfEmail: true, AnnualRevenue__c: 120000 },
      },
    ]);
  });

  it('attributeFields may rename: attribute name → field', () => {
    const contact = { Id: CONTACT, Annual_Revenue__c: 480000, Industry__c: 'Banking' };
    const result = fromSalesforce(
      { contacts: [contact] },
      { attributeFields: { annualRevenue: 'Annual_Revenue__c', sector: 'Industry__c' } },
    );
    expect(result.contacts[0]!.attributes).toEqual({ sobjectType: 'Contact', annualRevenue: 480000, sector: 'Banking' });
  });

  it('calendar may be chosen per TimeZoneSidKey', () => {
    const result = fromSalesforce({ users }, { calendar: { 'Europe/London': 'uk', 'America/New_York': 'us' } });
    expect(result.owners.map((owner) => owner.calendar)).toEqual(['uk', 'us', undefined]);
  });

  it('an email opt-out alone does not stop calls', () => {
    const result = fromSalesforce({ contacts: [{ Id: CONTACT, HasOptedOutOfEmail: true, DoNotCall: false }] });
    expect(result.contacts[0]!.doNotContact).toBeUndefined();
  });

  it('a lead owned by a queue has no owner', () => {
    const lead = { attributes: { type: 'Lead' }, Id: '00Q8c00000Lea01EAB', OwnerId: '00G8c000000Que1EAA', IsConverted: false };
    expect(fromSalesforce({ leads: [lead] }).contacts[0]!.ownerId).toBeUndefined();
  });

  const bad: [string, SalesforceRecords, FromSalesforceOptions, string, string, string][] = [
    [
      'a bad CreatedDate',
      { contacts: [{ Id: CONTACT, CreatedDate: '2025-02-30T00:00:00.000+0000' }] },
      {},
      'contacts',
      'bad-instant',
      'CreatedDate',
    ],
    [
      'an unknown contact zone',
      { contacts: [{ Id: CONTACT, Tz__c: 'Europe/Atlantis' }] },
      { timeZoneField: 'Tz__c' },
      'contacts',
      'unknown-zone',
      'Tz__c',
    ],
    ['a DoNotCall that is not a boolean', { contacts: [{ Id: CONTACT, DoNotCall: 'maybe' }] }, {}, 'contacts', 'bad-value', 'DoNotCall'],
    ['a contact without Id', { contacts: [{ attributes: { type: 'Contact' }, LastName: 'Lovelace' }] }, {}, 'contacts', 'missing-id', 'Id'],
    [
      'an unknown TimeZoneSidKey',
      { users: [{ Id: LONDON_REP, TimeZoneSidKey: 'Mars/Olympus_Mons' }] },
      {},
      'users',
      'unknown-zone',
      'TimeZoneSidKey',
    ],
    [
      'a capacity that is not a whole number',
      { users: [{ Id: LONDON_REP, Calls__c: 2.5 }] },
      { capacityField: 'Calls__c' },
      'users',
      'bad-value',
      'Calls__c',
    ],
  ];
  it.each(bad)('%s is an error', (_name, records, options, source, code, field) => {
    const result = fromSalesforce(records, options);
    expect(result.errors).toEqual([expect.objectContaining({ source, code, path: [field] })]);
  });

  it('a record repeated (overlapping query pages) is skipped; the first is kept', () => {
    const result = fromSalesforce({ users: [users[0], users[0]], contacts: [contacts[0], { ...contacts[0], OwnerId: NY_REP }] });
    expect(result.contacts).toEqual([{ id: CONTACT, ownerId: LONDON_REP, attributes: { sobjectType: 'Contact' } }]);
    expect(result.owners).toHaveLength(1);
    expect(result.skipped).toEqual([
      { source: 'users', index: 1, id: LONDON_REP, reason: 'duplicate-id' },
      { source: 'contacts', index: 1, id: CONTACT, reason: 'duplicate-id' },
    ]);
  });

  it('users become owners with their zone, a capacity and a calendar', () => {
    const result = fromSalesforce(
      {
        users: [
          { Id: LONDON_REP, TimeZoneSidKey: 'Europe/London', Calls__c: 12 },
          { Id: NY_REP, TimeZoneSidKey: 'America/New_York' },
        ],
      },
      { capacityField: 'Calls__c', dailyCapacity: 8, calendar: 'uk' },
    );
    expect(result.owners).toEqual([
      { id: LONDON_REP, timeZone: 'Europe/London', dailyCapacity: 12, calendar: 'uk' },
      { id: NY_REP, timeZone: 'America/New_York', dailyCapacity: 8, calendar: 'uk' },
    ]);
  });
});

describe('fromSalesforce: won opportunities', () => {
  const opportunity = (Id: string, fields: Record<string, unknown>) => ({ attributes: { type: 'Opportunity' }, Id, ...fields });
  const role = (OpportunityId: string, ContactId: string) => ({ attributes: { type: 'OpportunityContactRole' }, OpportunityId, ContactId });

  it('a won deal gives each of its contacts a closedWon date; the latest close wins', () => {
    const result = fromSalesforce({
      contacts,
      opportunities: [
        opportunity('0068c00000Won01AAB', { IsWon: true, IsClosed: true, CloseDate: '2026-10-01' }),
        opportunity('0068c00000Won02AAB', { IsWon: true, IsClosed: true, CloseDate: '2026-06-30' }),
      ],
      opportunityContactRoles: [
        role('0068c00000Won01AAB', CONTACT),
        role('0068c00000Won02AAB', CONTACT),
        role('0068c00000Won02AAB', NY_CONTACT),
      ],
    });
    expect(result.contacts.find((contact) => contact.id === CONTACT)!.events).toEqual({ closedWon: '2026-10-01' });
    expect(result.contacts.find((contact) => contact.id === NY_CONTACT)!.events).toEqual({ closedWon: '2026-06-30' });
    expect(result.counts.opportunities).toEqual({ read: 2, mapped: 2, skipped: 0, errors: 0 });
  });

  it('wonEvent renames the event', () => {
    const result = fromSalesforce(
      {
        contacts,
        opportunities: [opportunity('0068c00000Won01AAB', { IsWon: true, CloseDate: '2026-10-01' })],
        opportunityContactRoles: [role('0068c00000Won01AAB', CONTACT)],
      },
      { wonEvent: 'contractStart' },
    );
    expect(result.contacts[0]!.events).toEqual({ contractStart: '2026-10-01' });
  });

  const rows: [string, Record<string, unknown>, boolean, string][] = [
    ['a lost deal', { IsWon: false, IsClosed: true, CloseDate: '2026-10-01' }, true, 'lost-opportunity'],
    ['an open deal', { IsWon: false, IsClosed: false, CloseDate: '2026-12-01' }, true, 'open-opportunity'],
    ['a won deal without contact roles', { IsWon: true, IsClosed: true, CloseDate: '2026-10-01' }, false, 'no-contact-role'],
  ];
  it.each(rows)('%s is skipped', (_name, fields, withRole, reason) => {
    const result = fromSalesforce({
      contacts,
      opportunities: [opportunity('0068c00000Opp01AAB', fields)],
      opportunityContactRoles: withRole ? [role('0068c00000Opp01AAB', CONTACT)] : [],
    });
    expect(result.skipped.find((entry) => entry.source === 'opportunities')!.reason).toBe(reason);
    expect(result.contacts[0]!.events).toBeUndefined();
  });

  it('a won deal with a bad CloseDate is an error', () => {
    const result = fromSalesforce({ opportunities: [opportunity('0068c00000Won01AAB', { IsWon: true, CloseDate: '2026-02-30' })] });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'bad-date', source: 'opportunities', path: ['CloseDate'] })]);
  });
});

describe('fromSalesforce: completed planned tasks count for their cycle', () => {
  const key = taskKey({ contactId: CONTACT, cycleId: 'review', dueOn: '2026-12-31' });

  it('with the policy, a keyed task takes the touch shape of its cycle (review needs purpose review)', () => {
    const result = readTasks([call({ Calling_Cycle_Key__c: key, CallDisposition: 'Connected' })], { policy: salesforcePolicy });
    expect(result.touches).toEqual([
      {
        contactId: CONTACT,
        at: '2026-11-02T10:00:00.000Z',
        channel: 'call',
        direction: 'outbound',
        outcome: 'connected',
        purpose: 'review',
      },
    ]);
  });

  it('the key field is configurable', () => {
    const result = readTasks([call({ Cycle_Key__c: key })], { policy: salesforcePolicy, keyField: 'Cycle_Key__c' });
    expect(result.touches[0]!.purpose).toBe('review');
  });

  it("the rep's call result still decides: a voicemail on a planned call does not close the cycle", () => {
    const result = readTasks([call({ Calling_Cycle_Key__c: key, CallDisposition: 'Left Voicemail' })], { policy: salesforcePolicy });
    expect(result.touches[0]).toMatchObject({ purpose: 'review', outcome: 'voicemail' });
  });

  it('without a policy, or for a cycle the policy lacks, the key changes nothing', () => {
    expect(readTasks([call({ Calling_Cycle_Key__c: key })]).touches[0]!.purpose).toBeUndefined();
    const stray = taskKey({ contactId: CONTACT, cycleId: 'no-such-cycle', dueOn: '2026-12-31' });
    expect(readTasks([call({ Calling_Cycle_Key__c: stray })], { policy: salesforcePolicy }).touches[0]!.purpose).toBeUndefined();
  });

  it('a planned task written without TaskSubtype still reads back as a call of its cycle', () => {
    const bare = call({ Calling_Cycle_Key__c: key, TaskSubtype: null, CallType: null, Type: null });
    expect(readTasks([bare], { policy: salesforcePolicy }).touches[0]).toMatchObject({ channel: 'call', purpose: 'review' });
    expect(readTasks([bare]).skipped.map((entry) => entry.reason)).toEqual(['not-a-touch-type']);
  });

  it('an open planned task is still not a touch', () => {
    const result = readTasks([call({ Calling_Cycle_Key__c: key, Status: 'Not Started', IsClosed: false })], { policy: salesforcePolicy });
    expect(result.touches).toEqual([]);
  });
});

describe('fromSalesforce: never throws, never drops', () => {
  it('records that are not objects are errors, each counted', () => {
    const result = fromSalesforce({ contacts: [null, 7, 'x', []] as unknown[], tasks: [undefined] as unknown[] });
    expect(result.errors.map((error) => `${error.source}:${error.index}:${error.code}`)).toEqual([
      'contacts:0:not-an-object',
      'contacts:1:not-an-object',
      'contacts:2:not-an-object',
      'contacts:3:not-an-object',
      'tasks:0:not-an-object',
    ]);
    expect(result.counts.contacts).toEqual({ read: 4, mapped: 0, skipped: 0, errors: 4 });
  });

  it('takes a whole query response ({ totalSize, done, records }) as a collection', () => {
    const response = { totalSize: 1, done: true, records: [contacts[0]] };
    expect(fromSalesforce({ contacts: response }).contacts.map((contact) => contact.id)).toEqual([CONTACT]);
  });

  it('throws an InputError only for a call that cannot mean anything', () => {
    expect(() => fromSalesforce({ tasks: { totalSize: 1 } } as unknown as SalesforceRecords)).toThrow(InputError);
    expect(() => fromSalesforce({ tasks: 'Task' } as unknown as SalesforceRecords)).toThrow(/records\.tasks must be a list/);
    expect(() => fromSalesforce(null as unknown as SalesforceRecords)).toThrow(InputError);
  });

  const badOptions: [string, FromSalesforceOptions][] = [
    ['source', { source: 'csv' as 'api' }],
    ['dateOnlyTime', { dateOnlyTime: '12' }],
    ['timeZone', { timeZone: 'Europe/Lndon' }],
    ['now', { now: 'tomorrow' }],
    ['dailyCapacity', { dailyCapacity: -1 }],
  ];
  it.each(badOptions)('a bad options.%s throws an InputError naming it', (name, options) => {
    expect(() => fromSalesforce({}, options)).toThrow(InputError);
    expect(() => fromSalesforce({}, options)).toThrow(`options.${name}`);
  });

  it('reports every collection, read or not', () => {
    const result = fromSalesforce({});
    expect(Object.keys(result.counts).sort()).toEqual(
      [
        'contacts',
        'eventWhoRelations',
        'events',
        'leads',
        'opportunities',
        'opportunityContactRoles',
        'taskWhoRelations',
        'tasks',
        'users',
      ].sort(),
    );
  });
});
