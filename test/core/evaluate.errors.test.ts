import { describe, expect, it } from 'vitest';
import { evaluate, InputError, isCallingCycleError, PolicyError, type Contact, type Touch } from '../../src/index.js';
import { call, policyWith } from '../helpers.js';

const policy = policyWith({ cadence: { every: 'P14D' } });
const now = '2026-11-23T12:00:00Z';

describe('bad records become errors; every other record is still evaluated', () => {
  it.each([
    ['unknown zone', { id: 'bad', timeZone: 'Mars/Olympus' }, ['timeZone'], /unknown IANA time zone "Mars\/Olympus"/],
    ['unparseable createdAt', { id: 'bad', createdAt: '2026-13-01T00:00:00Z' }, ['createdAt'], /not an ISO 8601 instant/],
    ['createdAt without an offset', { id: 'bad', createdAt: '2026-11-01T10:00:00' }, ['createdAt'], /with an offset/],
    ['unknown explicit tier', { id: 'bad', tier: 'Z' }, ['tier'], /unknown tier "Z"/],
    ['unknown calendar', { id: 'bad', calendar: 'mars' }, ['calendar'], /unknown calendar "mars"/],
    ['bad event date', { id: 'bad', events: { closedWon: 'soon' } }, ['events', 'closedWon'], /date/],
    ['bad pausedUntil', { id: 'bad', pausedUntil: '2026-02-30' }, ['pausedUntil'], /date/],
    ['doNotContact not a boolean', { id: 'bad', doNotContact: 'yes' }, ['doNotContact'], /boolean/],
    ['a name that is not text', { id: 'bad', name: { first: 'Ada' } }, ['name'], /string/],
    ['missing id', { timeZone: 'UTC' }, ['id'], /id/],
  ])('contact with %s', (_name, bad, path, message) => {
    const contacts = [{ id: 'good1' }, bad, { id: 'good2' }] as Contact[];
    const { items, errors } = evaluate({ policy, contacts, touches: [], now });
    expect(items.map((item) => item.contactId)).toEqual(['good1', 'good2']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ record: 'contact', index: 1, path });
    expect(errors[0]!.message).toMatch(message);
    if ('id' in bad) expect(errors[0]!.contactId).toBe('bad');
  });

  it('takes a blank (null) or text name as it is', () => {
    const contacts = [{ id: 'a', name: null }, { id: 'b', name: 'Ada Lovelace' }] as Contact[];
    const { items, errors } = evaluate({ policy, contacts, touches: [], now });
    expect(errors).toEqual([]);
    expect(items.map((item) => item.contactId)).toEqual(['a', 'b']);
  });

  it.each([
    ['unparseable instant', { contactId: 'c1', at: 'yesterday', channel: 'call' }, ['at']],
    ['unknown channel', { contactId: 'c1', at: '2026-11-01T10:00:00Z', channel: 'fax' }, ['channel']],
    ['unknown direction', { contactId: 'c1', at: '2026-11-01T10:00:00Z', channel: 'call', direction: 'sideways' }, ['direction']],
    ['unknown contact', { contactId: 'nobody', at: '2026-11-01T10:00:00Z', channel: 'call' }, ['contactId']],
  ])('touch with %s', (_name, bad, path) => {
    const touches = [call('c1', '2026-11-10T10:00:00Z'), bad] as Touch[];
    const { items, errors } = evaluate({ policy, contacts: [{ id: 'c1' }], touches, now });
    expect(items).toHaveLength(1);
    expect(items[0]!.reason.lastTouchOn).toBe('2026-11-10');
    expect(errors).toEqual([expect.objectContaining({ record: 'touch', index: 1, path, contactId: bad.contactId })]);
  });

  it('a duplicate contact id: the first is evaluated, the second is an error', () => {
    const { items, errors } = evaluate({
      policy,
      contacts: [
        { id: 'c1', tier: 'A' },
        { id: 'c1', timeZone: 'Asia/Tokyo' },
      ],
      touches: [],
      now,
    });
    expect(items).toHaveLength(1);
    expect(items[0]!.reason.timeZone).toBe('UTC');
    expect(errors).toEqual([expect.objectContaining({ record: 'contact', index: 1, contactId: 'c1', path: ['id'] })]);
  });

  it('bad owners and snoozes are errors too', () => {
    const { items, errors } = evaluate({
      policy,
      contacts: [{ id: 'c1' }],
      touches: [],
      owners: [
        { id: 'u1', timeZone: 'Nowhere/City' },
        { id: 'u2', calendar: 'nope' },
      ],
      snoozes: [
        { contactId: 'c1', cycleId: 'nope', until: '2026-12-01' },
        { contactId: 'c1', cycleId: 'check-in', until: '1 Dec' },
      ],
      now,
    });
    expect(items).toHaveLength(1);
    expect(errors.map((error) => [error.record, error.index, error.path.join('.')])).toEqual([
      ['owner', 0, 'timeZone'],
      ['owner', 1, 'calendar'],
      ['snooze', 0, 'cycleId'],
      ['snooze', 1, 'until'],
    ]);
  });

  it('a snooze of an unknown contact says it is the snooze that names it', () => {
    const { errors } = evaluate({
      policy,
      contacts: [{ id: 'c1' }],
      touches: [{ contactId: 'ghost', at: '2026-11-01T10:00:00Z', channel: 'call' }],
      snoozes: [{ contactId: 'ghost', cycleId: 'check-in', until: '2026-12-01' }],
      now,
    });
    expect(errors.map((error) => [error.record, error.code, error.message])).toEqual([
      ['touch', 'unknown-contact', 'touch names unknown contact "ghost"'],
      ['snooze', 'unknown-contact', 'snooze names unknown contact "ghost"'],
    ]);
  });

  it('a bad policy throws a PolicyError before any work', () => {
    const run = () => evaluate({ policy: { version: 2 } as never, contacts: [], touches: [], now });
    expect(run).toThrow(PolicyError);
    try {
      run();
    } catch (error) {
      expect(isCallingCycleError(error)).toBe(true);
    }
  });

  it('a bad now throws an InputError', () => {
    expect(() => evaluate({ policy, contacts: [], touches: [], now: '2026-11-23' })).toThrow(InputError);
  });
});

