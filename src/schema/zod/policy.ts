/**
 * The policy in zod: the schema language of the policy, the source of its JSON Schemas
 * (`src/schema-json`) and the `calling-cycle/zod` export. The engine checks policies with its own
 * small validator (`../policy.ts`), which gives the same verdicts, paths and messages (a property
 * test holds the two together), so that loading the engine does not load zod.
 */
import { z } from 'zod';
import { messages } from '../../errors/messages.js';
import { isValidZone } from '../../time/zones.js';
import type { Cadence, Policy } from '../policy.js';
import {
  CHANNELS,
  cadenceRuleProblem,
  crossReferenceIssues,
  DIRECTIONS,
  durationProblem,
  isPolicyDate,
  occurrenceProblem,
  POLICY_LIMITS,
  QUOTA_PERIODS,
  SHIFTS,
  WEEKDAY_CODES,
} from '../rules.js';

const id = z.string().min(1, 'must be a non-empty string');
const duration = z.string().superRefine((text, ctx) => {
  const problem = durationProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const date = z.string().refine(isPolicyDate, messages.badDate);
const boundedDays = (max: number) =>
  z.number().int('must be a whole number of days').nonnegative('must not be negative').max(max, `at most ${max} days`);
const days = boundedDays(POLICY_LIMITS.windowDays);
const zone = z.string().refine(isValidZone, { error: (issue) => messages.unknownZone(String(issue.input)) });

const calendarSchema = z.strictObject({
  workingDays: z.array(z.enum(WEEKDAY_CODES)).min(1, 'needs at least one working day').optional(),
  holidays: z.array(date).optional(),
});

const countsSchema = z.strictObject({
  channels: z.array(z.enum(CHANNELS)).min(1).optional(),
  directions: z.array(z.enum(DIRECTIONS)).min(1).optional(),
  outcomes: z.array(z.string().min(1)).min(1).optional(),
  purposes: z.array(z.string().min(1)).min(1).optional(),
});

const rollingCadence = z.strictObject({ every: duration });
const anchoredCadence = z
  .strictObject({
    rrule: z.string().superRefine((text, ctx) => {
      const problem = cadenceRuleProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    anchor: z.string().min(1).optional(),
    earlyDays: days.optional(),
  })
  .superRefine((cadence, ctx) => {
    const problem = occurrenceProblem(cadence.rrule, cadence.anchor);
    if (problem) ctx.addIssue({ code: 'custom', path: ['rrule'], message: problem });
  });
const quotaCadence = z.strictObject({
  per: z.enum(QUOTA_PERIODS),
  times: z.number().int().positive('must be at least 1').max(POLICY_LIMITS.quotaTimes, `at most ${POLICY_LIMITS.quotaTimes}`),
});
const milestoneCadence = z.strictObject({
  after: id,
  at: z.array(duration).min(1, 'needs at least one offset'),
  earlyDays: days.optional(),
});

// A cadence is told apart by its key; checking that key first gives errors at the right path
// (`cadence.every: …`) rather than zod's "matches none of the union".
const cadenceSchema = z.unknown().transform((value, ctx) => {
  const kinds = [
    ['every', rollingCadence],
    ['rrule', anchoredCadence],
    ['per', quotaCadence],
    ['after', milestoneCadence],
  ] as const;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'a cadence is an object: { every } | { rrule } | { per, times } | { after, at }' });
    return z.NEVER;
  }
  const present = kinds.filter(([key]) => key in value);
  if (present.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message:
        present.length === 0
          ? 'a cadence needs one of every, rrule, per or after'
          : `a cadence has one kind; found ${present.map(([key]) => key).join(' and ')}`,
    });
    return z.NEVER;
  }
  const result = present[0]![1].safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) ctx.addIssue({ ...issue, code: 'custom', path: issue.path as (string | number)[] });
    return z.NEVER;
  }
  return result.data as Cadence;
});

const escalationSchema = z.strictObject({
  afterDays: z.number().int().positive('must be at least 1').max(POLICY_LIMITS.windowDays, `at most ${POLICY_LIMITS.windowDays} days`),
  to: id,
});

