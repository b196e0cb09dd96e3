/**
 * Titles and descriptions the JSON Schemas carry, so an editor that reads them (VS Code, a policy
 * form) shows what each field means. The wording follows docs/policy.md; a test checks that every
 * field the zod schemas accept has a description here.
 */

/** Title and description of one object schema, and of each of its fields. */
export interface PartText {
  title: string;
  description: string;
  fields: Record<string, string>;
}

const DURATION = 'ISO 8601 duration in calendar units (P14D, P2W, P1M, P1Y6M); no time part.';

/** Policy parts, keyed as `policyPartSchemas` names them. */
export const policyTexts: Record<string, PartText> = {
  Policy: {
    title: 'calling-cycle policy',
    description: 'Tiers, cycles, calendars and rules: plain JSON a CRM stores and sends to parsePolicy.',
    fields: {
      version: 'Format version; only 1 exists.',
      timeZone: 'IANA zone for contacts whose own and owner’s zone are unknown (default UTC).',
      calendars: 'Named working calendars.',
      calendar: 'Name of the calendar of owners who name none (default Mon–Fri, no holidays).',
      tiers: 'At least one tier; ids unique.',
      assign: 'Tier rules for contacts without an explicit tier; the first match wins.',
      defaultTier: 'Tier of contacts no rule matched; without it such a contact is an error record.',
      balance: 'Turns on relationship-balance figures (one-way contacts).',
      shares: 'Reserves part of each rep’s day for groups of tiers when plan runs.',
    },
  },
  Calendar: {
    title: 'Calendar',
    description: 'Working weekdays and holidays.',
    fields: {
      workingDays: 'Working weekdays, at least one (default MO–FR).',
      holidays: 'Dates (YYYY-MM-DD) that are not workable.',
    },
  },
  Tier: {
    title: 'Tier',
    description: 'A segment of contacts with a priority weight and one or more cycles.',
    fields: {
      id: 'Tier id: A, key-account, prospect …',
      weight: 'Priority weight used by the planner (default 1).',
      cycles: 'At least one cycle; ids unique within the tier.',
    },
  },
  Cycle: {
    title: 'Cycle',
    description: 'One rhythm of contact for a tier: its cadence, which touches count, grace and shift.',
    fields: {
      id: 'Cycle id: check-in, review …',
      cadence: 'One of the four cadence kinds: rolling, anchored, quota or milestones.',
      counts: 'Which touches satisfy this cycle (default: every channel and direction, attempts excluded).',
      graceDays: 'Days after the due date that are still due, not overdue (default 0).',
      soonDays: 'Days before the due date that are soon (default 0).',
      shift: 'Where a due date on an unworkable day moves (default following).',
      escalate: 'Who hears of an overdue item, and when.',
      firstTouchWithin: `Never-touched contacts are due this long after createdAt (rolling cycles). ${DURATION}`,
      flexDays: 'Planner: how many days before the due date a touch may be placed.',
    },
  },
  'Escalation step': {
    title: 'Escalation step',
    description: 'Who hears of an overdue item once it is this many days overdue.',
    fields: {
      afterDays: 'Days overdue (today − due) at which this step is reached.',
      to: 'Who it goes to (owner, manager …); becomes the item’s escalation.',
    },
  },
  Counts: {
    title: 'Counts',
    description: 'Which touches satisfy a cycle; every list given must match.',
    fields: {
      channels: 'Channels that count (default any).',
      directions: 'Directions that count; a touch without a direction does not match a list.',
      outcomes: 'Outcomes that count (default any but voicemail, no-answer, bounced).',
      purposes: 'Purposes that count; a touch without a purpose does not match a list.',
    },
  },
  'Cadence: rolling': {
    title: 'Rolling cadence',
    description: 'Due a fixed duration after the last qualifying touch.',
    fields: { every: `Due = local date of the last qualifying touch + this. ${DURATION}` },
  },
  'Cadence: anchored': {
    title: 'Anchored cadence',
    description: 'Due on the occurrences of an RFC 5545 rule in the contact’s zone.',
    fields: {
      rrule: 'RFC 5545 RRULE value, FREQ=DAILY or coarser (FREQ=MONTHLY;BYDAY=1TU); no DTSTART.',
      anchor: 'Start of the occurrences: a YYYY-MM-DD date or a contact event name (default createdAt).',
      earlyDays: 'A touch this many days before an occurrence satisfies it (default 0).',
    },
  },
  'Cadence: quota': {
    title: 'Quota cadence',
    description: 'Each calendar period needs a number of qualifying touches.',
    fields: {
      per: 'Calendar period; ISO weeks start on Monday.',
      times: 'Qualifying touches each period needs.',
    },
  },
  'Cadence: milestones': {
    title: 'Milestone cadence',
    description: 'One-off follow-ups at offsets after a contact event.',
    fields: {
      after: 'Contact event name: closedWon, contractStart …',
      at: `Offsets from the event, e.g. ["P7D", "P30D", "P90D"]. Each: ${DURATION}`,
      earlyDays: 'A touch this many days before a milestone satisfies it (default 0).',
    },
  },
  'Assign rule': {
    title: 'Assign rule',
    description: 'Gives a tier to contacts that match; needs when, top or both.',
    fields: {
      tier: 'The tier a matching contact gets.',
      when: 'An attribute condition or a lapsed condition.',
      top: 'Rank by a numeric attribute and take the first N.',
    },
  },
  'Condition: attribute': {
    title: 'Attribute condition',
    description: 'Conditions on one contact attribute; all given operators must hold.',
    fields: {
      attribute: 'Name in contact.attributes.',
      eq: 'Equal (strictly).',
      in: 'One of these values.',
      gte: 'A number at least this.',
      lte: 'A number at most this.',
      exists: 'Present and not null (or, with false, absent).',
    },
  },
  'Condition: lapsed': {
    title: 'Lapsed condition',
    description: 'No touch that counts by default for this long.',
    fields: { lapsed: DURATION },
  },
  'Top-N': {
    title: 'Top-N',
    description: 'The N contacts with the highest value of a numeric attribute.',
    fields: {
      by: 'Numeric attribute to rank by, highest first; ties by contact id.',
      n: 'How many.',
      per: 'Rank within each owner’s book, or across all (default overall).',
    },
  },
  Balance: {
    title: 'Balance',
    description: 'Relationship-balance settings.',
    fields: {
      recentTouches: 'How many recent touches the non-sales share looks at (default 10).',
      oneWayAfter: 'A contact whose last this-many touches were all sales is one-way (default 3).',
    },
  },
  'Capacity share': {
    title: 'Capacity share',
    description: 'Part of each day’s capacity reserved for a group of tiers.',
    fields: {
      tiers: 'The tiers the reserved slots are for (at least one; a tier in one share only).',
      share: 'Part of each day’s capacity reserved, 0–1; all shares add up to at most 1.',
    },
  },
};

