/**
 * `calling-cycle/pipedrive`: Pipedrive API v1/v2 records in (persons, users, activities, deals),
 * activity create payloads out. See docs/adapters/pipedrive.md for the field mapping.
 */
export { fromPipedrive } from './read.js';
export { DEFAULT_ACTIVITY_TYPES, CALL_LOG_OUTCOMES } from './activities.js';
export { toPipedriveActivities, matchPipedriveActivities } from './write.js';
export { parseTaskKey, taskKey, touchShapeForCycle } from '../shared/index.js';
export type { AdapterError, AdapterErrorCode, AdapterOwner, AdapterResult, AdapterWarning, SkippedRecord, TaskKeyParts, CycleTouchShape } from '../shared/index.js';
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
