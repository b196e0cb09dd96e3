/**
 * SPEC sentences no path comparison can catch (every path could share the slip), checked on the
 * audit's edge books with nothing of src/ but the public entry:
 * - "Apart from that 'due today', the same input gives the same due date on every `now`; only the
 *   status moves with `now`": two `now`s after every touch give the same dueOn, except for items
 *   due today for want of history (`basis: 'no-history'`);
 * - "No shift moves a never-touched contact's due date before its createdAt date" (a milestone
 *   whose own date is before createdAt keeps it);
 * - the status is what the due date, today, soonDays and graceDays say (SPEC "Status"), today
 *   being `now` as a local date in the contact's zone (contact, owner, policy, UTC).
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { evaluate, parsePolicy } from '../../src/index.js';
import { type AuditBook, auditBook } from './edge-books.js';

const DAY = 86_400_000;

/** The book with every touch before `now` (those after it are dropped), and a later `now`. */
const settled = fc.tuple(auditBook, fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: DAY - 1 })).map(([book, days, ms]) => {
  const touches = book.touches.filter((touch) => Date.parse(String(touch.at)) <= Date.parse(book.now));
  return { book: { ...book, touches }, later: new Date(Date.parse(book.now) + days * DAY + ms).toISOString() };
});

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;

/** The contact's zone by SPEC's fallback: contact, owner, policy, UTC. */
function zoneOf(book: AuditBook, contactId: string): string {
  const contact = book.contacts.find((entry) => String(entry.id) === contactId)!;
  const owner = book.owners.find((entry) => String(entry.id) === String(contact.ownerId));
  return contact.timeZone ?? owner?.timeZone ?? (book.policy.timeZone as string | undefined) ?? 'UTC';
}

describe('SPEC invariants on edge books', () => {
  it('the same input gives the same due date on every now (but the no-history "due today")', () => {
    fc.assert(
      fc.property(settled, ({ book, later }) => {
        const policy = parsePolicy(book.policy);
        const first = evaluate({ ...book, policy });
        const second = evaluate({ ...book, policy, now: later });
        expect(second.items.length).toBe(first.items.length);
        first.items.forEach((item, index) => {
          const other = second.items[index]!;
          expect([other.contactId, other.cycleId]).toEqual([item.contactId, item.cycleId]);
          if (item.reason.basis === 'no-history' || other.reason.basis === 'no-history') return;
          // An anchored rule may end between the two nows; otherwise the date stands.
          if (item.status === 'ended' || other.status === 'ended') return;
          expect(other.dueOn).toBe(item.dueOn);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('no shift moves a never-touched contact’s due date before its createdAt date, and the status follows the dates', () => {
    fc.assert(
      fc.property(auditBook, (book) => {
        const policy = parsePolicy(book.policy);
        const result = evaluate({ ...book, policy });
        for (const item of result.items) {
          const zone = zoneOf(book, item.contactId);
          expect(item.reason.timeZone.toLowerCase()).toBe(zone.toLowerCase());
          const contact = book.contacts.find((entry) => String(entry.id) === item.contactId)!;
          if (item.dueOn === null) continue;
          if (item.lastTouchAt === null && contact.createdAt !== undefined && item.reason.rawDue !== null) {
            const created = DateTime.fromMillis(Date.parse(String(contact.createdAt)), { zone }).toISODate()!;
            // A milestone already before createdAt keeps its own date; any other never-touched date is on or after createdAt.
            if (item.reason.rawDue >= created) expect(item.dueOn >= created).toBe(true);
          }
          const today = dayNumber(DateTime.fromMillis(Date.parse(book.now), { zone }).toISODate()!);
          const due = dayNumber(item.dueOn);
          const cycle = policy.tiers.find((tier) => tier.id === item.tierId)!.cycles.find((entry) => entry.id === item.cycleId)!;
          const grace = cycle.graceDays ?? 0;
          const soon = cycle.soonDays ?? 0;
          const paused = item.reason.pausedUntil !== null && dayNumber(item.reason.pausedUntil) > today;
          // Excluded and ended items have no due date: only the dated statuses are left here.
          const expected = paused
            ? 'paused'
            : today > due + grace
              ? 'overdue'
              : today >= due
                ? 'due'
                : today >= due - soon
                  ? 'soon'
                  : 'upcoming';
          expect(item.status).toBe(expected);
          expect(item.daysOverdue).toBe(expected === 'overdue' ? today - due : 0);
          if (item.reason.pausedUntil !== null) expect(item.dueOn >= item.reason.pausedUntil).toBe(true);
          if (item.reason.snoozedUntil !== null) expect(item.dueOn >= item.reason.snoozedUntil).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
