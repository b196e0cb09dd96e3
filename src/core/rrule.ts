/**
 * The one module that talks to rrule.
 *
 * rrule 2.8.1 ships CommonJS under an entry that looks like ESM: bundlers and vitest see named
 * exports, plain Node ESM sees only a default export. Reading both shapes here keeps every
 * other module, and every way of loading the package, free of that trap.
 */
import * as rruleModule from 'rrule';

type RRuleModule = typeof import('rrule');

const moduleShape = rruleModule as RRuleModule & { default?: RRuleModule };
const rrule: RRuleModule = moduleShape.RRule ? moduleShape : moduleShape.default!;

export const RRule = rrule.RRule;
export type RRuleOptions = import('rrule').Options;

/**
 * Checks an RRULE value (with or without the `RRULE:` prefix) and returns a message when it is
 * not one; `undefined` when it is fine. DTSTART is not part of a cadence rule: the anchor is.
 */
export function rruleProblem(text: string): string | undefined {
  const body = text.replace(/^RRULE:/i, '').trim();
  if (!/(^|;)FREQ=/i.test(body)) return 'an RRULE needs FREQ (e.g. FREQ=MONTHLY;BYDAY=1TU)';
  if (/(^|;)DTSTART/i.test(body) || /\n/.test(body)) return 'give the start as the cadence anchor, not in the RRULE';
  try {
    RRule.parseString(body);
    return undefined;
  } catch (error) {
    return `not an RFC 5545 RRULE: ${(error as Error).message}`;
  }
}
