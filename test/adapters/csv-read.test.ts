/** fromCsv: column mapping, cell meanings, bad rows by line and column, open activities. */
import { describe, expect, it } from 'vitest';
import { fromCsv } from '../../src/adapters/csv/index.js';
import { evaluate } from '../../src/index.js';
import { csvBook, csvNow, csvPolicy } from './csv-fixtures.js';

const contactsOf = (csv: string, options = {}) => fromCsv({ contacts: csv }, options);
const touchesOf = (csv: string, options = {}) => fromCsv({ touches: csv }, options);

describe('fromCsv: contacts', () => {
  it('reads the wire-format columns, attributes.<name> and events.<name>, with empty cells as missing', () => {
    const result = contactsOf(
      [
        'id,ownerId,timeZone,tier,calendar,createdAt,doNotContact,pausedUntil,attributes.annualRevenue,attributes.lifecycle,events.closedWon',
        'c1,u1,Europe/Berlin,A,de,2026-01-05T10:00:00+01:00,false,2026-12-01,120000,customer,2026-10-01T12:00:00Z',
        'c2,,,,,,,,,,',
      ].join('\n'),
    );
    expect(result.errors).toEqual([]);
    expect(result.contacts).toEqual([
      {
        id: 'c1',
        ownerId: 'u1',
        timeZone: 'Europe/Berlin',
        tier: 'A',
        calendar: 'de',
        createdAt: '2026-01-05T09:00:00.000Z',
        doNotContact: false,
        pausedUntil: '2026-12-01',
        attributes: { annualRevenue: 120000, lifecycle: 'customer' },
        events: { closedWon: '2026-10-01T12:00:00.000Z' },
      },
      { id: 'c2' },
    ]);
  });

  it.each([
    ['a whole number', '120000', 120000],
    ['a negative decimal', '-12.5', -12.5],
    ['an exponent', '1e3', 1000],
    ['zero', '0', 0],
    ['a postcode with a leading zero stays text', '02134', '02134'],
    ['thousands separators stay text', '"1,200"', '1,200'],
    ['words stay text', 'customer', 'customer'],
    ['spaces around an unquoted cell are trimmed', ' 42 ', 42],
    ['a quoted cell keeps its spaces', '" 42 "', ' 42 '],
  ])('attribute cell: %s', (_name, cell, expected) => {
    const result = contactsOf(`id,attributes.value\nc1,${cell}\n`);
    expect(result.contacts[0]!.attributes).toEqual({ value: expected });
  });

  it('keeps the attributes named in textAttributes as text', () => {
    const result = contactsOf('id,attributes.account\nc1,12345\n', { textAttributes: ['account'] });
    expect(result.contacts[0]!.attributes).toEqual({ account: '12345' });
  });

  it.each([
    ['true', true],
    ['FALSE', false],
    ['yes', true],
    ['No', false],
    ['1', true],
    ['0', false],
    ['y', true],
    ['n', false],
  ])('doNotContact %s', (cell, expected) => {
    expect(contactsOf(`id,doNotContact\nc1,${cell}\n`).contacts[0]!.doNotContact).toBe(expected);
  });

  it('maps columns named otherwise, and finds `Time Zone` or `owner_id` for timeZone and ownerId', () => {
    const result = contactsOf('Account ID,owner_id,Time Zone,Revenue,Closed\nacc-1,u9,Asia/Tokyo,5000,2026-10-01\n', {
      mapping: { contacts: { id: 'Account ID', attributes: { annualRevenue: 'Revenue' }, events: { closedWon: 'Closed' } } },
    });
    expect(result.errors).toEqual([]);
    expect(result.contacts).toEqual([
      { id: 'acc-1', ownerId: 'u9', timeZone: 'Asia/Tokyo', attributes: { annualRevenue: 5000 }, events: { closedWon: '2026-10-01' } },
    ]);
    expect(result.ignoredColumns.contacts).toEqual([]);
  });

  it('lists the headers no field was read from, so a misspelt column shows', () => {
    const result = contactsOf('id,email,tiemZone\nc1,ada@example.com,Europe/Paris\n');
    expect(result.ignoredColumns.contacts).toEqual(['email', 'tiemZone']);
    expect(result.contacts).toEqual([{ id: 'c1' }]);
  });

  it('reads ; separated files with a byte-order mark, as European spreadsheets save them', () => {
    const result = contactsOf('\uFEFFid;timeZone;attributes.note\nc1;Europe/Paris;"a;b"\nc2;Mars/Olympus;\n', { delimiter: ';' });
    expect(result.contacts).toEqual([{ id: 'c1', timeZone: 'Europe/Paris', attributes: { note: 'a;b' } }]);
    // The mark's three bytes do not shift the line count.
    expect(result.errors).toMatchObject([{ code: 'unknown-zone', line: 3 }]);
    expect(contactsOf('\uFEFFid\n,\nc1\n\n\n,\n').skipped.map((skip) => skip.line)).toEqual([2, 6]);
  });

  it('undoes the formula neutralisation the writer applies', () => {
    expect(contactsOf("id\n'-42\n'=x\n'plain\n").contacts.map((contact) => contact.id)).toEqual(['-42', '=x', "'plain"]);
  });
});

