/**
 * Tasks and Events to touches: each activity with its relations (Shared Activities: the flat
 * TaskWhoRelation/EventWhoRelation records and the ones nested in it), one touch per person it
 * names, a date-only activity placed at a local time in its person's zone.
 */
import type { Touch } from '../../core/types.js';
import { ILL_FORMED_ID, wellFormed } from '../shared/ids.js';
import { FirstSeen } from '../shared/values.js';
import type { ActivityShape } from './activity-shape.js';
import { asArray, nested, type RecordChecks, type RelationRef } from './checks.js';
import type { Directory, Person, Resolved } from './directory.js';
import { canonicalId, type FieldReader, instantText, isRecord, localInstant, readId, type SalesforceRecord } from './fields.js';
import type { Ledger, RecordRef } from './ledger.js';
import { DEFAULT_DATE_ONLY_TIME } from './options.js';
import type { FromSalesforceOptions, SalesforceRecords } from './types.js';

/** What one relation names, and how it is reported once its activity's fate is known. */
interface RelationVerdict {
  /** `bad`: an error of its own; `gone`: deleted, skipped as such whatever its activity's fate. */
  kind: Resolved['kind'] | 'bad' | 'gone';
  relationId?: string;
  person?: Person;
  report: () => void;
}

/** The nested relation field of an activity collection, for error paths. */
const relatedField = (ref: RecordRef): string => (ref.collection === 'tasks' ? 'TaskWhoRelations' : 'EventWhoRelations');

/**
 * Reads one activity collection with its relations and places each mapped activity's touches on
 * the people it names; `touches` holds them all once both collections are read.
 *
 * @example
 * const activities = new ActivityReader(records, checks, directory, options);
 * activities.read('tasks', 'taskWhoRelations', 'TaskWhoRelations', 'TaskId', (record, ref) => shaper.taskTouch(record, ref));
 */
export class ActivityReader {
  private readonly ledger: Ledger;
  private readonly fields: FieldReader;
  private readonly dateOnlyTime: string;
  private readonly fallbackZone: string;
  readonly touches: Touch[] = [];
  /** `zone date` → the date-only instant there: a book's date-only tasks fall on a few thousand days. */
  private readonly dateOnlyInstants = new Map<string, string>();

  constructor(
    private readonly records: SalesforceRecords,
    private readonly checks: RecordChecks,
    private readonly directory: Directory,
    options: FromSalesforceOptions,
  ) {
    this.ledger = checks.ledger;
    this.fields = checks.fields;
    this.dateOnlyTime = options.dateOnlyTime ?? DEFAULT_DATE_ONLY_TIME;
    this.fallbackZone = options.timeZone ?? options.policy?.timeZone ?? 'UTC';
  }

