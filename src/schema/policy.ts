/**
 * The policy: plain JSON a CRM stores. Its types, and `parsePolicy`, which checks it and reports
 * every problem at once, each with its path, so a policy editor can point at the field.
 *
 * The check is the engine's own small validator (`check.ts`), not zod: it gives the verdicts,
 * paths, codes and messages of the zod schemas in `zod/policy.ts` (a property test holds the two
 * together on arbitrary policies; a type test holds these types equal to zod's inferred ones),
 * without loading zod with the engine.
 */
import { type Issue, PolicyError } from '../errors/errors.js';
import { messages } from '../errors/messages.js';
import { isValidZone } from '../time/zones.js';
import {
  array,
  boolean,
  type Check,
  number,
  oneOf,
  optional,
  record,
  run,
  strictObject,
  string,
  union,
  type Found,
} from './check.js';
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
  shareIssues,
  WEEKDAY_CODES,
} from './rules.js';

export { ATTEMPT_OUTCOMES, CHANNELS, DIRECTIONS, POLICY_LIMITS, QUOTA_PERIODS, SHIFTS, shareIssues, WEEKDAY_CODES } from './rules.js';

export type Shift = (typeof SHIFTS)[number];
export type Channel = (typeof CHANNELS)[number];
export type Direction = (typeof DIRECTIONS)[number];
type Weekday = (typeof WEEKDAY_CODES)[number];

/** A rolling cadence: due a duration after the last qualifying touch. */
export interface RollingCadence {
  every: string;
}
/** An anchored cadence: the occurrences of an RFC 5545 rule from an anchor. */
export interface AnchoredCadence {
  rrule: string;
  anchor?: string | undefined;
  earlyDays?: number | undefined;
}
/** A quota cadence: n qualifying touches each calendar period. */
export interface QuotaCadence {
  per: (typeof QUOTA_PERIODS)[number];
  times: number;
}
/** Milestones: one-off follow-ups at offsets from a contact event. */
export interface MilestoneCadence {
  after: string;
  at: string[];
  earlyDays?: number | undefined;
}
/** How often a cycle wants a touch: rolling, anchored (RRULE), quota or milestones. */
export type Cadence = RollingCadence | AnchoredCadence | QuotaCadence | MilestoneCadence;

/** A working calendar: working weekdays and holiday dates. */
export interface CalendarSpec {
  workingDays?: Weekday[] | undefined;
  holidays?: string[] | undefined;
}
/** Which touches count for a cycle. */
export interface Counts {
  channels?: Channel[] | undefined;
  directions?: Direction[] | undefined;
  outcomes?: string[] | undefined;
  purposes?: string[] | undefined;
}
/** One rhythm of contact for a tier. */
export interface Cycle {
  id: string;
  cadence: Cadence;
  counts?: Counts | undefined;
  graceDays?: number | undefined;
  soonDays?: number | undefined;
  shift?: Shift | undefined;
  escalate?: { afterDays: number; to: string }[] | undefined;
  firstTouchWithin?: string | undefined;
  flexDays?: number | undefined;
}
/** A segment of contacts with a priority weight and its cycles. */
export interface Tier {
  id: string;
  weight?: number | undefined;
  cycles: Cycle[];
}
type AttributeValue = string | number | boolean;
/** A rule that assigns a tier to the contacts that match it. */
export interface AssignRule {
  tier: string;
  when?:
    | {
        attribute: string;
        eq?: AttributeValue | undefined;
        in?: AttributeValue[] | undefined;
        gte?: number | undefined;
        lte?: number | undefined;
        exists?: boolean | undefined;
      }
    | { lapsed: string }
    | undefined;
  top?: { by: string; n: number; per?: 'owner' | 'overall' | undefined } | undefined;
}
/** Reserves a share of each day's capacity for a group of tiers. */
export interface CapacityShare {
  tiers: string[];
  share: number;
}
/** A policy: tiers, cycles, calendars and rules, as plain JSON. */
export interface Policy {
  version: 1;
  timeZone?: string | undefined;
  calendars?: Record<string, CalendarSpec> | undefined;
  calendar?: string | undefined;
  tiers: Tier[];
  assign?: AssignRule[] | undefined;
  defaultTier?: string | undefined;
  balance?: { recentTouches?: number | undefined; oneWayAfter?: number | undefined } | undefined;
  shares?: CapacityShare[] | undefined;
}

