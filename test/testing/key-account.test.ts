/**
 * The issue's example as a CRM team would write it. Hand-checked: 2026-01-05 + 14 days =
 * 2026-01-19, a Monday (a working day, so no shift); with 2 days' grace it is due through
 * 2026-01-21 and overdue on 2026-01-22, by 22 − 19 = 3 days.
 */
import { expect, test } from 'vitest';
import '../../src/testing/vitest.js';
import { book, cadencePolicy, check } from '../../src/testing/index.js';

test('a key account touched on 2026-01-05 on a 14-day cadence is due 2026-01-19 and overdue by 2026-01-22', () => {
  const policy = cadencePolicy({ every: 'P14D' }, { graceDays: 2 });
  const accounts = check(
    policy,
    book().contact('acme', { tier: 'A', timeZone: 'Europe/Berlin' }).touch('acme', '2026-01-05 10:00', 'call'),
  );
  expect(accounts.at('2026-01-19').item('acme')).toBeDueOn('2026-01-19');
  expect(accounts.at('2026-01-21').item('acme')).toHaveStatus('due');
  expect(accounts.at('2026-01-22').item('acme')).toBeOverdueBy(3);
});
