/**
 * Won Opportunities and their contact roles: each contact of a won deal gets its close date as an
 * event (`closedWon`), the latest when it has several.
 */
import { ILL_FORMED_ID } from '../shared/ids.js';
import { asArray, nested, type RecordChecks } from './checks.js';
import type { Directory } from './directory.js';
import { canonicalId, type FieldReader, isRecord, readDate, readFlag, readId } from './fields.js';
import type { Ledger, RecordRef } from './ledger.js';
import type { SalesforceRecords } from './types.js';

/** A won opportunity: its close date and how many of its contact roles were mapped. */
interface WonOpportunity {
  closeDate: string;
  ref: RecordRef;
  roles: number;
}

/**
 * Reads Opportunities and their contact roles (flat, or nested in each Opportunity): a won one
 * sets `wonEvent` on each contact of its roles; a won one without any mapped role is skipped.
 *
 * @example
 * new OpportunityReader(records, checks, directory, 'closedWon').read();
 */
export class OpportunityReader {
  private readonly ledger: Ledger;
  private readonly fields: FieldReader;

  constructor(
    private readonly records: SalesforceRecords,
    private readonly checks: RecordChecks,
    private readonly directory: Directory,
    private readonly wonEvent: string,
  ) {
    this.ledger = checks.ledger;
    this.fields = checks.fields;
  }

  /** All opportunities and contact roles; each won opportunity is reported once its roles are. */
  read(): undefined {
    /** Won opportunity id → its close date; undefined for opportunities read but not won. */
    const won = new Map<string, WonOpportunity | undefined>();
    // Flat role records first, then those nested in their opportunity: numbered in that order.
    const roles: unknown[] = [...asArray(this.records.opportunityContactRoles, 'opportunityContactRoles')];

    const pending: RecordRef[] = [];
    for (const [index, value] of asArray(this.records.opportunities, 'opportunities').entries()) {
      if (isRecord(value)) {
        // An ill-formed parent Id goes to its roles as it is, so each is that id's bad-id error.
        const parentId = readId(this.fields.get(value, 'Id'));
        const parentValue = parentId === ILL_FORMED_ID ? this.fields.get(value, 'Id') : parentId;
        for (const record of nested(value.OpportunityContactRoles)) {
          const role =
            isRecord(record) && parentId !== undefined && record.OpportunityId === undefined
              ? { ...record, OpportunityId: parentValue }
              : record;
          roles.push(role);
        }
      }
      this.readOpportunity(value, index, won, pending);
    }

    for (const [index, role] of roles.entries()) {
      const usable = this.checks.usable('opportunityContactRoles', role, index);
      if (usable === undefined) continue;
      const { record, ref } = usable;
      const opportunityId = readId(this.fields.get(record, 'OpportunityId'));
      const contactId = readId(this.fields.get(record, 'ContactId'));
      if (opportunityId === undefined || contactId === undefined) {
        const field = opportunityId === undefined ? 'OpportunityId' : 'ContactId';
        this.ledger.error(ref, 'missing-field', [this.fields.name(field)], `OpportunityContactRole has no ${field}`);
        continue;
      }
      if (opportunityId === ILL_FORMED_ID || contactId === ILL_FORMED_ID) {
        this.checks.badId(ref, opportunityId === ILL_FORMED_ID ? 'OpportunityId' : 'ContactId');
        continue;
      }
      const opportunityKey = canonicalId(opportunityId);
      if (!won.has(opportunityKey)) {
        this.ledger.skip(ref, 'opportunity-not-in-records');
        continue;
      }
      const opportunity = won.get(opportunityKey);
      if (opportunity === undefined) {
        this.ledger.skip(ref, 'opportunity-not-won');
        continue;
      }
      const resolved = this.directory.resolve(contactId, 'Contact');
      if (resolved.kind === 'not-mapped') {
        this.ledger.skip(ref, 'contact-not-mapped');
        continue;
      }
      if (resolved.kind !== 'person') {
        this.ledger.error(ref, 'unknown-contact', [this.fields.name('ContactId')], `contact "${contactId}" is not in the records`);
        continue;
      }
      // A contact with several won deals follows up after the latest close.
      const events = resolved.person.events;
      const current = events[this.wonEvent];
      if (current === undefined || current < opportunity.closeDate) events[this.wonEvent] = opportunity.closeDate;
      opportunity.roles++;
      this.ledger.mapped(ref);
    }

    for (const ref of pending) {
      const opportunity = won.get(canonicalId(ref.id!))!;
      if (opportunity.roles > 0) this.ledger.mapped(ref);
      else this.ledger.skip(ref, 'no-contact-role');
    }
  }

  private readOpportunity(value: unknown, index: number, won: Map<string, WonOpportunity | undefined>, pending: RecordRef[]): undefined {
    const usable = this.checks.usable('opportunities', value, index);
    if (!usable) return;
    const { record, ref } = usable;
    if (ref.id === undefined) return this.ledger.error(ref, 'missing-id', [this.fields.name('Id')], 'Opportunity has no Id');
    const key = canonicalId(ref.id);
    const isWon = this.checks.flag(record, ref, 'IsWon');
    if (isWon === 'bad') return;
    if (isWon !== true) {
      won.set(key, undefined);
      const closed = readFlag(this.fields.get(record, 'IsClosed'));
      return this.ledger.skip(ref, closed === true ? 'lost-opportunity' : 'open-opportunity');
    }
    const raw = this.fields.get(record, 'CloseDate');
    const closeDate = readDate(raw, this.fields.source);
    if (closeDate === undefined) {
      const message = raw === undefined ? 'won Opportunity has no CloseDate' : `CloseDate ${JSON.stringify(raw)} is not a date`;
      return this.ledger.error(ref, raw === undefined ? 'missing-field' : 'bad-date', [this.fields.name('CloseDate')], message);
    }
    won.set(key, { closeDate, ref, roles: 0 });
    pending.push(ref);
  }
}
