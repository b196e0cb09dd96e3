/**
 * Arrow tables in and out: the same answer as the objects the rows stand for, the columns read
 * where the table holds them (no copy), nulls and timestamps read as the documented values, and
 * a result as a table whose rows are the result's.
 */
import { Dictionary, makeData, makeVector, Table, TimestampMillisecond, Uint8, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { contactColumnsFromArrow, evaluateArrow, resultToArrow, touchColumnsFromArrow } from '../../src/arrow/index.js';
import { evaluate, parsePolicy } from '../../src/index.js';

const NOW = '2026-11-23T08:00:00Z';
const policy = parsePolicy({
  version: 1,
  tiers: [{ id: 'A', cycles: [{ id: 'x', cadence: { every: 'P14D' }, graceDays: 1, escalate: [{ afterDays: 2, to: 'owner' }] }] }],
  defaultTier: 'A',
});

const dictionary = (codes: Uint8Array, values: (string | null)[], valid?: boolean[]) => {
  const nullBitmap = valid ? Uint8Array.of(valid.reduce((bits, ok, index) => bits | (ok ? 1 << index : 0), 0)) : undefined;
  return makeVector(
    makeData({
      type: new Dictionary(new Utf8(), new Uint8()),
      length: codes.length,
      nullCount: valid ? valid.filter((ok) => !ok).length : 0,
      ...(nullBitmap ? { nullBitmap } : {}),
      data: codes,
      dictionary: vectorFromArray(values, new Utf8()),
    }),
  );
};

function tables() {
  const id = Int32Array.of(11, 12, 13);
  const created = Float64Array.of(Date.UTC(2026, 0, 5), Number.NaN, Date.UTC(2026, 10, 20, 9));
  const contacts = new Table({
    id: makeVector(id),
    timeZone: dictionary(Uint8Array.of(0, 1, 0), ['Asia/Tokyo', 'America/New_York']),
    createdMs: makeVector(created),
  });
  const at = [Date.UTC(2026, 10, 2, 9), Date.UTC(2026, 10, 16, 23, 30), Date.UTC(2026, 10, 3, 14)];
  const touches = new Table({
    contact: makeVector(Int32Array.of(0, 0, 1)),
    atMs: makeVector(makeData({ type: new TimestampMillisecond(), length: 3, data: BigInt64Array.from(at, (ms) => BigInt(ms)) })),
    channel: dictionary(Uint8Array.of(0, 1, 0), ['call', 'email']),
    outcome: dictionary(Uint8Array.of(0, 0, 0), ['voicemail'], [true, false, false]),
  });
  const objects = {
    contacts: [
      { id: 11, timeZone: 'Asia/Tokyo', createdAt: created[0]! },
      { id: 12, timeZone: 'America/New_York' },
      { id: 13, timeZone: 'Asia/Tokyo', createdAt: created[2]! },
    ],
    touches: [
      { contactId: 11, at: at[0]!, channel: 'call' as const, outcome: 'voicemail' },
      { contactId: 11, at: at[1]!, channel: 'email' as const },
      { contactId: 12, at: at[2]!, channel: 'call' as const },
    ],
  };
  return { contacts, touches, objects, id, created };
}

describe('calling-cycle/arrow', () => {
  it('evaluates tables as the objects their rows stand for', () => {
    const { contacts, touches, objects } = tables();
    const result = evaluateArrow({ policy, contacts, touches, now: NOW });
    const expected = evaluate({ policy, ...objects, now: NOW });
    expect(result.errors).toEqual(expected.errors);
    expect(Array.from({ length: result.size }, (_, row) => result.item(row))).toEqual(expected.items);
  });

  it('reads integer ids, Float64 instants and dictionary codes where the table holds them', () => {
    const { contacts, id, created } = tables();
    const columns = contactColumnsFromArrow(contacts);
    expect((columns.id as Int32Array).buffer).toBe(id.buffer);
    expect(columns.createdMs!.buffer).toBe(created.buffer);
    expect(columns.timeZone!.codes.buffer).toBe(contacts.getChild('timeZone')!.data[0]!.values.buffer);
    expect(columns.timeZone!.values).toEqual(['Asia/Tokyo', 'America/New_York']);
  });

  it('reads a null in a dictionary column as no value, and timestamps as epoch ms', () => {
    const columns = touchColumnsFromArrow(tables().touches);
    const outcome = columns.outcome!;
    expect(Array.from(outcome.codes, (code) => outcome.values[code])).toEqual(['voicemail', null, null]);
    expect(Array.from(columns.atMs)).toEqual([Date.UTC(2026, 10, 2, 9), Date.UTC(2026, 10, 16, 23, 30), Date.UTC(2026, 10, 3, 14)]);
  });

  it('names a missing column in an InputError', () => {
    const contacts = new Table({ key: makeVector(Int32Array.of(1)) });
    expect(() => contactColumnsFromArrow(contacts)).toThrow(
      expect.objectContaining({ name: 'InputError', issues: [expect.objectContaining({ path: ['contacts', 'id'] })] }),
    );
    expect(contactColumnsFromArrow(contacts, { id: 'key' }).id).toEqual(Int32Array.of(1));
  });

  it('gives the result as a table over its own arrays, with nulls where there is no date or escalation', () => {
    const { contacts, touches, objects } = tables();
    const result = evaluateArrow({ policy, contacts, touches, now: NOW });
    const table = resultToArrow(result);
    const expected = evaluate({ policy, ...objects, now: NOW }).items;
    expect(table.numRows).toBe(expected.length);
    expect(table.getChild('dueDay')!.data[0]!.values.buffer).toBe(result.dueDay.buffer);
    const rows = table.toArray().map((row) => row.toJSON());
    rows.forEach((row, index) => {
      const item = expected[index]!;
      expect(row.status).toBe(item.status);
      expect(row.cycleId).toBe(item.cycleId);
      expect(row.tierId).toBe(item.tierId);
      expect(row.escalation).toBe(item.escalation);
      expect(row.daysOverdue).toBe(item.daysOverdue);
      expect(row.dueDay === null ? null : new Date(row.dueDay as number).toISOString().slice(0, 10)).toBe(item.dueOn);
      expect(row.pausedDay).toBeNull();
    });
  });

  it('is not loaded by the core entry', async () => {
    const { readFile } = await import('node:fs/promises');
    const sources = ['src/index.ts', 'src/core/columns.ts', 'src/core/column-input.ts'];
    for (const file of sources) expect(await readFile(file, 'utf8')).not.toContain('apache-arrow');
  });
});
