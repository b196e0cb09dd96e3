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
  | 'bad-id'
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

/**
 * Something about the input as a whole that is no record's fault, yet would leave the result
 * quietly wrong: a field the options name that no record holds (a misspelt property, a
 * `Account.AnnualRevenue` the query did not select), so every contact falls to the default tier.
 */
export interface AdapterWarning {
  /** `field-never-set`: a configured field is absent from every record of `source`. */
  code: 'field-never-set';
  source: string;
  /** The field, as a path inside the records. */
  path: (string | number)[];
  message: string;
}

/**
 * An owner as an adapter reads it: `active: false` marks a rep the CRM has archived or
 * deactivated. Such a rep is kept, so their contacts still plan (under their name) and a manager
 * sees whose book to reassign; without the mark every owner read is active.
 */
export interface AdapterOwner extends Owner {
  active?: false;
}

/** What `fromHubSpot`, `fromSalesforce`, `fromPipedrive` and the CSV reader return. */
export interface AdapterResult {
  contacts: Contact[];
  touches: Touch[];
  owners: AdapterOwner[];
  errors: AdapterError[];
  skipped: SkippedRecord[];
  /** Problems of the input as a whole (a configured field no record holds); every record is still accounted for in `counts`. */
  warnings: AdapterWarning[];
  /**
   * Records read per collection; for every collection,
   * `read = mapped + skipped + errors` (a record mapped to several touches counts once).
   */
  counts: Record<string, { read: number; mapped: number; skipped: number; errors: number }>;
}
