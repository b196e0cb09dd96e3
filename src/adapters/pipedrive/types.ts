/**
 * The Pipedrive records the adapter reads (the `data` items of API v1 and v2 responses) and the
 * payloads it writes. Fields are typed loosely on purpose: v1 and v2 spell the same thing
 * differently (`owner_id` is an object in v1 and a number in v2, timestamps are
 * `YYYY-MM-DD HH:mm:ss` in v1 and ISO 8601 in v2), and a record with a wrong field must become an
 * error entry, not a type error at the caller.
 */
import type { Channel, Direction, Policy } from '../../schema/policy.js';
import type { DueItem, Outcome, Owner, Purpose } from '../../core/types.js';

/**
 * An id as Pipedrive sends it: a number, or (v1) an object whose `value` or `id` holds it.
 *
 * @example
 * const v1Owner: PipedriveIdField = { id: 11884360, value: 11884360 }; // v2: 11884360
 */
export type PipedriveIdField = number | string | { value?: unknown; id?: unknown } | null;

/**
 * A person (`GET /v1/persons`, `GET /api/v2/persons`). Custom fields sit at the top level in v1
 * and under `custom_fields` in v2.
 *
 * @example
 * const person: PipedrivePerson = { id: 1001, owner_id: 11884360, add_time: '2026-01-05T10:00:00Z', is_deleted: false };
 */
export interface PipedrivePerson {
  id?: unknown;
  name?: unknown;
  /** v2: the user's id; v1: `{ id, name, email, …, value }`. */
  owner_id?: unknown;
  /** v1 `YYYY-MM-DD HH:mm:ss` (UTC), v2 ISO 8601. */
  add_time?: unknown;
  /** v1: false once deleted. */
  active_flag?: unknown;
  /** v2. */
  is_deleted?: unknown;
  /** `no_consent`, `unsubscribed`, `subscribed`, `archived` (Campaigns). */
  marketing_status?: unknown;
  custom_fields?: unknown;
  [field: string]: unknown;
}

/**
 * A user (`GET /v1/users`).
 *
 * @example
 * const user: PipedriveUser = { id: 11884360, timezone_name: 'Europe/Kiev', active_flag: true };
 */
export interface PipedriveUser {
  id?: unknown;
  name?: unknown;
  /** IANA zone name, e.g. `Europe/Kiev`. */
  timezone_name?: unknown;
  active_flag?: unknown;
  [field: string]: unknown;
}

/**
 * One participant of an activity: v1 reads say `primary_flag`, v2 says `primary`.
 *
 * @example
 * const participant: PipedriveParticipant = { person_id: 1001, primary_flag: true };
 */
export interface PipedriveParticipant {
  person_id?: unknown;
  primary_flag?: unknown;
  primary?: unknown;
}

/**
 * An activity (`GET /v1/activities`, `GET /api/v2/activities`).
 *
 * @example
 * const call: PipedriveActivity = { id: 1, type: 'call', done: true, due_date: '2026-11-10', due_time: '09:30', marked_as_done_time: '2026-11-10 09:42:10', person_id: 1001 };
 */
export interface PipedriveActivity {
  id?: unknown;
  subject?: unknown;
  /** The activity type's `key_string`: `call`, `meeting`, `task`, `deadline`, `email`, `lunch` or a custom key. */
  type?: unknown;
  done?: unknown;
  /** `YYYY-MM-DD`. */
  due_date?: unknown;
  /** `HH:MM` (v1) or `HH:MM:SS` (v2) in UTC; empty or null for an activity without a time. */
  due_time?: unknown;
  /** v1 `YYYY-MM-DD HH:mm:ss` (UTC), v2 ISO 8601; empty when not done. */
  marked_as_done_time?: unknown;
  person_id?: unknown;
  participants?: unknown;
  deal_id?: unknown;
  /** v1 assignee. */
  user_id?: unknown;
  /** v2 assignee. */
  owner_id?: unknown;
  note?: unknown;
  busy_flag?: unknown;
  busy?: unknown;
  active_flag?: unknown;
  is_deleted?: unknown;
  custom_fields?: unknown;
  [field: string]: unknown;
}

/**
 * A deal (`GET /v1/deals`, `GET /api/v2/deals`).
 *
 * @example
 * const deal: PipedriveDeal = { id: 501, status: 'won', won_time: '2026-10-01T14:00:00Z', person_id: 1001 };
 */
export interface PipedriveDeal {
  id?: unknown;
  /** `open`, `won`, `lost` (and `deleted` in v1). */
  status?: unknown;
  /** v1 `YYYY-MM-DD HH:mm:ss` (UTC), v2 ISO 8601. */
  won_time?: unknown;
  lost_time?: unknown;
  /** v2: the person's id; v1: `{ name, email, phone, value }`. */
  person_id?: unknown;
  active?: unknown;
  deleted?: unknown;
  is_deleted?: unknown;
  [field: string]: unknown;
}

