/**
 * The HubSpot, Salesforce and Pipedrive readers on ids holding a lone UTF-16 surrogate (a payload
 * parsed from JSON can hold `"\ud800"`; no UTF-8 file, URL or CRM can carry it): a record whose own
 * id, or any id it names another record by, is ill-formed is one `bad-id` error at that field, as
 * fromCsv and evaluate report it, never `missing-id` nor a quiet skip. Each case adds one record
 * (or two: an activity and its relation) to a book written in the shapes of the adapter fixtures
 * and checks that nothing else of the result moved; the same record with a well-formed id (an
 * emoji) is no bad-id, so the error is about the id.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHubSpot } from '../../src/adapters/hubspot/index.js';
import { fromPipedrive, matchPipedriveActivities } from '../../src/adapters/pipedrive/index.js';
import { fromSalesforce } from '../../src/adapters/salesforce/index.js';
import type { AdapterResult } from '../../src/adapters/shared/types.js';
import { call, deal, email, hubSpotBook, MARIA, meeting, object, owner, task } from './hubspot/book.js';
import { policy as pipedrivePolicy } from './pipedrive/book.js';
import { v1Records } from './pipedrive/v1.js';
import { v2Records } from './pipedrive/v2.js';
import { ids, salesforcePolicy, salesforceRecords } from './salesforce/fixture.js';

const LONE = '\uD800';
const WAVE = '\uD83D\uDC4B';

type Book = Record<string, unknown[]>;
type Reader = (book: Book) => AdapterResult;

interface Case {
  name: string;
  /** The records to append, by collection; `bad` is the ill-formed id, or its well-formed stand-in. */
  add: (bad: string) => Record<string, unknown[]>;
  source: string;
  /** Index of the record in error, counted from the records already in the book's collection. */
  offset?: number;
  /** Records read inside the added ones (a task's nested relations), counted as read too. */
  nested?: number;
  path: (string | number)[];
}

const totalRead = (result: AdapterResult) => Object.values(result.counts).reduce((sum, count) => sum + count.read, 0);

/** Appends each case's records to a fresh book, reads it, and holds the result to the one error. */
function check(read: Reader, makeBook: () => Book, testCase: Case): void {
  const baseline = read(makeBook());
  expect(baseline.errors.filter((error) => error.code === 'bad-id')).toEqual([]);
  const build = (bad: string) => {
    const book = makeBook();
    const added = testCase.add(bad);
    const index = (book[testCase.source] ?? []).length + (testCase.offset ?? 0);
    for (const [collection, records] of Object.entries(added)) book[collection] = [...(book[collection] ?? []), ...records];
    return { book, index, added: Object.values(added).reduce((sum, records) => sum + records.length, testCase.nested ?? 0) };
  };

  const { book, index, added } = build(`7${LONE}`);
  const before = structuredClone(book);
  const result = read(book);
  expect(book).toEqual(before);
  const badIds = result.errors.filter((error) => error.code === 'bad-id');
  expect(badIds).toHaveLength(1);
  expect(badIds[0]).toMatchObject({ code: 'bad-id', source: testCase.source, index, path: testCase.path });
  expect(badIds[0]!.message).toContain('holds a lone UTF-16 surrogate, which no UTF-8 output can hold');
  expect(badIds[0]!.id === undefined || !badIds[0]!.id.includes(LONE)).toBe(true);
  // Nothing else moved: the other errors, every contact, owner and touch, and every record accounted for.
  expect(result.errors.filter((error) => error.code !== 'bad-id')).toEqual(baseline.errors);
  expect(result.contacts).toEqual(baseline.contacts);
  expect(result.owners).toEqual(baseline.owners);
  expect(result.touches).toEqual(baseline.touches);
  expect(totalRead(result)).toBe(totalRead(baseline) + added);
  for (const count of Object.values(result.counts)) expect(count.read).toBe(count.mapped + count.skipped + count.errors);

  // The same record with a well-formed id (an emoji, astral) is no bad-id: mapped, or (a reference
  // to a record the book lacks) whatever an unknown reference is.
  const control = read(build(`7${WAVE}`).book);
  expect(control.errors.filter((error) => error.code === 'bad-id')).toEqual([]);
  expect(totalRead(control)).toBe(totalRead(baseline) + added);
}

// ——— HubSpot ———

const hubSpotRead: Reader = (book) => fromHubSpot(book as never, { owners: { [MARIA]: { timeZone: 'Europe/London' } } });
const completedCall = { hs_timestamp: '2026-11-20T10:00:00Z', hs_call_status: 'COMPLETED', hs_call_direction: 'OUTBOUND' };
const wonDeal = { dealname: 'Extra', dealstage: 'closedwon', closedate: '2026-11-01T00:00:00Z' };

