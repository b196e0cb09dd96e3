/**
 * calling-cycle: tiers, cadences and touch history in; due dates, overdue lists and reasons out.
 */

export type { ContactBalance } from './core/balance.js';
export type { CodeArray, Coded, ContactColumns, TouchColumns } from './core/column-input.js';
export type { ColumnCycle, EvaluateColumns, EvaluateColumnsOptions } from './core/columns.js';
export { evaluateColumns, NO_DUE_DAY, STATUS_CODES } from './core/columns.js';
export type { EvaluateOptions } from './core/evaluate.js';
export { evaluate } from './core/evaluate.js';
export { explain } from './core/explain.js';
export type { EvaluateStreamOptions, StreamRecord } from './core/stream.js';
export { DEFAULT_CHUNK_SIZE, evaluateStream, MAX_CHUNK_SIZE } from './core/stream.js';
export type { GroupSummary, StatusCounts, Summary } from './core/summarize.js';
export { summarize } from './core/summarize.js';
export type {
  Contact,
  DatedDueItem,
  DatedStatus,
  DueItem,
  DueItemBase,
  EvaluateResult,
  IdInput,
  InstantInput,
  NotCountedTouch,
  Outcome,
  Owner,
  Purpose,
  Reason,
  RecordError,
  RecordErrorCode,
  RecordIssue,
  Snooze,
  Status,
  TierBasis,
  Touch,
  UndatedDueItem,
  UndatedStatus,
} from './core/types.js';
export { RECORD_ERROR_CODES } from './core/types.js';
export type { Issue } from './errors/errors.js';
export { CallingCycleError, InputError, InternalError, isCallingCycleError, PolicyError } from './errors/errors.js';
export type {
  CallListCycle,
  CallListEntry,
  CapacityShare,
  Overflow,
  OwnerPlan,
  Plan,
  PlanDay,
  PlanError,
  PlanErrorCode,
  PlanLoad,
  PlannedTouch,
  PlanOptions,
} from './plan/plan.js';
export { callList, DEFAULT_FLEX_DAYS, MAX_FLEX_DAYS, MAX_PLAN_DAYS, plan } from './plan/plan.js';
export type {
  AnchoredCadence,
  AssignRule,
  Cadence,
  CalendarSpec,
  Channel,
  Counts,
  Cycle,
  Direction,
  MilestoneCadence,
  Policy,
  QuotaCadence,
  RollingCadence,
  SafeParseResult,
  Shift,
  Tier,
} from './schema/policy.js';
export { POLICY_LIMITS, parsePolicy, policySchema, safeParsePolicy } from './schema/policy.js';
export { contactSchema, ownerSchema, snoozeSchema, touchSchema } from './schema/records.js';
export type { OccurrencesOptions } from './time/occurrences.js';
export { occurrences } from './time/occurrences.js';