/** Result of validating input without throwing. */
export type SafeParseResult<T> = { success: true; data: T } | { success: false; issues: Issue[] };

const custom = (message: string | undefined) => (message === undefined ? undefined : { code: 'custom', message });

const id = string({ min: 1, minMessage: 'must be a non-empty string' });
const duration = string({}, (text) => custom(durationProblem(text)));
const date = string({}, (text) => custom(isPolicyDate(text) ? undefined : messages.badDate));
const boundedDays = (max: number) =>
  number({ int: 'must be a whole number of days', min: [0, true, 'must not be negative'], max: [max, `at most ${max} days`] });
const days = boundedDays(POLICY_LIMITS.windowDays);
const zone = string({}, (text) => custom(isValidZone(text) ? undefined : messages.unknownZone(text)));
const nonEmpty = string({ min: 1 });

const calendar = strictObject({
  workingDays: optional(array(oneOf(WEEKDAY_CODES), { min: 1, minMessage: 'needs at least one working day' })),
  holidays: optional(array(date)),
});

const counts = strictObject({
  channels: optional(array(oneOf(CHANNELS), { min: 1 })),
  directions: optional(array(oneOf(DIRECTIONS), { min: 1 })),
  outcomes: optional(array(nonEmpty, { min: 1 })),
  purposes: optional(array(nonEmpty, { min: 1 })),
});

const rollingCadence = strictObject({ every: duration });
const anchoredCadence = strictObject(
  {
    rrule: string({}, (text) => custom(cadenceRuleProblem(text))),
    anchor: optional(nonEmpty),
    earlyDays: optional(days),
  },
  (cadence) => custom(occurrenceProblem(cadence.rrule as string, cadence.anchor as string | undefined)),
);
// The occurrence problem is the rule's, so it is reported at `rrule`, as zod's refinement does.
const anchored: Check = (value, path, found) => {
  const start = found.length;
  const result = anchoredCadence(value, path, found);
  for (const issue of found.slice(start)) {
    if (issue.code === 'custom' && issue.path.length === path.length && issue.path.every((part, index) => part === path[index])) {
      issue.path = [...path, 'rrule'];
    }
  }
  return result;
};
const quotaCadence = strictObject({
  per: oneOf(QUOTA_PERIODS),
  times: number({ int: true, min: [0, false, 'must be at least 1'], max: [POLICY_LIMITS.quotaTimes, `at most ${POLICY_LIMITS.quotaTimes}`] }),
});
const milestoneCadence = strictObject({
  after: id,
  at: array(duration, { min: 1, minMessage: 'needs at least one offset' }),
  earlyDays: optional(days),
});

const CADENCE_KINDS = [
  ['every', rollingCadence],
  ['rrule', anchored],
  ['per', quotaCadence],
  ['after', milestoneCadence],
] as const;

// A cadence is told apart by its key; checking that key first gives errors at the right path
// (`cadence.every: …`) rather than "matches none of the union". Every problem inside it is
// reported with the code `custom`, as the zod schema's transform reports them.
const cadence: Check = (value, path, found) => {
  const fail = (message: string) => found.push({ code: 'custom', path, message, fatal: true });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('a cadence is an object: { every } | { rrule } | { per, times } | { after, at }');
    return value;
  }
  const present = CADENCE_KINDS.filter(([key]) => key in value);
  if (present.length !== 1) {
    fail(
      present.length === 0
        ? 'a cadence needs one of every, rrule, per or after'
        : `a cadence has one kind; found ${present.map(([key]) => key).join(' and ')}`,
    );
    return value;
  }
  const own: Found[] = [];
  const result = present[0]![1](value, path, own);
  for (const issue of own) found.push({ ...issue, code: 'custom', fatal: true });
  return result;
};

