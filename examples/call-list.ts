/**
 * Next week's call lists for two reps, from the bundled sample book, with what a manager needs
 * beside them: how much work is already late, and what capacity keeps up.
 *
 * Run: npm run example:plan
 */
import { readFileSync } from 'node:fs';
import { type Contact, callList, evaluate, type Owner, parsePolicy, plan, type Snooze, type Touch } from '../src/index.js';

const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as T;

// A fixed instant keeps the output the same on every machine; the plan starts the next Monday.
const now = '2026-11-23T08:00:00Z';
const from = '2026-11-30';
const days = 7;

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
const week = plan({ policy, items, owners, from, days });
// The same week without the backlog: what on-time work alone asks of each rep.
const onTimeOnly = plan({ policy, items: items.filter((item) => item.dueOn !== null && item.dueOn >= from), owners, from, days });

const daysBetween = (earlier: string, later: string) => (Date.parse(later) - Date.parse(earlier)) / 86_400_000;
const plural = (count: number, word: string) => `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;

for (const owner of week.owners) {
  const late = items.filter(
    (item) => item.ownerId === owner.ownerId && item.dueOn !== null && item.dueOn < from && item.status !== 'paused',
  );
  const oldest = Math.max(0, ...late.map((item) => daysBetween(item.dueOn!, from)));
  const onTimeNeeds = onTimeOnly.owners.find((candidate) => candidate.ownerId === owner.ownerId)!.neededCapacity;
  console.log(`\n${owner.ownerId}: ${owner.dailyCapacity} calls a day`);
  console.log(`  backlog: ${plural(late.length, 'cycle')} already late on ${from}, up to ${plural(oldest, 'day')} late`);
  console.log(
    `  capacity: on-time work alone needs ${onTimeNeeds} calls a day; clearing the backlog within these ${days} days as well needs ${owner.neededCapacity}`,
  );
  const touches = owner.days.flatMap((day) => day.touches);
  const madeLate = touches.filter((touch) => touch.dueOn >= from && touch.lateness > 0);
  const calls = owner.days.reduce((sum, day) => sum + day.calls, 0);
  console.log(
    `  this week: ${plural(calls, 'call')} serving ${plural(touches.length, 'cycle')}; ` +
      (madeLate.length === 0
        ? 'nothing that was on time is made late'
        : `the backlog goes first, so ${plural(madeLate.length, 'cycle')} still on time on ${from} ${madeLate.length === 1 ? 'is' : 'are'} made up to ${plural(Math.max(...madeLate.map((touch) => touch.lateness)), 'day')} late`),
  );
  for (const day of owner.days) {
    console.log(`  ${day.date} (${day.calls}/${day.capacity} calls)`);
    for (const entry of callList(week, owner.ownerId, day.date)) {
      const cycles = entry.cycles.map((cycle) => `${cycle.cycleId} ${cycle.timing}`).join(', ');
      console.log(`    ${entry.position}. ${entry.contactId} [${entry.tierId}] ${cycles}`);
    }
  }
}
if (week.overflow.length > 0) {
  console.log(`\nDoes not fit this week (${week.overflow.length}):`);
  for (const entry of week.overflow)
    console.log(
      `  ${entry.ownerId} ${entry.contactId} ${entry.cycleId}: due ${entry.dueOn}, ${plural(entry.lateness, 'day')} late by then`,
    );
}
