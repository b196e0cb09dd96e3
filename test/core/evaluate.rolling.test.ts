/**
 * Rolling cadences, hand-checked against a calendar. Facts used: 2026-11-23 is a Monday;
 * 2026-12-25 is a Friday; New York is UTC−5 in November and switches to UTC−4 at 2026-03-08
 * 07:00Z; London switches to UTC+1 at 2026-03-29 01:00Z; Tokyo is UTC+9 all year.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, parsePolicy } from '../../src/index.js';
import { call, evaluateOne, policyWith } from '../helpers.js';

describe('rolling: due = local date of the last qualifying touch + duration, then shifted', () => {
  it.each([
    // name, every, touch instant, zone, shift, expected rawDue, expected dueOn
    ['plain fortnight', 'P14D', '2026-11-02T10:00:00Z', 'UTC', 'following', '2026-11-16', '2026-11-16'],
    ['Sunday moves to Monday (following)', 'P14D', '2026-11-01T10:00:00Z', 'UTC', 'following', '2026-11-15', '2026-11-16'],
    ['Sunday moves to Friday (preceding)', 'P14D', '2026-11-01T10:00:00Z', 'UTC', 'preceding', '2026-11-15', '2026-11-13'],
    ['Sunday stays (none)', 'P14D', '2026-11-01T10:00:00Z', 'UTC', 'none', '2026-11-15', '2026-11-15'],
    [
      'Sunday 31 May: modified-following stays in May',
      'P14D',
      '2026-05-17T10:00:00Z',
      'UTC',
      'modified-following',
      '2026-05-31',
      '2026-05-29',
    ],
    [
      'Saturday mid-month: modified-following goes forward',
      'P14D',
      '2026-05-02T10:00:00Z',
      'UTC',
      'modified-following',
      '2026-05-16',
      '2026-05-18',
    ],
    ['holiday Friday 25 Dec → Monday 28 (following)', 'P14D', '2026-12-11T10:00:00Z', 'UTC', 'following', '2026-12-25', '2026-12-28'],
    ['holiday Friday 25 Dec → Thursday 24 (preceding)', 'P14D', '2026-12-11T10:00:00Z', 'UTC', 'preceding', '2026-12-25', '2026-12-24'],
    [
      'holiday Friday 25 Dec → Monday 28 (modified-following)',
      'P14D',
      '2026-12-11T10:00:00Z',
      'UTC',
      'modified-following',
      '2026-12-25',
      '2026-12-28',
    ],
    ['Jan 31 + P1M clamps to Feb 28 (a Saturday, none)', 'P1M', '2026-01-31T10:00:00Z', 'UTC', 'none', '2026-02-28', '2026-02-28'],
    ['Jan 31 + P1M in a leap year is Feb 29', 'P1M', '2024-01-31T10:00:00Z', 'UTC', 'none', '2024-02-29', '2024-02-29'],
    ['Feb 29 + P1Y is Feb 28 (a Friday)', 'P1Y', '2024-02-29T10:00:00Z', 'UTC', 'following', '2025-02-28', '2025-02-28'],
    ['23:30Z is the next day in Tokyo', 'P14D', '2026-11-09T23:30:00Z', 'Asia/Tokyo', 'none', '2026-11-24', '2026-11-24'],
    ['23:30Z is the same day in New York', 'P14D', '2026-11-09T23:30:00Z', 'America/New_York', 'none', '2026-11-23', '2026-11-23'],
    [
      'New York spring-forward day, before the change',
      'P1D',
      '2026-03-08T06:30:00Z',
      'America/New_York',
      'none',
      '2026-03-09',
      '2026-03-09',
    ],
    ['New York: 04:30Z on 8 March is still 7 March', 'P1D', '2026-03-08T04:30:00Z', 'America/New_York', 'none', '2026-03-08', '2026-03-08'],
    [
      'London: 23:30Z before the clocks go forward is 28 March',
      'P7D',
      '2026-03-28T23:30:00Z',
      'Europe/London',
      'none',
      '2026-04-04',
      '2026-04-04',
    ],
    [
      'London: 23:30Z after the clocks go forward is 30 March',
      'P7D',
      '2026-03-29T23:30:00Z',
      'Europe/London',
      'none',
      '2026-04-06',
      '2026-04-06',
    ],
    [
      'New York fall-back day: 05:30Z on 1 Nov is 01:30 EDT',
      'P1W',
      '2026-11-01T05:30:00Z',
      'America/New_York',
      'none',
      '2026-11-08',
      '2026-11-08',
    ],
  ])('%s', (_name, every, at, timeZone, shift, rawDue, dueOn) => {
    const item = evaluateOne({
      policy: policyWith({ cadence: { every }, shift }),
      contact: { timeZone },
      touches: [call('c1', at)],
      now: '2027-06-01T12:00:00Z',
    });
    expect(item.reason.rawDue).toBe(rawDue);
    expect(item.dueOn).toBe(dueOn);
    expect(item.reason.shiftedTo).toBe(rawDue === dueOn ? null : dueOn);
  });

  it('counts from the last qualifying touch, whatever the input order', () => {
    const item = evaluateOne({
      policy: policyWith({ cadence: { every: 'P14D' } }),
      touches: [call('c1', '2026-11-02T10:00:00Z'), call('c1', '2026-10-01T10:00:00Z'), call('c1', '2026-10-20T10:00:00Z')],
      now: '2026-11-03T12:00:00Z',
    });
    expect(item.lastTouchAt).toBe('2026-11-02T10:00:00.000Z');
    expect(item.reason.lastTouchOn).toBe('2026-11-02');
    expect(item.dueOn).toBe('2026-11-16');
  });
});

describe('never touched', () => {
  it.each([
    ['createdAt date when firstTouchWithin is absent (due at once)', undefined, '2026-11-04T10:00:00Z', '2026-11-04', 'created'],
    ['createdAt + firstTouchWithin', 'P14D', '2026-11-04T10:00:00Z', '2026-11-18', 'created'],
    ['createdAt in the contact zone (Tokyo: next day)', 'P1D', '2026-11-04T20:00:00Z', '2026-11-06', 'created'],
    ['no createdAt: due today', 'P14D', undefined, '2026-11-23', 'no-history'],
  ])('%s', (_name, firstTouchWithin, createdAt, dueOn, basis) => {
    const item = evaluateOne({
      policy: policyWith({ cadence: { every: 'P1M' }, ...(firstTouchWithin ? { firstTouchWithin } : {}) }),
      contact: { timeZone: 'Asia/Tokyo', ...(createdAt ? { createdAt } : {}) },
      now: '2026-11-23T03:00:00Z',
    });
    expect(item.dueOn).toBe(dueOn);
    expect(item.reason.basis).toBe(basis);
    expect(item.lastTouchAt).toBeNull();
  });
});

describe('qualifying touches', () => {
  const base = '2026-11-02T10:00:00Z';
  const later = '2026-11-09T10:00:00Z';
  it.each([
    ['an attempt (voicemail) does not count by default', {}, { outcome: 'voicemail' }, base],
    ['no-answer does not count by default', {}, { outcome: 'no-answer' }, base],
    ['bounced does not count by default', {}, { outcome: 'bounced' }, base],
    ['a touch with no outcome counts', {}, { outcome: undefined }, later],
    ['an email counts when every channel does', {}, { channel: 'email' as const }, later],
    ['an email does not count for a call/meeting cycle', { channels: ['call', 'meeting'] }, { channel: 'email' as const }, base],
    ['inbound does not count for an outbound-only cycle', { directions: ['outbound'] }, { direction: 'inbound' as const }, base],
    ['a voicemail counts where the cycle lists it', { outcomes: ['connected', 'voicemail'] }, { outcome: 'voicemail' }, later],
    ['a sales call does not count for a review cycle', { purposes: ['review'] }, { purpose: 'sales' }, base],
    ['a review counts for a review cycle', { purposes: ['review'] }, { purpose: 'review' }, later],
  ])('%s', (_name, counts, change, lastTouch) => {
    const item = evaluateOne({
      policy: policyWith({ cadence: { every: 'P14D' }, counts: Object.keys(counts).length ? counts : undefined }),
      touches: [call('c1', base, { purpose: 'review' }), call('c1', later, change)],
      now: '2026-11-20T12:00:00Z',
    });
    expect(item.lastTouchAt).toBe(new Date(lastTouch).toISOString());
  });

  it('each of forty cycles with its own rule finds its own last touch, whatever their number', () => {
    // More distinct rules than the engine tests up front for every touch: the rest are asked as needed.
    const purposes = Array.from({ length: 40 }, (_, index) => `purpose-${index}`);
    const policy = parsePolicy({
      version: 1,
      tiers: [
        {
          id: 'A',
          cycles: purposes.map((purpose) => ({ id: purpose, cadence: { every: 'P30D' }, counts: { purposes: [purpose] } })),
        },
      ],
      defaultTier: 'A',
    });
    // Purpose k is touched on day k + 1 of October; a later call with another purpose must not count.
    const touches = purposes.map((purpose, index) =>
      call('c1', `2026-10-${String((index % 28) + 1).padStart(2, '0')}T10:00:00Z`, { purpose }),
    );
    touches.push(call('c1', '2026-11-20T10:00:00Z', { purpose: 'other' }));
    const { items, errors } = evaluate({ policy, contacts: [{ id: 'c1' }], touches, now: '2026-11-23T12:00:00Z' });
    expect(errors).toEqual([]);
    expect(items.map((item) => [item.cycleId, item.reason.lastTouchOn])).toEqual(
      purposes.map((purpose, index) => [purpose, `2026-10-${String((index % 28) + 1).padStart(2, '0')}`]),
    );
  });

  it('a touch dated after now does not count (it is planned, not done)', () => {
    const item = evaluateOne({
      policy: policyWith({ cadence: { every: 'P14D' } }),
      touches: [call('c1', '2026-11-02T10:00:00Z'), call('c1', '2026-11-20T12:00:01Z')],
      now: '2026-11-20T12:00:00Z',
    });
    expect(item.reason.lastTouchOn).toBe('2026-11-02');
  });
});
