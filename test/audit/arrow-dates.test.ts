/**
 * An Arrow `Date` column (DateDay, DateMillisecond) holds a calendar date with no zone. Read as the
 * instant of its UTC midnight and then as a date in the contact's zone, it moved a pause, a
 * creation or a touch one day earlier for every contact west of UTC, without an error, where the
 * same date given as an object (`pausedUntil: '2026-12-01'`) stays that date. SPEC: right or an
 * error; an instant column given as dates is ambiguous, so it is refused, naming the column.
 */
import { DateDay, DateMillisecond, Int32, Table, TimestampMillisecond, type Vector, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { evaluateArrow } from '../../src/arrow/index.js';
import { evaluate, InputError, parsePolicy } from '../../src/index.js';

const policy = parsePolicy({
  version: 1,
  tiers: [{ id: 'A', cycles: [{ id: 'x', cadence: { every: 'P7D' }, shift: 'none' }] }],
  defaultTier: 'A',
});
const NOW = '2026-11-30T20:00:00Z'; // 15:00 on 30 November in New York
const DEC_1 = Date.parse('2026-12-01T00:00:00Z');
const NOV_1 = Date.parse('2026-11-01T00:00:00Z');

const contactTable = (columns: Record<string, Vector>) =>
  new Table({ id: vectorFromArray(['ny']), timeZone: vectorFromArray(['America/New_York']), ...columns });
const noTouches = () =>
  new Table({
    contact: vectorFromArray([] as number[], new Int32()),
    atMs: vectorFromArray([] as number[], new TimestampMillisecond('UTC')),
    channel: vectorFromArray([] as string[]),
  });

/** The error evaluateArrow throws, or undefined when it answers. */
function refusal(run: () => unknown): InputError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
}

describe('Arrow date columns for instants', () => {
  it('a pause given as a DateDay or DateMillisecond column is refused, never a day early', () => {
    // The object answer the column must not silently differ from: paused until 1 December.
    const expected = evaluate({
      policy,
      contacts: [{ id: 'ny', timeZone: 'America/New_York', pausedUntil: '2026-12-01' }],
      touches: [],
      now: NOW,
    });
    expect(expected.items[0]).toMatchObject({ status: 'paused', dueOn: '2026-12-01' });
    for (const type of [new DateDay(), new DateMillisecond()]) {
      const contacts = contactTable({ pausedUntilMs: vectorFromArray([new Date(DEC_1)], type) });
      const error = refusal(() => evaluateArrow({ policy, contacts, touches: noTouches(), now: NOW }));
      expect(error?.issues[0]?.path).toEqual(['contacts', 'pausedUntilMs']);
    }
  });

  it('a creation or a touch given as a date column is refused too, naming the column', () => {
    const created = contactTable({ createdMs: vectorFromArray([new Date(NOV_1)], new DateDay()) });
    expect(refusal(() => evaluateArrow({ policy, contacts: created, touches: noTouches(), now: NOW }))?.issues[0]?.path).toEqual([
      'contacts',
      'createdMs',
    ]);
    const touches = new Table({
      contact: vectorFromArray([0], new Int32()),
      atMs: vectorFromArray([new Date(NOV_1)], new DateDay()),
      channel: vectorFromArray(['call']),
    });
    expect(refusal(() => evaluateArrow({ policy, contacts: contactTable({}), touches, now: NOW }))?.issues[0]?.path).toEqual([
      'touches',
      'atMs',
    ]);
  });

  it('the pause as a timestamp of its local midnight gives the object answer', () => {
    const midnight = Date.parse('2026-12-01T05:00:00Z'); // 00:00 on 1 December in New York
    const contacts = contactTable({ pausedUntilMs: vectorFromArray([midnight], new TimestampMillisecond('UTC')) });
    const result = evaluateArrow({ policy, contacts, touches: noTouches(), now: NOW });
    expect(result.item(0)).toMatchObject({ status: 'paused', dueOn: '2026-12-01' });
  });
});
