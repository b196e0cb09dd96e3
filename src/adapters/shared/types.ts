/**
 * What every CRM adapter returns and reports, so a CRM developer learns one shape. Adapters map
 * plain records (the objects a CRM's API returns) to the engine's wire format and back; they never
 * drop a record silently: each input record is mapped, skipped for a named reason, or an error.
 */
import type { Contact, Owner, Touch } from '../../core/types.js';

/** Stable machine codes of adapter errors; `message` is for people. */
export type AdapterErrorCode =
  | 'not-an-object'
  | 'missing-id'
  | 'duplicate-id'
  | 'missing-field'
  | 'bad-instant'
  | 'bad-date'
  | 'bad-value'
  | 'unknown-zone'
  | 'unknown-contact'
  | 'no-contact'
  | 'unknown-collection';

/** One input record the adapter could not map: which collection, where, which field, and why. */
export interface AdapterError {
  code: AdapterErrorCode;
  /** The collection the record came from, as the CRM names it (`calls`, `Task`, `activities` …). */
  source: string;
  /** Position in that collection. */
  index: number;
  /** The record's own id, when it has one. */
  id?: string;
  /** Path to the bad field inside the record, e.g. `['properties', 'hs_timestamp']`. */
  path: (string | number)[];
  message: string;
}

/**
 * Why a record was left out on purpose. Each reason names the option that changes it (see the
 * adapter's docs page), so nothing is dropped without the caller being able to say otherwise.
 */
export interface SkippedRecord {
  source: string;
  index: number;
  id?: string;
  /** A short machine reason: `open-activity`, `deleted`, `not-a-touch-type` … */
  reason: string;
}

/** What `fromHubSpot`, `fromSalesforce`, `fromPipedrive` and the CSV reader return. */
export interface AdapterResult {
  contacts: Contact[];
  touches: Touch[];
  owners: Owner[];
  errors: AdapterError[];
  skipped: SkippedRecord[];
  /**
   * Records read per collection; for every collection,
   * `read = mapped + skipped + errors` (a record mapped to several touches counts once).
   */
  counts: Record<string, { read: number; mapped: number; skipped: number; errors: number }>;
}
