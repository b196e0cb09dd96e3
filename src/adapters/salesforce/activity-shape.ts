/**
 * What a Task or an Event says of its touches before they are placed on its people: when, on
 * which channel, in which direction, with which outcome and purpose; or why it is no touch.
 */
import type { Outcome } from '../../core/types.js';
import type { Channel, Direction } from '../../schema/policy.js';
import { touchShapeForCycle } from '../shared/cycle-touch.js';
import { ILL_FORMED_ID } from '../shared/ids.js';
import { parseTaskKey } from '../shared/keys.js';
import { lower, type RecordChecks } from './checks.js';
import { dispositionOutcome } from './dispositions.js';
import { type FieldReader, instantText, readDate, readId, readInstant, type SalesforceRecord } from './fields.js';
import type { Ledger, RecordRef, SalesforceSkipReason } from './ledger.js';
import { DEFAULT_KEY_FIELD } from './options.js';
import type { FromSalesforceOptions } from './types.js';

/**
 * What an activity says of its touches, before they are placed on its people.
 *
 * @example
 * const shape: ActivityShape = { at: '2026-11-02T09:30:00.000Z', channel: 'call', direction: 'outbound', outcome: 'connected', purpose: undefined, planned: undefined };
 */
export interface ActivityShape {
  /** The canonical instant, when the activity has a datetime. */
  at?: string;
  /** The date-only `ActivityDate`, when it has no datetime. */
  date?: string;
  channel: Channel;
  direction: Direction | undefined;
  outcome: Outcome | undefined;
  purpose: string | undefined;
  /** A task written by `toSalesforceTasks`: the contact and the touch shape of its cycle. */
  planned: { contactId: string; shape: NonNullable<ReturnType<typeof touchShapeForCycle>> } | undefined;
}

/**
 * Reads the touch fields of a completed Task or a held Event, or reports why it is no touch
 * (open, recurring series, invitee copy, future event, not a touch type …).
 *
 * @example
 * const shaper = new ActivityShaper(checks, { policy, now });
 * const shape = shaper.taskTouch(task, { collection: 'tasks', index: 0 });
 */
export class ActivityShaper {
  private readonly ledger: Ledger;
  private readonly fields: FieldReader;
  private readonly keyField: string;
  private readonly nowMs: number | undefined;

  constructor(
    private readonly checks: RecordChecks,
    private readonly options: FromSalesforceOptions,
  ) {
    this.ledger = checks.ledger;
    this.fields = checks.fields;
    this.keyField = options.keyField ?? DEFAULT_KEY_FIELD;
    this.nowMs = options.now === undefined ? undefined : readInstant(options.now, 'api');
  }

  /** The touch fields of a completed Task, or undefined after reporting why there is none. */
  taskTouch(record: SalesforceRecord, ref: RecordRef): ActivityShape | undefined {
    const closed = this.checks.flag(record, ref, 'IsClosed');
    if (closed === 'bad') return undefined;
    const isClosed = closed ?? lower(this.checks.text(record, 'Status') ?? '') === 'completed';
    if (!isClosed) return this.skipped(ref, 'open-task');
    const recurrence = this.checks.flag(record, ref, 'IsRecurrence');
    if (recurrence === 'bad') return undefined;
    if (recurrence === true) return this.skipped(ref, 'recurring-series');

    const callType = this.checks.text(record, 'CallType');
    let direction: Direction | undefined;
    if (callType !== undefined) {
      const kind = lower(callType);
      if (kind === 'inbound' || kind === 'outbound') direction = kind;
      else if (kind === 'internal') {
        if (!this.options.includeInternalCalls) return this.skipped(ref, 'internal-call');
      } else {
        this.ledger.error(ref, 'bad-value', [this.fields.name('CallType')], `CallType "${callType}" is not Inbound, Outbound or Internal`);
        return undefined;
      }
    }
    const subtype = lower(this.checks.text(record, 'TaskSubtype') ?? '');
    let channel: Channel;
    if (subtype === 'call' || (callType !== undefined && (subtype === '' || subtype === 'task'))) channel = 'call';
    else if (subtype === 'email') channel = 'email';
    else if (subtype === 'listemail') {
      if (!this.options.includeListEmails) return this.skipped(ref, 'list-email');
      channel = 'email';
    } else if (subtype === 'linkedin') channel = 'message';
    else channel = this.channelOfType(record);
    const planned = this.plannedFor(record, ref);
    if (planned === 'bad') return undefined;
    if (channel === 'other' && !this.options.includeOtherTasks && planned === undefined) return this.skipped(ref, 'not-a-touch-type');
    // A logged email or call without a CallType was made by the rep.
    if (direction === undefined && (channel === 'email' || channel === 'call') && callType === undefined) direction = 'outbound';

    const when = this.when(record, ref, 'CompletedDateTime');
    if (!when) return undefined;
    let outcome: Outcome | undefined;
    const disposition = this.checks.text(record, 'CallDisposition');
    if (disposition !== undefined && channel === 'call') outcome = dispositionOutcome(disposition, this.options.dispositions);
    return { ...when, channel, direction, outcome, purpose: this.purpose(record), planned };
  }

