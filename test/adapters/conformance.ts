/**
 * One conformance suite every CRM adapter passes (unstorage's driver suite is the model): each
 * adapter's test file calls `describeAdapterConformance` with its own fixture book, and the same
 * promises are checked for all of them.
 */
import { describe, expect, it } from 'vitest';
import type { AdapterResult } from '../../src/adapters/shared/types.js';
import { parseTaskKey } from '../../src/adapters/shared/keys.js';
import { evaluate, plan, type DueItem, type Plan, type Policy } from '../../src/index.js';

const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export interface AdapterConformanceCase<Records, Task> {
  /** The adapter's name, for test titles. */
  name: string;
  /**
   * A fixture book in the CRM's own shape, written from its published API shapes. It must hold at
   * least one open (not completed) activity, one record the adapter skips on purpose, one bad
   * record, and one activity associated with more than one contact.
   */
  records: () => Records;
  read: (records: Records) => AdapterResult;
  /** How many records of each collection the fixture holds, counted independently of the adapter. */
  inputCounts: Record<string, number>;
  /** Ids of the contacts the fixture holds that must come out (as strings, unchanged). */
  contactIds: readonly string[];
  /** The same records plus one open copy of a completed activity: it must add no touch. */
  withOpenActivity: (records: Records) => Records;
  /**
   * The same records plus one contact whose id holds a lone UTF-16 surrogate (`c\ud800`), as a
   * payload parsed from JSON can: it must be one `bad-id` error, never `missing-id`, and move nothing else.
   */
  withIllFormedContactId: (records: Records) => Records;
  policy: Policy;
  /** An instant at which the fixture book has something to plan. */
  now: string;
  /** Tasks (or activities, events …) for a plan, as the adapter writes them. */
  write: (plan: Plan, items: readonly DueItem[]) => readonly Task[];
  /** The idempotency key the adapter wrote on a task. */
  keyOf: (task: Task) => string;
  /** The records as they are once a rep completed `task` at `at`, as the CRM would return them. */
  complete: (records: Records, task: Task, at: string) => Records;
}

export function describeAdapterConformance<Records, Task>(c: AdapterConformanceCase<Records, Task>): void {
  describe(`${c.name}: adapter conformance`, () => {
    const result = () => c.read(c.records());

    it('accounts for every input record: read = mapped + skipped + errors, per collection', () => {
      const r = result();
      for (const [collection, count] of Object.entries(c.inputCounts)) {
        const counted = r.counts[collection];
        expect(counted, collection).toBeDefined();
        expect(counted!.read, collection).toBe(count);
        expect(counted!.mapped + counted!.skipped + counted!.errors, collection).toBe(count);
        expect(r.errors.filter((e) => e.source === collection).length, collection).toBe(counted!.errors);
        expect(r.skipped.filter((s) => s.source === collection).length, collection).toBe(counted!.skipped);
      }
      expect(r.errors.length).toBeGreaterThan(0);
      expect(r.skipped.length).toBeGreaterThan(0);
      // A record is skipped or an error once, at a position its collection has.
      const places = [...r.errors, ...r.skipped].map((entry) => `${entry.source}#${entry.index}`);
      expect(new Set(places).size).toBe(places.length);
      for (const entry of [...r.errors, ...r.skipped]) {
        expect(entry.index).toBeGreaterThanOrEqual(0);
        expect(entry.index).toBeLessThan(r.counts[entry.source]?.read ?? 0);
      }
      for (const error of r.errors) {
        expect(error.code).toMatch(/^[a-z-]+$/);
        expect(error.message.length).toBeGreaterThan(0);
      }
    });

    it('keeps ids as strings, unchanged', () => {
      const ids = result().contacts.map((contact) => contact.id);
      for (const id of c.contactIds) expect(ids).toContain(id);
      for (const id of ids) expect(typeof id).toBe('string');
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('writes canonical UTC instants', () => {
      const r = result();
      for (const touch of r.touches) expect(touch.at).toMatch(CANONICAL_INSTANT);
      for (const contact of r.contacts) if (contact.createdAt !== undefined) expect(contact.createdAt).toMatch(CANONICAL_INSTANT);
    });

    it('gives the engine records it accepts', () => {
      const r = result();
      const evaluated = evaluate({ policy: c.policy, contacts: r.contacts, touches: r.touches, owners: r.owners, now: c.now });
      expect(evaluated.errors).toEqual([]);
      expect(evaluated.items.length).toBeGreaterThan(0);
    });

    it('maps only completed activities to touches', () => {
      const before = result();
      const after = c.read(c.withOpenActivity(c.records()));
      expect(after.touches).toEqual(before.touches);
      expect(after.skipped.length).toBe(before.skipped.length + 1);
    });

    it('refuses a contact id holding a lone UTF-16 surrogate as bad-id, and reads every other record', () => {
      const before = result();
      const after = c.read(c.withIllFormedContactId(c.records()));
      const added = after.errors.filter((error) => !before.errors.some((known) => JSON.stringify(known) === JSON.stringify(error)));
      expect(added).toHaveLength(1);
      expect(added[0]!.code).toBe('bad-id');
      expect(added[0]!.message).toContain('lone UTF-16 surrogate');
      expect(after.errors.length).toBe(before.errors.length + 1);
      expect(after.contacts).toEqual(before.contacts);
      expect(after.touches).toEqual(before.touches);
      expect(after.skipped).toEqual(before.skipped);
    });

    it('does not mutate its input', () => {
      const records = c.records();
      const copy = structuredClone(records);
      c.read(records);
      expect(records).toEqual(copy);
    });

    const planned = () => {
      const r = result();
      const { items } = evaluate({ policy: c.policy, contacts: r.contacts, touches: r.touches, owners: r.owners, now: c.now });
      const from = c.now.slice(0, 10);
      const p = plan({ policy: c.policy, items, owners: r.owners, from, days: 7 });
      return { items, plan: p };
    };

    it('writes stable, unique idempotency keys: the same plan gives the same keys', () => {
      const first = planned();
      const second = planned();
      const keys = c.write(first.plan, first.items).map(c.keyOf);
      expect(keys.length).toBeGreaterThan(0);
      expect(c.write(second.plan, second.items).map(c.keyOf)).toEqual(keys);
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of keys) expect(parseTaskKey(key)).toBeDefined();
    });

    it('round trip: plan → task → completed task → touch → the cycle is satisfied', () => {
      const { items, plan: p } = planned();
      const tasks = c.write(p, items);
      const task = tasks[0]!;
      const parts = parseTaskKey(c.keyOf(task))!;
      const at = c.now;
      const back = c.read(c.complete(c.records(), task, at));
      const later = evaluate({ policy: c.policy, contacts: back.contacts, touches: back.touches, owners: back.owners, now: at });
      const item = later.items.find((i) => i.contactId === parts.contactId && i.cycleId === parts.cycleId)!;
      expect(item).toBeDefined();
      expect(item.lastTouchAt).toBe(new Date(at).toISOString());
      expect(['upcoming', 'soon', 'ended']).toContain(item.status);
    });
  });
}
