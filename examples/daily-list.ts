/**
 * Today's calling list from the bundled sample book: who is due or overdue, and why.
 *
 * Run: npm run example
 */
import { readFileSync } from 'node:fs';
import { type Contact, evaluate, explain, type Owner, parsePolicy, type Snooze, type Touch } from '../src/index.js';

const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as T;

// A fixed instant keeps the example's output the same on every machine and every day.
const now = '2026-11-23T08:00:00Z';

const policy = parsePolicy(load('policy.json'));
const { items, errors } = evaluate({
  policy,
  contacts: load<Contact[]>('contacts.json'),
  touches: load<Touch[]>('touches.json'),
  owners: load<Owner[]>('owners.json'),
  snoozes: load<Snooze[]>('snoozes.json'),
  now,
});

const toCall = items
  .filter((item) => item.status === 'overdue' || item.status === 'due')
  .sort((a, b) => b.daysOverdue - a.daysOverdue || a.contactId.localeCompare(b.contactId) || a.cycleId.localeCompare(b.cycleId));

console.log(`Calling list at ${now}: ${toCall.length} due or overdue of ${items.length} contact-cycles`);
for (const item of toCall) {
  const flag = item.status === 'overdue' ? `OVERDUE ${String(item.daysOverdue).padStart(3)}d` : 'due         ';
  console.log(`${flag}  ${(item.ownerId ?? '-').padEnd(10)} ${explain(item)}`);
}

const counts = new Map<string, number>();
for (const item of items) counts.set(item.status, (counts.get(item.status) ?? 0) + 1);
console.log(
  `\nBy status: ${[...counts]
    .sort()
    .map(([status, n]) => `${status} ${n}`)
    .join(', ')}`,
);

if (errors.length > 0) {
  console.log(`\n${errors.length} record(s) need attention:`);
  for (const error of errors)
    console.log(`  ${error.record} #${error.index} ${error.contactId ?? error.ownerId ?? ''} ${error.path.join('.')}: ${error.message}`);
}