const cycleSchema = z.strictObject({
  id,
  cadence: cadenceSchema,
  counts: countsSchema.optional(),
  graceDays: days.optional(),
  soonDays: days.optional(),
  shift: z.enum(SHIFTS).optional(),
  escalate: z.array(escalationSchema).optional(),
  firstTouchWithin: duration.optional(),
  flexDays: boundedDays(POLICY_LIMITS.flexDays).optional(),
});

const tierSchema = z.strictObject({
  id,
  weight: z.number().positive('must be above 0').max(POLICY_LIMITS.weight, `at most ${POLICY_LIMITS.weight}`).optional(),
  cycles: z.array(cycleSchema).min(1, 'a tier needs at least one cycle'),
});

const attributeCondition = z.strictObject({
  attribute: id,
  eq: z.union([z.string(), z.number(), z.boolean()]).optional(),
  in: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
  gte: z.number().optional(),
  lte: z.number().optional(),
  exists: z.boolean().optional(),
});
const lapsedCondition = z.strictObject({ lapsed: duration });
const conditionSchema = z.union([attributeCondition, lapsedCondition]);

const topSchema = z.strictObject({
  by: id,
  n: z.number().int().positive().max(POLICY_LIMITS.topN, `at most ${POLICY_LIMITS.topN}`),
  per: z.enum(['owner', 'overall']).optional(),
});

const assignRuleSchema = z
  .strictObject({
    tier: id,
    when: conditionSchema.optional(),
    top: topSchema.optional(),
  })
  .refine((rule) => rule.when !== undefined || rule.top !== undefined, 'an assign rule needs when or top');

const balanceTouches = z.number().int().positive().max(POLICY_LIMITS.balanceTouches, `at most ${POLICY_LIMITS.balanceTouches}`);
const balanceSchema = z.strictObject({
  recentTouches: balanceTouches.optional(),
  oneWayAfter: balanceTouches.optional(),
});

const shareSchema = z.strictObject({
  tiers: z.array(id).min(1, 'a share names at least one tier'),
  share: z.number().min(0, 'a share is from 0 to 1').max(1, 'a share is from 0 to 1'),
});

/** A policy's shape, without the cross-references; `safeParse` with it gives the shape's issues. */
export const policyObject = z.strictObject({
  version: z.literal(1, 'only version 1 is known'),
  timeZone: zone.optional(),
  calendars: z.record(id, calendarSchema).optional(),
  calendar: id.optional(),
  tiers: z.array(tierSchema).min(1, 'a policy needs at least one tier'),
  assign: z.array(assignRuleSchema).optional(),
  defaultTier: id.optional(),
  balance: balanceSchema.optional(),
  shares: z.array(shareSchema).optional(),
});

/**
 * The object schemas a policy is made of, by the names docs/policy.md gives them.
 *
 * @example
 * import { policyPartSchemas } from 'calling-cycle/zod';
 * console.log(Object.keys(policyPartSchemas.Cycle.shape));
 */
export const policyPartSchemas = {
  Policy: policyObject,
  Calendar: calendarSchema,
  Tier: tierSchema,
  Cycle: cycleSchema,
  'Escalation step': escalationSchema,
  Counts: countsSchema,
  'Cadence: rolling': rollingCadence,
  'Cadence: anchored': anchoredCadence,
  'Cadence: quota': quotaCadence,
  'Cadence: milestones': milestoneCadence,
  'Assign rule': assignRuleSchema,
  'Condition: attribute': attributeCondition,
  'Condition: lapsed': lapsedCondition,
  'Top-N': topSchema,
  Balance: balanceSchema,
  'Capacity share': shareSchema,
} as const;

/**
 * Zod schema of a policy, cross-references included (tier ids, calendar names, unique ids).
 *
 * @example
 * import { policySchema } from 'calling-cycle/zod';
 * const result = policySchema.safeParse(JSON.parse(text));
 */
export const policySchema: z.ZodType<Policy> = policyObject.superRefine((policy, ctx) => {
  for (const issue of crossReferenceIssues(policy)) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
});

