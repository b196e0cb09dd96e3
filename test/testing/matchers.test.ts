/**
 * Each matcher passes and fails on purpose, and the failure message says what was expected, what
 * came out and why. Dates are hand-checked on a calendar: 2026-01-05 and 2026-01-19 are Mondays.
 */
import { describe, expect, test } from 'vitest';
import '../../src/testing/vitest.js';
import {
  book,
  cadencePolicy,
  check,
  toBeDueOn,
  toBeOnCallList,
  toBeOverdueBy,
  toBeSatisfiedBy,
  toHaveOccurrences,
  toHaveStatus,
} from '../../src/testing/index.js';
import { evaluate } from '../../src/index.js';

const policy = cadencePolicy({ every: 'P14D' }, { graceDays: 2 });
const accounts = check(
  policy,
  book()
    .owner('u1', { timeZone: 'Europe/Berlin', dailyCapacity: 3 })
    .contact('acme', { tier: 'A', timeZone: 'Europe/Berlin', ownerId: 'u1' })
    .touch('acme', '2026-01-05 10:00', 'call'),
);

/** The message of an assertion that fails, for checking its text. */
function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the assertion passed');
}

describe('toBeDueOn', () => {
  test('passes on the due date and says what came out when it fails', () => {
    const acme = accounts.at('2026-01-19').item('acme');
    expect(acme).toBeDueOn('2026-01-19');
    const message = failureOf(() => expect(acme).toBeDueOn('2026-01-20'));
    expect(message).toContain(
      'expected acme / check-in to be due on 2026-01-20\nreceived: due, due on 2026-01-19\nreason: acme / check-in is due',
    );
    expect(message).toContain('last qualifying touch on 2026-01-05');
  });

  test('.not says the item is due on that date after all', () => {
    const message = failureOf(() => expect(accounts.at('2026-01-19').item('acme')).not.toBeDueOn('2026-01-19'));
    expect(message).toContain('expected acme / check-in not to be due on 2026-01-19\nreceived: due, due on 2026-01-19');
  });

  test('takes a plain item from evaluate too', () => {
    const { items } = evaluate({
      policy,
      contacts: [{ id: 'c1' }],
      touches: [{ contactId: 'c1', at: '2026-01-05T10:00:00Z', channel: 'call' }],
      now: '2026-01-06T12:00:00Z',
    });
    expect(items[0]).toBeDueOn('2026-01-19');
  });

  test('fails on something that is not an item, saying what it wants', () => {
    const result = toBeDueOn({ id: 'acme' }, '2026-01-19');
    expect(result.pass).toBe(false);
    expect(result.message()).toBe(
      'toBeDueOn expects a due item: check(policy, book).at(date).item(contact, cycle), or one of the items evaluate returns\nreceived: {"id":"acme"}',
    );
  });
});

describe('toBeOverdueBy', () => {
  test('counts days from the due date once the grace is over', () => {
    expect(accounts.at('2026-01-22').item('acme')).toBeOverdueBy(3);
    expect(accounts.at('2026-01-21').item('acme')).not.toBeOverdueBy(2); // still within the 2 days' grace
    const message = failureOf(() => expect(accounts.at('2026-01-23').item('acme')).toBeOverdueBy(3));
    expect(message).toContain('expected acme / check-in to be overdue by 3 days\nreceived: overdue by 4 days, due on 2026-01-19');
  });

  test('a due item within its grace is not overdue, and the message says so', () => {
    const result = toBeOverdueBy(accounts.at('2026-01-21').item('acme'), 2);
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('received: due, due on 2026-01-19');
  });
});

describe('toHaveStatus', () => {
  test('upcoming before the due date, due on it, overdue after the grace', () => {
    expect(accounts.at('2026-01-16').item('acme')).toHaveStatus('upcoming');
    expect(accounts.at('2026-01-19').item('acme')).toHaveStatus('due');
    expect(accounts.at('2026-01-22').item('acme')).toHaveStatus('overdue');
    const message = toHaveStatus(accounts.at('2026-01-16').item('acme'), 'due').message();
    expect(message).toContain('expected acme / check-in to have status due\nreceived: upcoming, due on 2026-01-19');
  });

  test('an excluded contact has no due date, in the message too', () => {
    const excluded = check(policy, book().contact('x', { doNotContact: true }))
      .at('2026-01-19')
      .item('x');
    expect(excluded).toHaveStatus('excluded');
    expect(toBeDueOn(excluded, '2026-01-19').message()).toContain('received: excluded (do not contact), no due date');
  });
});

