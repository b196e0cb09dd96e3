/**
 * compileSql by rule: hand-checked dates in both embedded databases (month ends, leap years,
 * shifts), refusals by policy path, the range guards, and `now` given three ways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, isCallingCycleError, type Policy, parsePolicy } from '../../src/index.js';
import { bookTableStatements, compileShardedSql, compileSql, SqlUnsupportedError, sqlSupportTables, supportTableStatements } from '../../src/sql/index.js';
import { deepFreeze } from '../helpers.js';
import { openDuckdb, openPglite, type SqlItemRow, type TestDatabase } from './databases.js';

const rolling = (every: string, extra: Record<string, unknown> = {}): Policy =>
  parsePolicy({
    version: 1,
    timeZone: 'UTC',
    calendars: { plain: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR'], holidays: ['2026-03-02'] } },
    calendar: 'plain',
    tiers: [{ id: 'A', cycles: [{ id: 'check-in', cadence: { every }, shift: 'none', ...extra }] }],
    defaultTier: 'A',
  });

async function dueOn(db: TestDatabase, policy: Policy, touchAt: string, now: string): Promise<SqlItemRow> {
  const support = sqlSupportTables(policy, { from: '2025-01-01', to: '2029-12-31', zones: ['Europe/London'] });
  await db.run(supportTableStatements(support, { dialect: db.dialect }));
  await db.run(
    bookTableStatements(
      { contacts: [{ id: 'c1', createdAt: '2025-06-01T00:00:00Z' }], touches: [{ contactId: 'c1', at: touchAt, channel: 'call' }] },
      { dialect: db.dialect },
    ),
  );
  const rows = await db.items(compileSql(policy, { dialect: db.dialect }).sql, [now]);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

for (const [name, open] of [
  ['PGlite', openPglite],
  ['DuckDB', openDuckdb],
] as const) {
  describe(`dates in ${name}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await open();
    }, 60_000);
    afterAll(async () => {
      await db?.close();
    });

    // Civil-date arithmetic, checked by hand against a calendar: months clamp to the month's end,
    // then days are added (luxon's and Temporal's order).
    it.each([
      ['P1M from Jan 31 in a common year is Feb 28', 'P1M', '2026-01-31T12:00:00Z', '2026-02-28'],
      ['P1M from Jan 31 in a leap year is Feb 29', 'P1M', '2028-01-31T12:00:00Z', '2028-02-29'],
      ['P1M15D from Jan 31 is Feb 28 + 15 days', 'P1M15D', '2026-01-31T12:00:00Z', '2026-03-15'],
      ['P1Y from Feb 29 is Feb 28', 'P1Y', '2028-02-29T12:00:00Z', '2029-02-28'],
      ['P3M from Nov 30 is Feb 28', 'P3M', '2025-11-30T12:00:00Z', '2026-02-28'],
      ['P2W is fourteen days', 'P2W', '2026-03-20T12:00:00Z', '2026-04-03'],
    ])('%s', async (_title, every, touchAt, expected) => {
      const row = await dueOn(db, rolling(every), touchAt, '2029-06-01T00:00:00Z');
      expect(row.dueOn).toBe(expected);
    });

    it('a due date on a holiday moves by the shift: 2026-03-02 (a Monday holiday) → Tue 3 following, Fri Feb 27 preceding', async () => {
      const following = await dueOn(db, rolling('P1M', { shift: 'following' }), '2026-02-02T12:00:00Z', '2026-02-03T00:00:00Z');
      const preceding = await dueOn(db, rolling('P1M', { shift: 'preceding' }), '2026-02-02T12:00:00Z', '2026-02-03T00:00:00Z');
      expect([following.dueOn, preceding.dueOn]).toEqual(['2026-03-03', '2026-02-27']);
    });

    it('a touch at 23:30 UTC on Oct 31 is Nov 1 in Tokyo: the local date comes from the zone table', async () => {
      const policy = parsePolicy({
        version: 1,
        timeZone: 'Asia/Tokyo',
        tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P1D' }, shift: 'none' }] }],
        defaultTier: 'A',
      });
      const row = await dueOn(db, policy, '2026-10-31T23:30:00Z', '2026-11-01T00:00:00Z');
      expect(row.dueOn).toBe('2026-11-02');
    });

    it('now outside the zone table is a row with status out-of-range, not a failed query', async () => {
      const policy = rolling('P1M');
      await dueOn(db, policy, '2026-01-31T12:00:00Z', '2026-01-31T12:00:00Z');
      const rows = await db.items(compileSql(policy, { dialect: db.dialect }).sql, ['2031-01-01T00:00:00Z']);
      expect(rows).toEqual([expect.objectContaining({ contactId: 'c1', status: 'out-of-range', dueOn: null, daysOverdue: 0 })]);
    });

    it('a due date past the work-day table is a row with status out-of-range, not a failed query; the other rows stand', async () => {
      const policy = rolling('P10Y', { shift: 'following' });
      const support = sqlSupportTables(policy, { from: '2025-01-01', to: '2026-12-31', zones: [], dueHorizon: 'P1Y' });
      await db.run(supportTableStatements(support, { dialect: db.dialect }));
      await db.run(
        bookTableStatements(
          {
            contacts: [{ id: 'c1' }, { id: 'c2', createdAt: '2026-01-20T00:00:00Z' }],
            touches: [{ contactId: 'c1', at: '2026-01-05T12:00:00Z', channel: 'call' }],
          },
          { dialect: db.dialect },
        ),
      );
      const rows = await db.items(compileSql(policy, { dialect: db.dialect }).sql, ['2026-02-01T00:00:00Z']);
      expect(rows.sort((a, b) => (a.contactId < b.contactId ? -1 : 1))).toEqual([
        expect.objectContaining({ contactId: 'c1', status: 'out-of-range', dueOn: null, daysOverdue: 0, escalation: null }),
        expect.objectContaining({ contactId: 'c2', status: 'overdue', dueOn: '2026-01-20' }),
      ]);
    });

    it('matches zone names without regard to case, as evaluate does (europe/london is London)', async () => {
      const policy = parsePolicy({
        version: 1,
        tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P1D' }, shift: 'none' }] }],
        defaultTier: 'A',
      });
      const support = sqlSupportTables(policy, { from: '2026-01-01', to: '2026-12-31', zones: ['Europe/London'] });
      await db.run(supportTableStatements(support, { dialect: db.dialect }));
      const book = {
        contacts: [
          { id: 'c1', timeZone: 'europe/london' },
          { id: 'c2', timeZone: 'EUROPE/LONDON' },
        ],
        // 23:30 UTC on June 30 is July 1 in London (BST).
        touches: [
          { contactId: 'c1', at: '2026-06-30T23:30:00Z', channel: 'call' as const },
          { contactId: 'c2', at: '2026-06-30T23:30:00Z', channel: 'call' as const },
        ],
      };
      await db.run(bookTableStatements(book, { dialect: db.dialect }));
      const now = '2026-07-10T12:00:00Z';
      const core = evaluate({ policy, ...book, now });
      expect(core.errors).toEqual([]);
      const rows = await db.items(compileSql(policy, { dialect: db.dialect }).sql, [now]);
      expect(rows.map((row) => row.dueOn)).toEqual(['2026-07-02', '2026-07-02']);
      expect(rows.map((row) => row.dueOn)).toEqual(core.items.map((item) => item.dueOn));
    });

    it('a policy whose every cycle is omitted gives a query with no rows, not an exception', async () => {
      const policy = parsePolicy({
        version: 1,
        tiers: [{ id: 'A', cycles: [{ id: 'm', cadence: { rrule: 'FREQ=MONTHLY' } }] }],
        defaultTier: 'A',
      });
      const compiled = compileSql(policy, { dialect: db.dialect, unsupportedCycles: 'omit' });
      expect(compiled.omittedCycles.map((cycle) => cycle.cycleId)).toEqual(['m']);
      await dueOn(db, rolling('P1M'), '2026-01-31T12:00:00Z', '2026-02-01T00:00:00Z');
      expect(await db.items(compiled.sql, ['2026-02-01T00:00:00Z'])).toEqual([]);
    });

    it('anchored on createdAt or an event: the first rule date on or after the anchor, and after the last touch', async () => {
      const policy = parsePolicy({
        version: 1,
        timeZone: 'UTC',
        tiers: [
          {
            id: 'A',
            cycles: [
              // Every first Tuesday from the contact's creation.
              { id: 'created', cadence: { rrule: 'FREQ=MONTHLY;BYDAY=1TU' }, shift: 'none' },
              // Every second week from the renewal date, by day arithmetic.
              { id: 'renewal', cadence: { rrule: 'FREQ=WEEKLY;INTERVAL=2', anchor: 'renewal' }, shift: 'none' },
            ],
          },
        ],
        defaultTier: 'A',
      });
      const support = sqlSupportTables(policy, { from: '2025-01-01', to: '2026-12-31', zones: [] });
      await db.run(supportTableStatements(support, { dialect: db.dialect }));
      await db.run(
        bookTableStatements(
          {
            // Created Wed 2026-03-04: the next first Tuesday is 2026-04-07. Renewal Mon 2026-03-02:
            // every other Monday; touched Tue 2026-03-17, the next is 2026-03-30.
            contacts: [{ id: 'c1', createdAt: '2026-03-04T10:00:00Z', events: { renewal: '2026-03-02' } }],
            touches: [{ contactId: 'c1', at: '2026-03-17T10:00:00Z', channel: 'call', purpose: 'x' }],
          },
          { dialect: db.dialect },
        ),
      );
      const rows = await db.items(compileSql(policy, { dialect: db.dialect }).sql, ['2026-03-20T00:00:00Z']);
      expect(Object.fromEntries(rows.map((row) => [row.cycleId, row.dueOn]))).toEqual({ created: '2026-04-07', renewal: '2026-03-30' });
    });

    it('gives the same rows with now as a parameter, a literal, or an SQL expression', async () => {
      const policy = rolling('P14D');
      const viaParameter = await dueOn(db, policy, '2026-01-31T12:00:00Z', '2026-02-20T08:00:00Z');
      const literal = compileSql(policy, { dialect: db.dialect, now: '2026-02-20T08:00:00Z' });
      const expression = compileSql(policy, { dialect: db.dialect, now: { sql: "CAST('2026-02-20T08:00:00Z' AS TIMESTAMPTZ)" } });
      expect(literal.parameters).toEqual([]);
      expect(viaParameter).toMatchObject({ status: 'overdue', dueOn: '2026-02-14', daysOverdue: 6 });
      for (const compiled of [literal, expression]) expect(await db.items(compiled.sql, [])).toEqual([viaParameter]);
    });
  });
}

describe('compileSql refuses what it does not cover', () => {
  const policy = parsePolicy({
    version: 1,
    tiers: [
      { id: 'A', cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] },
      // Monthly on each contact's own day of month: one series per contact.
      { id: 'B', cycles: [{ id: 'monthly', cadence: { rrule: 'FREQ=MONTHLY' } }] },
    ],
    assign: [{ tier: 'A', when: { attribute: 'odd"name', exists: true } }],
    defaultTier: 'B',
  });

  it('names every unsupported policy path in one error', () => {
    let thrown: unknown;
    try {
      compileSql(policy, { dialect: 'postgres' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SqlUnsupportedError);
    expect(isCallingCycleError(thrown)).toBe(true);
    const paths = (thrown as SqlUnsupportedError).issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(['tiers.1.cycles.0.cadence.anchor', 'assign.0.when.attribute']);
    expect((thrown as Error).message).toContain('tiers[1].cycles[0].cadence.anchor');
  });

  it("with unsupportedCycles: 'omit', leaves out the cycle it cannot compute and says which, but still refuses an assign rule", () => {
    const cyclesOnly = parsePolicy({ ...policy, assign: [] });
    const compiled = compileSql(cyclesOnly, { dialect: 'duckdb', unsupportedCycles: 'omit' });
    expect(compiled.omittedCycles).toEqual([
      {
        tierId: 'B',
        cycleId: 'monthly',
        path: ['tiers', 1, 'cycles', 0, 'cadence', 'anchor'],
        message: expect.stringContaining('do not depend on its start'),
      },
    ]);
    expect(compiled.sql).toContain("'check-in' AS cycle_id");
    expect(compiled.sql).not.toContain("'monthly' AS cycle_id");
    expect(() => compileSql(policy, { dialect: 'duckdb', unsupportedCycles: 'omit' })).toThrow(SqlUnsupportedError);
  });

  it('refuses an unknown dialect', () => {
    expect(() => compileSql(policy, { dialect: 'mysql' as never })).toThrow(/unknown dialect/);
  });

  it("refuses unknown values, and leaves the text query as it was when values is 'text'", () => {
    expect(() => compileSql(policy, { dialect: 'duckdb', values: 'native' as never })).toThrow(/unknown values "native"/);
    expect(compileSql(rolling('P1M'), { dialect: 'postgres', values: 'text' }).sql).toBe(compileSql(rolling('P1M'), { dialect: 'postgres' }).sql);
  });

  it("passes values: 'typed' to compileShardedSql's items step (its other steps write no dates)", () => {
    const typed = compileShardedSql(rolling('P1M'), { dialect: 'postgres', values: 'typed' });
    const text = compileShardedSql(rolling('P1M'), { dialect: 'postgres' });
    expect(text.items.sql).toContain("to_char(u.due, 'YYYY-MM-DD')");
    expect(typed.items.sql).not.toContain('to_char');
    expect(typed.items.sql).toContain('CAST(u.due AS DATE) END AS due_on');
    expect(typed.candidates.sql).toBe(text.candidates.sql);
  });

  it('does not mutate the policy', () => {
    const frozen = deepFreeze(rolling('P1M'));
    expect(() => compileSql(frozen, { dialect: 'duckdb' })).not.toThrow();
  });
});
