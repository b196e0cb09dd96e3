// Loads calling-cycle/csv from the installed package by require (and, from the .mjs beside it, by import) and checks a round trip:
// CSV text → contacts, touches and owners → a plan → a call-list CSV → a completed row read back.
// The checks are written once: the .mjs loads the same modules by import and calls them.
async function check({ evaluate, parsePolicy, plan }, { callListRows, callListToCsv, fromCsv, fromCsvStream, itemsToCsv, parseTaskKey }, how) {
  const policy = parsePolicy({ version: 1, tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] }], defaultTier: 'A' });
  const sources = {
    contacts: 'id,ownerId,timeZone,attributes.revenue\r\n=c1,u1,Europe/Berlin,120000\r\nc2,u1,Mars/Olympus,5\r\n',
    touches: 'contactId,at,channel,done\r\n=c1,2026-11-02T09:30:00+01:00,call,yes\r\n=c1,2026-11-20T09:30:00Z,call,no\r\n',
    owners: 'id,timeZone,dailyCapacity\r\nu1,Europe/London,5\r\n',
  };
  const read = fromCsv(sources);
  const expect = (ok, what, detail) => {
    if (!ok) throw new Error(`calling-cycle/csv (${how === 'require' ? 'CJS' : 'ESM'}): ${what}: ${JSON.stringify(detail ?? read)}`);
  };
  expect(read.contacts.length === 1 && read.contacts[0].id === '=c1' && read.contacts[0].attributes.revenue === 120000, 'contact');
  expect(read.touches.length === 1 && read.touches[0].at === '2026-11-02T08:30:00.000Z', 'touch');
  expect(read.errors.length === 1 && read.errors[0].code === 'unknown-zone' && read.errors[0].line === 3, 'error');
  expect(read.skipped.length === 1 && read.skipped[0].reason === 'open-activity', 'skipped');

  const now = '2026-11-30T09:00:00Z';
  const { items } = evaluate({ policy, contacts: read.contacts, touches: read.touches, owners: read.owners, now });
  const week = plan({ policy, items, owners: read.owners, from: '2026-11-30', days: 5 });
  const csv = callListToCsv(week);
  // The id starts like a formula: neutralised with a leading apostrophe; the reason holds commas, so it is quoted.
  expect(csv.startsWith('ownerId,date,position,contactId,') && csv.includes("\r\nu1,2026-11-30,1,'=c1,check-in,A,2026-11-16,14,"), 'call list', csv);
  const [row] = callListRows(week);
  const key = parseTaskKey(row.key);
  expect(key && key.contactId === '=c1' && key.cycleId === 'check-in' && key.dueOn === '2026-11-16', 'key', row);
  expect(itemsToCsv(items, { columns: ['contactId', 'daysOverdue'], header: false }) === "'=c1,14\r\n", 'items', items);

  // The rep marks the call done: a touches line read back closes the cycle.
  const back = fromCsv({ ...sources, touches: `${sources.touches}'=c1,2026-11-30T09:00:00Z,call,yes\r\n` });
  const after = evaluate({ policy, contacts: back.contacts, touches: back.touches, owners: back.owners, now }).items[0];
  expect(after.lastTouchAt === '2026-11-30T09:00:00.000Z' && after.status === 'upcoming', 'round trip', after);
  // The streaming reader gives the same result from chunks cut anywhere.
  const streamed = await fromCsvStream({ contacts: [sources.contacts.slice(0, 7), sources.contacts.slice(7)], touches: [sources.touches], owners: [sources.owners] });
  expect(JSON.stringify(streamed) === JSON.stringify(read), 'stream', streamed);
  console.log(`calling-cycle/csv ${how} ok`);
}

module.exports = check;
if (require.main === module) {
  check(require('calling-cycle'), require('calling-cycle/csv'), 'require').catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