describe('fromCsv: bad rows name their line (1-based, header = 1) and column, with a code', () => {
  const header = 'id,timeZone,createdAt,doNotContact,pausedUntil,events.closedWon';
  it.each([
    ['an unknown zone', 'c1,Mars/Olympus,,,,', 'unknown-zone', 'timeZone'],
    ['an instant without offset', 'c1,,2026-01-05 10:00,,,', 'bad-instant', 'createdAt'],
    ['an impossible date', 'c1,,2026-02-30T10:00:00Z,,,', 'bad-instant', 'createdAt'],
    ['a word for a boolean', 'c1,,,maybe,,', 'bad-value', 'doNotContact'],
    ['a pause that is no date', 'c1,,,,next week,', 'bad-date', 'pausedUntil'],
    ['an event that is no date', 'c1,,,,,soon', 'bad-date', 'events.closedWon'],
    ['an empty id', ',Europe/Paris,,,,', 'missing-id', 'id'],
  ])('%s', (_name, row, code, column) => {
    const result = contactsOf(`${header}\nc0,,,,,\n${row}\nc2,,,,,\n`);
    expect(result.errors).toHaveLength(1);
    const error = result.errors[0]!;
    expect(error).toMatchObject({ code, source: 'contacts', index: 1, line: 3, column, path: [column] });
    expect(error.message).toContain('contacts line 3');
    expect(error.message).toContain(`"${column}"`);
    // The others are still read.
    expect(result.contacts.map((contact) => contact.id)).toEqual(['c0', 'c2']);
    expect(result.counts.contacts).toEqual({ read: 3, mapped: 2, skipped: 0, errors: 1 });
  });

  it('reports every bad cell of a row, in one error for the row', () => {
    const result = contactsOf(`${header}\nc1,Mars/Olympus,yesterday,maybe,,\n`);
    expect(result.errors).toHaveLength(1);
    const error = result.errors[0]!;
    expect(error).toMatchObject({ code: 'unknown-zone', column: 'timeZone', line: 2 });
    expect(error.problems.map((problem) => [problem.code, problem.column])).toEqual([
      ['unknown-zone', 'timeZone'],
      ['bad-instant', 'createdAt'],
      ['bad-value', 'doNotContact'],
    ]);
    for (const column of ['timeZone', 'createdAt', 'doNotContact']) expect(error.message).toContain(`"${column}"`);
    expect(result.counts.contacts).toEqual({ read: 1, mapped: 0, skipped: 0, errors: 1 });
  });

  it('counts lines as the file has them: a quoted cell over two lines, blank lines, CRLF', () => {
    const result = contactsOf('id,attributes.note\r\nc1,"two\r\nlines"\r\n\r\nc2,ok\r\nc3,,extra\r\n');
    expect(result.contacts.map((contact) => contact.attributes?.note)).toEqual(['two\r\nlines', 'ok']);
    expect(result.errors).toMatchObject([{ code: 'bad-value', line: 6, index: 2 }]);
    expect(result.errors[0]!.message).toBe('contacts line 6: the row has 3 cells but the header names 2 columns');
  });

  it('reads a file whose lines end in CRLF, LF and CR mixed', () => {
    const result = contactsOf('id,timeZone\r\nc1,Mars/A\nc2,Mars/B\rc3,Mars/C\r\nc4,Europe/Paris\n');
    expect(result.contacts).toEqual([{ id: 'c4', timeZone: 'Europe/Paris' }]);
    expect(result.errors.map((error) => [error.id, error.line])).toEqual([
      ['c1', 2],
      ['c2', 3],
      ['c3', 4],
    ]);
  });

  it('a duplicate id is an error naming the first line; the first row is kept', () => {
    const result = contactsOf('id,tier\nc1,A\nc2,B\nc1,C\n');
    expect(result.contacts).toEqual([
      { id: 'c1', tier: 'A' },
      { id: 'c2', tier: 'B' },
    ]);
    expect(result.errors).toMatchObject([{ code: 'duplicate-id', line: 4, id: 'c1' }]);
    expect(result.errors[0]!.message).toContain('first on line 2');
  });

  it('a broken quote is an error for its row, never an exception', () => {
    const result = contactsOf('id,tier\nc1,A\nc2,"B\n');
    expect(result.contacts).toEqual([{ id: 'c1', tier: 'A' }]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: 'bad-value', source: 'contacts', line: 3 });
    expect(result.counts.contacts).toEqual({ read: 2, mapped: 1, skipped: 0, errors: 1 });
  });

  it('a row of empty cells is skipped as empty-row, and an empty file reads nothing', () => {
    expect(contactsOf('id,tier\nc1,A\n,\n').skipped).toEqual([{ source: 'contacts', index: 1, reason: 'empty-row', line: 3 }]);
    expect(contactsOf('').counts.contacts).toEqual({ read: 0, mapped: 0, skipped: 0, errors: 0 });
  });

  it('refuses a source that is not text', () => {
    expect(() => fromCsv({ contacts: Buffer.from('id\nc1\n') as unknown as string })).toThrow(/contacts: the CSV text must be a string/);
  });

  it('a header naming one column twice is refused outright: no row could be read right', () => {
    expect(() => contactsOf('id,tier,tier\nc1,A,B\n')).toThrow(/"tier" twice/);
  });
});

