/**
 * Every writer, fed by the engine, with arbitrary ids and names (lone surrogates, control
 * characters, line separators, quotes, formula starts): the record is refused at intake
 * (`bad-id`, the rule of docs/errors.md), or each writer's output, passed through UTF-8 as a file
 * would be, is read back by a real reader (csv-parse, ical.js, JSON.parse) to the same id and task
 * key. Nothing throws. (The SQL statements are held to the same by test/sql/unwritable-text.test.ts
 * with PGlite.)
 */
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { callListToCsv, itemsToCsv, parseTaskKey } from '../../src/adapters/csv/index.js';
import { toHubSpotTasks } from '../../src/adapters/hubspot/index.js';
import { toPipedriveActivities } from '../../src/adapters/pipedrive/index.js';
import { toSalesforceTasks } from '../../src/adapters/salesforce/index.js';
import { jsonLine } from '../../src/cli/outputs.js';
import { toICalendar } from '../../src/ical/index.js';
import { evaluate, parsePolicy, plan } from '../../src/index.js';

const policy = parsePolicy({
  version: 1,
  tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] }],
  defaultTier: 'A',
});
const owners = [{ id: 'u1', timeZone: 'UTC', dailyCapacity: 5 }];
const NOW = '2026-11-23T08:00:00Z';

const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '\uD800',
      '\uDFFF',
      '\uD83D\uDC4B',
      '\u0000',
      '\u0007',
      '\t',
      '\r',
      '\n',
      '\u2028',
      '\u2029',
      '\u0085',
      '"',
      "'",
      ',',
      ';',
      ':',
      '\\',
      '=',
      '+',
      '-',
      '@',
      '%',
      'é',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  minLength: 1,
  maxLength: 10,
});
const loneSurrogate = (text: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
/** Through a UTF-8 file: what a reader of the written file gets. */
const viaFile = (text: string) => Buffer.from(text, 'utf8').toString('utf8');
/**
 * The CSV writer's formula guard as OWASP states it (a `'` before a cell starting with = + - @ tab
 * CR), also before a cell that already reads as guarded (apostrophes, then such a start), so that
 * taking one `'` off every guarded cell gives each cell back.
 */
const guarded = (text: string) => (/^'*[=+\-@\t\r]/.test(text) ? `'${text}` : text);
const keyOf = (id: string) => `cc1:${encodeURIComponent(id)}:check-in:`;

describe('every writer: read back equal, or refused at intake', () => {
  it('CSV, NDJSON, iCalendar, HubSpot, Salesforce, Pipedrive', () => {
    fc.assert(
      fc.property(hostile, hostile, (id, name) => {
        const result = evaluate({ policy, contacts: [{ id, name, ownerId: 'u1' }], touches: [], owners, now: NOW });
        if (loneSurrogate(id)) {
          expect(result.items).toEqual([]);
          expect(result.errors.map((error) => error.code)).toContain('bad-id');
          return;
        }
        expect(result.items).toHaveLength(1);
        const planned = plan({ policy, items: result.items, owners, from: '2026-11-23', days: 3 });
        expect(planned.errors).toEqual([]);

        const items = parseCsv(viaFile(itemsToCsv(result.items)), { columns: true, bom: true }) as Record<string, string>[];
        expect(items.map((row) => row.contactId)).toEqual([guarded(id)]);
        const calls = parseCsv(viaFile(callListToCsv(planned)), { columns: true, bom: true }) as Record<string, string>[];
        expect(calls.map((row) => row.contactId)).toEqual([guarded(id)]);

        const line = jsonLine(result.items[0]);
        expect(line.split(/\r\n|[\n\r\u2028\u2029\u0085]/)).toHaveLength(1);
        expect((JSON.parse(viaFile(line)) as { contactId: string }).contactId).toBe(id);

        const calendar = ICAL.Component.fromString(viaFile(toICalendar(planned, { stamp: NOW })));
        const uids = calendar.getAllSubcomponents('vtodo').map((todo) => String(todo.getFirstPropertyValue('uid')));
        expect(uids).toHaveLength(1);
        expect(parseTaskKey(uids[0]!.replace(/@calling-cycle$/, ''))?.contactId).toBe(id);

        const hubspot = JSON.parse(viaFile(JSON.stringify(toHubSpotTasks(planned)))) as {
          id: string;
          associations: { to: { id: string } }[];
        }[];
        expect(hubspot[0]!.id.startsWith(keyOf(id))).toBe(true);
        expect(parseTaskKey(hubspot[0]!.id)?.contactId).toBe(id);
        expect(hubspot[0]!.associations[0]!.to.id).toBe(id);
        const salesforce = JSON.parse(viaFile(JSON.stringify(toSalesforceTasks(planned)))) as {
          WhoId: string;
          Calling_Cycle_Key__c: string;
        }[];
        expect(salesforce[0]!.WhoId).toBe(id);
        expect(parseTaskKey(salesforce[0]!.Calling_Cycle_Key__c)?.contactId).toBe(id);
        const pipedrive = JSON.parse(viaFile(JSON.stringify(toPipedriveActivities(planned)))) as {
          participants: { person_id: string }[];
        }[];
        expect(pipedrive[0]!.participants[0]!.person_id).toBe(id);
      }),
      // Cells that already read as guarded (an apostrophe before a formula start) are written with one more.
      { numRuns: 150, examples: [["'+\u0000", '\u0000'], ["''=x", "'-"]] },
    );
  }, 120_000);
});
