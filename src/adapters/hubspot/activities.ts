/**
 * What each kind of HubSpot activity (call, meeting, email, task) says of its touch, before the
 * contacts it goes to are known: the touch fields, a skip reason, or the problems with it.
 */
import type { Outcome, Touch } from '../../core/types.js';
import type { Channel, Direction } from '../../schema/policy.js';
import { touchShapeForCycle } from '../shared/cycle-touch.js';
import { parseTaskKey, type TaskKeyParts } from '../shared/keys.js';
import type { HubSpotSkipReason, Problem } from './ledger.js';
import { ILL_FORMED_ID } from '../shared/ids.js';
import { type Envelope, idText, illFormed, timestampOf } from './records.js';
import type { FromHubSpotOptions } from './types.js';
import { configuredProperty, HUBSPOT_CALL_DISPOSITIONS, propertyText, readInstant } from './values.js';

/**
 * Default name of the task property holding the calling-cycle key.
 *
 * @example
 * task.properties[DEFAULT_KEY_PROPERTY] // 'cc1:101:check-in:2026-11-16'
 */
export const DEFAULT_KEY_PROPERTY = 'calling_cycle_key';

/**
 * What an activity maps to before its contacts are known: a touch, a skip reason, or problems.
 *
 * @example
 * const mapping: ActivityMapping = 'call-not-completed';
 */
export type ActivityMapping = HubSpotSkipReason | { touch: Omit<Touch, 'contactId'>; problems: Problem[]; keyContact?: string };

/**
 * What an activity may need from the rest of the book: the outcome of a call it is linked to (a
 * completed CALL task says nothing of whether anyone answered; its call does).
 *
 * @example
 * const context: ActivityContext = { linkedCallOutcome: () => undefined };
 */
export interface ActivityContext {
  /**
   * The best outcome of the calls a record is associated with, if any says one; the `bad-id`
   * problem when one of those call ids holds a lone UTF-16 surrogate.
   */
  linkedCallOutcome: (record: Envelope) => Outcome | undefined | Problem;
}

/**
 * Maps one checked activity record of a collection.
 *
 * @example
 * const mappers: Record<string, ActivityMapper> = { calls: mapCall, meetings: mapMeeting };
 */
export type ActivityMapper = (record: Envelope, options: FromHubSpotOptions, context: ActivityContext) => ActivityMapping;

function purposeOf(properties: Readonly<Record<string, unknown>>, options: FromHubSpotOptions): string | undefined {
  if (options.purposeProperty === undefined) return undefined;
  const value = configuredProperty(properties, options.purposeProperty) ?? undefined;
  return value === undefined ? undefined : options.purposes && Object.hasOwn(options.purposes, value) ? options.purposes[value] : value;
}

/**
 * The outcome a call record says: its disposition (through `options.dispositions` first), or
 * `no-answer` for a dialer call that ended BUSY or NO_ANSWER; undefined when it says none.
 *
 * @example
 * callRecordOutcome({ hs_call_disposition: 'b2cf5968-551e-4856-9783-52b3da59a7d0' }, {}) // 'voicemail'
 */
export function callRecordOutcome(properties: Readonly<Record<string, unknown>>, options: FromHubSpotOptions): Outcome | undefined {
  const disposition = propertyText(properties, 'hs_call_disposition');
  if (disposition !== undefined) {
    const own = options.dispositions && Object.hasOwn(options.dispositions, disposition) ? options.dispositions[disposition] : undefined;
    const builtIn = Object.hasOwn(HUBSPOT_CALL_DISPOSITIONS, disposition.toLowerCase())
      ? HUBSPOT_CALL_DISPOSITIONS[disposition.toLowerCase()]?.outcome
      : undefined;
    if (own ?? builtIn) return own ?? builtIn;
  }
  const status = propertyText(properties, 'hs_call_status')?.toUpperCase();
  return status === 'BUSY' || status === 'NO_ANSWER' ? 'no-answer' : undefined;
}

/** Builds the touch fields, leaving out the ones that are undefined so the output is plain JSON. */
function touchFields(
  at: string,
  channel: Channel,
  direction: Direction | undefined,
  outcome: Outcome | undefined,
  purpose: string | undefined,
): Omit<Touch, 'contactId'> {
  const touch: Omit<Touch, 'contactId'> = { at, channel };
  if (direction !== undefined) touch.direction = direction;
  if (outcome !== undefined) touch.outcome = outcome;
  if (purpose !== undefined) touch.purpose = purpose;
  return touch;
}

/**
 * A call is a touch once completed (or logged by hand, with no dialer status); its disposition is
 * the outcome, through `options.dispositions` first.
 *
 * @example
 * mapCall(envelope(ledger, 'calls', 0, call)!, options) // { touch: { at, channel: 'call', … }, problems: [] }
 */
