/**
 * The columnar input's own cases, which have no object to stand for: codes that are no position
 * in their dictionary, touch rows that are no contact row, malformed columns, and results whose
 * memory is handed back for the next evaluation.
 */
import { describe, expect, it } from 'vitest';
import { evaluateColumns, STATUS_CODES } from '../../src/core/columns.js';
import { evaluate } from '../../src/index.js';
import { NOW, weeklyPolicy } from './books.js';

const policy = weeklyPolicy();
const day = (text: string) => Date.parse(text);

describe('evaluateColumns from columns', () => {
  it('refuses a text id holding a lone surrogate as bad-id, as for the contact object, in text and dictionary ids', () => {
    const lone = 'c\uD800';
    const objects = evaluate({ policy, contacts: [{ id: 'c1' }, { id: lone }], touches: [], now: NOW });
    expect(objects.errors.map((error) => [error.index, error.code])).toEqual([[1, 'bad-id']]);
    for (const contacts of [{ id: ['c1', lone] }, { id: Int32Array.of(0, 1), idDictionary: ['c1', lone] }]) {
      const result = evaluateColumns({ policy, contacts, touches: [], now: NOW });
      expect(result.errors).toEqual(objects.errors);
      expect(result.size).toBe(1);
    }
  });

  it('reports a code outside its dictionary as a bad value of that row, and evaluates the others', () => {
    const result = evaluateColumns({
      policy,
      contacts: { id: ['c1', 'c2', 'c3'], timeZone: { codes: Int8Array.of(0, 2, -1), values: ['Asia/Tokyo', null] } },
      touches: [],
      now: NOW,
    });
    expect(result.size).toBe(1);
    expect(result.contactId(0)).toBe('c1');
    expect(result.errors).toEqual([
      expect.objectContaining({ record: 'contact', index: 1, code: 'bad-value', path: ['timeZone'], contactId: 'c2' }),
      expect.objectContaining({ record: 'contact', index: 2, code: 'bad-value', path: ['timeZone'], contactId: 'c3' }),
    ]);
  });

  it('reports a touch whose contact row is not a row as an unknown contact at its position', () => {
    const result = evaluateColumns({
      policy,
      contacts: { id: Int32Array.of(7) },
      touches: {
        contact: Int32Array.of(0, 1, -1),
        atMs: Float64Array.of(day('2026-11-20T10:00:00Z'), day('2026-11-21T10:00:00Z'), day('2026-11-22T10:00:00Z')),
        channel: { codes: Uint8Array.of(0, 0, 0), values: ['call'] },
      },
      now: NOW,
    });
    expect(result.errors.map((error) => [error.record, error.index, error.code, error.path])).toEqual([
      ['touch', 1, 'unknown-contact', ['contact']],
      ['touch', 2, 'unknown-contact', ['contact']],
    ]);
    expect(result.item(0).lastTouchAt).toBe('2026-11-20T10:00:00.000Z');
    expect(result.contactId(0)).toBe('7');
  });

  it('refuses malformed columns with an InputError naming the column', () => {
    const bad = [
      { contacts: { id: [1, 2] as unknown as string[], createdMs: new Float64Array(1) }, path: ['contacts', 'createdMs'] },
      { contacts: { id: Int32Array.of(1), tier: { codes: [0], values: ['A'] } }, path: ['contacts', 'tier'] },
      { contacts: { id: new Uint8Array(1) }, path: ['contacts', 'id'] },
    ];
    for (const { contacts, path } of bad)
      expect(() => evaluateColumns({ policy, contacts: contacts as never, touches: [], now: NOW })).toThrow(
        expect.objectContaining({ name: 'InputError', issues: [expect.objectContaining({ path })] }),
      );
    expect(() =>
      evaluateColumns({ policy, contacts: { id: ['c1'] }, touches: [{ contactId: 'c1', at: NOW, channel: 'call' }] as never, now: NOW }),
    ).toThrow(expect.objectContaining({ name: 'InputError', issues: [expect.objectContaining({ path: ['touches'] })] }));
  });

  it('matches snoozes to integer ids by their text', () => {
    const contacts = { id: Float64Array.of(101, 102) };
    const snoozes = [
      { contactId: 102, cycleId: 'x', until: '2027-01-04' },
      { contactId: '101', cycleId: 'x', until: '2027-01-05' },
      { contactId: '0101', cycleId: 'x', until: '2027-01-05' },
    ];
    const result = evaluateColumns({ policy, contacts, touches: [], snoozes, now: NOW });
    const expected = evaluate({ policy, contacts: [{ id: 101 }, { id: 102 }], touches: [], snoozes, now: NOW });
    expect([result.item(0), result.item(1)]).toEqual(expected.items);
    expect(result.errors).toEqual(expected.errors);
    expect(expected.errors.map((error) => error.index)).toEqual([2]);
  });

  it('writes over the memory of a result handed back, which then answers nothing', () => {
    const contacts = { id: ['c1', 'c2', 'c3'] };
    const touches = {
      contact: Int32Array.of(1),
      atMs: Float64Array.of(day('2026-11-20T10:00:00Z')),
      channel: { codes: Uint8Array.of(0), values: ['call'] },
    };
    const first = evaluateColumns({ policy, contacts, touches, now: NOW });
    const fresh = evaluateColumns({ policy, contacts: { id: ['c1', 'c2'] }, touches, now: '2026-12-01T08:00:00Z' });
    const second = evaluateColumns({ policy, contacts: { id: ['c1', 'c2'] }, touches, now: '2026-12-01T08:00:00Z', reuse: first });
    expect(second.status.buffer).toBe(first.status.buffer);
    expect(Array.from(second.status, (code) => STATUS_CODES[code])).toEqual(Array.from(fresh.status, (code) => STATUS_CODES[code]));
    expect(Array.from(second.dueDay)).toEqual(Array.from(fresh.dueDay));
    expect(second.item(1)).toEqual(fresh.item(1));
    expect(() => first.item(0)).toThrow(expect.objectContaining({ name: 'InputError' }));
    expect(() => evaluateColumns({ policy, contacts, touches, now: NOW, reuse: first })).toThrow(
      expect.objectContaining({ name: 'InputError', issues: [expect.objectContaining({ path: ['reuse'] })] }),
    );
  });
});
