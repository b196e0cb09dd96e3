/**
 * The records a CRM sends in and the items it gets back. All plain JSON: a CRM can store them,
 * send them over the wire, and compare them in tests.
 */
import type { ContactBalance } from './balance.js';
import type { Cadence, Channel, Direction } from '../schema/policy.js';

/**
 * An instant: ISO 8601 with an offset or `Z` (`2026-11-01T09:30:00Z`), epoch milliseconds, or a
 * JavaScript `Date`. Years 1000–9999. Outputs are always canonical UTC ISO strings.
 */
export type InstantInput = string | number | Date;

/** An id: a non-empty string or a safe integer (a Pipedrive person id is a number). Outputs carry it as a string. */
export type IdInput = string | number;

/** A person or account to keep in touch with. */
export interface Contact {
  id: IdInput;
  /** The name a rep knows the contact by, shown in reasons, task bodies and calendar entries. */
  name?: string | null;
  /** The rep who owns the relationship. */
  ownerId?: IdInput;
  /** IANA zone; due dates are civil dates here. Falls back to the owner's, the policy's, then UTC. */
  timeZone?: string;
  /** Explicit tier id; wins over the policy's assign rules. */
  tier?: string;
  /** Name of a policy calendar the contact observes (their holidays), combined with the owner's. */
  calendar?: string;
  /** Free data for tier rules (`annualRevenue`, `lifecycle` …). */
  attributes?: Record<string, unknown>;
  createdAt?: InstantInput;
  /** Named dates (`closedWon`, `contractStart` …), `YYYY-MM-DD` or instants. */
  events?: Record<string, string | number | Date>;
  doNotContact?: boolean;
  /** `YYYY-MM-DD` (or an instant): no contact before this date. */
  pausedUntil?: string | number | Date;
}

/** Outcomes the library knows; others may be sent and are matched as given. */
export type Outcome = 'connected' | 'voicemail' | 'no-answer' | 'bounced' | (string & {});
/** Purposes the library knows; others may be sent and are matched as given. */
export type Purpose = 'sales' | 'service' | 'check-in' | 'insight' | 'feedback' | 'review' | 'referral' | (string & {});

/** One logged interaction. */
export interface Touch {
  contactId: IdInput;
  /** When it happened (not when it was logged). */
  at: InstantInput;
  channel: Channel;
  direction?: Direction;
  outcome?: Outcome;
  purpose?: Purpose;
}

/** A rep: a zone, a working calendar and a daily capacity. */
export interface Owner {
  id: IdInput;
  /** The rep's name, for reports and task bodies. */
  name?: string | null;
  timeZone?: string;
  /** Name of a calendar in the policy. */
  calendar?: string;
  dailyCapacity?: number;
}

/** Moves one (contact, cycle)'s due date to `until` without a touch. */
export interface Snooze {
  contactId: IdInput;
  cycleId: string;
  /** `YYYY-MM-DD` in the contact's zone (or an instant). */
  until: string | number | Date;
}

export type Status = 'upcoming' | 'soon' | 'due' | 'overdue' | 'paused' | 'excluded' | 'ended';

/** Why a contact is in its tier. */
export type TierBasis = { by: 'explicit' } | { by: 'rule'; rule: number; kind: 'when' | 'top' | 'lapsed' } | { by: 'default' };

/**
 * A touch that did not count for a cycle, listed in the reason so a rep sees why their visit or
 * voicemail left the cycle open.
 */
export interface NotCountedTouch {
  /** Canonical UTC instant of the touch. */
  at: string;
  /** Its local date in the contact's zone. */
  on: string;
  channel: Channel;
  /** The field the cycle's `counts` refused (`attempt`: voicemail, no-answer or bounced). */
  why: 'channel' | 'direction' | 'outcome' | 'attempt' | 'purpose';
  /** The refused value, when the touch gave one. */
  value: string | null;
}

/**
 * The machine-readable chain behind an item's status. Dates are `YYYY-MM-DD` in `timeZone`.
 * `explain(item)` turns it into one sentence. Frozen, with everything in it: items whose reasons
 * are equal share one object, so copy it to change it (`{ ...item.reason }`).
 */
