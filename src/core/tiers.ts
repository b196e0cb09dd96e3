/**
 * Tier assignment: the contact's explicit tier wins; otherwise the policy's rules in order, first
 * match, and the default tier catches the rest.
 */
import { addDuration, type EpochDay, parseDuration } from '../time/dates.js';
import { ownValue } from './records.js';
import type { TierBasis } from './types.js';
import type { AssignRule } from '../schema/policy.js';

/** What tier rules read of a contact. */
export interface TierCandidate {
  readonly id: string;
  readonly ownerId: string | undefined;
  readonly attributes: Readonly<Record<string, unknown>> | undefined;
  readonly today: EpochDay;
  readonly createdDay: EpochDay | undefined;
  /** Local date of the last touch that counts by default (any channel, not a mere attempt). */
  readonly lastTouchDay: EpochDay | undefined;
}

export interface TierAssignment {
  readonly tierId: string;
  readonly basis: TierBasis;
}

type Condition = NonNullable<AssignRule['when']>;

function matches(condition: Condition, candidate: TierCandidate): boolean {
  if ('lapsed' in condition) {
    // A contact never touched has lapsed once its age passes the duration; with no createdAt
    // either, nothing says it is fresh, so it counts as lapsed.
    const since = candidate.lastTouchDay ?? candidate.createdDay;
    return since === undefined || addDuration(since, parseDuration(condition.lapsed)!) <= candidate.today;
  }
  // Only the contact's own attributes count: `constructor` is not an attribute of `{}`.
  const value = ownValue(candidate.attributes, condition.attribute);
  const present = value !== undefined && value !== null;
  if (condition.exists !== undefined && condition.exists !== present) return false;
  if (condition.eq !== undefined && value !== condition.eq) return false;
  if (condition.in !== undefined && !condition.in.some((option) => option === value)) return false;
  if (condition.gte !== undefined && !(typeof value === 'number' && value >= condition.gte)) return false;
  if (condition.lte !== undefined && !(typeof value === 'number' && value <= condition.lte)) return false;
  return true;
}

/**
 * Assigns tiers to every candidate not explicitly tiered. Rules run in order over the contacts
 * still unassigned; a `top` rule ranks those (that also meet its `when`) by a numeric attribute,
 * highest first, ties by contact id ascending, and takes `n` per owner or overall. Contacts
 * without a finite numeric value are not ranked. Returns a map from candidate index to assignment;
 * candidates missing from it have no tier (no rule matched and no default tier).
 */
export function assignTiers(
  candidates: readonly TierCandidate[],
  rules: readonly AssignRule[],
  defaultTier: string | undefined,
): (TierAssignment | undefined)[] {
  const result: (TierAssignment | undefined)[] = new Array(candidates.length).fill(undefined);
  let remaining = candidates.map((_, index) => index);
  rules.forEach((rule, ruleIndex) => {
    const eligible = rule.when ? remaining.filter((index) => matches(rule.when!, candidates[index]!)) : remaining;
    let chosen: Set<number>;
    if (rule.top) {
      const { by, n, per } = rule.top;
      // NaN and ±Infinity rank as missing: a NaN in the comparison would make the order, and so
      // the tiers, depend on the input order.
      const rankOf = (index: number) => ownValue(candidates[index]!.attributes, by) as number;
      const ranked = eligible
        .filter((index) => Number.isFinite(ownValue(candidates[index]!.attributes, by)))
        .sort((a, b) => {
          const difference = rankOf(b) - rankOf(a);
          if (difference !== 0) return difference;
          const idA = candidates[a]!.id;
          const idB = candidates[b]!.id;
          return idA < idB ? -1 : idA > idB ? 1 : 0;
        });
      const taken = new Map<string, number>();
      chosen = new Set();
      for (const index of ranked) {
        const group = per === 'owner' ? (candidates[index]!.ownerId ?? '') : '';
        const count = taken.get(group) ?? 0;
        if (count < n) {
          chosen.add(index);
          taken.set(group, count + 1);
        }
      }
    } else {
      chosen = new Set(eligible);
    }
    const kind = rule.top ? 'top' : rule.when && 'lapsed' in rule.when ? 'lapsed' : 'when';
    for (const index of chosen) result[index] = { tierId: rule.tier, basis: { by: 'rule', rule: ruleIndex, kind } };
    remaining = remaining.filter((index) => !chosen.has(index));
  });
  if (defaultTier !== undefined) {
    const basis: TierBasis = { by: 'default' };
    for (const index of remaining) result[index] = { tierId: defaultTier, basis };
  }
  return result;
}
