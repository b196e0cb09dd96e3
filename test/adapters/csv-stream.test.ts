/** fromCsvStream: the same result as fromCsv, however the text is cut into chunks. */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromCsv, fromCsvStream } from '../../src/adapters/csv/index.js';
import { csvBook } from './csv-fixtures.js';

const options = { channels: { Phone: 'call' as const }, contactIdSeparator: '|' };

/** The bytes of `text` cut at the given places (which may fall inside a character or a CRLF). */
function chunks(text: string, cuts: number[]): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const places = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let start = 0;
  for (const place of [...places, bytes.length]) {
    parts.push(bytes.subarray(start, place));
    start = place;
  }
  return parts;
}

// Non-ASCII names, a quoted cell over two lines, CRLF, a blank line, a bad row after them.
const tricky = {
  contacts: 'id,attributes.note,timeZone\r\nc1,"Zoë, 李\r\n🎉",Asia/Tokyo\r\n\r\nc2,ok,Europe/Paris\r\nc3,,Mars/Olympus\r\n',
  touches:
    'contactId,at,channel,done\nc1,2026-11-02T09:30:00Z,call,yes\nc2,2026-11-03T09:30:00Z,call,no\nc3,2026-11-03T09:30:00Z,call,yes\n',
};

describe('fromCsvStream', () => {
  it('reads the sample book from Node streams exactly as fromCsv reads the text', async () => {
    const book = csvBook();
    const streamed = await fromCsvStream(
      { contacts: Readable.from([book.contacts]), touches: Readable.from([book.touches]), owners: Readable.from([book.owners]) },
      options,
    );
    expect(streamed).toEqual(fromCsv(book, options));
  });

  it('any cutting into byte chunks, inside characters and line ends too, gives the same result', async () => {
    const expected = fromCsv(tricky);
    expect(expected.errors.map((error) => [error.source, error.line])).toEqual([
      ['contacts', 6],
      ['touches', 4],
    ]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 40 }), async (contactCuts, touchCuts) => {
        const streamed = await fromCsvStream({
          contacts: chunks(tricky.contacts, contactCuts),
          touches: chunks(tricky.touches, touchCuts),
        });
        expect(streamed).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('one byte at a time, the whole text, and text chunks, too', async () => {
    const expected = fromCsv(tricky);
    const bytes = new TextEncoder().encode(tricky.contacts);
    const oneByOne = [...bytes].map((byte) => Uint8Array.of(byte));
    expect((await fromCsvStream({ contacts: oneByOne })).contacts).toEqual(expected.contacts);
    expect((await fromCsvStream({ contacts: tricky.contacts })).contacts).toEqual(expected.contacts);
    expect((await fromCsvStream({ contacts: ['id,tier\nc1', ',A\nc2,B\n'] })).contacts).toEqual([
      { id: 'c1', tier: 'A' },
      { id: 'c2', tier: 'B' },
    ]);
  });

  it('keeps line numbers right far into a long file', async () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => `c${index},${index === 18_000 ? 'Mars/Olympus' : 'Europe/Paris'}\n`);
    const text = `id,timeZone\n${rows.join('')}`;
    async function* pieces() {
      for (let start = 0; start < text.length; start += 4096) yield text.slice(start, start + 4096);
    }
    const result = await fromCsvStream({ contacts: pieces() });
    expect(result.counts.contacts).toEqual({ read: 20_000, mapped: 19_999, skipped: 0, errors: 1 });
    expect(result.errors[0]).toMatchObject({ code: 'unknown-zone', line: 18_002, id: 'c18000' });
  });

  it('refuses a source that is neither a stream nor an iterable', async () => {
    await expect(fromCsvStream({ touches: 42 as unknown as string[] })).rejects.toThrow(/touches: not a stream/);
  });

  it('refuses a header naming a column twice, as fromCsv does', async () => {
    await expect(fromCsvStream({ contacts: ['id,tier,tier\nc1,A,B\n'] })).rejects.toThrow(/"tier" twice/);
  });
});
