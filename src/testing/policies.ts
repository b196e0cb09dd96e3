/**
 * Policies for tests: a one-tier policy around one cadence, and a team's own policy with a few
 * fields changed. Both go through `parsePolicy`, so a mistake fails with every problem by path.
 */
import { parsePolicy, type Cadence, type Cycle, type Policy } from '../schema/policy.js';

/** The rest of the one cycle besides its cadence (`graceDays`, `soonDays`, `counts`, `shift` …). */
export type CycleFields = Omit<Partial<Cycle>, 'cadence'>;

/** Where the one cycle sits, and policy-wide fields. */
export interface CadencePolicyOptions {
  /** The tier's id (default `A`); it is the default tier, so contacts need no tier of their own. */
  tierId?: string;
  /** The cycle's id (default `check-in`). */
  cycleId?: string;
  /** Tier weight (default 1). */
  weight?: number;
  /** The policy's zone, for contacts and owners without one (default: none, so UTC). */
  timeZone?: string;
  /**
   * Working days of the one calendar (default Monday to Friday); a due date on another day moves
   * by the cycle's `shift`.
   */
  workingDays?: ('MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU')[];
  /** Holidays of the calendar, `YYYY-MM-DD`. */
  holidays?: string[];
}

/**
 * A one-tier, one-cycle policy around a cadence.
 *
 * @example
 * const policy = cadencePolicy({ every: 'P14D' }, { graceDays: 2 });
 * // tier A (the default tier) with cycle check-in every 14 days, 2 days' grace, Mon–Fri calendar
 */
export function cadencePolicy(cadence: Cadence, cycle: CycleFields = {}, options: CadencePolicyOptions = {}): Policy {
  const tierId = options.tierId ?? 'A';
  return parsePolicy({
    version: 1,
    ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
    calendars: {
      work: {
        workingDays: options.workingDays ?? ['MO', 'TU', 'WE', 'TH', 'FR'],
        ...(options.holidays !== undefined ? { holidays: options.holidays } : {}),
      },
    },
    calendar: 'work',
    tiers: [{ id: tierId, weight: options.weight ?? 1, cycles: [{ id: options.cycleId ?? 'check-in', ...cycle, cadence }] }],
    defaultTier: tierId,
  });
}

/**
 * A policy as the kit's functions take it: a parsed `Policy`, or the same as plain JSON (an
 * imported `policy.json`), validated by `parsePolicy` on the way in.
 *
 * @example
 * import teamPolicy from './policy.json';
 * const input: PolicyInput = teamPolicy;
 */
export type PolicyInput = Policy | Readonly<Record<string, unknown>>;

/** Changes to a policy: objects merge, tiers and cycles merge by id, other arrays are replaced. */
export type PolicyOverrides = Record<string, unknown>;

/**
 * A policy from a base with overrides. Tiers are matched by id (a new id adds a tier), and so are
 * the cycles within a tier; other objects merge key by key; arrays and values replace. A key set
 * to `undefined` is removed.
 *
 * @example
 * const strict = policyFrom(teamPolicy, { tiers: [{ id: 'A', cycles: [{ id: 'check-in', graceDays: 0 }] }] });
 */
export function policyFrom(base: PolicyInput, overrides: PolicyOverrides = {}): Policy {
  return parsePolicy(merge(base, overrides, []));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Tiers and cycles are lists of things with ids: overriding one should not need the whole list.
const MERGED_BY_ID = new Set(['tiers', 'cycles']);

function merge(base: unknown, override: unknown, path: string[]): unknown {
  if (override === undefined) return base;
  const key = path.at(-1);
  if (Array.isArray(base) && Array.isArray(override) && key !== undefined && MERGED_BY_ID.has(key)) {
    const merged = base.map((entry) => {
      const match = override.find((candidate) => isPlainObject(candidate) && isPlainObject(entry) && candidate.id === entry.id);
      return match === undefined ? entry : merge(entry, match, [...path, String(entry.id)]);
    });
    for (const entry of override) {
      if (!base.some((candidate) => isPlainObject(candidate) && isPlainObject(entry) && candidate.id === entry.id)) merged.push(entry);
    }
    return merged;
  }
  if (isPlainObject(base) && isPlainObject(override)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [name, value] of Object.entries(override)) {
      if (value === undefined) delete merged[name];
      // A cadence is replaced whole: merging `{ every }` into `{ rrule }` would give two kinds.
      else merged[name] = name === 'cadence' ? value : merge(base[name], value, [...path, name]);
    }
    return merged;
  }
  return override;
}
