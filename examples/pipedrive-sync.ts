/**
 * Pipedrive in, this week's call lists, Pipedrive activities out: the whole sync in a few lines.
 *
 * The records are what Pipedrive's API returns (the `data` arrays of GET /v1/users and
 * GET /api/v2/persons, /activities, /deals); here they come from a file. A real sync would POST
 * each `create` payload to /api/v2/activities and PATCH each `update` one.
 *
 * Run: npx tsx examples/pipedrive-sync.ts
 */
import { readFileSync } from 'node:fs';
import { fromPipedrive, matchPipedriveActivities, toPipedriveActivities } from '../src/adapters/pipedrive/index.js';
import { callList, evaluate, parsePolicy, plan } from '../src/index.js';

const book = JSON.parse(readFileSync(new URL('./data/pipedrive.json', import.meta.url), 'utf8'));
const policy = parsePolicy(book.policy);

// A fixed instant keeps the output the same on every machine; the week starts that Monday.
const now = '2026-11-30T08:00:00Z';

// 1. Pipedrive records → contacts, touches and owners. The revenue custom field feeds the tier rule.
const pipedrive = fromPipedrive(
  { users: book.users, persons: book.persons, activities: book.activities, deals: book.deals },
  {
    policy,
    attributes: { '3c5e1f0a9b8d7c6e5f4a3b2c1d0e9f8a7b6c5d4e': 'annualRevenue' },
    ownerDefaults: { dailyCapacity: 3 },
  },
);
const { contacts, touches, owners } = pipedrive;
console.log(`Read ${contacts.length} persons, ${touches.length} touches, ${owners.length} users.`);
for (const [collection, count] of Object.entries(pipedrive.counts)) {
  console.log(`  ${collection}: ${count.read} read, ${count.mapped} mapped, ${count.skipped} skipped, ${count.errors} errors`);
}
for (const entry of pipedrive.skipped) console.log(`  skipped ${entry.source} #${entry.index} (id ${entry.id}): ${entry.reason}`);
for (const error of pipedrive.errors)
  console.log(`  error ${error.source} #${error.index} (id ${error.id}) ${error.code} at ${error.path.join('.')}: ${error.message}`);

// 2. Evaluate and plan the week.
const { items } = evaluate({ policy, contacts, touches, owners, now });
const week = plan({ policy, items, owners, from: '2026-11-30', days: 5 });

console.log('\nThis week:');
for (const owner of week.owners) {
  console.log(`  rep ${owner.ownerId}`);
  for (const day of owner.days) {
    for (const entry of callList(week, owner.ownerId, day.date)) {
      const cycles = entry.cycles.map((cycle) => cycle.cycleId).join(' + ');
      console.log(`    ${day.date} ${entry.position}. person ${entry.contactId} [${entry.tierId}] ${cycles}, ${entry.timing}`);
    }
  }
}

// 3. Activities for Pipedrive, one per cycle a call serves (each carries its own key, so each closes its
// own cycle when done): at 10:00 in each rep's zone, the reason as the note, the key at its end.
const activities = toPipedriveActivities(week, { items, owners, time: '10:00', duration: '00:15' });

// 4. Re-running a sync: match against what Pipedrive already holds, so nothing is created twice.
// Here "already there" is last run's open activity for the first call (as GET /api/v2/activities returns it).
const first = activities[0]!;
const existing = [...book.activities, { ...first, id: 812, done: false, is_deleted: false }];
const sync = matchPipedriveActivities(existing, activities);

console.log(`\nPOST /api/v2/activities (${sync.create.length}):`);
for (const payload of sync.create) console.log(`  ${JSON.stringify(payload)}`);
console.log(`PATCH /api/v2/activities/{id} (${sync.update.length}):`);
for (const { id, payload } of sync.update) console.log(`  ${id} ${JSON.stringify(payload)}`);
