/**
 * One rule for ids no output can carry (a lone UTF-16 surrogate, legal in JSON): refused at
 * intake as a `bad-id` record error, everywhere records come in, while the other records are
 * still evaluated. So no writer (CSV, NDJSON task keys, iCalendar, CRM payloads) ever meets one.
 */
import { describe, expect, it } from 'vitest';
import { fromHubSpot } from '../../src/adapters/hubspot/index.js';
import { evaluate, evaluateColumns, evaluateStream, parsePolicy, plan } from '../../src/index.js';
import { contactSchema, snoozeSchema, touchSchema } from '../../src/schema/zod/index.js';

const policy = parsePolicy({ version: 1, tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] }], defaultTier: 'A' });
const NOW = '2026-11-23T08:00:00Z';
const LONE = ['a\uD800', '\uDC00b', 'x\uDBFFy', '\uDFFF\uD800'];
const FINE = ['ok', 'Zoë 👋', '\uD83D\uDC4B'];

describe('an id holding a lone surrogate is a bad-id record error at intake', () => {
  for (const id of LONE) {
    const label = JSON.stringify(id);
    it(`evaluate and evaluateColumns: contact ${label}, touch and snooze naming it`, () => {
      const input = {
        policy,
        contacts: [{ id }, { id: 'good', ownerId: id }, { id: 'fine' }],
        touches: [{ contactId: id, at: '2026-11-01T10:00:00Z', channel: 'call' as const }],
        snoozes: [{ contactId: 'fine', cycleId: id, until: '2026-12-01' }],
        now: NOW,
      };
      for (const result of [evaluate(input), evaluateColumns(input)]) {
        const codes = result.errors.map((error) => [error.record, error.index, error.code, error.path.join('.')]);
        expect(codes).toEqual(
          expect.arrayContaining([
            ['contact', 0, 'bad-id', 'id'],
            ['contact', 1, 'bad-id', 'ownerId'],
            ['touch', 0, 'bad-id', 'contactId'],
            ['snooze', 0, 'bad-id', 'cycleId'],
          ]),
        );
        expect(result.errors.find((error) => error.code === 'bad-id')!.message).toMatch(/lone UTF-16 surrogate/);
      }
      expect(evaluate(input).items.map((item) => item.contactId)).toEqual(['fine']);
    });

    it(`evaluateStream: record ${label}`, async () => {
      const records = [{ contact: { id } }, { contact: { id: 'fine' } }];
      const errors: string[] = [];
      const items: string[] = [];
      for await (const chunk of evaluateStream(records, { policy, now: NOW })) {
        errors.push(...chunk.errors.map((error) => `${error.record} ${error.code}`));
        items.push(...chunk.items.map((item) => item.contactId));
      }
      expect(errors).toEqual(['contact bad-id']);
      expect(items).toEqual(['fine']);
    });

    it(`plan: a hand-built item whose contactId is ${label} is an item error; the others are planned`, () => {
      const good = evaluate({ policy, contacts: [{ id: 'fine', ownerId: 'u1' }], touches: [], now: NOW }).items;
      const bad = { ...good[0]!, contactId: id };
      const planned = plan({ policy, items: [bad, ...good], owners: [{ id: 'u1', dailyCapacity: 5 }], from: '2026-11-23', days: 3 });
      expect(planned.errors).toEqual([expect.objectContaining({ record: 'item', index: 0, path: ['contactId'] })]);
      expect(planned.owners[0]!.days.flatMap((day) => day.touches.map((touch) => touch.contactId))).toEqual(['fine']);
    });

    it(`the zod schemas agree: ${label} is refused`, () => {
      expect(contactSchema.safeParse({ id }).success).toBe(false);
      expect(touchSchema.safeParse({ contactId: id, at: NOW, channel: 'call' }).success).toBe(false);
      expect(snoozeSchema.safeParse({ contactId: 'c', cycleId: id, until: '2026-12-01' }).success).toBe(false);
    });

    it(`fromHubSpot: a contact whose id is ${label} is a bad-id error, not a contact`, () => {
      const result = fromHubSpot({ contacts: [{ id, properties: {} }, { id: '101', properties: {} }] });
      expect(result.contacts.map((contact) => contact.id)).toEqual(['101']);
      expect(result.errors.map((error) => [error.code, error.index, error.path])).toEqual([['bad-id', 0, ['id']]]);
    });
  }

  it('well-formed text, astral characters included, stays an id', () => {
    const result = evaluate({ policy, contacts: FINE.map((id) => ({ id })), touches: [], now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.items.map((item) => item.contactId).sort()).toEqual([...FINE].sort());
    for (const id of FINE) expect(contactSchema.safeParse({ id }).success).toBe(true);
  });
});