const hubSpotCases: Case[] = [
  { name: 'a contact id', add: (bad) => ({ contacts: [object(bad, { firstname: 'Zoë' })] }), source: 'contacts', path: ['id'] },
  { name: 'an owner id', add: (bad) => ({ owners: [owner(bad, 'Zed')] }), source: 'owners', path: ['id'] },
  { name: 'a call id', add: (bad) => ({ calls: [call(bad, completedCall, '101')] }), source: 'calls', path: ['id'] },
  {
    name: 'a meeting id',
    add: (bad) => ({ meetings: [meeting(bad, { hs_meeting_start_time: '2026-11-02T10:00:00Z', hs_meeting_outcome: 'COMPLETED' }, '101')] }),
    source: 'meetings',
    path: ['id'],
  },
  {
    name: 'an email id',
    add: (bad) => ({ emails: [email(bad, { hs_timestamp: '2026-11-02T10:00:00Z', hs_email_direction: 'EMAIL', hs_email_status: 'SENT' }, '101')] }),
    source: 'emails',
    path: ['id'],
  },
  {
    name: 'a task id',
    add: (bad) => ({ tasks: [task(bad, { hs_timestamp: '2026-11-02T10:00:00Z', hs_task_status: 'COMPLETED', hs_task_type: 'EMAIL' }, '101')] }),
    source: 'tasks',
    path: ['id'],
  },
  { name: 'a deal id', add: (bad) => ({ deals: [deal(bad, wonDeal, '101')] }), source: 'deals', path: ['id'] },
  {
    name: "a contact's hubspot_owner_id",
    add: (bad) => ({ contacts: [object('199', { firstname: 'Zoë', hubspot_owner_id: bad })] }),
    source: 'contacts',
    path: ['properties', 'hubspot_owner_id'],
  },
  {
    name: "a call's associated contact (v3)",
    add: (bad) => ({ calls: [call('9901', completedCall, '101', bad)] }),
    source: 'calls',
    path: ['associations', 'contacts', 'results', 1, 'id'],
  },
  {
    name: "a meeting's associated contact (v4)",
    add: (bad) => ({
      meetings: [
        object(
          '7901',
          { hs_meeting_start_time: '2026-11-02T10:00:00Z', hs_meeting_outcome: 'COMPLETED' },
          { associations: { contacts: [{ toObjectId: bad, associationTypes: [] }] } as never },
        ),
      ],
    }),
    source: 'meetings',
    path: ['associations', 'contacts', 0, 'toObjectId'],
  },
  {
    name: "a won deal's associated contact",
    add: (bad) => ({ deals: [deal('5901', wonDeal, bad)] }),
    source: 'deals',
    path: ['associations', 'contacts', 'results', 0, 'id'],
  },
  {
    name: "a call's callee (hs_call_callee_object_id)",
    add: (bad) => ({ calls: [object('9902', { ...completedCall, hs_call_callee_object_id: bad, hs_call_callee_object_type: 'CONTACT' })] }),
    source: 'calls',
    path: ['properties', 'hs_call_callee_object_id'],
  },
  {
    name: "a CALL task's linked call",
    add: (bad) => ({
      tasks: [
        object(
          '6901',
          { hs_timestamp: '2026-11-02T10:00:00Z', hs_task_status: 'COMPLETED', hs_task_type: 'CALL' },
          { associations: { contacts: { results: [{ id: '101', type: 'task_to_contact' }] }, calls: { results: [{ id: bad, type: 'task_to_call' }] } } },
        ),
      ],
    }),
    source: 'tasks',
    path: ['associations', 'calls', 'results', 0, 'id'],
  },
  {
    name: "a planned task's key (the contact it was planned for)",
    add: (bad) => ({
      tasks: [task('6902', { hs_timestamp: '2026-11-02T10:00:00Z', hs_task_status: 'COMPLETED', hs_task_type: 'CALL', calling_cycle_key: `cc1:${bad}:check-in:2026-11-02` }, '101')],
    }),
    source: 'tasks',
    path: ['properties', 'calling_cycle_key'],
  },
];

describe('fromHubSpot: an ill-formed id is bad-id', () => {
  it.each(hubSpotCases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    check(hubSpotRead, () => hubSpotBook() as unknown as Book, testCase);
  });
});

// ——— Salesforce ———

