/**
 * The checks every Salesforce record goes through before its own mapping: an object, not deleted,
 * not an old version of a warehouse row; and the reading of its flags and text fields, a bad flag
 * reported to the ledger.
 */
import { InputError } from '../../errors/errors.js';
import { ILL_FORMED_ID, illFormedIdMessage } from '../shared/ids.js';
import { unreadable, unreadableMessage } from '../shared/values.js';
import { type FieldReader, isRecord, readFlag, readId, type SalesforceRecord } from './fields.js';
import type { Collection, Ledger, RecordRef } from './ledger.js';
import type { SalesforceCollection } from './types.js';

/**
 * A record with where it sits, kept until its fate is known (a relation waits for its activity).
 *
 * @example
 * const relation: RelationRef = { ref: { collection: 'taskWhoRelations', index: 0 }, record };
 */
export interface RelationRef {
  readonly ref: RecordRef;
  readonly record: unknown;
}

/**
 * The records of a collection. A collection that is neither a list nor a query response is a
 * programming error (a whole response passed where its `records` belong, a typo), not a bad
 * record: it throws rather than read as empty.
 *
 * @example
 * asArray({ totalSize: 1, done: true, records: [task] }, 'tasks') // [task]
 */
export function asArray(collection: SalesforceCollection | undefined, name: Collection): readonly unknown[] {
  if (collection === undefined || collection === null) return [];
  if (Array.isArray(collection)) return collection;
  const records = isRecord(collection) ? collection.records : undefined;
  if (Array.isArray(records)) return records;
  const message = `fromSalesforce: records.${name} must be a list of records or a query response { records: [...] }`;
  throw new InputError(message, [{ code: 'invalid_type', path: [name], message }]);
}

/**
 * A subquery result nested in a record (`TaskWhoRelations: { totalSize, done, records }`), or none.
 *
 * @example
 * nested(task.TaskWhoRelations) // the relation records, or [] when the query did not ask for them
 */
export const nested = (value: unknown): readonly unknown[] => {
  if (Array.isArray(value)) return value;
  if (isRecord(value) && Array.isArray(value.records)) return value.records;
  return [];
};

/**
 * A picklist value as compared: trimmed and lower-cased.
 *
 * @example
 * lower(' Outbound ') // 'outbound'
 */
export const lower = (text: string): string => text.trim().toLowerCase();

/**
 * The checks every record goes through, each failure reported to the ledger.
 *
 * @example
 * const checks = new RecordChecks(new Ledger(), new FieldReader('api'));
 * const usable = checks.usable('tasks', task, 0); // undefined when not an object, deleted or a history row
 */
export class RecordChecks {
  constructor(
    readonly ledger: Ledger,
    readonly fields: FieldReader,
  ) {}

  /** The record, or undefined after reporting why it is not one to map (not an object, deleted, a history row). */
  usable(collection: Collection, record: unknown, index: number): { record: SalesforceRecord; ref: RecordRef } | undefined {
    this.ledger.read(collection);
    const ref: RecordRef = { collection, index };
    if (!isRecord(record)) {
      this.ledger.error(ref, 'not-an-object', [], 'is not an object');
      return undefined;
    }
    const id = readId(this.fields.get(record, 'Id'));
    if (id !== undefined && id !== ILL_FORMED_ID) ref.id = id;
    // A record that refers to itself or nests past any query's depth: an error, before anything reads it.
    const unsafe = unreadable(record);
    if (unsafe !== undefined) {
      this.ledger.error(ref, 'bad-value', unsafe.path.slice(0, 1), unreadableMessage(unsafe));
      return undefined;
    }
    const gone = this.gone(record);
    if (gone !== undefined) {
      this.ledger.skip(ref, gone);
      return undefined;
    }
    if (id === ILL_FORMED_ID) {
      this.badId(ref, 'Id');
      return undefined;
    }
    return { record, ref };
  }

  /**
   * Reports an id field holding a lone UTF-16 surrogate: the record's `bad-id` error, worded as
   * fromCsv's (`OwnerId holds a lone UTF-16 surrogate, …`).
   */
  badId(ref: RecordRef, field: string, what: string = field): undefined {
    return this.ledger.error(ref, 'bad-id', [this.fields.name(field)], illFormedIdMessage(what));
  }

  /** Why a record is no longer current (deleted, or an old version of a warehouse row), if it is not. */
  gone(record: SalesforceRecord): 'deleted' | 'history-row' | undefined {
    if (readFlag(this.fields.get(record, 'IsDeleted')) === true) return 'deleted';
    if (this.fields.source !== 'warehouse') return undefined;
    if (readFlag(record._fivetran_deleted) === true) return 'deleted';
    // Fivetran's history mode keeps every version of a row; only the active one is current.
    if (readFlag(record._fivetran_active) === false) return 'history-row';
    return undefined;
  }

  /** A boolean field, or `'bad'` after reporting it. */
  flag(record: SalesforceRecord, ref: RecordRef, field: string): boolean | undefined | 'bad' {
    const value = readFlag(this.fields.get(record, field));
    if (value === 'bad') this.ledger.error(ref, 'bad-value', [this.fields.name(field)], `${field} is not a boolean`);
    return value;
  }

  /** A text field, trimmed; blank reads as absent. */
  text(record: SalesforceRecord, field: string): string | undefined {
    const value = this.fields.get(record, field);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  }
}
