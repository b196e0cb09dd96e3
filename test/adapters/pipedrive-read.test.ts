/**
 * fromPipedrive, one mapping rule per row, each row in the API v1 and the v2 spelling. Expected
 * values are worked out by hand from the Pipedrive field semantics (UTC timestamps, `due_time`
 * in UTC, owner zones), never copied from the adapter's output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FromPipedriveOptions, fromPipedrive, type PipedriveRecords, taskKey } from '../../src/adapters/pipedrive/index.js';
import { InputError } from '../../src/index.js';
import { policy } from './pipedrive/book.js';

type Version = 'v1' | 'v2';

const KYIV_USER = 11884360;
const TOKYO_USER = 11884363;

/** A user in each spelling (users are v1 in both; v2 has no users endpoint of its own shape). */
function users(): Record<string, unknown>[] {
  return [
    { id: KYIV_USER, name: 'Dana Reyes', timezone_name: 'Europe/Kiev', active_flag: true },
    { id: TOKYO_USER, name: 'Aiko Sato', timezone_name: 'Asia/Tokyo', active_flag: true },
  ];
}

function person(version: Version, id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return version === 'v1'
    ? {
        id,
        name: `Person ${id}`,
        owner_id: {
          id: KYIV_USER,
          name: 'Dana Reyes',
          email: 'dana@example.com',
          has_pic: 0,
          pic_hash: null,
          active_flag: true,
          value: KYIV_USER,
        },
        add_time: '2026-01-05 10:00:00',
        active_flag: true,
        ...extra,
      }
    : { id, name: `Person ${id}`, owner_id: KYIV_USER, add_time: '2026-01-05T10:00:00Z', is_deleted: false, custom_fields: {}, ...extra };
}

/** A done activity for person 1001, each field in the version's spelling; `fields` are v-neutral overrides. */
function activity(version: Version, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const base =
    version === 'v1'
      ? {
          id: 1,
          type: 'call',
          done: true,
          due_date: '2026-11-10',
          due_time: '09:30',
          marked_as_done_time: '2026-11-10 09:42:10',
          person_id: 1001,
          participants: [{ person_id: 1001, primary_flag: true }],
          user_id: KYIV_USER,
          deal_id: null,
          busy_flag: true,
          active_flag: true,
          note: '',
          subject: 'Call',
        }
      : {
          id: 1,
          type: 'call',
          done: true,
          due_date: '2026-11-10',
          due_time: '09:30:00',
          marked_as_done_time: '2026-11-10T09:42:10Z',
          person_id: 1001,
          participants: [{ person_id: 1001, primary: true }],
          owner_id: KYIV_USER,
          deal_id: null,
          busy: true,
          is_deleted: false,
          note: null,
          subject: 'Call',
        };
  return { ...base, ...fields };
}

/** The version's spelling of "not done yet" and of an instant. */
const spell = {
  v1: {
    noDoneTime: '',
    noTime: '',
    at: (iso: string) => iso.slice(0, 19).replace('T', ' '),
    time: (hhmm: string) => hhmm,
    deleted: { active_flag: false },
  },
  v2: { noDoneTime: null, noTime: null, at: (iso: string) => iso, time: (hhmm: string) => `${hhmm}:00`, deleted: { is_deleted: true } },
} as const;

function book(version: Version, activities: Record<string, unknown>[], extra: PipedriveRecords = {}): PipedriveRecords {
  return { users: users(), persons: [person(version, 1001), person(version, 1002), person(version, 1003)], activities, ...extra };
}

const versions: Version[] = ['v1', 'v2'];

