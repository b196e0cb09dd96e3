/**
 * fromSalesforce on arbitrary mixtures of good, odd and broken records: it never throws, accounts
 * for every record, names only people it returns, writes only canonical instants, leaves its input
 * alone, and gives the engine nothing it refuses (an owner it was not given aside).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromSalesforce } from '../../src/adapters/salesforce/index.js';
import { evaluate } from '../../src/index.js';
import { salesforcePolicy } from './salesforce/fixture.js';

// The last of each holds a lone UTF-16 surrogate (JSON can carry one, no output can): a bad-id
// wherever it is read, never an id handed to the engine.
const personIds = ['0038c00002Ada01AAB', '0038c00002Gra02AAB', '00Q8c00000Lea01EAB', '0038c00002Zzz99AAB', '0038c00002Ada01', '0038c00002Bad\uD800'];
const userIds = ['0058c00000A1LonAAF', '0058c00000A1NycAAF', '00G8c000000Que1EAA', '0058c00000A1Bad\uD800'];

/** A value a field might hold: right, wrong, or of the wrong type. */
const oneOf = (...values: unknown[]) => fc.constantFrom(...values);
const maybe = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: undefined });
const datetime = oneOf(
  '2026-11-02T10:00:00.000+0000',
  '2026-11-02T10:00:00.000-0800',
  '2026-10-25T01:30:00.000+0000',
  '2026-13-02T10:00:00.000+0000',
  '2026-11-02T10:00:00',
  'soon',
  null,
  42,
);
const date = oneOf('2026-11-02', '2026-03-29', '2026-02-30', '11/02/2026', null);
const flag = oneOf(true, false, 'TRUE', 'perhaps', null);

const person = fc.record({
  Id: maybe(oneOf(...personIds)),
  OwnerId: maybe(oneOf(...userIds)),
  CreatedDate: maybe(datetime),
  DoNotCall: maybe(flag),
  IsConverted: maybe(flag),
  ConvertedContactId: maybe(oneOf(...personIds)),
  IsDeleted: maybe(oneOf(true, false)),
});
const relation = fc.record({
  Id: maybe(fc.constant('0RT000000000001AAA')),
  RelationId: maybe(oneOf(...personIds, '0018c00000Acc01AAB')),
  Type: maybe(oneOf('Contact', 'Lead')),
});
const task = fc.record({
  Id: maybe(oneOf('00T000000000001AAA', '00T000000000002AAA', '00T000000000003AAA')),
  WhoId: maybe(oneOf(...personIds, '0018c00000Acc01AAB')),
  Status: maybe(oneOf('Completed', 'Not Started', 'In Progress')),
  IsClosed: maybe(flag),
  TaskSubtype: maybe(oneOf('Call', 'Email', 'ListEmail', 'Task', 'Cadence', 'LinkedIn', 'Other')),
  Type: maybe(oneOf('Call', 'Meeting', 'Email', null)),
  CallType: maybe(oneOf('Inbound', 'Outbound', 'Internal', 'Sideways', null)),
  CallDisposition: maybe(oneOf('Left Voicemail', 'Meaningful Connect', 'Demo booked', '', null)),
  ActivityDate: maybe(date),
  CompletedDateTime: maybe(datetime),
  IsRecurrence: maybe(flag),
  TaskWhoRelations: maybe(fc.record({ records: fc.array(fc.oneof(relation, fc.constant(null)), { maxLength: 3 }) })),
});
const event = fc.record({
  Id: maybe(oneOf('00U000000000001AAA', '00U000000000002AAA')),
  WhoId: maybe(oneOf(...personIds)),
  IsChild: maybe(flag),
  IsAllDayEvent: maybe(flag),
  ActivityDate: maybe(date),
  StartDateTime: maybe(datetime),
});
const user = fc.record({
  Id: maybe(oneOf(...userIds)),
  TimeZoneSidKey: maybe(oneOf('Europe/London', 'America/New_York', 'Mars/Olympus_Mons', null)),
});
const garbage = oneOf(null, 7, 'x', [] as unknown[]);

const book = fc.record({
  users: fc.array(fc.oneof(user, garbage), { maxLength: 4 }),
  contacts: fc.array(fc.oneof(person, garbage), { maxLength: 6 }),
  leads: fc.array(person, { maxLength: 3 }),
  tasks: fc.array(fc.oneof(task, garbage), { maxLength: 8 }),
  events: fc.array(event, { maxLength: 4 }),
});

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('fromSalesforce on arbitrary records', () => {
  it('never throws, accounts for every record, and hands the engine only records it accepts', () => {
    fc.assert(
      fc.property(book, (records) => {
        const copy = structuredClone(records);
        const result = fromSalesforce(records, { policy: salesforcePolicy, dailyCapacity: 2 });
        expect(records).toEqual(copy);
        for (const name of ['users', 'contacts', 'leads', 'tasks', 'events'] as const) {
          const count = result.counts[name]!;
          expect(count.read, name).toBe(records[name].length);
          expect(count.mapped + count.skipped + count.errors, name).toBe(count.read);
        }
        const relations = result.counts.taskWhoRelations!;
        expect(relations.mapped + relations.skipped + relations.errors).toBe(relations.read);
        expect(result.errors.length).toBe(Object.values(result.counts).reduce((sum, count) => sum + count.errors, 0));
        expect(result.skipped.length).toBe(Object.values(result.counts).reduce((sum, count) => sum + count.skipped, 0));
        // A record that has an Id is never missing-id: an ill-formed one is bad-id.
        for (const error of result.errors.filter((entry) => entry.code === 'missing-id')) {
          const record = (records as unknown as Record<string, unknown[]>)[error.source]![error.index] as { Id?: unknown };
          expect(typeof record.Id === 'string' && record.Id.trim() !== '').toBe(false);
        }
        const ids = new Set(result.contacts.map((contact) => contact.id));
        expect(ids.size).toBe(result.contacts.length);
        for (const touch of result.touches) {
          expect(ids.has(touch.contactId)).toBe(true);
          expect(touch.at).toMatch(CANONICAL);
        }
        const evaluated = evaluate({
          policy: salesforcePolicy,
          contacts: result.contacts,
          touches: result.touches,
          owners: result.owners,
          now: '2026-11-23T08:00:00Z',
        });
        // The one thing the engine may add: a contact whose owner (a User) was not among the
        // records read, or was itself left out; it is still evaluated, and reported.
        const ownerIds = new Set(result.owners.map((owner) => owner.id));
        for (const error of evaluated.errors) {
          expect(error.code).toBe('unknown-owner');
          expect(ownerIds.has(error.ownerId!)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
