/**
 * Quota, milestone and anchored cadences against hand-checked calendars. Facts used: 2026-01-01 is
 * a Thursday, so the first Tuesdays of 2026 are Jan 6, Feb 3, Mar 3, Apr 7, May 5, Jun 2, Jul 7,
 * Aug 4, Sep 1, Oct 6, Nov 3, Dec 1; 2026-10-31 and 2026-02-28 are Saturdays; 2026-11-29 a Sunday.
 */
import { describe, expect, it } from 'vitest';
import type { Touch } from '../../src/index.js';
import { call, evaluateOne, policyWith } from '../helpers.js';

const at = (date: string, extra: Partial<Touch> = {}) => call('c1', `${date}T12:00:00Z`, extra);

describe('quota: each calendar period needs n qualifying touches', () => {
  it.each([
    [
      'quarter met → due at the end of the next quarter',
      { per: 'quarter', times: 1 },
      ['2026-08-15'],
      '2026-11-23',
      '2026-12-31',
      'upcoming',
      0,
    ],
    [
      'a missed quarter is overdue from its last day',
      { per: 'quarter', times: 1 },
      ['2026-05-10'],
      '2026-11-23',
      '2026-09-30',
      'overdue',
      54,
    ],
    [
      'the touch that comes settles it',
      { per: 'quarter', times: 1 },
      ['2026-05-10', '2026-11-20'],
      '2026-11-23',
      '2027-03-31',
      'upcoming',
      0,
    ],
    ['two a month, both made', { per: 'month', times: 2 }, ['2026-11-03', '2026-11-10'], '2026-11-23', '2026-12-31', 'upcoming', 0],
    ['two a month, one made', { per: 'month', times: 2 }, ['2026-11-03'], '2026-11-23', '2026-11-30', 'upcoming', 0],
    ['ISO weeks start on Monday', { per: 'week', times: 1 }, ['2026-11-18'], '2026-11-23', '2026-11-29', 'upcoming', 0],
    ['a touch on Sunday belongs to the week before', { per: 'week', times: 1 }, ['2026-11-22'], '2026-11-23', '2026-11-29', 'upcoming', 0],
    ['yearly quota met last year', { per: 'year', times: 1 }, ['2025-06-01'], '2026-11-23', '2026-12-31', 'upcoming', 0],
    ['never touched: counted from the period of createdAt', { per: 'quarter', times: 1 }, [], '2026-11-23', '2026-09-30', 'overdue', 54],
  ])('%s', (_name, cadence, touchDates, today, dueOn, status, daysOverdue) => {
    const item = evaluateOne({
      policy: policyWith({ cadence, shift: 'none' }),
      contact: { createdAt: '2026-07-10T09:00:00Z' },
      touches: touchDates.map((date) => at(date)),
      now: `${today}T12:00:00Z`,
    });
    expect(item).toMatchObject({ dueOn, status, daysOverdue });
    expect(item.reason.basis).toBe('period');
  });

  it('duplicates (same instant and channel) count once; same instant on another channel counts', () => {
    const policy = policyWith({ cadence: { per: 'month', times: 2 }, shift: 'none' });
    const now = '2026-11-23T12:00:00Z';
    expect(evaluateOne({ policy, touches: [at('2026-11-03'), at('2026-11-03')], now }).dueOn).toBe('2026-11-30');
    expect(evaluateOne({ policy, touches: [at('2026-11-03'), at('2026-11-03', { channel: 'email' })], now }).dueOn).toBe('2026-12-31');
  });

  it('counts only touches the cycle counts (a review quota ignores sales calls)', () => {
    const policy = policyWith({ cadence: { per: 'quarter', times: 1 }, counts: { purposes: ['review'] }, shift: 'none' });
    const item = evaluateOne({
      policy,
      touches: [at('2026-08-15', { purpose: 'review' }), at('2026-11-02', { purpose: 'sales' })],
      now: '2026-11-23T12:00:00Z',
    });
    expect(item.dueOn).toBe('2026-12-31');
    expect(item.reason.lastTouchOn).toBe('2026-08-15');
  });

  it('periods are read in the contact zone: 31 Dec 23:30 UTC is Q1 in Tokyo', () => {
    const policy = policyWith({ cadence: { per: 'quarter', times: 1 }, shift: 'none' });
    const touches = [call('c1', '2026-12-31T23:30:00Z')];
    const now = '2027-01-05T12:00:00Z';
    expect(evaluateOne({ policy, touches, contact: { timeZone: 'Asia/Tokyo' }, now }).dueOn).toBe('2027-06-30');
    expect(evaluateOne({ policy, touches, contact: { timeZone: 'America/New_York' }, now }).dueOn).toBe('2027-03-31');
  });
});

