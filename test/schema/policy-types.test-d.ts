import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { CapacityShare, Policy } from '../../src/schema/policy.js';
import type { policyObject, policyPartSchemas, policySchema } from '../../src/schema/zod/policy.js';
import type { scenarioSchema } from '../../src/schema/zod/scenario.js';
import type { Scenario } from '../../src/testing/scenarios.js';

// The engine's policy types are written out by hand (so its declarations need no zod); they must
// stay exactly the types zod infers from the schema that is the policy's schema language.
describe('the policy types and the zod schema', () => {
  it('Policy is what the zod schema infers', () => {
    expectTypeOf<z.output<typeof policyObject>>().toEqualTypeOf<Policy>();
    expectTypeOf<z.output<typeof policySchema>>().toEqualTypeOf<Policy>();
  });

  it('a capacity share is what its zod schema infers', () => {
    expectTypeOf<z.output<(typeof policyPartSchemas)['Capacity share']>>().toEqualTypeOf<CapacityShare>();
  });
});

describe('the scenario type and the zod schema', () => {
  it('Scenario is what scenarioSchema infers', () => {
    expectTypeOf<z.output<typeof scenarioSchema>>().toEqualTypeOf<Scenario>();
  });
});
