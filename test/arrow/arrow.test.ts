/**
 * Arrow tables in and out: the same answer as the objects the rows stand for, the columns read
 * where the table holds them (no copy), nulls and timestamps read as the documented values, and
 * a result as a table whose rows are the result's.
 */
import {
  Dictionary,
  makeData,
  makeVector,
  Table,
  Timestamp,
  TimestampMillisecond,
  TimeUnit,
  Uint8,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
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

const timestamps = (ms: readonly number[], type: Timestamp = new TimestampMillisecond('UTC')) =>
  makeVector(makeData({ type, length: ms.length, data: BigInt64Array.from(ms, (value) => BigInt(value)) }));

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
    atMs: timestamps(at),
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

  it('reads a timestamp with a zone as the instant it holds, whatever the zone', () => {
    // Arrow stores every zoned timestamp as its instant: the zone only says how to show it.
    const at = [Date.UTC(2026, 10, 2, 4, 30), Date.UTC(2026, 10, 2, 5)];
    for (const zone of ['UTC', 'America/New_York', '+09:00']) {
      const table = new Table({
        contact: makeVector(Int32Array.of(0, 0)),
        atMs: timestamps(at, new Timestamp(TimeUnit.MILLISECOND, zone)),
        channel: dictionary(Uint8Array.of(0, 0), ['call']),
      });
      expect(Array.from(touchColumnsFromArrow(table).atMs)).toEqual(at);
    }
  });

  it('refuses a timestamp without a zone unless told it holds UTC: Arrow reads it as wall-clock time in no zone', () => {
    // Read as UTC, a touch logged at 23:30 wall-clock time in New York would fall on the next day.
    const at = [Date.UTC(2026, 10, 16, 23, 30)];
    const touches = new Table({
      contact: makeVector(Int32Array.of(0)),
      atMs: timestamps(at, new TimestampMillisecond()),
      channel: dictionary(Uint8Array.of(0), ['call']),
    });
    const contacts = new Table({ id: makeVector(Int32Array.of(11)), createdMs: timestamps(at, new TimestampMillisecond()) });
    const refused = (call: () => unknown, path: string[]) =>
      expect(call).toThrow(
        expect.objectContaining({
          name: 'InputError',
          message: expect.stringMatching(/timestamp without a zone.*timestampsWithoutZone: 'utc'/),
          issues: [expect.objectContaining({ path })],
        }),
      );
    refused(() => touchColumnsFromArrow(touches), ['touches', 'atMs']);
    refused(() => contactColumnsFromArrow(contacts), ['contacts', 'createdMs']);
    refused(() => evaluateArrow({ policy, contacts, touches, now: NOW }), ['contacts', 'createdMs']);
    expect(Array.from(touchColumnsFromArrow(touches, {}, { timestampsWithoutZone: 'utc' }).atMs)).toEqual(at);
    expect(Array.from(contactColumnsFromArrow(contacts, {}, { timestampsWithoutZone: 'utc' }).createdMs!)).toEqual(at);
    const result = evaluateArrow({ policy, contacts, touches, now: NOW, timestampsWithoutZone: 'utc' });
    expect(result.errors).toEqual([]);
    expect(result.lastTouchMs[0]).toBe(at[0]);
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
