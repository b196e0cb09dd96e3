/**
 * Every failure class a CRM team met with real exports and hostile input, as the hardening issue
 * describes them: each row crashed, hung, lost the book or corrupted the output before.
 */
import { describe, expect, it } from 'vitest';
import {
  type Contact,
  type DueItem,
  evaluate,
  evaluateColumns,
  explain,
  InputError,
  isCallingCycleError,
  occurrences,
  parsePolicy,
  plan,
  safeParsePolicy,
  summarize,
  type Touch,
} from '../../src/index.js';
import { expansionWork } from '../../src/time/rrule.js';
import { zoneCacheSize, zoneClock } from '../../src/time/zones.js';
import { call, policyWith } from '../helpers.js';

const NOW = '2026-11-23T08:00:00Z';
const rolling = policyWith({ cadence: { every: 'P14D' } });
const good: Contact = { id: 'ok', createdAt: '2026-01-05T10:00:00Z' };

/** Evaluates `good` beside the bad record and returns the result: the good contact must survive. */
function withGood(contacts: unknown[], touches: unknown[] = [], now: unknown = NOW) {
  const result = evaluate({ policy: rolling, contacts: [good, ...contacts] as Contact[], touches: touches as Touch[], now: now as string });
  expect(result.items.some((item) => item.contactId === 'ok')).toBe(true);
  return result;
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const policyIssue = (cadence: unknown, extra: Record<string, unknown> = {}) => {
  const result = safeParsePolicy({ version: 1, tiers: [{ id: 'A', cycles: [{ id: 'c', cadence, ...extra }] }], defaultTier: 'A' });
  return result.success ? undefined : result.issues;
};

describe('crash: instants outside years 1000–9999 are bad records, never a RangeError', () => {
  it.each([
    ['numeric at far in the past', { contactId: 'ok', at: -1e17, channel: 'call' }, 'instant-out-of-range'],
    ['numeric at past year 9999', { contactId: 'ok', at: 8.64e15, channel: 'call' }, 'instant-out-of-range'],
    ['ISO year 0999', { contactId: 'ok', at: '0999-12-31T00:00:00Z', channel: 'call' }, 'instant-out-of-range'],
    ['expanded year', { contactId: 'ok', at: '+010000-01-01T00:00:00Z', channel: 'call' }, 'instant-out-of-range'],
    ['invalid Date', { contactId: 'ok', at: new Date(Number.NaN), channel: 'call' }, 'bad-instant'],
    ['NaN', { contactId: 'ok', at: Number.NaN, channel: 'call' }, 'bad-instant'],
  ])('touch %s', (_name, touch, code) => {
    const { errors } = withGood([], [touch]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ record: 'touch', index: 0, code, path: ['at'] });
  });

  it.each([
    ['createdAt', { id: 'x', createdAt: -1e17 }, ['createdAt']],
    ['an event', { id: 'x', events: { closedWon: '0500-01-01T00:00:00Z' } }, ['events', 'closedWon']],
    ['pausedUntil', { id: 'x', pausedUntil: 9e15 }, ['pausedUntil']],
  ])('contact %s', (_name, contact, path) => {
    const { errors } = withGood([contact]);
    expect(errors[0]).toMatchObject({ record: 'contact', code: 'instant-out-of-range', path, contactId: 'x' });
  });

  it('a snooze until outside the range is a bad snooze', () => {
    const result = evaluate({
      policy: rolling,
      contacts: [good],
      touches: [],
      snoozes: [{ contactId: 'ok', cycleId: 'check-in', until: -1e17 }],
      now: NOW,
    });
    expect(result.errors[0]).toMatchObject({ record: 'snooze', code: 'instant-out-of-range', path: ['until'] });
  });

  it.each([
    ['far past', -1e17, 'instant-out-of-range'],
    ['year 10000', '+010000-01-01T00:00:00Z', 'instant-out-of-range'],
    ['junk', 'tomorrow', 'bad-instant'],
  ])('now %s is an InputError naming now', (_name, now, code) => {
    const error = thrown(() => evaluate({ policy: rolling, contacts: [good], touches: [], now: now as string })) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.issues[0]).toMatchObject({ code, path: ['now'] });
  });

  it('no NaN, no year past 9999 in any output: a due date past 9999-12-31 is an error record', () => {
    const { items, errors } = withGood(
      [{ id: 'late', createdAt: '9999-12-29T00:00:00Z' }],
      [call('late', '9999-12-25T00:00:00Z')],
      '9999-12-30T00:00:00Z',
    );
    expect(items.find((item) => item.contactId === 'late')).toBeUndefined();
    expect(errors).toEqual([expect.objectContaining({ code: 'date-out-of-range', contactId: 'late' })]);
    for (const item of items) expect(item.dueOn ?? '0000-00-00').toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('instants within a day of the years 1000–9999', () => {
  // An instant of 1000-01-01 UTC is 31 December 999 west of UTC, one of 9999-12-31 UTC is the
  // year 10000 east of it: no output may hold those dates, so the instants are refused where they
  // come in, the same in every zone, rather than per contact.
  const edges: [string, string, string][] = [
    ['1000-01-01T12:00:00Z', 'America/New_York', '0999-12-31'],
    ['1000-01-01T23:59:59.999Z', 'Pacific/Pago_Pago', '1000-01-01'],
    ['9999-12-31T00:00:00Z', 'Pacific/Kiritimati', '9999-12-31'],
    ['9999-12-31T12:00:00Z', 'Pacific/Kiritimati', '10000-01-01'],
  ];
  it.each(edges)(
    'a touch at %s (in %s its date is %s) is instant-out-of-range, and the contact is evaluated without it',
    (at, timeZone) => {
      const result = withGood([{ id: 'edge', timeZone }], [{ contactId: 'edge', at, channel: 'call' }]);
      expect(result.errors).toEqual([expect.objectContaining({ record: 'touch', code: 'instant-out-of-range', path: ['at'] })]);
      expect(result.items.find((item) => item.contactId === 'edge')?.lastTouchAt).toBeNull();
      expect(
        evaluateColumns({
          policy: rolling,
          contacts: [{ id: 'edge', timeZone }],
          touches: [{ contactId: 'edge', at, channel: 'call' }],
          now: NOW,
        }).errors,
      ).toEqual([expect.objectContaining({ code: 'instant-out-of-range' })]);
    },
  );

  it.each(['1000-01-01T12:00:00Z', '9999-12-31T00:00:00Z'])('now %s is an InputError naming now', (now) => {
    const error = thrown(() => evaluate({ policy: rolling, contacts: [good], touches: [], now })) as InputError;
    expect(error.issues[0]).toMatchObject({ code: 'instant-out-of-range', path: ['now'] });
  });

  it('the first and last instants accepted have their date within years 1000–9999 in every zone', () => {
    for (const [at, timeZone] of [
      ['1000-01-02T00:00:00Z', 'Pacific/Pago_Pago'],
      ['9999-12-30T23:59:59.999Z', 'Pacific/Kiritimati'],
    ] as const) {
      const { items, errors } = evaluate({
        policy: rolling,
        contacts: [{ id: 'edge', timeZone }],
        touches: [{ contactId: 'edge', at, channel: 'call' }],
        now: at,
      });
      expect(errors.filter((error) => error.code !== 'date-out-of-range')).toEqual([]);
      for (const item of items) expect(item.reason.lastTouchOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe('hangs: rules that never match, sparse rules, far-future anchors, huge flex windows', () => {
  it.each([
    ['30 February', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'],
    ['a sixth Monday', 'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6'],
    ['a rule that ended before its anchor', 'FREQ=WEEKLY;UNTIL=20200101T000000Z'],
  ])('%s is refused by parsePolicy at the rule’s path', (_name, rrule) => {
    const issues = policyIssue({ rrule, anchor: '2026-01-01' });
    expect(issues?.[0]?.path).toEqual(['tiers', 0, 'cycles', 0, 'cadence', 'rrule']);
    expect(issues?.[0]?.message).toMatch(/no date within 400 years/);
  });

  it('a sparse rule costs about what a dense one does, counted in periods stepped', () => {
    const contacts = Array.from({ length: 200 }, (_, i) => ({
      id: `c${i}`,
      createdAt: `${2001 + (i % 24)}-0${1 + (i % 9)}-1${i % 10}T00:00:00Z`,
    }));
    const work = (rrule: string) => {
      const before = expansionWork.periods;
      const result = evaluate({ policy: policyWith({ cadence: { rrule } }), contacts, touches: [], now: NOW });
      return { periods: expansionWork.periods - before, result };
    };
    const sparse = work('FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29');
    const dense = work('FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1');
    // Each contact is accounted for: an item, or (where its anchor year never meets a leap year
    // every fourth year) a no-occurrence error.
    expect(sparse.result.items.length + sparse.result.errors.length).toBe(contacts.length);
    expect(sparse.result.errors.every((error) => error.code === 'no-occurrence')).toBe(true);
    expect(sparse.result.items.length).toBeGreaterThan(0);
    // 400 years of a yearly rule with INTERVAL=4 is 100 periods: bounded per distinct anchor.
    expect(sparse.periods / contacts.length).toBeLessThan(150);
    expect(sparse.periods).toBeLessThan(Math.max(1, dense.periods) * 200);
  });

  it('a far-future createdAt on an anchored cycle is answered in a bounded number of periods', () => {
    const before = expansionWork.periods;
    const { items, errors } = evaluate({
      policy: policyWith({ cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2026-01-01' } }),
      contacts: [
        { id: 'a', createdAt: '9000-01-01T00:00:00Z' },
        { id: 'b', createdAt: '9999-12-30T00:00:00Z' },
      ],
      touches: [],
      now: NOW,
    });
    expect(expansionWork.periods - before).toBeLessThan(100);
    expect(errors).toEqual([]);
    expect(items.map((item) => [item.contactId, item.status, item.dueOn])).toEqual([
      ['a', 'upcoming', '9000-01-07'],
      ['b', 'ended', null],
    ]);
  });

  it('plan with a huge flexDays is refused before any work', () => {
    const { items } = evaluate({ policy: rolling, contacts: [good], touches: [], now: NOW });
    const error = thrown(() =>
      plan({ policy: rolling, items, owners: [{ id: 'u', dailyCapacity: 5 }], from: '2026-11-23', days: 7, flexDays: 1e9 }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/flexDays/);
  });

  it.each([
    ['flexDays past a year', { flexDays: 367 }, ['flexDays']],
    ['grace past ten years', { graceDays: 5000 }, ['graceDays']],
    ['a cadence past ten years', { cadence: { every: 'P11Y' } }, ['cadence', 'every']],
    ['escalation past ten years', { escalate: [{ afterDays: 4000, to: 'm' }] }, ['escalate', 0, 'afterDays']],
  ])('documented bounds: %s', (_name, cycle, path) => {
    const issues = policyIssue({ every: 'P14D' }, cycle);
    expect(issues?.map((issue) => issue.path)).toContainEqual(['tiers', 0, 'cycles', 0, ...path]);
  });

  it.each([
    ['an infinite weight', Number.POSITIVE_INFINITY],
    ['NaN', Number.NaN],
    ['a weight past the bound', 2e6],
  ])('weights are finite and bounded: %s', (_name, weight) => {
    const result = safeParsePolicy({
      version: 1,
      tiers: [{ id: 'A', weight, cycles: [{ id: 'c', cadence: { every: 'P14D' } }] }],
      defaultTier: 'A',
    });
    expect(result.success).toBe(false);
  });
});

describe('late failures: a cadence is day-level and its rule workable, refused at parsePolicy', () => {
  it.each([
    ['minutely', 'FREQ=MINUTELY', /day-level/],
    ['secondly', 'FREQ=SECONDLY', /day-level/],
    ['hourly', 'FREQ=HOURLY;INTERVAL=24', /day-level/],
    ['a million COUNT', 'FREQ=DAILY;COUNT=1000000', /COUNT is at most/],
  ])('%s', (_name, rrule, message) => {
    const issues = policyIssue({ rrule, anchor: '2026-01-01' });
    expect(issues?.[0]).toMatchObject({ path: ['tiers', 0, 'cycles', 0, 'cadence', 'rrule'] });
    expect(issues?.[0]?.message).toMatch(message);
  });
});

describe('malformed calls: an InputError naming the argument, never a TypeError', () => {
  const items = evaluate({ policy: rolling, contacts: [{ ...good, ownerId: 'u' }], touches: [], now: NOW }).items;
  it.each<[string, () => unknown, string]>([
    ['evaluate without touches', () => evaluate({ policy: rolling, contacts: [good], now: NOW } as never), 'touches'],
    ['evaluate with contacts null', () => evaluate({ policy: rolling, contacts: null, touches: [], now: NOW } as never), 'contacts'],
    ['evaluate with owners {}', () => evaluate({ policy: rolling, contacts: [], touches: [], owners: {}, now: NOW } as never), 'owners'],
    ['evaluate with no options', () => evaluate(undefined as never), ''],
    ['plan without owners', () => plan({ policy: rolling, items, from: '2026-11-23', days: 7 } as never), 'owners'],
    [
      'plan with items not an array',
      () => plan({ policy: rolling, items: null, owners: [], from: '2026-11-23', days: 7 } as never),
      'items',
    ],
    ['occurrences(null, …)', () => occurrences(null as never, { dtstart: '2026-01-01', timeZone: 'UTC', count: 1 }), 'rrule'],
    ['occurrences without options', () => occurrences('FREQ=DAILY', undefined as never), 'options'],
    ['explain(null)', () => explain(null as never), 'item'],
    ['summarize(undefined)', () => summarize(undefined as never), 'result'],
  ])('%s', (_name, run, argument) => {
    const error = thrown(run);
    expect(isCallingCycleError(error)).toBe(true);
    expect(error).toBeInstanceOf(InputError);
    if (argument !== '') expect(JSON.stringify((error as InputError).issues) + (error as Error).message).toContain(argument);
  });

  it('a null item in a plan is one bad item, reported with its index; the rest is planned', () => {
    const result = plan({
      policy: rolling,
      items: [items[0]!, null as never],
      owners: [{ id: 'u', dailyCapacity: 3 }],
      from: '2026-11-23',
      days: 7,
    });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'bad-item', record: 'item', index: 1 })]);
    expect(result.owners.flatMap((owner) => owner.days.flatMap((day) => day.touches)).length).toBeGreaterThan(0);
  });
});

describe('occurrences limits: the cap applies to what is asked', () => {
  it('FREQ=SECONDLY with count 5 gives five instants', () => {
    expect(occurrences('FREQ=SECONDLY', { dtstart: '2026-03-08T01:59:58', timeZone: 'America/New_York', count: 5 })).toEqual([
      '2026-03-08T01:59:58-05:00',
      '2026-03-08T01:59:59-05:00',
      // 02:00–02:59 do not exist that day (spring forward): the next seconds are 03:00 EDT.
      '2026-03-08T03:00:00-04:00',
      '2026-03-08T03:00:01-04:00',
      '2026-03-08T03:00:02-04:00',
    ]);
  });

  it('a window holding more than 100,000 instants is an error, not a silent cut', () => {
    const error = thrown(() =>
      occurrences('FREQ=MINUTELY', { dtstart: '2026-01-01T00:00:00', timeZone: 'UTC', before: '2026-04-01T00:00:00Z' }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/more than 100,000/);
  });

  it('asking for more than 100,000 by count is an error', () => {
    expect(thrown(() => occurrences('FREQ=DAILY', { dtstart: '2026-01-01', timeZone: 'UTC', count: 100_001 }))).toBeInstanceOf(InputError);
  });

  it.each(['0050-01-01T00:00:00', '0000-06-01'])('dtstart %s (before year 1000) is refused, not read as the 1900s', (dtstart) => {
    const error = thrown(() => occurrences('FREQ=YEARLY;COUNT=2', { dtstart, timeZone: 'UTC' }));
    expect((error as Error).message).toMatch(/1000–9999/);
  });

  it('nothing past 9999-12-31 comes back', () => {
    expect(occurrences('FREQ=DAILY;COUNT=5', { dtstart: '9999-12-30', timeZone: 'UTC' })).toEqual([
      '9999-12-30T00:00:00+00:00',
      '9999-12-31T00:00:00+00:00',
    ]);
  });
});

describe('determinism: top-N by a non-finite attribute', () => {
  const policy = parsePolicy({
    version: 1,
    tiers: [
      { id: 'A', cycles: [{ id: 'c', cadence: { every: 'P14D' } }] },
      { id: 'B', cycles: [{ id: 'c', cadence: { every: 'P1M' } }] },
    ],
    assign: [{ tier: 'A', top: { by: 'revenue', n: 2 } }],
    defaultTier: 'B',
  });
  const contacts: Contact[] = [
    { id: 'n', attributes: { revenue: Number.NaN } },
    { id: 'i', attributes: { revenue: Number.POSITIVE_INFINITY } },
    { id: 'a', attributes: { revenue: 10 } },
    { id: 'b', attributes: { revenue: 20 } },
    { id: 'c', attributes: { revenue: 5 } },
  ];
  const tiers = (list: Contact[]) =>
    Object.fromEntries(evaluate({ policy, contacts: list, touches: [], now: NOW }).items.map((item) => [item.contactId, item.tierId]));

  it('NaN and Infinity rank as missing; the result is the same in every input order', () => {
    const expected = { n: 'B', i: 'B', a: 'A', b: 'A', c: 'B' };
    expect(tiers(contacts)).toEqual(expected);
    expect(tiers([...contacts].reverse())).toEqual(expected);
    expect(tiers([contacts[2]!, contacts[0]!, contacts[4]!, contacts[1]!, contacts[3]!])).toEqual(expected);
  });
});

describe('prototype names: only own properties count', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    '{ attribute: %j, exists: true } does not match attributes: {}',
    (attribute) => {
      const policy = parsePolicy({
        version: 1,
        tiers: [
          { id: 'A', cycles: [{ id: 'c', cadence: { every: 'P14D' } }] },
          { id: 'B', cycles: [{ id: 'c', cadence: { every: 'P1M' } }] },
        ],
        assign: [{ tier: 'A', when: { attribute, exists: true } }],
        defaultTier: 'B',
      });
      const { items } = evaluate({ policy, contacts: [{ id: 'x', attributes: {} }], touches: [], now: NOW });
      expect(items[0]!.tierId).toBe('B');
    },
  );

  it('an event named constructor is not read from the prototype', () => {
    const policy = policyWith({ cadence: { after: 'constructor', at: ['P7D'] } });
    const { items } = evaluate({ policy, contacts: [{ id: 'x', events: {} }], touches: [], now: NOW });
    expect(items[0]).toMatchObject({ status: 'ended', reason: { detail: { missing: true } } });
  });

  it('a calendar named __proto__ is refused with a clear issue, not silently dropped', () => {
    const json = JSON.parse(
      '{"version":1,"calendars":{"__proto__":{"holidays":["2026-12-25"]}},"calendar":"__proto__","tiers":[{"id":"A","cycles":[{"id":"c","cadence":{"every":"P14D"}}]}],"defaultTier":"A"}',
    );
    const result = safeParsePolicy(json);
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.issues).toContainEqual(
        expect.objectContaining({ path: ['calendars', '__proto__'], message: expect.stringMatching(/reserved/) }),
      );
  });

  it('a calendar named constructor works', () => {
    const policy = parsePolicy({
      version: 1,
      calendars: { constructor: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR'] } },
      calendar: 'constructor',
      tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P14D' } }] }],
      defaultTier: 'A',
    });
    // 2026-11-22 is a Sunday: due then, moved to Monday by the calendar.
    const { items } = evaluate({ policy, contacts: [{ id: 'x' }], touches: [call('x', '2026-11-08T12:00:00Z')], now: NOW });
    expect(items[0]).toMatchObject({ dueOn: '2026-11-23', reason: { shiftedTo: '2026-11-23' } });
  });
});

describe('canonical output', () => {
  it.each([
    ['a space for T', '2026-11-01 09:30:00.000Z'],
    ['a lower-case z', '2026-11-01T09:30:00.000z'],
    ['an offset', '2026-11-01T10:30:00+01:00'],
    ['epoch ms', Date.parse('2026-11-01T09:30:00Z')],
    ['a Date', new Date('2026-11-01T09:30:00Z')],
  ])('lastTouchAt is canonical for %s, whatever the order', (_name, at) => {
    const canonical = call('ok', '2026-11-01T09:30:00.000Z');
    const other = { ...call('ok', '2026-11-01T09:30:00Z'), at } as Touch;
    for (const touches of [[other, canonical], [canonical, other], [other]]) {
      const item = evaluate({ policy: rolling, contacts: [good], touches, now: NOW }).items[0]!;
      expect(item.lastTouchAt).toBe('2026-11-01T09:30:00.000Z');
    }
  });
});

describe('memory: caches are bounded', () => {
  it('a stream of distinct invalid zone names does not grow the zone cache without end', () => {
    for (let index = 0; index < 5000; index++) zoneClock(`Mars/Base_${index}`);
    expect(zoneCacheSize()).toBeLessThan(2000);
  });
});

describe('real data goes in', () => {
  it('Date objects wherever an instant is accepted, numeric ids, ids out as strings', () => {
    const result = evaluate({
      policy: rolling,
      contacts: [{ id: 42, ownerId: 7, createdAt: new Date('2026-01-05T10:00:00Z'), pausedUntil: new Date('2026-01-01T00:00:00Z') }],
      touches: [{ contactId: 42, at: new Date('2026-11-10T10:00:00Z'), channel: 'call' }],
      owners: [{ id: 7, timeZone: 'Europe/Berlin' }],
      snoozes: [{ contactId: 42, cycleId: 'check-in', until: new Date('2026-11-30T12:00:00Z') }],
      now: new Date(NOW),
    });
    expect(result.errors).toEqual([]);
    expect(result.items[0]).toMatchObject({
      contactId: '42',
      ownerId: '7',
      lastTouchAt: '2026-11-10T10:00:00.000Z',
      dueOn: '2026-11-30',
      reason: { timeZone: 'Europe/Berlin', snoozedUntil: '2026-11-30' },
    });
  });

  it.each([
    ['a fractional id', 4.5],
    ['an unsafe integer', 2 ** 60],
    ['an object', {}],
  ])('%s is a bad-id with a message that says what ids are', (_name, id) => {
    const { errors } = withGood([{ id }]);
    expect(errors[0]).toMatchObject({ code: 'bad-id', path: ['id'], message: expect.stringMatching(/non-empty strings or safe integers/) });
  });

  it('a bad record reports all its problems, the first on top', () => {
    const { errors } = withGood([
      { id: 'x', timeZone: 'Mars/Base', createdAt: 'yesterday', doNotContact: 'yes', events: { closedWon: 'soon' } },
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe('unknown-zone');
    expect(errors[0]!.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['unknown-zone', ['timeZone']],
      ['bad-instant', ['createdAt']],
      ['bad-date', ['events', 'closedWon']],
      ['bad-value', ['doNotContact']],
    ]);
  });

  it('a touch reports every problem too', () => {
    const { errors } = withGood([], [{ contactId: '', at: 'later', channel: 'fax', direction: 'sideways' }]);
    expect(errors[0]!.issues.map((issue) => issue.code)).toEqual(['missing-id', 'bad-instant', 'bad-channel', 'bad-direction']);
  });

  it('evaluate reports a contact whose owner is not among the given owners, and still evaluates it', () => {
    const result = evaluate({
      policy: rolling,
      contacts: [
        { id: 'x', ownerId: 'ghost' },
        { id: 'y', ownerId: 'u1' },
      ],
      touches: [],
      owners: [{ id: 'u1' }],
      now: NOW,
    });
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'unknown-owner', contactId: 'x', ownerId: 'ghost', path: ['ownerId'] }),
    ]);
    expect(result.items.map((item) => item.contactId)).toEqual(['x', 'y']);
    const owners = summarize(result).owners;
    expect(owners.find((owner) => owner.ownerId === 'ghost')?.known).toBe(false);
    expect(owners.find((owner) => owner.ownerId === 'u1')?.known).toBe(true);
  });

  it('the reason names the touches that did not count, and why', () => {
    const policy = policyWith({ cadence: { every: 'P1M' }, counts: { channels: ['call', 'meeting'] } });
    const item = evaluate({
      policy,
      contacts: [{ id: 'x', createdAt: '2026-06-01T10:00:00Z', timeZone: 'Asia/Tokyo' }],
      touches: [
        { contactId: 'x', at: '2026-11-20T01:00:00Z', channel: 'visit', outcome: 'connected' },
        { contactId: 'x', at: '2026-11-21T23:30:00Z', channel: 'call', outcome: 'voicemail' },
      ],
      now: NOW,
    }).items[0]!;
    expect(item.reason.notCounted).toEqual([
      { at: '2026-11-21T23:30:00.000Z', on: '2026-11-22', channel: 'call', why: 'attempt', value: 'voicemail' },
      { at: '2026-11-20T01:00:00.000Z', on: '2026-11-20', channel: 'visit', why: 'channel', value: 'visit' },
    ]);
    const sentence = explain(item);
    expect(sentence).toContain('no qualifying touch yet');
    expect(sentence).not.toContain('never touched');
    expect(sentence).toContain('a visit on 2026-11-20 (its channel does not count for this cycle)');
    expect(sentence).toContain('a call (voicemail) on 2026-11-22 (an attempt without contact)');
  });

  it('explain names the assign rule by the same number the reason holds', () => {
    const policy = parsePolicy({
      version: 1,
      tiers: [
        { id: 'A', cycles: [{ id: 'c', cadence: { every: 'P14D' } }] },
        { id: 'B', cycles: [{ id: 'c', cadence: { every: 'P1M' } }] },
      ],
      assign: [
        { tier: 'A', when: { attribute: 'vip', eq: true } },
        { tier: 'B', when: { attribute: 'vip', eq: false } },
      ],
    });
    const item = evaluate({ policy, contacts: [{ id: 'x', attributes: { vip: false } }], touches: [], now: NOW }).items[0]!;
    expect(item.reason.tier).toEqual({ by: 'rule', rule: 1, kind: 'when' });
    expect(explain(item)).toContain('rule assign[1]');
  });
});

describe('the plan a sales manager expects: the engine side', () => {
  it('quota cycles default to shift preceding: a quarter ending on a Thursday holiday stays in the quarter', () => {
    const policy = policyWith(
      { cadence: { per: 'quarter', times: 1 } },
      {
        calendars: { weekdays: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR'], holidays: ['2026-12-31'] } },
      },
    );
    const item = evaluate({ policy, contacts: [good], touches: [call('ok', '2026-07-01T10:00:00Z')], now: NOW }).items[0]!;
    expect(item).toMatchObject({ dueOn: '2026-12-30', reason: { rawDue: '2026-12-31', shift: 'preceding' } });
  });

  it('a never-touched contact without createdAt is due today, unshifted, even on a Sunday with preceding', () => {
    const policy = policyWith({ cadence: { every: 'P14D' }, shift: 'preceding' });
    const sunday = '2026-11-22T12:00:00Z';
    const item = evaluate({ policy, contacts: [{ id: 'new' }], touches: [], now: sunday }).items[0]!;
    expect(item).toMatchObject({ status: 'due', dueOn: '2026-11-22', daysOverdue: 0, reason: { basis: 'no-history', shiftedTo: null } });
  });

  it('an anchored cycle without createdAt: a never-touched contact is due today too', () => {
    const policy = policyWith({ cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU' } });
    const item = evaluate({ policy, contacts: [{ id: 'new' }], touches: [], now: NOW }).items[0]!;
    expect(item).toMatchObject({ status: 'due', dueOn: '2026-11-23', reason: { basis: 'no-history' } });
  });

  it.each([
    ['a weekly quota', { per: 'week', times: 1 }],
    ['a monthly quota', { per: 'month', times: 2 }],
  ])('a never-touched contact without createdAt on %s is due today, not made overdue on a Sunday by preceding', (_name, cadence) => {
    const policy = policyWith({ cadence, shift: 'preceding' });
    // Sunday 2025-06-01: the week ends today; preceding would have said Friday, before the contact was known.
    const item = evaluate({ policy, contacts: [{ id: 'c1' }], touches: [], now: '2025-06-01T00:00:00Z' }).items[0]!;
    expect(item).toMatchObject({ status: 'due', dueOn: '2025-06-01', daysOverdue: 0, reason: { basis: 'no-history', shiftedTo: null } });
  });

  it('no shift moves a never-touched contact’s due date before its createdAt', () => {
    const policy = policyWith({ cadence: { every: 'P14D' }, shift: 'preceding' });
    // Created on Sunday 2026-11-22, due at once: preceding would say Friday 20th, before it existed.
    const item = evaluate({ policy, contacts: [{ id: 'new', createdAt: '2026-11-22T10:00:00Z' }], touches: [], now: NOW }).items[0]!;
    expect(item.dueOn).toBe('2026-11-23');
    expect(item.status).toBe('due');
  });
});

describe('DueItem is a union on status', () => {
  it('every dated status carries a dueOn string; excluded and ended carry null', () => {
    const policy = policyWith({ cadence: { after: 'closedWon', at: ['P7D'] } });
    const { items } = evaluate({
      policy,
      contacts: [
        { id: 'd', events: { closedWon: '2026-11-01' } },
        { id: 'x', doNotContact: true, events: { closedWon: '2026-11-01' } },
        { id: 'e' },
      ],
      touches: [],
      now: NOW,
    });
    const byId = Object.fromEntries(items.map((item: DueItem) => [item.contactId, item]));
    expect(byId.d).toMatchObject({ status: 'overdue', dueOn: '2026-11-09' });
    expect(byId.x).toMatchObject({ status: 'excluded', dueOn: null });
    expect(byId.e).toMatchObject({ status: 'ended', dueOn: null });
  });
});