describe('fromCsv: touches', () => {
  const header = 'contactId,at,channel,direction,outcome,purpose';

  it('reads touches as the engine takes them, with canonical UTC instants', () => {
    const result = touchesOf(
      `${header}\nc1,2026-11-02T10:30:00+01:00,call,outbound,connected,check-in\nc1,2026-11-03T09:00:00Z,email,,,\n`,
    );
    expect(result.touches).toEqual([
      {
        contactId: 'c1',
        at: '2026-11-02T09:30:00.000Z',
        channel: 'call',
        direction: 'outbound',
        outcome: 'connected',
        purpose: 'check-in',
      },
      { contactId: 'c1', at: '2026-11-03T09:00:00.000Z', channel: 'email' },
    ]);
  });

  it.each([
    ['done', 'yes', 'touch'],
    ['done', 'no', 'open-activity'],
    ['done', '', 'open-activity'],
    ['status', 'Completed', 'touch'],
    ['status', 'Not Started', 'open-activity'],
    ['status', 'In Progress', 'open-activity'],
    ['completed', 'TRUE', 'touch'],
    ['Status', 'Deferred', 'open-activity'],
  ])('a %s column saying %j: %s', (column, cell, outcome) => {
    const result = touchesOf(`contactId,at,channel,${column}\nc1,2026-11-02T09:30:00Z,call,${cell}\n`);
    if (outcome === 'touch') {
      expect(result.touches).toHaveLength(1);
      expect(result.skipped).toEqual([]);
    } else {
      expect(result.touches).toEqual([]);
      expect(result.skipped).toEqual([{ source: 'touches', index: 0, id: 'c1', reason: 'open-activity', line: 2 }]);
    }
  });

  it('reads the first completion column of completed, done, status; the others are listed as ignored', () => {
    const result = touchesOf('contactId,at,channel,status,done\nc1,2026-11-02T09:30:00Z,call,Left a message,yes\n');
    expect(result.touches).toHaveLength(1);
    expect(result.ignoredColumns.touches).toEqual(['status']);
  });

  it('a completion value it does not know is an error listing the known ones; options add words', () => {
    const csv = 'contactId,at,channel,state\nc1,2026-11-02T09:30:00Z,call,Erledigt\n';
    const strict = touchesOf(csv, { mapping: { touches: { completed: 'state' } } });
    expect(strict.errors).toMatchObject([{ code: 'bad-value', column: 'state', line: 2 }]);
    expect(strict.errors[0]!.message).toContain('completedValues');
    const german = touchesOf(csv, { mapping: { touches: { completed: 'state' } }, completedValues: ['erledigt'] });
    expect(german.touches).toHaveLength(1);
  });

  it('a mapped completion column that the file lacks is an error on every row, not a silent pass', () => {
    const result = touchesOf(`${header}\nc1,2026-11-02T09:30:00Z,call,,,\n`, { mapping: { touches: { completed: 'Done?' } } });
    expect(result.touches).toEqual([]);
    expect(result.errors).toMatchObject([{ code: 'missing-field', column: 'Done?' }]);
  });

  it.each([
    ['no time', 'c1,,call,,,', 'missing-field', 'at'],
    ['no channel', 'c1,2026-11-02T09:30:00Z,,,,', 'missing-field', 'channel'],
    ['an unknown channel', 'c1,2026-11-02T09:30:00Z,pigeon,,,', 'bad-value', 'channel'],
    ['an unknown direction', 'c1,2026-11-02T09:30:00Z,call,sideways,,', 'bad-value', 'direction'],
    ['an instant without offset', 'c1,2026-11-02 09:30,call,,,', 'bad-instant', 'at'],
    ['no contact', ',2026-11-02T09:30:00Z,call,,,', 'missing-id', 'contactId'],
  ])('%s', (_name, row, code, column) => {
    const result = touchesOf(`${header}\n${row}\n`);
    expect(result.errors).toMatchObject([{ code, column, line: 2, source: 'touches', index: 0 }]);
  });

  it('channel and direction words of an export map through options; the engine names work in any case', () => {
    const result = touchesOf(`${header}\nc1,2026-11-02T09:30:00Z,Phone,Out,,\nc1,2026-11-03T09:30:00Z,CALL,Inbound,,\n`, {
      channels: { Phone: 'call' },
      directions: { out: 'outbound' },
    });
    expect(result.errors).toEqual([]);
    expect(result.touches.map((touch) => [touch.channel, touch.direction])).toEqual([
      ['call', 'outbound'],
      ['call', 'inbound'],
    ]);
  });

  it('reads times without an offset in localTimeZone; a date alone as noon there', () => {
    const result = touchesOf(`contactId,at,channel\nc1,2026-07-01 09:30,call\nc1,2026-01-15,call\nc1,2026-03-29T02:30:00,call\n`, {
      localTimeZone: 'Europe/Berlin',
    });
    expect(result.touches.map((touch) => touch.at)).toEqual([
      '2026-07-01T07:30:00.000Z', // CEST, UTC+2
      '2026-01-15T11:00:00.000Z', // noon CET
      '2026-03-29T01:30:00.000Z', // 02:30 does not exist that night; luxon moves it forward to 03:30 CEST
    ]);
    expect(() => touchesOf('contactId,at,channel\n', { localTimeZone: 'Nowhere/Land' })).toThrow(/Nowhere\/Land/);
  });

  it('with a contacts CSV, a touch of a contact not in it (or whose row failed) is unknown-contact', () => {
    const result = fromCsv({
      contacts: 'id,timeZone\nc1,\nc2,Mars/Olympus\n',
      touches: 'contactId,at,channel\nc1,2026-11-02T09:30:00Z,call\nc2,2026-11-02T09:30:00Z,call\nc3,2026-11-02T09:30:00Z,call\n',
    });
    expect(result.touches.map((touch) => touch.contactId)).toEqual(['c1']);
    const unknown = result.errors.filter((error) => error.source === 'touches');
    expect(unknown.map((error) => [error.code, error.id, error.line])).toEqual([
      ['unknown-contact', 'c2', 3],
      ['unknown-contact', 'c3', 4],
    ]);
    expect(unknown[0]!.message).toContain('has an error');
    expect(unknown[1]!.message).toContain('not in the contacts CSV');
  });
});

