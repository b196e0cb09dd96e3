/**
 * toSalesforceTasks: Task sObjects for the sObject Collections API (or an upsert by external id),
 * checked field by field against the Task object reference (WhoId, OwnerId, ActivityDate as a
 * date, Subject ≤ 255 characters, Status and Priority picklist values, TaskSubtype `Call`).
 */
import { describe, expect, it } from 'vitest';
import { toSalesforceTasks } from '../../src/adapters/salesforce/index.js';
import { type DueItem, evaluate, explain, InputError, type Plan, parsePolicy, plan } from '../../src/index.js';

const policy = parsePolicy({
  version: 1,
  timeZone: 'Europe/London',
  tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] }],
  defaultTier: 'A',
});
const owners = [{ id: '0058c00000A1LonAAF', timeZone: 'Europe/London', dailyCapacity: 2 }];
const contacts = [
  // Last called 2026-11-02: due 2026-11-16, a week late on 2026-11-23.
  { id: '0038c00002Ada01AAB', ownerId: owners[0]!.id },
  // Last called 2026-11-18: due 2026-12-02.
  { id: '0038c00002Gra02AAB', ownerId: owners[0]!.id },
  { id: '0038c00002Ala03AAB', ownerId: owners[0]!.id, doNotContact: true },
];
const touches = [
  { contactId: contacts[0]!.id, at: '2026-11-02T10:00:00Z', channel: 'call' as const },
  { contactId: contacts[1]!.id, at: '2026-11-18T10:00:00Z', channel: 'call' as const },
];
const now = '2026-11-23T08:00:00Z';
const { items } = evaluate({ policy, contacts, touches, owners, now });
const week = plan({ policy, items, owners, from: '2026-11-23', days: 14 });

describe('toSalesforceTasks(plan)', () => {
  const tasks = toSalesforceTasks(week);

  it('writes one task per planned touch, dated on its planned day, keyed by its due date', () => {
    const planned = week.owners.flatMap((owner) =>
      owner.days.flatMap((day) => day.touches.map((touch) => ({ owner: owner.ownerId, touch }))),
    );
    expect(planned.length).toBeGreaterThan(0);
    expect(tasks).toHaveLength(planned.length);
    planned.forEach(({ owner, touch }, index) => {
      expect(tasks[index]).toMatchObject({
        WhoId: touch.contactId,
        OwnerId: owner,
        ActivityDate: touch.plannedOn,
        Calling_Cycle_Key__c: `cc1:${touch.contactId}:check-in:${touch.dueOn}`,
      });
    });
  });

  it("Ada's overdue check-in comes first: High priority, today, due 2026-11-16", () => {
    expect(tasks[0]).toEqual({
      attributes: { type: 'Task' },
      WhoId: '0038c00002Ada01AAB',
      ActivityDate: '2026-11-23',
      Subject: 'Call: check-in (tier A)',
      Description: expect.stringContaining('due 2026-11-16'),
      Status: 'Not Started',
      Priority: 'High',
      TaskSubtype: 'Call',
      OwnerId: '0058c00000A1LonAAF',
      Calling_Cycle_Key__c: 'cc1:0038c00002Ada01AAB:check-in:2026-11-16',
    });
  });

  it('leaves nothing for a do-not-contact contact', () => {
    expect(tasks.map((task) => task.WhoId)).not.toContain('0038c00002Ala03AAB');
  });

  it('puts attributes first, as the collections API examples do, and is plain JSON', () => {
    expect(Object.keys(tasks[0]!)[0]).toBe('attributes');
    expect(JSON.parse(JSON.stringify(tasks))).toEqual(tasks);
  });
});

describe('toSalesforceTasks(items)', () => {
  it('writes one task per dated item, on its due date, with explain() as the description', () => {
    const dated = items.filter((item): item is DueItem & { dueOn: string } => item.dueOn !== null);
    const tasks = toSalesforceTasks(items);
    expect(tasks).toHaveLength(dated.length);
    expect(tasks).toHaveLength(2);
    dated.forEach((item, index) => {
      expect(tasks[index]).toMatchObject({
        WhoId: item.contactId,
        ActivityDate: item.dueOn,
        Description: explain(item),
        Priority: item.status === 'overdue' ? 'High' : 'Normal',
      });
    });
    expect(tasks.map((task) => task.Priority)).toEqual(['High', 'Normal']);
  });

  it('leaves OwnerId out when an item has no owner (Salesforce assigns the running user)', () => {
    const unowned = evaluate({ policy, contacts: [{ id: '0038c00002Uno04AAB' }], touches: [], now }).items;
    const [task] = toSalesforceTasks(unowned);
    expect(task).toBeDefined();
    expect('OwnerId' in task!).toBe(false);
  });
});

describe('toSalesforceTasks options', () => {
  const [first] = items;

  it('keyField names the external-id field', () => {
    const [task] = toSalesforceTasks([first!], { keyField: 'CC_Key__c' });
    expect(task!.CC_Key__c).toBe('cc1:0038c00002Ada01AAB:check-in:2026-11-16');
    expect(task!.Calling_Cycle_Key__c).toBeUndefined();
  });

  it('status, subject, cycleField and attributes: false', () => {
    const [task] = toSalesforceTasks([first!], {
      status: 'Open',
      subject: (call) => `Call Ada (${call.cycleId}, ${call.lateness} days late)`,
      cycleField: 'Cycle__c',
      attributes: false,
    });
    expect(task).toMatchObject({ Status: 'Open', Subject: 'Call Ada (check-in, 7 days late)', Cycle__c: 'check-in' });
    expect('attributes' in task!).toBe(false);
  });

  it('taskSubtype: false leaves the create-only TaskSubtype out', () => {
    const [task] = toSalesforceTasks([first!], { taskSubtype: false });
    expect('TaskSubtype' in task!).toBe(false);
    expect(task!.Calling_Cycle_Key__c).toBe('cc1:0038c00002Ada01AAB:check-in:2026-11-16');
  });

  it('keeps Subject within the field length of 255', () => {
    const [task] = toSalesforceTasks([first!], { subject: () => 'x'.repeat(300) });
    expect(task!.Subject).toHaveLength(255);
  });

  it('throws an InputError for something that is neither a plan nor items', () => {
    expect(() => toSalesforceTasks({ days: 7 } as unknown as Plan)).toThrow(InputError);
    expect(() => toSalesforceTasks(undefined as unknown as Plan)).toThrow(InputError);
  });

  it('does not change its input', () => {
    const copy = structuredClone(week);
    toSalesforceTasks(week, { cycleField: 'Cycle__c' });
    expect(week).toEqual(copy);
  });
});
