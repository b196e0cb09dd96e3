// Loads calling-cycle/hubspot from the installed package by require (and, from the .mjs beside it, by import) and checks a round trip:
// HubSpot v3 records → contacts and touches → a plan → task upsert inputs → a completed task read back.
// The checks are written once: the .mjs loads the same modules by import and calls them.
function check({ evaluate, parsePolicy, plan }, { fromHubSpot, hubSpotUpsertRequest, parseTaskKey, toHubSpotTasks }, how) {
  const policy = parsePolicy({ version: 1, tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] }], defaultTier: 'A' });
  const contactsOf = (type, ...ids) => ({ contacts: { results: ids.map((id) => ({ id, type })) } });
  const records = {
    owners: [{ id: '64492917', email: 'maria@example.com', firstName: 'Maria', lastName: 'Lopez', userId: 9586504, archived: false }],
    contacts: [
      { id: '101', properties: { hubspot_owner_id: '64492917', hs_timezone: 'america_slash_new_york', createdate: '1735689600000' }, archived: false },
    ],
    calls: [
      {
        id: '9001',
        properties: { hs_timestamp: '2026-11-02T14:30:00Z', hs_call_status: 'COMPLETED', hs_call_direction: 'OUTBOUND', hs_call_disposition: 'f240bbac-87c9-4f6e-bf70-924b57d47db7' },
        associations: contactsOf('call_to_contact', '101'),
        archived: false,
      },
      { id: '9002', properties: { hs_timestamp: '2026-11-20T14:30:00Z', hs_call_status: 'NO_ANSWER' }, associations: contactsOf('call_to_contact', '101'), archived: false },
    ],
  };
  const read = fromHubSpot(records, { policy, owners: { 64492917: { timeZone: 'Europe/London', dailyCapacity: 5 } } });
  const expect = (ok, what) => {
    if (!ok) throw new Error(`calling-cycle/hubspot (${how === 'require' ? 'CJS' : 'ESM'}): ${what}: ${JSON.stringify(read)}`);
  };
  expect(read.contacts.length === 1 && read.contacts[0].timeZone === 'America/New_York' && read.contacts[0].createdAt === '2025-01-01T00:00:00.000Z', 'contact');
  expect(read.touches.length === 1 && read.touches[0].at === '2026-11-02T14:30:00.000Z' && read.touches[0].outcome === 'connected', 'touch');
  expect(read.skipped.length === 1 && read.skipped[0].reason === 'call-not-completed', 'skipped');

  // Monday 30 November: the check-in was due 16 November.
  const now = '2026-11-30T09:00:00Z';
  const { items } = evaluate({ policy, contacts: read.contacts, touches: read.touches, owners: read.owners, now });
  const week = plan({ policy, items, owners: read.owners, from: '2026-11-30', days: 5 });
  const [task] = toHubSpotTasks(week, { owners: read.owners, policy });
  // 9:00 in London (the rep's zone) in winter is 09:00 UTC.
  expect(task && task.properties.hs_timestamp === '2026-11-30T09:00:00.000Z' && task.properties.hubspot_owner_id === '64492917', 'task');
  expect(task.associations[0].to.id === '101' && task.associations[0].types[0].associationTypeId === 204, 'association');
  const key = parseTaskKey(task.id);
  expect(key && key.contactId === '101' && key.cycleId === 'check-in' && key.dueOn === '2026-11-16', 'key');
  expect(!('associations' in hubSpotUpsertRequest([task]).inputs[0]), 'upsert body');

  const done = { id: '6001', properties: { ...task.properties, hs_task_status: 'COMPLETED', hs_task_completion_date: now }, archived: false };
  const back = fromHubSpot({ ...records, tasks: [done] }, { policy });
  const after = evaluate({ policy, contacts: back.contacts, touches: back.touches, owners: back.owners, now }).items[0];
  expect(after.lastTouchAt === '2026-11-30T09:00:00.000Z' && after.status === 'upcoming', 'round trip');
  console.log(`calling-cycle/hubspot ${how} ok`);
}

module.exports = check;
if (require.main === module) check(require('calling-cycle'), require('calling-cycle/hubspot'), 'require');
