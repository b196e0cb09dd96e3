/** toHubSpotTasks' request bodies against the shapes HubSpot publishes. */
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  fromHubSpot,
  hubSpotArchiveRequest,
  hubSpotAssociationRequest,
  hubSpotCreateRequest,
  hubSpotUpsertRequest,
  toHubSpotTasks,
} from '../../src/adapters/hubspot/index.js';
import { evaluate, plan } from '../../src/index.js';
import { bookOptions, bookPolicy, call, GUID, hubSpotBook, object } from './hubspot/book.js';
import {
  archiveSchema,
  associationBatchCreateSchema,
  batchCreateSchema,
  batchUpsertSchema,
  TASK_PRIORITIES,
  TASK_STATUSES,
  TASK_TYPES,
} from './hubspot/request-schemas.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });

function weekTasks() {
  const book = fromHubSpot(hubSpotBook(), bookOptions);
  const { items } = evaluate({
    policy: bookPolicy,
    contacts: book.contacts,
    touches: book.touches,
    owners: book.owners,
    now: '2026-11-25T10:00:00Z',
  });
  const week = plan({ policy: bookPolicy, items, owners: book.owners, from: '2026-11-25', days: 42 });
  return toHubSpotTasks(week, { owners: book.owners, policy: bookPolicy });
}

describe('HubSpot request bodies', () => {
  const tasks = weekTasks();

  it('has tasks to check', () => {
    expect(tasks.length).toBeGreaterThan(2);
  });

  it('the upsert body is a BatchInputSimplePublicObjectBatchInputUpsert, with no associations', () => {
    const validate = ajv.compile(batchUpsertSchema);
    const body = hubSpotUpsertRequest(tasks);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    // What the adapter hands back with associations would be refused by the published shape.
    expect(validate({ inputs: tasks })).toBe(false);
  });

  it('the create body is a BatchInputSimplePublicObjectBatchInputForCreate with the task → contact association', () => {
    const validate = ajv.compile(batchCreateSchema);
    const body = hubSpotCreateRequest(tasks);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    for (const input of body.inputs)
      expect(input.associations[0]!.types).toEqual([{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }]);
  });

  it('every property uses a value HubSpot lists, and hs_timestamp is an ISO instant in UTC', () => {
    for (const task of tasks) {
      expect(TASK_STATUSES).toContain(task.properties.hs_task_status);
      expect(TASK_PRIORITIES).toContain(task.properties.hs_task_priority);
      expect(TASK_TYPES).toContain(task.properties.hs_task_type);
      expect(task.properties.hs_timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(task.properties.calling_cycle_key).toBe(task.id);
      expect(task.idProperty).toBe('calling_cycle_key');
    }
  });

  it('the association body links each upserted task (matched by its key, in any order) to its contact', () => {
    // As the upsert response lists them: HubSpot's ids, the properties written, not in input order.
    const results = tasks.map((task, index) => ({ id: String(9000 + index), properties: { ...task.properties } })).reverse();
    const { request, unmatched } = hubSpotAssociationRequest(tasks, results);
    expect(ajv.compile(associationBatchCreateSchema)(request)).toBe(true);
    expect(unmatched).toEqual([]);
    expect(request.inputs).toEqual(
      tasks.map((task, index) => ({
        from: { id: String(9000 + index) },
        to: { id: task.associations[0]!.to.id },
        types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }],
      })),
    );
  });

  it('a task the response does not hold comes back unmatched', () => {
    const { request, unmatched } = hubSpotAssociationRequest(tasks, [{ id: '1', properties: { calling_cycle_key: tasks[0]!.id } }]);
    expect(request.inputs).toHaveLength(1);
    expect(unmatched).toEqual(tasks.slice(1));
  });

  it('keyProperty renames the key property and the idProperty', () => {
    const book = fromHubSpot(hubSpotBook(), bookOptions);
    const { items } = evaluate({ policy: bookPolicy, contacts: book.contacts, touches: book.touches, now: '2026-11-25T10:00:00Z' });
    const renamed = toHubSpotTasks(items, { keyProperty: 'cc_key' });
    expect(renamed.length).toBeGreaterThan(0);
    for (const input of renamed) {
      expect(input.idProperty).toBe('cc_key');
      expect(input.properties.cc_key).toBe(input.id);
      expect(input.properties.calling_cycle_key).toBeUndefined();
    }
  });

  it('does not modify the tasks it turns into request bodies', () => {
    const copy = structuredClone(tasks);
    hubSpotUpsertRequest(tasks);
    hubSpotCreateRequest(tasks);
    hubSpotAssociationRequest(tasks, []);
    expect(tasks).toEqual(copy);
  });
});

