/**
 * The shape every HubSpot CRM v3 record shares: the `{ id, properties }` envelope, a collection as
 * a list or a page of `results`, the contacts a record is associated with, and its timestamps.
 */
import { isWellFormedText } from '../../schema/text.js';
import type { Ledger, Problem } from './ledger.js';
import type { HubSpotCollection } from './types.js';
import { propertyText, readInstant } from './values.js';

/**
 * One record's envelope once checked: its id as a string and its properties.
 *
 * @example
 * const record: Envelope = { index: 0, id: '101', record: value, properties: value.properties };
 */
export interface Envelope {
  index: number;
  id: string;
  record: Readonly<Record<string, unknown>>;
  properties: Readonly<Record<string, unknown>>;
}

/**
 * Whether a value is a plain object (not an array, not a `Date`).
 *
 * @example
 * isObject({ id: '101' }) // true
 */
export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * A record id as a string: HubSpot ids are numeric strings, an SDK or export may give numbers.
 *
 * @example
 * idText(101) // '101'
 */
export function idText(value: unknown): string | undefined {
  // A lone UTF-16 surrogate cannot be written anywhere: such an id is no id (docs/errors.md).
  if (typeof value === 'string') return value.trim() === '' || !isWellFormedText(value) ? undefined : value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/**
 * The records of one collection: an array, or a page as the list endpoints return it
 * (`{ results: [...], paging }`), since passing the response body straight in is the common case.
 *
 * @example
 * listOf({ results: [call], paging: {} }) // [call]
 */
export function listOf(value: unknown): readonly unknown[] | undefined {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (isObject(value) && Array.isArray(value.results)) return value.results;
  return undefined;
}

/**
 * Checks the `{ id, properties }` envelope; reports and returns undefined when it is not one.
 *
 * @example
 * const record = envelope(ledger, 'calls', 0, { id: '101', properties: { hs_timestamp: '2026-11-02T09:00:00Z' } });
 */
export function envelope(ledger: Ledger, source: HubSpotCollection, index: number, value: unknown): Envelope | undefined {
  if (!isObject(value)) {
    ledger.fail(source, index, undefined, [{ code: 'not-an-object', path: [], message: `${source}[${index}] is not an object` }]);
    return undefined;
  }
  const id = idText(value.id);
  if (id === undefined) {
    ledger.fail(source, index, undefined, [{ code: 'missing-id', path: ['id'], message: `${source}[${index}] has no id` }]);
    return undefined;
  }
  if (!isObject(value.properties)) {
    ledger.fail(source, index, id, [
      {
        code: 'missing-field',
        path: ['properties'],
        message: `${source} ${id}: no properties object (HubSpot objects hold their fields in properties)`,
      },
    ]);
    return undefined;
  }
  return { index, id, record: value, properties: value.properties };
}

/**
 * Ids of the contacts a record is associated with (`associations.contacts.results`), each once.
 *
 * @example
 * associatedContacts({ associations: { contacts: { results: [{ id: '7', type: 'call_to_contact' }] } } }) // ['7']
 */
export function associatedContacts(record: Readonly<Record<string, unknown>>): string[] {
  const associations = record.associations;
  if (!isObject(associations)) return [];
  const contacts = associations.contacts;
  if (!isObject(contacts) || !Array.isArray(contacts.results)) return [];
  const ids: string[] = [];
  // A labelled association is listed twice (once unlabelled, once with its label's type): one contact, one touch.
  for (const result of contacts.results) {
    const id = isObject(result) ? idText(result.id) : undefined;
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * A call written through the calls API may name its contact in `hs_call_callee_object_id` instead
 * of an association (`hs_call_callee_object_type` CONTACT, or `hs_call_callee_object_type_id` 0-1,
 * the contact object's type id).
 *
 * @example
 * calleeContact({ hs_call_callee_object_id: '7', hs_call_callee_object_type: 'CONTACT' }) // ['7']
 */
export function calleeContact(properties: Readonly<Record<string, unknown>>): string[] {
  const id = propertyText(properties, 'hs_call_callee_object_id');
  const type = propertyText(properties, 'hs_call_callee_object_type')?.toUpperCase();
  const typeId = propertyText(properties, 'hs_call_callee_object_type_id');
  return id !== undefined && (type === 'CONTACT' || typeId === '0-1') ? [id] : [];
}

/**
 * A required timestamp property as a canonical instant, or the problem with it.
 *
 * @example
 * timestampOf('call', '101', 'hs_timestamp', '1762074000000') // '2025-11-02T09:00:00.000Z'
 */
export function timestampOf(source: string, id: string, name: string, value: unknown): string | Problem {
  if (value === null || value === undefined || value === '') {
    return { code: 'missing-field', path: ['properties', name], message: `${source} ${id}: ${name} is not set` };
  }
  return (
    readInstant(value) ?? {
      code: 'bad-instant',
      path: ['properties', name],
      message: `${source} ${id}: ${name} ${JSON.stringify(value)} is not an ISO 8601 instant nor epoch milliseconds`,
    }
  );
}
