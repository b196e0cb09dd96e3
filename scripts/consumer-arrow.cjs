// calling-cycle/arrow from the packed package, by require (and, from the .mjs beside it, by
// import), with apache-arrow installed beside it as the optional peer: a book as Arrow tables
// gives the items of the same book as objects, and the result comes back as an Arrow table.
function check({ evaluate }, { evaluateArrow, resultToArrow }, arrow, how) {
  const { Table, makeVector, vectorFromArray, Utf8 } = arrow;
  const policy = { version: 1, tiers: [{ id: 'A', cycles: [{ id: 'check-in', cadence: { every: 'P14D' }, graceDays: 2 }] }], defaultTier: 'A' };
  const ids = Int32Array.from({ length: 20 }, (_, index) => 100 + index);
  const at = Float64Array.from(ids, (_, index) => Date.UTC(2026, 9, 1 + index, 10));
  const contacts = new Table({ id: makeVector(ids), timeZone: vectorFromArray(Array.from(ids, (_, index) => (index % 2 ? 'Asia/Tokyo' : 'Europe/Berlin')), new Utf8()) });
  const touches = new Table({ contact: makeVector(Int32Array.from(ids, (_, index) => index)), atMs: makeVector(at), channel: vectorFromArray(Array.from(ids, () => 'call'), new Utf8()) });
  const now = '2026-11-23T08:00:00Z';
  const result = evaluateArrow({ policy, contacts, touches, now });
  const expected = evaluate({
    policy,
    contacts: Array.from(ids, (id, index) => ({ id, timeZone: index % 2 ? 'Asia/Tokyo' : 'Europe/Berlin' })),
    touches: Array.from(ids, (id, index) => ({ contactId: id, at: at[index], channel: 'call' })),
    now,
  });
  const items = Array.from({ length: result.size }, (_, row) => result.item(row));
  if (JSON.stringify(items) !== JSON.stringify(expected.items)) throw new Error('evaluateArrow differs from evaluate');
  const table = resultToArrow(result);
  if (table.numRows !== expected.items.length || table.getChild('status').get(0) !== expected.items[0].status)
    throw new Error('resultToArrow: rows differ from the items');
  console.log(`arrow (${how}): ${result.size} rows from Arrow tables, as evaluate; result as a ${table.numCols}-column table`);
}

module.exports = check;
if (require.main === module) check(require('calling-cycle'), require('calling-cycle/arrow'), require('apache-arrow'), 'require');
