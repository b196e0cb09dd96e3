/**
 * The shapes `fromSalesforce` reads: the records (each collection a list or a query response) and
 * the options. They sit below every file of this folder, so those files import them from here
 * rather than from read.ts, which imports them all (no import ring).
 */
import type { InstantInput, Outcome } from '../../core/types.js';
import type { Policy } from '../../schema/policy.js';
import type { SalesforceSource } from './fields.js';

/**
 * A collection as an array of records, or a whole query response (`{ totalSize, done, records }`).
 *
 * @example
 * const tasks: SalesforceCollection = await (await fetch(queryUrl, { headers })).json();
 */
export type SalesforceCollection = readonly unknown[] | { readonly records: readonly unknown[] };

/**
 * The records to read, keyed like the API's objects. Each holds records as the API returns them
 * (`{ attributes: { type, url }, Id, … }`) or, with `source: 'warehouse'`, rows of a warehouse
 * export (`{ id, who_id, … }`).
 *
 * @example
 * const records: SalesforceRecords = { users: users.records, contacts: contacts.records, tasks: tasks.records };
 */
export interface SalesforceRecords {
  contacts?: SalesforceCollection;
  leads?: SalesforceCollection;
  users?: SalesforceCollection;
  tasks?: SalesforceCollection;
  events?: SalesforceCollection;
  opportunities?: SalesforceCollection;
  /** OpportunityContactRole records; they may also come nested in each Opportunity's `OpportunityContactRoles`. */
  opportunityContactRoles?: SalesforceCollection;
  /** TaskWhoRelation records (Shared Activities); they may also come nested in each Task's `TaskWhoRelations`. */
  taskWhoRelations?: SalesforceCollection;
  /** EventWhoRelation records; they may also come nested in each Event's `EventWhoRelations`. */
  eventWhoRelations?: SalesforceCollection;
}

/**
 * How `fromSalesforce` reads; docs/adapters/salesforce.md has the table.
 *
 * @example
 * const options: FromSalesforceOptions = { policy, now, purposeField: 'Purpose__c', dailyCapacity: 20 };
 */
export interface FromSalesforceOptions {
  /** `'api'` (default): REST/SOQL records. `'warehouse'`: snake_case rows, timestamps without offset in UTC. */
  source?: SalesforceSource;
  /**
   * The policy the touches are for. With it, a completed task that carries an idempotency key
   * (written by `toSalesforceTasks`) counts for the cycle it was planned for, and its zone is the
   * last fallback for date-only activities.
   */
  policy?: Policy;
  /** External-id field holding the idempotency key. Default `Calling_Cycle_Key__c`. */
  keyField?: string;
  /** Call results (`CallDisposition`) → outcome, consulted before the built-in map; keys compare case-insensitively. */
  dispositions?: Readonly<Record<string, Outcome>>;
  /** Task/Event field holding the purpose (`Purpose__c`); its value is lower-cased unless `purposes` maps it. */
  purposeField?: string;
  /** Values of `purposeField` → purpose (`{ 'QBR': 'review' }`); keys compare case-insensitively. */
  purposes?: Readonly<Record<string, string>>;
  /** Purpose of activities that have none. */
  defaultPurpose?: string;
  /** Contact/Lead field holding the person's IANA zone (Salesforce has no standard one). Else the owner's applies. */
  timeZoneField?: string;
  /** Contact/Lead field holding an explicit tier id. */
  tierField?: string;
  /**
   * Contact/Lead fields copied into `attributes` for tier rules: a list of field names (kept as
   * they are), or attribute name → field name (`{ annualRevenue: 'Annual_Revenue__c' }`).
   */
  attributeFields?: readonly string[] | Readonly<Record<string, string>>;
  /** Local time (`HH:MM`) of an activity that has only a date, in the contact's zone. Default `12:00`. */
  dateOnlyTime?: string;
  /** Zone for date-only activities when neither the contact nor its owner has one. Default: the policy's, else UTC. */
  timeZone?: string;
  /** Events that start after this instant are planned, not held: skipped (`future-event`). Without it they are passed on. */
  now?: InstantInput;
  /** Map converted Leads too (default: skipped, their Contact carries on). */
  includeConvertedLeads?: boolean;
  /** Map completed to-dos that are not calls, emails or meetings (channel `other`). */
  includeOtherTasks?: boolean;
  /** Map list (mass) emails as email touches. */
  includeListEmails?: boolean;
  /** Map internal calls (`CallType` `Internal`, a call between colleagues). */
  includeInternalCalls?: boolean;
  /** Name of the contact event a won opportunity sets. Default `closedWon`. */
  wonEvent?: string;
  /** Daily capacity of every owner, unless `capacityField` gives one. */
  dailyCapacity?: number;
  /** User field holding the rep's daily call capacity. */
  capacityField?: string;
  /** Policy calendar the owners work by: one for all, or one per `TimeZoneSidKey` (`{ 'Europe/London': 'uk' }`). */
  calendar?: string | Readonly<Record<string, string>>;
}