describe.each(versions)('fromPipedrive, activities → touches (%s)', (version) => {
  const s = spell[version];
  const rows: { name: string; fields: Record<string, unknown>; options?: FromPipedriveOptions; at: string }[] = [
    { name: 'the done time (UTC) is the instant', fields: {}, at: '2026-11-10T09:42:10.000Z' },
    {
      name: 'touchInstant due: the due date and UTC due time',
      fields: {},
      options: { touchInstant: 'due' },
      at: '2026-11-10T09:30:00.000Z',
    },
    {
      name: 'no done time: the due date and UTC due time',
      fields: { marked_as_done_time: s.noDoneTime, due_time: s.time('23:45') },
      at: '2026-11-10T23:45:00.000Z',
    },
    {
      // Kyiv is UTC+2 on 10 November: local noon is 10:00 UTC.
      name: 'no time at all: noon in the owner’s zone',
      fields: { marked_as_done_time: s.noDoneTime, due_time: s.noTime },
      at: '2026-11-10T10:00:00.000Z',
    },
    {
      // Kyiv is UTC+3 in July (summer time).
      name: 'no time, in summer time',
      fields: { marked_as_done_time: s.noDoneTime, due_time: s.noTime, due_date: '2026-07-01' },
      at: '2026-07-01T09:00:00.000Z',
    },
    {
      // Tokyo is UTC+9: local noon on 10 November is 03:00 UTC the same day.
      name: 'no time, owned by a user in Tokyo',
      fields: { marked_as_done_time: s.noDoneTime, due_time: s.noTime, user_id: TOKYO_USER, owner_id: TOKYO_USER },
      at: '2026-11-10T03:00:00.000Z',
    },
    {
      name: 'untimedActivityTime sets the local hour',
      fields: { marked_as_done_time: s.noDoneTime, due_time: s.noTime },
      options: { untimedActivityTime: '08:30' },
      at: '2026-11-10T06:30:00.000Z',
    },
    {
      name: 'an owner not among users: the timeZone option',
      fields: { marked_as_done_time: s.noDoneTime, due_time: s.noTime, user_id: 999, owner_id: 999 },
      options: { timeZone: 'America/New_York' },
      at: '2026-11-10T17:00:00.000Z',
    },
    {
      name: 'an owner not among users and no timeZone: noon UTC',
      fields: { marked_as_done_time: s.noDoneTime, due_time: s.noTime, user_id: 999, owner_id: 999 },
      at: '2026-11-10T12:00:00.000Z',
    },
    {
      name: 'a done time with an offset (v2 style) is read in either version',
      fields: { marked_as_done_time: '2026-11-10T11:42:10+02:00' },
      at: '2026-11-10T09:42:10.000Z',
    },
  ];
  it.each(rows)('$name', ({ fields, options, at }) => {
    const result = fromPipedrive(book(version, [activity(version, fields)]), options);
    expect(result.errors).toEqual([]);
    expect(result.touches.map((touch) => touch.at)).toEqual([at]);
  });

  const channels: { type: string; options?: FromPipedriveOptions; channel: string | null }[] = [
    { type: 'call', channel: 'call' },
    { type: 'meeting', channel: 'meeting' },
    { type: 'lunch', channel: 'meeting' },
    { type: 'email', channel: 'email' },
    { type: 'task', channel: null },
    { type: 'deadline', channel: null },
    { type: 'site_visit', channel: null },
    { type: 'site_visit', options: { activityTypes: { site_visit: 'visit' } }, channel: 'visit' },
    { type: 'task', options: { activityTypes: { task: 'other' } }, channel: 'other' },
    { type: 'email', options: { activityTypes: { email: null } }, channel: null },
  ];
  it.each(channels)('type $type → $channel (options $options)', ({ type, options, channel }) => {
    const result = fromPipedrive(book(version, [activity(version, { type })]), options);
    if (channel === null) {
      expect(result.touches).toEqual([]);
      expect(result.skipped).toEqual([{ source: 'activities', index: 0, id: '1', reason: 'not-a-touch-type' }]);
    } else {
      expect(result.touches.map((touch) => touch.channel)).toEqual([channel]);
    }
  });

  it('skips an activity that is not done, whatever its times say', () => {
    const result = fromPipedrive(book(version, [activity(version, { done: false, marked_as_done_time: s.noDoneTime })]));
    expect(result.touches).toEqual([]);
    expect(result.skipped).toEqual([{ source: 'activities', index: 0, id: '1', reason: 'open-activity' }]);
  });

  it('skips a deleted activity unless includeDeleted', () => {
    const records = book(version, [activity(version, s.deleted)]);
    expect(fromPipedrive(records).skipped.map((entry) => entry.reason)).toEqual(['deleted']);
    expect(fromPipedrive(records, { includeDeleted: true }).touches).toHaveLength(1);
  });

  it('one activity with three participants gives one touch each, primary first', () => {
    const participants =
      version === 'v1'
        ? [
            { person_id: 1003, primary_flag: false },
            { person_id: 1001, primary_flag: true },
            { person_id: 1002, primary_flag: false },
          ]
        : [
            { person_id: 1003, primary: false },
            { person_id: 1001, primary: true },
            { person_id: 1002, primary: false },
          ];
    const result = fromPipedrive(book(version, [activity(version, { type: 'meeting', participants })]));
    expect(result.touches.map((touch) => touch.contactId)).toEqual(['1001', '1003', '1002']);
    expect(new Set(result.touches.map((touch) => touch.at))).toEqual(new Set(['2026-11-10T09:42:10.000Z']));
    expect(result.counts.activities).toEqual({ read: 1, mapped: 1, skipped: 0, errors: 0 });
  });

  it('direction defaults to outbound; the direction option sets it', () => {
    expect(fromPipedrive(book(version, [activity(version)])).touches[0]!.direction).toBe('outbound');
    expect(fromPipedrive(book(version, [activity(version)]), { direction: 'inbound' }).touches[0]!.direction).toBe('inbound');
  });

  const outcomes: { value: unknown; map?: Record<string, string>; outcome: string | undefined }[] = [
    { value: 'connected', outcome: 'connected' },
    { value: 'no_answer', outcome: 'no-answer' },
    { value: 'busy', outcome: 'no-answer' },
    { value: 'left_message', outcome: 'voicemail' },
    { value: 'left_voicemail', outcome: 'voicemail' },
    { value: 'wrong_number', outcome: 'bounced' },
    // An enum custom field sends its option id.
    { value: 31, map: { '31': 'no-answer' }, outcome: 'no-answer' },
    { value: 'gatekeeper', outcome: 'gatekeeper' },
    { value: null, outcome: undefined },
  ];
  const OUTCOME_FIELD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
  it.each(outcomes)('outcome field $value → $outcome', ({ value, map, outcome }) => {
    const fields = version === 'v1' ? { [OUTCOME_FIELD]: value } : { custom_fields: { [OUTCOME_FIELD]: value } };
    const options: FromPipedriveOptions = { outcome: map ? { field: OUTCOME_FIELD, map } : { field: OUTCOME_FIELD } };
    expect(fromPipedrive(book(version, [activity(version, fields)]), options).touches[0]!.outcome).toBe(outcome);
  });

  it('no outcome option: touches carry no outcome (they count as contact made)', () => {
    expect(fromPipedrive(book(version, [activity(version)])).touches[0]).not.toHaveProperty('outcome');
  });

  it('purpose from a field, and dealPurpose for deal-linked activities that state none', () => {
    const PURPOSE_FIELD = 'f0e1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d';
    const stated = version === 'v1' ? { [PURPOSE_FIELD]: 12 } : { custom_fields: { [PURPOSE_FIELD]: 12 } };
    const result = fromPipedrive(
      book(version, [activity(version, { ...stated, deal_id: 7 }), activity(version, { id: 2, deal_id: 7 }), activity(version, { id: 3 })]),
      {
        purpose: { field: PURPOSE_FIELD, map: { '12': 'review' } },
        dealPurpose: 'sales',
      },
    );
    expect(result.touches.map((touch) => touch.purpose)).toEqual(['review', 'sales', undefined]);
  });

  it('an activity linked only to a deal goes to the deal’s person, unless personFromDeal is false', () => {
    const dealPerson = version === 'v1' ? { name: 'Person 1002', value: 1002 } : 1002;
    const records = book(version, [activity(version, { person_id: null, participants: version === 'v1' ? null : [], deal_id: 77 })], {
      deals: [{ id: 77, status: 'open', person_id: dealPerson }],
    });
    expect(fromPipedrive(records).touches.map((touch) => touch.contactId)).toEqual(['1002']);
    const off = fromPipedrive(records, { personFromDeal: false });
    expect(off.touches).toEqual([]);
    expect(off.skipped.filter((entry) => entry.source === 'activities')).toEqual([
      { source: 'activities', index: 0, id: '1', reason: 'no-person' },
    ]);
  });

  it('an activity of a person not in persons is an unknown-contact error', () => {
    const result = fromPipedrive(book(version, [activity(version, { person_id: 4242, participants: [] })]));
    expect(result.errors.map(({ code, source, id, path }) => ({ code, source, id, path }))).toEqual([
      { code: 'unknown-contact', source: 'activities', id: '1', path: ['participants'] },
    ]);
  });

  it('an activity of a deleted person is skipped as person-not-mapped', () => {
    const records = book(version, [activity(version)], { persons: [person(version, 1001, s.deleted)] });
    const result = fromPipedrive(records);
    expect(result.skipped.map((entry) => `${entry.source} ${entry.reason}`)).toEqual(['persons deleted', 'activities person-not-mapped']);
  });

  it('without persons, every participant gets a touch (no check)', () => {
    const result = fromPipedrive({ activities: [activity(version, { person_id: 4242, participants: [] })] });
    expect(result.touches.map((touch) => touch.contactId)).toEqual(['4242']);
  });

  const badActivities: { name: string; fields: Record<string, unknown>; code: string; path: (string | number)[] }[] = [
    {
      name: 'a done time that is no timestamp',
      fields: { marked_as_done_time: '10/11/2026 09:42' },
      code: 'bad-instant',
      path: ['marked_as_done_time'],
    },
    {
      name: 'an impossible done time',
      fields: { marked_as_done_time: s.at('2026-02-30T10:00:00Z') },
      code: 'bad-instant',
      path: ['marked_as_done_time'],
    },
    {
      name: 'a due date that is no date',
      fields: { marked_as_done_time: s.noDoneTime, due_date: '2026-11-31' },
      code: 'bad-date',
      path: ['due_date'],
    },
    {
      name: 'a due time that is no time',
      fields: { marked_as_done_time: s.noDoneTime, due_time: '9.30' },
      code: 'bad-value',
      path: ['due_time'],
    },
    {
      name: 'done with neither a done time nor a due date',
      fields: { marked_as_done_time: s.noDoneTime, due_date: null },
      code: 'missing-field',
      path: ['due_date'],
    },
    { name: 'no id', fields: { id: null }, code: 'missing-id', path: ['id'] },
    {
      name: 'a participant without person_id',
      fields: { participants: [{ primary: true }] },
      code: 'bad-value',
      path: ['participants', 0, 'person_id'],
    },
  ];
  it.each(badActivities)('error: $name', ({ fields, code, path }) => {
    const result = fromPipedrive(book(version, [activity(version, fields), activity(version, { id: 2 })]));
    expect(result.errors.map((error) => ({ code: error.code, path: error.path, index: error.index }))).toEqual([{ code, path, index: 0 }]);
    // The good record next to it is still mapped.
    expect(result.touches).toHaveLength(1);
    expect(result.errors[0]!.message.length).toBeGreaterThan(10);
  });

  it('a record that is not an object is an error, not an exception', () => {
    const result = fromPipedrive(
      book(version, [null as unknown as Record<string, unknown>, 'call' as unknown as Record<string, unknown>, activity(version)]),
    );
    expect(result.errors.map((error) => `${error.index} ${error.code}`)).toEqual(['0 not-an-object', '1 not-an-object']);
    expect(result.touches).toHaveLength(1);
  });
});

