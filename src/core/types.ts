/**
 * The records a CRM sends in and the items it gets back. All plain JSON: a CRM can store them,
 * send them over the wire, and compare them in tests.
 */
import type { ContactBalance } from './balance.js';
import type { Cadence, Channel, Direction } from '../schema/policy.js';

/** An instant: ISO 8601 with an offset or `Z` (`2026-11-01T09:30:00Z`), or epoch milliseconds. */
export type InstantInput = string | number;

/** A person or account to keep in touch with. */
export interface Contact {
  id: string;
  /** The rep who owns the relationship. */
  ownerId?: string;
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
  events?: Record<string, string>;
  doNotContact?: boolean;
  /** `YYYY-MM-DD` (or an instant): no contact before this date. */
  pausedUntil?: string;
}

/** Outcomes the library knows; others may be sent and are matched as given. */
export type Outcome = 'connected' | 'voicemail' | 'no-answer' | 'bounced' | (string & {});
/** Purposes the library knows; others may be sent and are matched as given. */
export type Purpose = 'sales' | 'service' | 'check-in' | 'insight' | 'feedback' | 'review' | 'referral' | (string & {});

/** One logged interaction. */
export interface Touch {
  contactId: string;
  /** When it happened (not when it was logged). */
  at: InstantInput;
  channel: Channel;
  direction?: Direction;
  outcome?: Outcome;
  purpose?: Purpose;
}

/** A rep: a zone, a working calendar and a daily capacity. */
export interface Owner {
  id: string;
  timeZone?: string;
  /** Name of a calendar in the policy. */
  calendar?: string;
  dailyCapacity?: number;
}

/** Moves one (contact, cycle)'s due date to `until` without a touch. */
export interface Snooze {
  contactId: string;
  cycleId: string;
  /** `YYYY-MM-DD` in the contact's zone. */
  until: string;
}

export type Status = 'upcoming' | 'soon' | 'due' | 'overdue' | 'paused' | 'excluded' | 'ended';

/** Why a contact is in its tier. */
export type TierBasis = { by: 'explicit' } | { by: 'rule'; rule: number; kind: 'when' | 'top' | 'lapsed' } | { by: 'default' };

/**
 * The machine-readable chain behind an item's status. Dates are `YYYY-MM-DD` in `timeZone`.
 * `explain(item)` turns it into one sentence.
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
}

/** The state of one (contact, cycle) at `now`. */
export interface DueItem {
  contactId: string;
  cycleId: string;
  tierId: string;
  ownerId: string | null;
  status: Status;
  /** The date the touch is due, in the contact's zone; null when excluded or ended. */
  dueOn: string | null;
  /** `today − dueOn` in calendar days when overdue, else 0. */
  daysOverdue: number;
  /** The last qualifying touch, as a UTC ISO instant. */
  lastTouchAt: string | null;
  /** The highest escalation step reached (`owner`, `manager` …), when overdue. */
  escalation: string | null;
  reason: Reason;
}

/** One bad input record: what it is, which field, and what is wrong. */
export interface RecordError {
  record: 'contact' | 'touch' | 'owner' | 'snooze';
  /** Position in the input array. */
  index: number;
  contactId?: string;
  ownerId?: string;
  /** Path to the bad field inside the record, e.g. `['timeZone']`. */
  path: (string | number)[];
  message: string;
}

export interface EvaluateResult {
  items: DueItem[];
  errors: RecordError[];
  /** Relationship balance per evaluated contact, when the policy has a `balance` section. */
  balance?: ContactBalance[];
}
