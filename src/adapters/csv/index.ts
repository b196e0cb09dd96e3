/**
 * calling-cycle/csv: contacts, touches and owners in from CSV text through a column mapping; due
 * items and call lists out as CSV a spreadsheet opens safely. docs/adapters/csv.md has the columns.
 */
export { fromCsv, fromCsvStream } from './read.js';
export type {
  CsvContactColumns,
  CsvError,
  CsvInput,
  CsvMapping,
  CsvOrigin,
  CsvOwnerColumns,
  CsvProblem,
  CsvResult,
  CsvSkipped,
  CsvSources,
  CsvStreamSources,
  CsvTouchColumns,
  FromCsvOptions,
} from './types.js';
export { CALL_LIST_COLUMNS, callListRows, callListToCsv, ITEM_COLUMNS, itemsToCsv } from './write.js';
export type {
  CallListColumn,
  CallListRow,
  CallListSelection,
  CallListToCsvOptions,
  CsvWriteOptions,
  ItemColumn,
  ItemsToCsvOptions,
} from './write.js';
export { parseTaskKey, taskKey, touchShapeForCycle } from '../shared/index.js';
export type { AdapterError, AdapterErrorCode, AdapterOwner, AdapterResult, AdapterWarning, SkippedRecord, TaskKeyParts } from '../shared/index.js';
