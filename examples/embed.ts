// Embed calling-cycle in a CRM: map your records, evaluate, show each rep their list.
import { readFileSync } from 'node:fs';
import { type Contact, evaluate, explain, parsePolicy, type Touch } from '../src/index.js';

const read = (name: string) => JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8'));
type Account = { id: string; rep: string; tz: string; revenue: number; created: string };
type Activity = { account: string; when: string; type: 'call' | 'meeting'; result: string };

// Your CRM's rows (here a tiny export) mapped to contacts and touches; the policy is stored JSON.
const { accounts, activities }: { accounts: Account[]; activities: Activity[] } = read('crm-export.json');
const contacts: Contact[] = accounts.map((a) => ({
  id: a.id,
  ownerId: a.rep,
  timeZone: a.tz,
  createdAt: a.created,
  attributes: { annualRevenue: a.revenue },
}));
const touches: Touch[] = activities.map((x) => ({ contactId: x.account, at: x.when, channel: x.type, outcome: x.result }));
const policy = parsePolicy(read('embed-policy.json'));

const { items, errors } = evaluate({ policy, contacts, touches, now: process.argv[2] ?? new Date().toISOString() });
for (const item of items.filter((i) => i.status === 'due' || i.status === 'overdue')) console.log(`${item.ownerId}: ${explain(item)}`);
for (const error of errors) console.warn(`skipped ${error.record} ${error.index}: ${error.path.join('.')} ${error.message}`);