const INSTANT = 'ISO 8601 instant with an offset or Z (2026-11-01T09:30:00Z), or epoch milliseconds.';
const DATE_OR_INSTANT = 'A YYYY-MM-DD date or an ISO 8601 instant.';

/** The records a CRM sends, keyed by the file name of their schema. */
export const recordTexts: Record<'contact' | 'touch' | 'owner' | 'snooze', PartText> = {
  contact: {
    title: 'calling-cycle contact',
    description: 'A person or account to keep in touch with. Extra fields (a name, an e-mail) are allowed and ignored.',
    fields: {
      id: 'Contact id: a non-empty string (or a safe integer where the schema allows it).',
      ownerId: 'The rep who owns the relationship.',
      timeZone: 'IANA zone; due dates are civil dates here. Falls back to the owner’s, the policy’s, then UTC.',
      tier: 'Explicit tier id; wins over the policy’s assign rules.',
      calendar: 'Name of a policy calendar the contact observes, combined with the owner’s.',
      attributes: 'Free data for tier rules (annualRevenue, lifecycle …).',
      createdAt: INSTANT,
      events: `Named dates (closedWon, contractStart …). Each: ${DATE_OR_INSTANT}`,
      doNotContact: 'Excluded from every cycle.',
      pausedUntil: `No contact before this date. ${DATE_OR_INSTANT}`,
    },
  },
  touch: {
    title: 'calling-cycle touch',
    description: 'One logged interaction, dated when it happened.',
    fields: {
      contactId: 'The contact touched.',
      at: `When it happened (not when it was logged). ${INSTANT}`,
      channel: 'How.',
      direction: 'Who reached out.',
      outcome: 'connected, voicemail, no-answer, bounced … (attempts without contact do not count by default).',
      purpose: 'sales, service, check-in, insight, feedback, review, referral …',
    },
  },
  owner: {
    title: 'calling-cycle owner',
    description: 'A rep: a zone, a working calendar and a daily capacity.',
    fields: {
      id: 'Owner id, as contacts name it in ownerId.',
      timeZone: 'IANA zone of the rep.',
      calendar: 'Name of a calendar in the policy.',
      dailyCapacity: 'Calls a day the planner may give this rep.',
    },
  },
  snooze: {
    title: 'calling-cycle snooze',
    description: 'Moves one (contact, cycle)’s due date to a later date without a touch.',
    fields: {
      contactId: 'The contact.',
      cycleId: 'The cycle of the contact’s tier.',
      until: `YYYY-MM-DD in the contact’s zone. ${DATE_OR_INSTANT}`,
    },
  },
};
