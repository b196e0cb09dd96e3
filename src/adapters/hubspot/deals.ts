/** Won HubSpot deals to a `closedWon` event (or the caller's name for it) on their contacts. */
import type { Contact } from '../../core/types.js';
import type { HubSpotSkipReason, Ledger, Problem } from './ledger.js';
import { FirstSeen } from '../shared/values.js';
import { associatedIds, envelope } from './records.js';
import type { FromHubSpotOptions } from './types.js';
import { propertyText, readDate } from './values.js';

/**
 * Won deals give each contact they name the latest close date as `closedWonEvent`; the contacts
 * are changed in place, being the ones this read has just made.
 *
 * @example
 * readDeals(ledger, dealPage.results, options, targetsOf, contactsById);
 */
export function readDeals(
  ledger: Ledger,
  list: readonly unknown[],
  options: FromHubSpotOptions,
  targetsOf: (ids: readonly string[], id: string) => string[] | HubSpotSkipReason | Problem,
  contacts: ReadonlyMap<string, Contact>,
): void {
  const event = options.closedWonEvent ?? 'closedWon';
  const wonStages = new Set(['closedwon', ...(options.wonStages ?? [])]);
  const latest = new Map<string, string>();
  const seen = new FirstSeen();
  const readOne = (value: unknown, index: number) => {
    const record = envelope(ledger, 'deals', index, value);
    if (record === undefined) return;
    const { id, properties } = record;
    if (!seen.first(id)) return ledger.skip('deals', index, id, 'duplicate-id');
    if (record.record.archived === true && options.includeArchived !== true) return ledger.skip('deals', index, id, 'archived');
    const stage = propertyText(properties, 'dealstage');
    const won = propertyText(properties, 'hs_is_closed_won')?.toLowerCase() === 'true' || (stage !== undefined && wonStages.has(stage));
    if (!won) return ledger.skip('deals', index, id, 'deal-not-won');
    const closeText = propertyText(properties, 'closedate');
    const closedOn = closeText === undefined ? undefined : readDate(closeText);
    if (closedOn === undefined) {
      return ledger.fail('deals', index, id, [
        closeText === undefined
          ? { code: 'missing-field', path: ['properties', 'closedate'], message: `deal ${id} is won but has no closedate` }
          : {
              code: 'bad-date',
              path: ['properties', 'closedate'],
              message: `deal ${id}: closedate ${JSON.stringify(closeText)} is not a date`,
            },
      ]);
    }
    const associated = associatedIds(record.record, 'contacts');
    if (!Array.isArray(associated)) return ledger.fail('deals', index, id, [{ ...associated, message: `deal ${id}: ${associated.message}` }]);
    const targets = targetsOf(associated, id);
    if (typeof targets === 'string') return ledger.skip('deals', index, id, targets);
    if (!Array.isArray(targets)) return ledger.fail('deals', index, id, [targets]);
    for (const contactId of targets) {
      const previous = latest.get(contactId);
      if (previous === undefined || closedOn > previous) latest.set(contactId, closedOn);
    }
    ledger.mapped('deals');
  };
  list.forEach(readOne);
  for (const [contactId, date] of latest) {
    const contact = contacts.get(contactId);
    if (contact !== undefined) contact.events = { ...contact.events, [event]: date };
  }
}