describe('zones: contact, then owner, then policy, then UTC', () => {
  const owners = [{ id: 'u1', timeZone: 'America/New_York' }];
  it.each([
    ['contact zone wins', { timeZone: 'Asia/Tokyo', ownerId: 'u1' }, {}, 'Asia/Tokyo'],
    ['owner zone next', { ownerId: 'u1' }, { timeZone: 'Europe/London' }, 'America/New_York'],
    ['policy zone next', {}, { timeZone: 'Europe/London' }, 'Europe/London'],
    ['UTC last', {}, {}, 'UTC'],
  ])('%s', (_name, contact, policyExtra, zone) => {
    const { items } = evaluate({
      policy: policyWith({ cadence: { every: 'P14D' } }, policyExtra),
      contacts: [{ id: 'c1', ...contact }],
      touches: [],
      owners,
      now,
    });
    expect(items[0]!.reason.timeZone).toBe(zone);
  });
});

describe('calendars: owner and contact combined', () => {
  const calendars = {
    uk: { holidays: ['2026-12-25', '2026-12-28'] },
    jp: { holidays: ['2026-12-29'] },
    sixDays: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA'], holidays: ['2026-12-25'] },
  };
  it.each([
    ['policy default calendar', undefined, undefined, '2026-12-28'],
    ['owner calendar (uk): 25 and 28 Dec are holidays', 'uk', undefined, '2026-12-29'],
    ['owner uk + contact jp: 28 and 29 Dec are holidays', 'uk', 'jp', '2026-12-30'],
    ['owner works Saturdays: the 26th is workable', 'sixDays', undefined, '2026-12-26'],
    ['owner works Saturdays, contact does not: Monday', 'sixDays', 'uk', '2026-12-29'],
  ])('%s', (_name, ownerCalendar, contactCalendar, dueOn) => {
    const policy = policyWith({ cadence: { every: 'P14D' } }, { calendars: { ...calendars, weekdays: { holidays: ['2026-12-25'] } } });
    const { items, errors } = evaluate({
      policy,
      contacts: [{ id: 'c1', ownerId: 'u1', ...(contactCalendar ? { calendar: contactCalendar } : {}) }],
      touches: [call('c1', '2026-12-11T10:00:00Z')],
      owners: [{ id: 'u1', ...(ownerCalendar ? { calendar: ownerCalendar } : {}) }],
      now: '2026-12-20T12:00:00Z',
    });
    expect(errors).toEqual([]);
    expect(items[0]!.reason.rawDue).toBe('2026-12-25');
    expect(items[0]!.dueOn).toBe(dueOn);
  });
});

describe('several cycles per tier', () => {
  it('gives one item per cycle, each counting its own touches', () => {
    const policy = policyWith(
      { cadence: { every: 'P14D' } },
      {
        tiers: [
          {
            id: 'A',
            cycles: [
              { id: 'check-in', cadence: { every: 'P14D' } },
              { id: 'visit', cadence: { every: 'P3M' }, counts: { channels: ['visit'] } },
            ],
          },
        ],
      },
    );
    const { items } = evaluate({
      policy,
      contacts: [{ id: 'c1' }],
      touches: [call('c1', '2026-11-10T10:00:00Z'), call('c1', '2026-09-01T10:00:00Z', { channel: 'visit' })],
      now,
    });
    expect(items.map((item) => [item.cycleId, item.reason.lastTouchOn, item.dueOn])).toEqual([
      ['check-in', '2026-11-10', '2026-11-24'],
      ['visit', '2026-09-01', '2026-12-01'],
    ]);
  });
});
