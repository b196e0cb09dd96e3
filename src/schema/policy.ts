/**
 * The policy: plain JSON a CRM stores, validated here with zod. Every problem is reported at once,
 * each with its path, so a policy editor can point at the field.
 */
import { z } from 'zod';
import { MS_PER_DAY, nominalDays, parseDate, parseDuration } from '../time/dates.js';
import { hasOccurrenceWithin, OCCURRENCE_HORIZON_YEARS, parseRule, rruleProblem } from '../time/rrule.js';
import { isValidZone } from '../time/zones.js';
import { type Issue, PolicyError } from '../errors/errors.js';
import { messages } from '../errors/messages.js';

export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const CHANNELS = ['call', 'meeting', 'visit', 'email', 'message', 'other'] as const;
export const DIRECTIONS = ['outbound', 'inbound'] as const;
export const SHIFTS = ['following', 'preceding', 'modified-following', 'none'] as const;
export const QUOTA_PERIODS = ['week', 'month', 'quarter', 'year'] as const;
/** Outcomes that record an attempt without contact; by default they do not count as a touch. */
export const ATTEMPT_OUTCOMES = ['voicemail', 'no-answer', 'bounced'] as const;

/**
 * Upper bounds of a policy's numbers, so no value can make the engine's work or its dates run
 * away (docs/policy.md lists them).
 */
export const POLICY_LIMITS = {
  /** A cadence, a first-touch window, a milestone offset or a lapse: at most ten years. */
  durationDays: 3653,
  /** Grace, soon, early and escalation windows, in days: at most ten years. */
  windowDays: 3653,
  /** How far before its due date a touch may be planned: at most a year. */
  flexDays: 366,
  /** A tier's priority weight. */
  weight: 1_000_000,
  /** Touches a quota period may ask for. */
  quotaTimes: 1000,
  /** COUNT of an anchored rule. */
  ruleCount: 10_000,
  /** Contacts a top-N rule takes, per owner or overall. */
  topN: 10_000_000,
  /** Touches the relationship balance looks back over. */
  balanceTouches: 1000,
} as const;

const id = z.string().min(1, 'must be a non-empty string');
const duration = z.string().superRefine((text, ctx) => {
  const parsed = parseDuration(text);
  if (parsed === undefined) ctx.addIssue({ code: 'custom', message: messages.badDuration });
  else if (!(nominalDays(parsed) <= POLICY_LIMITS.durationDays)) {
    ctx.addIssue({ code: 'custom', message: `at most ten years (${POLICY_LIMITS.durationDays} days)` });
  }
});
const date = z.string().refine((text) => parseDate(text) !== undefined, messages.badDate);
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

const DAY_LEVEL = new Set(['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY']);

/** What is wrong with an RRULE as a cadence: RFC 5545 first, then day-level and a bounded COUNT. */
function cadenceRuleProblem(text: string): string | undefined {
  const problem = rruleProblem(text);
  if (problem) return problem;
  const rule = parseRule(text);
  if (!DAY_LEVEL.has(rule.freq))
    return `a cadence is day-level: FREQ=${rule.freq} is finer than a day (use DAILY, WEEKLY, MONTHLY or YEARLY)`;
  if (rule.count !== undefined && rule.count > POLICY_LIMITS.ruleCount) return `COUNT is at most ${POLICY_LIMITS.ruleCount}`;
  return undefined;
}

// parsePolicy runs on every evaluate: the occurrence check of a rule and anchor is made once.
const occurrenceVerdicts = new Map<string, string | undefined>();

/**
 * A rule that yields no occurrence within 400 years of its anchor would make every evaluation
 * search in vain. With a date anchor the check is exact; a rule anchored on a contact's event or
 * creation is checked from 2000-01-01 (a leap year's first day), which catches rules that match
 * no date at all (BYMONTH=2;BYMONTHDAY=30, a sixth Monday); one that misses only some anchors is
 * bounded at evaluation instead.
 */
