/**
 * fromHubSpot reading what HubSpot really sends, without silent misreads: v4 associations, the
 * same engagement on two overlapping pages, completed CALL tasks after a voicemail, archived
 * owners, names, dotted property paths, objects where text belongs, inherited members, misspelt
 * collections, and records no CRM sends (cyclic, deeply nested), which are errors, never throws.
 */
import { describe, expect, it } from 'vitest';
import { fromHubSpot, type HubSpotObject, type HubSpotRecords } from '../../src/adapters/hubspot/index.js';
import { call, GUID, MARIA, object, owner } from './hubspot/book.js';

const AT = '2026-11-02T09:00:00.000Z';
const contact = (id: string, properties: HubSpotObject['properties'] = {}) => object(id, { hubspot_owner_id: MARIA, ...properties });

describe('fromHubSpot: v4 associations', () => {
  it('reads { toObjectId, associationTypes } like v3 { id, type }', () => {
    const v4 = object(
      '9001',
      { hs_timestamp: AT, hs_call_status: 'COMPLETED' },
      {
        associations: {
          contacts: {
            results: [
              { toObjectId: 101, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 194, label: null }] },
              { toObjectId: 102, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 194, label: null }] },
            ],
          },
        } as unknown as HubSpotObject['associations'],
      },
    );
    const result = fromHubSpot({ contacts: [contact('101'), contact('102')], calls: [v4] });
    expect(result.errors).toEqual([]);
    expect(result.touches.map((touch) => touch.contactId)).toEqual(['101', '102']);
  });

  it('reads an association list given without its results page', () => {
    const bare = object('9002', { hs_timestamp: AT }, {
      associations: { contacts: [{ toObjectId: 101, associationTypes: [] }] } as unknown as HubSpotObject['associations'],
    });
    const result = fromHubSpot({ contacts: [contact('101')], calls: [bare] });
    expect(result.errors).toEqual([]);
    expect(result.touches.map((touch) => touch.contactId)).toEqual(['101']);
  });

  it('an association shape it does not know says so', () => {
    const odd = object('9003', { hs_timestamp: AT }, {
      associations: { contacts: { results: [{ objectId: 101 }] } } as unknown as HubSpotObject['associations'],
    });
    const result = fromHubSpot({ contacts: [contact('101')], calls: [odd] });
    expect(result.touches).toEqual([]);
    expect(result.errors.map((error) => [error.code, error.path])).toEqual([['bad-value', ['associations', 'contacts', 'results', 0]]]);
    expect(result.errors[0]!.message).toMatch(/association shape/);
  });
});

describe('fromHubSpot: one engagement on two overlapping pages', () => {
  it('is mapped once; the repeat is skipped as duplicate-id, in every collection', () => {
    const once = call('9100', { hs_timestamp: AT, hs_call_status: 'COMPLETED' }, '101');
    const records: HubSpotRecords = {
      contacts: [contact('101'), contact('101')],
      owners: [owner(MARIA, 'Maria'), owner(MARIA, 'Maria')],
      calls: [once, once],
    };
    const result = fromHubSpot(records);
    expect(result.errors).toEqual([]);
    expect(result.touches).toHaveLength(1);
    expect(result.contacts).toHaveLength(1);
    expect(result.owners).toHaveLength(1);
    expect(result.skipped).toEqual([
      { source: 'contacts', index: 1, id: '101', reason: 'duplicate-id' },
      { source: 'owners', index: 1, id: MARIA, reason: 'duplicate-id' },
      { source: 'calls', index: 1, id: '9100', reason: 'duplicate-id' },
    ]);
  });
});

describe('fromHubSpot: a completed CALL task', () => {
  const callTask = (id: string, extra: Partial<HubSpotObject> = {}) =>
    object(
      id,
      { hs_timestamp: AT, hs_task_status: 'COMPLETED', hs_task_type: 'CALL', hs_task_completion_date: AT },
      { associations: { contacts: { results: [{ id: '101', type: 'task_to_contact' }] } }, ...extra },
    );
  const withCalls = (ids: string[]) => ({
    associations: {
      contacts: { results: [{ id: '101', type: 'task_to_contact' }] },
      calls: { results: ids.map((id) => ({ id, type: 'task_to_call' })) },
    },
  });

  it("takes the linked call's disposition: closed after a voicemail, it is a voicemail", () => {
    const voicemail = call('9200', { hs_timestamp: AT, hs_call_status: 'COMPLETED', hs_call_disposition: GUID.leftVoicemail }, '101');
    const result = fromHubSpot({ contacts: [contact('101')], calls: [voicemail], tasks: [callTask('9300', withCalls(['9200']))] });
    expect(result.errors).toEqual([]);
    expect(result.touches.map((touch) => [touch.channel, touch.outcome])).toEqual([
      ['call', 'voicemail'],
      ['call', 'voicemail'],
    ]);
  });

  it('a linked call that connected makes it connected', () => {
    const connected = call('9201', { hs_timestamp: AT, hs_call_disposition: GUID.connected }, '101');
    const result = fromHubSpot({ contacts: [contact('101')], calls: [connected], tasks: [callTask('9301', withCalls(['9201']))] });
    expect(result.touches.map((touch) => touch.outcome)).toEqual(['connected', 'connected']);
  });

  it('a calls association in a shape it does not know is the task\'s error, not a call of unknown outcome', () => {
    // Read as "no linked call", the task would count as a call of unknown outcome, which counts by
    // default: a voicemail the rep closed would hide the contact's overdue call.
    const shapes = [{ results: 'task_to_call' }, [{ name: '9200' }], 'task_to_call'];
    const tasks = shapes.map((calls, at) =>
      callTask(`93${10 + at}`, {
        associations: { contacts: { results: [{ id: '101', type: 'task_to_contact' }] }, calls } as unknown as HubSpotObject['associations'],
      }),
    );
    const result = fromHubSpot({ contacts: [contact('101')], tasks: [...tasks, callTask('9302')] });
    expect(result.errors.map((error) => [error.index, error.id, error.code, error.path])).toEqual([
      [0, '9310', 'bad-value', ['associations', 'calls']],
      [1, '9311', 'bad-value', ['associations', 'calls', 0]],
      [2, '9312', 'bad-value', ['associations', 'calls']],
    ]);
    expect(result.errors[0]!.message).toMatch(/^task 9310: associations\.calls is an association shape/);
    // The task whose association is readable (it names no call) is still read.
    expect(result.touches.map((touch) => [touch.channel, touch.outcome])).toEqual([['call', 'unknown']]);
  });

  it('without a linked call the outcome is unknown, left to the policy\'s counts', () => {
    const result = fromHubSpot({ contacts: [contact('101')], tasks: [callTask('9302')] });
    expect(result.touches.map((touch) => [touch.channel, touch.outcome])).toEqual([['call', 'unknown']]);
  });
});