export interface Reason {
  tierId: string;
  tier: TierBasis;
  cycleId: string;
  cadence: Cadence;
  timeZone: string;
  /** The contact's own calendar name, when it has one (the owner's applies too). */
  contactCalendar: string | null;
  /** What the raw due date was counted from. */
  basis: 'touch' | 'created' | 'no-history' | 'anchor' | 'period' | 'event' | 'excluded';
  lastTouchOn: string | null;
  /** The date the cadence gives, before any business-day shift, pause or snooze. */
  rawDue: string | null;
  /** Set when the raw due date fell on an unworkable day and moved. */
  shiftedTo: string | null;
  shift: 'following' | 'preceding' | 'modified-following' | 'none';
  pausedUntil: string | null;
  snoozedUntil: string | null;
  /** Extra detail of the cadence kind (e.g. quota counts, milestone offset, occurrence). */
  detail?: Record<string, string | number | boolean | null>;
  /**
   * The latest touches (at most three, newest first) after the last qualifying one that did not
   * count for this cycle, and why; absent when there are none.
   */
  notCounted?: NotCountedTouch[];
  /**
   * The contact's `name`, trimmed, for the sentences a rep reads (`explain`, call lists, task
   * bodies, calendar entries); absent when the contact has none (missing, `null` or blank).
   */
  contactName?: string;
}

/** Statuses that come with a due date. */
export type DatedStatus = 'upcoming' | 'soon' | 'due' | 'overdue' | 'paused';
/** Statuses with nothing to do: do-not-contact, or a cadence with nothing left. */
export type UndatedStatus = 'excluded' | 'ended';

/** What every due item carries, whatever its status. */
export interface DueItemBase {
  contactId: string;
  cycleId: string;
  tierId: string;
  ownerId: string | null;
  /** `today − dueOn` in calendar days when overdue, else 0. */
  daysOverdue: number;
  /** The last qualifying touch, as a UTC ISO instant. */
  lastTouchAt: string | null;
  /** The highest escalation step reached (`owner`, `manager` …), when overdue. */
  escalation: string | null;
  reason: Reason;
}

/**
 * An item with a due date: `dueOn` is the date the touch is due, `YYYY-MM-DD` in the contact's
 * zone. One member per status, so narrowing on `status` works both ways.
 */
export type DatedDueItem = { [S in DatedStatus]: DueItemBase & { status: S; dueOn: string } }[DatedStatus];

/** An excluded (do-not-contact) or ended item: nothing is due. */
export type UndatedDueItem = { [S in UndatedStatus]: DueItemBase & { status: S; dueOn: null } }[UndatedStatus];

/**
 * The state of one (contact, cycle) at `now`, discriminated on `status`: `dueOn` is a string for
 * every status that has a due date and `null` for `excluded` and `ended`.
 *
 * @example
 * if (item.status === 'overdue') item.dueOn.slice(0, 4) // dueOn: string here
 */
export type DueItem = DatedDueItem | UndatedDueItem;

/**
 * Stable machine codes of record errors; match on these, show `message` to people.
 * docs/errors.md has the table.
 */
export const RECORD_ERROR_CODES = [
  'not-an-object',
  'missing-id',
  'bad-id',
  'duplicate-id',
  'unknown-zone',
  'bad-instant',
  'instant-out-of-range',
  'bad-date',
  'bad-value',
  'unknown-contact',
  'unknown-tier',
  'unknown-owner',
  'unknown-calendar',
  'unknown-cycle',
  'unknown-event',
  'bad-channel',
  'bad-direction',
  'missing-anchor',
  'no-occurrence',
  'date-out-of-range',
] as const;
export type RecordErrorCode = (typeof RECORD_ERROR_CODES)[number];

/** One problem of a bad record. */
export interface RecordIssue {
  code: RecordErrorCode;
  path: (string | number)[];
  message: string;
}

/** One bad input record: what it is, which field, and what is wrong. */
export interface RecordError {
  code: RecordErrorCode;
  record: 'contact' | 'touch' | 'owner' | 'snooze';
  /** Position in the input array. */
  index: number;
  contactId?: string;
  ownerId?: string;
  /** Path to the (first) bad field inside the record, e.g. `['timeZone']`. */
  path: (string | number)[];
  message: string;
  /** Every problem of the record, the first being the one above. */
  issues: RecordIssue[];
}

export interface EvaluateResult {
  items: DueItem[];
  errors: RecordError[];
  /** Relationship balance per evaluated contact, when the policy has a `balance` section. */
  balance?: ContactBalance[];
}
