/**
 * Reading one Salesforce field, whether the record came from the REST/SOQL API
 * (`{ attributes, Id, WhoId, CompletedDateTime: '2026-11-02T10:00:00.000+0000' }`) or from a
 * warehouse export of the same object (`{ id, who_id, completed_date_time: '2026-11-02 10:00:00' }`).
 * The mapping code names fields once, by their API names; this file finds them in either shape and
 * turns Salesforce's values (offsets without a colon, date-only fields, `"TRUE"` strings from a CSV
 * export) into the engine's.
 */
import { type IdReading, textId } from '../shared/ids.js';
import { DateTime } from 'luxon';
import { formatDate, MS_PER_DAY, parseDate } from '../../time/dates.js';
import { formatInstant, MAX_INSTANT_MS, MIN_INSTANT_MS, parseInstant } from '../../time/instant.js';
import { ownValue, valueAtPath } from '../shared/values.js';

/**
 * Where the records come from: the REST/SOQL API, or a warehouse export (snake_case, UTC without offset).
 *
 * @example
 * fromSalesforce(rows, { source: 'warehouse' satisfies SalesforceSource });
 */
export type SalesforceSource = 'api' | 'warehouse';

/** One record of any object, as the API or a warehouse row has it. */
export type SalesforceRecord = Record<string, unknown>;

/**
 * Whether a value is a record (a plain object, not an array).
 *
 * @example
 * isRecord({ Id: '003…' }) // true
 */
export const isRecord = (value: unknown): value is SalesforceRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The warehouse column of an API field name, as Fivetran and Airbyte write it: `WhoId` →
 * `who_id`, `TimeZoneSidKey` → `time_zone_sid_key`, `Calling_Cycle_Key__c` → `calling_cycle_key_c`.
 *
 * @example
 * warehouseColumn('CompletedDateTime') // 'completed_date_time'
 */
export function warehouseColumn(apiName: string): string {
  return apiName
    .replace(/__/g, '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/_+/g, '_');
}

const columnCache = new Map<string, string>();

/**
 * Reads fields by API name from a record of either source.
 *
 * @example
 * new FieldReader('warehouse').get({ who_id: '003…' }, 'WhoId') // '003…'
 */
export class FieldReader {
  constructor(readonly source: SalesforceSource) {}

  /** The name a field has in this source: the API name, or its warehouse column. */
  name(apiName: string): string {
    if (this.source === 'api') return apiName;
    let column = columnCache.get(apiName);
    if (column === undefined) {
      column = warehouseColumn(apiName);
      columnCache.set(apiName, column);
    }
    return column;
  }

  /**
   * The field's value; `null` and the empty string (a CSV's empty cell) read as absent. Own
   * properties only (`valueOf` is never a field). A dotted name (`Account.AnnualRevenue`) reads a
   * parent's field as SOQL nests it, when no field has that whole name.
   */
  get(record: SalesforceRecord, apiName: string): unknown {
    const name = this.name(apiName);
    // A warehouse caller may also name a column exactly as it is (a custom field renamed by a view).
    let value = Object.hasOwn(record, name) ? record[name] : this.source === 'warehouse' ? ownValue(record, apiName) : undefined;
    if (value === undefined && apiName.includes('.')) value = valueAtPath(record, apiName);
    return value === null || value === '' ? undefined : value;
  }
}

/**
 * A boolean as the API (`true`) or an export (`"TRUE"`, `"t"`, `1`) writes it; `'bad'` for anything else.
 *
 * @example
 * readFlag('FALSE') // false
 */
export function readFlag(value: unknown): boolean | undefined | 'bad' {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true' || text === 't' || text === '1') return true;
    if (text === 'false' || text === 'f' || text === '0') return false;
  }
  return 'bad';
}

/**
 * An id as a string (Salesforce ids are strings; a warehouse may hand back numbers for custom keys).
 * Text holding a lone UTF-16 surrogate is an id no output can carry: `ILL_FORMED_ID`, a `bad-id`
 * wherever it is read.
 *
 * @example
 * readId(' 0038c00002Ada01AAB ') // '0038c00002Ada01AAB'
 */
