/**
 * calling-cycle/testing: verify cadence rules in your own test suite. Builders for books and
 * policies with local dates, matchers that say what was expected and why, fast-check arbitraries
 * and invariants (bring your own `fc`), a day-by-day simulation, and scenario files.
 *
 * No test framework is imported here: `calling-cycle/testing/vitest` and
 * `calling-cycle/testing/jest` register the matchers with `expect.extend`.
 */

export type {
  BookArbitraryOptions,
  CallingCycleArbitraries,
  DateSpan,
  FastCheck,
  InvariantOptions,
  LaterTouch,
  PolicyInvariants,
} from './arbitraries.js';
export { arbitraries, COMMON_ZONES, checkInvariants, invariants, ODD_ZONES } from './arbitraries.js';
export type { BookData, BookInput, ContactFields, OwnerFields, TouchFields } from './book.js';
export { BookBuilder, book, bookData } from './book.js';
export type { Check, Evaluation, ItemCheck } from './check.js';
export { check, evaluateAt } from './check.js';
export type { CallingCycleMatchers, MatcherResult, RuleInput, TouchInput } from './matchers.js';
export {
  callingCycleMatchers,
  toBeDueOn,
  toBeOnCallList,
  toBeOverdueBy,
  toBeSatisfiedBy,
  toHaveOccurrences,
  toHaveStatus,
} from './matchers.js';
export type { LocalOrInstant, Moment } from './moments.js';
export { addDays, asOf, daysBetween, toInstant } from './moments.js';
export type { CadencePolicyOptions, CycleFields, PolicyInput, PolicyOverrides } from './policies.js';
export { cadencePolicy, policyFrom } from './policies.js';
export type { Scenario, ScenarioResult } from './scenarios.js';
export { formatScenarioResults, runScenario, runScenarios, scenarioFileSchema, scenarioSchema } from './scenarios.js';
export { runScenarioFiles } from './scenarios-node.js';
export type { Behaviour, CallDecision, SimulatedCall, SimulatedDay, SimulatedLoad, SimulateOptions, Simulation } from './simulate.js';
export { simulate } from './simulate.js';
