/** The result types follow the `output` asked for. */
import { expectTypeOf, test } from 'vitest';
import type { EvaluateColumns } from '../../src/core/columns.js';
import { evaluateStream } from '../../src/core/stream.js';
import { evaluateParallel } from '../../src/parallel/index.js';
import type { EvaluateResult, Policy } from '../../src/index.js';

declare const policy: Policy;
const now = '2026-11-23T08:00:00Z';

test('evaluateStream yields results, or columns when asked', () => {
  expectTypeOf(evaluateStream([], { policy, now })).toEqualTypeOf<AsyncGenerator<EvaluateResult, void, undefined>>();
  expectTypeOf(evaluateStream([], { policy, now, output: 'columns' })).toEqualTypeOf<AsyncGenerator<EvaluateColumns, void, undefined>>();
});

test('evaluateParallel resolves to a result, or columns when asked', () => {
  const options = { policy, contacts: [], touches: [], now };
  expectTypeOf(evaluateParallel(options)).toEqualTypeOf<Promise<EvaluateResult>>();
  expectTypeOf(evaluateParallel(options, { output: 'columns' })).toEqualTypeOf<Promise<EvaluateColumns>>();
  expectTypeOf<EvaluateColumns['status']>().toEqualTypeOf<Uint8Array>();
});
