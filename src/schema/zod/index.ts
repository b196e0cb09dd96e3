/**
 * calling-cycle/zod: the wire format as zod schemas, for a CRM that validates at its own edge
 * with zod or derives its own schemas from them. The engine's entry (`calling-cycle`) checks the
 * same rules without loading zod; these give the same verdicts, paths and messages.
 */
export { policySchema, policyPartSchemas } from './policy.js';
export { contactSchema, touchSchema, ownerSchema, snoozeSchema } from './records.js';
export { scenarioSchema, scenarioFileSchema } from './scenario.js';
