import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalInstant, formatInstant, parseInstant } from '../../src/time/instant.js';

describe('parseInstant', () => {
  it.each([
    ['2026-11-01T09:30:00Z', Date.UTC(2026, 10, 1, 9, 30)],
    ['2026-11-01T09:30:00.123Z', Date.UTC(2026, 10, 1, 9, 30, 0, 123)],
    ['2026-11-01T09:30:00+09:00', Date.UTC(2026, 10, 1, 0, 30)],
    ['2026-11-01T09:30:00-05:30', Date.UTC(2026, 10, 1, 15, 0)],
    ['2026-11-01T09:30Z', Date.UTC(2026, 10, 1, 9, 30)],
    ['2026-11-01T09:30:00.123456+0100', Date.UTC(2026, 10, 1, 8, 30, 0, 123)],
    ['2026-11-01 09:30:00+01', Date.UTC(2026, 10, 1, 8, 30)],
    [1_700_000_000_000, 1_700_000_000_000],
  ])('reads %j', (input, expected) => {
    expect(parseInstant(input)).toBe(expected);
  });

  it.each([
    '2026-11-01T09:30:00',
    '2026-11-01',
    '2026-02-30T09:30:00Z',
    '2026-11-01T25:00:00Z',
    '2026-11-01T09:60:00Z',
    '2026-11-01T09:30:00+01:75',
    'yesterday',
    '',
    Number.NaN,
    null,
  ])('refuses %j (an instant needs a real date, a time and an offset)', (input) => {
    expect(parseInstant(input)).toBeUndefined();
  });

  it('refuses a non-digit in any digit position of the common shapes', () => {
    const shapes = ['2026-11-01T09:30:00Z', '2026-11-01T09:30:00.123Z', '2026-11-01T09:30:00+09:30'];
    for (const shape of shapes) {
      for (let index = 0; index < shape.length; index++) {
        if (!/\d/.test(shape[index]!)) continue;
        for (const intruder of ['a', ' ', '/', ':']) {
          const broken = shape.slice(0, index) + intruder + shape.slice(index + 1);
          expect(parseInstant(broken), broken).toBeUndefined();
        }
      }
    }
  });

  it('agrees with Date.parse on every ISO string Date#toISOString and offsets produce', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.integer({ min: -14 * 4, max: 14 * 4 }),
        (ms, quarterHours) => {
          expect(parseInstant(new Date(ms).toISOString())).toBe(ms);
          const offset = quarterHours * 15;
          const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(parseInstant(text)).toBe(ms);
          expect(parseInstant(text)).toBe(Date.parse(text));
        },
      ),
    );
  });
});

describe('formatInstant', () => {
  it('writes exactly what Date#toISOString writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(-50, 0, 1), max: Date.UTC(10_050, 0, 1) }), (ms) => {
        expect(formatInstant(ms)).toBe(new Date(ms).toISOString());
      }),
    );
  });
});

describe('canonicalInstant', () => {
  it.each([
    ['2026-11-01T09:30:00.000Z', '2026-11-01T09:30:00.000Z'],
    ['2026-11-01T09:30:00Z', '2026-11-01T09:30:00.000Z'],
    ['2026-11-01T18:30:00+09:00', '2026-11-01T09:30:00.000Z'],
    ['2026-11-01T24:00:00.000Z', '2026-11-02T00:00:00.000Z'],
    [Date.UTC(2026, 10, 1, 9, 30), '2026-11-01T09:30:00.000Z'],
  ])('%j is written %s', (input, expected) => {
    expect(canonicalInstant(input, parseInstant(input)!)).toBe(expected);
  });
});