  /** The touch fields of a held Event, or undefined after reporting why there is none. */
  eventTouch(record: SalesforceRecord, ref: RecordRef): ActivityShape | undefined {
    const child = this.checks.flag(record, ref, 'IsChild');
    if (child === 'bad') return undefined;
    // Each invitee gets a copy of the event; the organiser's event is the one meeting.
    if (child === true) return this.skipped(ref, 'invitee-copy');
    const recurrence = this.checks.flag(record, ref, 'IsRecurrence');
    if (recurrence === 'bad') return undefined;
    if (recurrence === true) return this.skipped(ref, 'recurring-series');
    const allDay = this.checks.flag(record, ref, 'IsAllDayEvent');
    if (allDay === 'bad') return undefined;
    let when: { at?: string; date?: string } | undefined;
    if (allDay === true) when = this.when(record, ref, undefined);
    else {
      const onlyActivityDateTime =
        this.fields.get(record, 'StartDateTime') === undefined && this.fields.get(record, 'ActivityDateTime') !== undefined;
      const field = onlyActivityDateTime ? 'ActivityDateTime' : 'StartDateTime';
      when = this.when(record, ref, field, true);
    }
    if (!when) return undefined;
    if (this.nowMs !== undefined) {
      const start = when.at !== undefined ? Date.parse(when.at) : Date.parse(`${when.date}T00:00:00Z`);
      if (start > this.nowMs) return this.skipped(ref, 'future-event');
    }
    const type = lower(this.checks.text(record, 'Type') ?? '');
    const channel: Channel = type === 'call' ? 'call' : type === 'email' ? 'email' : 'meeting';
    const planned = this.plannedFor(record, ref);
    if (planned === 'bad') return undefined;
    return { ...when, channel, direction: undefined, outcome: undefined, purpose: this.purpose(record), planned };
  }

  private skipped(ref: RecordRef, reason: SalesforceSkipReason): undefined {
    this.ledger.skip(ref, reason);
    return undefined;
  }

  /** `Type` of a generic to-do (`Call`, `Email`, `Meeting` in a default org). */
  private channelOfType(record: SalesforceRecord): Channel {
    const type = lower(this.checks.text(record, 'Type') ?? '');
    if (type === 'call') return 'call';
    if (type === 'email') return 'email';
    if (type === 'meeting') return 'meeting';
    return 'other';
  }

  /**
   * When the activity happened: the datetime field when it has one, else the date-only
   * `ActivityDate` (placed on a local time per contact later). `required` datetime fields have no
   * date-only fallback.
   */
  private when(
    record: SalesforceRecord,
    ref: RecordRef,
    field: string | undefined,
    required = false,
  ): { at?: string; date?: string } | undefined {
    if (field !== undefined) {
      const raw = this.fields.get(record, field);
      if (raw !== undefined) {
        const ms = readInstant(raw, this.fields.source);
        if (ms === undefined) {
          this.ledger.error(ref, 'bad-instant', [this.fields.name(field)], `${field} ${JSON.stringify(raw)} is not a datetime`);
          return undefined;
        }
        return { at: instantText(ms) };
      }
      if (required) {
        this.ledger.error(ref, 'missing-field', [this.fields.name(field)], `${field} is missing`);
        return undefined;
      }
    }
    const raw = this.fields.get(record, 'ActivityDate');
    if (raw === undefined) {
      const which = field === undefined ? 'ActivityDate' : `${field} or ActivityDate`;
      this.ledger.error(ref, 'missing-field', [this.fields.name('ActivityDate')], `${which} is missing: no date for the activity`);
      return undefined;
    }
    const date = readDate(raw, this.fields.source);
    if (date === undefined) {
      this.ledger.error(ref, 'bad-date', [this.fields.name('ActivityDate')], `ActivityDate ${JSON.stringify(raw)} is not a date`);
      return undefined;
    }
    return { date };
  }

  private purpose(record: SalesforceRecord): string | undefined {
    const field = this.options.purposeField;
    const value = field === undefined ? undefined : this.checks.text(record, field);
    if (value === undefined) return this.options.defaultPurpose;
    const key = lower(value);
    for (const [name, purpose] of Object.entries(this.options.purposes ?? {})) if (lower(name) === key) return purpose;
    return key;
  }

  /**
   * The cycle a task was planned for, from its idempotency key, when the policy knows that cycle;
   * `'bad'` after reporting a key whose contact id holds a lone UTF-16 surrogate (the touch's
   * person is told by that id, so it is read as any other id).
   */
  private plannedFor(record: SalesforceRecord, ref: RecordRef): ActivityShape['planned'] | 'bad' {
    if (this.options.policy === undefined) return undefined;
    const parts = parseTaskKey(this.fields.get(record, this.keyField));
    if (parts === undefined) return undefined;
    if (readId(parts.contactId) === ILL_FORMED_ID) {
      this.checks.badId(ref, this.keyField, `the contact id of ${this.keyField}`);
      return 'bad';
    }
    const shape = touchShapeForCycle(this.options.policy, parts.cycleId);
    return shape === undefined ? undefined : { contactId: parts.contactId, shape };
  }
}
