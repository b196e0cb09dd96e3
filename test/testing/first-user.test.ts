/**
 * The project's status timeline, written with the kit as its first user (test/core/status.test.ts
 * keeps the cases that read the reason's fields): local dates in the contact's zone instead of hand-picked UTC instants, and matchers whose
 * failures explain the item. Same hand-checked facts: a touch on Monday 2026-11-02 on a 14-day
 * cadence is due Monday 2026-11-16; 2 days' grace, 3 days' warning, escalation to the owner at 7
 * days and the manager at 21.
 */
import { describe, expect, it } from 'vitest';
import '../../src/testing/vitest.js';
import { book, cadencePolicy, check } from '../../src/testing/index.js';
import type { Status } from '../../src/index.js';

const policy = cadencePolicy(
  { every: 'P14D' },
  {
    graceDays: 2,
    soonDays: 3,
    escalate: [
      { afterDays: 21, to: 'manager' },
      { afterDays: 7, to: 'owner' },
    ],
  },
);

describe.each(['Asia/Tokyo', 'America/New_York', 'Pacific/Chatham'])('status timeline around 2026-11-16 in %s', (timeZone) => {
  const ana = check(policy, book().contact('ana', { timeZone }).touch('ana', '2026-11-02 10:00'));
  it.each([
    ['2026-11-12', 'upcoming', 0, null],
    ['2026-11-13', 'soon', 0, null],
    ['2026-11-15', 'soon', 0, null],
    ['2026-11-16', 'due', 0, null],
    ['2026-11-18', 'due', 0, null],
    ['2026-11-19', 'overdue', 3, null],
    ['2026-11-22', 'overdue', 6, null],
    ['2026-11-23', 'overdue', 7, 'owner'],
    ['2026-12-06', 'overdue', 20, 'owner'],
    ['2026-12-07', 'overdue', 21, 'manager'],
  ] as [string, Status, number, string | null][])('on %s: %s, %i days overdue, escalated to %s', (today, status, days, escalation) => {
    const item = ana.at(today).item('ana');
    expect(item).toBeDueOn('2026-11-16');
    expect(item).toHaveStatus(status);
    if (status === 'overdue') expect(item).toBeOverdueBy(days);
    expect(item.item.escalation).toBe(escalation);
  });
});

describe('excluded, paused, snoozed', () => {
  const base = book().touch('c1', '2026-11-02 10:00');

  it('do-not-contact is excluded with no due date', () => {
    expect(
      check(policy, base.contact('c1', { doNotContact: true }))
        .at('2026-11-30')
        .item('c1'),
    ).toHaveStatus('excluded');
  });

  it('paused until 1 December, then due on it: the missed date is not queued up', () => {
    const paused = check(policy, base.contact('c1', { pausedUntil: '2026-12-01' }));
    expect(paused.at('2026-11-30').item('c1')).toHaveStatus('paused');
    expect(paused.at('2026-11-30').item('c1')).toBeDueOn('2026-12-01');
    expect(paused.at('2026-12-02').item('c1')).toHaveStatus('due');
  });

  it('a snooze moves the due date without a touch, and a touch still settles it', () => {
    const snoozed = check(policy, base.contact('c1').snooze('c1', 'check-in', '2026-11-25'))
      .at('2026-11-20')
      .item('c1');
    expect(snoozed).toBeDueOn('2026-11-25');
    expect(snoozed).toBeSatisfiedBy({ at: '2026-11-20 09:00' });
  });
});
