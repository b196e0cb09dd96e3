/**
 * Planner rules, one table row or case each. Calendar: 2026-11-30 and 2026-12-07 are Mondays;
 * 2026-12-25 (Friday) is an office holiday; the "jp" calendar has a holiday on 2026-12-02.
 */
import { describe, expect, it } from 'vitest';
import { callList, DEFAULT_FLEX_DAYS, InputError, type Plan, type PlanOptions, plan } from '../../src/index.js';
import { item, owner, planPolicy as policy } from './fixtures.js';

const placements = (result: Plan) =>
  result.owners.flatMap((o) =>
    o.days.flatMap((day) => day.touches.map((touch) => `${touch.plannedOn} ${touch.contactId}#${touch.occurrence}`)),
  );

describe('plan', () => {
  it('never exceeds the daily capacity; what does not fit waits for the next workable day', () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((id) => item(id, '2026-11-30'));
    const result = plan({ policy, items, owners: [owner(2)], from: '2026-11-30', days: 3, flexDays: 0 });
    expect(result.load.map((day) => [day.date, day.planned, day.capacity])).toEqual([
      ['2026-11-30', 2, 2],
      ['2026-12-01', 2, 2],
      ['2026-12-02', 1, 2],
    ]);
    expect(result.owners[0]!.days[1]!.touches.map((touch) => [touch.contactId, touch.lateness])).toEqual([
      ['c', 1],
      ['d', 1],
    ]);
  });

  it('only on workable days for the owner and the contact', () => {
    const items = [item('tokyo', '2026-12-02', { calendar: 'jp' }), item('home', '2026-12-02')];
    const result = plan({ policy, items, owners: [owner(5)], from: '2026-12-02', days: 2, flexDays: 0 });
    expect(placements(result)).toEqual(['2026-12-02 home#0', '2026-12-03 tokyo#0']);
    const weekend = plan({ policy, items: [item('a', '2026-12-05')], owners: [owner(5)], from: '2026-12-04', days: 4, flexDays: 0 });
    // Due Saturday, flexDays 0: not before the 5th, and the 5th and 6th are a weekend.
    expect(placements(weekend)).toEqual(['2026-12-07 a#0']);
  });

  // Twelve touches due Thursday 10 December, one a day: the peak is spread back over the flex window, no further.
  const firstDay = (options: { flexDays?: number; policy?: typeof policy }) => {
    const items = Array.from({ length: 12 }, (_, index) => item(`c${String(index).padStart(2, '0')}`, '2026-12-10'));
    const result = plan({ policy: options.policy ?? policy, items, owners: [owner(1)], from: '2026-12-01', days: 14, ...options });
    return placements(result)[0];
  };

  it.each([
    [0, '2026-12-10 c00#0'],
    [3, '2026-12-07 c00#0'],
    [7, '2026-12-03 c00#0'],
  ])('never earlier than flexDays (%i) before the due date', (flexDays, placed) => {
    expect(firstDay({ flexDays })).toBe(placed);
  });

  it('a cycle may override the plan flexDays', () => {
    const custom = structuredClone(policy);
    custom.tiers[1]!.cycles[0]!.flexDays = 1;
    expect(firstDay({ policy: custom, flexDays: 7 })).toBe('2026-12-09 c00#0');
  });

  it(`defaults to flexDays ${DEFAULT_FLEX_DAYS}`, () => {
    expect(firstDay({})).toBe('2026-12-07 c00#0');
  });

  it('places a touch on its due date when there is room, not earlier: rolling cycles keep their rhythm', () => {
    const result = plan({ policy, items: [item('a', '2026-12-03', { tierId: 'A' })], owners: [owner(5)], from: '2026-11-30', days: 35 });
    // Fortnightly from Thursday 3 December, though Monday to Wednesday had free slots (flexDays 3).
    expect(placements(result)).toEqual(['2026-12-03 a#0', '2026-12-17 a#1', '2026-12-31 a#2']);
  });

  it('pulls touches forward only as far as the days to come need', () => {
    // Capacity 2; five due Wednesday: Wednesday holds two, Tuesday two; one goes to Monday.
    const items = ['a', 'b', 'c', 'd', 'e'].map((id) => item(id, '2026-12-02'));
    const result = plan({ policy, items, owners: [owner(2)], from: '2026-11-30', days: 3 });
    expect(result.load.map((day) => day.planned)).toEqual([1, 2, 2]);
    expect(placements(result)).toEqual(['2026-11-30 a#0', '2026-12-01 b#0', '2026-12-01 c#0', '2026-12-02 d#0', '2026-12-02 e#0']);
  });

  it('late work first, highest priority first (weight × (lateness + 1) / cycle length)', () => {
    const items = [
      item('b-late-30', '2026-10-31', { tierId: 'B' }), // 1 × 31 / 365.25 = 0.085
      item('a-late-2', '2026-11-28', { tierId: 'A' }), // 3 × 3 / 14 = 0.64
      item('p-late-20', '2026-11-10', { tierId: 'prospect' }), // 1 × 21 / 30.4 = 0.69
      item('a-on-time', '2026-11-30', { tierId: 'A' }),
    ];
    const result = plan({ policy, items, owners: [owner(1)], from: '2026-11-30', days: 1 });
    expect(placements(result)).toEqual(['2026-11-30 p-late-20#0']);
    expect(result.overflow.map((entry) => entry.contactId)).toEqual(['a-late-2', 'b-late-30', 'a-on-time']);
  });

  it('work that can be on time goes earliest-due first, so nothing that could be on time is made late', () => {
    // By priority alone A (3/14) would take Monday and B (due Monday) would be a day late.
    const items = [item('a', '2026-12-01', { tierId: 'A' }), item('b', '2026-11-30', { tierId: 'B' })];
    const result = plan({ policy, items, owners: [owner(1)], from: '2026-11-30', days: 2 });
    expect(placements(result)).toEqual(['2026-11-30 b#0', '2026-12-01 a#0']);
    expect(result.owners[0]!.days.flatMap((day) => day.touches.map((touch) => touch.lateness))).toEqual([0, 0]);
  });

  it('ties are broken by contact id', () => {
    const items = ['c', 'a', 'b'].map((id) => item(id, '2026-11-30'));
    const result = plan({ policy, items, owners: [owner(1)], from: '2026-11-30', days: 3, flexDays: 0 });
    expect(placements(result)).toEqual(['2026-11-30 a#0', '2026-12-01 b#0', '2026-12-02 c#0']);
  });

  it('a rolling cycle recurs from the day it is planned', () => {
    const result = plan({
      policy,
      items: [item('a', '2026-12-03', { tierId: 'A' })],
      owners: [owner(5)],
      from: '2026-12-01',
      days: 31,
      flexDays: 0,
    });
    // Planned Thu 3 Dec → due 17 Dec → planned 17 Dec → due 31 Dec.
    expect(placements(result)).toEqual(['2026-12-03 a#0', '2026-12-17 a#1', '2026-12-31 a#2']);
  });

  it('a planned-late rolling touch moves the next one with it', () => {
    const items = [item('a', '2026-11-20', { tierId: 'A' })];
    const result = plan({ policy, items, owners: [owner(5)], from: '2026-12-01', days: 20, flexDays: 0 });
    expect(placements(result)).toEqual(['2026-12-01 a#0', '2026-12-15 a#1']);
  });

  it('an anchored cycle recurs by its rule; a quota cycle by its periods', () => {
    const items = [
      item('m', '2026-12-01', { tierId: 'M', detail: { anchorOn: '2026-01-01' } }),
      item('q', '2026-12-31', { tierId: 'Q', detail: { periodStart: '2026-10-01', touchesInPeriod: 0, needed: 1 } }),
    ];
    const result = plan({ policy, items, owners: [owner(5)], from: '2026-12-01', days: 40, flexDays: 0 });
    // First Tuesdays: 1 Dec, 5 Jan. The Q4 review on 31 Dec; the next is due 31 Mar, beyond.
    expect(placements(result)).toEqual(['2026-12-01 m#0', '2026-12-31 q#0', '2027-01-05 m#1']);
    expect(result.owners[0]!.notYetDue).toBe(2);
  });

  it('a paused item is not planned before its pause ends', () => {
    const items = [item('a', '2026-12-04', { status: 'paused', pausedUntil: '2026-12-04' })];
    const result = plan({ policy, items, owners: [owner(5)], from: '2026-12-01', days: 5, flexDays: 7 });
    expect(placements(result)).toEqual(['2026-12-04 a#0']);
  });

  it('capacity shares reserve slots for a group of tiers; unused reserved slots go to the others', () => {
    const late = ['a1', 'a2', 'a3', 'a4'].map((id) => item(id, '2026-11-20', { tierId: 'A' }));
    const prospects = [item('p1', '2026-11-30', { tierId: 'prospect' })];
    const shares = [{ tiers: ['prospect'], share: 0.5 }];
    const result = plan({ policy, items: [...late, ...prospects], owners: [owner(2)], from: '2026-11-30', days: 2, flexDays: 0, shares });
    // Monday: one reserved slot for the prospect, one for the most urgent A. Tuesday: no prospect
    // left, so both slots go to A.
    expect(placements(result)).toEqual(['2026-11-30 p1#0', '2026-11-30 a1#0', '2026-12-01 a2#0', '2026-12-01 a3#0']);
  });

  it("takes the policy's shares when the call gives none", () => {
    const late = ['a1', 'a2', 'a3', 'a4'].map((id) => item(id, '2026-11-20', { tierId: 'A' }));
    const withShares = { ...structuredClone(policy), shares: [{ tiers: ['prospect'], share: 0.5 }] };
    const items = [...late, item('p1', '2026-11-30', { tierId: 'prospect' })];
    const result = plan({ policy: withShares, items, owners: [owner(2)], from: '2026-11-30', days: 1, flexDays: 0 });
    expect(placements(result)).toEqual(['2026-11-30 p1#0', '2026-11-30 a1#0']);
    // An explicit empty list turns the reservation off: the late A work comes first.
    const without = plan({ policy: withShares, items, owners: [owner(2)], from: '2026-11-30', days: 1, flexDays: 0, shares: [] });
    expect(placements(without)).toEqual(['2026-11-30 a1#0', '2026-11-30 a2#0']);
  });

  it('plans a repeated (contact, cycle) once and reports the repeat', () => {
    const items = [item('a', '2026-11-30'), item('a', '2026-12-01')];
    const result = plan({ policy, items, owners: [owner(2)], from: '2026-11-30', days: 2, flexDays: 0 });
    expect(placements(result)).toEqual(['2026-11-30 a#0']);
    expect(result.errors).toEqual([
      expect.objectContaining({ record: 'item', index: 1, contactId: 'a', message: expect.stringMatching(/duplicate of item 0/) }),
    ]);
  });

  it('the worked week of docs/planning.md', () => {
    const items = [
      item('x', '2026-11-27', { tierId: 'A' }),
      ...['b1', 'b2', 'b3', 'b4', 'b5'].map((id) => item(id, '2026-12-02')),
      item('f', '2026-12-03', { tierId: 'A' }),
      item('p', '2026-12-07', { tierId: 'prospect' }),
    ];
    const result = plan({ policy, items, owners: [owner(2)], from: '2026-11-30', days: 5 });
    const week = result.owners[0]!.days.map((day) => [day.date, day.touches.map((touch) => `${touch.contactId} ${touch.lateness}`)]);
    expect(week).toEqual([
      ['2026-11-30', ['x 3', 'b1 -2']],
      ['2026-12-01', ['b2 -1', 'b3 -1']],
      ['2026-12-02', ['b4 0', 'b5 0']],
      ['2026-12-03', ['f 0']],
      ['2026-12-04', []],
    ]);
    expect(result.owners[0]!.neededCapacity).toBe(2);
    expect(result.overflow).toEqual([]);
    // p, and the next occurrences of x, f and the five b's, are all after the horizon.
    expect(result.owners[0]!.notYetDue).toBe(8);
  });

  it('a contact holiday can defeat earliest-due-first (the case in docs/planning.md)', () => {
    const items = [
      item('a', '2026-11-30'),
      item('b', '2026-12-02'),
      ...['j1', 'j2'].map((id) => item(id, '2026-12-03', { calendar: 'jp' })),
    ];
    const result = plan({ policy, items, owners: [owner(1)], from: '2026-11-30', days: 4, flexDays: 2 });
    expect(placements(result)).toEqual(['2026-11-30 a#0', '2026-12-01 b#0', '2026-12-03 j1#0']);
    expect(result.overflow).toEqual([expect.objectContaining({ contactId: 'j2', lateness: 1 })]);
  });

  it('reports what cannot be placed, with the lateness it will have', () => {
    const items = ['a', 'b', 'c'].map((id) => item(id, '2026-11-30'));
    const result = plan({ policy, items, owners: [owner(1)], from: '2026-11-30', days: 2, flexDays: 0 });
    expect(result.overflow).toEqual([
      expect.objectContaining({ contactId: 'c', dueOn: '2026-11-30', lateness: 2, cause: 'capacity', ownerId: 'u1' }),
    ]);
  });

  it('tells the capacity every cycle needs to stay on time', () => {
    const items = Array.from({ length: 12 }, (_, index) => item(`c${String(index).padStart(2, '0')}`, '2026-12-02'));
    const result = plan({ policy, items, owners: [owner(2)], from: '2026-11-30', days: 5, flexDays: 2 });
    // 12 calls due Wednesday, placeable Monday to Wednesday: 4 a day.
    expect(result.owners[0]!.neededCapacity).toBe(4);
  });

  it('spreads a backlog over the horizon when telling the capacity needed, rather than demanding it all on day one', () => {
    // 20 late touches and nothing else, ten workdays (30 Nov to 11 Dec): 2 a day clears them.
    const items = Array.from({ length: 20 }, (_, index) => item(`c${String(index).padStart(2, '0')}`, '2026-11-20'));
    const result = plan({ policy, items, owners: [owner(1)], from: '2026-11-30', days: 12 });
    expect(result.owners[0]!.neededCapacity).toBe(2);
  });

  it('the capacity needed is enough and one less is not, recurrences included', () => {
    // Fortnightly A contacts: 3 due each workday of the first week, then recurring.
    const workdays = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];
    const items = workdays.flatMap((date, day) => [0, 1, 2].map((n) => item(`c${day}${n}`, date, { tierId: 'A' })));
    const result = plan({ policy, items, owners: [owner(1)], from: '2026-11-30', days: 28 });
    const needed = result.owners[0]!.neededCapacity;
    const onTime = (capacity: number) => {
      const trial = plan({ policy, items, owners: [owner(capacity)], from: '2026-11-30', days: 28 });
      return trial.overflow.length === 0 && trial.owners[0]!.days.every((day) => day.touches.every((touch) => touch.lateness <= 0));
    };
    expect(needed).toBe(3);
    expect(onTime(needed)).toBe(true);
    expect(onTime(needed - 1)).toBe(false);
  });

  it('items without a known owner and owners without a capacity are errors; nothing is dropped silently', () => {
    const items = [
      item('a', '2026-11-30', { ownerId: 'ghost' }),
      item('b', '2026-11-30', { ownerId: null }),
      item('c', '2026-11-30', { ownerId: 'u2' }),
      item('d', '2026-11-30', { status: 'excluded' }),
      item('e', '2026-11-30', { status: 'ended' }),
    ];
    const result = plan({ policy, items, owners: [owner(2), owner(undefined, 'u2')], from: '2026-11-30', days: 2 });
    expect(result.errors.map((error) => [error.record, error.index, error.contactId ?? error.ownerId, error.path.join('.')])).toEqual([
      ['owner', 1, 'u2', 'dailyCapacity'],
      ['item', 0, 'a', 'ownerId'],
      ['item', 1, 'b', 'ownerId'],
    ]);
    expect(result.overflow).toEqual([expect.objectContaining({ contactId: 'c', cause: 'no-capacity' })]);
    expect(result.skipped).toEqual({ excluded: 1, ended: 1 });
  });

  it.each([
    [{ from: '30/11/2026' }, /from/],
    [{ days: 0 }, /days/],
    [{ flexDays: -1 }, /flexDays/],
    [
      {
        shares: [
          { tiers: ['A'], share: 0.7 },
          { tiers: ['B'], share: 0.5 },
        ],
      },
      /shares/,
    ],
    [{ shares: [{ tiers: ['A'], share: 1.5 }] }, /shares\.0\.share: a share is from 0 to 1/],
    [{ shares: [{ share: 0.5 }] }, /shares\.0\.tiers/],
    [{ shares: 'half' }, /invalid shares/],
  ])('refuses bad options %j', (change, message) => {
    // As a caller without types would pass them.
    const options = { policy, items: [], owners: [], from: '2026-11-30', days: 5, ...change } as unknown as PlanOptions;
    expect(() => plan(options)).toThrow(InputError);
    expect(() => plan(options)).toThrow(message);
  });
});

describe('callList', () => {
  it('gives one rep one day, ordered, with timing and a reason', () => {
    // Tuesday has room for three of the four due then: one of them comes forward to Monday.
    const tuesday = ['early', 'next1', 'next2', 'next3'].map((id) => item(id, '2026-12-01'));
    const items = [item('late', '2026-11-29', { tierId: 'A' }), item('today', '2026-11-30'), ...tuesday];
    const result = plan({ policy, items, owners: [owner(3)], from: '2026-11-30', days: 1 });
    expect(callList(result, 'u1', '2026-11-30').map((entry) => [entry.position, entry.contactId, entry.timing])).toEqual([
      [1, 'late', '1 day late'],
      [2, 'today', 'due today'],
      [3, 'early', 'due in 1 day'],
    ]);
    expect(callList(result, 'u1', '2026-11-30')[0]!.why).toMatch(/^late \/ check-in is overdue by 1 day/);
    expect(callList(result, 'nobody', '2026-11-30')).toEqual([]);
  });
});
