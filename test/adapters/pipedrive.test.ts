import { describe, expect, it } from 'vitest';
import { fromPipedrive, type PipedriveActivityPayload, toPipedriveActivities } from '../../src/adapters/pipedrive/index.js';
import { describeAdapterConformance } from './conformance.js';
import { completedV1, completedV2, NOW, policy } from './pipedrive/book.js';
import { V1_COUNTS, type V1Records, v1Records } from './pipedrive/v1.js';
import { V2_COUNTS, type V2Records, v2Records } from './pipedrive/v2.js';

const readOptions = { policy, ownerDefaults: { dailyCapacity: 4 } };

describeAdapterConformance<V1Records, PipedriveActivityPayload>({
  name: 'Pipedrive API v1',
  records: v1Records,
  read: (records) => fromPipedrive(records, readOptions),
  inputCounts: V1_COUNTS,
  contactIds: ['1001', '1002', '1003'],
  withOpenActivity: (records) => ({
    ...records,
    activities: [...records.activities, { ...records.activities[0]!, id: 9100, done: false, marked_as_done_time: '' }],
  }),
  withIllFormedContactId: (records) => ({ ...records, persons: [...records.persons, { ...records.persons[0]!, id: 'c\uD800' }] }),
  policy,
  now: NOW,
  write: (plan, items) => toPipedriveActivities(plan, { items }),
  keyOf: (task) => /\[(cc1:[^\]]+)\]/.exec(task.note)![1]!,
  complete: (records, task, at) => ({
    ...records,
    activities: [...records.activities, completedV1(task, 9001, at)],
  }),
});

describeAdapterConformance<V2Records, PipedriveActivityPayload>({
  name: 'Pipedrive API v2',
  records: v2Records,
  read: (records) => fromPipedrive(records, readOptions),
  inputCounts: V2_COUNTS,
  contactIds: ['1001', '1002', '1003'],
  withOpenActivity: (records) => ({
    ...records,
    activities: [...records.activities, { ...records.activities[0]!, id: 9100, done: false, marked_as_done_time: null }],
  }),
  withIllFormedContactId: (records) => ({ ...records, persons: [...records.persons, { ...records.persons[0]!, id: 'c\uD800' }] }),
  policy,
  now: NOW,
  write: (plan, items) => toPipedriveActivities(plan, { items, time: '10:00', owners: fromPipedrive(v2Records()).owners }),
  keyOf: (task) => /\[(cc1:[^\]]+)\]/.exec(task.note)![1]!,
  complete: (records, task, at) => ({
    ...records,
    activities: [...records.activities, completedV2(task, 9001, at)],
  }),
});

// What each fixture book must give, worked out by hand from the records (not from the adapter).
const books = [
  { version: 'v1', records: v1Records as () => object, counts: V1_COUNTS },
  { version: 'v2', records: v2Records as () => object, counts: V2_COUNTS },
];

describe.each(books)('Pipedrive $version fixture book', ({ version, records }) => {
  const result = () => fromPipedrive(records(), readOptions);

  it('maps persons to contacts with string ids, string owner ids and UTC createdAt', () => {
    expect(result().contacts).toEqual([
      { id: '1001', name: 'Ana Lima', ownerId: '11884360', createdAt: '2026-01-05T10:00:00.000Z' },
      {
        id: '1002',
        name: 'Ben Okafor',
        ownerId: '11884360',
        createdAt: '2026-02-01T09:15:00.000Z',
        events: { closedWon: '2026-10-01T14:00:00.000Z' },
      },
      { id: '1003', name: 'Chloe Martin', ownerId: '11884361', createdAt: '2026-03-10T17:40:00.000Z' },
    ]);
  });

  it('maps users to owners with their zones', () => {
    expect(result().owners).toEqual([
      { id: '11884360', name: 'Dana Reyes', timeZone: 'Europe/Kiev', dailyCapacity: 4 },
      { id: '11884361', name: 'Omar Haddad', timeZone: 'America/New_York', dailyCapacity: 4 },
    ]);
  });

  it('maps done activities to touches: one per participant, primary first', () => {
    expect(result().touches).toEqual([
      { contactId: '1001', at: '2026-11-10T09:42:10.000Z', channel: 'call', direction: 'outbound' },
      // Untimed meeting on 2026-11-12: noon in Kyiv (UTC+2 in November) is 10:00 UTC.
      { contactId: '1001', at: '2026-11-12T10:00:00.000Z', channel: 'meeting', direction: 'outbound' },
      { contactId: '1002', at: '2026-11-12T10:00:00.000Z', channel: 'meeting', direction: 'outbound' },
      { contactId: '1003', at: '2026-11-12T10:00:00.000Z', channel: 'meeting', direction: 'outbound' },
      // Linked only to deal 501, whose person is 1002.
      { contactId: '1002', at: '2026-10-20T15:50:00.000Z', channel: 'call', direction: 'outbound' },
      { contactId: '1003', at: '2026-11-03T19:05:00.000Z', channel: 'meeting', direction: 'outbound' },
    ]);
  });

  it('skips, with reasons, what is not a touch, not done, deleted, open or lost', () => {
    expect(result().skipped.map(({ source, id, reason }) => `${source} ${id} ${reason}`)).toEqual([
      'persons 1004 deleted',
      'deals 503 open-deal',
      'deals 504 lost-deal',
      'activities 2 not-a-touch-type',
      'activities 3 open-activity',
      'activities 6 not-a-touch-type',
      'activities 8 deleted',
    ]);
  });

  it('reports bad records as errors with a code, the record and the field', () => {
    const errors = result().errors.map(({ code, source, id, path }) => ({ code, source, id, path }));
    const expected = [
      { code: 'bad-instant', source: 'persons', id: '1005', path: ['add_time'] },
      { code: 'bad-instant', source: 'activities', id: '5', path: ['marked_as_done_time'] },
    ];
    if (version === 'v2') expected.unshift({ code: 'unknown-zone', source: 'users', id: '11884362', path: ['timezone_name'] });
    expect(errors).toEqual(expected);
  });
});
