/** HubSpot contacts to the engine's contacts: owner, zone, creation date, attributes, tier, do-not-contact. */
import type { Contact } from '../../core/types.js';
import { FirstSeen } from '../shared/values.js';
import type { Ledger, Problem } from './ledger.js';
import { envelope, propertyId } from './records.js';
import type { FromHubSpotOptions } from './types.js';
import { attributeValue, configuredProperty, propertyText, readFlag, readInstant } from './values.js';
import { hubSpotTimeZone } from './zones.js';

/**
 * Maps the contacts, reporting each to the ledger; `unmapped` holds the ids read but left out, so
 * an activity of theirs is skipped as `contact-not-mapped` rather than `contact-not-in-book`.
 *
 * @example
 * const { contacts, unmapped } = readContacts(ledger, contactPage.results, options);
 */
export function readContacts(
  ledger: Ledger,
  list: readonly unknown[],
  options: FromHubSpotOptions,
  nestedRoots: ReadonlySet<string>,
): { contacts: Contact[]; unmapped: Set<string> } {
  const contacts: Contact[] = [];
  const seen = new FirstSeen();
  // Each property the options name, and whether any contact has it set: one set nowhere is a warning.
  const everSet = new Map<string, boolean>();
  const configured = (properties: Readonly<Record<string, unknown>>, name: string, id: string, problems: Problem[]) => {
    const text = configuredProperty(properties, name);
    if (!everSet.get(name) && text !== undefined) everSet.set(name, true);
    if (text === null) {
      problems.push({
        code: 'bad-value',
        path: ['properties', ...name.split('.')],
        message: `contact ${id}: ${name} holds an object or a list where text belongs`,
      });
      return undefined;
    }
    return text;
  };
  // Contacts that were in the input but did not come out: their activities say so when skipped.
  const unmapped = new Set<string>();
  const attributeNames: readonly (readonly [string, string])[] = Array.isArray(options.attributes)
    ? (options.attributes as readonly string[]).map((name) => [name, name] as const)
    : Object.entries((options.attributes as Readonly<Record<string, string>> | undefined) ?? {});
  for (const name of [...attributeNames.map(([property]) => property), options.tierProperty, ...(options.doNotContactProperties ?? [])]) {
    if (name !== undefined) everSet.set(name, false);
  }

  const readOne = (value: unknown, index: number) => {
    const record = envelope(ledger, 'contacts', index, value, nestedRoots);
    if (record === undefined) return;
    const { id, properties } = record;
    // The same contact on two overlapping pages: the first is kept, as in every adapter.
    if (!seen.first(id)) return ledger.skip('contacts', index, id, 'duplicate-id');
    if (record.record.archived === true && options.includeArchived !== true) {
      unmapped.add(id);
      return ledger.skip('contacts', index, id, 'archived');
    }
    const problems: Problem[] = [];
    const contact: Contact = { id };
    const name = [propertyText(properties, 'firstname'), propertyText(properties, 'lastname')].filter((part) => part !== undefined).join(' ');
    if (name !== '') contact.name = name;

    const ownerId = propertyId(properties, 'hubspot_owner_id', `contact ${id}`);
    if (typeof ownerId === 'string') contact.ownerId = ownerId;
    else if (ownerId !== undefined) problems.push(ownerId);

    const zoneText = propertyText(properties, 'hs_timezone');
    if (zoneText !== undefined) {
      const zone = hubSpotTimeZone(zoneText);
      if (zone === undefined) {
        problems.push({
          code: 'unknown-zone',
          path: ['properties', 'hs_timezone'],
          message: `contact ${id}: hs_timezone ${JSON.stringify(zoneText)} names no known IANA time zone`,
        });
      } else contact.timeZone = zone;
    }

    // HubSpot's createdate property; the object's createdAt when the request did not ask for it.
    const fromProperty = propertyText(properties, 'createdate') !== undefined;
    const created = fromProperty ? properties.createdate : record.record.createdAt;
    if (created !== undefined && created !== null && created !== '') {
      const createdAt = readInstant(created);
      if (createdAt === undefined) {
        problems.push({
          code: 'bad-instant',
          path: fromProperty ? ['properties', 'createdate'] : ['createdAt'],
          message: `contact ${id}: ${fromProperty ? 'createdate' : 'createdAt'} ${JSON.stringify(created)} is not an ISO 8601 instant nor epoch milliseconds`,
        });
      } else contact.createdAt = createdAt;
    }

    if (attributeNames.length > 0) {
      const attributes: Record<string, unknown> = {};
      for (const [property, attribute] of attributeNames) {
        const text = configured(properties, property, id, problems);
        if (text !== undefined) attributes[attribute] = attributeValue(text);
      }
      contact.attributes = attributes;
    }

    if (options.tierProperty !== undefined) {
      const tier = configured(properties, options.tierProperty, id, problems);
      if (tier !== undefined) contact.tier = tier;
    }

    for (const name of options.doNotContactProperties ?? []) {
      const text = configured(properties, name, id, problems);
      if (text === undefined) continue;
      const flag = readFlag(text);
      if (flag === undefined) {
        problems.push({
          code: 'bad-value',
          path: ['properties', name],
          message: `contact ${id}: ${name} ${JSON.stringify(text)} is not true or false`,
        });
      } else if (flag) contact.doNotContact = true;
    }

    if (problems.length > 0) {
      unmapped.add(id);
      return ledger.fail('contacts', index, id, problems);
    }
    contacts.push(contact);
    ledger.mapped('contacts');
  };
  list.forEach(readOne);
  if (list.length > 0) {
    for (const [name, set] of everSet) {
      if (set) continue;
      ledger.warnings.push({
        code: 'field-never-set',
        source: 'contacts',
        path: ['properties', ...name.split('.')],
        message: `no contact has the property ${JSON.stringify(name)} the options name: check its spelling, and that the request asked for it (properties=${name.split('.')[0]})`,
      });
    }
  }
  for (const contact of contacts) unmapped.delete(contact.id as string);
  return { contacts, unmapped };
}
