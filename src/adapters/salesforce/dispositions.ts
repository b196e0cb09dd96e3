/**
 * `CallDisposition` ("Call Result") is free text: each org, dialer and CTI writes its own. The
 * engine needs to know one thing of it: was someone reached? Attempts without contact
 * (`voicemail`, `no-answer`, `bounced`) do not count for a cycle by default, so a "Left Voicemail"
 * read as a connected call would silently keep a contact off the call list.
 */
import type { Outcome } from '../../core/types.js';

/**
 * The results Salesforce's own features write (Sales Engagement call results, dialer dispositions)
 * and the ones CTI adapters commonly log, compared case- and space-insensitively. A caller's
 * `dispositions` option is consulted first.
 *
 * @example
 * DEFAULT_DISPOSITIONS['left voicemail'] // 'voicemail'
 */
export const DEFAULT_DISPOSITIONS: Readonly<Record<string, Outcome>> = {
  connected: 'connected',
  'meaningful connect': 'connected',
  contacted: 'connected',
  completed: 'connected',
  answered: 'connected',
  'call back later': 'connected',
  'not interested': 'connected',
  unqualified: 'connected',
  interested: 'connected',
  'left voicemail': 'voicemail',
  'left message': 'voicemail',
  'left live message': 'voicemail',
  voicemail: 'voicemail',
  'no answer': 'no-answer',
  busy: 'no-answer',
  'not available': 'no-answer',
  unanswered: 'no-answer',
  'wrong number': 'bounced',
  'bad number': 'bounced',
  'invalid number': 'bounced',
  'number disconnected': 'bounced',
};

/**
 * Checked, in order, against a disposition found in neither map, before it is passed on as given.
 * Shared with the warehouse staging views (`calling-cycle/sql`), which write the same tests in SQL.
 *
 * @example
 * DISPOSITION_PATTERNS.find(([pattern]) => pattern.test('vm left'))?.[1] // 'voicemail'
 */
export const DISPOSITION_PATTERNS: readonly (readonly [RegExp, Outcome])[] = [
  [/voice\s*-?mail|\bvm\b|left (a )?message/, 'voicemail'],
  [/no[\s-]answer|not answered|unanswered|\bbusy\b|no pick ?up/, 'no-answer'],
  [/wrong number|bad number|invalid number|disconnected|not in service/, 'bounced'],
];

/**
 * A disposition as the maps compare it: trimmed, lower-cased, runs of spaces and underscores one space.
 *
 * @example
 * normaliseDisposition(' Left_Voicemail ') // 'left voicemail'
 */
export const normaliseDisposition = (text: string): string =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');

/**
 * The outcome of a call result: the caller's map, then the default map, then a few patterns
 * ("VM left", "No-Answer"); anything else is passed on as given, trimmed, so a cycle's
 * `counts.outcomes` can still name it.
 *
 * @example
 * dispositionOutcome('Left Voicemail') // 'voicemail'
 * dispositionOutcome('Demo booked', { 'demo booked': 'connected' }) // 'connected'
 */
export function dispositionOutcome(disposition: string, overrides: Readonly<Record<string, Outcome>> = {}): Outcome | undefined {
  const key = normaliseDisposition(disposition);
  if (key === '') return undefined;
  for (const [name, outcome] of Object.entries(overrides)) if (normaliseDisposition(name) === key) return outcome;
  const known = DEFAULT_DISPOSITIONS[key];
  if (known !== undefined) return known;
  for (const [pattern, outcome] of DISPOSITION_PATTERNS) if (pattern.test(key)) return outcome;
  return disposition.trim();
}
