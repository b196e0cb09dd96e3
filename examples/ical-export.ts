/**
 * Next week's calls of the sample book as an iCalendar file a rep subscribes to.
 *
 * By default one to-do per planned call, due on its day (Apple Reminders, Thunderbird, Outlook).
 * With `--events`, 15-minute events from 09:00 in each rep's own zone, for Google Calendar,
 * which ignores to-dos. Pass a rep's id to export only their calls.
 *
 * Run: npx tsx examples/ical-export.ts > calls.ics
 *      npx tsx examples/ical-export.ts --events u-newyork > new-york.ics
 */
import { readFileSync } from 'node:fs';
import { toICalendar } from '../src/ical/index.js';
import { type Contact, evaluate, type Owner, parsePolicy, plan, type Snooze, type Touch } from '../src/index.js';

const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as T;

// Fixed instants keep the output the same on every machine: the book is evaluated on Monday
// morning, the file made on Friday evening before the planned week.
const now = '2026-11-23T08:00:00Z';
const stamp = '2026-11-27T18:00:00Z';
const from = '2026-11-30';

const args = process.argv.slice(2);
const events = args.includes('--events');
const ownerId = args.find((arg) => !arg.startsWith('--'));

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

process.stdout.write(
  toICalendar(week, {
    stamp,
    domain: 'calls.example.com',
    name: ownerId === undefined ? 'Calls, week of 30 November' : `Calls of ${ownerId}, week of 30 November`,
    ...(ownerId === undefined ? {} : { ownerId }),
    ...(events ? { mode: 'event' as const, slot: { start: '09:00', minutes: 15 }, owners } : {}),
  }),
);
