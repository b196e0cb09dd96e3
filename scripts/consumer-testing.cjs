// Loads calling-cycle/testing from the installed package by require, without any test framework
// or fast-check installed; the arbitraries take fast-check as an argument, so loading them needs
// nothing either.
const { arbitraries, asOf, book, cadencePolicy, evaluateAt, policyFrom, toHaveOccurrences, toHaveStatus } = require('calling-cycle/testing');

const fail = (what, detail) => {
  throw new Error(`calling-cycle/testing (CJS): ${what}: ${JSON.stringify(detail)}`);
};
if (typeof arbitraries !== 'function') fail('arbitraries export', typeof arbitraries);
const policy = policyFrom(cadencePolicy({ every: 'P14D' }), { tiers: [{ id: 'A', cycles: [{ id: 'check-in', graceDays: 2 }] }] });
// Kiritimati (UTC+14) and Pago Pago (UTC−11): no instant is 2026-01-19 in both, a date is.
const spread = book()
  .contact('east', { timeZone: 'Pacific/Kiritimati' })
  .contact('west', { timeZone: 'Pacific/Pago_Pago' })
  .touch('east', '2026-01-05 10:00')
  .touch('west', '2026-01-05 10:00');
const evaluation = evaluateAt(policy, spread, asOf('2026-01-19'));
for (const id of ['east', 'west']) {
  if (!toHaveStatus(evaluation.item(id), 'due').pass) fail(`${id} due on its own 19th`, evaluation.items);
}
const rule = { rrule: 'FREQ=MONTHLY;BYDAY=1TU', dtstart: '2026-01-01T09:00:00', timeZone: 'Europe/Berlin' };
const occurrences = toHaveOccurrences(rule, ['2026-01-06', '2026-02-03', '2026-03-03']);
if (!occurrences.pass) fail('first Tuesdays', occurrences.message());
console.log('calling-cycle/testing require ok');
