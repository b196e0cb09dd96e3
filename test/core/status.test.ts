/**
 * Statuses around a due date of 2026-11-16 (Monday), graceDays 2, soonDays 3, escalation to the
 * owner at 7 days and to the manager at 21: the zone, exclusions, pauses and snoozes.
 */
import { describe, expect, it } from 'vitest';
import { call, evaluateOne, policyWith } from '../helpers.js';

const policy = policyWith({
  cadence: { every: 'P14D' },
  graceDays: 2,
  soonDays: 3,
  escalate: [
    { afterDays: 21, to: 'manager' },
    { afterDays: 7, to: 'owner' },
  ],
});
const touches = [call('c1', '2026-11-02T10:00:00Z')];

// The day each status begins, in three zones, is in test/testing/first-user.test.ts, written
// with the testing kit.
describe('status and the contact zone', () => {
  it('today is now in the contact zone: 2026-11-18T20:00Z is the 19th in Tokyo (overdue), the 18th in New York (due)', () => {
    const now = '2026-11-18T20:00:00Z';
    expect(evaluateOne({ policy, touches: [call('c1', '2026-11-02T10:00:00Z')], contact: { timeZone: 'Asia/Tokyo' }, now }).status).toBe(
      'overdue',
    );
    expect(
      evaluateOne({ policy, touches: [call('c1', '2026-11-02T10:00:00Z')], contact: { timeZone: 'America/New_York' }, now }).status,
    ).toBe('due');
  });
});

describe('excluded, paused, snoozed', () => {
  it('do-not-contact is excluded with no due date', () => {
    const item = evaluateOne({ policy, touches, contact: { doNotContact: true }, now: '2026-11-30T12:00:00Z' });
    expect(item).toMatchObject({ status: 'excluded', dueOn: null, daysOverdue: 0, escalation: null });
  });

  it('paused while pausedUntil is after today; due = max(computed due, pausedUntil)', () => {
    const item = evaluateOne({ policy, touches, contact: { pausedUntil: '2026-12-01' }, now: '2026-11-30T12:00:00Z' });
    expect(item).toMatchObject({ status: 'paused', dueOn: '2026-12-01', daysOverdue: 0 });
    expect(item.reason.pausedUntil).toBe('2026-12-01');
  });

  it('after the pause, missed dates are not queued up: due on the pause end, not overdue from before', () => {
    const item = evaluateOne({ policy, touches, contact: { pausedUntil: '2026-12-01' }, now: '2026-12-02T12:00:00Z' });
    expect(item).toMatchObject({ status: 'due', dueOn: '2026-12-01', daysOverdue: 0 });
  });

  it('a pause that ended before the due date changes nothing', () => {
    const item = evaluateOne({ policy, touches, contact: { pausedUntil: '2026-11-05' }, now: '2026-11-20T12:00:00Z' });
    expect(item).toMatchObject({ status: 'overdue', dueOn: '2026-11-16', daysOverdue: 4 });
    expect(item.reason.pausedUntil).toBeNull();
  });

  it('a paused contact with a later computed due date is paused until then', () => {
    const item = evaluateOne({ policy, touches, contact: { pausedUntil: '2026-11-10' }, now: '2026-11-09T12:00:00Z' });
    expect(item).toMatchObject({ status: 'paused', dueOn: '2026-11-16' });
  });

  it('a snooze moves the due date to until without a touch', () => {
    const item = evaluateOne({
      policy,
      touches,
      snoozes: [{ contactId: 'c1', cycleId: 'check-in', until: '2026-12-03' }],
      now: '2026-11-30T12:00:00Z',
    });
    // 3 Dec − soonDays 3 = 30 Nov: the snoozed item is soon, no longer overdue.
    expect(item).toMatchObject({ status: 'soon', dueOn: '2026-12-03', daysOverdue: 0 });
    expect(item.reason.snoozedUntil).toBe('2026-12-03');
  });

  it('a snooze earlier than the computed due date does not pull it forward', () => {
    const item = evaluateOne({
      policy,
      touches,
      snoozes: [{ contactId: 'c1', cycleId: 'check-in', until: '2026-11-10' }],
      now: '2026-11-09T12:00:00Z',
    });
    expect(item.dueOn).toBe('2026-11-16');
    expect(item.reason.snoozedUntil).toBeNull();
  });
});
