/**
 * Never-touched contacts (SPEC "Never touched"). Without `createdAt`, a contact on a rolling,
 * anchored or quota cycle is due today, unshifted; an anchored rule with no occurrence on or after
 * today is `ended` instead, and the rule's anchor never makes such a contact overdue. A milestone's
 * date is fixed by its event and the shift and never depends on `now`; no shift moves a
 * never-touched contact's due date before its `createdAt` date.
 *
 * Calendar facts: 2026-11-22 is a Sunday, 2026-11-23 a Monday; 2026-09-26 and 2026-10-31 are
 * Saturdays. The policy's calendar works Monday to Friday.
 */
import { describe, expect, it } from 'vitest';
import { type Contact, type DueItem, evaluate, evaluateColumns, evaluateStream, explain, type Policy } from '../../src/index.js';
import { call, evaluateOne, policyWith } from '../helpers.js';

const MONDAY = '2026-11-23T12:00:00Z';
const SUNDAY = '2026-11-22T12:00:00Z';

describe('anchored, never touched, no createdAt: due today, unshifted, or ended', () => {
  it.each([
    ['a first-Tuesday rule anchored in January', { rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2026-01-01' }, {}],
    ['a yearly rule anchored on an old event', { rrule: 'FREQ=YEARLY', anchor: 'contractStart' }, { contractStart: '2009-03-04' }],
    ['a rule anchored after today', { rrule: 'FREQ=MONTHLY', anchor: '2027-02-01' }, {}],
    ['a rule on an event the contact lacks', { rrule: 'FREQ=YEARLY', anchor: 'birthday' }, {}],
    ['a daily COUNT rule whose last date is today', { rrule: 'FREQ=DAILY;COUNT=11', anchor: '2026-11-13' }, {}],
  ])('%s: due today, not overdue', (_name, cadence, events) => {
    const item = evaluateOne({ policy: policyWith({ cadence }), contact: { events }, now: MONDAY });
    expect(item).toMatchObject({ status: 'due', dueOn: '2026-11-23', daysOverdue: 0, lastTouchAt: null });
    expect(item.reason).toMatchObject({ basis: 'no-history', rawDue: '2026-11-23', shiftedTo: null });
  });

  it.each([
    ['a COUNT rule on a fixed anchor, finished', { rrule: 'FREQ=MONTHLY;COUNT=3', anchor: '2026-01-15' }, {}],
    ['a COUNT rule on an old event, finished', { rrule: 'FREQ=YEARLY;COUNT=2', anchor: 'contractStart' }, { contractStart: '2019-05-01' }],
    ['an UNTIL rule, finished', { rrule: 'FREQ=WEEKLY;UNTIL=20260101T000000Z', anchor: '2025-06-01' }, {}],
    ['a daily COUNT rule whose last date was yesterday', { rrule: 'FREQ=DAILY;COUNT=10', anchor: '2026-11-13' }, {}],
    [
      'an event from which the rule gives no date (29 February every fourth year from 2026)',
      { rrule: 'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29', anchor: 'contractStart' },
      { contractStart: '2026-02-01' },
    ],
  ])('%s: ended, not an error', (_name, cadence, events) => {
    const result = evaluate({ policy: policyWith({ cadence }), contacts: [{ id: 'c1', events }], touches: [], now: MONDAY });
    expect(result.errors).toEqual([]);
    expect(result.items[0]).toMatchObject({ status: 'ended', dueOn: null, daysOverdue: 0 });
    expect(result.items[0]!.reason.basis).toBe('no-history');
  });

  it('today is the contact’s own date: the last date of a COUNT rule is today in Tokyo, yesterday in UTC', () => {
    const policy = policyWith({ cadence: { rrule: 'FREQ=DAILY;COUNT=10', anchor: '2026-11-13' } });
    // 2026-11-22T20:00Z is 23 November in Tokyo (the rule's last date was the 22nd) and the 22nd in UTC.
    const now = '2026-11-22T20:00:00Z';
    expect(evaluateOne({ policy, contact: { timeZone: 'Asia/Tokyo' }, now }).status).toBe('ended');
    expect(evaluateOne({ policy, contact: { timeZone: 'UTC' }, now })).toMatchObject({ status: 'due', dueOn: '2026-11-22' });
  });

  it('due today on a Sunday is not shifted, whatever the shift', () => {
    for (const shift of ['following', 'preceding', 'modified-following', 'none']) {
      const policy = policyWith({ cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2026-01-01' }, shift });
      expect(evaluateOne({ policy, now: SUNDAY })).toMatchObject({ status: 'due', dueOn: '2026-11-22', reason: { shiftedTo: null } });
    }
  });

  it('a touched contact, or one with createdAt, still counts from the rule (unchanged)', () => {
    const policy = policyWith({ cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2026-01-01' }, shift: 'none' });
    const touched = evaluateOne({ policy, touches: [call('c1', '2026-06-10T12:00:00Z')], now: MONDAY });
    expect(touched).toMatchObject({ status: 'overdue', dueOn: '2026-07-07' });
    const created = evaluateOne({ policy, contact: { createdAt: '2026-09-15T10:00:00Z' }, now: MONDAY });
    expect(created).toMatchObject({ status: 'overdue', dueOn: '2026-10-06' });
    // A touched contact on an event it lacks is still an error: the rule has nothing to count from.
    const lacking = evaluate({
      policy: policyWith({ cadence: { rrule: 'FREQ=YEARLY', anchor: 'birthday' } }),
      contacts: [{ id: 'c1' }],
      touches: [call('c1', '2026-06-10T12:00:00Z')],
      now: MONDAY,
    });
    expect(lacking.errors.map((error) => error.code)).toEqual(['unknown-event']);
  });

  it('explain says why an ended rule ended and why a new contact is due', () => {
    const ended = evaluateOne({ policy: policyWith({ cadence: { rrule: 'FREQ=MONTHLY;COUNT=3', anchor: '2026-01-15' } }), now: MONDAY });
    expect(explain(ended)).toMatch(/has ended: .*never touched and no creation date; the rule has no date on or after today\.$/);
    const due = evaluateOne({ policy: policyWith({ cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2026-01-01' } }), now: MONDAY });
    expect(explain(due)).toMatch(/is due \(due 2026-11-23\): .*never touched and no creation date, so due at once\.$/);
  });
});

describe('milestones, never touched, no createdAt: the date never depends on now', () => {
  it.each([
    // closedWon + 7 days is Saturday 26 September; preceding says Friday the 25th.
    ['preceding', '2026-09-19', '2026-09-25', ['2026-09-24', '2026-09-25', '2026-09-26', '2026-09-27', '2026-09-28']],
    // closedWon + 7 days is Saturday 31 October; the next workable day leaves the month, so Friday the 30th.
    ['modified-following', '2026-10-24', '2026-10-30', ['2026-10-29', '2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']],
  ])('%s: the same due date on consecutive days, only the status moves', (shift, closedWon, dueOn, days) => {
    const policy = policyWith({ cadence: { after: 'closedWon', at: ['P7D'] }, shift });
    const items = days.map((day) => evaluateOne({ policy, contact: { events: { closedWon } }, now: `${day}T12:00:00Z` }));
    expect(items.map((item) => item.dueOn)).toEqual(days.map(() => dueOn));
    expect(items.map((item) => item.status)).toEqual(['upcoming', 'due', 'overdue', 'overdue', 'overdue']);
    expect(items.map((item) => item.daysOverdue)).toEqual([0, 0, 1, 2, 3]);
  });

  it('with createdAt, no shift moves the date before the createdAt date; a milestone before createdAt stays where it is', () => {
    const policy = policyWith({ cadence: { after: 'closedWon', at: ['P7D'] }, shift: 'preceding' });
    const contact = (createdAt: string): Partial<Contact> => ({ events: { closedWon: '2026-09-19' }, createdAt });
    for (const day of ['2026-09-24', '2026-09-26', '2026-09-29']) {
      const now = `${day}T12:00:00Z`;
      // Created on the Saturday the milestone falls on: Friday would be before it existed, so Monday.
      expect(evaluateOne({ policy, contact: contact('2026-09-26T08:00:00Z'), now }).dueOn).toBe('2026-09-28');
      // Created the day after: the milestone's own (shifted) date, whatever createdAt says.
      expect(evaluateOne({ policy, contact: contact('2026-09-27T08:00:00Z'), now: day < '2026-09-27' ? '2026-09-27T12:00:00Z' : now }).dueOn).toBe(
        '2026-09-25',
      );
    }
  });
});

describe('evaluate, evaluateColumns and evaluateStream agree on never-touched contacts', () => {
  const policy: Policy = policyWith({ cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2026-01-01' }, shift: 'preceding' }, {
    tiers: [
      {
        id: 'A',
        cycles: [
          { id: 'first-tuesday', cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2026-01-01' }, shift: 'preceding' },
          { id: 'finished', cadence: { rrule: 'FREQ=MONTHLY;COUNT=3', anchor: '2026-01-15' } },
          { id: 'yearly', cadence: { rrule: 'FREQ=YEARLY', anchor: 'contractStart' } },
          { id: 'after-sale', cadence: { after: 'closedWon', at: ['P7D', 'P30D'] }, shift: 'modified-following' },
          { id: 'weekly', cadence: { per: 'week', times: 1 } },
          { id: 'rolling', cadence: { every: 'P14D' }, shift: 'preceding' },
        ],
      },
    ],
  });
  const contacts: Contact[] = [
    { id: 'new', timeZone: 'Pacific/Apia', events: { closedWon: '2026-10-24' } },
    { id: 'old', timeZone: 'America/St_Johns', events: { contractStart: '2001-02-03', closedWon: '2026-09-19' } },
    { id: 'created', timeZone: 'Asia/Kathmandu', createdAt: '2026-11-01T03:00:00Z', events: { contractStart: '2001-02-03' } },
  ];

  it('on a Sunday and the Monday after, row for row and sentence for sentence', async () => {
    for (const now of [SUNDAY, MONDAY]) {
      const options = { policy, contacts, touches: [], now };
      const { items, errors } = evaluate(options);
      expect(errors).toEqual([]);
      const columns = evaluateColumns(options);
      expect(Array.from({ length: columns.size }, (_, row) => columns.item(row))).toEqual(items);
      const streamed: DueItem[] = [];
      for await (const chunk of evaluateStream(
        contacts.map((contact) => ({ contact, touches: [] })),
        { policy, now, chunkSize: 2 },
      ))
        streamed.push(...chunk.items);
      expect(streamed).toEqual(items);
      expect(streamed.map(explain)).toEqual(items.map(explain));
      const byId = (contactId: string, cycleId: string) => items.find((item) => item.contactId === contactId && item.cycleId === cycleId)!;
      for (const contactId of ['new', 'old']) {
        expect(byId(contactId, 'first-tuesday')).toMatchObject({ status: 'due', daysOverdue: 0, reason: { shiftedTo: null } });
        expect(byId(contactId, 'finished').status).toBe('ended');
      }
      expect(byId('old', 'yearly')).toMatchObject({ status: 'due', daysOverdue: 0 });
      expect(byId('new', 'after-sale').dueOn).toBe('2026-10-30');
      expect(byId('old', 'after-sale').dueOn).toBe('2026-09-28');
    }
  });
});
