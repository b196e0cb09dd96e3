/** How the occurrence table names a rule: its anchor and text, so a changed rule never reads stale rows. */
export function occurrenceKey(rrule: string, anchor: string): string {
  return `${anchor} ${rrule}`;
}

/** The date of the row that says "no occurrence after the ones before it". */
export const OCCURRENCES_ENDED = '9999-12-31';