const salesforceRead: Reader = (book) => fromSalesforce(book as never);
const sfTask = (Id: string, fields: Record<string, unknown>) => ({
  attributes: { type: 'Task', url: `/services/data/v62.0/sobjects/Task/${Id}` },
  Id,
  OwnerId: ids.london,
  Subject: 'Call',
  Status: 'Completed',
  IsClosed: true,
  TaskSubtype: 'Call',
  CallType: 'Outbound',
  ActivityDate: '2026-11-20',
  CompletedDateTime: '2026-11-20T10:00:00.000+0000',
  IsDeleted: false,
  IsRecurrence: false,
  ...fields,
});
const sfContact = (Id: string, fields: Record<string, unknown> = {}) => ({
  attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${Id}` },
  Id,
  OwnerId: ids.london,
  CreatedDate: '2025-03-04T09:15:00.000+0000',
  ...fields,
});
const relation = (fields: Record<string, unknown>) => ({ attributes: { type: 'TaskWhoRelation' }, Type: 'Contact', ...fields });

const salesforceCases: Case[] = [
  { name: 'a User Id', add: (bad) => ({ users: [{ Id: bad, Name: 'Zed', TimeZoneSidKey: 'Europe/London', IsActive: true }] }), source: 'users', path: ['Id'] },
  { name: 'a Contact Id', add: (bad) => ({ contacts: [sfContact(bad)] }), source: 'contacts', path: ['Id'] },
  { name: 'a Lead Id', add: (bad) => ({ leads: [{ Id: bad, OwnerId: ids.london, IsConverted: false }] }), source: 'leads', path: ['Id'] },
  { name: 'a Task Id', add: (bad) => ({ tasks: [sfTask(bad, { WhoId: ids.ada })] }), source: 'tasks', path: ['Id'] },
  {
    name: 'an Event Id',
    add: (bad) => ({ events: [{ Id: bad, WhoId: ids.ada, StartDateTime: '2026-11-02T10:00:00.000+0000', IsChild: false, IsAllDayEvent: false }] }),
    source: 'events',
    path: ['Id'],
  },
  {
    name: 'an Opportunity Id',
    add: (bad) => ({ opportunities: [{ Id: bad, IsWon: true, IsClosed: true, CloseDate: '2026-10-01' }] }),
    source: 'opportunities',
    path: ['Id'],
  },
  {
    name: 'an OpportunityContactRole Id',
    add: (bad) => ({ opportunityContactRoles: [{ Id: bad, OpportunityId: ids.openDeal, ContactId: ids.ada }] }),
    source: 'opportunityContactRoles',
    path: ['Id'],
  },
  {
    name: "a Contact's OwnerId",
    add: (bad) => ({ contacts: [sfContact('0038c00002Zoe09AAB', { OwnerId: bad })] }),
    source: 'contacts',
    path: ['OwnerId'],
  },
  {
    name: "a converted Lead's ConvertedContactId",
    add: (bad) => ({ leads: [{ Id: '00Q8c00000Zoe09EAB', OwnerId: ids.london, IsConverted: true, ConvertedContactId: bad }] }),
    source: 'leads',
    path: ['ConvertedContactId'],
  },
  { name: "a Task's WhoId", add: (bad) => ({ tasks: [sfTask('00T8c00000Zoe09AAB', { WhoId: bad })] }), source: 'tasks', path: ['WhoId'] },
  {
    name: "a role's OpportunityId",
    add: (bad) => ({ opportunityContactRoles: [{ Id: '00K8c00000Zoe09AAB', OpportunityId: bad, ContactId: ids.ada }] }),
    source: 'opportunityContactRoles',
    path: ['OpportunityId'],
  },
  {
    name: "a role's ContactId",
    add: (bad) => ({ opportunityContactRoles: [{ Id: '00K8c00000Zoe08AAB', OpportunityId: ids.openDeal, ContactId: bad }] }),
    source: 'opportunityContactRoles',
    path: ['ContactId'],
  },
  {
    name: "a flat relation's TaskId",
    add: (bad) => ({ taskWhoRelations: [relation({ Id: '0RT8c00000Zoe09AAB', TaskId: bad, RelationId: ids.ada })] }),
    source: 'taskWhoRelations',
    path: ['TaskId'],
  },
  {
    name: "a flat relation's RelationId",
    add: (bad) => ({
      tasks: [sfTask('00T8c00000Zoe08AAB', {})],
      taskWhoRelations: [relation({ Id: '0RT8c00000Zoe08AAB', TaskId: '00T8c00000Zoe08AAB', RelationId: bad })],
    }),
    source: 'taskWhoRelations',
    path: ['RelationId'],
  },
  {
    name: "a flat relation's own Id",
    add: (bad) => ({
      tasks: [sfTask('00T8c00000Zoe07AAB', {})],
      taskWhoRelations: [relation({ Id: bad, TaskId: '00T8c00000Zoe07AAB', RelationId: ids.ada })],
    }),
    source: 'taskWhoRelations',
    path: ['Id'],
  },
  {
    name: "a nested relation's RelationId",
    add: (bad) => ({ tasks: [sfTask('00T8c00000Zoe06AAB', { TaskWhoRelations: { records: [relation({ Id: '0RT8c00000Zoe06AAB', RelationId: bad })] } })] }),
    source: 'taskWhoRelations',
    // Nested relations are numbered after the flat ones, in task order: the fixture's shared task holds three.
    offset: 3,
    nested: 1,
    path: ['RelationId'],
  },
];

describe('fromSalesforce: an ill-formed id is bad-id', () => {
  it.each(salesforceCases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    check(salesforceRead, () => salesforceRecords() as unknown as Book, testCase);
  });

  it("a planned task's key (the contact it was planned for), read with a policy", () => {
    check((book) => fromSalesforce(book as never, { policy: salesforcePolicy }), () => salesforceRecords() as unknown as Book, {
      name: 'key',
      add: (bad) => ({ tasks: [sfTask('00T8c00000Zoe05AAB', { WhoId: ids.ada, Calling_Cycle_Key__c: `cc1:${bad}:check-in:2026-11-20` })] }),
      source: 'tasks',
      path: ['Calling_Cycle_Key__c'],
    });
  });
});

// ——— Pipedrive ———

const pipedriveRead: Reader = (book) => fromPipedrive(book as never);
const doneCall = (id: unknown, fields: Record<string, unknown>) => ({
  id,
  type: 'call',
  done: true,
  is_deleted: false,
  due_date: '2026-11-20',
  due_time: '10:00:00',
  marked_as_done_time: '2026-11-20T10:10:00Z',
  owner_id: 11884360,
  person_id: null,
  participants: [],
  deal_id: null,
  ...fields,
});
const wonV2 = (id: unknown, personId: unknown) => ({ id, status: 'won', person_id: personId, won_time: '2026-10-01T14:00:00Z', is_deleted: false });

const pipedriveCases: Case[] = [
  { name: 'a user id', add: (bad) => ({ users: [{ id: bad, name: 'Zed', active_flag: true }] }), source: 'users', path: ['id'] },
  { name: 'a person id', add: (bad) => ({ persons: [{ id: bad, name: 'Zoë', is_deleted: false }] }), source: 'persons', path: ['id'] },
  { name: 'an activity id', add: (bad) => ({ activities: [doneCall(bad, { person_id: 1001 })] }), source: 'activities', path: ['id'] },
  { name: 'a deal id', add: (bad) => ({ deals: [wonV2(bad, 1001)] }), source: 'deals', path: ['id'] },
  {
    name: "a person's owner_id",
    add: (bad) => ({ persons: [{ id: 1901, name: 'Zoë', owner_id: bad, is_deleted: false }] }),
    source: 'persons',
    path: ['owner_id'],
  },
  {
    name: "a person's owner_id as a v1 object",
    add: (bad) => ({ persons: [{ id: 1902, name: 'Zoë', owner_id: { id: bad, name: 'Zed', value: bad }, active_flag: true }] }),
    source: 'persons',
    path: ['owner_id'],
  },
  { name: "an activity's person_id", add: (bad) => ({ activities: [doneCall(901, { person_id: bad })] }), source: 'activities', path: ['person_id'] },
  {
    name: "an activity participant's person_id",
    add: (bad) => ({ activities: [doneCall(902, { person_id: 1001, participants: [{ person_id: 1001, primary: true }, { person_id: bad, primary: false }] })] }),
    source: 'activities',
    path: ['participants', 1, 'person_id'],
  },
  { name: "an activity's deal_id", add: (bad) => ({ activities: [doneCall(903, { person_id: 1001, deal_id: bad })] }), source: 'activities', path: ['deal_id'] },
  {
    name: "an untimed activity's owner_id",
    add: (bad) => ({ activities: [doneCall(904, { person_id: 1001, due_time: null, marked_as_done_time: null, owner_id: bad })] }),
    source: 'activities',
    path: ['owner_id'],
  },
  { name: "a won deal's person_id", add: (bad) => ({ deals: [wonV2(905, bad)] }), source: 'deals', path: ['person_id'] },
  {
    name: 'the person of the deal an activity is linked to',
    add: (bad) => ({ deals: [{ ...wonV2(906, bad), status: 'open' }], activities: [doneCall(907, { deal_id: 906 })] }),
    source: 'activities',
    path: ['deal_id'],
  },
];

describe('fromPipedrive: an ill-formed id is bad-id', () => {
  it.each(pipedriveCases.map((testCase) => [testCase.name, testCase] as const))('v2: %s', (_name, testCase) => {
    check(pipedriveRead, () => v2Records() as unknown as Book, testCase);
  });
  it('v1: a person id, and a person_id given as an object', () => {
    check(pipedriveRead, () => v1Records() as unknown as Book, pipedriveCases[1]!);
    check(pipedriveRead, () => v1Records() as unknown as Book, {
      name: 'v1 person_id object',
      add: (bad) => ({ activities: [doneCall(908, { person_id: { name: 'Zoë', value: bad } })] }),
      source: 'activities',
      path: ['person_id'],
    });
  });
});

describe('fromPipedrive: a planned activity whose key names an ill-formed contact', () => {
  it('is bad-id when read with a policy, at the field holding the key', () => {
    check((book) => fromPipedrive(book as never, { policy: pipedrivePolicy }), () => v2Records() as unknown as Book, {
      name: 'key',
      add: (bad) => ({ activities: [doneCall(909, { person_id: 1001, note: `Done.<br>[cc1:${bad}:check-in:2026-11-20]` })] }),
      source: 'activities',
      path: ['note'],
    });
  });

  it('is left unmatched by matchPipedriveActivities, which still matches the others', () => {
    const existing = [
      { id: 1, done: false, note: `[cc1:7${LONE}:check-in:2026-12-01]` },
      { id: 2, done: false, note: '[cc1:1001:check-in:2026-12-01]' },
    ];
    const payloads = [{ subject: 'Call', type: 'call', note: '[cc1:1001:check-in:2026-12-01]' }] as never[];
    const sync = matchPipedriveActivities(existing, payloads);
    expect(sync.update.map((entry) => entry.id)).toEqual([2]);
    expect(sync.create).toEqual([]);
  });
});

describe('every reader: exactly the records with an ill-formed id are bad-id', () => {
  const idArb = fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }).filter((id) => id.trim() !== ''),
    fc.constantFrom(`c${LONE}`, `\uDC00x`, `${WAVE}`, `a${LONE}${WAVE}`),
  );
  // The oracle: a high surrogate with no low one after it, or a low one with no high one before it.
  const illFormed = (id: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(id);
  const unique = { selector: (id: string) => id };

  it('fromHubSpot contacts', () => {
    fc.assert(
      fc.property(fc.uniqueArray(idArb, { ...unique, maxLength: 8 }), (contactIds) => {
        const result = fromHubSpot({ contacts: contactIds.map((id) => object(id, { firstname: 'A' })) });
        expect(result.errors.map((error) => [error.code, error.index])).toEqual(
          contactIds.flatMap((id, index) => (illFormed(id) ? [['bad-id', index]] : [])),
        );
        expect(result.contacts.map((contact) => contact.id)).toEqual(contactIds.filter((id) => !illFormed(id)));
      }),
      { examples: [[[`c${LONE}`, WAVE, 'ok']]] },
    );
  });

  it('fromSalesforce contacts', () => {
    fc.assert(
      fc.property(fc.uniqueArray(idArb, { selector: (id) => id.trim(), maxLength: 8 }), (contactIds) => {
        const result = fromSalesforce({ contacts: contactIds.map((id) => sfContact(id)) });
        expect(result.errors.map((error) => [error.code, error.index])).toEqual(
          contactIds.flatMap((id, index) => (illFormed(id) ? [['bad-id', index]] : [])),
        );
        expect(result.contacts.map((contact) => contact.id)).toEqual(contactIds.filter((id) => !illFormed(id)).map((id) => id.trim()));
      }),
      { examples: [[[`c${LONE}`, WAVE, 'ok']]] },
    );
  });

  it('fromPipedrive persons', () => {
    fc.assert(
      fc.property(fc.uniqueArray(idArb, { ...unique, maxLength: 8 }), (personIds) => {
        const result = fromPipedrive({ persons: personIds.map((id) => ({ id, name: 'A', is_deleted: false })) });
        expect(result.errors.map((error) => [error.code, error.index])).toEqual(
          personIds.flatMap((id, index) => (illFormed(id) ? [['bad-id', index]] : [])),
        );
        expect(result.contacts.map((contact) => contact.id)).toEqual(personIds.filter((id) => !illFormed(id)));
      }),
      { examples: [[[`c${LONE}`, WAVE, 'ok']]] },
    );
  });
});
