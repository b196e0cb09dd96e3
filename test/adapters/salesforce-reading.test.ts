/**
 * fromSalesforce without silent misreads: a parent's field by dotted path (as SOQL nests
 * `Account.AnnualRevenue`), a parent record where a value belongs, inherited members, configured
 * fields no record holds, inactive users kept and marked, names, misspelt collections, cyclic
 * records; and no import ring inside the adapter's folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromSalesforce, type SalesforceRecords } from '../../src/adapters/salesforce/index.js';

const contact = (id: string, extra: Record<string, unknown> = {}) => ({
  attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${id}` },
  Id: id,
  OwnerId: '005000000000001AAA',
  FirstName: 'Ada',
  LastName: 'Lovelace',
  ...extra,
});
const user = (id: string, extra: Record<string, unknown> = {}) => ({
  attributes: { type: 'User' },
  Id: id,
  Name: 'Maria Rep',
  TimeZoneSidKey: 'Europe/London',
  IsActive: true,
  ...extra,
});
const account = (revenue: number) => ({ attributes: { type: 'Account', url: '/services/data/v62.0/sobjects/Account/001' }, AnnualRevenue: revenue });

describe('fromSalesforce: fields', () => {
  it("a dotted path reads the parent's field as SOQL nests it", () => {
    const result = fromSalesforce(
      { contacts: [contact('003000000000001AAA', { Account: account(5_000_000) })] },
      { attributeFields: { annualRevenue: 'Account.AnnualRevenue' } },
    );
    expect(result.errors).toEqual([]);
    expect(result.contacts[0]!.attributes).toMatchObject({ annualRevenue: 5_000_000 });
  });

  it('a parent record where a value belongs is a bad-value error', () => {
    const result = fromSalesforce({ contacts: [contact('003000000000001AAA', { Account: account(5) })] }, { attributeFields: ['Account'] });
    expect(result.contacts).toEqual([]);
    expect(result.errors.map((error) => [error.code, error.path])).toEqual([['bad-value', ['Account']]]);
  });

  it('inherited members are never fields', () => {
    const result = fromSalesforce({ contacts: [contact('003000000000001AAA')] }, { attributeFields: ['valueOf', 'constructor'], tierField: 'toString' });
    expect(result.errors).toEqual([]);
    expect(result.contacts[0]!.attributes).toEqual({ sobjectType: 'Contact' });
    expect(result.contacts[0]!.tier).toBeUndefined();
  });

  it('a configured field no Contact or Lead holds is a warning (the query did not select it)', () => {
    const result = fromSalesforce(
      { contacts: [contact('003000000000001AAA'), contact('003000000000002AAA')] },
      { attributeFields: { annualRevenue: 'Account.AnnualRevenue' }, tierField: 'Tier__c' },
    );
    expect(result.warnings.map((warning) => [warning.code, warning.path])).toEqual([
      ['field-never-set', ['Account', 'AnnualRevenue']],
      ['field-never-set', ['Tier__c']],
    ]);
  });

  it('names contacts (Name, else FirstName LastName) and users', () => {
    const result = fromSalesforce({
      users: [user('005000000000001AAA')],
      contacts: [contact('003000000000001AAA'), contact('003000000000002AAA', { Name: 'Grace Hopper' })],
    });
    expect(result.contacts.map((c) => c.name)).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect(result.owners.map((o) => o.name)).toEqual(['Maria Rep']);
  });
});

describe('fromSalesforce: users', () => {
  it('an inactive user is kept as an owner, marked active: false, so their contacts still plan', () => {
    const result = fromSalesforce({ users: [user('005000000000001AAA', { IsActive: false })], contacts: [contact('003000000000001AAA')] });
    expect(result.skipped).toEqual([]);
    expect(result.owners).toEqual([{ id: '005000000000001AAA', name: 'Maria Rep', timeZone: 'Europe/London', active: false }]);
  });
});

describe('fromSalesforce: collections and odd values', () => {
  it.each([['Contacts'], ['task']])('a misspelt collection key (%s) is an error, not all-zero counts', (key) => {
    const result = fromSalesforce({ [key]: [contact('003000000000001AAA')] } as SalesforceRecords);
    expect(result.errors.map((error) => [error.code, error.source])).toEqual([['unknown-collection', key]]);
    expect(result.counts[key]).toEqual({ read: 1, mapped: 0, skipped: 0, errors: 1 });
  });

  it('a cyclic record is an error naming its field; the others are read', () => {
    const cyclic: Record<string, unknown> = contact('003000000000001AAA');
    cyclic.Account = { Owner: cyclic };
    const result = fromSalesforce({ contacts: [cyclic, contact('003000000000002AAA')] });
    expect(result.contacts.map((c) => c.id)).toEqual(['003000000000002AAA']);
    expect(result.errors.map((error) => [error.code, error.path])).toEqual([['bad-value', ['Account']]]);
  });
});

describe('src/adapters/salesforce', () => {
  it('has no import ring: read.ts imports the others, none imports read.ts', () => {
    const folder = new URL('../../src/adapters/salesforce/', import.meta.url);
    for (const file of readdirSync(folder)) {
      if (file === 'read.ts' || file === 'index.ts') continue;
      expect(readFileSync(new URL(file, folder), 'utf8'), file).not.toMatch(/from '\.\/read\.js'/);
    }
  });
});
