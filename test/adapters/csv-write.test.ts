/**
 * itemsToCsv and callListToCsv: RFC 4180 text (fields with commas, quotes or line breaks quoted,
 * quotes doubled, CRLF between records), formula neutralisation (OWASP "CSV Injection": prefix a
 * `'` to cells starting with `=`, `+`, `-`, `@`, tab or carriage return) on text columns only, and
 * a round trip through csv-parse.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CALL_LIST_COLUMNS,
  callListRows,
  callListToCsv,
  fromCsv,
  ITEM_COLUMNS,
  itemsToCsv,
  parseTaskKey,
} from '../../src/adapters/csv/index.js';
import { callList, type DueItem, evaluate, explain, type Plan, plan } from '../../src/index.js';
import { deepFreeze } from '../helpers.js';
import { dueItem } from '../ical/helpers.js';
import { csvBook, csvNow, csvPolicy } from './csv-fixtures.js';

const oneCell = (contactId: string) => itemsToCsv([dueItem(contactId, '2026-11-30', 'u1')], { columns: ['contactId'], header: false });

function book() {
  const read = fromCsv(csvBook(), { channels: { Phone: 'call' }, contactIdSeparator: '|' });
  const { items } = evaluate({ policy: csvPolicy, contacts: read.contacts, touches: read.touches, owners: read.owners, now: csvNow });
  return { items, owners: read.owners };
}

describe('RFC 4180 quoting', () => {
  it.each([
    ['plain text as it is', 'plain', 'plain\r\n'],
    ['a comma: quoted', 'Smith, Jones', '"Smith, Jones"\r\n'],
    ['a quote: quoted and doubled', 'say "hi"', '"say ""hi"""\r\n'],
    ['a line feed: quoted', 'two\nlines', '"two\nlines"\r\n'],
    ['a CRLF: quoted', 'two\r\nlines', '"two\r\nlines"\r\n'],
    ['non-ASCII as UTF-8 text', 'Zoë 李 🎉', 'Zoë 李 🎉\r\n'],
  ])('%s', (_name, value, expected) => {
    expect(oneCell(value)).toBe(expected);
  });

  it('ends every record with CRLF and starts with the header', () => {
    const csv = itemsToCsv([dueItem('c1', '2026-11-30', 'u1'), dueItem('c2', '2026-12-01', null)], {
      columns: ['contactId', 'ownerId', 'dueOn'],
    });
    expect(csv).toBe('contactId,ownerId,dueOn\r\nc1,u1,2026-11-30\r\nc2,,2026-12-01\r\n');
  });

  it('writes another delimiter and a byte-order mark when asked', () => {
    const csv = itemsToCsv([dueItem('a;b', '2026-11-30', 'u1')], { columns: ['contactId', 'dueOn'], delimiter: ';', bom: true });
    expect(csv).toBe('\uFEFFcontactId;dueOn\r\n"a;b";2026-11-30\r\n');
  });
});

describe('formula neutralisation', () => {
  it.each([
    ['=', '=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"\r\n`],
    ['+', '+1+1', "'+1+1\r\n"],
    ['-', '-2+3', "'-2+3\r\n"],
    ['@', '@SUM(A1)', "'@SUM(A1)\r\n"],
    ['tab', '\t=1', "'\t=1\r\n"],
    ['carriage return', '\r=1', `"'\r=1"\r\n`],
    ['= after the first character is harmless', 'a=b', 'a=b\r\n'],
    ['an apostrophe already there stays', "'quoted", "'quoted\r\n"],
  ])('a text cell starting with %s', (_name, value, expected) => {
    expect(oneCell(value)).toBe(expected);
  });

  it('can be turned off', () => {
    expect(itemsToCsv([dueItem('=1', '2026-11-30', 'u1')], { columns: ['contactId'], header: false, neutraliseFormulas: false })).toBe(
      '=1\r\n',
    );
  });

  it('numeric columns stay numbers: a negative lateness is written -2, a contact id "-7" is neutralised', () => {
    const item = dueItem('-7', '2026-12-02', 'u1');
    const handMade: Plan = {
      from: '2026-11-30',
      days: 1,
      owners: [
        {
          ownerId: 'u1',
          dailyCapacity: 1,
          neededCapacity: 1,
          notYetDue: 0,
          days: [
            {
              date: '2026-11-30',
              capacity: 1,
              calls: 1,
              touches: [
                {
                  contactId: '-7',
                  cycleId: 'check-in',
                  tierId: '+A',
                  dueOn: '2026-12-02',
                  plannedOn: '2026-11-30',
                  lateness: -2,
                  priority: 0.25,
                  occurrence: 0,
                  call: 1,
                  reason: item.reason,
                },
              ],
            },
          ],
        },
      ],
      overflow: [],
      load: [],
      skipped: { excluded: 0, ended: 0 },
      errors: [],
    };
    const csv = callListToCsv(handMade, { columns: ['contactId', 'tierId', 'lateness', 'priority', 'position'], header: false });
    expect(csv).toBe("'-7,'+A,-2,0.25,1\r\n");
  });
});

describe('itemsToCsv', () => {
  it('round trip through csv-parse: every column of every item, the reason as explain gives it', () => {
    const { items } = book();
    expect(items.length).toBeGreaterThan(3);
    const rows = parse(itemsToCsv(items), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...ITEM_COLUMNS]);
    expect(rows).toHaveLength(items.length);
    for (const [index, item] of items.entries()) {
      const row = rows[index]!;
      expect(row).toEqual({
        contactId: item.contactId,
        cycleId: item.cycleId,
        tierId: item.tierId,
        ownerId: item.ownerId ?? '',
        status: item.status,
        dueOn: item.dueOn ?? '',
        daysOverdue: String(item.daysOverdue),
        lastTouchAt: item.lastTouchAt ?? '',
        escalation: item.escalation ?? '',
        reason: explain(item),
      });
    }
  });

  it('any contact id survives: read back, a leading apostrophe before =, +, -, @, tab or CR taken off gives it again', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (contactId) => {
        const csv = itemsToCsv([dueItem(contactId, '2026-11-30', 'u1')], { columns: ['contactId', 'daysOverdue'] });
        const [row] = parse(csv, { columns: true, bom: false }) as Record<string, string>[];
        // Apostrophes before a formula start are guarded too, so reading back undoes the guard exactly.
        const risky = /^'*[=+\-@\t\r]/.test(contactId);
        expect(row!.contactId).toBe(risky ? `'${contactId}` : contactId);
        expect(row!.daysOverdue).toBe('0');
      }),
    );
  });

  it('does not mutate the items', () => {
    const { items } = book();
    const copy = structuredClone(items);
    itemsToCsv(items);
    expect(items).toEqual(copy);
  });
});

describe('callListToCsv', () => {
  const week = () => {
    const { items, owners } = book();
    return plan({ policy: csvPolicy, items: items as DueItem[], owners, from: '2026-11-23', days: 7 });
  };

  it('one line per planned call in call order, with its key and the call list reason', () => {
    const p = week();
    const rows = parse(callListToCsv(p), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CALL_LIST_COLUMNS]);
    const planned = p.owners.flatMap((owner) =>
      owner.days.flatMap((day) => day.touches.map((touch, index) => ({ owner, day, touch, index }))),
    );
    expect(rows).toHaveLength(planned.length);
    expect(planned.length).toBeGreaterThan(0);
    for (const [n, { owner, day, touch, index }] of planned.entries()) {
      const row = rows[n]!;
      expect(row.ownerId).toBe(owner.ownerId);
      expect(row.date).toBe(day.date);
      expect(row.position).toBe(String(touch.call));
      expect([row.contactId, row.cycleId, row.tierId, row.dueOn]).toEqual([touch.contactId, touch.cycleId, touch.tierId, touch.dueOn]);
      expect(Number(row.lateness)).toBe(touch.lateness);
      expect(Number(row.priority)).toBe(touch.priority);
      expect(parseTaskKey(row.key)).toEqual({ contactId: touch.contactId, cycleId: touch.cycleId, dueOn: touch.dueOn });
      const call = callList(p, owner.ownerId, day.date)[touch.call - 1]!;
      expect(call.contactId).toBe(touch.contactId);
      expect(row.reason).toBe(call.cycles.find((cycle) => cycle.cycleId === touch.cycleId && cycle.dueOn === touch.dueOn)!.why);
      expect(index).toBeGreaterThanOrEqual(touch.call - 1);
    }
  });

  it('does not mutate the plan', () => {
    const p = deepFreeze(week());
    expect(() => callListToCsv(p)).not.toThrow();
  });

  it('selects one owner and a range of days', () => {
    const p = week();
    const rows = callListRows(p, { ownerId: 'u2', from: '2026-11-24', to: '2026-11-25' });
    for (const row of rows) {
      expect(row.ownerId).toBe('u2');
      expect(row.date >= '2026-11-24' && row.date <= '2026-11-25').toBe(true);
    }
    const all = callListRows(p).filter((row) => row.ownerId === 'u2' && row.date >= '2026-11-24' && row.date <= '2026-11-25');
    expect(rows).toEqual(all);
    const csv = callListToCsv(p, { ownerId: 'nobody' });
    expect(csv).toBe(`${CALL_LIST_COLUMNS.join(',')}\r\n`);
  });
});
