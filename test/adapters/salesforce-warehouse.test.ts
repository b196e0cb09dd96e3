/**
 * fromSalesforce with `source: 'warehouse'`: the same objects as a Fivetran/Airbyte sync lands
 * them (snake_case columns, `2019-11-11 17:23:34` timestamps in UTC without an offset, booleans as
 * `TRUE`/`FALSE` text when exported to CSV, `_fivetran_deleted` and `_fivetran_active` bookkeeping
 * columns). The column names follow the connectors' published schemas (sf_task_data.csv …).
 */
import { describe, expect, it } from 'vitest';
import { fromSalesforce, warehouseColumn } from '../../src/adapters/salesforce/index.js';
import { taskKey } from '../../src/adapters/shared/keys.js';
import { salesforcePolicy } from './salesforce/fixture.js';

const REP = '0051G000005Mun4QAC';
const ADA = '0031G00001S3ckZQAR';
const GRACE = '0031G00001S3JniQAF';

describe('warehouseColumn: the connectors’ column names', () => {
  const rows: [string, string][] = [
    ['Id', 'id'],
    ['WhoId', 'who_id'],
    ['OwnerId', 'owner_id'],
    ['ActivityDate', 'activity_date'],
    ['CompletedDateTime', 'completed_date_time'],
    ['IsClosed', 'is_closed'],
    ['TaskSubtype', 'task_subtype'],
    ['CallDisposition', 'call_disposition'],
    ['TimeZoneSidKey', 'time_zone_sid_key'],
    ['IsAllDayEvent', 'is_all_day_event'],
    ['HasOptedOutOfEmail', 'has_opted_out_of_email'],
    ['DoNotCall', 'do_not_call'],
    ['Calling_Cycle_Key__c', 'calling_cycle_key_c'],
    ['Referral_Account__c', 'referral_account_c'],
  ];
  it.each(rows)('%s → %s', (api, column) => expect(warehouseColumn(api)).toBe(column));
});

/** The same small org twice: as REST records and as warehouse rows. */
const rest = {
  users: [{ attributes: { type: 'User' }, Id: REP, TimeZoneSidKey: 'America/Los_Angeles' }],
  contacts: [
    { attributes: { type: 'Contact' }, Id: ADA, OwnerId: REP, CreatedDate: '2019-11-11T17:23:34.000+0000', DoNotCall: false },
    { attributes: { type: 'Contact' }, Id: GRACE, OwnerId: REP, CreatedDate: '2019-11-12T08:00:00.000+0000', DoNotCall: true },
  ],
  tasks: [
    {
      attributes: { type: 'Task' },
      Id: '00T1G00003Ufap9UAB',
      WhoId: ADA,
      OwnerId: REP,
      Status: 'Completed',
      IsClosed: true,
      TaskSubtype: 'Call',
      CallType: 'Outbound',
      CallDisposition: 'Left Voicemail',
      ActivityDate: '2026-11-02',
      CompletedDateTime: '2026-11-02T18:30:00.000+0000',
    },
    {
      attributes: { type: 'Task' },
      Id: '00T1G00003UfepsUAB',
      WhoId: ADA,
      OwnerId: REP,
      Status: 'Completed',
      IsClosed: true,
      TaskSubtype: 'Task',
      Type: 'Call',
      ActivityDate: '2026-11-05',
      CompletedDateTime: null,
    },
  ],
  events: [
    {
      attributes: { type: 'Event' },
      Id: '00U1G00000DEaypUAD',
      WhoId: GRACE,
      OwnerId: REP,
      IsChild: false,
      IsAllDayEvent: false,
      StartDateTime: '2026-10-28T17:00:00.000+0000',
    },
  ],
  opportunities: [{ attributes: { type: 'Opportunity' }, Id: '0061G00000N38JZQAZ', IsWon: true, IsClosed: true, CloseDate: '2026-10-01' }],
  opportunityContactRoles: [
    { attributes: { type: 'OpportunityContactRole' }, Id: '00K1G00000Ocr01AAB', OpportunityId: '0061G00000N38JZQAZ', ContactId: ADA },
  ],
};

