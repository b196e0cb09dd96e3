/**
 * calling-cycle/hubspot: HubSpot CRM v3 records in (`fromHubSpot`), task upsert inputs out
 * (`toHubSpotTasks`). Plain objects both ways: no HubSpot SDK is needed or loaded.
 */
export { fromHubSpot } from './read.js';
export { DEFAULT_KEY_PROPERTY } from './activities.js';
export type { HubSpotSkipReason } from './ledger.js';
export {
  toHubSpotTasks,
  hubSpotUpsertRequest,
  hubSpotCreateRequest,
  hubSpotAssociationRequest,
  hubSpotArchiveRequest,
  TASK_TO_CONTACT_ASSOCIATION_TYPE_ID,
} from './write.js';
export type { ToHubSpotTasksOptions, HubSpotTaskInput, HubSpotTaskAssociation, HubSpotTaskPriority } from './write.js';
export { hubSpotTimeZone } from './zones.js';
export { HUBSPOT_CALL_DISPOSITIONS } from './values.js';
export type {
  FromHubSpotOptions,
  HubSpotRecords,
  HubSpotObject,
  HubSpotOwner,
  HubSpotAssociatedId,
  HubSpotV4AssociatedId,
  HubSpotCollection,
  HubSpotList,
  OwnerSettings,
} from './types.js';
export { parseTaskKey, taskKey, touchShapeForCycle } from '../shared/index.js';
export type {
  AdapterError,
  AdapterErrorCode,
  AdapterOwner,
  AdapterResult,
  AdapterWarning,
  SkippedRecord,
  TaskKeyParts,
  CycleTouchShape,
} from '../shared/index.js';