describe('toBeSatisfiedBy', () => {
  test('a connected call settles an overdue check-in', () => {
    expect(accounts.at('2026-01-22').item('acme')).toBeSatisfiedBy({ at: '2026-01-22 09:00', channel: 'call' });
  });

  test('a voicemail does not, and the message names the rule it misses', () => {
    const message = failureOf(() =>
      expect(accounts.at('2026-01-22').item('acme')).toBeSatisfiedBy({ at: '2026-01-22 09:00', outcome: 'voicemail' }),
    );
    expect(message).toContain('expected acme / check-in to be satisfied by a touch at 2026-01-22 09:00 (call, voicemail)');
    expect(message).toContain(
      'received: overdue by 3 days, due on 2026-01-19 before the touch; overdue by 3 days, due on 2026-01-19 with it',
    );
    expect(message).toContain('why: an attempt without contact (voicemail) does not count unless the cycle lists it in counts.outcomes');
  });

  test("a touch with the wrong purpose misses a review cycle's counts", () => {
    const reviews = cadencePolicy({ per: 'quarter', times: 1 }, { counts: { purposes: ['review'] } }, { cycleId: 'review' });
    const item = check(reviews, book().contact('acme', { createdAt: '2026-01-02 09:00' }))
      .at('2026-01-05')
      .item('acme', 'review');
    expect(item).toBeSatisfiedBy({ at: '2026-01-05 11:00', purpose: 'review' });
    const result = toBeSatisfiedBy(item, { at: '2026-01-05 11:00', purpose: 'check-in' });
    expect(result.pass).toBe(false);
    expect(result.message()).toContain("why: the cycle counts purposes review; the touch's purpose is check-in");
  });

  test('a touch later than the check counts on its own day', () => {
    expect(accounts.at('2026-01-10').item('acme')).toBeSatisfiedBy({ at: '2026-01-19 09:00' });
  });

  test('wants an item check, which knows the book to add the touch to', () => {
    const { items } = evaluate({ policy, contacts: [{ id: 'c1' }], touches: [], now: '2026-01-06T12:00:00Z' });
    const result = toBeSatisfiedBy(items[0], { at: '2026-01-06 09:00' });
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('toBeSatisfiedBy expects an item check: check(policy, book).at(date).item(contact, cycle)');
  });
});

describe('toBeOnCallList', () => {
  test("a due check-in is on its owner's list that day", () => {
    expect(accounts.at('2026-01-19').item('acme')).toBeOnCallList('u1', '2026-01-19');
  });

  test('the message says where the item went instead, and shows the list', () => {
    const message = failureOf(() => expect(accounts.at('2026-01-19').item('acme')).toBeOnCallList('u1', '2026-01-20'));
    expect(message).toContain("expected acme / check-in to be on u1's call list on 2026-01-20\nreceived: planned for u1 on 2026-01-19");
    expect(message).toContain('u1 has no calls on 2026-01-20');
    const other = toBeOnCallList(accounts.at('2026-01-19').item('acme'), 'u2', '2026-01-19');
    expect(other.pass).toBe(false);
    expect(other.message()).toContain('received: planned for u1 on 2026-01-19');
  });

  test('an owner without room: the overflow is named', () => {
    const full = check(
      policy,
      book()
        .owner('u1', { dailyCapacity: 1 })
        .contact('a', { ownerId: 'u1' })
        .contact('b', { ownerId: 'u1' })
        .touch('a', '2026-01-05 10:00')
        .touch('b', '2026-01-05 10:00'),
    ).at('2026-01-19');
    // Both due on the 19th with one slot: one waits for the 20th.
    const a = toBeOnCallList(full.item('a'), 'u1', '2026-01-19').pass;
    const b = toBeOnCallList(full.item('b'), 'u1', '2026-01-19').pass;
    expect([a, b].sort()).toEqual([false, true]);
    const waiting = a ? full.item('b') : full.item('a');
    expect(waiting).toBeOnCallList('u1', '2026-01-20');
    expect(toBeOnCallList(waiting, 'u1', '2026-01-19').message()).toContain("did not fit u1's days up to 2026-01-19 (capacity)");
  });
});

describe('toHaveOccurrences', () => {
  test("a rolling cycle's due dates, each met on the day: every 14 days from the last touch", () => {
    expect(accounts.at('2026-01-06').item('acme')).toHaveOccurrences(['2026-01-19', '2026-02-02', '2026-02-16']);
    const message = failureOf(() => expect(accounts.at('2026-01-06').item('acme')).toHaveOccurrences(['2026-01-19', '2026-02-03']));
    expect(message).toContain('expected acme / check-in to have the due dates 2026-01-19, 2026-02-03\nreceived: 2026-01-19, 2026-02-02');
    expect(message).toContain('first difference at #2: expected 2026-02-03, received 2026-02-02');
  });

  test('an anchored cycle on the first Tuesday: 6 January, 3 February, 3 March 2026', () => {
    const firstTuesday = cadencePolicy({ rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2026-01-01' });
    const item = check(firstTuesday, book().contact('acme', { timeZone: 'Asia/Kathmandu', createdAt: '2026-01-01 09:00' }))
      .at('2026-01-02')
      .item('acme');
    expect(item).toHaveOccurrences(['2026-01-06', '2026-02-03', '2026-03-03']);
  });

  test('a rule in a zone: local dates or zoned instants', () => {
    const rule = { rrule: 'FREQ=MONTHLY;BYDAY=1TU', dtstart: '2026-01-01T09:00:00', timeZone: 'Europe/Berlin' };
    expect(rule).toHaveOccurrences(['2026-01-06', '2026-02-03', '2026-03-03']);
    expect(rule).toHaveOccurrences(['2026-01-06T09:00:00+01:00']);
    const result = toHaveOccurrences(rule, ['2026-01-07']);
    expect(result.pass).toBe(false);
    expect(result.message()).toBe(
      'expected FREQ=MONTHLY;BYDAY=1TU from 2026-01-01T09:00:00 in Europe/Berlin to have the occurrences 2026-01-07\nreceived: 2026-01-06\nfirst difference at #1: expected 2026-01-07, received 2026-01-06',
    );
  });
});

describe('asymmetric use', () => {
  test('the matchers work inside toEqual through expect.toBeDueOn', () => {
    const ana = accounts.at('2026-01-19').item('acme');
    expect({ ana }).toEqual({ ana: expect.toBeDueOn('2026-01-19') });
    expect({ ana }).not.toEqual({ ana: expect.toBeDueOn('2026-01-20') });
  });
});