describe('hubSpotArchiveRequest', () => {
  const NOW = '2026-11-25T10:00:00Z';
  const evaluateBook = (records: ReturnType<typeof hubSpotBook>) => {
    const book = fromHubSpot(records, bookOptions);
    return evaluate({ policy: bookPolicy, contacts: book.contacts, touches: book.touches, owners: book.owners, now: NOW }).items;
  };
  const stored = (task: { properties: Record<string, string> }, id: string, status = 'NOT_STARTED') =>
    object(id, { ...task.properties, hs_task_status: status });

  it('archives the open tasks whose call a later touch moved on, and nothing else', () => {
    const items = evaluateBook(hubSpotBook());
    const tasks = toHubSpotTasks(items, { policy: bookPolicy });
    const checkIn = tasks.find((task) => task.id.startsWith('cc1:101:check-in:'))!;
    const others = tasks.filter((task) => task !== checkIn);
    expect(others.length).toBeGreaterThan(0);
    const existing = [
      stored(checkIn, '1'),
      ...others.map((task, index) => stored(task, String(10 + index))),
      stored(checkIn, '2', 'COMPLETED'),
      object('3', { hs_task_status: 'NOT_STARTED', hs_task_subject: 'A task the rep made' }),
      { ...stored(checkIn, '4'), archived: true },
    ];
    // Nothing has happened since the sync: nothing is stale.
    expect(hubSpotArchiveRequest(existing, items).request.inputs).toEqual([]);

    // The rep calls 101 on 24 November without ticking the task off: its check-in is due again on 8 December.
    const records = hubSpotBook();
    records.calls.push(
      call('9100', { hs_timestamp: '2026-11-24T11:00:00Z', hs_call_status: 'COMPLETED', hs_call_disposition: GUID.connected }, '101'),
    );
    const later = evaluateBook(records);
    expect(later.find((item) => item.contactId === '101' && item.cycleId === 'check-in')!.dueOn).not.toBe(checkIn.id.slice(-10));
    const { request, stale } = hubSpotArchiveRequest({ results: existing }, later);
    expect(request).toEqual({ inputs: [{ id: '1' }] });
    expect(stale.map((task) => task.id)).toEqual(['1']);
    expect(ajv.compile(archiveSchema)(request)).toBe(true);
  });

  it('archives open tasks of contacts that are no longer evaluated or no longer to be called', () => {
    const items = evaluateBook(hubSpotBook());
    const [task] = toHubSpotTasks(items, { policy: bookPolicy });
    expect(hubSpotArchiveRequest([stored(task!, '1')], []).request.inputs).toEqual([{ id: '1' }]);
    const excluded = items.map((item) => ({ ...item, status: 'excluded', dueOn: null }) as (typeof items)[number]);
    expect(hubSpotArchiveRequest([stored(task!, '1')], excluded).request.inputs).toEqual([{ id: '1' }]);
  });

  it('reads the key from keyProperty', () => {
    const items = evaluateBook(hubSpotBook());
    const [task] = toHubSpotTasks(items, { keyProperty: 'cc_key' });
    const moved = items.map((item) => ({ ...item, dueOn: '2027-01-01' }) as (typeof items)[number]);
    expect(hubSpotArchiveRequest([stored(task!, '1')], moved).request.inputs).toEqual([]);
    expect(hubSpotArchiveRequest([stored(task!, '1')], moved, { keyProperty: 'cc_key' }).request.inputs).toEqual([{ id: '1' }]);
  });
});
