/**
 * HubSpot in, this week's call lists, HubSpot tasks out: the whole sync in a few lines.
 *
 * The records are what HubSpot's CRM v3 API returns (the `results` of GET /crm/v3/owners and
 * GET /crm/v3/objects/{contacts,calls,meetings,emails,tasks,deals}?associations=contacts); here
 * they come from a file. A real sync would POST the printed body to
 * /crm/v3/objects/tasks/batch/upsert, then link each task to its contact.
 *
 * Run: npx tsx examples/hubspot-sync.ts
 */
import { readFileSync } from 'node:fs';
import { fromHubSpot, hubSpotAssociationRequest, hubSpotUpsertRequest, toHubSpotTasks } from '../src/adapters/hubspot/index.js';
import { callList, evaluate, parsePolicy, plan } from '../src/index.js';

const data = JSON.parse(readFileSync(new URL('./data/hubspot.json', import.meta.url), 'utf8'));
const policy = parsePolicy(data.policy);

// A fixed instant keeps the output the same on every machine: Monday 23 November 2026.
const now = '2026-11-23T08:00:00Z';

// 1. HubSpot records → contacts, touches and owners. Revenue feeds the tier rule; a custom
// do_not_call checkbox excludes a contact; HubSpot does not know the reps' zones and capacity.
const hubspot = fromHubSpot(data.records, {
  policy,
  attributes: ['annualrevenue'],
  doNotContactProperties: ['do_not_call'],
  owners: data.ownerSettings,
});
const { contacts, touches, owners } = hubspot;
console.log(`Read ${contacts.length} contacts, ${touches.length} touches, ${owners.length} owners.`);
for (const [collection, count] of Object.entries(hubspot.counts)) {
  if (count.read > 0)
    console.log(`  ${collection}: ${count.read} read, ${count.mapped} mapped, ${count.skipped} skipped, ${count.errors} errors`);
}
for (const entry of hubspot.skipped) console.log(`  skipped ${entry.source} ${entry.id}: ${entry.reason}`);
for (const error of hubspot.errors)
  console.log(`  error ${error.source} ${error.id} ${error.code} at ${error.path.join('.')}: ${error.message}`);

// 2. Evaluate and plan the week.
const { items } = evaluate({ policy, contacts, touches, owners, now });
const week = plan({ policy, items, owners, from: '2026-11-23', days: 5 });

console.log('\nThis week:');
for (const owner of week.owners) {
  console.log(`  owner ${owner.ownerId}`);
  for (const day of owner.days) {
    for (const entry of callList(week, owner.ownerId, day.date)) {
      const cycles = entry.cycles.map((cycle) => cycle.cycleId).join(' + ');
      console.log(`    ${day.date} ${entry.position}. contact ${entry.contactId} [${entry.tierId}] ${cycles}, ${entry.timing}`);
    }
  }
}

// 3. Tasks for HubSpot: a CALL task per planned call, due at 9:00 in the rep's zone, keyed so that
// the next sync updates them instead of adding more.
const tasks = toHubSpotTasks(week, { owners, policy });
console.log(`\nPOST /crm/v3/objects/tasks/batch/upsert (${tasks.length} tasks):`);
console.log(JSON.stringify(hubSpotUpsertRequest(tasks), null, 2));

// 4. The upsert takes no associations: link each task to its contact once HubSpot has answered
// with the tasks' ids. Here the answer is made up (ids 41001…), as HubSpot would send it.
const response = tasks.map((task, index) => ({ id: String(41001 + index), properties: task.properties }));
const { request } = hubSpotAssociationRequest(tasks, response);
console.log(`\nPOST /crm/v4/associations/tasks/contacts/batch/create (${request.inputs.length}):`);
for (const input of request.inputs)
  console.log(`  task ${input.from.id} → contact ${input.to.id} (type ${input.types[0]!.associationTypeId})`);
