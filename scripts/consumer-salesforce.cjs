// Loads calling-cycle/salesforce from the installed package by require (and, from the .mjs beside it, by import) and checks a round trip:
// REST records (offsets without a colon, a date-only task, an open task) → contacts and touches →
// a plan → Task payloads → a completed planned task read back → the cycle is satisfied.
// The checks are written once: the .mjs loads the same modules by import and calls them.
function check({ evaluate, parsePolicy, plan }, { fromSalesforce, parseTaskKey, toSalesforceTasks }, how) {
  const policy = parsePolicy({
    version: 1,
    tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'review', cadence: { every: 'P14D' }, counts: { purposes: ['review'] } }] }],
    defaultTier: 'A',
  });
  const rep = '0058c00000A1NycAAF';
  const contact = '0038c00002Ada01AAB';
  const records = {
    users: [{ attributes: { type: 'User' }, Id: rep, TimeZoneSidKey: 'America/New_York' }],
    contacts: [{ attributes: { type: 'Contact' }, Id: contact, OwnerId: rep, CreatedDate: '2026-01-05T10:00:00.000+0000' }],
    tasks: [
      { attributes: { type: 'Task' }, Id: '00T8c00000Tsk01AAB', WhoId: contact, Status: 'Completed', IsClosed: true, TaskSubtype: 'Call', ActivityDate: '2026-11-02', CompletedDateTime: null },
      { attributes: { type: 'Task' }, Id: '00T8c00000Tsk02AAB', WhoId: contact, Status: 'Not Started', IsClosed: false, TaskSubtype: 'Call', ActivityDate: '2026-12-01' },
    ],
  };
  const read = fromSalesforce(records, { policy, dailyCapacity: 5 });
  const expect = (ok, what, value) => {
    if (!ok) throw new Error(`calling-cycle/salesforce (${how === 'require' ? 'CJS' : 'ESM'}): ${what}: ${JSON.stringify(value)}`);
  };
  expect(read.contacts.length === 1 && read.contacts[0].createdAt === '2026-01-05T10:00:00.000Z', 'contact', read);
  // Date-only: noon in New York (EST, UTC−5) on 2 November 2026.
  expect(read.touches.length === 1 && read.touches[0].at === '2026-11-02T17:00:00.000Z', 'touch', read);
  expect(read.skipped.length === 1 && read.skipped[0].reason === 'open-task', 'skipped', read);

  const now = '2026-11-30T14:00:00Z';
  const { items } = evaluate({ policy, contacts: read.contacts, touches: read.touches, owners: read.owners, now });
  const week = plan({ policy, items, owners: read.owners, from: '2026-11-30', days: 5 });
  const [task] = toSalesforceTasks(week);
  expect(task && task.WhoId === contact && task.OwnerId === rep && task.TaskSubtype === 'Call' && task.Status === 'Not Started', 'payload', task);
  const key = parseTaskKey(task.Calling_Cycle_Key__c);
  expect(key && key.contactId === contact && key.cycleId === 'review', 'key', task);

  const { attributes, ...fields } = task;
  const done = { attributes, Id: '00T8c00000Pln01AAB', ...fields, Status: 'Completed', IsClosed: true, CompletedDateTime: '2026-11-30T14:00:00.000+0000' };
  const back = fromSalesforce({ ...records, tasks: [...records.tasks, done] }, { policy });
  const after = evaluate({ policy, contacts: back.contacts, touches: back.touches, owners: back.owners, now }).items[0];
  expect(after.lastTouchAt === '2026-11-30T14:00:00.000Z' && after.status === 'upcoming', 'round trip', after);
  console.log(`calling-cycle/salesforce ${how} ok`);
}

module.exports = check;
if (require.main === module) check(require('calling-cycle'), require('calling-cycle/salesforce'), 'require');
