/** Shapes and helpers every adapter shares; each adapter re-exports what its users need. */
export type { AdapterError, AdapterErrorCode, AdapterOwner, AdapterResult, AdapterWarning, SkippedRecord } from './types.js';
export { parseTaskKey, taskKey } from './keys.js';
export type { TaskKeyParts } from './keys.js';
export { touchShapeForCycle } from './cycle-touch.js';
export type { CycleTouchShape } from './cycle-touch.js';
export { plannedRows } from './planned.js';
export { FirstSeen, isNested, isPlainRecord, ownValue, unreadable, valueAtPath } from './values.js';
export type { PlannedRow, PlannedSelection } from './planned.js';
