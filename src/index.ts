/**
 * calling-cycle: tiers, cadences and touch history in; due dates, overdue lists and reasons out.
 */
export { evaluate } from './core/evaluate.js';
export { evaluateColumns, STATUS_CODES, NO_DUE_DAY, ContactIdTable } from './core/columns.js';
export type { EvaluateColumns, EvaluateColumnsOptions, ColumnCycle } from './core/columns.js';
export type { Coded, CodeArray, ContactColumns, TouchColumns } from './core/column-input.js';
export { evaluateStream, DEFAULT_CHUNK_SIZE, MAX_CHUNK_SIZE } from './core/stream.js';
export type { StreamRecord, EvaluateStreamOptions } from './core/stream.js';
export type { EvaluateOptions } from './core/evaluate.js';
export { explain } from './core/explain.js';
export { summarize } from './core/summarize.js';
export type { Summary, GroupSummary, StatusCounts } from './core/summarize.js';
export type { ContactBalance } from './core/balance.js';
export { occurrences } from './time/occurrences.js';
export { plan, callList, DEFAULT_FLEX_DAYS, MAX_PLAN_DAYS, MAX_FLEX_DAYS } from './plan/plan.js';
export type {
  PlanOptions,
  Plan,
  OwnerPlan,
  PlanDay,
  PlannedTouch,
  Overflow,
  PlanLoad,
  PlanError,
  CapacityShare,
  CallListEntry,
  CallListCycle,
  PlanErrorCode,
} from './plan/plan.js';
export type { OccurrencesOptions } from './time/occurrences.js';
export { parsePolicy, safeParsePolicy, POLICY_LIMITS } from './schema/policy.js';
export { RECORD_ERROR_CODES } from './core/types.js';
export type {
  Policy,
  Tier,
  Cycle,
  Cadence,
  RollingCadence,
  AnchoredCadence,
  QuotaCadence,
  MilestoneCadence,
  CalendarSpec,
  Counts,
  AssignRule,
  Shift,
  Channel,
  Direction,
  SafeParseResult,
} from './schema/policy.js';
export type {
  Contact,
  Touch,
  Owner,
  Snooze,
  DueItem,
  DueItemBase,
  DatedDueItem,
  UndatedDueItem,
  DatedStatus,
  UndatedStatus,
  NotCountedTouch,
  Reason,
  RecordError,
  RecordErrorCode,
  RecordIssue,
  IdInput,
  EvaluateResult,
  Status,
  TierBasis,
  InstantInput,
  Outcome,
  Purpose,
} from './core/types.js';
export { CallingCycleError, InputError, PolicyError, InternalError, isCallingCycleError } from './errors/errors.js';
export type { Issue } from './errors/errors.js';