export function mapCall({ id, properties }: Envelope, options: FromHubSpotOptions): ActivityMapping {
  const status = propertyText(properties, 'hs_call_status');
  // A call logged by hand has no dialer status: it is a record of a call that happened.
  if (status !== undefined && status.toUpperCase() !== 'COMPLETED') return 'call-not-completed';
  const problems: Problem[] = [];
  const at = timestampOf('call', id, 'hs_timestamp', properties.hs_timestamp);
  if (typeof at !== 'string') problems.push(at);

  let direction: Direction | undefined;
  const directionText = propertyText(properties, 'hs_call_direction');
  if (directionText !== undefined) {
    const upper = directionText.toUpperCase();
    if (upper === 'OUTBOUND') direction = 'outbound';
    else if (upper === 'INBOUND') direction = 'inbound';
    else {
      problems.push({
        code: 'bad-value',
        path: ['properties', 'hs_call_direction'],
        message: `call ${id}: hs_call_direction ${JSON.stringify(directionText)} is neither INBOUND nor OUTBOUND`,
      });
    }
  }

  let outcome: Outcome | undefined;
  const disposition = propertyText(properties, 'hs_call_disposition');
  if (disposition !== undefined) {
    outcome = callRecordOutcome(properties, options);
    if (outcome === undefined) {
      problems.push({
        code: 'bad-value',
        path: ['properties', 'hs_call_disposition'],
        message: `call ${id}: call outcome ${JSON.stringify(disposition)} is not a built-in HubSpot outcome; map the portal's own in options.dispositions`,
      });
    }
  }
  if (problems.length > 0 || typeof at !== 'string') return { touch: { at: '', channel: 'call' }, problems };
  return { touch: touchFields(at, 'call', direction, outcome, purposeOf(properties, options)), problems };
}

/**
 * A meeting is a touch once held (`COMPLETED`), or when scheduled before
 * `countScheduledMeetingsBefore`; a rescheduled, cancelled or missed one is skipped.
 *
 * @example
 * mapMeeting(envelope(ledger, 'meetings', 0, meeting)!, options) // 'meeting-not-held' for a NO_SHOW
 */
export function mapMeeting({ id, properties }: Envelope, options: FromHubSpotOptions): ActivityMapping {
  const outcomeText = propertyText(properties, 'hs_meeting_outcome')?.toUpperCase();
  if (outcomeText === 'RESCHEDULED' || outcomeText === 'NO_SHOW' || outcomeText === 'CANCELED' || outcomeText === 'CANCELLED') {
    return 'meeting-not-held';
  }
  const startName = propertyText(properties, 'hs_meeting_start_time') !== undefined ? 'hs_meeting_start_time' : 'hs_timestamp';
  const at = timestampOf('meeting', id, startName, properties[startName]);
  if (typeof at !== 'string') {
    // An unheld meeting is skipped whatever its dates; only one that would count needs a valid start.
    if (outcomeText !== 'COMPLETED' && options.countScheduledMeetingsBefore === undefined) return 'meeting-not-completed';
    return { touch: { at: '', channel: 'meeting' }, problems: [{ ...at, message: `${at.message} (the meeting's start)` }] };
  }
  if (outcomeText !== 'COMPLETED') {
    // SCHEDULED, no outcome, or a portal's own value: held only if the caller says past meetings count.
    const before = options.countScheduledMeetingsBefore === undefined ? undefined : readInstant(options.countScheduledMeetingsBefore);
    const scheduled = outcomeText === undefined || outcomeText === 'SCHEDULED';
    if (!scheduled || before === undefined || at >= before) return 'meeting-not-completed';
  }
  return { touch: touchFields(at, 'meeting', undefined, 'connected', purposeOf(properties, options)), problems: [] };
}

/**
 * An email is a touch once sent (a bounced one with the outcome `bounced`); its direction comes
 * from `hs_email_direction`.
 *
 * @example
 * mapEmail(envelope(ledger, 'emails', 0, email)!, options) // 'email-not-sent' for a SCHEDULED email
 */
export function mapEmail({ id, properties }: Envelope, options: FromHubSpotOptions): ActivityMapping {
  const status = propertyText(properties, 'hs_email_status')?.toUpperCase();
  // SCHEDULED, SENDING and FAILED emails were never delivered; a logged email has no status.
  if (status !== undefined && status !== 'SENT' && status !== 'BOUNCED') return 'email-not-sent';
  const problems: Problem[] = [];
  const at = timestampOf('email', id, 'hs_timestamp', properties.hs_timestamp);
  if (typeof at !== 'string') problems.push(at);
  let direction: Direction | undefined;
  const directionText = propertyText(properties, 'hs_email_direction');
  if (directionText !== undefined) {
    const upper = directionText.toUpperCase();
    if (upper === 'EMAIL') direction = 'outbound';
    else if (upper === 'INCOMING_EMAIL') direction = 'inbound';
    else if (upper === 'FORWARDED_EMAIL') direction = options.forwardedEmailDirection ?? 'inbound';
    else {
      problems.push({
        code: 'bad-value',
        path: ['properties', 'hs_email_direction'],
        message: `email ${id}: hs_email_direction ${JSON.stringify(directionText)} is not EMAIL, INCOMING_EMAIL or FORWARDED_EMAIL`,
      });
    }
  }
  if (problems.length > 0 || typeof at !== 'string') return { touch: { at: '', channel: 'email' }, problems };
  const outcome = status === 'BOUNCED' ? 'bounced' : undefined;
  return { touch: touchFields(at, 'email', direction, outcome, purposeOf(properties, options)), problems };
}

