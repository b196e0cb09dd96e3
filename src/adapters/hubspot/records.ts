/**
 * The shape every HubSpot CRM v3 record shares: the `{ id, properties }` envelope, a collection as
 * a list or a page of `results`, the contacts a record is associated with, and its timestamps.
 */
import { type IdReading, ILL_FORMED_ID, illFormedIdMessage, textId, wellFormed } from '../shared/ids.js';
import { isNested, unreadable, unreadableMessage } from '../shared/values.js';
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
 * Text holding a lone UTF-16 surrogate is an id no output can carry: `ILL_FORMED_ID`, a `bad-id`
 * wherever it is read.
 *
 * @example
 * idText(101) // '101'
 */
export function idText(value: unknown): IdReading {
  if (typeof value === 'string') return textId(value, (text) => text);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/**
 * The `bad-id` problem of an id property that holds a lone UTF-16 surrogate, worded as fromCsv's.
 *
 * @example
 * illFormed(['properties', 'hubspot_owner_id'], 'contact 101: hubspot_owner_id')
 */
export function illFormed(path: (string | number)[], what: string): Problem {
  return { code: 'bad-id', path, message: illFormedIdMessage(what) };
}

/**
 * A property naming another record (`hubspot_owner_id`): its id, undefined when unset, or the
 * `bad-id` problem when it holds a lone UTF-16 surrogate.
 *
 * @example
 * propertyId(properties, 'hubspot_owner_id', 'contact 101') // '64492917'
 */
export function propertyId(properties: Readonly<Record<string, unknown>>, name: string, owner: string): string | undefined | Problem {
  const id = propertyText(properties, name);
  if (id === undefined) return undefined;
  return idText(id) === ILL_FORMED_ID ? illFormed(['properties', name], `${owner}: ${name}`) : id;
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
 * Checks the `{ id, properties }` envelope; reports and returns undefined when it is not one. A
 * record that refers to itself or nests past any CRM record's depth is an error here, before
 * anything reads it. HubSpot sends every property as text or null: a nested object is an error
 * naming the property (never read as `[object Object]`), unless a configured dotted path reads
 * into it (`nestedRoots`: `company` for `company.annualrevenue`).
 *
 * @example
 * const record = envelope(ledger, 'calls', 0, { id: '101', properties: { hs_timestamp: '2026-11-02T09:00:00Z' } });
 */
export function envelope(
  ledger: Ledger,
  source: HubSpotCollection,
  index: number,
  value: unknown,
  nestedRoots: ReadonlySet<string> = new Set(),
): Envelope | undefined {
  if (!isObject(value)) {
    ledger.fail(source, index, undefined, [{ code: 'not-an-object', path: [], message: `${source}[${index}] is not an object` }]);
    return undefined;
  }
  const unsafe = unreadable(value);
  if (unsafe !== undefined) {
    ledger.fail(source, index, wellFormed(idText(value.id)), [
      { code: 'bad-value', path: unsafe.path.slice(0, 2), message: `${source}[${index}]: ${unreadableMessage(unsafe)}` },
    ]);
    return undefined;
  }
  const id = idText(value.id);
  if (id === undefined || id === ILL_FORMED_ID) {
    ledger.fail(source, index, undefined, [
      id === undefined
        ? { code: 'missing-id', path: ['id'], message: `${source}[${index}] has no id` }
        : illFormed(['id'], `${source}[${index}]: the id`),
    ]);
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
  const properties = value.properties;
  const nested = Object.keys(properties).filter((name) => isNested(properties[name]) && !nestedRoots.has(name));
  if (nested.length > 0) {
    ledger.fail(
      source,
      index,
      id,
      nested.map((name) => ({
        code: 'bad-value',
        path: ['properties', name],
        message: `${source} ${id}: ${name} holds an object or a list where HubSpot sends text`,
      })),
    );
    return undefined;
  }
  return { index, id, record: value, properties: value.properties };
}

/**
 * Ids of the records of one object type (`contacts`, `calls`) a record is associated with, each
 * once, in order, or the problem when the associations have a shape this adapter does not know.
 * Read: v3 `associations.contacts.results[{ id, type }]`, v4 `{ toObjectId, associationTypes }`
 * items, and either list given without its `results` page. Linear in the number of associations.
 *
 * @example
 * associatedIds({ associations: { contacts: { results: [{ toObjectId: 7, associationTypes: [] }] } } }, 'contacts') // ['7']
 */
export function associatedIds(record: Readonly<Record<string, unknown>>, object: string): string[] | Problem {
  const associations = record.associations;
  if (associations === undefined || associations === null) return [];
  const unknown = (path: (string | number)[], what: string): Problem => ({
    code: 'bad-value',
    path,
    message: `${what} is an association shape this adapter does not know (it reads v3 { results: [{ id, type }] } and v4 { toObjectId, associationTypes })`,
  });
  if (!isObject(associations)) return unknown(['associations'], 'associations');
  const entry = Object.hasOwn(associations, object) ? associations[object] : undefined;
  if (entry === undefined || entry === null) return [];
  const list = Array.isArray(entry) ? entry : isObject(entry) && Array.isArray(entry.results) ? entry.results : undefined;
  const base = Array.isArray(entry) ? ['associations', object] : ['associations', object, 'results'];
  if (list === undefined) return unknown(['associations', object], `associations.${object}`);
  const ids: string[] = [];
  // A labelled association is listed twice (once unlabelled, once with its label's type): one record, one touch.
  const seen = new Set<string>();
  for (let position = 0; position < list.length; position++) {
    const item: unknown = list[position];
    const field = isObject(item) && Object.hasOwn(item, 'toObjectId') ? 'toObjectId' : 'id';
    const id = isObject(item) ? idText(item[field]) : undefined;
    if (id === undefined) return unknown([...base, position], `associations.${object}[${position}]`);
    if (id === ILL_FORMED_ID) return illFormed([...base, position, field], `associations.${object}[${position}]: the ${field === 'id' ? 'id' : field}`);
    if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  }
  return ids;
}

/**
 * A call written through the calls API may name its contact in `hs_call_callee_object_id` instead
 * of an association (`hs_call_callee_object_type` CONTACT, or `hs_call_callee_object_type_id` 0-1,
 * the contact object's type id). A callee id holding a lone UTF-16 surrogate is the call's
 * `bad-id` problem.
 *
 * @example
 * calleeContact({ hs_call_callee_object_id: '7', hs_call_callee_object_type: 'CONTACT' }, 'call 9001') // ['7']
 */
export function calleeContact(properties: Readonly<Record<string, unknown>>, call: string): string[] | Problem {
  const type = propertyText(properties, 'hs_call_callee_object_type')?.toUpperCase();
  const typeId = propertyText(properties, 'hs_call_callee_object_type_id');
  if (type !== 'CONTACT' && typeId !== '0-1') return [];
  const id = propertyId(properties, 'hs_call_callee_object_id', call);
  return id === undefined ? [] : typeof id === 'string' ? [id] : id;
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