describe('fromCsv: an activity with several contacts', () => {
  const contacts = 'id\nc1\nc2\nc3\n';
  it('gives one touch per contact named, counted as one mapped row', () => {
    const result = fromCsv(
      { contacts, touches: 'contactId,at,channel\n"c1| c2 |c1",2026-11-02T09:30:00Z,meeting\n' },
      { contactIdSeparator: '|' },
    );
    expect(result.touches.map((touch) => touch.contactId)).toEqual(['c1', 'c2']);
    expect(result.counts.touches).toEqual({ read: 1, mapped: 1, skipped: 0, errors: 0 });
  });

  it('a row naming an unknown contact is one error naming each unknown one; no contact between separators is missing-id', () => {
    const result = fromCsv(
      { contacts, touches: 'contactId,at,channel\nc1|c8|c9,2026-11-02T09:30:00Z,meeting\n|,2026-11-02T09:30:00Z,call\n' },
      { contactIdSeparator: '|' },
    );
    expect(result.touches).toEqual([]);
    expect(result.errors.map((error) => [error.code, error.line])).toEqual([
      ['unknown-contact', 2],
      ['missing-id', 3],
    ]);
    expect(result.errors[0]!.message).toContain('"c8"');
    expect(result.errors[0]!.message).toContain('"c9"');
  });

  it('without the option the cell is one id', () => {
    expect(fromCsv({ touches: 'contactId,at,channel\nc1|c2,2026-11-02T09:30:00Z,call\n' }).touches[0]!.contactId).toBe('c1|c2');
  });
});

