/**
 * Reasons are frozen and shared: items whose reasons are equal hold one object, items whose
 * reasons differ in any one field hold their own, each right. The values expected here are
 * written out by hand or computed with Date.UTC, never by the library's code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Contact, type DueItem, evaluate, evaluateColumns, parsePolicy, type Touch } from '../../src/index.js';
import { bookArb, NOW, policyArb } from '../bulk/books.js';

const policyInput = {
  version: 1,
  calendars: { weekdays: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR'] } },
  tiers: [
    { id: 'A', cycles: [{ id: 'check-in', cadence: { every: 'P14D' }, shift: 'none' }] },
    { id: 'M', cycles: [{ id: 'monthly', cadence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'signedOn' }, shift: 'none' }] },
  ],
  defaultTier: 'A',
};
const policy = parsePolicy(policyInput);
const now = '2026-11-23T08:00:00Z';
const touch = (contactId: string, at: string): Touch => ({ contactId, at, channel: 'call', outcome: 'connected' });

/** Every object reachable from a value, for the frozen check. */
function objectsIn(value: unknown, found: object[] = []): object[] {
  if (typeof value !== 'object' || value === null) return found;
  found.push(value);
  for (const part of Object.values(value)) objectsIn(part, found);
  return found;
}

describe('reasons', () => {
  it('are frozen, with everything in them, and cannot be written in strict mode', () => {
    const { items } = evaluate({
      policy,
      contacts: [
        { id: 'plain', timeZone: 'UTC' },
        { id: 'named', timeZone: 'UTC', name: ' Ada ' },
        { id: 'anchored', timeZone: 'UTC', tier: 'M', events: { signedOn: '2026-01-15' } },
      ],
      touches: [
        touch('plain', '2026-11-02T10:00:00Z'),
        { contactId: 'named', at: '2026-11-20T10:00:00Z', channel: 'call', outcome: 'voicemail' },
      ],
      now,
    });
    expect(items.map((item) => item.contactId)).toEqual(['plain', 'named', 'anchored']);
    for (const item of items) {
      for (const part of objectsIn(item.reason)) expect(Object.isFrozen(part)).toBe(true);
      expect(() => {
        (item.reason as { lastTouchOn: string | null }).lastTouchOn = '2000-01-01';
      }).toThrow(TypeError);
      // The item itself is the caller's to change.
      item.daysOverdue = 99;
      expect(item.daysOverdue).toBe(99);
    }
    expect(items[1]!.reason.contactName).toBe('Ada');
    expect(items[1]!.reason.notCounted).toEqual([
      { at: '2026-11-20T10:00:00.000Z', on: '2026-11-20', channel: 'call', why: 'attempt', value: 'voicemail' },
    ]);
    expect(items[2]!.reason.detail).toEqual({ anchorOn: '2026-01-15' });
  });

  it('never freeze the caller’s policy', () => {
    const input = structuredClone(policyInput);
    evaluate({ policy: input as never, contacts: [{ id: 'c', timeZone: 'UTC' }], touches: [], now });
    expect(Object.isFrozen(input.tiers[0]!.cycles[0]!.cadence)).toBe(false);
    expect(Object.isFrozen(policy.tiers[0]!.cycles[0]!.cadence)).toBe(false);
  });

  it('are one object for items whose reasons are equal, and apart when any field differs', () => {
    const at = '2026-11-02T10:00:00Z';
    const contacts: Contact[] = [
      { id: 'a1', timeZone: 'UTC' },
      { id: 'a2', timeZone: 'UTC' },
      { id: 'zone', timeZone: 'Asia/Tokyo' },
      { id: 'calendar', timeZone: 'UTC', calendar: 'weekdays' },
      { id: 'explicit', timeZone: 'UTC', tier: 'A' },
      { id: 'paused', timeZone: 'UTC', pausedUntil: '2026-12-01' },
      { id: 'snoozed', timeZone: 'UTC' },
      { id: 'a3', timeZone: 'UTC' },
      { id: 'm1', timeZone: 'UTC', tier: 'M', events: { signedOn: '2026-01-15' } },
      { id: 'm2', timeZone: 'UTC', tier: 'M', events: { signedOn: '2026-01-15' } },
      { id: 'm3', timeZone: 'UTC', tier: 'M', events: { signedOn: '2026-02-15' } },
    ];
    const touches = contacts.map((contact) => touch(String(contact.id), at));
    const { items, errors } = evaluate({
      policy,
      contacts,
      touches,
      snoozes: [{ contactId: 'snoozed', cycleId: 'check-in', until: '2026-12-10' }],
      now,
    });
    expect(errors).toEqual([]);
    const reason = (id: string) => items.find((item) => item.contactId === id)!.reason;
    expect(reason('a2')).toBe(reason('a1'));
    expect(reason('a3')).toBe(reason('a1'));
    expect(reason('m2')).toBe(reason('m1'));
    const distinct = ['a1', 'zone', 'calendar', 'explicit', 'paused', 'snoozed', 'm1', 'm3'].map(reason);
    expect(new Set(distinct).size).toBe(distinct.length);
    const base = {
      tierId: 'A',
      tier: { by: 'default' },
      cycleId: 'check-in',
      cadence: { every: 'P14D' },
      timeZone: 'UTC',
      contactCalendar: null,
      basis: 'touch',
      lastTouchOn: '2026-11-02',
      rawDue: '2026-11-16',
      shiftedTo: null,
      shift: 'none',
      pausedUntil: null,
      snoozedUntil: null,
    };
    expect(reason('a1')).toEqual(base);
    expect(reason('zone')).toEqual({ ...base, timeZone: 'Asia/Tokyo' });
    expect(reason('calendar')).toEqual({ ...base, contactCalendar: 'weekdays' });
    expect(reason('explicit')).toEqual({ ...base, tier: { by: 'explicit' } });
    expect(reason('paused')).toEqual({ ...base, pausedUntil: '2026-12-01' });
    expect(reason('snoozed')).toEqual({ ...base, snoozedUntil: '2026-12-10' });
    const monthly = {
      ...base,
      tierId: 'M',
      tier: { by: 'explicit' },
      cycleId: 'monthly',
      cadence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'signedOn' },
      rawDue: '2026-12-01',
    };
    expect(reason('m1')).toEqual({ ...monthly, detail: { anchorOn: '2026-01-15' } });
    expect(reason('m3')).toEqual({ ...monthly, detail: { anchorOn: '2026-02-15' } });
  });

  it('stay right when there are more distinct reasons than the table holds, met again after others', () => {
    // 6,000 distinct last-touch days, each met twice, 6,000 contacts apart: far more reasons than
    // a set of the table holds, so reasons are pushed out and built again.
    const days = 6_000;
    const first = Date.UTC(2005, 0, 3);
    const contacts: Contact[] = [];
    const touches: Touch[] = [];
    for (let round = 0; round < 2; round++)
      for (let day = 0; day < days; day++) {
        const id = `c${round}-${day}`;
        contacts.push({ id, timeZone: 'UTC' });
        touches.push(touch(id, new Date(first + day * 86_400_000 + 36_000_000).toISOString()));
      }
    const check = (items: readonly DueItem[]) => {
      expect(items).toHaveLength(2 * days);
      items.forEach((item, index) => {
        const day = index % days;
        const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
        expect(item.reason.lastTouchOn).toBe(iso(first + day * 86_400_000));
        expect(item.reason.rawDue).toBe(iso(first + (day + 14) * 86_400_000));
        expect(item.dueOn).toBe(item.reason.rawDue);
      });
    };
    check(evaluate({ policy, contacts, touches, now }).items);
    const columns = evaluateColumns({ policy, contacts, touches, now });
    check(Array.from({ length: columns.size }, (_, row) => columns.item(row)));
  });

  it('of a book evaluated whole equal those of each contact evaluated alone', () => {
    fc.assert(
      fc.property(policyArb, bookArb({ duplicates: false }), (policyValue, book) => {
        const whole = evaluate({
          policy: policyValue,
          contacts: book.contacts,
          touches: book.touches,
          owners: book.owners,
          snoozes: book.snoozes,
          now: NOW,
        });
        const alone = book.records.flatMap(
          (record) =>
            evaluate({
              policy: policyValue,
              contacts: [record.contact],
              touches: record.touches,
              owners: book.owners,
              snoozes: book.snoozes,
              now: NOW,
            }).items,
        );
        expect(JSON.stringify(whole.items)).toBe(JSON.stringify(alone));
      }),
      { numRuns: 60 },
    );
  });
});
