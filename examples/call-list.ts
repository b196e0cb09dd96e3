/**
 * Next week's call lists for two reps, from the bundled sample book.
 *
 * Run: npm run example:plan
 */
import { readFileSync } from 'node:fs';
import { type Contact, callList, evaluate, type Owner, parsePolicy, plan, type Snooze, type Touch } from '../src/index.js';

const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as T;

// A fixed instant keeps the output the same on every machine; the plan starts the next Monday.
const now = '2026-11-23T08:00:00Z';
const from = '2026-11-30';

const policy = parsePolicy(load('policy.json'));
const owners = load<Owner[]>('owners.json');
const { items } = evaluate({
  policy,
  contacts: load<Contact[]>('contacts.json'),
  touches: load<Touch[]>('touches.json'),
  owners,
  snoozes: load<Snooze[]>('snoozes.json'),
  now,
});
const week = plan({ policy, items, owners, from, days: 7 });

for (const owner of week.owners) {
  console.log(`\n${owner.ownerId}: ${owner.dailyCapacity} calls a day; ${owner.neededCapacity} a day would keep every cycle on time`);
  for (const day of owner.days) {
    console.log(`  ${day.date} (${day.touches.length}/${day.capacity})`);
    for (const entry of callList(week, owner.ownerId, day.date)) {
      console.log(`    ${entry.position}. ${entry.contactId} ${entry.cycleId} [${entry.tierId}] ${entry.timing}`);
    }
  }
}
if (week.overflow.length > 0) {
  console.log(`\nDoes not fit this week (${week.overflow.length}):`);
  for (const entry of week.overflow)
    console.log(`  ${entry.ownerId} ${entry.contactId} ${entry.cycleId}: due ${entry.dueOn}, ${entry.lateness} days late by then`);
}
