/**
 * `fromSalesforce`: Contacts, Leads, Users, Tasks, Events and won Opportunities, as the REST/SOQL
 * API or a warehouse export returns them, to the engine's contacts, touches and owners.
 *
 * The order matters: owners first (their zones place date-only activities), then people, then
 * the opportunities that give people their `closedWon` date, then the activities that become
 * touches of those people. docs/adapters/salesforce.md has the field mapping table.
 */
import { InputError } from '../../errors/errors.js';
import type { AdapterResult } from '../shared/types.js';
import { unknownCollectionMessage, unknownCollections } from '../shared/values.js';
import { ActivityReader } from './activities.js';
import { ActivityShaper } from './activity-shape.js';
import { asArray, RecordChecks } from './checks.js';
import { Directory } from './directory.js';
import { FieldReader, isRecord } from './fields.js';
import { COLLECTIONS, Ledger } from './ledger.js';
import { OpportunityReader } from './opportunities.js';
import { checkOptions } from './options.js';
import type { FromSalesforceOptions, SalesforceRecords } from './types.js';

export type { FromSalesforceOptions, SalesforceCollection, SalesforceRecords } from './types.js';

/**
 * Maps Salesforce records to contacts, touches and owners. Every input record is mapped, skipped
 * for a named reason, or reported as an error with a `code`; nothing throws on a bad record and
 * the input is not changed. Only a call that cannot mean anything throws an `InputError`:
 * `records` not an object, a collection that is neither a list nor a query response, or a wrong
 * option (`timeZone`, `dateOnlyTime`, `now`, `source`, `dailyCapacity`).
 *
 * @example
 * const { contacts, touches, owners, errors, skipped } = fromSalesforce(
 *   { contacts: contactQuery.records, users: userQuery.records, tasks: taskQuery.records },
 *   { policy },
 * );
 * const { items } = evaluate({ policy, contacts, touches, owners, now: new Date().toISOString() });
 */
export function fromSalesforce(records: SalesforceRecords, options: FromSalesforceOptions = {}): AdapterResult {
  if (!isRecord(records)) {
    const message = 'fromSalesforce: records must be an object of collections ({ contacts, users, tasks, … })';
    throw new InputError(message, [{ code: 'invalid_type', path: [], message }]);
  }
  const checked = options ?? {};
  checkOptions(checked);
  return read(records, checked);
}

function read(records: SalesforceRecords, options: FromSalesforceOptions): AdapterResult {
  const ledger = new Ledger();
  for (const entry of unknownCollections(records, COLLECTIONS)) {
    // A misspelt collection (`Contacts`, `task`) would read as nothing: it is reported instead.
    if ((records as Record<string, unknown>)[entry.key] !== undefined)
      ledger.unknownCollection(entry.key, unknownCollectionMessage('fromSalesforce', entry, COLLECTIONS));
  }
  const checks = new RecordChecks(ledger, new FieldReader(options.source ?? 'api'));
  const directory = new Directory(checks, options);
  for (const [index, record] of asArray(records.users, 'users').entries()) directory.readUser(record, index);
  for (const [index, record] of asArray(records.contacts, 'contacts').entries()) directory.readPerson('contacts', record, index);
  for (const [index, record] of asArray(records.leads, 'leads').entries()) directory.readPerson('leads', record, index);
  directory.warnFieldsNeverSet();
  new OpportunityReader(records, checks, directory, options.wonEvent ?? 'closedWon').read();
  const shaper = new ActivityShaper(checks, options);
  const activities = new ActivityReader(records, checks, directory, options);
  activities.read('tasks', 'taskWhoRelations', 'TaskWhoRelations', 'TaskId', (record, ref) => shaper.taskTouch(record, ref));
  activities.read('events', 'eventWhoRelations', 'EventWhoRelations', 'EventId', (record, ref) => shaper.eventTouch(record, ref));
  return {
    contacts: directory.contacts(),
    touches: activities.touches,
    owners: [...directory.owners.values()],
    errors: ledger.errors,
    skipped: ledger.skipped,
    warnings: ledger.warnings,
    counts: ledger.counts,
  };
}
