/** Content lines: TEXT escaping (RFC 5545 3.3.11) and folding at 75 octets (3.1). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, fold } from '../../src/ical/lines.js';

/** Unfolding as RFC 5545 3.1 says: remove every CRLF followed by one space. */
const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('escapeText', () => {
  it.each([
    ['plain text', 'Call Ada', 'Call Ada'],
    ['comma', 'a,b', 'a\\,b'],
    ['semicolon', 'a;b', 'a\\;b'],
    ['backslash first, so its escape is not escaped again', 'a\\;b', 'a\\\\\\;b'],
    ['newline', 'one\ntwo', 'one\\ntwo'],
    ['CRLF is one newline', 'one\r\ntwo', 'one\\ntwo'],
    ['colon and quote need no escape in TEXT', 'a:"b"', 'a:"b"'],
    ['other control characters are not TEXT and are left out', 'a\u0000b\u0007c', 'abc'],
    ['tab is allowed', 'a\tb', 'a\tb'],
  ])('%s', (_name, input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });
});

describe('fold', () => {
  it.each([
    ['ASCII', 'DESCRIPTION:'.padEnd(200, 'x')],
    ['two-octet letters', `SUMMARY:${'é'.repeat(100)}`],
    ['three-octet CJK', `SUMMARY:${'日本語'.repeat(40)}`],
    ['four-octet emoji', `SUMMARY:${'🎉'.repeat(60)}`],
    ['mixed, with an emoji across the 75th octet', `SUMMARY:${'a'.repeat(65)}🎉🎉🎉ü${'漢'.repeat(30)}`],
  ])('%s: lines of at most 75 octets, no character split, unfolds to the original', (_name, line) => {
    const folded = fold(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const [index, part] of physical.entries()) {
      const bytes = Buffer.from(part, 'utf8');
      expect(bytes.length).toBeLessThanOrEqual(75);
      // Each physical line decodes on its own: no multi-byte sequence was cut.
      expect(bytes.toString('utf8')).toBe(part);
      expect(part).not.toContain('\uFFFD');
      if (index > 0) expect(part.startsWith(' ')).toBe(true);
    }
    expect(unfold(folded)).toBe(line);
  });

  it('a line of exactly 75 octets is not folded; 76 octets are', () => {
    expect(fold('X'.repeat(75))).toBe('X'.repeat(75));
    expect(fold('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
    // 73 ASCII octets and a 3-octet character make 76: the character moves to the next line whole.
    expect(fold(`${'X'.repeat(73)}日`)).toBe(`${'X'.repeat(73)}\r\n 日`);
  });

  it('any text: every line at most 75 octets, and unfolding gives it back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (value) => {
        const folded = fold(`SUMMARY:${value}`);
        for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
        expect(unfold(folded)).toBe(`SUMMARY:${value}`);
      }),
    );
  });
});