const warehouse = {
  users: [{ id: REP, time_zone_sid_key: 'America/Los_Angeles', _fivetran_deleted: 'false', _fivetran_synced: '2019-11-26 20:18:23' }],
  contacts: [
    { id: ADA, owner_id: REP, created_date: '2019-11-11 17:23:34', do_not_call: 'FALSE', is_deleted: 'FALSE', _fivetran_deleted: false },
    { id: GRACE, owner_id: REP, created_date: '2019-11-12 08:00:00', do_not_call: 'TRUE', is_deleted: 'FALSE', _fivetran_deleted: false },
  ],
  tasks: [
    {
      id: '00T1G00003Ufap9UAB',
      who_id: ADA,
      owner_id: REP,
      status: 'Completed',
      is_closed: 'TRUE',
      task_subtype: 'Call',
      call_type: 'Outbound',
      call_disposition: 'Left Voicemail',
      // Connectors widen date columns to timestamps at midnight.
      activity_date: '2026-11-02 00:00:00',
      completed_date_time: '2026-11-02 18:30:00',
      is_deleted: 'FALSE',
      _fivetran_deleted: false,
    },
    {
      id: '00T1G00003UfepsUAB',
      who_id: ADA,
      owner_id: REP,
      status: 'Completed',
      is_closed: 'TRUE',
      task_subtype: 'Task',
      type: 'Call',
      activity_date: '2026-11-05',
      completed_date_time: '',
      is_deleted: 'FALSE',
      _fivetran_deleted: false,
    },
  ],
  events: [
    {
      id: '00U1G00000DEaypUAD',
      who_id: GRACE,
      owner_id: REP,
      is_child: 'FALSE',
      is_all_day_event: 'FALSE',
      start_date_time: '2026-10-28 17:00:00',
      _fivetran_deleted: false,
    },
  ],
  opportunities: [{ id: '0061G00000N38JZQAZ', is_won: 't', is_closed: 't', close_date: '2026-10-01', _fivetran_deleted: false }],
  opportunityContactRoles: [{ id: '00K1G00000Ocr01AAB', opportunity_id: '0061G00000N38JZQAZ', contact_id: ADA, _fivetran_deleted: false }],
};

