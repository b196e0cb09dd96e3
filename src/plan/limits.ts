/**
 * The planner's bounds, apart from its option checks: the command line's help names them without
 * loading the planner.
 */

/**
 * Default `flexDays`: a touch may be made up to 3 days before it is due.
 *
 * @example
 * plan({ policy, items, owners, from: '2026-11-30', days: 5, flexDays: DEFAULT_FLEX_DAYS + 2 });
 */
export const DEFAULT_FLEX_DAYS = 3;

/**
 * The longest horizon `plan` takes, in days: ten years. Work grows with the horizon (the
 * needed-capacity search reruns the day loop), and nobody assigns calls a decade ahead.
 *
 * @example
 * const days = Math.min(requestedDays, MAX_PLAN_DAYS);
 */
export const MAX_PLAN_DAYS = 3660;

/**
 * The largest `flexDays` (plan option or cycle): a year. A touch made more than a year early is not "early".
 *
 * @example
 * const flexDays = Math.min(requestedFlex, MAX_FLEX_DAYS);
 */
export const MAX_FLEX_DAYS = 366;