describe.each(versions)('fromPipedrive, planned activities read back (%s)', (version) => {
  const key = taskKey({ contactId: '1001', cycleId: 'review', dueOn: '2026-12-01' });
  const planned = (extra: Record<string, unknown> = {}) => activity(version, { note: `Review due.<br>[${key}]`, ...extra });

  it('with the policy, a planned activity counts for its cycle (review purpose)', () => {
    const touch = fromPipedrive(book(version, [planned()]), { policy }).touches[0];
    expect(touch).toEqual({
      contactId: '1001',
      at: '2026-11-10T09:42:10.000Z',
      channel: 'call',
      direction: 'outbound',
      outcome: 'connected',
      purpose: 'review',
    });
  });

  it('without the policy, it is read like any activity', () => {
    expect(fromPipedrive(book(version, [planned()])).touches[0]).not.toHaveProperty('purpose');
  });

  it('an outcome the record states wins over the cycle’s shape (a no-answer does not close the cycle)', () => {
    const FIELD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
    const fields = version === 'v1' ? { [FIELD]: 'no_answer' } : { custom_fields: { [FIELD]: 'no_answer' } };
    const touch = fromPipedrive(book(version, [planned(fields)]), { policy, outcome: { field: FIELD } }).touches[0];
    expect(touch?.outcome).toBe('no-answer');
    expect(touch?.purpose).toBe('review');
  });

  it('the key in a keyField custom field is read too', () => {
    const FIELD = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c';
    const fields = version === 'v1' ? { [FIELD]: key, note: '' } : { custom_fields: { [FIELD]: key }, note: null };
    expect(fromPipedrive(book(version, [activity(version, fields)]), { policy, keyField: FIELD }).touches[0]?.purpose).toBe('review');
  });

  it('other participants of a planned activity get an ordinary touch', () => {
    const participants =
      version === 'v1'
        ? [
            { person_id: 1001, primary_flag: true },
            { person_id: 1002, primary_flag: false },
          ]
        : [
            { person_id: 1001, primary: true },
            { person_id: 1002, primary: false },
          ];
    const touches = fromPipedrive(book(version, [planned({ participants })]), { policy }).touches;
    expect(touches.map((touch) => [touch.contactId, touch.purpose])).toEqual([
      ['1001', 'review'],
      ['1002', undefined],
    ]);
  });
});