const escalation = strictObject({
  afterDays: number({
    int: true,
    min: [0, false, 'must be at least 1'],
    max: [POLICY_LIMITS.windowDays, `at most ${POLICY_LIMITS.windowDays} days`],
  }),
  to: id,
});

const cycle = strictObject({
  id,
  cadence,
  counts: optional(counts),
  graceDays: optional(days),
  soonDays: optional(days),
  shift: optional(oneOf(SHIFTS)),
  escalate: optional(array(escalation)),
  firstTouchWithin: optional(duration),
  flexDays: optional(boundedDays(POLICY_LIMITS.flexDays)),
});

const tier = strictObject({
  id,
  weight: optional(number({ min: [0, false, 'must be above 0'], max: [POLICY_LIMITS.weight, `at most ${POLICY_LIMITS.weight}`] })),
  cycles: array(cycle, { min: 1, minMessage: 'a tier needs at least one cycle' }),
});

const attributeValue = union([string(), number(), boolean]);
const condition = union([
  strictObject({
    attribute: id,
    eq: optional(attributeValue),
    in: optional(array(attributeValue)),
    gte: optional(number()),
    lte: optional(number()),
    exists: optional(boolean),
  }),
  strictObject({ lapsed: duration }),
]);

const top = strictObject({
  by: id,
  n: number({ int: true, min: [0, false], max: [POLICY_LIMITS.topN, `at most ${POLICY_LIMITS.topN}`] }),
  per: optional(oneOf(['owner', 'overall'])),
});

const assignRule = strictObject({ tier: id, when: optional(condition), top: optional(top) }, (rule) =>
  rule.when !== undefined || rule.top !== undefined ? undefined : { code: 'custom', message: 'an assign rule needs when or top' },
);

const balanceTouches = number({
  int: true,
  min: [0, false],
  max: [POLICY_LIMITS.balanceTouches, `at most ${POLICY_LIMITS.balanceTouches}`],
});
const balance = strictObject({ recentTouches: optional(balanceTouches), oneWayAfter: optional(balanceTouches) });

const share = strictObject({
  tiers: array(id, { min: 1, minMessage: 'a share names at least one tier' }),
  share: number({ min: [0, true, 'a share is from 0 to 1'], max: [1, 'a share is from 0 to 1'] }),
});
const shares = array(share);

const policy = strictObject({
  version: oneOf([1], 'only version 1 is known'),
  timeZone: optional(zone),
  calendars: optional(record(id, calendar)),
  calendar: optional(id),
  tiers: array(tier, { min: 1, minMessage: 'a policy needs at least one tier' }),
  assign: optional(array(assignRule)),
  defaultTier: optional(id),
  balance: optional(balance),
  shares: optional(shares),
});

/**
 * Everything wrong with a list of capacity shares given apart from a policy (the planner's
 * `shares` option), by the same rules a policy's `shares` meet: shape first, then `shareIssues`.
 */
export function capacityShareIssues(value: unknown, tierIds: ReadonlySet<string>): Issue[] {
  const shape = run<CapacityShare[]>(shares, value);
  return shape.issues.length === 0 ? shareIssues(shape.data, (tier) => tierIds.has(tier)) : shape.issues;
}

/**
 * Validates a policy without throwing.
 *
 * @example
 * const result = safeParsePolicy(JSON.parse(text));
 * if (!result.success) for (const issue of result.issues) console.log(issue.path.join('.'), issue.message);
 */
export function safeParsePolicy(json: unknown): SafeParseResult<Policy> {
  const shape = run<Policy>(policy, json);
  const issues = [...shape.issues, ...crossReferenceIssues(json)];
  return issues.length === 0 ? { success: true, data: shape.data } : { success: false, issues };
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
