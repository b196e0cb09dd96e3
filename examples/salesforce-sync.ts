/**
 * Salesforce in, this week's call lists, Salesforce tasks out.
 *
 * examples/data/salesforce.json holds a policy and what a few SOQL queries return (Users,
 * Contacts, Leads, Tasks with their TaskWhoRelations, Events, won Opportunities with their contact
 * roles). The example maps them, plans the week for both reps, and prints the request body that
 * upserts the planned calls as Tasks by their idempotency key: run it twice and Salesforce updates
 * the same tasks instead of adding new ones.
 *
 * Run: npx tsx examples/salesforce-sync.ts
 */
import { readFileSync } from 'node:fs';
import { fromSalesforce, type SalesforceRecords, toSalesforceTasks } from '../src/adapters/salesforce/index.js';
import { callList, evaluate, parsePolicy, plan } from '../src/index.js';

const data = JSON.parse(readFileSync(new URL('./data/salesforce.json', import.meta.url), 'utf8')) as {
  policy: unknown;
  records: SalesforceRecords;
};

// A fixed instant keeps the output the same on every machine; the week starts that Monday.
const now = '2026-11-23T08:00:00Z';
const from = '2026-11-23';

const policy = parsePolicy(data.policy);
const { contacts, touches, owners, errors, skipped } = fromSalesforce(data.records, {
  policy,
  now,
  purposeField: 'Purpose__c',
  purposes: { 'Quarterly Review': 'review' },
  attributeFields: { annualRevenue: 'Annual_Revenue__c' },
  capacityField: 'Daily_Call_Capacity__c',
  calendar: { 'Europe/London': 'uk', 'America/New_York': 'us' },
});

console.log(`Read from Salesforce: ${contacts.length} contacts and leads, ${touches.length} touches, ${owners.length} reps`);
for (const entry of skipped) console.log(`  skipped ${entry.source}[${entry.index}] ${entry.id ?? ''}: ${entry.reason}`);
for (const error of errors)
  console.log(`  error ${error.source}[${error.index}] ${error.id ?? ''} ${error.code} ${error.path.join('.')}: ${error.message}`);

const { items } = evaluate({ policy, contacts, touches, owners, now });
const week = plan({ policy, items, owners, from, days: 7 });

console.log(`\nThis week's calls, from ${from}:`);
for (const owner of week.owners) {
  console.log(`${owner.ownerId}: ${owner.dailyCapacity} calls a day`);
  for (const day of owner.days) {
    const calls = callList(week, owner.ownerId, day.date);
    if (calls.length === 0) continue;
    console.log(`  ${day.date}`);
    for (const call of calls) {
      console.log(
        `    ${call.position}. ${call.contactId} ${call.cycles.map((cycle) => cycle.cycleId).join(' + ')} [${call.tierId}] ${call.timing}`,
      );
    }
  }
}

const tasks = toSalesforceTasks(week);
console.log(`\n${tasks.length} tasks: PATCH /services/data/v62.0/composite/sobjects/Task/Calling_Cycle_Key__c`);
console.log(JSON.stringify({ allOrNone: false, records: tasks }, null, 2));
