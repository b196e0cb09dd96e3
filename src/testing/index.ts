/**
 * calling-cycle/testing: verify cadence rules in your own test suite. Builders for books and
 * policies with local dates, matchers that say what was expected and why, fast-check arbitraries
 * and invariants (bring your own `fc`), a day-by-day simulation, and scenario files.
 *
 * No test framework is imported here: `calling-cycle/testing/vitest` and
 * `calling-cycle/testing/jest` register the matchers with `expect.extend`.
 */
export { book, BookBuilder, bookData } from './book.js';
export type { BookData, BookInput, ContactFields, OwnerFields, TouchFields } from './book.js';
export { cadencePolicy, policyFrom } from './policies.js';
export type { CadencePolicyOptions, CycleFields, PolicyInput, PolicyOverrides } from './policies.js';
export { asOf, addDays, daysBetween, toInstant } from './moments.js';
export type { LocalOrInstant, Moment } from './moments.js';
export { check, evaluateAt } from './check.js';
export type { Check, Evaluation, ItemCheck } from './check.js';
export {
  callingCycleMatchers,
  toBeDueOn,
  toBeOverdueBy,
  toHaveStatus,
  toBeSatisfiedBy,
  toBeOnCallList,
  toHaveOccurrences,
} from './matchers.js';
export type { CallingCycleMatchers, MatcherResult, RuleInput, TouchInput } from './matchers.js';
export { simulate } from './simulate.js';
export type { Behaviour, CallDecision, SimulateOptions, SimulatedCall, SimulatedDay, SimulatedLoad, Simulation } from './simulate.js';
export { arbitraries, invariants, checkInvariants, ODD_ZONES, COMMON_ZONES } from './arbitraries.js';
export type {
  BookArbitraryOptions,
  CallingCycleArbitraries,
  DateSpan,
  FastCheck,
  InvariantOptions,
  LaterTouch,
  PolicyInvariants,
} from './arbitraries.js';
export { runScenario, runScenarios, formatScenarioResults } from './scenarios.js';
export type { Scenario, ScenarioResult, ExpectedItem } from './scenarios.js';
export { runScenarioFiles } from './scenarios-node.js';
