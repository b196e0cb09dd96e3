/**
 * Which touches count for a cycle: each cycle compiles its `counts` into one predicate, applied to
 * the validated input touches as they are (no copy of a million touches).
 */
import { ATTEMPT_OUTCOMES, type Counts } from '../schema/policy.js';

/** The fields of a touch that decide whether it counts (a validated input `Touch` fits). */
export interface ParsedTouch {
  readonly channel: string;
  readonly direction?: string | undefined;
  readonly outcome?: string | undefined;
  readonly purpose?: string | undefined;
}

export type TouchFilter = (touch: ParsedTouch) => boolean;

const attempts: ReadonlySet<string | undefined> = new Set(ATTEMPT_OUTCOMES);

/**
 * A touch counts when its channel, direction, outcome and purpose are each among those the cycle
 * lists. Unlisted means any, except outcomes: by default an attempt without contact (voicemail,
 * no-answer, bounced) does not count, and a touch with no outcome does (a logged meeting).
 * A cycle that lists purposes or directions needs touches that state them.
 */
export function compileTouchFilter(counts: Counts | undefined): TouchFilter {
  if (!counts) return defaultFilter;
  const channels = counts.channels ? new Set<string>(counts.channels) : undefined;
  const directions = counts.directions ? new Set<string | undefined>(counts.directions) : undefined;
  const outcomes = counts.outcomes ? new Set<string | undefined>(counts.outcomes) : undefined;
  const purposes = counts.purposes ? new Set<string | undefined>(counts.purposes) : undefined;
  return (touch) =>
    (channels === undefined || channels.has(touch.channel)) &&
    (directions === undefined || directions.has(touch.direction)) &&
    (outcomes === undefined ? !attempts.has(touch.outcome) : outcomes.has(touch.outcome)) &&
    (purposes === undefined || purposes.has(touch.purpose));
}

const defaultFilter: TouchFilter = (touch) => !attempts.has(touch.outcome);

/**
 * A key equal for two `counts` that count the same touches: each list read as a set (order and
 * repeats do not matter), an absent list as "any"; no `counts` and `{}` are the default filter.
 * Cycles whose keys are equal share one filter, so they share its bit and its pass over the touches.
 *
 * @example
 * touchFilterKey({ channels: ['meeting', 'call'] }) === touchFilterKey({ channels: ['call', 'meeting', 'call'] }); // true
 */
export function touchFilterKey(counts: Counts | undefined): string {
  const part = (values: readonly string[] | undefined): string => (values === undefined ? '*' : JSON.stringify([...new Set(values)].sort()));
  return [part(counts?.channels), part(counts?.directions), part(counts?.outcomes), part(counts?.purposes)].join(' ');
}

/** The filter used where no cycle is in play (lapsed tier rules, relationship balance). */
export const countsByDefault = defaultFilter;

/** Why a touch did not count for a cycle: the first of its fields the cycle's `counts` refuses. */
export type NotCountedWhy = 'channel' | 'direction' | 'outcome' | 'attempt' | 'purpose';

/**
 * The field that keeps a touch from counting under `counts`, checked in the filter's order, or
 * undefined when it counts. `attempt`: an attempt without contact (voicemail, no-answer, bounced),
 * which counts only when the cycle lists it among its outcomes.
 */
export function whyNotCounted(counts: Counts | undefined, touch: ParsedTouch): NotCountedWhy | undefined {
  if (counts?.channels && !counts.channels.includes(touch.channel as never)) return 'channel';
  if (counts?.directions && !counts.directions.includes(touch.direction as never)) return 'direction';
  if (counts?.outcomes) {
    if (touch.outcome === undefined || !counts.outcomes.includes(touch.outcome)) return 'outcome';
  } else if (attempts.has(touch.outcome)) return 'attempt';
  if (counts?.purposes && (touch.purpose === undefined || !counts.purposes.includes(touch.purpose))) return 'purpose';
  return undefined;
}
