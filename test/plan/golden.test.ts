import { describe, expect, it } from 'vitest';
import { callList, type DueItem, plan } from '../../src/index.js';
import { goldenForm, goldenPlans } from './golden-book.js';
import golden from './golden-plan.json' with { type: 'json' };

const saved = golden as Record<string, unknown>;

describe('plan against the plans saved before its lists were built on demand', () => {
  for (const [name, options] of Object.entries(goldenPlans())) {
    it(`${name}: the same days, touches, numbers, reasons, overflow, load and errors, field by field`, () => {
      const result = plan(options);
      expect(goldenForm(result, options.items as DueItem[])).toEqual(saved[name]);
    });
  }

  it('serialises, spreads and clones the lists like plain fields, and reading a day twice gives the same list', () => {
    const options = goldenPlans().plain!;
    const result = plan(options);
    const day = result.owners[0]!.days[3]!;
    expect(Object.keys(day)).toEqual(['date', 'capacity', 'calls', 'touches']);
    expect(day.touches).toBe(day.touches);
    expect(day.touches.length).toBeGreaterThan(0);
    const viaJson = JSON.parse(JSON.stringify(result));
    expect(viaJson.owners[0].days[3].touches).toEqual(JSON.parse(JSON.stringify(day.touches)));
    expect({ ...day }.touches).toBe(day.touches);
    expect(structuredClone(day).touches).toEqual(day.touches);
    expect(day).toEqual({ date: day.date, capacity: day.capacity, calls: day.calls, touches: day.touches });
    expect(structuredClone(day)).toEqual(JSON.parse(JSON.stringify(day)));
    const replaced = [...day.touches].reverse();
    day.touches = replaced;
    expect(day.touches).toBe(replaced);
  });

  it('load counts what the lists hold, and callList reads a day without the others', () => {
    const result = plan(goldenPlans().shares!);
    for (const ownerPlan of result.owners) {
      for (const day of ownerPlan.days) {
        const load = result.load.find((entry) => entry.ownerId === ownerPlan.ownerId && entry.date === day.date)!;
        expect(load.touches).toBe(day.touches.length);
        expect(load.planned).toBe(new Set(day.touches.map((touch) => touch.call)).size);
      }
    }
    const busiest = result.load.reduce((a, b) => (b.touches > a.touches ? b : a));
    const entries = callList(result, busiest.ownerId, busiest.date);
    expect(entries.length).toBe(busiest.planned);
  });

  it('the lists do not change when the caller empties or reuses its items after planning', () => {
    const options = goldenPlans().plain!;
    const items = [...(options.items as DueItem[])];
    const expected = goldenForm(plan({ ...options, items }), options.items as DueItem[]);
    const result = plan({ ...options, items });
    items.length = 0;
    items.push(...(options.items as DueItem[]).slice(0, 5).reverse());
    expect(goldenForm(result, options.items as DueItem[])).toEqual(expected);
  });
});
