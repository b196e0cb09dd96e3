/**
 * `calling-cycle/salesforce`: Salesforce records (REST/SOQL, or a warehouse export of them) in,
 * contacts, touches and owners for the engine out; a plan back out as Task payloads.
 * docs/adapters/salesforce.md has the field mapping table.
 */
export { fromSalesforce } from './read.js';
export { DEFAULT_KEY_FIELD, DEFAULT_DATE_ONLY_TIME } from './options.js';
export type { FromSalesforceOptions, SalesforceRecords, SalesforceCollection } from './types.js';
export { toSalesforceTasks } from './write.js';
export type { SalesforceTask, SalesforceTaskSource, ToSalesforceTasksOptions } from './write.js';
export { DEFAULT_DISPOSITIONS, dispositionOutcome } from './dispositions.js';
export { SALESFORCE_SKIP_REASONS } from './ledger.js';
export type { SalesforceSkipReason } from './ledger.js';
export { canonicalId, warehouseColumn } from './fields.js';
export type { SalesforceSource } from './fields.js';
export { parseTaskKey, taskKey, touchShapeForCycle } from '../shared/index.js';
export type {
  AdapterError,
  AdapterErrorCode,
  AdapterOwner,
  AdapterResult,
  AdapterWarning,
  SkippedRecord,
  TaskKeyParts,
} from '../shared/index.js';