function occurrenceProblem(rrule: string, anchor: string | undefined): string | undefined {
  const anchorDay = anchor !== undefined ? parseDate(anchor) : undefined;
  if (cadenceRuleProblem(rrule) !== undefined || (anchor !== undefined && /^\d/.test(anchor) && anchorDay === undefined)) return undefined;
  const key = `${rrule}\u0000${anchorDay ?? ''}`;
  if (occurrenceVerdicts.has(key)) return occurrenceVerdicts.get(key);
  const start = (anchorDay ?? REFERENCE_ANCHOR_DAY) * MS_PER_DAY;
  const verdict = hasOccurrenceWithin(parseRule(rrule), start)
    ? undefined
    : `the rule yields no date within ${OCCURRENCE_HORIZON_YEARS} years of ${anchorDay !== undefined ? `its anchor ${anchor}` : 'an anchor'}`;
  if (occurrenceVerdicts.size > 10_000) occurrenceVerdicts.clear();
  occurrenceVerdicts.set(key, verdict);
  return verdict;
}

const REFERENCE_ANCHOR_DAY = 10_957; // 2000-01-01

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

const policyObject = z.strictObject({
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

/** The object schemas a policy is made of, by the names docs/policy.md gives them. */
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

interface LoosePolicy {
  tiers?: { id?: unknown; cycles?: { id?: unknown; cadence?: { anchor?: unknown } }[] }[];
  calendars?: Record<string, unknown>;
  calendar?: unknown;
  defaultTier?: unknown;
  assign?: { tier?: unknown }[];
  shares?: { tiers?: unknown; share?: unknown }[];
}

const asArray = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);

/**
 * Cross-references (unique ids, known tiers and calendars). They are read from the raw input so
 * they are reported together with every shape problem, not only once the shape is right.
 */
function crossReferenceIssues(json: unknown): Issue[] {
  const issues: Issue[] = [];
  if (typeof json !== 'object' || json === null) return issues;
  const policy = json as LoosePolicy;
  const add = (path: (string | number)[], message: string) => issues.push({ code: 'custom', path, message });
  const tierIds = new Set<unknown>();
  asArray(policy.tiers).forEach((tier, tierIndex) => {
    if (typeof tier !== 'object' || tier === null) return;
    if (tierIds.has(tier.id)) add(['tiers', tierIndex, 'id'], `duplicate tier id "${String(tier.id)}"`);
    tierIds.add(tier.id);
    const cycleIds = new Set<unknown>();
    asArray(tier.cycles).forEach((cycle, cycleIndex) => {
      if (typeof cycle !== 'object' || cycle === null) return;
      if (cycleIds.has(cycle.id)) {
        add(['tiers', tierIndex, 'cycles', cycleIndex, 'id'], `duplicate cycle id "${String(cycle.id)}" in tier "${String(tier.id)}"`);
      }
      cycleIds.add(cycle.id);
      const anchor = cycle.cadence?.anchor;
      if (typeof anchor === 'string' && /^\d/.test(anchor) && parseDate(anchor) === undefined) {
        add(['tiers', tierIndex, 'cycles', cycleIndex, 'cadence', 'anchor'], 'an anchor is a YYYY-MM-DD date or a contact event name');
      }
    });
  });
  const calendars = typeof policy.calendars === 'object' && policy.calendars !== null ? policy.calendars : {};
  // JSON can hold a key "__proto__"; a plain object built from it cannot, so it would vanish.
  if (Object.hasOwn(calendars, '__proto__')) add(['calendars', '__proto__'], messages.reservedName('__proto__'));
  if (typeof policy.calendar === 'string' && !Object.hasOwn(calendars, policy.calendar)) {
    add(['calendar'], messages.unknownCalendar(policy.calendar));
  }
  if (typeof policy.defaultTier === 'string' && !tierIds.has(policy.defaultTier)) {
    add(['defaultTier'], messages.unknownTier(policy.defaultTier));
  }
  asArray(policy.assign).forEach((rule, index) => {
    if (typeof rule?.tier === 'string' && !tierIds.has(rule.tier)) add(['assign', index, 'tier'], messages.unknownTier(rule.tier));
  });
  if (Array.isArray(policy.shares)) {
    for (const issue of shareIssues(policy.shares, (tier) => tierIds.has(tier))) add(['shares', ...issue.path], issue.message);
  }
  return issues;
}

/**
 * What is wrong with a list of capacity shares beyond its shape: unknown tiers, a tier in two
 * shares (which reserved slots would it take?), shares adding up to more than the whole day.
 */
export function shareIssues(shares: readonly { tiers?: unknown; share?: unknown }[], isTier: (id: string) => boolean): Issue[] {
  const issues: Issue[] = [];
  const sharedBy = new Map<string, number>();
  let total = 0;
  shares.forEach((share, index) => {
    if (typeof share?.share === 'number') total += share.share;
    asArray(Array.isArray(share?.tiers) ? (share.tiers as unknown[]) : undefined).forEach((tier, tierIndex) => {
      if (typeof tier !== 'string') return;
      const path = [index, 'tiers', tierIndex];
      if (!isTier(tier)) issues.push({ code: 'custom', path, message: messages.unknownTier(tier) });
      else if (sharedBy.has(tier))
        issues.push({ code: 'custom', path, message: `tier "${tier}" is already in share ${sharedBy.get(tier)}` });
      else sharedBy.set(tier, index);
    });
  });
  if (total > 1 + 1e-9) issues.push({ code: 'custom', path: [], message: `shares add up to ${total}, more than the whole day (1)` });
  return issues;
}

/**
 * Everything wrong with a list of capacity shares given apart from a policy (the planner's
 * `shares` option), by the same rules a policy's `shares` meet: shape first, then `shareIssues`.
 */
export function capacityShareIssues(shares: unknown, tierIds: ReadonlySet<string>): Issue[] {
  const shape = z.array(shareSchema).safeParse(shares);
  return shape.success ? shareIssues(shape.data, (tier) => tierIds.has(tier)) : toIssues(shape.error);
}

/** Zod schema of a policy, cross-references included (tier ids, calendar names, unique ids). */
export const policySchema = policyObject.superRefine((policy, ctx) => {
  for (const issue of crossReferenceIssues(policy)) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
});

export type RollingCadence = z.infer<typeof rollingCadence>;
export type AnchoredCadence = z.infer<typeof anchoredCadence>;
export type QuotaCadence = z.infer<typeof quotaCadence>;
export type MilestoneCadence = z.infer<typeof milestoneCadence>;
/** How often a cycle wants a touch: rolling, anchored (RRULE), quota or milestones. */
export type Cadence = RollingCadence | AnchoredCadence | QuotaCadence | MilestoneCadence;
export type Policy = z.infer<typeof policyObject>;
export type Tier = Policy['tiers'][number];
export type Cycle = Tier['cycles'][number];
export type CalendarSpec = z.infer<typeof calendarSchema>;
export type Counts = z.infer<typeof countsSchema>;
export type AssignRule = z.infer<typeof assignRuleSchema>;
/** Reserves a share of each day's capacity for a group of tiers. */
export type CapacityShare = z.infer<typeof shareSchema>;
export type Shift = (typeof SHIFTS)[number];
export type Channel = (typeof CHANNELS)[number];
export type Direction = (typeof DIRECTIONS)[number];

/** Result of validating input without throwing. */
export type SafeParseResult<T> = { success: true; data: T } | { success: false; issues: Issue[] };

function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    code: issue.code,
    path: issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
    message: issue.message,
  }));
}

/**
 * Validates a policy without throwing.
 *
 * @example
 * const result = safeParsePolicy(JSON.parse(text));
 * if (!result.success) for (const issue of result.issues) console.log(issue.path.join('.'), issue.message);
 */
export function safeParsePolicy(json: unknown): SafeParseResult<Policy> {
  const result = policyObject.safeParse(json);
  const issues = [...(result.success ? [] : toIssues(result.error)), ...crossReferenceIssues(json)];
  return result.success && issues.length === 0 ? { success: true, data: result.data } : { success: false, issues };
}

/**
 * Validates a policy and returns it, or throws a `PolicyError` listing every problem by path.
 * The result is a fresh plain-data copy: the input is not mutated.
 *
 * @example
 * const policy = parsePolicy({ version: 1, tiers: [{ id: 'A', cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] }], defaultTier: 'A' });
 */
export function parsePolicy(json: unknown): Policy {
  const result = safeParsePolicy(json);
  if (!result.success) throw new PolicyError(result.issues);
  return result.data;
}
