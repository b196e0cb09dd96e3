import { describe, expect, it } from 'vitest';
import { type Contact, evaluate, summarize, type Touch } from '../../src/index.js';
import { call, policyWith } from '../helpers.js';

const now = '2026-11-23T12:00:00Z';
const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}T10:00:00Z`;
const purposes = (contactId: string, list: string[]): Touch[] => list.map((purpose, index) => call(contactId, day(index + 1), { purpose }));

describe('relationship balance', () => {
  const policy = policyWith({ cadence: { every: 'P14D' } }, { balance: { recentTouches: 4, oneWayAfter: 3 } });

  it.each([
    ['all check-ins', ['check-in', 'check-in', 'check-in'], 1, false],
    ['the last three were sales: one-way', ['check-in', 'sales', 'sales', 'sales'], 0.25, true],
    ['sales, then a check-in last: not one-way', ['sales', 'sales', 'sales', 'check-in'], 0.25, false],
    ['only two touches: too few to call one-way', ['sales', 'sales'], 0, false],
    ['share looks at the 4 most recent only', ['sales', 'sales', 'review', 'insight', 'service', 'sales'], 0.75, false],
  ])('%s', (_name, list, share, oneWay) => {
    const { balance } = evaluate({ policy, contacts: [{ id: 'c1' }], touches: purposes('c1', list), now });
    expect(balance).toEqual([{ contactId: 'c1', ownerId: null, recentTouches: Math.min(4, list.length), nonSalesShare: share, oneWay }]);
  });

  it('inbound touches and attempts are not the rep reaching out', () => {
    const touches = [
      ...purposes('c1', ['sales', 'sales', 'sales']),
      call('c1', day(10), { purpose: 'check-in', direction: 'inbound' }),
      call('c1', day(11), { purpose: 'check-in', outcome: 'voicemail' }),
    ];
    const { balance } = evaluate({ policy, contacts: [{ id: 'c1' }], touches, now });
    expect(balance![0]).toMatchObject({ recentTouches: 3, nonSalesShare: 0, oneWay: true });
  });

  it('no balance section in the policy: no balance computed', () => {
    expect(
      evaluate({ policy: policyWith({ cadence: { every: 'P14D' } }), contacts: [{ id: 'c1' }], touches: [], now }).balance,
    ).toBeUndefined();
  });
});

describe('summarize', () => {
  it('counts statuses, compliance, mean days overdue and one-way contacts per owner and tier', () => {
    const policy = policyWith(
      { cadence: { every: 'P14D' } },
      {
        tiers: [
          { id: 'A', cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] },
          { id: 'B', cycles: [{ id: 'check-in', cadence: { every: 'P1M' }, graceDays: 30 }] },
        ],
        balance: {},
      },
    );
    const contacts: Contact[] = [
      { id: 'a1', ownerId: 'u1', tier: 'A' }, // touched 30 Oct → due Friday 13 Nov → overdue 10
      { id: 'a2', ownerId: 'u1', tier: 'A' }, // touched 20 Nov → upcoming
      { id: 'a3', ownerId: 'u2', tier: 'A' }, // touched 2 Nov → due 16 Nov → overdue 7
      { id: 'b1', ownerId: 'u2', tier: 'B', doNotContact: true },
      { id: 'b2', tier: 'B' }, // touched 1 Oct, sales ×3 → due 2 Nov (Sunday 1 Nov → Monday 2), within grace: due
    ];
    const touches = [
      call('a1', '2026-10-30T10:00:00Z'),
      call('a2', '2026-11-20T10:00:00Z'),
      call('a3', '2026-11-02T10:00:00Z'),
      call('b2', '2026-09-29T10:00:00Z', { purpose: 'sales' }),
      call('b2', '2026-09-30T10:00:00Z', { purpose: 'sales' }),
      call('b2', '2026-10-01T10:00:00Z', { purpose: 'sales' }),
    ];
    const result = evaluate({ policy, contacts, touches, now });
    const summary = summarize(result);
    expect(result.items.map((item) => [item.contactId, item.status, item.daysOverdue])).toEqual([
      ['a1', 'overdue', 10],
      ['a2', 'upcoming', 0],
      ['a3', 'overdue', 7],
      ['b1', 'excluded', 0],
      ['b2', 'due', 0],
    ]);
    expect(summary.total).toMatchObject({ items: 5, compliance: 2 / 4, meanDaysOverdue: 8.5, oneWayContacts: 1 });
    expect(
      summary.owners.map((owner) => [owner.ownerId, owner.items, owner.compliance, owner.meanDaysOverdue, owner.oneWayContacts]),
    ).toEqual([
      ['u1', 2, 0.5, 10, 0],
      ['u2', 2, 0, 7, 0],
      [null, 1, 1, 0, 1],
    ]);
    expect(summary.tiers.map((tier) => [tier.tierId, tier.statuses.overdue, tier.statuses.excluded, tier.statuses.due])).toEqual([
      ['A', 2, 0, 0],
      ['B', 0, 1, 1],
    ]);
  });
});
