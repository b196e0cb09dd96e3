import { describe, expectTypeOf, it } from 'vitest';
import {
  type Cadence,
  type DueItem,
  type RecordError,
  type RecordErrorCode,
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

  it('a due item is a union on status: dueOn is a string for every status that has a due date', () => {
    expectTypeOf<Extract<DueItem, { status: 'overdue' }>['dueOn']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<DueItem, { status: 'paused' }>['dueOn']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<DueItem, { status: 'excluded' }>['dueOn']>().toEqualTypeOf<null>();
    expectTypeOf<Extract<DueItem, { status: 'ended' }>['dueOn']>().toEqualTypeOf<null>();
    const onlyDated = (item: DueItem) => (item.status === 'ended' || item.status === 'excluded' ? null : item.dueOn);
    expectTypeOf(onlyDated).returns.toEqualTypeOf<string | null>();
    const narrowed = (item: DueItem) => (item.status === 'overdue' ? item.dueOn : 'none');
    expectTypeOf(narrowed).returns.toEqualTypeOf<string>();
  });

  it('record errors carry a stable code from a closed union', () => {
    expectTypeOf<RecordError['code']>().toEqualTypeOf<RecordErrorCode>();
    expectTypeOf<'unknown-zone'>().toExtend<RecordErrorCode>();
    expectTypeOf<'instant-out-of-range'>().toExtend<RecordErrorCode>();
    expectTypeOf<'unknown-owner'>().toExtend<RecordErrorCode>();
    expectTypeOf<'made-up'>().not.toExtend<RecordErrorCode>();
    expectTypeOf<RecordError['issues'][number]['code']>().toEqualTypeOf<RecordErrorCode>();
  });

  it('ids go in as strings or numbers and come out as strings; instants go in as Date too', () => {
    expectTypeOf<Parameters<typeof evaluate>[0]['contacts'][number]['id']>().toEqualTypeOf<string | number>();
    expectTypeOf<DueItem['contactId']>().toEqualTypeOf<string>();
    expectTypeOf<Date>().toExtend<Parameters<typeof evaluate>[0]['now']>();
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