describe('milestones: follow-ups at closedWon 2026-10-01 + 7, 30 and 90 days', () => {
  const cadence = { after: 'closedWon', at: ['P7D', 'P30D', 'P90D'] };
  it.each([
    ['nothing done: the 7-day follow-up', [], 0, '2026-10-05', '2026-10-08', '2026-10-08', 'upcoming'],
    ['7-day done: the 30-day one (Saturday 31 Oct → Monday)', ['2026-10-09'], 0, '2026-10-20', '2026-10-31', '2026-11-02', 'upcoming'],
    ['30-day done: the 90-day one', ['2026-10-09', '2026-11-01'], 0, '2026-11-23', '2026-12-30', '2026-12-30', 'upcoming'],
    ['a touch before the close satisfies nothing', ['2026-09-20'], 0, '2026-10-20', '2026-10-08', '2026-10-08', 'overdue'],
    [
      'a touch within earlyDays of a milestone satisfies it',
      ['2026-10-09', '2026-10-28'],
      3,
      '2026-11-23',
      '2026-12-30',
      '2026-12-30',
      'upcoming',
    ],
    ['one day outside earlyDays does not', ['2026-10-09', '2026-10-27'], 3, '2026-11-23', '2026-10-31', '2026-11-02', 'overdue'],
  ])('%s', (_name, touchDates, earlyDays, today, rawDue, dueOn, status) => {
    const item = evaluateOne({
      policy: policyWith({ cadence: { ...cadence, earlyDays } }),
      contact: { events: { closedWon: '2026-10-01' } },
      touches: touchDates.map((date) => at(date)),
      now: `${today}T12:00:00Z`,
    });
    expect(item).toMatchObject({ dueOn, status });
    expect(item.reason.rawDue).toBe(rawDue);
  });

  it('all done: ended, with no due date', () => {
    const item = evaluateOne({
      policy: policyWith({ cadence }),
      contact: { events: { closedWon: '2026-10-01' } },
      touches: [at('2026-12-31')],
      now: '2027-01-04T12:00:00Z',
    });
    expect(item).toMatchObject({ status: 'ended', dueOn: null, daysOverdue: 0 });
  });

  it('a contact that never closed has nothing to follow up: ended, and the reason says why', () => {
    const item = evaluateOne({ policy: policyWith({ cadence }), now: '2026-11-23T12:00:00Z' });
    expect(item.status).toBe('ended');
    expect(item.reason.detail).toMatchObject({ event: 'closedWon', missing: true });
  });

  it('an event given as an instant is read in the contact zone', () => {
    const item = evaluateOne({
      policy: policyWith({ cadence, shift: 'none' }),
      contact: { timeZone: 'Asia/Tokyo', events: { closedWon: '2026-10-01T23:30:00Z' } },
      now: '2026-10-03T12:00:00Z',
    });
    expect(item.dueOn).toBe('2026-10-09');
  });
});

