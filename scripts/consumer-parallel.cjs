// calling-cycle/parallel from the packed package, by require (and, from the .mjs beside it, by
// import): the worker script ships beside the entry, and a book split over two workers gives
// evaluate's answer. The checks are written once: the .mjs loads the same modules and calls them.
async function check({ evaluate }, { evaluateParallel }, how) {
  const policy = { version: 1, tiers: [{ id: 'A', cycles: [{ id: 'check-in', cadence: { every: 'P14D' }, graceDays: 2 }] }], defaultTier: 'A' };
  const contacts = Array.from({ length: 40 }, (_, index) => ({ id: `c${index}`, timeZone: index % 2 ? 'Asia/Tokyo' : 'America/New_York' }));
  contacts.push({ id: 'bad', timeZone: 'Mars/Olympus' });
  const touches = contacts.map((contact, index) => ({ contactId: contact.id, at: new Date(Date.UTC(2026, 9, 1 + index)).toISOString(), channel: 'call' }));
  touches.push({ contactId: 'ghost', at: '2026-11-01T10:00:00Z', channel: 'call' });
  const options = { policy, contacts, touches, now: '2026-11-23T08:00:00Z' };

  const expected = evaluate(options);
  const items = await evaluateParallel(options, { workers: 2, minContactsPerWorker: 1 });
  if (JSON.stringify(items) !== JSON.stringify(expected)) throw new Error('evaluateParallel (items) differs from evaluate');
  const columns = await evaluateParallel(options, { workers: 2, minContactsPerWorker: 1, output: 'columns' });
  if (columns.size !== expected.items.length) throw new Error(`evaluateParallel (columns): ${columns.size} rows, expected ${expected.items.length}`);
  if (JSON.stringify(columns.item(columns.size - 1)) !== JSON.stringify(expected.items.at(-1))) throw new Error('evaluateParallel (columns): last row differs');
  if (expected.errors.length !== 2 || JSON.stringify(columns.errors) !== JSON.stringify(expected.errors)) throw new Error('evaluateParallel: errors differ');
  console.log(`parallel (${how}): ${columns.size} rows over 2 workers, ${columns.errors.length} errors, as evaluate`);
}

module.exports = check;
if (require.main === module) {
  check(require('calling-cycle'), require('calling-cycle/parallel'), 'require').catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