  /** One collection (`tasks` or `events`) with its relations, flat first, then nested. */
  read(
    collection: 'tasks' | 'events',
    relationCollection: 'taskWhoRelations' | 'eventWhoRelations',
    nestedField: string,
    parentField: 'TaskId' | 'EventId',
    shape: (record: SalesforceRecord, ref: RecordRef) => ActivityShape | undefined,
  ): undefined {
    const activities = asArray(this.records[collection], collection);
    const relations = new Map<string, RelationRef[]>();
    let relationIndex = 0;
    const addRelation = (parentKey: string, relation: RelationRef): void => {
      const list = relations.get(parentKey);
      if (list) list.push(relation);
      else relations.set(parentKey, [relation]);
    };
    const activityIds = new Set<string>();
    for (const value of activities) {
      const id = isRecord(value) ? wellFormed(readId(this.fields.get(value, 'Id'))) : undefined;
      if (id !== undefined) activityIds.add(canonicalId(id));
    }
    // Flat relation records (a separate query or a warehouse table) first, then nested subquery results.
    for (const value of asArray(this.records[relationCollection], relationCollection)) {
      const usable = this.checks.usable(relationCollection, value, relationIndex++);
      if (usable === undefined) continue;
      const { record, ref } = usable;
      const parent = readId(this.fields.get(record, parentField));
      if (parent === undefined) {
        this.ledger.error(ref, 'missing-field', [this.fields.name(parentField)], `relation has no ${parentField}`);
        continue;
      }
      if (parent === ILL_FORMED_ID) {
        this.checks.badId(ref, parentField);
        continue;
      }
      if (!activityIds.has(canonicalId(parent))) {
        this.ledger.skip(ref, 'activity-not-in-records');
        continue;
      }
      addRelation(canonicalId(parent), { ref, record });
    }
    activities.forEach((value) => {
      if (!isRecord(value)) return;
      const id = wellFormed(readId(this.fields.get(value, 'Id')));
      for (const record of nested(value[nestedField])) {
        const ref: RecordRef = { collection: relationCollection, index: relationIndex++ };
        this.ledger.read(relationCollection);
        if (id === undefined) {
          // Its activity has no Id (or an ill-formed one) and is reported as such; the relation goes with it.
          this.ledger.skip(ref, 'activity-not-mapped');
          continue;
        }
        addRelation(canonicalId(id), { ref, record });
      }
    });

    const seen = new FirstSeen();
    for (const [index, value] of activities.entries()) {
      const own = isRecord(value) ? wellFormed(readId(this.fields.get(value, 'Id'))) : undefined;
      const key = own === undefined ? undefined : canonicalId(own);
      // Relations go with the first record of an id; a repeat of it (overlapping pages) is skipped.
      const related = key === undefined ? [] : (relations.get(key) ?? []);
      if (key !== undefined) relations.delete(key);
      const usable = this.checks.usable(collection, value, index);
      // The rule every adapter follows: the first record of an id is kept, a repeat skipped.
      if (key !== undefined && !seen.first(key) && usable) {
        this.ledger.skip(usable.ref, 'duplicate-id');
        continue;
      }
      const activity = usable && (usable.ref.id === undefined ? this.missingActivityId(usable.ref) : shape(usable.record, usable.ref));
      if (!usable || !activity) {
        for (const relation of related) this.ledger.skip(relation.ref, 'activity-not-mapped');
        continue;
      }
      this.placeTouches(usable.record, usable.ref, activity, related);
    }
  }

  private missingActivityId(ref: RecordRef): undefined {
    this.ledger.error(ref, 'missing-id', [this.fields.name('Id')], `${ref.collection === 'tasks' ? 'Task' : 'Event'} has no Id`);
    return undefined;
  }

  /** One touch per person the activity names: its relations (Shared Activities), else its WhoId. */
  private placeTouches(record: SalesforceRecord, ref: RecordRef, activity: ActivityShape, related: readonly RelationRef[]): undefined {
    const placed = new Set<Person>();
    const place = (person: Person): void => {
      if (placed.has(person)) return;
      placed.add(person);
      this.touches.push(this.touchFor(person, activity));
    };
    if (related.length > 0) {
      const verdicts = related.map((relation) => this.relationPerson(relation));
      for (const verdict of verdicts) if (verdict.person) place(verdict.person);
      if (placed.size > 0) {
        this.ledger.mapped(ref);
        for (const verdict of verdicts) verdict.report();
        return;
      }
      // Nobody to place it on: the activity carries the verdict, its relations go with it.
      for (const [at, verdict] of verdicts.entries()) {
        if (verdict.kind === 'bad' || verdict.kind === 'gone') verdict.report();
        else this.ledger.skip(related[at]!.ref, 'activity-not-mapped');
      }
      const kinds = new Set(verdicts.map((verdict) => verdict.kind));
      if (kinds.has('unknown')) {
        const ids = verdicts.filter((verdict) => verdict.kind === 'unknown').map((verdict) => verdict.relationId);
        const message = `none of its people is among the contacts and leads read (${ids.join(', ')})`;
        return this.ledger.error(ref, 'unknown-contact', [this.fields.name(relatedField(ref))], message);
      }
      return this.ledger.skip(ref, kinds.has('not-mapped') ? 'contact-not-mapped' : 'no-contact');
    }
    const whoId = readId(this.fields.get(record, 'WhoId'));
    if (whoId === undefined) return this.ledger.skip(ref, 'no-contact');
    // No WhoId is no one to touch; one no output can carry is the activity's error.
    if (whoId === ILL_FORMED_ID) return this.checks.badId(ref, 'WhoId');
    const resolved = this.directory.resolve(whoId);
    switch (resolved.kind) {
      case 'person':
        place(resolved.person);
        return this.ledger.mapped(ref);
      case 'not-mapped':
        return this.ledger.skip(ref, 'contact-not-mapped');
      case 'not-a-person':
        return this.ledger.skip(ref, 'no-contact');
      default:
        return this.ledger.error(
          ref,
          'unknown-contact',
          [this.fields.name('WhoId')],
          `WhoId "${whoId}" is not among the contacts and leads read`,
        );
    }
  }

