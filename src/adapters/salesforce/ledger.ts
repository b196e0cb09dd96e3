/**
 * The account of what happened to each input record: mapped, skipped for a named reason, or an
 * error. Every record passes through here exactly once, so `read = mapped + skipped + errors`
 * holds per collection by construction.
 */
import type { AdapterError, AdapterErrorCode, AdapterResult, AdapterWarning, SkippedRecord } from '../shared/types.js';

/**
 * The collections `fromSalesforce` reads, named as `records` names them.
 *
 * @example
 * for (const name of COLLECTIONS) console.log(name, result.counts[name]);
 */
export const COLLECTIONS = [
  'users',
  'contacts',
  'leads',
  'opportunities',
  'opportunityContactRoles',
  'tasks',
  'taskWhoRelations',
  'events',
  'eventWhoRelations',
] as const;

export type Collection = (typeof COLLECTIONS)[number];

/**
 * Why `fromSalesforce` leaves a record out on purpose; docs/adapters/salesforce.md says, for
 * each, which option (if any) changes it.
 *
 * @example
 * const reason: SalesforceSkipReason = 'open-task'; // SALESFORCE_SKIP_REASONS.includes(reason)
 */
export const SALESFORCE_SKIP_REASONS = [
  'open-task',
  'recurring-series',
  'not-a-touch-type',
  'list-email',
  'internal-call',
  'invitee-copy',
  'future-event',
  'no-contact',
  'contact-not-mapped',
  'activity-not-mapped',
  'activity-not-in-records',
  'converted-lead',
  'deleted',
  'history-row',
  'duplicate-id',
  'open-opportunity',
  'lost-opportunity',
  'no-contact-role',
  'opportunity-not-won',
  'opportunity-not-in-records',
] as const;

export type SalesforceSkipReason = (typeof SALESFORCE_SKIP_REASONS)[number];

/**
 * Where a record sits: its collection, its position there, and its own id when it has one.
 *
 * @example
 * const ref: RecordRef = { collection: 'tasks', index: 3, id: '00T…' };
 */
export interface RecordRef {
  collection: Collection;
  index: number;
  id?: string;
}

/**
 * Counts and lists each record's fate as it is decided.
 *
 * @example
 * const ledger = new Ledger();
 * ledger.read('tasks');
 * ledger.skip({ collection: 'tasks', index: 0 }, 'open-task');
 */
export class Ledger {
  readonly errors: AdapterError[] = [];
  readonly skipped: SkippedRecord[] = [];
  readonly warnings: AdapterWarning[] = [];
  readonly counts: AdapterResult['counts'] = {};

  constructor() {
    for (const collection of COLLECTIONS) this.counts[collection] = { read: 0, mapped: 0, skipped: 0, errors: 0 };
  }

  read(collection: Collection): undefined {
    this.counts[collection]!.read++;
  }

  mapped(ref: RecordRef): undefined {
    this.counts[ref.collection]!.mapped++;
  }

  skip(ref: RecordRef, reason: SalesforceSkipReason): undefined {
    this.counts[ref.collection]!.skipped++;
    const entry: SkippedRecord = { source: ref.collection, index: ref.index, reason };
    if (ref.id !== undefined) entry.id = ref.id;
    this.skipped.push(entry);
  }

  /** A key of `records` that names no collection: one record read under that key, in error. */
  unknownCollection(key: string, message: string): undefined {
    this.counts[key] = { read: 1, mapped: 0, skipped: 0, errors: 1 };
    this.errors.push({ code: 'unknown-collection', source: key, index: 0, path: [key], message });
  }

  error(ref: RecordRef, code: AdapterErrorCode, path: (string | number)[], message: string): undefined {
    this.counts[ref.collection]!.errors++;
    const entry: AdapterError = { code, source: ref.collection, index: ref.index, path, message };
    if (ref.id !== undefined) entry.id = ref.id;
    this.errors.push(entry);
  }
}
