/**
 * Malformed calls and bounds: a bad argument is an InputError naming it, thrown before any work;
 * a bad item or owner is an error entry with a stable code, and everything else is planned.
 */
import { describe, expect, it } from 'vitest';
import { callList, InputError, isCallingCycleError, type PlanOptions, plan } from '../../src/index.js';
import { MAX_FLEX_DAYS, MAX_PLAN_DAYS } from '../../src/plan/plan.js';
import { item, owner, planPolicy as policy } from './fixtures.js';

const FROM = '2026-11-30';
const base = { policy, items: [item('a', FROM)], owners: [owner(2)], from: FROM, days: 5 };

/** What a caller without types might send. */
const call = (change: Record<string, unknown>, omit?: string) => {
  const options: Record<string, unknown> = { ...base, ...change };
  if (omit) delete options[omit];
  return () => plan(options as unknown as PlanOptions);
};

const thrown = (run: () => unknown): InputError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('did not throw');
};

describe('plan refuses malformed arguments with an InputError naming the argument', () => {
  it.each([
    ['owners omitted', {}, 'owners', 'owners'],
    ['owners null', { owners: null }, undefined, 'owners'],
    ['owners an object', { owners: {} }, undefined, 'owners'],
    ['items omitted', {}, 'items', 'items'],
    ['items null', { items: null }, undefined, 'items'],
    ['items a string', { items: 'a,b' }, undefined, 'items'],
    ['from a number', { from: 20261130 }, undefined, 'from'],
    ['from not a calendar date', { from: '2026-02-30' }, undefined, 'from'],
    ['from a Date', { from: new Date('2026-11-30') }, undefined, 'from'],
    ['days 0', { days: 0 }, undefined, 'days'],
    ['days negative', { days: -3 }, undefined, 'days'],
    ['days fractional', { days: 1.5 }, undefined, 'days'],
    ['days NaN', { days: Number.NaN }, undefined, 'days'],
    ['days a string', { days: '5' }, undefined, 'days'],
    ['days above the bound', { days: MAX_PLAN_DAYS + 1 }, undefined, 'days'],
    ['days huge', { days: 1e9 }, undefined, 'days'],
    ['flexDays negative', { flexDays: -1 }, undefined, 'flexDays'],
    ['flexDays above the bound', { flexDays: MAX_FLEX_DAYS + 1 }, undefined, 'flexDays'],
    ['flexDays huge (ran out of memory before)', { flexDays: 1e9 }, undefined, 'flexDays'],
    ['flexDays Infinity', { flexDays: Number.POSITIVE_INFINITY }, undefined, 'flexDays'],
    ['shares not a list', { shares: 'half' }, undefined, 'shares'],
  ])('%s', (_name, change, omit, argument) => {
    const error = thrown(call(change, omit));
    expect(error.issues[0]!.path[0]).toBe(argument);
    expect(error.message).toContain(argument);
    expect(isCallingCycleError(error)).toBe(true);
  });

  it('options that are not an object', () => {
    for (const options of [null, undefined, 'plan', 42])
      expect(thrown(() => plan(options as unknown as PlanOptions)).message).toMatch(/options/);
  });

  it("a cycle's flexDays above the bound", () => {
    const flexible = structuredClone(policy);
    flexible.tiers[0]!.cycles[0]!.flexDays = 1e9;
    // parsePolicy or the planner refuses it; either way an InputError about flexDays, before any work.
    expect(thrown(call({ policy: flexible })).message).toMatch(/flexDays/);
  });

  it('the bounds themselves are accepted', () => {
    const result = plan({ ...base, days: MAX_PLAN_DAYS, flexDays: MAX_FLEX_DAYS });
    expect(result.days).toBe(MAX_PLAN_DAYS);
    expect(result.owners[0]!.days[0]!.touches.map((touch) => touch.contactId)).toEqual(['a']);
  });
});

