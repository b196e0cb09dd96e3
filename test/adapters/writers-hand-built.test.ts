/**
 * Writers given items or plans built by hand (not by evaluate/plan, which refuse such ids at
 * intake) whose ids hold a lone UTF-16 surrogate: each writer refuses them with an InputError,
 * every issue `bad-id` with the path of the offending field, and never lets a bare URIError out
 * (docs/errors.md, "Ids every output can carry"). Well-formed ids (astral characters included)
 * are still written.
 */
import { describe, expect, it } from 'vitest';
import { callListRows, callListToCsv, itemsToCsv, taskKey } from '../../src/adapters/csv/index.js';
import { toHubSpotTasks } from '../../src/adapters/hubspot/index.js';
import { toPipedriveActivities } from '../../src/adapters/pipedrive/index.js';
import { toSalesforceTasks } from '../../src/adapters/salesforce/index.js';
import { toICalendar } from '../../src/ical/index.js';
import { type DueItem, evaluate, InputError, isCallingCycleError, type Plan, parsePolicy, plan } from '../../src/index.js';

const policy = parsePolicy({
  version: 1,
  tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] }],
  defaultTier: 'A',
});
const owners = [{ id: 'u1', timeZone: 'UTC', dailyCapacity: 5 }];
const NOW = '2026-11-23T08:00:00Z';
const evaluated = evaluate({
  policy,
  contacts: [
    { id: 'ok', ownerId: 'u1' },
    { id: 'bad', ownerId: 'u1' },
  ],
  touches: [],
  owners,
  now: NOW,
});
const goodPlan = plan({ policy, items: evaluated.items, owners, from: '2026-11-23', days: 3 });

type Field = 'contactId' | 'cycleId' | 'tierId' | 'ownerId';
const LONE = ['b\uD800', 'b\uDFFF', '\uDC00x'];

/** The items with one field of contact "bad" replaced, and the index of that item. */
function handBuiltItems(field: Field, value: string): { items: DueItem[]; index: number } {
  const index = evaluated.items.findIndex((item) => item.contactId === 'bad');
  const items = evaluated.items.map((item, at) => (at === index ? ({ ...item, [field]: value } as DueItem) : item));
  return { items, index };
}

/** A copy of the plan (as JSON would give it back) with one field of contact "bad"'s touch replaced. */
function handBuiltPlan(field: Field, value: string): { plan: Plan; path: (string | number)[] } {
  const copy = structuredClone(goodPlan) as Plan;
  for (const [o, owner] of copy.owners.entries()) {
    for (const [d, day] of owner.days.entries()) {
      for (const [t, touch] of day.touches.entries()) {
        if (touch.contactId !== 'bad') continue;
        if (field === 'ownerId') {
          (owner as { ownerId: string }).ownerId = value;
          return { plan: copy, path: ['plan', 'owners', o, 'ownerId'] };
        }
        (touch as unknown as Record<Field, string>)[field] = value;
        return { plan: copy, path: ['plan', 'owners', o, 'days', d, 'touches', t, field] };
      }
    }
  }
  throw new Error('the plan has no touch of contact "bad"');
}

const ITEM_WRITERS: [string, (items: DueItem[]) => unknown][] = [
  ['itemsToCsv', (items) => itemsToCsv(items)],
  ['toICalendar', (items) => toICalendar(items, { stamp: NOW })],
  ['toHubSpotTasks', (items) => toHubSpotTasks(items)],
  ['toSalesforceTasks', (items) => toSalesforceTasks(items)],
  ['toPipedriveActivities', (items) => toPipedriveActivities(items)],
];
const PLAN_WRITERS: [string, (input: Plan) => unknown][] = [
  ['callListToCsv', (input) => callListToCsv(input)],
  ['callListRows', (input) => callListRows(input)],
  ['toICalendar', (input) => toICalendar(input, { stamp: NOW })],
  ['toHubSpotTasks', (input) => toHubSpotTasks(input)],
  ['toSalesforceTasks', (input) => toSalesforceTasks(input)],
  ['toPipedriveActivities', (input) => toPipedriveActivities(input)],
];

/** What the writer threw (it must throw). */
function thrownBy(write: () => unknown): unknown {
  try {
    write();
  } catch (error) {
    return error;
  }
  throw new Error('the writer wrote the id instead of refusing it');
}

describe('hand-built items with an id no output can carry', () => {
  for (const [writer, write] of ITEM_WRITERS) {
    for (const field of ['contactId', 'cycleId', 'tierId', 'ownerId'] as const) {
      it(`${writer}: ${field} is refused as bad-id at its index`, () => {
        for (const value of LONE) {
          const { items, index } = handBuiltItems(field, value);
          const before = structuredClone(items);
          const error = thrownBy(() => write(items));
          expect(error).toBeInstanceOf(InputError);
          expect(isCallingCycleError(error)).toBe(true);
          const issues = (error as InputError).issues;
          expect(issues).toHaveLength(1);
          expect(issues[0]).toMatchObject({ code: 'bad-id', path: ['items', index, field] });
          expect((error as Error).message).toContain(`items[${index}].${field}`);
          expect(items).toEqual(before);
        }
      });
    }
  }
});

describe('hand-built plans with an id no output can carry', () => {
  for (const [writer, write] of PLAN_WRITERS) {
    for (const field of ['contactId', 'cycleId', 'tierId', 'ownerId'] as const) {
      it(`${writer}: ${field} is refused as bad-id at its path`, () => {
        for (const value of LONE) {
          const { plan: input, path } = handBuiltPlan(field, value);
          const error = thrownBy(() => write(input));
          expect(error).toBeInstanceOf(InputError);
          const issues = (error as InputError).issues;
          expect(issues.map((issue) => issue.code)).toEqual(['bad-id']);
          expect(issues[0]!.path).toEqual(path);
        }
      });
    }
  }
});

describe('what each writer still writes', () => {
  it('well-formed astral ids are written, by every writer', () => {
    const { items } = handBuiltItems('contactId', 'b\uD83D\uDC4B');
    for (const [, write] of ITEM_WRITERS) expect(JSON.stringify(write(items))).toContain('b\uD83D\uDC4B');
    const { plan: input } = handBuiltPlan('contactId', 'b\uD83D\uDC4B');
    for (const [, write] of PLAN_WRITERS) expect(JSON.stringify(write(input))).toContain('b\uD83D\uDC4B');
  });

  it('an item no writer writes (nothing due) is not refused by the task writers', () => {
    const { items, index } = handBuiltItems('contactId', 'b\uD800');
    const excluded = items.map((item, at) => (at === index ? ({ ...item, status: 'excluded', dueOn: null } as DueItem) : item));
    expect(toHubSpotTasks(excluded)).toHaveLength(1);
    expect(toSalesforceTasks(excluded)).toHaveLength(1);
    expect(toPipedriveActivities(excluded)).toHaveLength(1);
  });

  it('taskKey refuses a part it cannot encode with an InputError, never a URIError', () => {
    const error = thrownBy(() => taskKey({ contactId: 'b\uD800', cycleId: 'check-in', dueOn: '2026-11-23' }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues[0]).toMatchObject({ code: 'bad-id', path: ['contactId'] });
    expect(taskKey({ contactId: 'b\uD83D\uDC4B', cycleId: 'check-in', dueOn: '2026-11-23' })).toBe('cc1:b%F0%9F%91%8B:check-in:2026-11-23');
  });
});