  /** The person a relation names, and how the relation is reported once its activity is mapped. */
  private relationPerson(relation: RelationRef): RelationVerdict {
    const { ref, record } = relation;
    if (!isRecord(record)) return { kind: 'bad', report: () => this.ledger.error(ref, 'not-an-object', [], 'is not an object') };
    const id = readId(this.fields.get(record, 'Id'));
    if (id !== undefined && id !== ILL_FORMED_ID) ref.id = id;
    const gone = this.checks.gone(record);
    if (gone !== undefined) return { kind: 'gone', report: () => this.ledger.skip(ref, gone) };
    if (id === ILL_FORMED_ID) return { kind: 'bad', report: () => this.checks.badId(ref, 'Id') };
    const relationId = readId(this.fields.get(record, 'RelationId'));
    if (relationId === undefined) {
      return {
        kind: 'bad',
        report: () => this.ledger.error(ref, 'missing-field', [this.fields.name('RelationId')], 'relation has no RelationId'),
      };
    }
    if (relationId === ILL_FORMED_ID) return { kind: 'bad', report: () => this.checks.badId(ref, 'RelationId') };
    const type = this.checks.text(record, 'Type');
    const resolved = this.directory.resolve(relationId, type);
    switch (resolved.kind) {
      case 'person':
        return { kind: 'person', relationId, person: resolved.person, report: () => this.ledger.mapped(ref) };
      case 'not-mapped':
        return { kind: 'not-mapped', relationId, report: () => this.ledger.skip(ref, 'contact-not-mapped') };
      case 'not-a-person':
        return { kind: 'not-a-person', relationId, report: () => this.ledger.skip(ref, 'no-contact') };
      default:
        return {
          kind: 'unknown',
          relationId,
          report: () =>
            this.ledger.error(
              ref,
              'unknown-contact',
              [this.fields.name('RelationId')],
              `RelationId "${relationId}" is not among the contacts and leads read`,
            ),
        };
    }
  }

  private touchFor(person: Person, activity: ActivityShape): Touch {
    let at = activity.at;
    if (at === undefined) {
      const contact = person.contact;
      const owner = contact.ownerId === undefined ? undefined : this.directory.owners.get(canonicalId(String(contact.ownerId)));
      // Noon in the zone the engine reads the contact in gives back exactly the activity's date.
      const zone = contact.timeZone ?? owner?.timeZone ?? this.fallbackZone;
      const cacheKey = `${zone} ${activity.date}`;
      at = this.dateOnlyInstants.get(cacheKey);
      if (at === undefined) {
        at = instantText(localInstant(activity.date!, this.dateOnlyTime, zone));
        this.dateOnlyInstants.set(cacheKey, at);
      }
    }
    let { channel, direction, purpose } = activity;
    let outcome = activity.outcome;
    if (activity.planned !== undefined && canonicalId(activity.planned.contactId) === canonicalId(person.contact.id)) {
      const planned = activity.planned.shape;
      channel = planned.channel;
      direction = planned.direction;
      // The rep's own call result still decides: a voicemail on a planned call does not close the cycle.
      outcome = outcome ?? planned.outcome;
      if (planned.purpose !== undefined) purpose = planned.purpose;
    }
    const touch: Touch = { contactId: person.contact.id, at, channel };
    if (direction !== undefined) touch.direction = direction;
    if (outcome !== undefined) touch.outcome = outcome;
    if (purpose !== undefined) touch.purpose = purpose;
    return touch;
  }
}
