/**
 * `calling-cycle/salesforce`: Salesforce records (REST/SOQL, or a warehouse export of them) in,
 * contacts, touches and owners for the engine out; a plan back out as Task payloads.
 * docs/adapters/salesforce.md has the field mapping table.
 */

export type { AdapterError, AdapterErrorCode, AdapterResult, SkippedRecord, TaskKeyParts } from '../shared/index.js';
export { parseTaskKey, taskKey, touchShapeForCycle } from '../shared/index.js';
export { DEFAULT_DISPOSITIONS, dispositionOutcome } from './dispositions.js';
export type { SalesforceSource } from './fields.js';
export { canonicalId, warehouseColumn } from './fields.js';
export type { SalesforceSkipReason } from './ledger.js';
export { SALESFORCE_SKIP_REASONS } from './ledger.js';
export { DEFAULT_DATE_ONLY_TIME, DEFAULT_KEY_FIELD } from './options.js';
export type { FromSalesforceOptions, SalesforceCollection, SalesforceRecords } from './read.js';
export { fromSalesforce } from './read.js';
export type { SalesforceTask, SalesforceTaskSource, ToSalesforceTasksOptions } from './write.js';
export { toSalesforceTasks } from './write.js';