describe("fromSalesforce({ source: 'warehouse' })", () => {
  it('reads a warehouse export exactly as the same records from the API', () => {
    const fromApi = fromSalesforce(rest);
    const fromWarehouse = fromSalesforce(warehouse, { source: 'warehouse' });
    expect(fromApi.errors).toEqual([]);
    expect(fromWarehouse.errors).toEqual([]);
    expect(fromWarehouse.contacts).toEqual(fromApi.contacts);
    expect(fromWarehouse.touches).toEqual(fromApi.touches);
    expect(fromWarehouse.owners).toEqual(fromApi.owners);
    // Hand-checked: 18:30 UTC as given; the date-only call at noon in Los Angeles (PST, UTC−8, on 5 November 2026).
    expect(fromWarehouse.touches.map((touch) => touch.at)).toEqual([
      '2026-11-02T18:30:00.000Z',
      '2026-11-05T20:00:00.000Z',
      '2026-10-28T17:00:00.000Z',
    ]);
    expect(fromWarehouse.contacts[0]!.events).toEqual({ closedWon: '2026-10-01' });
    expect(fromWarehouse.contacts[1]!.doNotContact).toBe(true);
  });

  const instants: [string, unknown, string][] = [
    ['no offset: UTC', '2026-11-02 18:30:00', '2026-11-02T18:30:00.000Z'],
    ['microseconds, no offset', '2026-11-02 18:30:00.123456', '2026-11-02T18:30:00.123Z'],
    ['a T and no offset', '2026-11-02T18:30:00', '2026-11-02T18:30:00.000Z'],
    ['a trailing UTC (BigQuery)', '2026-11-02 18:30:00 UTC', '2026-11-02T18:30:00.000Z'],
    ['an offset after a space (Snowflake)', '2026-11-02 10:30:00.000 -0800', '2026-11-02T18:30:00.000Z'],
    ['an offset with a colon', '2026-11-02 19:30:00+01:00', '2026-11-02T18:30:00.000Z'],
    ['a Date from a driver', new Date(Date.UTC(2026, 10, 2, 18, 30)), '2026-11-02T18:30:00.000Z'],
    ['epoch milliseconds', Date.UTC(2026, 10, 2, 18, 30), '2026-11-02T18:30:00.000Z'],
  ];
  it.each(instants)('completed_date_time %s', (_name, value, at) => {
    const result = fromSalesforce(
      { ...warehouse, tasks: [{ ...warehouse.tasks[0], completed_date_time: value }] },
      { source: 'warehouse' },
    );
    expect(result.touches[0]!.at).toBe(at);
  });

  const skips: [string, Record<string, unknown>, string][] = [
    ['_fivetran_deleted true', { _fivetran_deleted: true }, 'deleted'],
    ['_fivetran_deleted "true"', { _fivetran_deleted: 'true' }, 'deleted'],
    ['is_deleted TRUE', { is_deleted: 'TRUE' }, 'deleted'],
    ['_fivetran_active false (an old version in history mode)', { _fivetran_active: false }, 'history-row'],
    ['is_closed FALSE', { is_closed: 'FALSE', status: 'Not Started' }, 'open-task'],
  ];
  it.each(skips)('a row with %s is skipped', (_name, fields, reason) => {
    const result = fromSalesforce({ ...warehouse, tasks: [{ ...warehouse.tasks[0], ...fields }] }, { source: 'warehouse' });
    expect(result.touches.filter((touch) => touch.channel === 'call')).toEqual([]);
    expect(result.skipped).toEqual([{ source: 'tasks', index: 0, id: '00T1G00003Ufap9UAB', reason }]);
  });

  it('a deleted user row is skipped, not an owner', () => {
    const result = fromSalesforce({ users: [{ ...warehouse.users[0], _fivetran_deleted: 'true' }] }, { source: 'warehouse' });
    expect(result.owners).toEqual([]);
    expect(result.skipped).toEqual([{ source: 'users', index: 0, id: REP, reason: 'deleted' }]);
  });

  it('a bad timestamp or flag is an error naming the column', () => {
    const result = fromSalesforce(
      {
        ...warehouse,
        tasks: [
          { ...warehouse.tasks[0], completed_date_time: '2026-11-31 10:00:00' },
          { ...warehouse.tasks[1], is_closed: 'perhaps' },
        ],
      },
      { source: 'warehouse' },
    );
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'bad-instant', source: 'tasks', index: 0, path: ['completed_date_time'] }),
      expect.objectContaining({ code: 'bad-value', source: 'tasks', index: 1, path: ['is_closed'] }),
    ]);
  });

  it('reads the idempotency key from its snake_case column', () => {
    const key = taskKey({ contactId: ADA, cycleId: 'review', dueOn: '2026-12-31' });
    const result = fromSalesforce(
      { ...warehouse, tasks: [{ ...warehouse.tasks[0], call_disposition: 'Connected', calling_cycle_key_c: key }] },
      {
        source: 'warehouse',
        policy: salesforcePolicy,
      },
    );
    expect(result.touches[0]).toMatchObject({ contactId: ADA, purpose: 'review', outcome: 'connected' });
  });

  it('relations come as their own table (task_id, relation_id)', () => {
    const relations = [
      { id: '0RT000000000001AAA', task_id: '00T1G00003Ufap9UAB', relation_id: ADA, type: 'Contact' },
      { id: '0RT000000000002AAA', task_id: '00T1G00003Ufap9UAB', relation_id: GRACE, type: 'Contact' },
    ];
    const result = fromSalesforce(
      { users: warehouse.users, contacts: warehouse.contacts, tasks: [warehouse.tasks[0]], taskWhoRelations: relations },
      { source: 'warehouse' },
    );
    expect(result.touches.map((touch) => touch.contactId)).toEqual([ADA, GRACE]);
    expect(result.counts.taskWhoRelations).toEqual({ read: 2, mapped: 2, skipped: 0, errors: 0 });
    const deleted = [relations[0], { ...relations[1], _fivetran_deleted: true }];
    const again = fromSalesforce(
      { users: warehouse.users, contacts: warehouse.contacts, tasks: [warehouse.tasks[0]], taskWhoRelations: deleted },
      { source: 'warehouse' },
    );
    expect(again.touches.map((touch) => touch.contactId)).toEqual([ADA]);
    expect(again.skipped).toEqual([{ source: 'taskWhoRelations', index: 1, id: '0RT000000000002AAA', reason: 'deleted' }]);
  });

  it('a contact role row deleted in the warehouse sets no event', () => {
    const roles = [{ ...warehouse.opportunityContactRoles[0], _fivetran_deleted: 'true' }];
    const result = fromSalesforce({ ...warehouse, opportunityContactRoles: roles }, { source: 'warehouse' });
    expect(result.contacts[0]!.events).toBeUndefined();
    expect(result.skipped.map((entry) => `${entry.source}:${entry.reason}`)).toEqual([
      'opportunityContactRoles:deleted',
      'opportunities:no-contact-role',
    ]);
  });
});
