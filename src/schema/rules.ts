/**
 * The policy's rules that are more than shape: durations, dates, zones, RRULEs, cross-references
 * and capacity shares. Both descriptions of the policy use them: the engine's own check
 * (`policy.ts`) and the zod schemas (`zod/policy.ts`), so the two cannot drift on what a rule means.
 */
import { MS_PER_DAY, nominalDays, parseDate, parseDuration } from '../time/dates.js';
import { hasOccurrenceWithin, OCCURRENCE_HORIZON_YEARS, parseRule, rruleProblem } from '../time/rrule.js';
import type { Issue } from '../errors/errors.js';
import { messages } from '../errors/messages.js';
import { isWellFormedText } from './text.js';

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
 *
 * @example
 * if (days > POLICY_LIMITS.windowDays) console.log(`graceDays is at most ${POLICY_LIMITS.windowDays}`);
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

/** What is wrong with an ISO 8601 duration as a policy duration. */
export function durationProblem(text: string): string | undefined {
  const parsed = parseDuration(text);
  if (parsed === undefined) return messages.badDuration;
  if (!(nominalDays(parsed) <= POLICY_LIMITS.durationDays)) return `at most ten years (${POLICY_LIMITS.durationDays} days)`;
  return undefined;
}

export const isPolicyDate = (text: string): boolean => parseDate(text) !== undefined;

const DAY_LEVEL = new Set(['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY']);

/** What is wrong with an RRULE as a cadence: RFC 5545 first, then day-level and a bounded COUNT. */
export function cadenceRuleProblem(text: string): string | undefined {
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
const REFERENCE_ANCHOR_DAY = 10_957; // 2000-01-01

/**
 * A rule that yields no occurrence within 400 years of its anchor would make every evaluation
 * search in vain. With a date anchor the check is exact; a rule anchored on a contact's event or
 * creation is checked from 2000-01-01 (a leap year's first day), which catches rules that match
 * no date at all (BYMONTH=2;BYMONTHDAY=30, a sixth Monday); one that misses only some anchors is
 * bounded at evaluation instead.
 */
export function occurrenceProblem(rrule: string, anchor: string | undefined): string | undefined {
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
export function crossReferenceIssues(json: unknown): Issue[] {
  const issues: Issue[] = [];
  if (typeof json !== 'object' || json === null) return issues;
  const policy = json as LoosePolicy;
  const add = (path: (string | number)[], message: string) => issues.push({ code: 'custom', path, message });
  const tierIds = new Set<unknown>();
  asArray(policy.tiers).forEach((tier, tierIndex) => {
    if (typeof tier !== 'object' || tier === null) return;
    if (tierIds.has(tier.id)) add(['tiers', tierIndex, 'id'], `duplicate tier id "${String(tier.id)}"`);
    // Tier and cycle ids are written into every output (task keys, CSV, calendars): UTF-8 text only.
    if (typeof tier.id === 'string' && !isWellFormedText(tier.id)) add(['tiers', tierIndex, 'id'], messages.illFormedId);
    tierIds.add(tier.id);
    const cycleIds = new Set<unknown>();
    asArray(tier.cycles).forEach((cycle, cycleIndex) => {
      if (typeof cycle !== 'object' || cycle === null) return;
      if (cycleIds.has(cycle.id)) {
        add(['tiers', tierIndex, 'cycles', cycleIndex, 'id'], `duplicate cycle id "${String(cycle.id)}" in tier "${String(tier.id)}"`);
      }
      cycleIds.add(cycle.id);
      if (typeof cycle.id === 'string' && !isWellFormedText(cycle.id)) add(['tiers', tierIndex, 'cycles', cycleIndex, 'id'], messages.illFormedId);
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
