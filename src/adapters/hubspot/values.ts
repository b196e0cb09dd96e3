/**
 * Reading HubSpot property values: every property arrives as a string (or null when unset), and
 * the same timestamp property may hold an ISO instant or epoch milliseconds as digits, depending
 * on how the record was written.
 */
import { parseDate } from '../../time/dates.js';
import { formatInstant, MAX_INSTANT_MS, MIN_INSTANT_MS, parseInstant } from '../../time/instant.js';
import type { Outcome } from '../../core/types.js';
import { epochDigits, isNested, ownValue, valueAtPath } from '../shared/values.js';

/**
 * HubSpot's built-in call outcomes (`hs_call_disposition` GUIDs, the same in every portal) and the
 * outcome each becomes. Attempts that reached nobody map to the engine's attempt outcomes
 * (`no-answer`, `voicemail`), which a cycle does not count unless it says so: a busy line is not
 * a conversation, nor is a message left with whoever picked up.
 *
 * @example
 * HUBSPOT_CALL_DISPOSITIONS['f240bbac-87c9-4f6e-bf70-924b57d47db7'] // { label: 'Connected', outcome: 'connected' }
 */
export const HUBSPOT_CALL_DISPOSITIONS: Readonly<Record<string, { label: string; outcome: Outcome }>> = {
  'f240bbac-87c9-4f6e-bf70-924b57d47db7': { label: 'Connected', outcome: 'connected' },
  '9d9162e7-6cf3-4944-bf63-4dff82258764': { label: 'Busy', outcome: 'no-answer' },
  '73a0d17f-1163-4015-bdd5-ec830791da20': { label: 'No answer', outcome: 'no-answer' },
  '17b47fee-58de-441e-a44c-c6300d46f273': { label: 'Wrong number', outcome: 'no-answer' },
  'b2cf5968-551e-4856-9783-52b3da59a7d0': { label: 'Left voicemail', outcome: 'voicemail' },
  'a4c4c377-d246-4b32-a13b-75a56a4cd0ff': { label: 'Left live message', outcome: 'voicemail' },
};


/** A property as trimmed text, or undefined when unset (null, missing or empty); own properties only. */
export function propertyText(properties: Readonly<Record<string, unknown>>, name: string): string | undefined {
  return scalarText(ownValue(properties, name));
}

function scalarText(value: unknown): string | undefined {
  // Nested values are refused when the record is checked (records.ts): never read as "[object Object]".
  if (value === null || value === undefined || isNested(value)) return undefined;
  const text = (typeof value === 'string' ? value : String(value)).trim();
  return text === '' ? undefined : text;
}

/**
 * A property the options name (`tierProperty`, an attribute…), by its name or a dotted path into
 * a nested value (`company.annualrevenue`): its text, undefined when unset, or `null` when it
 * holds an object or a list where text belongs (an error of the record).
 *
 * @example
 * configuredProperty({ company: { annualrevenue: '5000000' } }, 'company.annualrevenue') // '5000000'
 */
export function configuredProperty(properties: Readonly<Record<string, unknown>>, path: string): string | undefined | null {
  const value = valueAtPath(properties, path);
  return isNested(value) ? null : scalarText(value);
}

/**
 * An instant as a canonical UTC ISO string: ISO 8601 with an offset or `Z`, epoch milliseconds
 * (as a number, or as 12 to 16 digits, as HubSpot writes `hs_timestamp` set through the API), or
 * a `Date` (the official SDKs turn `createdAt` into one). Undefined when it is none of these.
 */
export function readInstant(value: unknown): string | undefined {
  let ms: number | undefined;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'string' && /^\d+$/.test(value.trim())) ms = epochDigits(value.trim());
  else ms = parseInstant(typeof value === 'string' ? value.trim() : value);
  if (ms === undefined || !Number.isFinite(ms) || ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) return undefined;
  return formatInstant(ms);
}

/**
 * A close date as `YYYY-MM-DD`. HubSpot keeps date-valued properties such as `closedate` at
 * midnight UTC, so the UTC date of the instant is the date the rep picked; reading it as an
 * instant in a New York contact's zone would move the close to the day before.
 */
export function readDate(value: unknown): string | undefined {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
    return parseDate(value.trim()) === undefined ? undefined : value.trim();
  }
  return readInstant(value)?.slice(0, 10);
}

/** A checkbox-like value: true, false, or undefined when it is neither. */
export function readFlag(value: string): boolean | undefined {
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'yes' || lower === '1') return true;
  if (lower === 'false' || lower === 'no' || lower === '0') return false;
  return undefined;
}

/**
 * An attribute value for tier rules: plain decimal numbers (`120000`, `-3.5`) become numbers so
 * `gte`/`lte` and top-N rules work; anything else (including `02139`, a postcode) stays text.
 */
export function attributeValue(text: string): string | number {
  return /^-?(0|[1-9]\d*)(\.\d+)?$/.test(text) && Number.isFinite(Number(text)) ? Number(text) : text;
}
