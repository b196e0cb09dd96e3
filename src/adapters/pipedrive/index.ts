/**
 * `calling-cycle/pipedrive`: Pipedrive API v1/v2 records in (persons, users, activities, deals),
 * activity create payloads out. See docs/adapters/pipedrive.md for the field mapping.
 */

export type { AdapterError, AdapterErrorCode, AdapterResult, CycleTouchShape, SkippedRecord, TaskKeyParts } from '../shared/index.js';
export { parseTaskKey, taskKey, touchShapeForCycle } from '../shared/index.js';
export { CALL_LOG_OUTCOMES, DEFAULT_ACTIVITY_TYPES, fromPipedrive } from './read.js';
export type {
  ActivityFieldRule,
  DoNotContactRule,
  FromPipedriveOptions,
  OwnerSettings,
  PipedriveActivity,
  PipedriveActivityInput,
  PipedriveActivityPayload,
  PipedriveCollection,
  PipedriveDeal,
  PipedriveIdField,
  PipedriveParticipant,
  PipedriveParticipantPayload,
  PipedrivePerson,
  PipedriveRecords,
  PipedriveSyncPlan,
  PipedriveUser,
  ToPipedriveActivitiesOptions,
} from './types.js';
export { matchPipedriveActivities, toPipedriveActivities } from './write.js';