describe('fromHubSpot: archived owners', () => {
  it('are kept as owners, marked active: false, so their contacts still plan and can be reassigned', () => {
    const result = fromHubSpot({
      owners: [owner(MARIA, 'Maria'), owner('3', 'Gone', { archived: true })],
      contacts: [contact('101', { hubspot_owner_id: '3' })],
    });
    expect(result.skipped).toEqual([]);
    expect(result.owners).toEqual([
      { id: MARIA, name: 'Maria Rep' },
      { id: '3', name: 'Gone Rep', active: false },
    ]);
  });
});

describe('fromHubSpot: names', () => {
  it('a contact is named by firstname and lastname, an owner by firstName and lastName', () => {
    const result = fromHubSpot({
      owners: [owner(MARIA, 'Maria', { lastName: '' })],
      contacts: [contact('101', { firstname: 'Ada', lastname: 'Lovelace' }), contact('102', { lastname: 'Hopper' }), contact('103')],
    });
    expect(result.contacts.map((c) => c.name)).toEqual(['Ada Lovelace', 'Hopper', undefined]);
    expect(result.owners.map((o) => o.name)).toEqual(['Maria']);
  });
});

describe('fromHubSpot: configured properties', () => {
  it('a dotted path reads a nested value', () => {
    const nested = { ...contact('101'), properties: { ...contact('101').properties, company: { annualrevenue: '5000000' } } };
    const result = fromHubSpot({ contacts: [nested as unknown as HubSpotObject] }, { attributes: { 'company.annualrevenue': 'annualRevenue' } });
    expect(result.errors).toEqual([]);
    expect(result.contacts[0]!.attributes).toEqual({ annualRevenue: 5000000 });
  });

  it('an object where text belongs is a bad-value error, never "[object Object]"', () => {
    const odd = { ...contact('101'), properties: { ...contact('101').properties, segment: { value: 'gold' } } };
    const result = fromHubSpot({ contacts: [odd as unknown as HubSpotObject] }, { tierProperty: 'segment' });
    expect(result.contacts).toEqual([]);
    expect(result.errors.map((error) => [error.code, error.path])).toEqual([['bad-value', ['properties', 'segment']]]);
  });

  it('inherited members are never read as properties', () => {
    const result = fromHubSpot({ contacts: [contact('101')] }, { attributes: ['valueOf', 'constructor'], tierProperty: 'toString' });
    expect(result.errors).toEqual([]);
    expect(result.contacts[0]!.tier).toBeUndefined();
    expect(result.contacts[0]!.attributes).toEqual({});
  });

  it('a configured property absent from every contact is a warning', () => {
    const result = fromHubSpot({ contacts: [contact('101'), contact('102')] }, { attributes: { annualrevenue: 'annualRevenue' }, tierProperty: 'tier' });
    expect(result.warnings.map((warning) => [warning.code, warning.source, warning.path])).toEqual([
      ['field-never-set', 'contacts', ['properties', 'annualrevenue']],
      ['field-never-set', 'contacts', ['properties', 'tier']],
    ]);
  });
});

describe('fromHubSpot: collections', () => {
  it.each([['Contacts'], ['call']])('a misspelt collection key (%s) is an error, not all-zero counts', (key) => {
    const result = fromHubSpot({ [key]: [contact('101')] } as HubSpotRecords);
    expect(result.errors.map((error) => [error.code, error.source])).toEqual([['unknown-collection', key]]);
    expect(result.counts[key]).toEqual({ read: 1, mapped: 0, skipped: 0, errors: 1 });
  });
});

describe('fromHubSpot: values no CRM sends are record errors, never exceptions', () => {
  it('a cyclic record', () => {
    const cyclic = contact('101') as HubSpotObject & { self?: unknown };
    cyclic.self = cyclic;
    const result = fromHubSpot({ contacts: [cyclic, contact('102')] });
    expect(result.contacts.map((c) => c.id)).toEqual(['102']);
    expect(result.errors.map((error) => [error.code, error.index])).toEqual([['bad-value', 0]]);
  });

  it('a record nested a hundred thousand levels deep', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let level = 0; level < 100_000; level++) {
      const next = {};
      deep.next = next;
      deep = next;
    }
    const result = fromHubSpot({ contacts: [{ ...contact('101'), properties: { ...contact('101').properties, extra: root } } as unknown as HubSpotObject] });
    expect(result.errors.map((error) => [error.code, error.index])).toEqual([['bad-value', 0]]);
  });
});
