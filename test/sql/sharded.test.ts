/**
 * compileShardedSql in PGlite and DuckDB: a random book split over three databases standing for
 * shards, its top-N candidates ranked in a fourth standing for the coordinator, and the items of
 * every shard must be `evaluate`'s items on the whole book. Policies always hold a top-N rule, and
 * the runs must include rankings that take contacts from more than one shard.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, parsePolicy } from '../../src/index.js';
import { bookTableStatements, compileShardedSql, compileSql, sqlSupportTables, supportTableStatements } from '../../src/sql/index.js';
import { bookArbitrary, OWNERS, type RandomBook, ZONES } from './books.js';
import { dayText, epochDay, rangeArbitrary } from './cut-range.js';
import { openDuckdb, openPglite, type TestDatabase } from './databases.js';
import { itemFields, prepareDatabase } from './parity.js';
import { tierContacts, tierPolicy, tierTouches } from './outside-tables.js';
import { loadShards, RANKING_ACROSS_SHARDS, shardedRun, TIE_ACROSS_SHARDS } from './sharded.js';

const byKey = (a: { contactId: string; cycleId: string }, b: { contactId: string; cycleId: string }) =>
  `${a.contactId} ${a.cycleId}`.localeCompare(`${b.contactId} ${b.cycleId}`);

// Every book's policy ranks: one to three assign rules, at least one of them top-N.
const withTopN = bookArbitrary.filter((book) =>
  ((book.policy.assign as { top?: unknown }[] | undefined) ?? []).some((rule) => rule.top !== undefined),
);

// Tiers lost across shards (the tables from 2026-04-01, a touch on 2026-03-30, lapsed P30D): c1
// (shard 2) may have lapsed, so c2's top-1 place (shard 0) is lost too, and c3 (shard 1) is out.
const LOST_RANGE = { from: epochDay('2026-04-01'), to: epochDay('2026-12-31') };
const LOST_ACROSS_SHARDS: RandomBook = {
  policy: JSON.parse(JSON.stringify(tierPolicy)) as Record<string, unknown>,
  contacts: tierContacts,
  touches: tierTouches,
  owners: OWNERS,
  snoozes: [],
  now: '2026-04-29T10:00:00.000Z',
};
// The lapsed rule inside the first top-N rule: c1 may be its top one, so the second rule counts
// c1 as one that may be eligible, and c2's place there is lost; a shard cannot know c1's fate.
const LOST_IN_EARLIER_RANKING: RandomBook = {
  ...LOST_ACROSS_SHARDS,
  policy: {
    ...LOST_ACROSS_SHARDS.policy,
    assign: [
      { tier: 'lapsed', top: { by: 'revenue', n: 1 }, when: { lapsed: 'P30D' } },
      { tier: 'top', top: { by: 'revenue', n: 1 } },
    ],
  },
};

for (const [name, open, runs] of [
  ['DuckDB', openDuckdb, 20],
  ['PGlite', openPglite, 20],
] as const) {
  describe(`compileShardedSql over three ${name} shards`, () => {
    const shards: TestDatabase[] = [];
    let coordinator: TestDatabase;
    beforeAll(async () => {
      for (let index = 0; index < 3; index++) {
        shards.push(await open());
        await prepareDatabase(shards[index]!);
      }
      coordinator = await open();
    }, 120_000);
    afterAll(async () => {
      for (const db of [...shards, coordinator]) await db?.close();
    });

    it(`equals evaluate on ${runs} random books with top-N rules, rankings across shards included`, async () => {
      let crossing = 0;
      await fc.assert(
        fc.asyncProperty(withTopN, async (book) => {
          await loadShards(shards, book);
          const { items, shardsWithCandidates, taken } = await shardedRun(shards, coordinator, book);
          if (shardsWithCandidates > 1 && taken > 0) crossing++;
          const core = evaluate({ ...book, policy: parsePolicy(book.policy) });
          expect(items.sort(byKey)).toEqual(core.items.map(itemFields).sort(byKey));
        }),
        { numRuns: runs, examples: [[TIE_ACROSS_SHARDS], [RANKING_ACROSS_SHARDS]] },
      );
      expect(crossing).toBeGreaterThan(0);
    }, 600_000);

    it('a second top-N rule ranks what the first left, with both rankings spread over the shards', async () => {
      const policy = {
        version: 1,
        tiers: ['gold', 'silver', 'rest'].map((id) => ({ id, cycles: [{ id: 'check-in', cadence: { every: 'P7D' }, shift: 'none' }] })),
        assign: [
          { tier: 'gold', top: { by: 'revenue', n: 2 } },
          { tier: 'silver', top: { by: 'revenue', n: 2, per: 'owner' } },
        ],
        defaultTier: 'rest',
      };
      const revenue = [90, 80, 80, 70, 60, 50, 40, 30, 20, 10];
      const book = {
        policy,
        contacts: revenue.map((value, index) => ({
          id: `k${index}`,
          ownerId: index % 2 === 0 ? 'u1' : 'u2',
          attributes: { revenue: value },
        })),
        touches: [],
        snoozes: [],
        owners: [{ id: 'u1' }, { id: 'u2' }],
        now: '2026-06-01T12:00:00Z',
      };
      await loadShards(shards, book);
      const { items, shardsWithCandidates } = await shardedRun(shards, coordinator, book);
      expect(shardsWithCandidates).toBeGreaterThan(1);
      const tiers = Object.fromEntries(items.map((item) => [item.contactId, item.tierId]));
      // gold: 90 and the first 80 by id; silver: the top two left per owner (u1: k2, k4; u2: k3, k5).
      expect(tiers).toEqual({
        k0: 'gold',
        k1: 'gold',
        k2: 'silver',
        k3: 'silver',
        k4: 'silver',
        k5: 'silver',
        k6: 'rest',
        k7: 'rest',
        k8: 'rest',
        k9: 'rest',
      });
    });

    // Last: it loads zone tables of other ranges, and puts the suite's own back when done.
    it(`with the support tables cut short, equals compileSql on the whole book, lost tiers included (${Math.ceil(runs / 2)} random books)`, async () => {
      let lost = 0;
      try {
        await fc.assert(
          fc.asyncProperty(withTopN, rangeArbitrary, async (book, range) => {
            const cut = { from: dayText(range.from), to: dayText(range.to), dueHorizon: 'P2Y' };
            await loadShards(shards, book, cut);
            const { items } = await shardedRun(shards, coordinator, book);
            // The whole book in one database (the coordinator's), by the one query.
            const policy = parsePolicy(book.policy);
            const dialect = coordinator.dialect;
            await coordinator.run(supportTableStatements(sqlSupportTables(policy, { ...cut, zones: ZONES }), { dialect }));
            await coordinator.run(bookTableStatements(book, { dialect }));
            const whole = await coordinator.items(compileSql(policy, { dialect }).sql, [book.now]);
            lost += whole.filter((row) => row.cycleId === 'null').length;
            expect(items.sort(byKey)).toEqual(whole.sort(byKey));
          }),
          {
            numRuns: Math.ceil(runs / 2),
            examples: [
              [LOST_ACROSS_SHARDS, LOST_RANGE],
              [LOST_IN_EARLIER_RANKING, LOST_RANGE],
            ],
          },
        );
      } finally {
        for (const shard of shards) await prepareDatabase(shard);
      }
      expect(lost).toBeGreaterThan(0);
    }, 600_000);
  });
}

describe('compileShardedSql', () => {
  it('without a top-N rule, steps 1 and 2 are empty queries without parameters, and step 3 is compileSql', () => {
    const policy = parsePolicy({ version: 1, tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P7D' } }] }], defaultTier: 'A' });
    const split = compileShardedSql(policy, { dialect: 'postgres' });
    expect(split.candidates.parameters).toEqual([]);
    expect(split.candidates.sql).toMatch(/WHERE FALSE$/);
    expect(split.ranking.sql).toMatch(/WHERE FALSE$/);
    expect(split.items.parameters).toEqual(['now']);
    expect(split.items.sql).not.toContain('cc_top_tiers');
  });
});
