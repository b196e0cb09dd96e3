/**
 * Builders: local times become instants in the zone `evaluate` would use (contact → owner →
 * policy → UTC); a date means that day in each contact's own zone. Offsets are hand-checked
 * against the zones' published rules (tz database).
 */
import { describe, expect, test } from 'vitest';
import '../../src/testing/vitest.js';
import { asOf, book, cadencePolicy, check, evaluateAt, policyFrom } from '../../src/testing/index.js';
import { deepFreeze } from '../helpers.js';

describe('book', () => {
  test.each([
    ['Europe/Berlin in winter (UTC+1)', 'Europe/Berlin', '2026-01-05 10:00', '2026-01-05T09:00:00.000Z'],
    ['Asia/Kathmandu (UTC+5:45)', 'Asia/Kathmandu', '2026-01-05 10:00', '2026-01-05T04:15:00.000Z'],
    ['Pacific/Chatham in summer (UTC+13:45)', 'Pacific/Chatham', '2026-01-05 10:00', '2026-01-04T20:15:00.000Z'],
    ['Australia/Lord_Howe in summer (UTC+11)', 'Australia/Lord_Howe', '2026-01-05 10:00', '2026-01-04T23:00:00.000Z'],
    ['Australia/Lord_Howe in winter (UTC+10:30)', 'Australia/Lord_Howe', '2026-07-06 10:00', '2026-07-05T23:30:00.000Z'],
    ['a date alone is local noon', 'America/New_York', '2026-01-05', '2026-01-05T17:00:00.000Z'],
    [
      'a time in the spring-forward gap moves forward (Berlin 02:30 → 03:30 CEST)',
      'Europe/Berlin',
      '2026-03-29 02:30',
      '2026-03-29T01:30:00.000Z',
    ],
    [
      'a time in the autumn overlap is its first instant (Berlin 02:30 CEST)',
      'Europe/Berlin',
      '2026-10-25 02:30',
      '2026-10-25T00:30:00.000Z',
    ],
    ['an instant passes through', 'Asia/Tokyo', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z'],
  ])('%s', (_, timeZone, local, instant) => {
    const { touches } = book().contact('ana', { timeZone }).touch('ana', local, 'call').build();
    expect(touches[0]!.at).toBe(instant);
  });

  test("the zone falls back to the owner's, then the policy's, then UTC", () => {
    const data = book()
      .owner('u1', { timeZone: 'Asia/Tokyo' })
      .contact('own', { timeZone: 'Europe/Berlin', ownerId: 'u1' })
      .contact('owner', { ownerId: 'u1' })
      .contact('policy')
      .touch('own', '2026-01-05 10:00')
      .touch('owner', '2026-01-05 10:00')
      .touch('policy', '2026-01-05 10:00');
    const withPolicyZone = data.build({ timeZone: 'America/New_York' }).touches.map((touch) => touch.at);
    expect(withPolicyZone).toEqual(['2026-01-05T09:00:00.000Z', '2026-01-05T01:00:00.000Z', '2026-01-05T15:00:00.000Z']);
    expect(data.build().touches[2]!.at).toBe('2026-01-05T10:00:00.000Z');
  });

  test('a touch is an outbound connected conversation unless said otherwise; createdAt is local too', () => {
    const { contacts, touches } = book()
      .contact('ana', { timeZone: 'Asia/Kathmandu', createdAt: '2026-01-02 09:00' })
      .touch('ana', '2026-01-05 10:00', 'meeting', { purpose: 'review' })
      .touch('ana', '2026-01-06 10:00', 'call', { outcome: 'voicemail', direction: 'inbound' })
      .loggedTouch({ contactId: 'ana', at: '2026-01-07 10:00', channel: 'email' })
      .build();
    expect(contacts[0]!.createdAt).toBe('2026-01-02T03:15:00.000Z');
    expect(touches.map(({ contactId, at, ...fields }) => fields)).toEqual([
      { channel: 'meeting', direction: 'outbound', outcome: 'connected', purpose: 'review' },
      { channel: 'call', direction: 'inbound', outcome: 'voicemail' },
      { channel: 'email' },
    ]);
  });

  test('is immutable: a base book branches into cases', () => {
    const base = book().contact('ana');
    const touched = base.touch('ana', '2026-01-05 10:00');
    expect(base.build().touches).toEqual([]);
    expect(touched.build().touches).toHaveLength(1);
  });

  test('a local time in an unknown zone fails naming the record and field', () => {
    expect(() => book().contact('ana', { timeZone: 'Europe/Berln' }).touch('ana', '2026-01-05 10:00').build()).toThrow(
      'touch 0 (contact "ana") at: "2026-01-05 10:00" is a local time, but "Europe/Berln" is not a known IANA time zone',
    );
    expect(() => book().contact('ana').touch('ana', '2026-02-30 10:00').build()).toThrow(
      '"2026-02-30 10:00" is not a real local date and time',
    );
  });
});

describe('asOf', () => {
  test("a date is that day in every contact's own zone, even 25 hours apart (Kiritimati UTC+14, Pago Pago UTC−11)", () => {
    const policy = cadencePolicy({ every: 'P14D' });
    const spread = check(
      policy,
      book()
        .contact('east', { timeZone: 'Pacific/Kiritimati' })
        .contact('west', { timeZone: 'Pacific/Pago_Pago' })
        .touch('east', '2026-01-05 10:00')
        .touch('west', '2026-01-05 10:00'),
    );
    // No single instant is 2026-01-19 in both zones; each is evaluated on its own 19th.
    expect(spread.at('2026-01-19').item('east')).toHaveStatus('due');
    expect(spread.at('2026-01-19').item('west')).toHaveStatus('due');
    expect(spread.at('2026-01-18').item('east')).toHaveStatus('upcoming');
    expect(spread.at('2026-01-18').item('west')).toHaveStatus('upcoming');
  });

  test('a date means by the end of that day: a touch late that evening counts', () => {
    const policy = cadencePolicy({ every: 'P14D' });
    const late = check(policy, book().contact('ana', { timeZone: 'Asia/Tokyo' }).touch('ana', '2026-01-19 23:30'));
    expect(late.at('2026-01-19').item('ana')).toBeDueOn('2026-02-02');
    expect(late.at('2026-01-19 12:00').item('ana')).toBeDueOn('2026-01-19'); // noon: the touch has not happened yet
  });

  test('an instant is one moment for everyone', () => {
    const moment = asOf('2026-01-19T20:00:00Z');
    expect(moment).toEqual({ kind: 'instant', ms: Date.parse('2026-01-19T20:00:00Z'), label: '2026-01-19T20:00:00.000Z' });
    const policy = cadencePolicy({ every: 'P14D' });
    const evaluation = evaluateAt(policy, book().contact('tokyo', { timeZone: 'Asia/Tokyo' }).contact('utc'), moment);
    // 20:00 UTC is already the 20th in Tokyo: never-touched contacts are due today, each in its zone.
    expect(evaluation.item('tokyo')).toBeDueOn('2026-01-20');
    expect(evaluation.item('utc')).toBeDueOn('2026-01-19');
  });

  test('an unreadable moment and a missing item fail with what there is', () => {
    expect(() => asOf('next monday')).toThrow(
      "asOf: \"next monday\" is neither a local date ('2026-01-19'), a local date-time ('2026-01-19 09:00') nor an instant",
    );
    const policy = cadencePolicy({ every: 'P14D' });
    const evaluation = check(policy, book().contact('ana')).at('2026-01-19');
    expect(() => evaluation.item('ana', 'review')).toThrow(
      'no item for contact "ana", cycle "review" at 2026-01-19: its items are check-in',
    );
    const bad = check(policy, book().contact('bob', { timeZone: 'Mars/Olympus' })).at('2026-01-19');
    expect(() => bad.item('bob')).toThrow(/no item for contact "bob" at 2026-01-19: it has no items; errors: timeZone: /);
  });
});

describe('policies', () => {
  test('cadencePolicy: one tier, the default, around one cadence', () => {
    const policy = cadencePolicy(
      { per: 'month', times: 2 },
      { graceDays: 1 },
      { tierId: 'key', cycleId: 'visit', timeZone: 'Europe/Paris' },
    );
    expect(policy).toMatchObject({
      timeZone: 'Europe/Paris',
      defaultTier: 'key',
      tiers: [{ id: 'key', cycles: [{ id: 'visit', cadence: { per: 'month', times: 2 }, graceDays: 1 }] }],
    });
  });

  test('policyFrom merges tiers and cycles by id, replaces the cadence whole, and never mutates the base', () => {
    const base = deepFreeze(cadencePolicy({ rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2026-01-01' }, { graceDays: 3, soonDays: 2 }));
    const changed = policyFrom(base, {
      tiers: [
        { id: 'A', cycles: [{ id: 'check-in', graceDays: 0, cadence: { every: 'P7D' } }] },
        { id: 'B', weight: 1, cycles: [{ id: 'nurture', cadence: { every: 'P1M' } }] },
      ],
    });
    expect(changed.tiers[0]!.cycles[0]).toEqual({ id: 'check-in', cadence: { every: 'P7D' }, graceDays: 0, soonDays: 2 });
    expect(changed.tiers.map((tier) => tier.id)).toEqual(['A', 'B']);
    expect(base.tiers[0]!.cycles[0]!.graceDays).toBe(3);
  });

  test('policyFrom fails like parsePolicy, every problem by path', () => {
    expect(() =>
      policyFrom(cadencePolicy({ every: 'P14D' }), { tiers: [{ id: 'A', cycles: [{ id: 'check-in', graceDays: -1 }] }] }),
    ).toThrow(/tiers\[0\]\.cycles\[0\]\.graceDays/);
  });
});
