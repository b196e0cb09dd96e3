/**
 * Contact names, where the CRM gives them, from `evaluate` (objects and columns) through `plan`
 * and `callList` to every writer: the rep reads the name, the CRM developer still finds the id.
 */
import { describe, expect, it } from 'vitest';
import { callListRows, callListToCsv, itemsToCsv } from '../../src/adapters/csv/index.js';
import { toHubSpotTasks } from '../../src/adapters/hubspot/index.js';
import { toPipedriveActivities } from '../../src/adapters/pipedrive/index.js';
import { toSalesforceTasks } from '../../src/adapters/salesforce/index.js';
import { toICalendar } from '../../src/ical/index.js';
import { callList, type Contact, evaluate, evaluateColumns, explain, type Owner, parsePolicy, plan } from '../../src/index.js';

const policy = parsePolicy({
  version: 1,
  timeZone: 'Europe/London',
  tiers: [{ id: 'A', weight: 2, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] }],
  defaultTier: 'A',
});
const NOW = '2026-11-23T08:00:00Z';
const owners: Owner[] = [{ id: 'u1', name: 'Sam Rep', timeZone: 'Europe/London', dailyCapacity: 5 }];
const contacts: Contact[] = [
  { id: 'c1', name: 'Aiko Tanaka', ownerId: 'u1', createdAt: '2026-10-01T09:00:00Z' },
  { id: 'c2', ownerId: 'u1', createdAt: '2026-10-01T09:00:00Z' },
  { id: 'c3', name: null, ownerId: 'u1', createdAt: '2026-10-01T09:00:00Z' },
  { id: 'c4', name: '   ', ownerId: 'u1', createdAt: '2026-10-01T09:00:00Z' },
];

function book() {
  const result = evaluate({ policy, contacts, touches: [], owners, now: NOW });
  expect(result.errors).toEqual([]);
  return result;
}

describe('contact names through evaluate, plan and the writers', () => {
  it('the reason carries the name a contact has, and nothing for one without (null, blank or absent)', () => {
    const { items } = book();
    expect(items.map((item) => item.reason.contactName)).toEqual(['Aiko Tanaka', undefined, undefined, undefined]);
    expect(items.slice(1).every((item) => !('contactName' in item.reason))).toBe(true);
  });

  it('explain shows the name, with the id after it, and the id alone when there is no name', () => {
    const { items } = book();
    expect(explain(items[0]!)).toMatch(/^Aiko Tanaka \(c1\) \/ check-in is overdue by /);
    expect(explain(items[1]!)).toMatch(/^c2 \/ check-in is overdue by /);
  });

  it('evaluateColumns builds the same reasons and sentences, names included', () => {
    const columns = evaluateColumns({ policy, contacts, touches: [], owners, now: NOW });
    const { items } = book();
    for (let row = 0; row < columns.size; row++) {
      expect(columns.reason(row)).toEqual(items[row]!.reason);
      expect(columns.explain(row)).toBe(explain(items[row]!));
    }
  });

  it('plan and callList show the name, from items and from columns alike', () => {
    const fromItems = plan({ policy, items: book().items, owners, from: '2026-11-23', days: 3 });
    const columns = evaluateColumns({ policy, contacts, touches: [], owners, now: NOW });
    const fromColumns = plan({ policy, items: columns, owners, from: '2026-11-23', days: 3 });
    for (const result of [fromItems, fromColumns]) {
      const list = callList(result, 'u1', '2026-11-23');
      const named = list.find((entry) => entry.contactId === 'c1')!;
      expect(named.contactName).toBe('Aiko Tanaka');
      expect(named.why).toMatch(/^Aiko Tanaka \(c1\) \/ check-in/);
      const unnamed = list.find((entry) => entry.contactId === 'c2')!;
      expect('contactName' in unnamed).toBe(false);
      expect(unnamed.why).toMatch(/^c2 \/ check-in/);
    }
    expect(JSON.stringify(fromColumns.owners)).toBe(JSON.stringify(fromItems.owners));
  });

  it('every writer names the contact in what the rep reads, and keeps the id where the CRM links it', () => {
    const week = plan({ policy, items: book().items, owners, from: '2026-11-23', days: 3 });
    const hubspot = toHubSpotTasks(week, { owners, policy });
    const hubspotNamed = hubspot.find((task) => task.associations[0]!.to.id === 'c1')!;
    expect(hubspotNamed.properties.hs_task_subject).toBe('Call Aiko Tanaka: check-in (tier A), 53 days late');
    expect(hubspotNamed.properties.hs_task_body).toMatch(/^Aiko Tanaka \(c1\) \/ check-in/);
    expect(hubspot.find((task) => task.associations[0]!.to.id === 'c2')!.properties.hs_task_subject).toBe(
      'Call: check-in (tier A), 53 days late',
    );

    const salesforce = toSalesforceTasks(week);
    const salesforceNamed = salesforce.find((task) => task.WhoId === 'c1')!;
    expect(salesforceNamed.Subject).toBe('Call Aiko Tanaka: check-in (tier A)');
    expect(salesforceNamed.Description).toMatch(/^Aiko Tanaka \(c1\) \/ check-in/);
    expect(salesforce.find((task) => task.WhoId === 'c2')!.Subject).toBe('Call: check-in (tier A)');

    const pipedrive = toPipedriveActivities(week);
    const pipedriveNamed = pipedrive.find((activity) => activity.participants[0]!.person_id === 'c1')!;
    expect(pipedriveNamed.subject).toBe('check-in call with Aiko Tanaka');
    expect(pipedriveNamed.note).toMatch(/^Aiko Tanaka \(c1\) \/ check-in/);
    expect(pipedrive.find((activity) => activity.participants[0]!.person_id === 'c2')!.subject).toBe('check-in call');

    const rows = callListRows(week);
    expect(rows.find((row) => row.contactId === 'c1')!.contactName).toBe('Aiko Tanaka');
    expect(rows.find((row) => row.contactId === 'c2')!.contactName).toBeNull();
    const csv = callListToCsv(week, { columns: ['contactId', 'contactName', 'cycleId'] }).split('\r\n');
    expect(csv).toContain('c1,Aiko Tanaka,check-in');
    expect(csv).toContain('c2,,check-in');
    expect(itemsToCsv(book().items, { columns: ['contactId', 'contactName'] }).split('\r\n')).toEqual([
      'contactId,contactName',
      'c1,Aiko Tanaka',
      'c2,',
      'c3,',
      'c4,',
      '',
    ]);

    const ics = toICalendar(week, { stamp: NOW });
    expect(ics).toContain('SUMMARY:Call Aiko Tanaka: check-in (53 days late)');
    expect(ics).toContain('SUMMARY:Call c2: check-in (53 days late)');
    expect(ics).toMatch(/DESCRIPTION:Aiko Tanaka \(c1\) \/ check-in/);
  });

  it('writers given due items name the contact too', () => {
    const { items } = book();
    expect(toHubSpotTasks(items, { owners })[0]!.properties.hs_task_subject).toMatch(/^Call Aiko Tanaka: check-in/);
    expect(toSalesforceTasks(items)[0]!.Subject).toBe('Call Aiko Tanaka: check-in (tier A)');
    expect(toPipedriveActivities(items)[0]!.subject).toBe('check-in call with Aiko Tanaka');
    expect(toICalendar(items, { stamp: NOW })).toContain('SUMMARY:Call Aiko Tanaka: check-in');
  });
});
