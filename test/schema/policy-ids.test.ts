/**
 * Tier and cycle ids are written by every writer (task keys, CSV columns, calendar entries), so a
 * policy whose tier or cycle id holds a lone UTF-16 surrogate is refused where it comes in, by the
 * engine's check and by the zod schema alike (docs/errors.md, "Ids every output can carry").
 */
import { describe, expect, it } from 'vitest';
import { PolicyError, parsePolicy } from '../../src/index.js';
import { policySchema } from '../../src/schema/zod/index.js';

const policyWith = (tierId: string, cycleId: string) => ({
  version: 1,
  tiers: [{ id: tierId, weight: 1, cycles: [{ id: cycleId, cadence: { every: 'P14D' } }] }],
  defaultTier: tierId,
});

const ROWS: { name: string; tierId: string; cycleId: string; path: (string | number)[] }[] = [
  { name: 'a lone high surrogate in a tier id', tierId: 'A\uD800', cycleId: 'c', path: ['tiers', 0, 'id'] },
  { name: 'a lone low surrogate in a cycle id', tierId: 'A', cycleId: '\uDC00c', path: ['tiers', 0, 'cycles', 0, 'id'] },
];

describe('policy ids no output can carry', () => {
  for (const row of ROWS) {
    it(`${row.name} is refused by parsePolicy and by policySchema, at its path`, () => {
      const json = policyWith(row.tierId, row.cycleId);
      let thrown: unknown;
      try {
        parsePolicy(json);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(PolicyError);
      const issues = (thrown as PolicyError).issues.filter((issue) => /surrogate/.test(issue.message));
      expect(issues.map((issue) => issue.path)).toEqual([row.path]);
      const zod = policySchema.safeParse(json);
      expect(zod.success).toBe(false);
      expect(zod.error?.issues.filter((issue) => /surrogate/.test(issue.message)).map((issue) => issue.path)).toEqual([row.path]);
    });
  }

  it('astral characters in tier and cycle ids are ids as before', () => {
    expect(parsePolicy(policyWith('A\uD83D\uDC4B', '\uD83D\uDCDE')).tiers[0]!.id).toBe('A\uD83D\uDC4B');
  });
});
