// Loads calling-cycle/pipedrive from the installed package by require (and, from the .mjs beside it, by import) and checks a round trip:
// Pipedrive v1 records → contacts and touches → a plan → v2 activity payloads → a completed one read back.
// The checks are written once: the .mjs loads the same modules by import and calls them.
function check({ evaluate, parsePolicy, plan }, { fromPipedrive, parseTaskKey, toPipedriveActivities }, how) {
  const policy = parsePolicy({ version: 1, tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] }], defaultTier: 'A' });
  const records = {
    users: [{ id: 11884360, timezone_name: 'Europe/Kiev', active_flag: true }],
    persons: [{ id: 1001, owner_id: { id: 11884360, name: 'Dana', value: 11884360 }, add_time: '2026-01-05 10:00:00', active_flag: true }],
    activities: [
      { id: 1, type: 'meeting', done: true, due_date: '2026-11-12', due_time: '', marked_as_done_time: '', user_id: 11884360, person_id: 1001, participants: [{ person_id: 1001, primary_flag: true }] },
      { id: 2, type: 'call', done: false, due_date: '2026-12-01', due_time: '09:00', marked_as_done_time: '', person_id: 1001 },
    ],
  };
  const read = fromPipedrive(records, { policy, ownerDefaults: { dailyCapacity: 5 } });
  const expect = (ok, what) => {
    if (!ok) throw new Error(`calling-cycle/pipedrive (${how === 'require' ? 'CJS' : 'ESM'}): ${what}: ${JSON.stringify(read)}`);
  };
  expect(read.contacts.length === 1 && read.contacts[0].id === '1001' && read.contacts[0].createdAt === '2026-01-05T10:00:00.000Z', 'person');
  // Untimed meeting: noon in Kyiv (UTC+2) on 12 November.
  expect(read.touches.length === 1 && read.touches[0].at === '2026-11-12T10:00:00.000Z', 'touch');
  expect(read.skipped.length === 1 && read.skipped[0].reason === 'open-activity', 'skipped');

  const now = '2026-11-30T09:00:00Z';
  const { items } = evaluate({ policy, contacts: read.contacts, touches: read.touches, owners: read.owners, now });
  const week = plan({ policy, items, owners: read.owners, from: '2026-11-30', days: 5 });
  const [activity] = toPipedriveActivities(week, { items, owners: read.owners, time: '10:00' });
  expect(activity && activity.due_time === '08:00' && activity.owner_id === 11884360 && activity.participants[0].person_id === 1001, 'payload');
  const key = parseTaskKey(/\[(cc1:[^\]]+)\]$/.exec(activity.note)[1]);
  expect(key && key.contactId === '1001' && key.cycleId === 'check-in', 'key');

  const done = { ...activity, id: 3, done: true, marked_as_done_time: '2026-11-30 09:00:00', person_id: 1001, participants: [{ person_id: 1001, primary_flag: true }] };
  const back = fromPipedrive({ ...records, activities: [...records.activities, done] }, { policy });
  const after = evaluate({ policy, contacts: back.contacts, touches: back.touches, owners: back.owners, now }).items[0];
  expect(after.lastTouchAt === '2026-11-30T09:00:00.000Z' && after.status === 'upcoming', 'round trip');
  console.log(`calling-cycle/pipedrive ${how} ok`);
}

module.exports = check;
if (require.main === module) check(require('calling-cycle'), require('calling-cycle/pipedrive'), 'require');
