/**
 * Invariants of the spec, checked on random books. The CI runs this file again under
 * TZ=Pacific/Apia and TZ=Australia/Lord_Howe: the answers must not move.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type Contact, type DueItem, evaluate, type Touch } from '../../src/index.js';
import { deepFreeze, policyWith } from '../helpers.js';

const zones = ['UTC', 'Asia/Tokyo', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Kolkata'];
const channels = ['call', 'meeting', 'visit', 'email', 'message', 'other'] as const;
const outcomes = ['connected', 'voicemail', 'no-answer', 'bounced', undefined];
const MIN = Date.UTC(2025, 0, 1);
const NOW = Date.UTC(2026, 10, 23, 8);
const now = new Date(NOW).toISOString();

const instant = fc.integer({ min: MIN, max: NOW }).map((ms) => new Date(ms).toISOString());
const touchFor = (contactId: string) =>
  fc.record({
    contactId: fc.constant(contactId),
    at: instant,
    channel: fc.constantFrom(...channels),
    direction: fc.constantFrom('outbound' as const, 'inbound' as const),
    outcome: fc.constantFrom(...outcomes),
    purpose: fc.constantFrom('sales', 'check-in', 'review'),
  });
const cycle = fc.record({
  cadence: fc.constantFrom({ every: 'P14D' }, { every: 'P1M' }, { every: 'P3M' }, { every: 'P1Y' }),
  shift: fc.constantFrom('following', 'preceding', 'modified-following', 'none'),
  counts: fc.constantFrom(undefined, { channels: ['call', 'meeting'] }, { directions: ['outbound'] }),
});
const book = fc
  .array(fc.record({ zone: fc.constantFrom(...zones), touches: fc.integer({ min: 0, max: 5 }), created: instant }), {
    minLength: 1,
    maxLength: 8,
  })
  .chain((rows) => {
    const contacts: Contact[] = rows.map((row, index) => ({ id: `c${index}`, timeZone: row.zone, createdAt: row.created }));
    const touches = fc
      .tuple(...rows.map((row, index) => fc.array(touchFor(`c${index}`), { maxLength: row.touches })))
      .map((lists) => lists.flat() as Touch[]);
    return fc.tuple(fc.constant(contacts), touches);
  });

const dueOf = (items: DueItem[], contactId: string) => items.find((item) => item.contactId === contactId)!.dueOn!;
const sortItems = (items: DueItem[]) =>
  [...items].sort((a, b) => a.contactId.localeCompare(b.contactId) || a.cycleId.localeCompare(b.cycleId));

describe('evaluate invariants', () => {
  it('a later qualifying touch never moves a due date earlier', () => {
    fc.assert(
      fc.property(cycle, book, fc.integer({ min: 0, max: 400 * 86_400_000 }), (cycleSpec, [contacts, touches], gap) => {
        const policy = policyWith({ ...cycleSpec, counts: undefined });
        const before = evaluate({ policy, contacts, touches, now }).items;
        const contact = contacts[0]! as Contact & { id: string };
        const last = Math.max(
          Date.parse(String(contact.createdAt)),
          ...touches.filter((t) => t.contactId === contact.id).map((t) => Date.parse(String(t.at))),
        );
        const extra: Touch = {
          contactId: contact.id,
          at: new Date(Math.min(NOW, last + gap)).toISOString(),
          channel: 'call',
          outcome: 'connected',
        };
        const after = evaluate({ policy, contacts, touches: [...touches, extra], now }).items;
        expect(dueOf(after, contact.id) >= dueOf(before, contact.id)).toBe(true);
      }),
    );
  });

  it('a non-qualifying touch changes nothing but the list of touches that did not count', () => {
    fc.assert(
      fc.property(
        cycle,
        book,
        instant,
        fc.constantFrom('voicemail', 'no-answer', 'bounced'),
        (cycleSpec, [contacts, touches], at, outcome) => {
          const policy = policyWith(cycleSpec);
          const before = evaluate({ policy, contacts, touches, now });
          const attempt: Touch = { contactId: contacts[0]!.id, at, channel: 'call', direction: 'outbound', outcome };
          const after = evaluate({ policy, contacts, touches: [attempt, ...touches], now });
          const withoutNotCounted = (result: typeof before) =>
            result.items.map(({ reason: { notCounted: _notCounted, ...reason }, ...item }) => ({ ...item, reason }));
          expect(withoutNotCounted(after)).toEqual(withoutNotCounted(before));
          expect(after.errors).toEqual(before.errors);
          // The attempt is named in the reason of its contact's item when it came after the last
          // qualifying touch (and was not in the future).
          const item = after.items.find((i) => i.contactId === contacts[0]!.id)!;
          const atMs = Date.parse(String(at));
          const lastMs = item.lastTouchAt === null ? Number.NEGATIVE_INFINITY : Date.parse(item.lastTouchAt);
          const listed = item.reason.notCounted ?? [];
          if (atMs > lastMs && atMs <= Date.parse(String(now)) && listed.length < 3)
            expect(listed.some((t) => t.at === new Date(atMs).toISOString() && t.why === 'attempt')).toBe(true);
        },
      ),
    );
  });

  it('output does not depend on input order', () => {
    fc.assert(
      fc.property(cycle, book, fc.infiniteStream(fc.nat()), (cycleSpec, [contacts, touches], randoms) => {
        const policy = policyWith(cycleSpec);
        const shuffle = <T>(list: T[]) =>
          list
            .map((value) => [randoms.next().value, value] as const)
            .sort((a, b) => a[0] - b[0])
            .map(([, value]) => value);
        const a = evaluate({ policy, contacts, touches, now });
        const b = evaluate({ policy, contacts: shuffle(contacts), touches: shuffle(touches), now });
        expect(sortItems(b.items)).toEqual(sortItems(a.items));
        expect(b.errors).toEqual(a.errors);
      }),
    );
  });

  it('inputs are never mutated, and outputs are plain JSON', () => {
    fc.assert(
      fc.property(cycle, book, (cycleSpec, [contacts, touches]) => {
        const policy = policyWith(cycleSpec);
        const snapshot = JSON.stringify({ policy, contacts, touches });
        const result = evaluate({ policy: deepFreeze(policy), contacts: deepFreeze(contacts), touches: deepFreeze(touches), now });
        expect(JSON.stringify({ policy, contacts, touches })).toBe(snapshot);
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      }),
      { numRuns: 50 },
    );
  });

  it('every contact yields an item or an error: nothing is dropped', () => {
    fc.assert(
      fc.property(cycle, book, (cycleSpec, [contacts, touches]) => {
        const { items, errors } = evaluate({ policy: policyWith(cycleSpec), contacts, touches, now });
        expect(items.length + errors.length).toBe(contacts.length);
      }),
    );
  });
});
