/**
 * Every writer, fed by the engine, with arbitrary ids and names (lone surrogates, control
 * characters, line separators, quotes, formula starts): the record is refused at intake
 * (`bad-id`, the rule of docs/errors.md), or each writer's output, passed through UTF-8 as a file
 * would be, is read back by a real reader (csv-parse, ical.js, JSON.parse) to the same id and task
 * key. Nothing throws. The SQL statements, loaded into DuckDB, read back equal or are refused as
 * `bad-text` naming the field (test/sql/unwritable-text.test.ts holds them to the same with PGlite).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callListToCsv, itemsToCsv, parseTaskKey } from '../../src/adapters/csv/index.js';
import { toHubSpotTasks } from '../../src/adapters/hubspot/index.js';
import { toPipedriveActivities } from '../../src/adapters/pipedrive/index.js';
import { toSalesforceTasks } from '../../src/adapters/salesforce/index.js';
import { jsonLine } from '../../src/cli/outputs.js';
import { toICalendar } from '../../src/ical/index.js';
import { evaluate, InputError, parsePolicy, plan } from '../../src/index.js';
import { bookTableStatements } from '../../src/sql/index.js';

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

/** A well-formed book's items and plan, for the hand-built copies. */
const template = (() => {
  const { items } = evaluate({ policy, contacts: [{ id: 'c1', ownerId: 'u1' }], touches: [], owners, now: NOW });
  return { items, plan: plan({ policy, items, owners, from: '2026-11-23', days: 3 }) };
})();

describe('every writer: read back equal, or refused at intake (and by the writer, built by hand)', () => {
  it('CSV, NDJSON, iCalendar, HubSpot, Salesforce, Pipedrive', () => {
    fc.assert(
      fc.property(hostile, hostile, (id, name) => {
        const result = evaluate({ policy, contacts: [{ id, name, ownerId: 'u1' }], touches: [], owners, now: NOW });
        if (loneSurrogate(id)) {
          expect(result.items).toEqual([]);
          expect(result.errors.map((error) => error.code)).toContain('bad-id');
          // Built by hand instead, the same id is refused by every writer: an InputError, never a URIError.
          const items = [{ ...template.items[0]!, contactId: id }];
          const handPlan = structuredClone(template.plan);
          handPlan.owners[0]!.days[0]!.touches[0]!.contactId = id;
          for (const write of [
            () => itemsToCsv(items),
            () => callListToCsv(handPlan),
            () => toICalendar(items, { stamp: NOW }),
            () => toICalendar(handPlan, { stamp: NOW }),
            () => toHubSpotTasks(items),
            () => toHubSpotTasks(handPlan),
            () => toSalesforceTasks(items),
            () => toSalesforceTasks(handPlan),
            () => toPipedriveActivities(items),
            () => toPipedriveActivities(handPlan),
          ]) {
            expect(write).toThrow(InputError);
            try {
              write();
            } catch (error) {
              expect((error as InputError).issues.map((issue) => issue.code)).toEqual(['bad-id']);
            }
          }
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

describe('the SQL statements, through DuckDB: read back equal, or refused as bad-text', () => {
  let instance: DuckDBInstance;
  let connection: Awaited<ReturnType<DuckDBInstance['connect']>>;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  }, 60_000);
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });
  /** NUL, which the statements refuse for every dialect (PostgreSQL cannot hold it), or a lone surrogate. */
  const unwritable = (text: string) => text.includes('\u0000') || loneSurrogate(text);
  const seen = { loaded: 0, refused: 0 };
  const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];

  it('ids, tiers, owners, snoozed cycles, attribute keys and values', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, hostile, hostile, async (id, tier, note) => {
        const book = {
          contacts: [{ id, tier, ownerId: note, attributes: { [note]: note } }],
          touches: [{ contactId: id, at: '2026-11-01T10:00:00Z', channel: 'call' as const, purpose: note }],
          owners: [{ id: note, timeZone: 'UTC' }],
          snoozes: [{ contactId: id, cycleId: tier, until: '2026-12-01' }],
        };
        let statements: string[];
        try {
          statements = bookTableStatements(book, { dialect: 'duckdb' });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          const issues = (error as InputError).issues;
          expect(issues.length).toBeGreaterThan(0);
          expect(issues.every((issue) => issue.code === 'bad-text')).toBe(true);
          expect([id, tier, note].some(unwritable)).toBe(true);
          seen.refused++;
          return;
        }
        expect([id, tier, note].some(unwritable)).toBe(false);
        for (const statement of statements) await connection.run(statement);
        const contacts = await rows('SELECT id, tier, owner_id, CAST(attributes AS VARCHAR) AS attributes FROM contacts');
        expect(contacts.map((row) => ({ ...row, attributes: JSON.parse(String(row.attributes)) }))).toEqual([
          { id, tier, owner_id: note, attributes: { [note]: note } },
        ]);
        expect(await rows('SELECT contact_id, purpose FROM touches')).toEqual([{ contact_id: id, purpose: note }]);
        expect(await rows('SELECT id FROM owners')).toEqual([{ id: note }]);
        expect(await rows('SELECT contact_id, cycle_id FROM snoozes')).toEqual([{ contact_id: id, cycle_id: tier }]);
        seen.loaded++;
      }),
      { numRuns: 100 },
    );
    // Both sides of the property were tried (each has a chance above 1/4 a run).
    expect(seen.loaded).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  }, 120_000);
});
