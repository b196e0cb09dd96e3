// calling-cycle/zod type-checked from a fresh folder: its declarations are zod's schemas, so they
// compile where zod's own declarations do (zod's locales need allowSyntheticDefaultImports or
// esModuleInterop, and its URL checks a DOM or Node lib); skipLibCheck stays off.
import { parsePolicy, type Policy } from 'calling-cycle';
import { policySchema, scenarioSchema } from 'calling-cycle/zod';

const input = { version: 1, tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P14D' } }] }], defaultTier: 'A' };
const fromZod: Policy | undefined = policySchema.safeParse(input).data;
export const same = [fromZod, parsePolicy(input), scenarioSchema];
