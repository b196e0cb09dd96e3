/**
 * The matchers type-check and complete in editors once an entry is imported: vitest's `Matchers`
 * and jest's global `jest.Matchers` are augmented with the same signatures.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type {} from '../../src/testing/jest.js';
import type {} from '../../src/testing/vitest.js';
import type { ItemCheck, PolicyInput, Simulation } from '../../src/testing/index.js';
import { book, cadencePolicy, check, simulate } from '../../src/testing/index.js';
import type { Status } from '../../src/index.js';

describe('matcher types', () => {
  it('vitest assertions have the matchers, with typed arguments', () => {
    const item = check(cadencePolicy({ every: 'P14D' }), book().contact('ana'))
      .at('2026-01-19')
      .item('ana');
    expectTypeOf(item).toEqualTypeOf<ItemCheck>();
    expectTypeOf(expect(item).toBeDueOn).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(expect(item).toBeOverdueBy).parameter(0).toEqualTypeOf<number>();
    expectTypeOf(expect(item).toHaveStatus).parameter(0).toEqualTypeOf<Status>();
    expectTypeOf(expect(item).not.toBeOnCallList).parameters.toEqualTypeOf<[string | number, string, { flexDays?: number }?]>();
    // @ts-expect-error a status is one of the seven words
    expect(item).toHaveStatus('late');
    // @ts-expect-error days are a number
    expect(item).toBeOverdueBy('3');
    expectTypeOf(expect.toBeDueOn).toBeFunction();
  });

  it("jest's global Matchers have them too", () => {
    expectTypeOf<jest.Matchers<void>['toBeDueOn']>().parameter(0).toEqualTypeOf<string>();
    expectTypeOf<jest.Matchers<void>['toHaveOccurrences']>().returns.toEqualTypeOf<void>();
  });

  it('a policy may be plain JSON, as an imported policy.json is typed', () => {
    const imported = { version: 1, tiers: [{ id: 'A', cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] }], defaultTier: 'A' };
    expectTypeOf(imported).toExtend<PolicyInput>();
    expectTypeOf(check).parameter(0).toEqualTypeOf<PolicyInput>();
  });

  it('simulate gives a typed timeline', () => {
    expectTypeOf(simulate).returns.toEqualTypeOf<Simulation>();
    expectTypeOf<Simulation['days'][number]['compliance']>().toEqualTypeOf<Record<string, number>>();
  });
});
