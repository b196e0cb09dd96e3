/**
 * The account of what happened to each HubSpot record: mapped, skipped for a reason an option can
 * change, or one error. Every record passes through here once, so `read = mapped + skipped +
 * errors` holds per collection.
 */
import type { AdapterError, AdapterErrorCode, AdapterResult, AdapterWarning, SkippedRecord } from '../shared/types.js';
import type { HubSpotCollection } from './types.js';

/**
 * The collections `fromHubSpot` reads, in the order it reads them.
 *
 * @example
 * for (const name of COLLECTIONS) console.log(name, result.counts[name]);
 */
export const COLLECTIONS: readonly HubSpotCollection[] = ['contacts', 'owners', 'calls', 'meetings', 'emails', 'tasks', 'deals'];

/**
 * Why a record was skipped; docs/adapters/hubspot.md lists the option that changes each.
 *
 * @example
 * const open = result.skipped.filter((skip) => (skip.reason as HubSpotSkipReason) === 'open-task');
 */
export type HubSpotSkipReason =
  | 'archived'
  | 'duplicate-id'
  | 'contact-not-in-book'
  | 'contact-not-mapped'
  | 'call-not-completed'
  | 'meeting-not-completed'
  | 'meeting-not-held'
  | 'email-not-sent'
  | 'open-task'
  | 'not-a-touch-type'
  | 'deal-not-won';

/**
 * One thing wrong with a record: the code and field path of an error entry, and a message naming the record.
 *
 * @example
 * const problem: Problem = { code: 'missing-id', path: ['id'], message: 'calls[3] has no id' };
 */
export interface Problem {
  code: AdapterErrorCode;
  path: (string | number)[];
  message: string;
}

/**
 * Counts, errors and skips, kept so that read = mapped + skipped + errors per collection.
 *
 * @example
 * const ledger = new Ledger();
 * ledger.open('calls', 2);
 * ledger.skip('calls', 0, '101', 'call-not-completed');
 * ledger.mapped('calls');
 */
export class Ledger {
  readonly counts: AdapterResult['counts'] = {};
  readonly errors: AdapterError[] = [];
  readonly skipped: SkippedRecord[] = [];
  readonly warnings: AdapterWarning[] = [];

  open(source: HubSpotCollection, read: number): void {
    this.counts[source] = { read, mapped: 0, skipped: 0, errors: 0 };
  }

  mapped(source: HubSpotCollection): void {
    this.counts[source]!.mapped++;
  }

  skip(source: HubSpotCollection, index: number, id: string | undefined, reason: HubSpotSkipReason): void {
    this.counts[source]!.skipped++;
    this.skipped.push(id === undefined ? { source, index, reason } : { source, index, id, reason });
  }

  /**
   * A key of the records object that names no collection (`Contacts`, `call`): counted as one
   * record read and in error, so it shows in `counts` and `errors` instead of reading as nothing.
   */
  unknownCollection(key: string, message: string): void {
    this.counts[key] = { read: 1, mapped: 0, skipped: 0, errors: 1 };
    this.errors.push({ code: 'unknown-collection', source: key, index: 0, path: [key], message });
  }

  /** One error per record: the first problem's code and path, every problem in the message. */
  fail(source: HubSpotCollection, index: number, id: string | undefined, problems: readonly Problem[]): void {
    const first = problems[0]!;
    this.counts[source]!.errors++;
    const message = problems.map((problem) => problem.message).join('; ');
    const error: AdapterError = { code: first.code, source, index, path: first.path, message };
    if (id !== undefined) error.id = id;
    this.errors.push(error);
  }
}
