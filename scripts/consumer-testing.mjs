// Loads calling-cycle/testing from the installed package by import, without any test framework or
// fast-check installed: builders with local times, the matchers as plain functions, a short
// simulation and a scenario, checked against hand-worked dates.
import { book, cadencePolicy, check, formatScenarioResults, runScenarios, simulate, toBeDueOn, toBeOverdueBy } from 'calling-cycle/testing';

const fail = (what, detail) => {
  throw new Error(`calling-cycle/testing (ESM): ${what}: ${JSON.stringify(detail)}`);
};
const policy = cadencePolicy({ every: 'P14D' }, { graceDays: 2 });
const accounts = book()
  .owner('u1', { timeZone: 'Europe/Berlin', dailyCapacity: 5 })
  .contact('acme', { tier: 'A', timeZone: 'Europe/Berlin', ownerId: 'u1' })
  .touch('acme', '2026-01-05 10:00', 'call');
const built = accounts.build();
if (built.touches[0].at !== '2026-01-05T09:00:00.000Z') fail('local time in Berlin', built.touches);
const checked = check(policy, accounts);
if (!toBeDueOn(checked.at('2026-01-19').item('acme'), '2026-01-19').pass) fail('due on the 19th', checked.at('2026-01-19').items);
const late = toBeOverdueBy(checked.at('2026-01-22').item('acme'), 2);
if (late.pass || !late.message().includes('received: overdue by 3 days, due on 2026-01-19')) fail('overdue message', late.message());

const run = simulate(policy, accounts, { from: '2026-01-19', days: 14 });
if (run.summary.made !== 1 || run.touches[0].at !== '2026-01-19T09:00:00.000Z') fail('simulate', run.summary);

const results = runScenarios([
  { name: 'acme', policy, contacts: built.contacts, touches: built.touches, owners: built.owners, now: '2026-01-22', expect: { items: [{ contactId: 'acme', daysOverdue: 3 }] } },
]);
if (formatScenarioResults(results) !== 'PASS acme\n1 passed, 0 failed') fail('scenario', results);
console.log('calling-cycle/testing import ok');
