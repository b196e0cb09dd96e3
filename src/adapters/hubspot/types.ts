/**
 * The HubSpot shapes the adapter reads and writes, as the CRM v3 APIs publish them: objects are
 * `{ id, properties, associations?, createdAt, updatedAt, archived }` with every property value a
 * string (or null when unset); owners come from the owners API.
 */
import type { Channel, Direction, Policy } from '../../schema/policy.js';
import type { InstantInput, Outcome, Owner, Purpose } from '../../core/types.js';

/**
 * One associated record, as `associations.<type>.results[]` lists it.
 *
 * @example
 * { id: '101', type: 'call_to_contact' }
 */
export interface HubSpotAssociatedId {
  id: string | number;
  /** `call_to_contact`, `task_to_contact`, or a label's own type. */
  type?: string;
}

/**
 * One associated record as the v4 associations API lists it.
 *
 * @example
 * { toObjectId: 101, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 194, label: null }] }
 */
export interface HubSpotV4AssociatedId {
  toObjectId: string | number;
  associationTypes?: readonly { category?: string; typeId?: number; label?: string | null }[];
}

/**
 * A CRM object (contact, call, meeting, email, task, deal) as `GET /crm/v3/objects/<type>` returns it.
 *
 * @example
 * { id: '9001', properties: { hs_timestamp: '2026-11-02T14:30:00Z', hs_call_status: 'COMPLETED' },
 *   associations: { contacts: { results: [{ id: '101', type: 'call_to_contact' }] } }, archived: false }
 */
export interface HubSpotObject {
  id: string | number;
  properties: Record<string, string | null | undefined>;
  /** Present when the request asked for them, e.g. `?associations=contacts`. */
  associations?: Record<
    string,
    | { results: readonly (HubSpotAssociatedId | HubSpotV4AssociatedId)[] }
    | readonly (HubSpotAssociatedId | HubSpotV4AssociatedId)[]
    | undefined
  >;
  createdAt?: string | Date;
  updatedAt?: string | Date;
  archived?: boolean;
  archivedAt?: string | Date;
}

/**
 * An owner as `GET /crm/v3/owners` returns it.
 *
 * @example
 * { id: '64492917', email: 'maria@example.com', firstName: 'Maria', lastName: 'Lopez', userId: 9586504, archived: false }
 */
export interface HubSpotOwner {
  id: string | number;
  email?: string;
  firstName?: string;
  lastName?: string;
  userId?: number;
  teams?: readonly { id: string; name?: string; primary?: boolean }[];
  archived?: boolean;
  createdAt?: string | Date;
  updatedAt?: string | Date;
}

/**
 * A collection: the records, or a whole list page as the API returns it (`{ results, paging }`).
 *
 * @example
 * const calls: HubSpotList<HubSpotObject> = await (await fetch(callsUrl, { headers })).json();
 */
export type HubSpotList<T> = readonly T[] | { readonly results: readonly T[]; readonly paging?: unknown };

/**
 * What `fromHubSpot` reads, keyed by the API's plural object names; every collection is optional.
 *
 * @example
 * const records: HubSpotRecords = { contacts: contactPage.results, owners: ownerPage.results, calls: callPage };
 */
export interface HubSpotRecords {
  contacts?: HubSpotList<HubSpotObject>;
  owners?: HubSpotList<HubSpotOwner>;
  calls?: HubSpotList<HubSpotObject>;
  meetings?: HubSpotList<HubSpotObject>;
  emails?: HubSpotList<HubSpotObject>;
  tasks?: HubSpotList<HubSpotObject>;
  deals?: HubSpotList<HubSpotObject>;
}

/**
 * The collections `fromHubSpot` reads, in the order it reads them.
 *
 * @example
 * const collection: HubSpotCollection = 'calls'; // result.counts[collection]
 */
export type HubSpotCollection = 'contacts' | 'owners' | 'calls' | 'meetings' | 'emails' | 'tasks' | 'deals';

/**
 * What HubSpot does not know about a rep: their zone, calendar and daily capacity.
 *
 * @example
 * const maria: OwnerSettings = { timeZone: 'Europe/London', calendar: 'uk', dailyCapacity: 20 };
 */
export type OwnerSettings = Partial<Omit<Owner, 'id'>>;

/**
 * Options of `fromHubSpot`; every one has a default, listed in docs/adapters/hubspot.md.
 *
 * @example
 * fromHubSpot(records, { policy, attributes: ['annualrevenue'], doNotContactProperties: ['do_not_call'] });
 */
export interface FromHubSpotOptions {
  /**
   * The policy: a completed task that carries a calling-cycle key becomes a touch shaped to count
   * for the cycle it was planned for (`touchShapeForCycle`). Without it the task's type decides.
   */
  policy?: Policy;
  /** The task property holding the idempotency key `toHubSpotTasks` writes. Default `calling_cycle_key`. */
  keyProperty?: string;
  /**
   * Contact properties copied into `attributes` (for tier rules): a list of property names, or a
   * map from property name to attribute name. Numeric strings become numbers. Default: none.
   */
  attributes?: readonly string[] | Readonly<Record<string, string>>;
  /** A contact property holding the tier id (an explicit tier wins over the policy's rules). Default: none. */
  tierProperty?: string;
  /**
   * Contact properties that, when true (`true`, `yes`, `1`), mean do not contact. Default: none.
   * HubSpot's `hs_email_optout` is deliberately not read by default: it is an email unsubscribe,
   * not a request to stop calls from the account's rep.
   */
  doNotContactProperties?: readonly string[];
  /** Per HubSpot owner id: the zone, calendar and capacity HubSpot does not hold. */
  owners?: Readonly<Record<string, OwnerSettings>>;
  /** Settings for every owner not listed in `owners`. */
  ownerDefaults?: OwnerSettings;
  /** The portal's own call outcomes: `hs_call_disposition` GUID → outcome. Adds to (and overrides) the built-in ones. */
  dispositions?: Readonly<Record<string, Outcome>>;
  /**
   * The channel of a completed task per `hs_task_type`, over the defaults (CALL → call, EMAIL →
   * email, LINKED_IN_* → message, TODO → not a touch); `null` makes a type not a touch.
   * E.g. `{ TODO: 'other' }` counts completed to-dos.
   */
  taskChannels?: Readonly<Record<string, Channel | null>>;
  /** An activity property holding the touch's purpose (e.g. `hs_activity_type` or a custom one). Default: none. */
  purposeProperty?: string;
  /** Values of `purposeProperty` → purpose; values not listed are used as they are. */
  purposes?: Readonly<Record<string, Purpose>>;
  /**
   * Meetings still marked SCHEDULED (or with no outcome) that started before this instant count as
   * held. Default: none (only COMPLETED meetings are touches).
   */
  countScheduledMeetingsBefore?: InstantInput;
  /** Direction of an email forwarded into HubSpot (`FORWARDED_EMAIL`). Default `inbound`. */
  forwardedEmailDirection?: Direction;
  /** Deal stages that mean won, besides `closedwon` and `hs_is_closed_won = true`. */
  wonStages?: readonly string[];
  /** The contact event a won deal's close date becomes. Default `closedWon`. */
  closedWonEvent?: string;
  /**
   * Map archived contacts, activities and deals too. Default false: they are skipped. Archived
   * owners are always kept, marked `active: false`, so their contacts still plan.
   */
  includeArchived?: boolean;
}
