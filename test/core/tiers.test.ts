import { describe, expect, it } from 'vitest';
import { type Contact, evaluate, type Touch } from '../../src/index.js';
import { call, policyWith } from '../helpers.js';

const tiers = ['A', 'B', 'prospect', 'lapsed', 'rest'].map((id) => ({ id, cycles: [{ id: 'check-in', cadence: { every: 'P1M' } }] }));
const now = '2026-11-23T12:00:00Z';

function tiersOf(assign: unknown[], contacts: Contact[], touches: Touch[] = [], defaultTier: string | null = 'rest') {
  const policy = policyWith({ cadence: { every: 'P1M' } }, { tiers, assign, defaultTier: defaultTier ?? undefined });
  const result = evaluate({ policy, contacts, touches, now });
  return { result, tiers: Object.fromEntries(result.items.map((item) => [item.contactId, item.tierId])) };
}

describe('tier assignment', () => {
  it.each([
    ['eq', { attribute: 'lifecycle', eq: 'prospect' }, { lifecycle: 'prospect' }, true],
    ['eq is strict', { attribute: 'employees', eq: 10 }, { employees: '10' }, false],
    ['in', { attribute: 'region', in: ['EMEA', 'APAC'] }, { region: 'APAC' }, true],
    ['in, no match', { attribute: 'region', in: ['EMEA', 'APAC'] }, { region: 'AMER' }, false],
    ['gte', { attribute: 'revenue', gte: 100 }, { revenue: 100 }, true],
    ['gte needs a number', { attribute: 'revenue', gte: 100 }, { revenue: '150' }, false],
    ['lte', { attribute: 'revenue', lte: 100 }, { revenue: 101 }, false],
    ['exists', { attribute: 'partner', exists: true }, { partner: 'x' }, true],
    ['exists: null is absent', { attribute: 'partner', exists: true }, { partner: null }, false],
    ['exists false', { attribute: 'partner', exists: false }, {}, true],
    ['all operators must hold', { attribute: 'revenue', gte: 10, lte: 20 }, { revenue: 30 }, false],
  ])('attribute condition %s', (_name, when, attributes, matches) => {
    const { tiers: got } = tiersOf([{ tier: 'A', when }], [{ id: 'c1', attributes }]);
    expect(got.c1).toBe(matches ? 'A' : 'rest');
  });

  it('the explicit tier wins over every rule', () => {
    const { result } = tiersOf([{ tier: 'A', when: { attribute: 'x', exists: false } }], [{ id: 'c1', tier: 'B' }]);
    expect(result.items[0]).toMatchObject({ tierId: 'B', reason: { tier: { by: 'explicit' } } });
  });

  it('rules run in order, first match wins, and the reason names the rule', () => {
    const assign = [
      { tier: 'prospect', when: { attribute: 'lifecycle', eq: 'prospect' } },
      { tier: 'A', when: { attribute: 'revenue', gte: 100 } },
    ];
    const { result } = tiersOf(assign, [
      { id: 'c1', attributes: { lifecycle: 'prospect', revenue: 500 } },
      { id: 'c2', attributes: { revenue: 500 } },
      { id: 'c3', attributes: {} },
    ]);
    expect(result.items.map((item) => [item.contactId, item.tierId, item.reason.tier])).toEqual([
      ['c1', 'prospect', { by: 'rule', rule: 0, kind: 'when' }],
      ['c2', 'A', { by: 'rule', rule: 1, kind: 'when' }],
      ['c3', 'rest', { by: 'default' }],
    ]);
  });

  it.each([
    ['last touch 365 days ago or more is lapsed', [call('c1', '2025-11-23T12:00:00Z')], '2026-01-01T00:00:00Z', 'lapsed'],
    ['a touch 364 days ago is not', [call('c1', '2025-11-24T12:00:00Z')], '2020-01-01T00:00:00Z', 'rest'],
    [
      'an attempt does not count as a touch',
      [call('c1', '2025-11-24T12:00:00Z', { outcome: 'voicemail' })],
      '2020-01-01T00:00:00Z',
      'lapsed',
    ],
    ['never touched, created over a year ago', [], '2025-01-01T00:00:00Z', 'lapsed'],
    ['never touched, created last month', [], '2026-10-01T00:00:00Z', 'rest'],
  ])('lapsed P365D: %s', (_name, touches, createdAt, tier) => {
    const { tiers: got } = tiersOf([{ tier: 'lapsed', when: { lapsed: 'P365D' } }], [{ id: 'c1', createdAt }], touches);
    expect(got.c1).toBe(tier);
  });

  const book: Contact[] = [
    { id: 'a', ownerId: 'u1', attributes: { revenue: 100 } },
    { id: 'c', ownerId: 'u1', attributes: { revenue: 300 } },
    { id: 'b', ownerId: 'u1', attributes: { revenue: 300 } },
    { id: 'd', ownerId: 'u1', attributes: { revenue: 200 } },
    { id: 'e', ownerId: 'u2', attributes: { revenue: 500 } },
    { id: 'f', ownerId: 'u2', attributes: { revenue: 50 } },
    { id: 'g', ownerId: 'u2', attributes: { revenue: 'lots' } },
  ];

  it('top N per owner, highest first, ties by id', () => {
    const { tiers: got } = tiersOf([{ tier: 'A', top: { by: 'revenue', n: 2, per: 'owner' } }], book);
    expect(
      Object.keys(got)
        .filter((id) => got[id] === 'A')
        .sort(),
    ).toEqual(['b', 'c', 'e', 'f']);
  });

  it('top N overall', () => {
    const { tiers: got } = tiersOf([{ tier: 'A', top: { by: 'revenue', n: 2 } }], book);
    expect(
      Object.keys(got)
        .filter((id) => got[id] === 'A')
        .sort(),
    ).toEqual(['b', 'e']);
  });

  it('a tie at the cut is broken by id', () => {
    const { tiers: got } = tiersOf([{ tier: 'A', top: { by: 'revenue', n: 3 } }], book);
    expect(
      Object.keys(got)
        .filter((id) => got[id] === 'A')
        .sort(),
    ).toEqual(['b', 'c', 'e']);
  });

  it('top N ranks only contacts that reach the rule and meet its when', () => {
    const assign = [
      { tier: 'B', when: { attribute: 'revenue', gte: 400 } },
      { tier: 'A', top: { by: 'revenue', n: 1 }, when: { attribute: 'revenue', lte: 250 } },
    ];
    const { tiers: got } = tiersOf(assign, book);
    expect(got).toMatchObject({ e: 'B', d: 'A', b: 'rest', c: 'rest', g: 'rest' });
  });

  it('no tier, no rule, no default: an error naming the contact', () => {
    const { result } = tiersOf(
      [{ tier: 'A', when: { attribute: 'x', exists: true } }],
      [{ id: 'c1' }, { id: 'c2', attributes: { x: 1 } }],
      [],
      null,
    );
    expect(result.items.map((item) => item.contactId)).toEqual(['c2']);
    expect(result.errors).toEqual([expect.objectContaining({ record: 'contact', contactId: 'c1', path: ['tier'] })]);
  });
});
