/**
 * Registers the calling-cycle matchers with jest's global `expect`. Import or require it once, in
 * a `setupFilesAfterEach` file or at the top of a test file:
 *
 * @example
 * // jest.config.js: setupFilesAfterEach: ['calling-cycle/testing/jest']
 * require('calling-cycle/testing/jest');
 * expect(check(policy, accounts).at('2026-01-22').item('acme')).toBeOverdueBy(3);
 */
import { type CallingCycleMatchers, callingCycleMatchers } from './matchers.js';

interface ExtendableExpect {
  extend(matchers: Record<string, (this: unknown, received: unknown, ...expected: never[]) => unknown>): void;
}

const globalExpect = (globalThis as { expect?: Partial<ExtendableExpect> }).expect;
if (typeof globalExpect?.extend !== 'function') {
  throw new Error(
    "calling-cycle/testing/jest: no global expect to extend. Load it inside jest (setupFilesAfterEach or a test file), or with injectGlobals off call expect.extend(callingCycleMatchers) from 'calling-cycle/testing' yourself.",
  );
}
globalExpect.extend(callingCycleMatchers as unknown as Parameters<ExtendableExpect['extend']>[0]);

declare global {
  // jest's types (@types/jest) declare the global namespace `jest`; merging into its Matchers (and
  // its asymmetric `expect.toBeDueOn(…)`, `expect.not.toBeDueOn(…)`) is how a matcher library makes
  // them type-check and complete in editors.
  namespace jest {
    // biome-ignore lint/complexity/noBannedTypes: the type parameters must read exactly as @types/jest declares them
    interface Matchers<R, T = {}> extends CallingCycleMatchers<R> {}
    interface Expect extends CallingCycleMatchers<unknown> {}
    interface InverseAsymmetricMatchers extends CallingCycleMatchers<unknown> {}
  }
}

/**
 * The matchers this module registered.
 *
 * @example
 * const { matchers } = require('calling-cycle/testing/jest');
 * Object.keys(matchers); // ['toBeDueOn', 'toBeOverdueBy', …]
 */
export const matchers = callingCycleMatchers;
