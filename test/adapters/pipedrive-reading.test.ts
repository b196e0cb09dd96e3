/**
 * fromPipedrive without silent misreads: names, deactivated users kept and marked, dotted field
 * paths, objects where a value belongs, inherited members, configured fields no person holds,
 * the same activity on two pages, misspelt collections, cyclic records.
 */
import { describe, expect, it } from 'vitest';
import { fromPipedrive, type PipedriveRecords } from '../../src/adapters/pipedrive/index.js';

const person = (id: number, extra: Record<string, unknown> = {}) => ({ id, name: `Person ${id}`, owner_id: 7, add_time: '2026-01-05T10:00:00Z', ...extra });
const activity = (id: number, personId: number) => ({ id, type: 'call', done: true, marked_as_done_time: '2026-11-02 09:00:00', person_id: personId });

describe('fromPipedrive: reading fields', () => {
  it('names contacts and owners; a deactivated user is kept, marked active: false', () => {
    const result = fromPipedrive({ persons: [person(1)], users: [{ id: 7, name: 'Dana Reyes', active_flag: false }] });
    expect(result.contacts[0]!.name).toBe('Person 1');
    expect(result.owners).toEqual([{ id: '7', name: 'Dana Reyes', active: false }]);
  });

  it('a dotted path reads a nested value', () => {
    const result = fromPipedrive({ persons: [person(1, { org_id: { name: 'Acme', annual_revenue: 5e6 } })] }, { attributes: { 'org_id.annual_revenue': 'annualRevenue' } });
    expect(result.errors).toEqual([]);
    expect(result.contacts[0]!.attributes).toEqual({ annualRevenue: 5e6 });
  });

  it('an object that is no option value is a bad-value error, not a silent gap', () => {
    const result = fromPipedrive({ persons: [person(1, { segment: { label: 'Gold', color: 'yellow' } })] }, { attributes: ['segment'] });
    expect(result.contacts).toEqual([]);
    expect(result.errors.map((error) => [error.code, error.path])).toEqual([['bad-value', ['segment']]]);
  });

  it('inherited members are never fields', () => {
    const result = fromPipedrive({ persons: [person(1)] }, { attributes: ['valueOf', 'constructor'], tierField: 'toString' });
    expect(result.errors).toEqual([]);
    expect(result.contacts[0]!.attributes).toEqual({});
    expect(result.contacts[0]!.tier).toBeUndefined();
  });

  it('a configured field no person holds is a warning', () => {
    const result = fromPipedrive({ persons: [person(1), person(2)] }, { attributes: ['annual_revenue'], tierField: 'tier' });
    expect(result.warnings.map((warning) => [warning.code, warning.source, warning.path])).toEqual([
      ['field-never-set', 'persons', ['annual_revenue']],
      ['field-never-set', 'persons', ['tier']],
    ]);
  });
});

describe('fromPipedrive: collections and repeats', () => {
  it('the same activity on two pages is mapped once, the repeat skipped as duplicate-id', () => {
    const result = fromPipedrive({ persons: [person(1)], activities: [activity(5, 1), activity(5, 1)] });
    expect(result.touches).toHaveLength(1);
    expect(result.skipped).toEqual([{ source: 'activities', index: 1, id: '5', reason: 'duplicate-id' }]);
  });

  it.each([['Persons'], ['activity']])('a misspelt collection key (%s) is an error, not all-zero counts', (key) => {
    const result = fromPipedrive({ [key]: [person(1)] } as PipedriveRecords);
    expect(result.errors.map((error) => [error.code, error.source])).toEqual([['unknown-collection', key]]);
    expect(result.counts[key]).toEqual({ read: 1, mapped: 0, skipped: 0, errors: 1 });
  });

  it('a cyclic record is an error naming its field; the others are read', () => {
    const cyclic: Record<string, unknown> = person(1);
    cyclic.org_id = { owner: cyclic };
    const result = fromPipedrive({ persons: [cyclic, person(2)] });
    expect(result.contacts.map((contact) => contact.id)).toEqual(['2']);
    expect(result.errors.map((error) => [error.code, error.path])).toEqual([['bad-value', ['org_id']]]);
  });
});