describe('a bad item or owner is an error entry with a code; the rest is planned', () => {
  const broken = (change: Record<string, unknown>) => ({ ...item('bad', FROM), ...change });
  it.each([
    ['null item', null, 'bad-item', []],
    ['a number for an item', 7, 'bad-item', []],
    ['an unknown status', broken({ status: 'late' }), 'bad-item', ['status']],
    ['a missing contact id', broken({ contactId: undefined }), 'bad-item', ['contactId']],
    ['a numeric contact id (evaluate gives strings)', broken({ contactId: 12 }), 'bad-item', ['contactId']],
    ['no due date on a dated status', broken({ dueOn: null }), 'bad-item', ['dueOn']],
    ['a due date that is not a date', broken({ dueOn: '2026-11-31' }), 'bad-item', ['dueOn']],
    ['no reason', broken({ reason: null }), 'bad-item', ['reason']],
    [
      'a contact calendar the policy lacks',
      broken({ reason: { ...item('bad', FROM).reason, contactCalendar: 'mars' } }),
      'bad-item',
      ['reason', 'contactCalendar'],
    ],
    ['no owner', broken({ ownerId: null }), 'no-owner', ['ownerId']],
    ['an unknown owner', broken({ ownerId: 'ghost' }), 'unknown-owner', ['ownerId']],
    ['a cycle its tier lacks', broken({ cycleId: 'review' }), 'unknown-cycle', ['cycleId']],
  ])('%s', (_name, bad, code, path) => {
    const items = [item('a', FROM), bad, item('z', FROM)] as unknown as PlanOptions['items'];
    const result = plan({ ...base, items });
    expect(result.errors).toEqual([expect.objectContaining({ code, record: 'item', index: 1, path })]);
    expect(result.owners[0]!.days[0]!.touches.map((touch) => touch.contactId)).toEqual(['a', 'z']);
  });

  it('a repeated (contact, cycle) is planned once', () => {
    const result = plan({ ...base, items: [item('a', FROM), item('a', '2026-12-01')] });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'duplicate-item', index: 1, contactId: 'a', path: ['cycleId'] })]);
  });

  it.each([
    ['null owner', null, 'bad-owner', []],
    ['a bad capacity', { ...owner(2, 'u2'), dailyCapacity: -1 }, 'bad-owner', ['dailyCapacity']],
    ['an unknown calendar', { ...owner(2, 'u2'), calendar: 'mars' }, 'bad-owner', ['calendar']],
    ['a repeated id', owner(5), 'duplicate-owner', ['id']],
    ['no capacity', owner(undefined, 'u2'), 'no-capacity', ['dailyCapacity']],
  ])('owner: %s', (_name, bad, code, path) => {
    const result = plan({ ...base, owners: [owner(2), bad] as unknown as PlanOptions['owners'] });
    expect(result.errors).toEqual([expect.objectContaining({ code, record: 'owner', index: 1, path })]);
    expect(result.owners.map((planned) => [planned.ownerId, planned.dailyCapacity])).toEqual([['u1', 2]]);
  });

  it('a numeric owner id is planned under its text form', () => {
    const result = plan({ ...base, items: [item('a', FROM, { ownerId: '7' })], owners: [{ ...owner(2), id: 7 }] });
    expect(result.errors).toEqual([]);
    expect(result.owners[0]!.ownerId).toBe('7');
    expect(callList(result, 7, FROM).map((entry) => entry.contactId)).toEqual(['a']);
  });

  it('never changes its inputs', () => {
    const items = [item('a', '2026-11-20', { tierId: 'A' }), item('b', FROM)];
    const owners = [owner(1)];
    const before = structuredClone({ items, owners, policy });
    plan({ policy, items, owners, from: FROM, days: 20 });
    expect({ items, owners, policy }).toEqual(before);
  });
});

describe('callList refuses malformed arguments with an InputError naming the argument', () => {
  const result = plan(base);
  it.each([
    ['no plan', [null, 'u1', FROM], 'plan'],
    ['a plan without owners', [{}, 'u1', FROM], 'plan'],
    ['an empty owner id', [result, '', FROM], 'ownerId'],
    ['an object for an owner id', [result, { id: 'u1' }, FROM], 'ownerId'],
    ['a date that is not one', [result, 'u1', 'tomorrow'], 'date'],
    ['no date', [result, 'u1', undefined], 'date'],
  ])('%s', (_name, args, argument) => {
    const error = thrown(() => (callList as (...values: unknown[]) => unknown)(...args));
    expect(error.issues[0]!.path[0]).toBe(argument);
  });

  it('an owner or a day the plan does not have is an empty list', () => {
    expect(callList(result, 'nobody', FROM)).toEqual([]);
    expect(callList(result, 'u1', '2027-01-01')).toEqual([]);
  });
});

describe('the horizon stays within years 1000–9999', () => {
  it('a horizon ending after 9999-12-31 is refused on days', () => {
    const error = thrown(call({ from: '9999-12-01', days: 40 }));
    expect(error.issues[0]!.path).toEqual(['days']);
    expect(plan({ ...base, items: [], from: '9999-12-01', days: 31 }).days).toBe(31);
  });

  it('a hole in the items or owners is an error entry, not skipped silently', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the case under test
    const items = [item('a', FROM), , item('z', FROM)] as unknown as PlanOptions['items'];
    // biome-ignore lint/suspicious/noSparseArray: the hole is the case under test
    const owners = [owner(2), , owner(1, 'u2')] as unknown as PlanOptions['owners'];
    const result = plan({ ...base, items, owners });
    expect(result.errors.map((error) => [error.code, error.record, error.index])).toEqual([
      ['bad-owner', 'owner', 1],
      ['bad-item', 'item', 1],
    ]);
  });
});