describe('fromCsv: owners', () => {
  it('reads id, timeZone, calendar and a whole dailyCapacity; a second row of one id is duplicate-id', () => {
    const result = fromCsv({ owners: 'id,timeZone,calendar,dailyCapacity\nu1,Europe/London,uk,20\nu2,,,-3\nu3,,,2.5\nu1,,,4\n' });
    expect(result.owners).toEqual([{ id: 'u1', timeZone: 'Europe/London', calendar: 'uk', dailyCapacity: 20 }]);
    expect(result.errors.map((error) => [error.code, error.line, error.column])).toEqual([
      ['bad-value', 3, 'dailyCapacity'],
      ['bad-value', 4, 'dailyCapacity'],
      ['duplicate-id', 5, 'id'],
    ]);
  });
});

describe('fromCsv: the sample book', () => {
  it('gives the engine a book it evaluates without errors, and says what it left out', () => {
    const result = fromCsv(csvBook(), { channels: { Phone: 'call' }, contactIdSeparator: '|' });
    expect(result.errors.map((error) => [error.source, error.code, error.line])).toEqual([
      ['contacts', 'unknown-zone', 5],
      ['touches', 'bad-instant', 7],
      ['touches', 'unknown-contact', 8],
    ]);
    expect(result.skipped.map((skip) => [skip.source, skip.reason, skip.line])).toEqual([['touches', 'open-activity', 6]]);
    expect(result.ignoredColumns).toEqual({ contacts: [], owners: [], touches: [] });
    expect(result.contacts.map((contact) => contact.name)).toEqual(['Müller, Hans', 'Ada', 'Kenji', 'Do not call', 'Numbered']);
    const { errors } = evaluate({
      policy: csvPolicy,
      contacts: result.contacts,
      touches: result.touches,
      owners: result.owners,
      now: csvNow,
    });
    expect(errors).toEqual([]);
  });

  it('does not mutate the options it is given', () => {
    const options = {
      channels: { Phone: 'call' as const },
      mapping: { contacts: { attributes: { revenue: 'attributes.annualRevenue' } } },
    };
    const copy = structuredClone(options);
    fromCsv(csvBook(), options);
    expect(options).toEqual(copy);
  });
});