/**
 * A collection: the `data` array of an API response, or the whole response page (`{ success, data }`),
 * whose `data` is read.
 *
 * @example
 * const page: PipedriveCollection<PipedrivePerson> = { data: [{ id: 1001 }] };
 */
export type PipedriveCollection<T> = readonly T[] | { readonly data?: readonly T[] | null };

/**
 * What `fromPipedrive` reads, keyed by the API's plural names.
 *
 * @example
 * const records: PipedriveRecords = { persons: personsPage.data, users: usersPage.data, activities: activitiesPage.data, deals: dealsPage.data };
 */
export interface PipedriveRecords {
  persons?: PipedriveCollection<PipedrivePerson | unknown>;
  users?: PipedriveCollection<PipedriveUser | unknown>;
  activities?: PipedriveCollection<PipedriveActivity | unknown>;
  deals?: PipedriveCollection<PipedriveDeal | unknown>;
}

/**
 * How a person becomes do-not-contact: the value of one field, matched against a list.
 *
 * @example
 * const rule: DoNotContactRule = { field: 'marketing_status', values: ['unsubscribed'] };
 */
export interface DoNotContactRule {
  /** A person field key: `marketing_status`, or a custom field's 40-character hash key. */
  field: string;
  /** Values that mean "do not contact" (compared as strings). Default: `true`, `1`, `yes`. */
  values?: readonly (string | number | boolean)[];
}

/**
 * A field of an activity whose value maps to a touch's outcome or purpose.
 *
 * @example
 * const purpose: ActivityFieldRule<Purpose> = { field: 'f0e1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d', map: { '12': 'review' } };
 */
export interface ActivityFieldRule<T extends string> {
  /** An activity field key (a custom field's hash key, or a built-in name). */
  field: string;
  /**
   * Value (compared as a string; an enum custom field sends its option id) → what it means. Values
   * not in the map are used as they are.
   */
  map?: Readonly<Record<string, T>>;
}

/**
 * What Pipedrive does not know about a rep: a working calendar and a daily capacity (and a zone).
 *
 * @example
 * const settings: OwnerSettings = { calendar: 'uk', dailyCapacity: 20 };
 */
export type OwnerSettings = Partial<Omit<Owner, 'id'>>;

/**
 * Options of `fromPipedrive`; docs/adapters/pipedrive.md has the table.
 *
 * @example
 * const options: FromPipedriveOptions = { policy, ownerDefaults: { dailyCapacity: 20 }, activityTypes: { site_visit: 'visit' } };
 */
export interface FromPipedriveOptions {
  /**
   * The policy whose cycles a completed planned activity (one carrying the `[cc1:…]` key) counts
   * for: its touch takes `touchShapeForCycle(policy, cycleId)`. Without it a planned activity is
   * read like any other.
   */
  policy?: Policy;
  /**
   * Activity `type` key → channel, merged over the defaults (`call` → call, `meeting` and `lunch`
   * → meeting, `email` → email, `task` and `deadline` → not a touch). `null` makes a type not a
   * touch. Types in neither map are skipped as `not-a-touch-type`.
   */
  activityTypes?: Readonly<Record<string, Channel | null>>;
  /** Pipedrive records no direction: every touch gets this one. Default `outbound`. */
  direction?: Direction;
  /**
   * Where an activity's outcome is (e.g. a custom enum field). Default: none, so touches carry no
   * outcome and count as contact made. Pipedrive call-log outcomes (`connected`, `no_answer`,
   * `left_message`, `left_voicemail`, `wrong_number`, `busy`) are known without a map.
   */
  outcome?: ActivityFieldRule<Outcome>;
  /** Where an activity's purpose is (e.g. a custom enum field). Default: none. */
  purpose?: ActivityFieldRule<Purpose>;
  /** Purpose for activities linked to a deal that state none. Default: none. */
  dealPurpose?: Purpose;
  /**
   * Which instant a touch gets: `done` (default) takes `marked_as_done_time` when present, else
   * the due date and time; `due` takes the due date and time, else `marked_as_done_time`.
   */
  touchInstant?: 'done' | 'due';
  /**
   * Local time (`HH:MM`, in the activity owner's zone) given to an activity that has a due date
   * but no due time. Default `12:00`: noon keeps the local date the same in every zone within
   * twelve hours of the owner's.
   */
  untimedActivityTime?: string;
  /** Zone for untimed activities whose owner is not among `users` (or has no zone). Default `UTC`. */
  timeZone?: string;
  /** When set, persons become do-not-contact by this rule. Default: none (see docs). */
  doNotContact?: DoNotContactRule;
  /** A person field holding an IANA zone name. Default: none (the owner's zone applies). */
  timeZoneField?: string;
  /**
   * A person field (custom field key) whose value becomes the contact's explicit tier. Default:
   * none (the policy's assign rules decide).
   */
  tierField?: string;
  /**
   * Person fields copied into `attributes` for tier rules: a list of field keys (the attribute
   * keeps the key's name), or field key → attribute name.
   */
  attributes?: readonly string[] | Readonly<Record<string, string>>;
  /** Give an activity with no person the person of its deal (from `deals`). Default true. */
  personFromDeal?: boolean;
  /** Read deleted persons, activities and deals as if they were not. Default false. */
  includeDeleted?: boolean;
  /** Contact event set by the latest lost deal (e.g. `closedLost`). Default: none (lost deals skipped). */
  lostDealEvent?: string;
  /**
   * Per Pipedrive user id: what Pipedrive does not hold (a calendar, a daily capacity) or a zone
   * that overrides `timezone_name`.
   */
  owners?: Readonly<Record<string, OwnerSettings>>;
  /** Settings for every user not listed in `owners` (a zone here only fills a missing `timezone_name`). */
  ownerDefaults?: OwnerSettings;
  /** An activity field (custom field key) holding the task key, read besides the note marker. */
  keyField?: string;
}

