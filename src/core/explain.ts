/**
 * One sentence a rep can read, built from an item's structured reason only when asked.
 */
import type { DueItem, NotCountedTouch, Reason } from './types.js';
import { InputError } from '../errors/errors.js';
import { withArticle } from '../errors/messages.js';

function cadenceText(reason: Reason): string {
  const cadence = reason.cadence;
  if ('every' in cadence) return `every ${durationText(cadence.every)}`;
  if ('rrule' in cadence) return `on the rule ${cadence.rrule}${cadence.anchor ? ` from ${cadence.anchor}` : ''}`;
  if ('per' in cadence) return `${cadence.times} time${cadence.times === 1 ? '' : 's'} a ${cadence.per}`;
  return `after ${cadence.after} at ${cadence.at.map(durationText).join(', ')}`;
}

const UNITS: Record<string, string> = { Y: 'year', M: 'month', W: 'week', D: 'day' };

/** `P14D` → `14 days`, `P1M` → `1 month`, `P1Y2M` → `1 year 2 months`. */
function durationText(duration: string): string {
  const parts = [...duration.slice(1).matchAll(/(\d+)([YMWD])/g)].map(([, n, unit]) => `${n} ${UNITS[unit!]}${n === '1' ? '' : 's'}`);
  return parts.join(' ') || 'no time';
}

function tierText(reason: Reason): string {
  const basis = reason.tier;
  if (basis.by === 'explicit') return `tier ${reason.tierId} (set on the contact)`;
  if (basis.by === 'default') return `tier ${reason.tierId} (the default tier)`;
  const how = basis.kind === 'top' ? 'a top-N rule' : basis.kind === 'lapsed' ? 'the lapsed rule' : 'an attribute rule';
  // The rule is named as its path in the policy (`assign[0]`), the same number the reason holds.
  return `tier ${reason.tierId} (rule assign[${basis.rule}], ${how})`;
}

// A contact with touches that did not count was touched, just not in a way this cycle counts.
const neverText = (reason: Reason) => (reason.notCounted ? 'no qualifying touch yet' : 'never touched');

function basisText(item: DueItem): string {
  const reason = item.reason;
  switch (reason.basis) {
    case 'touch':
      return `last qualifying touch on ${reason.lastTouchOn}`;
    case 'created':
      return `${neverText(reason)}; counted from when the contact was created`;
    case 'no-history':
      return item.status === 'ended'
        ? `${neverText(reason)} and no creation date; the rule has no date on or after today`
        : `${neverText(reason)} and no creation date, so due at once`;
    case 'anchor':
      return `${neverText(reason)}; first occurrence of the rule`;
    case 'period': {
      const detail = reason.detail ?? {};
      return `${detail.touchesInPeriod ?? 0} of ${detail.needed ?? '?'} touches in the period from ${detail.periodStart}`;
    }
    case 'event': {
      const detail = reason.detail ?? {};
      if (detail.missing) return `the contact has no ${detail.event} date`;
      return item.status === 'ended'
        ? `all follow-ups after ${detail.event} done`
        : `follow-up ${detail.milestone} of ${detail.of} after ${detail.event}`;
    }
    default:
      return 'do not contact';
  }
}

const WHY_TEXT: Record<NotCountedTouch['why'], string> = {
  channel: 'its channel does not count for this cycle',
  direction: 'its direction does not count for this cycle',
  outcome: 'its outcome does not count for this cycle',
  attempt: 'an attempt without contact',
  purpose: 'its purpose does not count for this cycle',
};

/** What a rep calls a touch of each channel. */
const CHANNEL_NOUNS: Record<NotCountedTouch['channel'], string> = {
  call: 'call',
  meeting: 'meeting',
  visit: 'visit',
  email: 'email',
  message: 'message',
  other: 'touch of another kind',
};

/** The outcomes the library knows, as a person says them; any other word is shown as the CRM gave it. */
const OUTCOME_WORDS: Readonly<Record<string, string>> = { 'no-answer': 'no answer' };

/** `an inbound call`, `a visit (no answer)`, `an email for sales`, `a meeting with no direction`. */
function touchPhrase(touch: NotCountedTouch): string {
  const noun = CHANNEL_NOUNS[touch.channel] ?? touch.channel;
  switch (touch.why) {
    case 'attempt':
    case 'outcome':
      return withArticle(`${noun} (${touch.value === null ? 'no outcome' : (OUTCOME_WORDS[touch.value] ?? touch.value)})`);
    case 'direction':
      return withArticle(touch.value === null ? `${noun} with no direction` : `${touch.value} ${noun}`);
    case 'purpose':
      return withArticle(touch.value === null ? `${noun} with no purpose` : `${noun} for ${touch.value}`);
    default:
      return withArticle(noun);
  }
}

/** `did not count: an email on 2026-11-20 (its channel does not count for this cycle)`. */
function notCountedText(touches: readonly NotCountedTouch[]): string {
  const parts = touches.map((touch) => `${touchPhrase(touch)} on ${touch.on} (${WHY_TEXT[touch.why]})`);
  return `did not count: ${parts.join(', ')}`;
}

function statusText(item: DueItem): string {
  switch (item.status) {
    case 'excluded':
      return 'is excluded (do not contact)';
    case 'ended':
      return 'has ended';
    case 'paused':
      return `is paused until ${item.reason.pausedUntil}`;
    case 'overdue':
      return `is overdue by ${item.daysOverdue} day${item.daysOverdue === 1 ? '' : 's'} (due ${item.dueOn})${item.escalation ? `, escalated to ${item.escalation}` : ''}`;
    case 'due':
      return `is due (due ${item.dueOn})`;
    case 'soon':
      return `is due soon, on ${item.dueOn}`;
    default:
      return `is next due on ${item.dueOn}`;
  }
}

/**
 * The contact as a rep knows it: its name, with the id after it for whoever looks it up in the CRM
 * (`Aiko Tanaka (c1)`); the id alone when the CRM gave no name.
 */
export function contactText(item: Pick<DueItem, 'contactId' | 'reason'>): string {
  const name = item.reason.contactName;
  return name === undefined ? item.contactId : `${name} (${item.contactId})`;
}

/**
 * The reason of an item as one sentence.
 *
 * @example
 * explain(item);
 * // 'c1 / check-in is overdue by 9 days (due 2026-11-14): tier A (set on the contact), every 14 days,
 * //  last qualifying touch on 2026-10-31; moved from 2026-11-14 (not a working day).'
 * // With a contact name: 'Aiko Tanaka (c1) / check-in is overdue by 9 days …'
 */
export function explain(item: DueItem): string {
  if (typeof item !== 'object' || item === null || typeof item.reason !== 'object' || item.reason === null) {
    const message = 'explain takes one item from evaluate (with its reason)';
    throw new InputError(message, [{ code: 'invalid-argument', path: ['item'], message }]);
  }
  const reason = item.reason;
  const moves: string[] = [];
  if (reason.shiftedTo) moves.push(`moved from ${reason.rawDue} to ${reason.shiftedTo} (not a working day)`);
  if (reason.pausedUntil && item.status !== 'paused') moves.push(`held until ${reason.pausedUntil} by a pause`);
  if (reason.snoozedUntil) moves.push(`snoozed until ${reason.snoozedUntil}`);
  if (reason.notCounted) moves.push(notCountedText(reason.notCounted));
  const extra = moves.length > 0 ? `; ${moves.join('; ')}` : '';
  return `${contactText(item)} / ${item.cycleId} ${statusText(item)}: ${tierText(reason)}, ${cadenceText(reason)}, ${basisText(item)}${extra}.`;
}
