/**
 * fromCsv at its intake: a misspelt collection key is reported as the CRM adapters report one
 * (`unknown-collection`, counted as one record read in error), and an id holding a lone UTF-16
 * surrogate (a CSV text built in JavaScript can hold one; no UTF-8 file can) is refused as
 * `bad-id`, its row an error, every other row read (docs/errors.md, "Ids every output can carry").
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type CsvSources, fromCsv, fromCsvStream } from '../../src/adapters/csv/index.js';
import { InputError } from '../../src/index.js';

describe('fromCsv: collection keys', () => {
  it.each([
    ['Contacts', 'contacts'],
    ['Touches', 'touches'],
    ['OWNERS', 'owners'],
    ['calls', undefined],
  ])('%s is an unknown-collection error (suggesting %s); the known ones are read', async (key, suggestion) => {
    const sources = { [key]: 'id\nc1\n', contacts: 'id\nc2\n' } as unknown as CsvSources;
    for (const result of [fromCsv(sources), await fromCsvStream(sources)]) {
      expect(result.contacts).toEqual([{ id: 'c2' }]);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({ code: 'unknown-collection', source: key, index: 0, path: [key] });
      expect(result.errors[0]!.message).toContain(suggestion === undefined ? 'it reads contacts, touches, owners' : `did you mean ${suggestion}?`);
      expect(result.counts[key]).toEqual({ read: 1, mapped: 0, skipped: 0, errors: 1 });
    }
  });

  it('a key whose value is undefined is no collection (as in the CRM adapters)', () => {
    expect(fromCsv({ Contacts: undefined, contacts: 'id\nc1\n' } as unknown as CsvSources).errors).toEqual([]);
  });

  it('sources that are not an object are an InputError, not a TypeError', () => {
    for (const sources of [null, undefined, 'id\nc1\n', 42]) {
      expect(() => fromCsv(sources as unknown as CsvSources)).toThrow(InputError);
    }
  });
});

describe('fromCsv: ids no output can carry', () => {
  const contacts = 'id,ownerId\na\uD800,u1\nok,u\uDC00\nfine,u1\n';
  const touches = 'contactId,at,channel\na\uD800,2026-11-02T09:30:00Z,call\nfine,2026-11-02T09:30:00Z,call\n';
  const owners = 'id,timeZone\nu\uD800,UTC\nu1,UTC\n';

  it('each such id is a bad-id error of its row and line; the other rows are read', async () => {
    for (const result of [
      fromCsv({ contacts, touches, owners }),
      await fromCsvStream({ contacts: Readable.from([contacts]), touches: Readable.from([touches]), owners: Readable.from([owners]) }),
    ]) {
      expect(result.contacts).toEqual([{ id: 'fine', ownerId: 'u1' }]);
      expect(result.owners).toEqual([{ id: 'u1', timeZone: 'UTC' }]);
      expect(result.touches).toEqual([{ contactId: 'fine', at: '2026-11-02T09:30:00.000Z', channel: 'call' }]);
      expect(result.errors.map((error) => [error.source, error.code, error.line, error.column])).toEqual([
        ['contacts', 'bad-id', 2, 'id'],
        ['contacts', 'bad-id', 3, 'ownerId'],
        ['owners', 'bad-id', 2, 'id'],
        ['touches', 'bad-id', 2, 'contactId'],
      ]);
      for (const error of result.errors) expect(error.message).toMatch(/lone UTF-16 surrogate/);
      expect(result.counts.contacts).toEqual({ read: 3, mapped: 1, skipped: 0, errors: 2 });
      expect(result.counts.touches).toEqual({ read: 2, mapped: 1, skipped: 0, errors: 1 });
    }
  });

  it('a contact cell split by contactIdSeparator is refused when any of its ids holds one', () => {
    const result = fromCsv({ touches: 'contactId,at,channel\nc1|c\uDBFF,2026-11-02T09:30:00Z,call\n' }, { contactIdSeparator: '|' });
    expect(result.touches).toEqual([]);
    expect(result.errors.map((error) => error.code)).toEqual(['bad-id']);
  });

  it('U+FFFD in a well-formed text is an id as before; a lone surrogate in a name leaves the ids alone', () => {
    expect(fromCsv({ contacts: 'id\nc\uFFFD\n' }).contacts).toEqual([{ id: 'c\uFFFD' }]);
    const result = fromCsv({ contacts: 'id,name\nc1,Zo\uD800\n' });
    expect(result.errors).toEqual([]);
    expect(result.contacts).toEqual([{ id: 'c1', name: 'Zo\uFFFD' }]);
  });

  it('a surrogate pair split across two text chunks of a stream is refused, not read as another id', async () => {
    const result = await fromCsvStream({ contacts: Readable.from(['id\nok\nc\uD83D', '\uDC4B\nfine\n']) });
    expect(result.contacts).toEqual([{ id: 'ok' }, { id: 'fine' }]);
    expect(result.errors.map((error) => [error.code, error.line])).toEqual([['bad-id', 3]]);
  });

  it('astral characters are ids as before', () => {
    expect(fromCsv({ contacts: 'id\n\uD83D\uDC4B\n' }).contacts).toEqual([{ id: '\uD83D\uDC4B' }]);
  });
});
