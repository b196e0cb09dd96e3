import { describe, expect, it } from 'vitest';
import { explain } from '../../src/index.js';
import { call, evaluateOne, policyWith } from '../helpers.js';

describe('explain', () => {
  it.each([
    [
      'overdue with escalation and a shift',
      { cadence: { every: 'P14D' }, escalate: [{ afterDays: 7, to: 'manager' }] },
      { tier: 'A' },
      [call('c1', '2026-11-01T10:00:00Z')],
      'c1 / check-in is overdue by 7 days (due 2026-11-16), escalated to manager: tier A (set on the contact), every 14 days, last qualifying touch on 2026-11-01; moved from 2026-11-15 to 2026-11-16 (not a working day).',
    ],
    [
      'never touched, default tier',
      { cadence: { every: 'P1M' }, firstTouchWithin: 'P30D' },
      { createdAt: '2026-11-20T10:00:00Z' },
      [],
      'c1 / check-in is next due on 2026-12-21: tier A (the default tier), every 1 month, never touched; counted from when the contact was created; moved from 2026-12-20 to 2026-12-21 (not a working day).',
    ],
    [
      'quota',
      { cadence: { per: 'quarter', times: 2 }, shift: 'preceding' },
      {},
      [call('c1', '2026-11-02T10:00:00Z')],
      'c1 / check-in is next due on 2026-12-31: tier A (the default tier), 2 times a quarter, 1 of 2 touches in the period from 2026-10-01.',
    ],
    [
      'paused',
      { cadence: { every: 'P14D' } },
      { pausedUntil: '2026-12-01' },
      [call('c1', '2026-11-02T10:00:00Z')],
      'c1 / check-in is paused until 2026-12-01: tier A (the default tier), every 14 days, last qualifying touch on 2026-11-02.',
    ],
    [
      'excluded',
      { cadence: { every: 'P14D' } },
      { doNotContact: true },
      [],
      'c1 / check-in is excluded (do not contact): tier A (the default tier), every 14 days, do not contact.',
    ],
  ])('%s', (_name, cycle, contact, touches, sentence) => {
    expect(explain(evaluateOne({ policy: policyWith(cycle), contact, touches, now: '2026-11-23T12:00:00Z' }))).toBe(sentence);
  });
});
