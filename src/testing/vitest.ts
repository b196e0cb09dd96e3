/**
 * Registers the calling-cycle matchers with vitest. Import it once, in a setup file or at the top
 * of a test file:
 *
 * @example
 * // vitest.config.ts: test: { setupFiles: ['calling-cycle/testing/vitest'] }
 * import 'calling-cycle/testing/vitest';
 * expect(check(policy, accounts).at('2026-01-22').item('acme')).toBeOverdueBy(3);
 */
import { expect } from 'vitest';
import { type CallingCycleMatchers, callingCycleMatchers } from './matchers.js';

expect.extend(callingCycleMatchers);

declare module 'vitest' {
  // The type parameter must read exactly as vitest declares it for the interfaces to merge.
  // biome-ignore lint/suspicious/noExplicitAny: vitest's own declaration is `Matchers<T = any>`
  interface Matchers<T = any> extends CallingCycleMatchers<T> {}
}

/**
 * The matchers this module registered, for a setup that wants to name them.
 *
 * @example
 * import { matchers } from 'calling-cycle/testing/vitest';
 * Object.keys(matchers); // ['toBeDueOn', 'toBeOverdueBy', …]
 */
export const matchers = callingCycleMatchers;
