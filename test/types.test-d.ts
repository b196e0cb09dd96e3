import { describe, expectTypeOf, it } from 'vitest';
import {
  type Cadence,
  type DueItem,
  type EvaluateResult,
  evaluate,
  explain,
  parsePolicy,
  type Policy,
  type SafeParseResult,
  type Status,
  safeParsePolicy,
  summarize,
  type Summary,
} from '../src/index.js';

describe('public types', () => {
  it('statuses are a string-literal union, not an enum', () => {
    expectTypeOf<Status>().toEqualTypeOf<'upcoming' | 'soon' | 'due' | 'overdue' | 'paused' | 'excluded' | 'ended'>();
  });

  it('entry points take and give the documented shapes', () => {
    expectTypeOf(parsePolicy).returns.toEqualTypeOf<Policy>();
    expectTypeOf(safeParsePolicy).returns.toEqualTypeOf<SafeParseResult<Policy>>();
    expectTypeOf(evaluate).returns.toEqualTypeOf<EvaluateResult>();
    expectTypeOf(explain).parameter(0).toEqualTypeOf<DueItem>();
    expectTypeOf(summarize).returns.toEqualTypeOf<Summary>();
    expectTypeOf<DueItem['dueOn']>().toEqualTypeOf<string | null>();
  });

  it('a cadence is one of four shapes', () => {
    expectTypeOf<{ every: string }>().toExtend<Cadence>();
    expectTypeOf<{ per: 'quarter'; times: number }>().toExtend<Cadence>();
    expectTypeOf<{ per: 'fortnight'; times: number }>().not.toExtend<Cadence>();
  });

  it('touch channels are checked at compile time', () => {
    expectTypeOf<Parameters<typeof evaluate>[0]['touches'][number]['channel']>().toEqualTypeOf<
      'call' | 'meeting' | 'visit' | 'email' | 'message' | 'other'
    >();
  });
});
