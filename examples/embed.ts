// Embed calling-cycle in a CRM: map your records, evaluate, show each rep their list.
import { readFileSync } from 'node:fs';
import { type Contact, evaluate, explain, parsePolicy, type Touch } from '../src/index.js';

// Your CRM's rows (here a tiny export); map them to contacts and touches.
const rows = JSON.parse(readFileSync(new URL('./data/crm-export.json', import.meta.url), 'utf8')) as {
  accounts: { id: string; rep: string; tz: string; revenue: number; created: string }[];
  activities: { account: string; when: string; type: 'call' | 'meeting'; result: string }[];
};
const contacts: Contact[] = rows.accounts.map((a) => ({
  id: a.id,
  ownerId: a.rep,
  timeZone: a.tz,
  createdAt: a.created,
  attributes: { annualRevenue: a.revenue },
}));
const touches: Touch[] = rows.activities.map((x) => ({ contactId: x.account, at: x.when, channel: x.type, outcome: x.result }));

const policy = parsePolicy({
  version: 1,
  tiers: [
    { id: 'key', weight: 3, cycles: [{ id: 'call', cadence: { every: 'P14D' }, graceDays: 2 }] },
    { id: 'other', cycles: [{ id: 'call', cadence: { every: 'P1M' } }] },
  ],
  assign: [{ tier: 'key', when: { attribute: 'annualRevenue', gte: 100000 } }],
  defaultTier: 'other',
});
const { items, errors } = evaluate({ policy, contacts, touches, now: process.argv[2] ?? '2026-11-23T08:00:00Z' });

for (const item of items.filter((i) => i.status === 'due' || i.status === 'overdue')) console.log(`${item.ownerId}: ${explain(item)}`);
for (const error of errors) console.warn(`skipped ${error.record} ${error.index}: ${error.path.join('.')} ${error.message}`);
