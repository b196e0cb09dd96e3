/**
 * Text the SQL tables cannot hold (NUL, which PostgreSQL refuses in TEXT and JSONB; a lone UTF-16
 * surrogate, which no UTF-8 text holds) is refused by `bookTableStatements` naming the record and
 * field, before any statement reaches the database; every other string loads and reads back equal
 * (PGlite is the reader). And `sqlSupportTables` refuses a range of centuries instead of running
 * for tens of minutes.
 */
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCallingCycleError, parsePolicy } from '../../src/index.js';
import { bookTableStatements, MAX_SUPPORT_YEARS, sqlSupportTables } from '../../src/sql/index.js';

let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
}, 60_000);
afterAll(async () => {
  await db.close();
});

const HOSTILE = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\u0000', '\uD800', '\uDC00', '\uD83D\uDC4B', "'", '"', '\\', '\n', '\r', '\u2028', '\u0085', '\u001F', ';', '$$'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  minLength: 1,
  maxLength: 12,
});
const unwritable = (text: string) =>
  text.includes('\u0000') || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('bookTableStatements and text the database cannot hold', () => {
  it('a NUL in a contact id is refused naming the record, not left to fail the batch', () => {
    let thrown: unknown;
    try {
      bookTableStatements({ contacts: [{ id: 'ok' }, { id: 'a\u0000b' }], touches: [] }, { dialect: 'postgres' });
    } catch (error) {
      thrown = error;
    }
    expect(isCallingCycleError(thrown)).toBe(true);
    expect((thrown as { issues: unknown[] }).issues).toEqual([expect.objectContaining({ code: 'bad-text', path: ['contacts', 1, 'id'] })]);
  });

  it('any string as an id, a tier, an attribute key and value: loaded and read back equal, or refused as bad-text', async () => {
    await fc.assert(
      fc.asyncProperty(HOSTILE, HOSTILE, HOSTILE, async (id, tier, note) => {
        const contact = { id, tier, attributes: { [note]: note } };
        let statements: string[];
        try {
          statements = bookTableStatements(
            { contacts: [contact], touches: [{ contactId: id, at: '2026-11-01T10:00:00Z', channel: 'call' }] },
            { dialect: 'postgres' },
          );
        } catch (error) {
          expect(isCallingCycleError(error)).toBe(true);
          expect([id, tier, note].some(unwritable)).toBe(true);
          return;
        }
        expect([id, tier, note].some(unwritable)).toBe(false);
        for (const statement of statements) await db.exec(statement);
        const rows = (
          await db.query<{ id: string; tier: string; attributes: Record<string, string> }>('SELECT id, tier, attributes FROM contacts')
        ).rows;
        expect(rows).toEqual([{ id, tier, attributes: { [note]: note } }]);
        const touches = (await db.query<{ contact_id: string }>('SELECT contact_id FROM touches')).rows;
        expect(touches).toEqual([{ contact_id: id }]);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('sqlSupportTables over centuries', () => {
  const policy = parsePolicy({
    version: 1,
    tiers: [{ id: 'A', weight: 1, cycles: [{ id: 'c', cadence: { every: 'P14D' } }] }],
    defaultTier: 'A',
  });

  it('years 1000 to 9999 are refused at once, naming `to` and the bound', () => {
    let thrown: unknown;
    try {
      sqlSupportTables(policy, { from: '1000-01-01', to: '9999-12-31', zones: ['Europe/London'] });
    } catch (error) {
      thrown = error;
    }
    expect(isCallingCycleError(thrown)).toBe(true);
    expect((thrown as { issues: unknown[] }).issues).toEqual([expect.objectContaining({ code: 'too_big', path: ['to'] })]);
    expect((thrown as Error).message).toContain(`more than ${MAX_SUPPORT_YEARS} years`);
  });

  it(`${MAX_SUPPORT_YEARS} years are taken`, () => {
    const support = sqlSupportTables(policy, { from: '1990-01-01', to: '2089-12-31', zones: [], dueHorizon: 'P1D' });
    expect(support.range.firstDay).toBe('1990-01-01');
  });
});
