/** How the occurrence table names a rule: its anchor and text, so a changed rule never reads stale rows. */
export function occurrenceKey(rrule: string, anchor: string): string {
  return `${anchor} ${rrule}`;
}

/** The date of the row that says "no occurrence after the ones before it". */
export const OCCURRENCES_ENDED = '9999-12-31';

/**
 * The date the query reads when the occurrence table has no row for a rule in a zone (tables made
 * for another policy): never a real answer, so the row says `unknown-rule`.
 */
export const OCCURRENCES_MISSING = '0001-01-01';

/**
 * The anchor part of the key of a series read from each contact's own anchor on (createdAt or an
 * event): the rule's dates do not depend on its start, so one series from the support tables'
 * first day serves every anchor.
 */
export const PER_CONTACT_ANCHOR = 'per-contact';
