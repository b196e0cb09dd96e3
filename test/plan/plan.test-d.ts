/** The planner's public types: error codes as a string-literal union, one call list line per contact. */
import { describe, expectTypeOf, it } from 'vitest';
import type { CallListCycle, PlanErrorCode } from '../../src/plan/plan.js';
import { type CallListEntry, callList, type Plan, type PlanDay, type PlanError, type PlannedTouch, plan } from '../../src/index.js';

describe('planner types', () => {
  it('error codes are a string-literal union, and every error carries one', () => {
    expectTypeOf<PlanErrorCode>().toEqualTypeOf<
      'bad-item' | 'no-owner' | 'unknown-owner' | 'unknown-cycle' | 'duplicate-item' | 'bad-owner' | 'duplicate-owner' | 'no-capacity'
    >();
    expectTypeOf<PlanError['code']>().toEqualTypeOf<PlanErrorCode>();
  });

  it('a day counts calls; a touch names its call; a call list line lists its cycles', () => {
    expectTypeOf<PlanDay['calls']>().toEqualTypeOf<number>();
    expectTypeOf<PlannedTouch['call']>().toEqualTypeOf<number>();
    expectTypeOf<CallListEntry['cycles']>().toEqualTypeOf<CallListCycle[]>();
    expectTypeOf(plan).returns.toEqualTypeOf<Plan>();
    expectTypeOf(callList).returns.toEqualTypeOf<CallListEntry[]>();
    expectTypeOf(callList).parameter(1).toEqualTypeOf<string | number>();
  });
});