/**
 * One participant in a create payload (v2 spells it `primary`).
 *
 * @example
 * const participant: PipedriveParticipantPayload = { person_id: 1001, primary: true };
 */
export interface PipedriveParticipantPayload {
  person_id: number | string;
  primary: boolean;
}

/**
 * A `POST /api/v2/activities` body.
 *
 * @example
 * const body: PipedriveActivityPayload = { subject: 'check-in call', type: 'call', due_date: '2026-12-01', owner_id: 11884360,
 *   participants: [{ person_id: 1001, primary: true }], note: 'Due.<br>[cc1:1001:check-in:2026-12-01]', done: false, busy: false };
 */
export interface PipedriveActivityPayload {
  subject: string;
  type: string;
  /** `YYYY-MM-DD` (UTC when `due_time` is set, else the planned day). */
  due_date: string;
  /** `HH:MM` in UTC. */
  due_time?: string;
  /** `HH:MM`. */
  duration?: string;
  owner_id?: number | string;
  participants: PipedriveParticipantPayload[];
  /** HTML; ends with the `[cc1:…]` key marker. */
  note: string;
  done: false;
  /** Whether the activity blocks the owner's calendar; false when it has no time. */
  busy: boolean;
  /** The custom field values (`keyField` → the key), when `keyField` is set. */
  custom_fields?: Record<string, string>;
}

/**
 * What `toPipedriveActivities` writes for: a plan entry or a due item (given to the `subject` option).
 *
 * @example
 * const subject = (input: PipedriveActivityInput) => `Call about ${input.cycleId} (due ${input.dueOn})`;
 */
export interface PipedriveActivityInput {
  contactId: string;
  /** The contact's name when the CRM gave one, else null: the default subject says it. */
  contactName: string | null;
  cycleId: string;
  tierId: string;
  ownerId: string | null;
  dueOn: string;
  /** The day the activity is for: the planned day, or the due date for a due item. */
  day: string;
  /** The reason as one sentence. */
  explanation: string;
}

/**
 * Options of `toPipedriveActivities`.
 *
 * @example
 * const options: ToPipedriveActivitiesOptions = { items, owners, time: '10:00', duration: '00:15' };
 */
export interface ToPipedriveActivitiesOptions {
  /**
   * The evaluated items behind a plan: a planned touch whose item is here gets `explain(item)`
   * as its note; others get a sentence built from the plan entry.
   */
  items?: readonly DueItem[];
  /** Owners (with zones) used to turn `time` into Pipedrive's UTC `due_date` and `due_time`. */
  owners?: readonly Owner[];
  /** Local time `HH:MM` in the owner's zone; without it the activity has a date and no time. */
  time?: string;
  /** Zone for owners not in `owners`. Default `UTC`. */
  timeZone?: string;
  /** `HH:MM`, e.g. `00:15`. */
  duration?: string;
  /** Activity type key. Default `call`. */
  type?: string;
  /** The subject line. Default `<cycle> call`, e.g. `check-in call`, and `check-in call with Aiko Tanaka` for a named contact. */
  subject?: (input: PipedriveActivityInput) => string;
  /** Also write the key into this custom field (besides the note marker). */
  keyField?: string;
}

/**
 * Output of `matchPipedriveActivities`: what to create and what to update.
 *
 * @example
 * const { create, update, done }: PipedriveSyncPlan = matchPipedriveActivities(existing, payloads);
 */
export interface PipedriveSyncPlan {
  create: PipedriveActivityPayload[];
  /** Activities that already exist (by key): `PATCH /api/v2/activities/{id}` with `payload`. */
  update: { id: number | string; payload: PipedriveActivityPayload }[];
  /** Existing activities with the key of a payload that are already done: left as they are. */
  done: { id: number | string; key: string }[];
}