export function readId(value: unknown): IdReading {
  if (typeof value === 'string') return textId(value, (text) => text.trim());
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

const ID_SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 18-character form of a Salesforce id. A 15-character id (reports, formulas, old exports) is
 * case-sensitive; the API's 18-character form appends three characters that encode the case of
 * each five-character chunk, so `001A0000006Vm9r` and `001A0000006Vm9rIAC` name the same record.
 * Other text comes back unchanged.
 *
 * @example
 * canonicalId('001A0000006Vm9r') // '001A0000006Vm9rIAC'
 */
export function canonicalId(id: string): string {
  if (id.length !== 15 || !/^[A-Za-z0-9]{15}$/.test(id)) return id;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let position = 0; position < 5; position++) {
      const code = id.charCodeAt(chunk * 5 + position);
      if (code >= 65 && code <= 90) bits |= 1 << position;
    }
    suffix += ID_SUFFIX_CHARS[bits];
  }
  return id + suffix;
}

/**
 * Key prefixes of the objects a WhoId or an OwnerId can name.
 *
 * @example
 * whoId.startsWith(ID_PREFIX.lead) // a Lead
 */
export const ID_PREFIX = { contact: '003', lead: '00Q', user: '005', queue: '00G' } as const;

/**
 * Epoch ms of a datetime field, or undefined when it is not one. The API writes
 * `2026-11-02T10:00:00.000+0000` (an offset without a colon, which plain ISO readers refuse); a
 * warehouse writes `2026-11-02 10:00:00` in UTC without saying so, sometimes with a `UTC` or
 * `+00:00` after a space; drivers hand back `Date` objects or epoch ms.
 *
 * @example
 * readInstant('2026-11-02T10:00:00.000+0000', 'api') === readInstant('2026-11-02 10:00:00', 'warehouse') // true
 */
export function readInstant(value: unknown, source: SalesforceSource): number | undefined {
  let ms: number | undefined;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = Number.isFinite(value) ? Math.trunc(value) : undefined;
  else if (typeof value === 'string') {
    let text = value.trim();
    if (source === 'warehouse') {
      text = text.replace(/\s+(UTC|GMT)$/i, 'Z').replace(/\s+([+-]\d{2}(?::?\d{2})?)$/, '$1');
      if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}([.,]\d{1,9})?)?$/.test(text)) text += 'Z';
    }
    ms = parseInstant(text);
  }
  return ms !== undefined && !Number.isNaN(ms) && ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS ? ms : undefined;
}

/**
 * A canonical UTC instant from epoch ms.
 *
 * @example
 * instantText(Date.UTC(2026, 10, 2, 10)) // '2026-11-02T10:00:00.000Z'
 */
export const instantText = (ms: number): string => formatInstant(ms);

/**
 * A date-only field (`ActivityDate`, `CloseDate`) as `YYYY-MM-DD`, or undefined. Salesforce
 * stores these as dates with no zone; a warehouse may widen them to a timestamp at midnight
 * (`2019-11-11 00:00:00`), whose date part is the date. A `Date` object is read in UTC, as the
 * API documents these fields: configure a driver to return date columns as text to be safe.
 *
 * @example
 * readDate('2019-11-11 00:00:00', 'warehouse') // '2019-11-11'
 */
export function readDate(value: unknown, source: SalesforceSource): string | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : formatDate(Math.floor(ms / MS_PER_DAY));
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (parseDate(text) !== undefined) return text;
  if (source === 'warehouse' && /^\d{4}-\d{2}-\d{2}[T ]/.test(text) && parseDate(text.slice(0, 10)) !== undefined) {
    return text.slice(0, 10);
  }
  return undefined;
}

/**
 * The instant of `time` (`HH:MM`) on a civil date in a zone, for activities that only carry a
 * date. A time that does not exist that day (a DST gap) moves forward, as luxon does.
 *
 * @example
 * localInstant('2026-10-20', '12:00', 'America/New_York') // Date.UTC(2026, 9, 20, 16)
 */
export function localInstant(date: string, time: string, zone: string): number {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return DateTime.fromObject({ year, month, day, hour, minute }, { zone }).toMillis();
}

/**
 * Whether `text` is a clock time `HH:MM` (00:00–23:59).
 *
 * @example
 * isClockTime('09:30') // true
 */
export const isClockTime = (text: unknown): text is string => typeof text === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
