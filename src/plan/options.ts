/**
 * The checks `plan` and `callList` make on their arguments before any work: a malformed call is an
 * `InputError` naming the argument, never a `TypeError` from deep inside, nor minutes of work or
 * gigabytes of memory for a horizon nobody plans.
 */
import { ColumnResult, type EvaluateColumns } from '../core/columns.js';
import { type EpochDay, MAX_EPOCH_DAY, MS_PER_DAY, parseDate } from '../time/dates.js';
import { parseInstant } from '../time/instant.js';
import { isPlainObject } from '../core/records.js';
import { InputError, type Issue } from '../errors/errors.js';
import { type CapacityShare, capacityShareIssues, parsePolicy, type Policy } from '../schema/policy.js';
import { DEFAULT_FLEX_DAYS, MAX_FLEX_DAYS, MAX_PLAN_DAYS } from './limits.js';
import type { PlanOptions } from './types.js';

export { DEFAULT_FLEX_DAYS, MAX_FLEX_DAYS, MAX_PLAN_DAYS } from './limits.js';

/** `plan`'s arguments once checked. */
export interface PlanSettings {
  readonly policy: Policy;
  readonly items: readonly unknown[] | EvaluateColumns;
  readonly owners: readonly unknown[];
  /** The given first day, or undefined when only `now` was given. */
  readonly from: EpochDay | undefined;
  /** `now` in epoch milliseconds, or undefined when it was not given. */
  readonly now: number | undefined;
  readonly days: number;
  readonly defaultFlex: number;
  readonly shares: readonly CapacityShare[];
}

/** Whether a value is a columnar result of `evaluateColumns` (the planner reads its arrays and row accessors). */
function isColumns(value: unknown): value is EvaluateColumns {
  if (typeof value !== 'object' || value === null) return false;
  const columns = value as Partial<EvaluateColumns>;
  return (
    Number.isSafeInteger(columns.size) &&
    columns.status instanceof Uint8Array &&
    columns.dueDay instanceof Int32Array &&
    (columns instanceof ColumnResult || columns.pausedDay instanceof Int32Array) &&
    typeof columns.reason === 'function' &&
    typeof columns.contactId === 'function'
  );
}

function fail(argument: string, code: string, message: string): never {
  throw new InputError(`plan: ${argument} ${message}`, [{ code, path: [argument], message }]);
}

/** Checks `plan`'s options, throwing an `InputError` naming the first bad argument. */
export function checkPlanOptions(options: PlanOptions): PlanSettings {
  if (!isPlainObject(options))
    throw new InputError('plan: options must be an object', [{ code: 'invalid_type', path: [], message: 'an object' }]);
  const { items, owners } = options as Partial<PlanOptions>;
  if (!Array.isArray(items) && !isColumns(items))
    fail('items', 'invalid_type', 'must be an array of due items (from evaluate) or the result of evaluateColumns');
  if (!Array.isArray(owners)) fail('owners', 'invalid_type', 'must be an array of owners');
  const from = typeof options.from === 'string' ? parseDate(options.from) : undefined;
  if (options.from !== undefined && from === undefined) fail('from', 'invalid_date', 'must be a YYYY-MM-DD date');
  // A date alone is not an instant: `now` says when, so that each rep's own date can be read from it.
  const now = options.now === undefined ? undefined : parseInstant(options.now);
  if (options.now !== undefined && now === undefined)
    fail('now', 'invalid_date', 'must be an instant: an ISO 8601 string with an offset or Z, epoch milliseconds or a Date');
  if (from === undefined && now === undefined) fail('from', 'invalid_type', 'must be a YYYY-MM-DD date (or give now)');
  const days = options.days;
  if (!Number.isInteger(days) || days < 1 || days > MAX_PLAN_DAYS) {
    fail('days', days > MAX_PLAN_DAYS ? 'too_big' : 'too_small', `must be a whole number from 1 to ${MAX_PLAN_DAYS}`);
  }
  // The latest a rep can start: `from`, or the day after now's UTC date (no zone is a day ahead of it).
  const latestStart = Math.max(from ?? -Infinity, now === undefined ? -Infinity : Math.floor(now / MS_PER_DAY) + 1);
  if (latestStart + days - 1 > MAX_EPOCH_DAY) fail('days', 'too_big', 'must end the horizon by 9999-12-31');
  const defaultFlex = options.flexDays ?? DEFAULT_FLEX_DAYS;
  if (!Number.isInteger(defaultFlex) || defaultFlex < 0 || defaultFlex > MAX_FLEX_DAYS) {
    fail('flexDays', defaultFlex > MAX_FLEX_DAYS ? 'too_big' : 'too_small', `must be a whole number from 0 to ${MAX_FLEX_DAYS}`);
  }
  const policy = parsePolicy(options.policy);
  const tooFlexible: Issue[] = [];
  policy.tiers.forEach((tier, tierIndex) => {
    tier.cycles.forEach((cycle, cycleIndex) => {
      if (cycle.flexDays !== undefined && cycle.flexDays > MAX_FLEX_DAYS) {
        tooFlexible.push({
          code: 'too_big',
          path: ['policy', 'tiers', tierIndex, 'cycles', cycleIndex, 'flexDays'],
          message: `at most ${MAX_FLEX_DAYS}`,
        });
      }
    });
  });
  if (tooFlexible.length > 0) throw new InputError(`plan: a cycle's flexDays is more than ${MAX_FLEX_DAYS}`, tooFlexible);
  // The policy's own shares were checked by parsePolicy; a `shares` option meets the same rules.
  if (options.shares !== undefined) {
    const problems = capacityShareIssues(options.shares, new Set(policy.tiers.map((tier) => tier.id)));
    if (problems.length > 0) {
      throw new InputError(
        `plan: invalid shares: ${problems.map((issue) => `${['shares', ...issue.path].join('.')}: ${issue.message}`).join('; ')}`,
        problems.map((issue) => ({ ...issue, path: ['shares', ...issue.path] })),
      );
    }
  }
  return {
    policy,
    items: items as readonly unknown[] | EvaluateColumns,
    owners: owners as readonly unknown[],
    from,
    now,
    days,
    defaultFlex,
    shares: options.shares ?? policy.shares ?? [],
  };
}

/** Checks `callList`'s arguments, throwing an `InputError` naming the first bad one. */
export function checkCallListArguments(result: unknown, ownerId: unknown, date: unknown): void {
  if (!isPlainObject(result) || !Array.isArray(result.owners)) badCallList('plan', 'must be a plan returned by plan()');
  if (!((typeof ownerId === 'string' && ownerId !== '') || Number.isSafeInteger(ownerId))) badCallList('ownerId', 'must be an owner id');
  if (typeof date !== 'string' || parseDate(date) === undefined) badCallList('date', 'must be a YYYY-MM-DD date');
}

function badCallList(argument: string, message: string): never {
  throw new InputError(`callList: ${argument} ${message}`, [{ code: 'invalid_type', path: [argument], message }]);
}
