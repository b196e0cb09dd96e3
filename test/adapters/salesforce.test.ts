/**
 * The Salesforce adapter against the shared adapter conformance suite, with the fixture org of
 * test/adapters/salesforce/fixture.ts.
 */
import { fromSalesforce, type SalesforceTask, toSalesforceTasks } from '../../src/adapters/salesforce/index.js';
import { describeAdapterConformance } from './conformance.js';
import { ids, salesforceDateTime, salesforcePolicy, salesforceRecords } from './salesforce/fixture.js';

type Records = ReturnType<typeof salesforceRecords>;

const read = (records: Records) => fromSalesforce(records, { policy: salesforcePolicy, attributeFields: ['Tier__c'], dailyCapacity: 3 });

describeAdapterConformance<Records, SalesforceTask>({
  name: 'Salesforce',
  records: salesforceRecords,
  read,
  // Counted from the fixture by hand: 3 users, 5 contacts, 2 leads, 11 tasks (one shared with
  // three TaskWhoRelations), 3 events, 2 opportunities, 2 contact roles (one nested, one flat).
  inputCounts: {
    users: 3,
    contacts: 5,
    leads: 2,
    tasks: 11,
    taskWhoRelations: 3,
    events: 3,
    opportunities: 2,
    opportunityContactRoles: 2,
  },
  contactIds: [ids.ada, ids.grace, ids.alan, ids.barbara, ids.lead],
  withOpenActivity: (records) => {
    const completed = records.tasks[1]!;
    const open = {
      ...completed,
      Id: '00T8c00000Tsk99AAB',
      Status: 'In Progress',
      IsClosed: false,
      CompletedDateTime: null,
      CallDisposition: null,
    };
    return { ...records, tasks: [...records.tasks, open] };
  },
  withIllFormedContactId: (records) => ({ ...records, contacts: [...(records.contacts as object[]), { ...(records.contacts as object[])[0]!, Id: 'c\uD800' }] }),
  policy: salesforcePolicy,
  now: '2026-11-23T08:00:00.000Z',
  write: (plan) => toSalesforceTasks(plan),
  keyOf: (task) => String(task.Calling_Cycle_Key__c),
  // What a rep's "Log a Call" on the planned task leaves behind, as the API returns it.
  complete: (records, task, at) => {
    const { attributes: _type, ...fields } = task;
    const completed = {
      attributes: { type: 'Task', url: '/services/data/v62.0/sobjects/Task/00T8c00000Pln01AAB' },
      Id: '00T8c00000Pln01AAB',
      ...fields,
      Status: 'Completed',
      IsClosed: true,
      CallType: 'Outbound',
      CallDisposition: 'Connected',
      CompletedDateTime: salesforceDateTime(at),
    };
    return { ...records, tasks: [...records.tasks, completed] };
  },
});