/**
 * The channel a completed task of each `hs_task_type` is a touch on. A to-do ("prepare the QBR
 * deck") is work about a customer, not contact with them: counted, it would reset a check-in
 * clock without anyone having spoken to the customer, so it is not a touch unless
 * `taskChannels` says so. A task this library planned is a touch whatever its type. Shared with
 * the warehouse staging views (`calling-cycle/sql`).
 *
 * @example
 * TASK_CHANNELS.LINKED_IN_MESSAGE // 'message'
 */
export const TASK_CHANNELS: Readonly<Record<string, Channel | null>> = {
  CALL: 'call',
  EMAIL: 'email',
  LINKED_IN: 'message',
  LINKED_IN_CONNECT: 'message',
  LINKED_IN_MESSAGE: 'message',
  TODO: null,
};

/**
 * A completed task is a touch on its type's channel, or, carrying a calling-cycle key, a touch
 * for the cycle it was planned for. A rep closes a CALL task after a voicemail as readily as after
 * a conversation, so a task that becomes a call takes the outcome of the call it is linked to
 * (`associations.calls`); without one its outcome is `unknown`, which a cycle counts unless its
 * `counts.outcomes` says which outcomes count (docs/adapters/hubspot.md).
 *
 * @example
 * mapTask(envelope(ledger, 'tasks', 0, task)!, options, context) // 'open-task' until hs_task_status is COMPLETED
 */
export function mapTask(record: Envelope, options: FromHubSpotOptions, context: ActivityContext): ActivityMapping {
  const { id, properties } = record;
  if (propertyText(properties, 'hs_task_status')?.toUpperCase() !== 'COMPLETED') return 'open-task';
  const type = propertyText(properties, 'hs_task_type')?.toUpperCase() ?? 'TODO';
  const own = options.taskChannels && Object.hasOwn(options.taskChannels, type) ? options.taskChannels[type] : undefined;
  const typeChannel = own !== undefined ? own : Object.hasOwn(TASK_CHANNELS, type) ? (TASK_CHANNELS[type] ?? null) : null;
  const keyName = options.keyProperty ?? DEFAULT_KEY_PROPERTY;
  const key: TaskKeyParts | undefined = parseTaskKey(propertyText(properties, keyName));
  if (key === undefined && typeChannel === null) return 'not-a-touch-type';
  // The key names the contact the touch goes to: one no output can carry is the task's bad-id.
  if (key !== undefined && idText(key.contactId) === ILL_FORMED_ID) {
    return { touch: { at: '', channel: 'other' }, problems: [illFormed(['properties', keyName], `task ${id}: the contact id of ${keyName}`)] };
  }
  // The moment the rep ticked it off; the due time (hs_timestamp) only when HubSpot has no completion date.
  const atName = propertyText(properties, 'hs_task_completion_date') !== undefined ? 'hs_task_completion_date' : 'hs_timestamp';
  const at = timestampOf('task', id, atName, properties[atName]);
  if (typeof at !== 'string') return { touch: { at: '', channel: 'other' }, problems: [at] };
  const purpose = purposeOf(properties, options);
  // A task this library planned counts for the cycle it was planned for (its shape, when the policy names it).
  const shape = key && options.policy ? touchShapeForCycle(options.policy, key.cycleId) : undefined;
  const channel = key === undefined ? (typeChannel ?? 'other') : (shape?.channel ?? typeChannel ?? 'call');
  let callOutcome: Outcome = 'unknown';
  if (channel === 'call') {
    const linked = context.linkedCallOutcome(record);
    if (typeof linked === 'object') return { touch: { at: '', channel: 'other' }, problems: [{ ...linked, message: `task ${id}: ${linked.message}` }] };
    callOutcome = linked ?? 'unknown';
  }
  if (key === undefined) {
    return { touch: touchFields(at, channel, 'outbound', channel === 'call' ? callOutcome : undefined, purpose), problems: [] };
  }
  // A task this library planned, now done: it counts for the cycle it was planned for, on the
  // outcome its call had (a planned call that reached a voicemail leaves the cycle open).
  const touch = shape
    ? touchFields(at, shape.channel, shape.direction, shape.channel === 'call' ? callOutcome : shape.outcome, shape.purpose ?? purpose)
    : touchFields(at, channel, 'outbound', channel === 'call' ? callOutcome : 'connected', purpose);
  return { touch, problems: [], keyContact: key.contactId };
}
