/**
 * calling-cycle/hubspot: HubSpot CRM v3 records in (`fromHubSpot`), task upsert inputs out
 * (`toHubSpotTasks`). Plain objects both ways: no HubSpot SDK is needed or loaded.
 */

export type { AdapterError, AdapterErrorCode, AdapterResult, CycleTouchShape, SkippedRecord, TaskKeyParts } from '../shared/index.js';
export { parseTaskKey, taskKey, touchShapeForCycle } from '../shared/index.js';
export { DEFAULT_KEY_PROPERTY } from './activities.js';
export type { HubSpotSkipReason } from './ledger.js';
export { fromHubSpot } from './read.js';
export type {
  FromHubSpotOptions,
  HubSpotAssociatedId,
  HubSpotCollection,
  HubSpotList,
  HubSpotObject,
  HubSpotOwner,
  HubSpotRecords,
  OwnerSettings,
} from './types.js';
export { HUBSPOT_CALL_DISPOSITIONS } from './values.js';
export type { HubSpotTaskAssociation, HubSpotTaskInput, HubSpotTaskPriority, ToHubSpotTasksOptions } from './write.js';
export {
  hubSpotArchiveRequest,
  hubSpotAssociationRequest,
  hubSpotCreateRequest,
  hubSpotUpsertRequest,
  TASK_TO_CONTACT_ASSOCIATION_TYPE_ID,
  toHubSpotTasks,
} from './write.js';
export { hubSpotTimeZone } from './zones.js';
