/**
 * The engine checks a policy with its own small validator; zod's schema is the policy's schema
 * language (JSON Schemas, `calling-cycle/zod`). The two must give the same answer: on random
 * near-valid policies, with odd values swapped in anywhere, both accept or both reject, with the
 * same issues (code, path, message, in order), and an accepted policy comes out the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeParsePolicy } from '../../src/index.js';
import { crossReferenceIssues } from '../../src/schema/rules.js';
import { policyObject, policySchema } from '../../src/schema/zod/policy.js';
import { nearPolicyFrom, nearValidPolicy } from './near-valid-policy.js';

function zodVerdict(json: unknown) {
  const result = policyObject.safeParse(json);
  const shape = result.success
    ? []
    : result.error.issues.map((issue) => ({
        code: issue.code,
        path: issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
        message: issue.message,
      }));
  const issues = [...shape, ...crossReferenceIssues(json)];
  return issues.length === 0 && result.success ? { success: true as const, data: result.data } : { success: false as const, issues };
}

// Values a JavaScript caller (not only JSON) can hand over: every type zod names differently.
const oddValues = fc.constantFrom<unknown>(
  undefined,
  null,
  -1,
  0,
  1.5,
  2,
  2 ** 60,
  -(2 ** 60),
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  '',
  'x',
  'P14D',
  'FREQ=DAILY',
  '2026-01-01',
  true,
  [],
  [''],
  [1, 'a'],
  {},
  { extra: 1 },
  { every: 'P1D', per: 'week' },
  { lapsed: 'P1D' },
  { attribute: 'a', lapsed: 'P1D' },
  { '': 1 },
  new Date(0),
  new Map(),
  () => 1,
  10n,
);

describe('the policy check and the zod schema', () => {
  // Odd values make a near-valid policy valid only now and then (a few in a thousand, some runs
  // none), so that row asks only for refusals; the valid-looking row exercises both verdicts.
  it.each([
    ['random near-valid policies', nearPolicyFrom(oddValues), 0],
    ['random valid-looking policies', nearValidPolicy, 5],
  ] as const)('agree on %s: verdict, issues and data', (_name, arbitrary, leastAccepted) => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(arbitrary, (document) => {
        const ours = safeParsePolicy(document);
        const theirs = zodVerdict(document);
        expect(ours).toEqual(theirs);
        if (ours.success) accepted++;
        else rejected++;
      }),
      { numRuns: 1000 },
    );
    // Both sides of the verdict were exercised (acceptance where the arbitrary makes it likely).
    expect(accepted).toBeGreaterThanOrEqual(leastAccepted);
    expect(rejected).toBeGreaterThan(5);
  });

  it.each([
    ['a number for an id', { version: 1, tiers: [{ id: 7, cycles: [{ id: 'c', cadence: { every: 'P1D' } }] }] }],
    ['an empty array for an id', { version: 1, tiers: [{ id: [], cycles: [{ id: 'c', cadence: { every: 'P1D' } }] }] }],
    ['unknown keys', { version: 1, colour: 'red', size: 2, tiers: [{ id: 'A', x: 1, cycles: [{ id: 'c', cadence: { every: 'P1D' } }] }] }],
    [
      'an empty calendar name',
      { version: 1, calendars: { '': {} }, tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P1D' } }] }] },
    ],
    [
      'a Date for calendars',
      { version: 1, calendars: new Date(0), tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P1D' } }] }] },
    ],
    [
      'a fractional huge weight',
      { version: 1, tiers: [{ id: 'A', weight: 2 ** 60 + 0.5, cycles: [{ id: 'c', cadence: { every: 'P1D' } }] }] },
    ],
    ['an unsafe integer count', { version: 1, tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { per: 'week', times: 2 ** 60 } }] }] }],
    [
      'a condition of both kinds',
      {
        version: 1,
        tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P1D' } }] }],
        assign: [{ tier: 'A', when: { attribute: 'a', lapsed: 'P1D' } }],
      },
    ],
    [
      'a lapse with a bad duration',
      {
        version: 1,
        tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P1D' } }] }],
        assign: [{ tier: 'A', when: { lapsed: 'P1X' } }],
      },
    ],
    [
      'a rule with no date',
      { version: 1, tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', earlyDays: -1 } }] }] },
    ],
    [
      'an assign rule with neither when nor top',
      { version: 1, tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P1D' } }] }], assign: [{ tier: 'A', z: 1 }] },
    ],
    ['a string', 'policy'],
    ['nothing', undefined],
  ])('agree on %s', (_name, document) => {
    expect(safeParsePolicy(document)).toEqual(zodVerdict(document));
  });

  it('the exported zod schema accepts what parsePolicy accepts and rejects what it rejects', () => {
    fc.assert(
      fc.property(nearPolicyFrom(oddValues), (document) => {
        expect(policySchema.safeParse(document).success).toBe(safeParsePolicy(document).success);
      }),
      { numRuns: 300 },
    );
  });
});