describe.each(versions)('fromPipedrive, persons → contacts (%s)', (version) => {
  const s = spell[version];

  it('owner_id (v1 object, v2 number) becomes ownerId; add_time (UTC) becomes createdAt', () => {
    expect(fromPipedrive({ persons: [person(version, 1001)] }).contacts).toEqual([
      { id: '1001', name: 'Person 1001', ownerId: String(KYIV_USER), createdAt: '2026-01-05T10:00:00.000Z' },
    ]);
  });

  it('a person without owner or add_time is still a contact', () => {
    expect(fromPipedrive({ persons: [person(version, 1001, { owner_id: null, add_time: null })] }).contacts).toEqual([{ id: '1001', name: 'Person 1001' }]);
  });

  it('a deleted person is skipped unless includeDeleted', () => {
    const records = { persons: [person(version, 1001, s.deleted)] };
    expect(fromPipedrive(records).skipped).toEqual([{ source: 'persons', index: 0, id: '1001', reason: 'deleted' }]);
    expect(fromPipedrive(records, { includeDeleted: true }).contacts.map((contact) => contact.id)).toEqual(['1001']);
  });

  it('a repeated person (overlapping pages) is skipped as duplicate-id; the first is kept', () => {
    const result = fromPipedrive({ persons: [person(version, 1001), person(version, 1001, { add_time: s.at('2026-05-05T00:00:00Z') })] });
    expect(result.contacts.map((contact) => contact.createdAt)).toEqual(['2026-01-05T10:00:00.000Z']);
    expect(result.skipped.map((entry) => entry.reason)).toEqual(['duplicate-id']);
  });

  it('doNotContact: marketing_status unsubscribed, when asked for', () => {
    const records = {
      persons: [person(version, 1001, { marketing_status: 'unsubscribed' }), person(version, 1002, { marketing_status: 'subscribed' })],
    };
    expect(fromPipedrive(records).contacts.map((contact) => contact.doNotContact)).toEqual([undefined, undefined]);
    const asked = fromPipedrive(records, { doNotContact: { field: 'marketing_status', values: ['unsubscribed', 'archived'] } });
    expect(asked.contacts.map((contact) => contact.doNotContact)).toEqual([true, false]);
  });

  it('doNotContact: a custom checkbox-like field, default values true/1/yes', () => {
    const FIELD = 'dnc0000000000000000000000000000000000000';
    const value = (v: unknown) => (version === 'v1' ? { [FIELD]: v } : { custom_fields: { [FIELD]: v } });
    const records = {
      persons: [
        person(version, 1, value('Yes')),
        person(version, 2, value(1)),
        person(version, 3, value(null)),
        person(version, 4, value('no')),
      ],
    };
    expect(fromPipedrive(records, { doNotContact: { field: FIELD } }).contacts.map((contact) => contact.doNotContact)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('tierField, timeZoneField and attributes read custom fields', () => {
    const fields = { tier: 'A', zone: 'Asia/Tokyo', revenue: 120000 };
    const spelled = version === 'v1' ? fields : { custom_fields: fields };
    const contact = fromPipedrive(
      { persons: [person(version, 1001, spelled)] },
      { tierField: 'tier', timeZoneField: 'zone', attributes: { revenue: 'annualRevenue' } },
    ).contacts[0];
    expect(contact).toMatchObject({ tier: 'A', timeZone: 'Asia/Tokyo', attributes: { annualRevenue: 120000 } });
  });

  const badPersons: { name: string; fields: Record<string, unknown>; code: string; path: string[] }[] = [
    { name: 'add_time in no known form', fields: { add_time: '05.01.2026 10:00' }, code: 'bad-instant', path: ['add_time'] },
    { name: 'an ISO add_time without offset', fields: { add_time: '2026-01-05T10:00:00' }, code: 'bad-instant', path: ['add_time'] },
    { name: 'an owner object without id', fields: { owner_id: { name: 'Nobody' } }, code: 'bad-value', path: ['owner_id'] },
    { name: 'no id', fields: { id: '' }, code: 'missing-id', path: ['id'] },
  ];
  it.each(badPersons)('error: $name', ({ fields, code, path }) => {
    const result = fromPipedrive({ persons: [person(version, 1001, fields), person(version, 1002)] });
    expect(result.errors.map((error) => ({ code: error.code, path: error.path }))).toEqual([{ code, path }]);
    expect(result.contacts.map((contact) => contact.id)).toEqual(['1002']);
  });

  it('an unknown zone in timeZoneField is an unknown-zone error', () => {
    const spelled = version === 'v1' ? { zone: 'Europe/Atlantis' } : { custom_fields: { zone: 'Europe/Atlantis' } };
    expect(fromPipedrive({ persons: [person(version, 1001, spelled)] }, { timeZoneField: 'zone' }).errors[0]?.code).toBe('unknown-zone');
  });
});

describe.each(versions)('fromPipedrive, deals → closedWon (%s)', (version) => {
  const s = spell[version];
  const deal = (id: number, status: string, extra: Record<string, unknown> = {}) => ({
    id,
    status,
    person_id: version === 'v1' ? { name: 'Person 1001', value: 1001 } : 1001,
    won_time: null,
    lost_time: null,
    ...(version === 'v1' ? { active: status === 'open', deleted: false } : { is_deleted: false }),
    ...extra,
  });
  const records = (deals: Record<string, unknown>[]) => ({ persons: [person(version, 1001)], deals });

  it('the latest won deal gives closedWon', () => {
    const result = fromPipedrive(
      records([
        deal(1, 'won', { won_time: s.at('2026-03-15T11:30:00Z') }),
        deal(2, 'won', { won_time: s.at('2026-10-01T14:00:00Z') }),
        deal(3, 'won', { won_time: s.at('2026-06-01T08:00:00Z') }),
      ]),
    );
    expect(result.contacts[0]!.events).toEqual({ closedWon: '2026-10-01T14:00:00.000Z' });
    expect(result.counts.deals).toEqual({ read: 3, mapped: 3, skipped: 0, errors: 0 });
  });

  it('open and lost deals are skipped; lostDealEvent maps the latest lost deal', () => {
    const deals = [deal(1, 'open'), deal(2, 'lost', { lost_time: s.at('2026-08-20T09:00:00Z') })];
    expect(fromPipedrive(records(deals)).skipped.map((entry) => entry.reason)).toEqual(['open-deal', 'lost-deal']);
    expect(fromPipedrive(records(deals), { lostDealEvent: 'closedLost' }).contacts[0]!.events).toEqual({
      closedLost: '2026-08-20T09:00:00.000Z',
    });
  });

  it('a deleted deal is skipped', () => {
    const spelled = version === 'v1' ? { deleted: true } : { is_deleted: true };
    expect(
      fromPipedrive(records([deal(1, 'won', { won_time: s.at('2026-03-15T11:30:00Z'), ...spelled })])).skipped.map((entry) => entry.reason),
    ).toEqual(['deleted']);
  });

  it('a won deal without person is skipped as no-person', () => {
    expect(
      fromPipedrive(records([deal(1, 'won', { won_time: s.at('2026-03-15T11:30:00Z'), person_id: null })])).skipped.map(
        (entry) => entry.reason,
      ),
    ).toEqual(['no-person']);
  });

  const badDeals: { name: string; fields: Record<string, unknown>; code: string; path: string[] }[] = [
    { name: 'won without won_time', fields: {}, code: 'missing-field', path: ['won_time'] },
    { name: 'a won_time that is no timestamp', fields: { won_time: 'last week' }, code: 'bad-instant', path: ['won_time'] },
    { name: 'an unknown status', fields: { status: 'pending' }, code: 'bad-value', path: ['status'] },
    {
      name: 'a person not among persons',
      fields: { won_time: s.at('2026-03-15T11:30:00Z'), person_id: 5555 },
      code: 'unknown-contact',
      path: ['person_id'],
    },
  ];
  it.each(badDeals)('error: $name', ({ fields, code, path }) => {
    const result = fromPipedrive(records([deal(1, 'won', fields)]));
    expect(result.errors.map((error) => ({ code: error.code, path: error.path }))).toEqual([{ code, path }]);
    expect(result.contacts[0]!.events).toBeUndefined();
  });
});

describe('fromPipedrive, users and collections', () => {
  it('users: timezone_name → timeZone, ownerDefaults added; an unknown zone is an error', () => {
    const result = fromPipedrive(
      { users: [...users(), { id: 5, timezone_name: 'Moon/Base' }, { id: 6, timezone_name: null }] },
      { ownerDefaults: { dailyCapacity: 12, calendar: 'uk' } },
    );
    expect(result.owners).toEqual([
      { id: String(KYIV_USER), name: 'Dana Reyes', timeZone: 'Europe/Kiev', calendar: 'uk', dailyCapacity: 12 },
      { id: String(TOKYO_USER), name: 'Aiko Sato', timeZone: 'Asia/Tokyo', calendar: 'uk', dailyCapacity: 12 },
      { id: '6', calendar: 'uk', dailyCapacity: 12 },
    ]);
    expect(result.errors.map((error) => `${error.source} ${error.id} ${error.code}`)).toEqual(['users 5 unknown-zone']);
  });

  it('owners: per-user settings win over ownerDefaults; their zone overrides timezone_name', () => {
    const result = fromPipedrive(
      { users: [...users(), { id: 7, timezone_name: '' }] },
      {
        owners: { [String(TOKYO_USER)]: { dailyCapacity: 30, timeZone: 'Asia/Seoul' } },
        ownerDefaults: { dailyCapacity: 12, timeZone: 'Europe/Lisbon' },
      },
    );
    expect(result.owners).toEqual([
      { id: String(KYIV_USER), name: 'Dana Reyes', timeZone: 'Europe/Kiev', dailyCapacity: 12 },
      { id: String(TOKYO_USER), name: 'Aiko Sato', timeZone: 'Asia/Seoul', dailyCapacity: 30 },
      { id: '7', timeZone: 'Europe/Lisbon', dailyCapacity: 12 },
    ]);
    expect(() => fromPipedrive({}, { owners: { '1': { timeZone: 'Nowhere/Land' } } })).toThrow(InputError);
  });

  it('attributes as a list of field keys keep the keys as names', () => {
    const contact = fromPipedrive(
      { persons: [person('v2', 1001, { custom_fields: { revenue: 5, region: 'EMEA' } })] },
      { attributes: ['revenue', 'region'] },
    ).contacts[0];
    expect(contact?.attributes).toEqual({ revenue: 5, region: 'EMEA' });
  });

  it('reads v1 and v2 spellings side by side in one call', () => {
    const result = fromPipedrive({
      users: users(),
      persons: [person('v1', 1001), person('v2', 1002)],
      activities: [activity('v1'), activity('v2', { id: 2, person_id: 1002, participants: [{ person_id: 1002, primary: true }] })],
    });
    expect(result.errors).toEqual([]);
    expect(result.contacts.map((contact) => [contact.id, contact.ownerId, contact.createdAt])).toEqual([
      ['1001', String(KYIV_USER), '2026-01-05T10:00:00.000Z'],
      ['1002', String(KYIV_USER), '2026-01-05T10:00:00.000Z'],
    ]);
    expect(result.touches.map((touch) => [touch.contactId, touch.at])).toEqual([
      ['1001', '2026-11-10T09:42:10.000Z'],
      ['1002', '2026-11-10T09:42:10.000Z'],
    ]);
  });

  it('accepts a whole response page ({ success, data }) as a collection', () => {
    const result = fromPipedrive({ persons: { data: [person('v2', 1001)] }, users: { data: null } });
    expect(result.contacts.map((contact) => contact.id)).toEqual(['1001']);
    expect(result.counts.users).toEqual({ read: 0, mapped: 0, skipped: 0, errors: 0 });
  });

  it('throws an InputError for a collection that is no list (a caller bug, not a bad record)', () => {
    expect(() => fromPipedrive({ persons: 'persons' as unknown as [] })).toThrow(InputError);
  });

  it('counts every collection, read = mapped + skipped + errors', () => {
    const result = fromPipedrive({});
    expect(result.counts).toEqual({
      persons: { read: 0, mapped: 0, skipped: 0, errors: 0 },
      users: { read: 0, mapped: 0, skipped: 0, errors: 0 },
      activities: { read: 0, mapped: 0, skipped: 0, errors: 0 },
      deals: { read: 0, mapped: 0, skipped: 0, errors: 0 },
    });
  });
});

describe('fromPipedrive on arbitrary input', () => {
  // Plausible field names with arbitrary values, so every branch meets junk: it must never throw,
  // and every record is counted once.
  const junk = fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withSparseArray: true,
  });
  const field = fc.oneof(
    junk,
    fc.constantFrom('', null, 'call', 'won', '2026-11-10', '09:30', '2026-11-10 09:42:10', '2026-11-10T09:42:10Z', 1001, true),
  );
  const record = fc.oneof(
    junk,
    fc.record(
      {
        id: field,
        type: field,
        done: field,
        status: field,
        due_date: field,
        due_time: field,
        marked_as_done_time: field,
        won_time: field,
        add_time: field,
        owner_id: field,
        person_id: field,
        participants: fc.oneof(field, fc.array(fc.record({ person_id: field, primary: field }, { requiredKeys: [] }))),
        timezone_name: fc.oneof(field, fc.constantFrom('Europe/Kiev', 'Nowhere/Else')),
        is_deleted: field,
        active_flag: field,
      },
      { requiredKeys: [] },
    ),
  );
  it('never throws and accounts for every record', () => {
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 6 }),
        fc.array(record, { maxLength: 6 }),
        fc.array(record, { maxLength: 6 }),
        fc.array(record, { maxLength: 6 }),
        (persons, users, activities, deals) => {
          const copy = structuredClone({ persons, users, activities, deals });
          const result = fromPipedrive({ persons, users, activities, deals }, { policy });
          for (const [name, rows] of Object.entries({ persons, users, activities, deals })) {
            const count = result.counts[name]!;
            expect(count.read).toBe(rows.length);
            expect(count.mapped + count.skipped + count.errors).toBe(rows.length);
          }
          for (const touch of result.touches) expect(touch.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
          expect({ persons, users, activities, deals }).toEqual(copy);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('throws an InputError for a wrong option (a caller bug)', () => {
    expect(() => fromPipedrive({}, { untimedActivityTime: 'noon' })).toThrow(InputError);
    expect(() => fromPipedrive({}, { timeZone: 'Mars/Base' })).toThrow(InputError);
    expect(() => fromPipedrive({}, { direction: 'sideways' as 'inbound' })).toThrow(InputError);
  });
});

describe('fromPipedrive on cyclic and deeply nested values', () => {
  it('reads no id or field value out of them, and does not overflow the stack', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.value = cyclic;
    cyclic.id = cyclic;
    const result = fromPipedrive(
      { persons: [person('v2', 1001, { owner_id: cyclic, custom_fields: { zone: [[['Asia/Tokyo']]] } })] },
      { timeZoneField: 'zone', doNotContact: { field: 'owner_id' } },
    );
    expect(result.errors.map((error) => `${error.code} ${error.path.join('.')}`)).toEqual(['bad-value owner_id']);
  });
});
