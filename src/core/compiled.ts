/**
 * A policy compiled once per evaluation: durations parsed, touch filters given their bits,
 * calendars built. Shared by `evaluate`, `evaluateColumns` and `evaluateStream`.
 */
import { compileCadence, type CompiledCadence } from './cadences.js';
import { CalendarBook } from './calendar.js';
import type { StatusRule } from './status.js';
import { compileTouchFilter, countsByDefault, type TouchFilter, touchFilterKey } from './touches.js';
import type { Cycle, Policy, Shift } from '../schema/policy.js';

/** A cycle compiled once per evaluation. */
export interface CompiledCycle {
  /** Position among every cycle of the policy, tier by tier: the cycle column of `evaluateColumns`. */
  readonly number: number;
  readonly cycle: Cycle;
  readonly tierId: string;
  readonly cadence: CompiledCadence;
  readonly counts: TouchFilter;
  /** This cycle's bit in `TouchBook.passes`, or 0 when its filter has none and is called instead. */
  readonly countsMask: number;
  readonly statusRule: StatusRule;
  readonly shift: Shift;
}

export interface CompiledTier {
  readonly id: string;
  readonly weight: number;
  readonly cycles: readonly CompiledCycle[];
}

/** A touch filter with its bit in `TouchBook.passes`. */
interface MaskedFilter {
  readonly filter: TouchFilter;
  readonly mask: number;
}

export interface CompiledPolicy {
  readonly policy: Policy;
  /** The distinct touch filters of the policy that have a bit; the default filter first. */
  readonly touchFilters: readonly MaskedFilter[];
  readonly tiers: ReadonlyMap<string, CompiledTier>;
  /** Every cycle of the policy, tier by tier, numbered by position. */
  readonly cycles: readonly CompiledCycle[];
  readonly calendars: CalendarBook;
}

/** Compiles a validated policy: durations parsed, touch filters and calendars built. */
export function compilePolicy(policy: Policy): CompiledPolicy {
  const tiers = new Map<string, CompiledTier>();
  const cycles: CompiledCycle[] = [];
  const touchFilters: MaskedFilter[] = [{ filter: countsByDefault, mask: DEFAULT_FILTER_MASK }];
  const maskOf = (filter: TouchFilter): number => {
    let known = touchFilters.find((entry) => entry.filter === filter);
    if (known === undefined && touchFilters.length < MAX_FILTER_BITS) {
      known = { filter, mask: 1 << touchFilters.length };
      touchFilters.push(known);
    }
    return known?.mask ?? 0;
  };
  // Equal `counts` (as sets) are one filter: one bit, one test per touch, and a book whose tiers
  // repeat a filter stays within the bits the integer path of evaluateColumns needs.
  const filterOfKey = new Map<string, TouchFilter>([[touchFilterKey(undefined), countsByDefault]]);
  const filterOf = (counts: Cycle['counts']): TouchFilter => {
    const key = touchFilterKey(counts);
    let filter = filterOfKey.get(key);
    if (filter === undefined) {
      filter = compileTouchFilter(counts);
      filterOfKey.set(key, filter);
    }
    return filter;
  };
  for (const tier of policy.tiers) {
    tiers.set(tier.id, {
      id: tier.id,
      weight: tier.weight ?? 1,
      cycles: tier.cycles.map((cycle) => {
        const counts = filterOf(cycle.counts);
        const compiled: CompiledCycle = {
          number: cycles.length,
          cycle,
          tierId: tier.id,
          cadence: compileCadence(cycle.cadence, cycle.firstTouchWithin),
          counts,
          countsMask: maskOf(counts),
          statusRule: {
            graceDays: cycle.graceDays ?? 0,
            soonDays: cycle.soonDays ?? 0,
            escalate: [...(cycle.escalate ?? [])].sort((a, b) => a.afterDays - b.afterDays),
          },
          // A quarter's quota is due by the quarter's end: moving that into the next quarter would
          // count the touch for the wrong period, so quotas default to `preceding`.
          shift: cycle.shift ?? ('per' in cycle.cadence ? 'preceding' : 'following'),
        };
        cycles.push(compiled);
        return compiled;
      }),
    });
  }
  return { policy, tiers, cycles, touchFilters, calendars: new CalendarBook(policy) };
}

export const DEFAULT_FILTER_MASK = 1;
// Every touch is tested against every filter that has a bit, whatever its contact's tier: a few
// cover the policies seen in practice (the default and one or two of a cycle's own); the filters
// of a policy with more are asked per touch of the cycles that use them.
const MAX_FILTER_BITS = 4;