describe('anchored: RRULE occurrences from the anchor', () => {
  const firstTuesday = { rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2026-01-01', earlyDays: 3 };
  it.each([
    ['a touch 4 days before leaves the next first Tuesday due', firstTuesday, ['2026-10-30'], '2026-11-23', '2026-11-03', 'overdue', 20],
    ['a touch 3 days before satisfies it (earlyDays)', firstTuesday, ['2026-10-31'], '2026-11-23', '2026-12-01', 'upcoming', 0],
    ['missed occurrences do not pile up: one overdue item', firstTuesday, ['2026-06-10'], '2026-11-23', '2026-07-07', 'overdue', 139],
    ['never touched: the first occurrence on or after createdAt', firstTuesday, [], '2026-09-20', '2026-10-06', 'upcoming', 0],
    [
      'BYMONTHDAY=-1: the last day of February',
      { rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1', anchor: '2026-01-01' },
      ['2026-02-10'],
      '2026-02-11',
      '2026-02-28',
      'upcoming',
      0,
    ],
    [
      'every 31st skips the short months',
      { rrule: 'FREQ=MONTHLY;BYMONTHDAY=31', anchor: '2026-01-01' },
      ['2026-03-31'],
      '2026-04-01',
      '2026-05-31',
      'upcoming',
      0,
    ],
    [
      'quarterly from the anchor',
      { rrule: 'FREQ=MONTHLY;INTERVAL=3', anchor: '2025-02-15' },
      ['2026-05-20'],
      '2026-06-01',
      '2026-08-15',
      'upcoming',
      0,
    ],
  ])('%s', (_name, cadence, touchDates, today, dueOn, status, daysOverdue) => {
    const item = evaluateOne({
      policy: policyWith({ cadence, shift: 'none' }),
      contact: { createdAt: '2026-09-15T10:00:00Z' },
      touches: touchDates.map((date) => at(date)),
      now: `${today}T12:00:00Z`,
    });
    expect(item).toMatchObject({ dueOn, status, daysOverdue });
  });

  it('COUNT exhausted: ended', () => {
    const item = evaluateOne({
      policy: policyWith({ cadence: { rrule: 'FREQ=MONTHLY;COUNT=3', anchor: '2026-01-15' } }),
      touches: [at('2026-03-20')],
      now: '2026-04-01T12:00:00Z',
    });
    expect(item).toMatchObject({ status: 'ended', dueOn: null });
  });

  it('UNTIL in UTC is an instant, not a local time', () => {
    // Daily from 1 March; UNTIL 2026-03-04T16:00Z. In Tokyo, 5 March 00:00 is 4 March 15:00Z, before
    // UNTIL, so 5 March is an occurrence; in New York, 5 March 00:00 is 05:00Z on the 5th, after it.
    const policy = policyWith({ cadence: { rrule: 'FREQ=DAILY;UNTIL=20260304T160000Z', anchor: '2026-03-01' }, shift: 'none' });
    const now = '2026-03-05T02:00:00Z';
    const tokyo = evaluateOne({ policy, contact: { timeZone: 'Asia/Tokyo' }, touches: [call('c1', '2026-03-04T00:30:00Z')], now });
    expect(tokyo).toMatchObject({ dueOn: '2026-03-05', status: 'due' });
    const newYork = evaluateOne({ policy, contact: { timeZone: 'America/New_York' }, touches: [call('c1', '2026-03-04T18:00:00Z')], now });
    expect(newYork.status).toBe('ended');
  });

  it('anchored on a contact event: yearly on 29 February skips to the next leap year', () => {
    const item = evaluateOne({
      policy: policyWith({ cadence: { rrule: 'FREQ=YEARLY', anchor: 'contractStart' }, shift: 'none' }),
      contact: { events: { contractStart: '2024-02-29' } },
      touches: [at('2024-03-01')],
      now: '2026-11-23T12:00:00Z',
    });
    expect(item.dueOn).toBe('2028-02-29');
  });

  it('first Tuesdays across the New York DST change: a call late on 2 March local is 2 March', () => {
    const item = evaluateOne({
      policy: policyWith({ cadence: firstTuesday, shift: 'none' }),
      contact: { timeZone: 'America/New_York' },
      touches: [call('c1', '2026-03-03T04:30:00Z')],
      now: '2026-03-20T12:00:00Z',
    });
    expect(item.reason.lastTouchOn).toBe('2026-03-02');
    expect(item.dueOn).toBe('2026-04-07');
  });

  it('a missing anchor event is an error naming the field; other contacts still evaluate', async () => {
    const { evaluate } = await import('../../src/index.js');
    // Touched, so the rule must count from the event. (Never touched and without createdAt, the
    // contact is due today whatever its anchor: see never-touched.test.ts.)
    const result = evaluate({
      policy: policyWith({ cadence: { rrule: 'FREQ=YEARLY', anchor: 'contractStart' } }),
      contacts: [{ id: 'a' }, { id: 'b', events: { contractStart: '2026-01-10' } }],
      touches: [call('a', '2026-06-01T12:00:00Z')],
      now: '2026-11-23T12:00:00Z',
    });
    expect(result.items.map((item) => item.contactId)).toEqual(['b']);
    expect(result.errors).toEqual([expect.objectContaining({ record: 'contact', contactId: 'a', path: ['events', 'contractStart'] })]);
  });
});
